// instability — the figures: the paper's Fig. 2 (loss gap and gradient norm), the phase map over
// depth × learning rate, and the composite gains.

import Foundation
import MHC
import MHCHarness

extension InstabilityExperiment {
  /// (a) The paper's Fig. 2 at the most unstable cell: loss gap to the residual above, gradient norms below.
  func fig2(_ t: Trio, criteria: SpikeCriteria) -> GnuplotFigure {
    /// Steps after warmup where `pick` holds, at `value` (the dots on the curves).
    func spikes(_ r: LoadedRun, _ pick: (MetricsRow) -> Bool, value: (MetricsRow) -> Double) -> [(Double, Double)] {
      r.metrics.filter { $0.step > (r.config.warmup ?? 0) && pick($0) }.map { (Double($0.step), value($0)) }
    }
    var gradSeries = t.all.map { Series($0.kindName, points: $0.curve { $0.gradNorm }, width: 1.2) }
    var gapSeries = [t.hc, t.mhc].map { Series($0.kindName, points: $0.trainLossGap(to: t.residual, window: 10)) }
    for r in t.all {
      let color = PlotStyle.color(for: r.kindName)
      let g = spikes(r, { ($0.gradRatio ?? 0) > criteria.gradRatio }) { $0.gradNorm }
      if !g.isEmpty {
        gradSeries.append(Series("\(r.kindName) gradient spike", color: color, points: g, style: "points"))
      }
      if r.config.model.connection.kind != .residual {
        let base = Dictionary(
          r.trainLossGap(to: t.residual, window: 10).map { (Int($0.0), $0.1) }, uniquingKeysWith: { a, _ in a })
        let l = spikes(r, { ($0.lossExcess ?? 0) > criteria.lossExcess }) { base[$0.step] ?? .nan }
        if !l.isEmpty { gapSeries.append(Series("\(r.kindName) loss spike", color: color, points: l, style: "points")) }
      }
    }
    return Chart.figure(
      "instability-fig2", title: "most unstable cell: \(t.label)",
      panels: [
        Panel(
          title: "training loss − residual (moving average, 10 steps); dots: loss spikes", xlabel: "step",
          ylabel: "loss gap (nats/byte)", series: gapSeries, extra: [Gnuplot.horizontalLine(at: "0")]),
        Panel(
          title: "gradient norm before clipping; dots: > \(cell(criteria.gradRatio, 2))× its 50-step median",
          xlabel: "step", ylabel: "‖g‖₂", logy: true, series: gradSeries),
      ], columns: 1, width: 1000, height: 900)
  }

  /// (b) Depth × learning rate: final loss relative to the residual (mean gap over the paired seeds
  /// and its verdict), with spike and divergence counts.
  func phaseMap(_ g: Grid) -> GnuplotFigure {
    let depths = g.depths, lrs = g.lrs
    var gaps: [Double] = []
    let panels = [ConnectionKind.residual, .hc, .mhc].map { kind -> PhasePanel in
      /// A cell's shade (the residual: white) and its note: the loss or the gap and verdict, and the counts.
      func entry(_ d: Int, _ lr: Double) -> (value: Double?, note: String) {
        guard let c = g.cell(d, lr), case let runs = g.runs(c, kind), !runs.isEmpty else { return (nil, "") }
        let counts = SpikeCounts(runs).compact
        guard kind != .residual else {
          return (0, (g.mean(c, kind) { $0.summary.finalEvalLoss }.map { cell($0, 4) } ?? "–") + "\n" + counts)
        }
        let gap = g.gap(c, kind, vs: .residual)
        guard gap.n > 0 else {
          return (nil, "–\n" + (gap.divergenceNote.isEmpty ? "no paired seed" : gap.divergenceNote) + "\n" + counts)
        }
        gaps.append(gap.mean)
        return (gap.mean, [signed(gap.mean), gap.verdictText, counts].joined(separator: "\n"))
      }
      let entries = depths.map { d in lrs.map { entry(d, $0) } }
      return PhasePanel(
        title: kind == .residual
          ? "residual: final validation loss (mean over seeds)"
          : "\(kind == .hc ? "HC" : "mHC") − residual (paired by seed): mean gap, verdict",
        rowLabels: depths.map { "\($0)" }, columnLabels: lrs.map { cell($0, 2) },
        values: entries.map { $0.map(\.value) }, notes: entries.map { $0.map(\.note) })
    }
    let range = max(0.05, gaps.map(abs).max() ?? 0.05)
    let c = g.all.first?.config
    return Chart.phaseMaps(
      "instability-phase",
      title:
        "final validation loss over depth × peak learning rate (C \(c?.model.width ?? 0), \(c?.steps ?? 0) steps); "
        + "verdict from the 95% interval over paired seeds; S: runs with loss spikes, G: gradient spikes, D: diverged",
      panels: panels, xlabel: "peak learning rate", ylabel: "layers", range: range, cellHeight: 120)
  }

  /// (c) HC's composite gain over training at the most unstable cell, beside its loss.
  func gainFigure(_ t: Trio) -> GnuplotFigure {
    let red = "#d62728"
    var marks: [String] = []
    for (step, what, y, dash) in [
      (t.hc.summary.instability?.firstLossSpikeStep, "first loss spike", 0.95, 3),
      (t.hc.summary.instability?.maxGradRatioStep, "largest gradient spike", 0.85, 2),
    ] {
      guard let s = step else { continue }
      marks.append(Gnuplot.verticalLine(at: "\(s)", color: red, dash: dash))
      marks.append(
        "set label 'HC \(what) (step \(s))' at first \(s), graph \(y) left offset 0.5,0 textcolor rgb '\(red)'")
    }
    return Chart.figure(
      "instability-gain", title: "composite gain and loss over training: \(t.label)",
      panels: [
        Panel(
          title: "largest composite backward gain over the sublayers (evaluation batch)", xlabel: "step",
          ylabel: "gain", logy: true,
          series: [t.hc, t.mhc].map { Series($0.kindName, points: $0.compositeGainOverTraining, style: "linespoints") },
          extra: marks + [Gnuplot.horizontalLine(at: "1")]),
        Panel(
          title: "training loss", xlabel: "step", ylabel: "loss (nats/byte)",
          series: t.all.map { Series($0.kindName, points: $0.curve { $0.trainLoss }, width: 1.2) }, extra: marks),
      ], columns: 1, width: 1000, height: 900)
  }
}
