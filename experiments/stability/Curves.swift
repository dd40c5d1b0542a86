// stability — the curve figures of seed 0: loss gap to the residual, gradient norm, Amax gains per
// sublayer and the composite gain over training (paper Fig. 2, 3, 5, 7).

import Foundation
import MHC
import MHCHarness

extension Stability {
  func curveFigures(res: LoadedRun, hc: LoadedRun, mhc: LoadedRun) throws {
    let dir = sweep.plots
    // 1. loss gap to the baseline (Fig. 2/5a)
    func gap(_ r: LoadedRun, val: Bool) -> [(Double, Double)] {
      if val {
        let base = Dictionary(
          res.metrics.compactMap { m in m.valLoss.map { (m.step, $0) } }, uniquingKeysWith: { a, _ in a })
        return r.metrics.compactMap { m in m.valLoss.flatMap { v in base[m.step].map { (Double(m.step), v - $0) } } }
      }
      let a = smooth(r.metrics.map(\.trainLoss)), b = smooth(res.metrics.map(\.trainLoss))
      return (0..<min(a.count, b.count)).map { (Double($0 + 1), a[$0] - b[$0]) }
    }
    let zero = [Gnuplot.horizontalLine(at: "0")]
    try Gnuplot.render(
      Chart.figure(
        "stability-loss-gap", title: "seed 0 (summary.md pairs every seed)",
        panels: [
          Panel(
            title: "training loss − residual (moving average, 25 steps)", xlabel: "step",
            ylabel: "loss gap (nats/byte)",
            series: [Series("hc", points: gap(hc, val: false)), Series("mhc", points: gap(mhc, val: false))],
            extra: zero),
          Panel(
            title: "validation loss − residual", xlabel: "step", ylabel: "loss gap (nats/byte)",
            series: [
              Series("hc", points: gap(hc, val: true), style: "linespoints"),
              Series("mhc", points: gap(mhc, val: true), style: "linespoints"),
            ], extra: zero),
        ]), in: dir)
    // 2. gradient norm (Fig. 2/5b)
    try Gnuplot.render(
      Chart.figure(
        "stability-grad-norm",
        panels: [
          Panel(
            title: "global gradient norm before clipping (seed 0; moving average, 25 steps)", xlabel: "step",
            ylabel: "‖g‖₂", logy: true,
            series: [res, hc, mhc].map { r in
              Series(
                r.config.model.connection.kind.rawValue,
                points: smooth(r.metrics.map(\.gradNorm)).enumerated().map { (Double($0.0 + 1), $0.1) })
            })
        ]), in: dir)
    // 3. Amax gains per sublayer (Fig. 3 and 7)
    func gainSeries(_ pick: (GainRow) -> Double) -> [Series] {
      [hc, mhc].map { r in
        Series(
          r.config.model.connection.kind.rawValue, points: r.finalGains.map { (Double($0.sublayer + 1), pick($0)) },
          style: "linespoints")
      }
    }
    let unit = Gnuplot.horizontalLine(at: "1")
    let one = [unit, "set xtics 1"]
    let gainsTitle = "Amax gain magnitude at the end of training (seed 0; token average, evaluation batch)"
    try Gnuplot.render(
      Chart.figure(
        "stability-gains", title: gainsTitle,
        panels: [
          Panel(
            title: "single layer, forward (max row sum)", xlabel: "sublayer", ylabel: "gain", logy: true,
            series: gainSeries { $0.gains.single.forward }, extra: one),
          Panel(
            title: "single layer, backward (max column sum)", xlabel: "sublayer", ylabel: "gain", logy: true,
            series: gainSeries { $0.gains.single.backward }, extra: one),
          Panel(
            title: "composite, forward", xlabel: "sublayer", ylabel: "gain", logy: true,
            series: gainSeries { $0.gains.composite.forward }, extra: one),
          Panel(
            title: "composite, backward", xlabel: "sublayer", ylabel: "gain", logy: true,
            series: gainSeries { $0.gains.composite.backward }, extra: one),
        ], columns: 2), in: dir)
    // 3b. composite gain over training
    func overTraining(_ r: LoadedRun) -> [(Double, Double)] {
      Dictionary(grouping: r.gains, by: \.step).map {
        (Double($0.key), $0.value.map(\.gains.composite.backward).max() ?? 1)
      }.sorted { $0.0 < $1.0 }
    }
    try Gnuplot.render(
      Chart.figure(
        "stability-gain-over-training",
        panels: [
          Panel(
            title: "largest composite backward gain over the sublayers, during training (seed 0)", xlabel: "step",
            ylabel: "gain", logy: true,
            series: [
              Series("hc", points: overTraining(hc), style: "linespoints"),
              Series("mhc", points: overTraining(mhc), style: "linespoints"),
            ], extra: [unit])
        ]), in: dir)
  }
}
