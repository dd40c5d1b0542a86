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
    /// HC and mHC against the residual per size: mean (line), each seed (dots) and the 95% interval (whiskers), HC just
    /// left of each size and mHC just right; `reference` is the no-difference level.
    func versus(_ interval: (SizeResult, ConnectionKind) -> SeedInterval, reference: Double) -> (Whiskers, [String]) {
      let w = Whiskers(
        sideBySide: [ConnectionKind.hc, .mhc].map { k in (k.rawValue, results.map { ($0.compute, interval($0, k)) }) },
        spread: 1.04)
      return (w, w.extra(reference: reference))
    }
    var lossSeries: [Series] = []
    for kind in variants {
      let points = results.map { ($0.compute, $0.loss(kind)) }
      lossSeries += Whiskers(sideBySide: [(kind.rawValue, points)], spread: 1).series
      if let f = fits[kind] {
        lossSeries.append(
          Series(
            "\(kind.rawValue) fit \(cell(f.a, 3))·C^-\(cell(f.b, 3))", color: PlotStyle.color(for: kind.rawValue),
            points: grid.map { ($0, f($0)) }, dash: 2, width: 1))
      }
    }
    let (gaps, gapExtra) = versus({ $0.gap($1).differences }, reference: 0)
    let (ratios, ratioExtra) = versus({ $0.ratio($1) }, reference: 1)
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
            + logAxis(results.flatMap { r in variants.flatMap { r.loss($0).values } })),
        Panel(
          title: "absolute loss gap: variant − residual (whiskers: 95% interval; dots: seeds)",
          xlabel: "training compute (FLOPs)", ylabel: "loss gap (nats/byte)", logx: true, series: gaps.series,
          extra: xaxis + gapExtra),
        Panel(
          title: "relative loss ratio: variant / residual (whiskers: 95% interval; dots: seeds)",
          xlabel: "training compute (FLOPs)", ylabel: "loss ratio", logx: true, series: ratios.series,
          extra: xaxis + ratioExtra),
      ], columns: 3, width: 1800, height: 560)
  }

}
