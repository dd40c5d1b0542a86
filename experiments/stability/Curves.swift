// stability — the curve figures of seed 0: loss gap to the residual, gradient norm, Amax gains per
// sublayer and the composite gain over training (paper Fig. 2, 3, 5, 7).

import Foundation
import MHC
import MHCHarness

extension Stability {
  func curveFigures(res: LoadedRun, hc: LoadedRun, mhc: LoadedRun) -> [GnuplotFigure] {
    let zero = [Gnuplot.horizontalLine(at: "0")], unit = Gnuplot.horizontalLine(at: "1")
    // 1. loss gap to the baseline (Fig. 2/5a)
    let trainGap = [hc, mhc].map { Series($0.kindName, points: $0.trainLossGap(to: res)) }
    let valGap = [hc, mhc].map { Series($0.kindName, points: $0.validationLossGap(to: res), style: "linespoints") }
    let gap = Chart.figure(
      "stability-loss-gap", title: "seed 0 (summary.md pairs every seed)",
      panels: [
        Panel(
          title: "training loss − residual (moving average, 25 steps)", xlabel: "step", ylabel: "loss gap (nats/byte)",
          series: trainGap, extra: zero),
        Panel(
          title: "validation loss − residual", xlabel: "step", ylabel: "loss gap (nats/byte)", series: valGap,
          extra: zero),
      ])
    // 2. gradient norm (Fig. 2/5b)
    let grad = Chart.figure(
      "stability-grad-norm",
      panels: [
        Panel(
          title: "global gradient norm before clipping (seed 0; moving average, 25 steps)", xlabel: "step",
          ylabel: "‖g‖₂", logy: true,
          series: [res, hc, mhc].map { Series($0.kindName, points: $0.smoothed(\.gradNorm)) })
      ])
    // 3. Amax gains per sublayer (Fig. 3 and 7)
    func gains(_ title: String, _ pick: (GainRow) -> Double) -> Panel {
      Panel(
        title: title, xlabel: "sublayer", ylabel: "gain", logy: true,
        series: [hc, mhc].map { Series($0.kindName, points: $0.profile(pick), style: "linespoints") },
        extra: [unit, "set xtics 1"])
    }
    let profiles = Chart.figure(
      "stability-gains", title: "Amax gain magnitude at the end of training (seed 0; token average, evaluation batch)",
      panels: [
        gains("single layer, forward (max row sum)") { $0.gains.single.forward },
        gains("single layer, backward (max column sum)") { $0.gains.single.backward },
        gains("composite, forward") { $0.gains.composite.forward },
        gains("composite, backward") { $0.gains.composite.backward },
      ], columns: 2)
    // 3b. composite gain over training
    let overTraining = Chart.figure(
      "stability-gain-over-training",
      panels: [
        Panel(
          title: "largest composite backward gain over the sublayers, during training (seed 0)", xlabel: "step",
          ylabel: "gain", logy: true,
          series: [hc, mhc].map { Series($0.kindName, points: $0.compositeGainOverTraining, style: "linespoints") },
          extra: [unit])
      ])
    return [gap, grad, profiles, overTraining]
  }
}
