// sinkhorn-iterations — the figures of the trained runs (the projection alone: Measurements.swift).

import Foundation
import MHC
import MHCHarness

extension SinkhornIterations {
  /// The five figures: final loss and its gap to the reference t_max; deviation from doubly
  /// stochastic; Amax gains; step time; the projection alone on random logits (Measurements.swift).
  func figures(_ ds: [Depth], _ cells: [[Cell]], proj: [[Double]]) -> [GnuplotFigure] {
    var figures: [GnuplotFigure] = []

    // t_max on a log axis: plotted at t + 1, labelled t; a cross at the bottom, in the depth's colour,
    // where runs diverged (the summary counts them).
    func x(_ t: Int) -> Double { Double(t + 1) }
    var tAxis = [
      "set xtics (" + tValues.map { "'\($0)' \(x($0))" }.joined(separator: ", ") + ")",
      "set xrange [0.8:\(x(tValues.max() ?? 50) * 1.3)]",
    ]
    for (di, d) in ds.enumerated() {
      for c in cells[di] where c.diverged > 0 {
        tAxis.append(
          "set label '✗' at first \(x(c.t)), graph \(0.04 + 0.06 * Double(di)) center textcolor rgb '\(d.color)' "
            + "font ',16' front"
        )
      }
    }
    let anyDiverged = cells.joined().contains { $0.diverged > 0 }
    let tLabel = "t_max (Sinkhorn iterations; log scale)" + (anyDiverged ? "    ✗ = runs diverged" : "")
    /// Empty space above the curves for the key.
    let headroom = ["set offsets graph 0, graph 0, graph 0.3, graph 0"]
    /// One line per depth: `f` of each t_max (missing values leave a gap; log panels drop values ≤ 0).
    func lines(_ f: (Cell) -> Double?, log: Bool = false, dash: Int = 1, suffix: String = "") -> [Series] {
      zip(ds, cells).map { d, cs in
        Series(
          "\(d.label) (\(2 * d.config.model.layers) sublayers)\(suffix)", color: d.color,
          points: cs.map { (x($0.t), f($0) ?? .nan) }.filter { !log || $0.1 > 0 }, style: "linespoints", dash: dash)
      }
    }
    let logY = Self.logY, one = logY + [Gnuplot.horizontalLine(at: "1")], epsilon = Self.epsilon

    // 1. final loss
    let seedDots = zip(ds, cells).map { d, cs in
      Series(
        "", color: d.color, points: cs.flatMap { c in c.values { $0.summary.finalEvalLoss }.map { (x(c.t), $0) } },
        style: "points")
    }
    // Beside it, each t_max against the reference paired by seed: the mean gap (solid) and its 95%
    // interval (dashed; none with one seed).
    var gapSeries: [Series] = []
    for (d, cs) in zip(ds, cells) {
      let gaps = gapsToReference(cs)
      func at(_ f: (PairedComparison) -> Double) -> [(Double, Double)] {
        zip(cs, gaps).compactMap { c, g in
          c.t == referenceT ? (x(c.t), 0) : g.flatMap { g in g.n < 1 ? nil : (x(c.t), f(g)) }
        }
      }
      gapSeries.append(Series("\(d.label), mean gap", color: d.color, points: at(\.mean), style: "linespoints"))
      let lower = at { $0.differences.lower }.filter { $0.1.isFinite }
      let upper = at { $0.differences.upper }.filter { $0.1.isFinite }
      if lower.count > 1 {
        gapSeries.append(Series("\(d.label), 95% interval", color: d.color, points: lower, dash: 2, width: 1))
        gapSeries.append(Series("", color: d.color, points: upper, dash: 2, width: 1))
      }
    }
    let zero = [Gnuplot.horizontalLine(at: "0")]
    figures.append(
      Chart.figure(
        "sinkhorn-iterations-loss",
        panels: [
          Panel(
            title: "final validation loss (line: mean over seeds, dots: single seeds)", xlabel: tLabel,
            ylabel: "loss (nats/byte)", logx: true,
            series: lines { $0.mean { $0.summary.finalEvalLoss } } + seedDots, extra: tAxis),
          Panel(
            title: "final loss − that of t_max = \(referenceT), paired by seed (mean and 95% interval)",
            xlabel: tLabel,
            ylabel: "loss gap (nats/byte)", logx: true, series: gapSeries, extra: tAxis + zero + headroom),
        ], width: 1300, height: 560))

    // 2. deviation from doubly stochastic
    func perSublayer(_ di: Int) -> Panel {
      let seed0 = tValues.indices.compactMap { i in cells[di][i].runs.first.map { (tValues[i], $0) } }
      return Panel(
        title: "|column sum − 1| per sublayer, \(ds[di].label), seed 0", xlabel: "sublayer",
        ylabel: "max over tokens", logy: true,
        series: seed0.enumerated().map { k, tr in
          Series(
            "t=\(tr.0)", color: ramp(k, of: seed0.count),
            points: tr.1.profile { $0.deviation.column }.filter { $0.1 > 0 },
            style: "linespoints")
        }, extra: epsilon + ["set key outside right samplen 4", "set xtics 1"])
    }
    figures.append(
      Chart.figure(
        "sinkhorn-iterations-deviation",
        title: "learned H_res vs doubly stochastic (last evaluation; worst over tokens and sublayers; mean over seeds)",
        panels: [
          Panel(
            title: "max |column sum − 1|", xlabel: tLabel, ylabel: "deviation", logx: true, logy: true,
            series: lines({ $0.mean { $0.summary.maxColumnDeviation } }, log: true), extra: tAxis + epsilon + headroom),
          Panel(
            title: "max |row sum − 1|", xlabel: tLabel, ylabel: "deviation", logx: true, logy: true,
            series: lines({ $0.mean { $0.summary.maxRowDeviation } }, log: true), extra: tAxis + epsilon + headroom),
          perSublayer(0), perSublayer(1),
        ], columns: 2, width: 1300, height: 960))

    // 3. Amax gains
    func gainPanel(
      _ direction: String, composite: @escaping (RunSummary) -> Double?, single: @escaping (RunSummary) -> Double?
    ) -> Panel {
      let series =
        lines({ $0.mean { composite($0.summary) } }, log: true, suffix: ", composite")
        + lines({ $0.mean { single($0.summary) } }, log: true, dash: 2, suffix: ", single layer")
      let floor = min(0.5, (series.flatMap(\.points).map(\.1).min() ?? 1) / 2)  // keeps gain 1 off the axis
      return Panel(
        title: "\(direction) gain (largest over sublayers)", xlabel: tLabel, ylabel: "Amax gain", logx: true,
        logy: true,
        series: series, extra: tAxis + one + headroom + ["set yrange [\(floor):*]"])
    }
    figures.append(
      Chart.figure(
        "sinkhorn-iterations-gain",
        title: "Amax gain magnitude of the learned H_res (last evaluation, token average; doubly stochastic = 1)",
        panels: [
          gainPanel("backward", composite: \.maxCompositeBackwardGain, single: \.maxSingleBackwardGain),
          gainPanel("forward", composite: \.maxCompositeForwardGain, single: \.maxSingleForwardGain),
        ], width: 1300, height: 560))

    // 4. time
    figures.append(
      Chart.figure(
        "sinkhorn-iterations-step-time",
        panels: [
          Panel(
            title: "time per training step (solid: whole step, median; dashed: Sinkhorn fwd+bwd alone)",
            xlabel: tLabel, ylabel: "milliseconds", logx: true, logy: true,
            series: lines({ $0.stepSeconds * 1000 }, log: true, suffix: " step")
              + lines({ $0.sinkhornSeconds * 1000 }, log: true, dash: 2, suffix: " Sinkhorn"),
            extra: tAxis + logY + headroom + ["set key top left"]),
          Panel(
            title: "Sinkhorn share of the step", xlabel: tLabel, ylabel: "% of step time", logx: true,
            series: lines { 100 * $0.sinkhornSeconds / $0.stepSeconds },
            extra: tAxis + ["set yrange [0:*]", "set key top left"]),
        ], width: 1300, height: 560))

    figures.append(convergenceFigure(ds, proj: proj))
    return figures
  }
}
