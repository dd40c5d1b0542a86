// expansion — the figure: final loss and its gap to the residual over the expansion rate n.

import Foundation
import MHC
import MHCHarness

extension Expansion {
  func figure(residual: Group, variants: [[Group]]) -> GnuplotFigure {
    let rates = variants.flatMap { $0.map(\.n) }, lo = Double(rates.min() ?? 1), hi = Double(rates.max() ?? 8)
    let xaxis = [
      "set key below horizontal", "set bmargin 5", "set logscale x 2",
      "set xrange [\(lo / 1.25):\(hi * 1.25)]",
      "set xtics (\(Set(rates).sorted().map(String.init).joined(separator: ", ")))",
    ]
    /// HC and mHC (mean over seeds, and each seed as a dot) with the residual baseline as a dashed level.
    func panel(
      _ title: String, _ ylabel: String, logy: Bool = false, _ value: (Group) -> Double,
      seeds: ((Group) -> [Double])? = nil
    ) -> Panel {
      var series = [
        Series("residual", points: [(lo / 1.25, value(residual)), (hi * 1.25, value(residual))], dash: 2, width: 1.5)
      ]
      for groups in variants {
        guard let kind = groups.first?.kind.rawValue else { continue }
        series.append(
          Series(
            kind, points: groups.map { (Double($0.n), value($0)) }.filter { $0.1.isFinite },
            style: "linespoints"))
        if let seeds {
          series.append(
            Series(
              "", color: PlotStyle.color(for: kind),
              points: groups.flatMap { g in seeds(g).map { (Double(g.n), $0) } }, style: "points"))
        }
      }
      return Panel(
        title: title, xlabel: "expansion rate n", ylabel: ylabel, logx: true, logy: logy, series: series, extra: xaxis)
    }
    /// The paired loss gap to the residual: mean, 95% interval (whiskers) and each seed's gap (dots); HC drawn just
    /// left of each n and mHC just right, so their intervals do not overlap.
    func gapPanel() -> Panel {
      var w = Whiskers()
      for (i, groups) in variants.enumerated() {
        guard let kind = groups.first?.kind.rawValue else { continue }
        let shift = variants.count > 1 ? pow(1.05, Double(2 * i - (variants.count - 1))) : 1
        w.add(kind, groups.map { (Double($0.n) * shift, $0.gap(to: residual).differences) })
      }
      return Panel(
        title: "final loss gap to residual (paired by seed): mean, 95% interval, dots: seeds",
        xlabel: "expansion rate n", ylabel: "loss gap (nats/byte)", logx: true,
        series: [Series("residual", points: [(lo / 1.25, 0), (hi * 1.25, 0)], dash: 2, width: 1.5)] + w.series,
        extra: xaxis + [w.yrange(including: 0, minimumSpan: 0.01)] + w.arrows)
    }
    let gains = variants.flatMap { $0.map(\.compositeBackward.mean) }.filter(\.isFinite)
    let wide = (gains.max() ?? 1) / max(gains.min() ?? 1, 1e-9) > 10  // a log axis only where it spans a decade
    let c = residual.runs[0].config
    let diverged = variants.flatMap { $0.flatMap(\.runs) }.filter { $0.summary.status != .completed }.count
    let seeds = Set(residual.runs.map(\.config.seed)).count
    return Chart.figure(
      "expansion",
      title: "expansion rate n at C=\(c.model.width), L=\(c.model.layers), \(c.steps) steps: "
        + "means and 95% intervals over \(seeds) seed(s) (paired by seed)"
        + (diverged > 0 ? "; \(diverged) diverged runs have no loss" : ""),
      panels: [
        gapPanel(),
        panel(
          "training step time (median per run; dots: seeds)", "seconds per step", { $0.stepSeconds.mean },
          seeds: { $0.runs.map(\.medianStepSeconds) }),
        panel("training memory: parameters, gradients, AdamW, activations", "MiB", { $0.mebibytes.mean }),
        panel(
          "largest composite backward Amax gain (last evaluation)", "gain", logy: wide,
          { $0.compositeBackward.mean }),
      ], columns: 2)
  }
}
