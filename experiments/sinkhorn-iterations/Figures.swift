// sinkhorn-iterations — the figures of the trained runs (the projection alone: Measurements.swift).

import Foundation
import MHC
import MHCHarness

extension SinkhornIterations {
  /// The five figures: final loss and its gap to the reference t_max; deviation from doubly
  /// stochastic; Amax gains; step time; the projection alone on random logits (Measurements.swift).
  func figures(_ page: Page, _ time: Timing, proj: [[Double]]) -> [GnuplotFigure] {
    let ds = design.cells, (tAxis, tLabel) = axis(page), x = Self.x
    /// Empty space above the curves for the key.
    let headroom = ["set offsets graph 0, graph 0, graph 0.3, graph 0"]
    let logY = Self.logY, epsilon = Self.epsilon
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
    /// A panel over t_max with `series`.
    func overT(_ title: String, _ ylabel: String, logy: Bool = true, _ series: [Series], _ extra: [String]) -> Panel {
      Panel(title: title, xlabel: tLabel, ylabel: ylabel, logx: true, logy: logy, series: series, extra: tAxis + extra)
    }

    // 1. final loss: the line is the mean over the seeds every t_max of the depth completed (seeds that
    // --precision added for some t_max only would move it), the dots are every seed
    let sharedSeeds = Dictionary(
      uniqueKeysWithValues: ds.map { d in
        (d, tValues.map { Set(page.completed(d, $0).map(\.config.seed)) }.reduce(nil) { $0?.intersection($1) ?? $1 })
      })
    let sharedMean: (Depth, Int) -> Double? = { d, t in
      page.mean(d, t) { sharedSeeds[d]??.contains($0.config.seed) == true ? $0.summary.finalEvalLoss : nil }
    }
    let seedDots = ds.map { d in
      Series(
        "", color: color(d),
        points: tValues.flatMap { t in page.over(d, t) { $0.summary.finalEvalLoss }.values.map { (x(t), $0) } },
        style: "points")
    }
    // Beside it, each t_max against the reference paired by seed: mean, seeds and 95% interval, the
    // depths side by side.
    let gaps = Whiskers(
      sideBySide: ds.map { d in
        (
          design.title(d),
          tValues.map { (x($0), $0 == referenceT ? SeedInterval([0]) : page.gap(d, $0, vs: referenceT).differences) }
        )
      }, spread: 1.04, colors: ds.map(color))
    let loss = Chart.figure(
      "sinkhorn-iterations-loss",
      panels: [
        overT(
          "final validation loss (line: mean over the seeds every t_max has; dots: every seed)", "loss (nats/byte)",
          logy: false, lines(sharedMean) + seedDots, []),
        overT(
          "final loss − that of t_max = \(referenceT), paired by seed (mean, seeds and 95% interval)",
          "loss gap (nats/byte)", logy: false, gaps.series, gaps.extra(reference: 0) + headroom),
      ], width: 1300, height: 560)

    // 2. deviation from doubly stochastic, worst and per sublayer (seed 0)
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
    let deviation = Chart.figure(
      "sinkhorn-iterations-deviation",
      title: "learned H_res vs doubly stochastic (last evaluation; worst over tokens and sublayers; mean over seeds)",
      panels: [
        overT("max |column sum − 1|", "deviation", lines(mean(\.maxColumnDeviation), log: true), epsilon + headroom),
        overT("max |row sum − 1|", "deviation", lines(mean(\.maxRowDeviation), log: true), epsilon + headroom),
      ] + ds.prefix(2).map(perSublayer), columns: 2, width: 1300, height: 960)

    // 3. Amax gains: composite (solid) and single layer (dashed)
    func gainPanel(
      _ direction: String, _ composite: KeyPath<RunSummary, Double?>, _ single: KeyPath<RunSummary, Double?>
    ) -> Panel {
      let series =
        lines(mean { $0[keyPath: composite] }, log: true, suffix: ", composite")
        + lines(mean { $0[keyPath: single] }, log: true, dash: 2, suffix: ", single layer")
      let floor = min(0.5, (series.flatMap(\.points).map(\.1).min() ?? 1) / 2)  // keeps gain 1 off the axis
      return overT(
        "\(direction) gain (largest over sublayers)", "Amax gain", series,
        logY + [Gnuplot.horizontalLine(at: "1")] + headroom + ["set yrange [\(floor):*]"])
    }
    let gain = Chart.figure(
      "sinkhorn-iterations-gain",
      title: "Amax gain magnitude of the learned H_res (last evaluation, token average; doubly stochastic = 1)",
      panels: [
        gainPanel("backward", \.maxCompositeBackwardGain, \.maxSingleBackwardGain),
        gainPanel("forward", \.maxCompositeForwardGain, \.maxSingleForwardGain),
      ], width: 1300, height: 560)

    // 4. time: the whole step and the projection's part
    let stepTime = Chart.figure(
      "sinkhorn-iterations-step-time", title: "timed side by side in one process: \(time.cpu), BLAS \(time.blas)",
      panels: [
        overT(
          "time per training step (solid: whole step, median; dashed: Sinkhorn fwd+bwd alone)", "milliseconds",
          lines({ time.step(config($0), $1) * 1000 }, log: true, suffix: " step")
            + lines({ time.seconds(config($0), $1) * 1000 }, log: true, dash: 2, suffix: " Sinkhorn"),
          logY + headroom + ["set key top left"]),
        overT(
          "Sinkhorn share of the step", "% of step time", logy: false,
          lines { 100 * time.seconds(config($0), $1) / time.step(config($0), $1) },
          ["set yrange [0:*]", "set key top left"]),
      ], width: 1300, height: 560)
    return [loss, deviation, gain, stepTime, convergenceFigure(proj: proj)]
  }
}
