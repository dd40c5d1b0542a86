// sinkhorn-iterations — the figures of the trained runs (the projection alone: Measurements.swift).

import Foundation
import MHC
import MHCHarness

extension SinkhornIterations {
  /// The five figures: final loss and its gap to the reference t_max; deviation from doubly
  /// stochastic; Amax gains; step time; the projection alone on random logits (Measurements.swift).
  func figures(_ page: Page, _ time: Projection, proj: [[Double]]) -> [GnuplotFigure] {
    var figures: [GnuplotFigure] = []
    let ds = design.cells

    let (tAxis, tLabel) = axis(page), x = Self.x
    /// Empty space above the curves for the key.
    let headroom = ["set offsets graph 0, graph 0, graph 0.3, graph 0"]
    /// One line per depth: `f` of each t_max (missing values leave a gap; log panels drop values ≤ 0).
    func lines(_ f: (Depth, Int) -> Double?, log: Bool = false, dash: Int = 1, suffix: String = "") -> [Series] {
      ds.map { d in
        Series(
          "\(design.title(d)) (\(sublayers(d)) sublayers)\(suffix)", color: color(d),
          points: tValues.map { (x($0), f(d, $0) ?? .nan) }.filter { !log || $0.1 > 0 }, style: "linespoints",
          dash: dash)
      }
    }
    /// `value` of the completed runs: mean over the seeds.
    func mean(_ value: @escaping (RunSummary) -> Double?) -> (Depth, Int) -> Double? {
      { d, t in page.mean(d, t) { value($0.summary) } }
    }
    let logY = Self.logY, one = logY + [Gnuplot.horizontalLine(at: "1")], epsilon = Self.epsilon

    // 1. final loss: the line is the mean over the seeds every t_max of the depth completed (seeds that
    // --precision added for some t_max only would move it), the dots are every seed
    func shared(_ d: Depth) -> Set<UInt64> {
      tValues.map { Set(page.completed(d, $0).map(\.config.seed)) }.reduce(nil) { $0?.intersection($1) ?? $1 } ?? []
    }
    let sharedSeeds = Dictionary(uniqueKeysWithValues: ds.map { ($0, shared($0)) })
    let sharedMean: (Depth, Int) -> Double? = { d, t in
      page.mean(d, t) { sharedSeeds[d]?.contains($0.config.seed) == true ? $0.summary.finalEvalLoss : nil }
    }
    let seedDots = ds.map { d in
      Series(
        "", color: color(d),
        points: tValues.flatMap { t in page.over(d, t) { $0.summary.finalEvalLoss }.values.map { (x(t), $0) } },
        style: "points")
    }
    // Beside it, each t_max against the reference paired by seed: the mean gap (solid) and its 95%
    // interval (dashed; none with one seed).
    var gapSeries: [Series] = []
    for d in ds {
      let gaps = tValues.map { page.gap(d, $0, vs: referenceT) }
      func at(_ f: (PairedComparison) -> Double) -> [(Double, Double)] {
        zip(tValues, gaps).compactMap { t, g in t == referenceT ? (x(t), 0) : g.n < 1 ? nil : (x(t), f(g)) }
      }
      let label = design.title(d)
      gapSeries.append(Series("\(label), mean gap", color: color(d), points: at(\.mean), style: "linespoints"))
      let lower = at { $0.differences.lower }.filter { $0.1.isFinite }
      let upper = at { $0.differences.upper }.filter { $0.1.isFinite }
      if lower.count > 1 {
        gapSeries.append(Series("\(label), 95% interval", color: color(d), points: lower, dash: 2, width: 1))
        gapSeries.append(Series("", color: color(d), points: upper, dash: 2, width: 1))
      }
    }
    let zero = [Gnuplot.horizontalLine(at: "0")]
    figures.append(
      Chart.figure(
        "sinkhorn-iterations-loss",
        panels: [
          Panel(
            title: "final validation loss (line: mean over the seeds every t_max has; dots: every seed)",
            xlabel: tLabel,
            ylabel: "loss (nats/byte)", logx: true,
            series: lines(sharedMean) + seedDots, extra: tAxis),
          Panel(
            title: "final loss − that of t_max = \(referenceT), paired by seed (mean and 95% interval)",
            xlabel: tLabel,
            ylabel: "loss gap (nats/byte)", logx: true, series: gapSeries, extra: tAxis + zero + headroom),
        ], width: 1300, height: 560))

    // 2. deviation from doubly stochastic
    func perSublayer(_ d: Depth) -> Panel {
      let seed0 = tValues.compactMap { t in page.runs(d, t).first.map { (t, $0) } }
      return Panel(
        title: "|column sum − 1| per sublayer, \(design.title(d)), seed 0", xlabel: "sublayer",
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
            series: lines(mean(\.maxColumnDeviation), log: true), extra: tAxis + epsilon + headroom),
          Panel(
            title: "max |row sum − 1|", xlabel: tLabel, ylabel: "deviation", logx: true, logy: true,
            series: lines(mean(\.maxRowDeviation), log: true), extra: tAxis + epsilon + headroom),
        ] + ds.prefix(2).map(perSublayer), columns: 2, width: 1300, height: 960))

    // 3. Amax gains
    func gainPanel(
      _ direction: String, composite: @escaping (RunSummary) -> Double?, single: @escaping (RunSummary) -> Double?
    ) -> Panel {
      let series =
        lines(mean(composite), log: true, suffix: ", composite")
        + lines(mean(single), log: true, dash: 2, suffix: ", single layer")
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
            series: lines({ stepSeconds(page, $0, $1) * 1000 }, log: true, suffix: " step")
              + lines({ time.seconds(config($0), $1) * 1000 }, log: true, dash: 2, suffix: " Sinkhorn"),
            extra: tAxis + logY + headroom + ["set key top left"]),
          Panel(
            title: "Sinkhorn share of the step", xlabel: tLabel, ylabel: "% of step time", logx: true,
            series: lines { 100 * time.seconds(config($0), $1) / stepSeconds(page, $0, $1) },
            extra: tAxis + ["set yrange [0:*]", "set key top left"]),
        ], width: 1300, height: 560))

    figures.append(convergenceFigure(proj: proj))
    return figures
  }
}
