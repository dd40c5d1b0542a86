// scaling — the figures: loss vs compute with power-law fits; the long runs' gap and ratio
// over training.

import Experiments
import Foundation
import MHC
import MHCHarness

extension Scaling {
  /// Final loss vs compute with the fitted power laws; gap and ratio to the baseline per size.
  func computeFigure(_ results: [SizeResult], fits: [ConnectionKind: PowerLaw]) -> GnuplotFigure {
    let compute = results.map(\.compute)
    let lo = (compute.min() ?? 1) / 1.5, hi = (compute.max() ?? 1) * 1.5
    let grid = (0...24).map { lo * pow(hi / lo, Double($0) / 24) }
    // Each size is named on the top axis: width/depth and non-embedding parameters of the baseline.
    let sizeTics = results.map { "\"\($0.size.label)\\n\(millions($0.parameters(.residual)))\" \($0.compute)" }
    let xaxis = [
      "set xrange [\(lo):\(hi)]", "set x2range [\(lo):\(hi)]", "set logscale x2", "set format x '%.0e'",
      "set x2tics (\(sizeTics.joined(separator: ", "))) font ',9' textcolor rgb '#555555'",
      "set tmargin 6", "set title offset 0,1.2",
    ]
    func line(at y: Int) -> String {
      Gnuplot.horizontalLine(at: "\(y)")
    }
    /// The mean over seeds (line) and every seed (dots) of `value` for `kind`, per size, at `shift` × the compute.
    func series(
      _ kind: ConnectionKind, _ mean: (SizeResult) -> Double, _ seeds: (SizeResult) -> [Double],
      shift: Double = 1
    ) -> [Series] {
      [
        Series(
          kind.rawValue, points: results.map { ($0.compute * shift, mean($0)) }.filter { $0.1.isFinite },
          style: "linespoints"),
        Series(
          "", color: PlotStyle.color(for: kind.rawValue),
          points: results.flatMap { r in seeds(r).map { (r.compute * shift, $0) } }, style: "points"),
      ]
    }
    /// HC and mHC against the residual per size: mean (line), each seed (dots) and the 95% interval (whiskers), HC just
    /// left of each size and mHC just right; `reference` is the no-difference level.
    func versus(
      _ interval: (SizeResult, ConnectionKind) -> SeedInterval,
      reference: Int
    ) -> (series: [Series], extra: [String]) {
      var out: [Series] = [], whiskers: [String] = [], ys = [Double(reference)]
      for (kind, shift) in [(ConnectionKind.hc, 1 / 1.04), (.mhc, 1.04)] {
        out += series(kind, { interval($0, kind).mean }, { interval($0, kind).values }, shift: shift)
        for r in results {
          let i = interval(r, kind)
          ys += i.values
          guard i.halfWidth.isFinite else { continue }
          ys += [i.lower, i.upper]
          let x = r.compute * shift
          whiskers.append(
            "set arrow from first \(x), first \(i.lower) to first \(x), first \(i.upper)"
              + " heads size screen 0.006,90 lc rgb '\(PlotStyle.color(for: kind.rawValue))' lw 1.5 front")
        }
      }
      let y = ys.filter(\.isFinite), lo = y.min() ?? 0, hi = y.max() ?? 0, pad = max(hi - lo, 0.005) * 0.12
      return (out, ["set yrange [\(lo - pad):\(hi + pad)]", line(at: reference)] + whiskers)
    }
    var lossSeries: [Series] = []
    for kind in variants {
      lossSeries += series(kind, { $0.loss(kind).mean }, { $0.loss(kind).values })
      if let f = fits[kind] {
        lossSeries.append(
          Series(
            "\(kind.rawValue) fit \(cell(f.a, 3))·C^-\(cell(f.b, 3))", color: PlotStyle.color(for: kind.rawValue),
            points: grid.map { ($0, f($0)) }, dash: 2, width: 1))
      }
    }
    let gaps = versus({ $0.gap($1).differences }, reference: 0), ratios = versus({ $0.ratio($1) }, reference: 1)
    let seeds = Set(results.map(\.seeds)).sorted().map(String.init).joined(separator: "/")
    let diverged = results.flatMap(\.runs).filter { $0.summary.status != .completed }.count
    return Chart.figure(
      "scaling-compute",
      title: "compute scaling: each size trained on tokens ∝ its parameters; "
        + "mean and 95% interval over \(seeds) seed(s) per size (paired by seed)"
        + (diverged > 0 ? " (\(diverged) diverged runs have no point)" : ""),
      panels: [
        Panel(
          title: "final validation loss (dashed: power-law fit)", xlabel: "training compute (FLOPs)",
          ylabel: "loss (nats/byte)",
          logx: true, logy: true, series: lossSeries,
          extra: xaxis + ["set key bottom left"]
            + logAxis(results.flatMap { r in variants.flatMap { r.losses($0).values } })),
        Panel(
          title: "absolute loss gap: variant − residual (whiskers: 95% interval; dots: seeds)",
          xlabel: "training compute (FLOPs)", ylabel: "loss gap (nats/byte)", logx: true, series: gaps.series,
          extra: xaxis + gaps.extra),
        Panel(
          title: "relative loss ratio: variant / residual (whiskers: 95% interval; dots: seeds)",
          xlabel: "training compute (FLOPs)", ylabel: "loss ratio", logx: true, series: ratios.series,
          extra: xaxis + ratios.extra),
      ], columns: 3, width: 1800, height: 560)
  }

}

/// y range and tics for a log axis spanning `values`: gnuplot labels only powers of ten, none within a decade.
func logAxis(_ values: [Double]) -> [String] {
  let v = values.filter { $0.isFinite && $0 > 0 }
  guard let lo = v.min().map({ $0 / 1.03 }), let hi = v.max().map({ $0 * 1.03 }) else { return [] }
  let raw = (hi - lo) / 5, magnitude = pow(10, floor(log10(raw)))
  let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
  let tics = stride(from: (lo / step).rounded(.up) * step, through: hi, by: step).map { String(format: "%g", $0) }
  return ["set yrange [\(lo):\(hi)]", "set ytics (\(tics.joined(separator: ", ")))"]
}
