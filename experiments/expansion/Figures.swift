// expansion — the figure: final loss gap to the residual, step time, memory and composite gain
// over the expansion rate n.

import Experiments
import Foundation
import MHC
import MHCHarness

extension Expansion {
  /// `trained`: HC's rates, then mHC's.
  func figure(_ page: Page, _ trained: [[Variant]]) -> GnuplotFigure {
    let rates = trained.flatMap { $0.map(\.rate) }, lo = Double(rates.min() ?? 1), hi = Double(rates.max() ?? 8)
    let xaxis = [
      "set key below horizontal", "set bmargin 5", "set logscale x 2",
      "set xrange [\(lo / 1.25):\(hi * 1.25)]",
      "set xtics (\(Set(rates).sorted().map(String.init).joined(separator: ", ")))",
    ]
    let residual = Series("residual", points: [(lo / 1.25, 0), (hi * 1.25, 0)], dash: 2, width: 1.5)
    /// HC and mHC (mean over seeds, and each seed as a dot) with the residual baseline as a dashed level.
    func panel(
      _ title: String, _ ylabel: String, logy: Bool = false, dots: Bool = false, _ value: (Variant) -> SeedInterval
    ) -> Panel {
      let level = value(.residual).mean
      var series = [Series("residual", points: residual.points.map { ($0.0, level) }, dash: 2, width: 1.5)]
      for vs in trained {
        guard let kind = vs.first?.kind.rawValue else { continue }
        series.append(
          Series(
            kind, points: vs.map { (Double($0.rate), value($0).mean) }.filter { $0.1.isFinite }, style: "linespoints"))
        guard dots else { continue }
        series.append(
          Series(
            "", color: PlotStyle.color(for: kind),
            points: vs.flatMap { v in value(v).values.map { (Double(v.rate), $0) } }, style: "points"))
      }
      return Panel(
        title: title, xlabel: "expansion rate n", ylabel: ylabel, logx: true, logy: logy, series: series, extra: xaxis)
    }
    // The paired loss gap to the residual: mean, 95% interval (whiskers) and each seed's gap (dots); HC
    // drawn just left of each n and mHC just right, so their intervals do not overlap.
    let w = Whiskers(
      sideBySide: trained.compactMap { vs in
        vs.first.map { v in
          (v.kind.rawValue, vs.map { (Double($0.rate), page.gap(.rates, $0, vs: .residual).differences) })
        }
      }, spread: 1.05)
    let gains = trained.joined().map { composite(page, $0, \.maxCompositeBackwardGain).mean }.filter(\.isFinite)
    let wide = (gains.max() ?? 1) / max(gains.min() ?? 1, 1e-9) > 10  // a log axis only where it spans a decade
    let c = page.runs(.rates, .residual)[0].config, seeds = Set(page.runs(.rates, .residual).map(\.config.seed)).count
    let diverged = trained.joined().flatMap { page.runs(.rates, $0) }.filter { $0.summary.status != .completed }.count
    return Chart.figure(
      "expansion",
      title: "expansion rate n at C=\(c.model.width), L=\(c.model.layers), \(c.steps) steps: "
        + "means and 95% intervals over \(seeds) seed(s) (paired by seed)"
        + (diverged > 0 ? "; \(diverged) diverged runs have no loss" : ""),
      panels: [
        Panel(
          title: "final loss gap to residual (paired by seed): mean, 95% interval, dots: seeds",
          xlabel: "expansion rate n", ylabel: "loss gap (nats/byte)", logx: true, series: [residual] + w.series,
          extra: xaxis + w.extra(reference: 0, line: false, minimumSpan: 0.01)),
        panel("training step time (median per run; dots: seeds)", "seconds per step", dots: true) {
          stepSeconds(page, $0)
        },
        panel("training memory: parameters, gradients, AdamW, activations", "MiB") { mebibytes(page, $0) },
        panel("largest composite backward Amax gain (last evaluation)", "gain", logy: wide) {
          composite(page, $0, \.maxCompositeBackwardGain)
        },
      ], columns: 2)
  }
}
