// manifolds — the five figures: loss gap to the residual, gains and column deviation per sublayer,
// the stream collapse over depth and over training, step time.

import Foundation
import MHC
import MHCHarness
import Experiments

extension Manifolds {
  func figures(_ all: [LoadedRun]) throws {
    let sets = settings(), members = self.members.dropFirst()
    func baseline(_ s: TrainConfig) -> [LoadedRun] { runs(of: self.members[0], in: s, all) }
    let seeds = Set(all.map(\.config.seed)).count
    // 1. loss gap to the residual, per setting
    try Gnuplot.render(
      barChart(
        "manifolds-loss",
        title: "final validation loss − residual: mean and 95% interval over \(seeds) seed(s) (paired by seed)",
        xlabel: "",
        groups: sets.map {
          "\($0.name): \($0.config.model.layers) layers, C \($0.config.model.width), lr \(cell($0.config.lr, 2))"
        },
        series: members.map { m in
          (
            m.name, color(m),
            sets.map { s in
              PairedComparison.finalLoss(runs(of: m, in: s.config, all), baseline: baseline(s.config)).bar
            }
          )
        }), in: sweep.plots)
    // 2. composite gain and column deviation per sublayer (seed 0)
    var panels: [Panel] = []
    for s in sets {
      func series(_ pick: (GainRow) -> Double) -> [Series] {
        members.compactMap { m in
          runs(of: m, in: s.config, all).first.map { r in
            Series(m.name, color: color(m), points: r.profile(pick), style: "linespoints")
          }
        }
      }
      let unit = Gnuplot.horizontalLine(at: "1")
      panels.append(
        Panel(
          title: "\(s.name): composite backward gain", xlabel: "sublayer", ylabel: "gain", logy: true,
          series: series { $0.gains.composite.backward },
          extra: [unit, "set key top left", "set xtics \(s.config.model.layers > 8 ? 4 : 1)"]))
      panels.append(
        Panel(
          title: "\(s.name): column deviation max_j |Σ_i H_ij − 1|", xlabel: "sublayer", ylabel: "deviation",
          logy: true, series: series { max($0.deviation.column, 1e-9) },
          extra: ["set key top left", "set xtics \(s.config.model.layers > 8 ? 4 : 1)", "set format y '%.0e'"]))
    }
    try Gnuplot.render(
      Chart.figure(
        "manifolds-gains",
        title: "at the end of training (seed 0, evaluation batch; deviations below 1e-9 drawn at 1e-9)",
        panels: panels, columns: 2), in: sweep.plots)
    // 3. stream collapse: the composite H_res over depth, against J/n and I (last evaluation, mean over seeds)
    var collapse: [Panel] = []
    for s in sets {
      for (what, pick) in [("J/n", \MappingRow.compositeDistanceUniform), ("I", \MappingRow.compositeDistanceIdentity)]
      {
        collapse.append(
          Panel(
            title: "\(s.name): ‖H⁽ˡ⁾···H⁽¹⁾ − \(what)‖_F of the composite", xlabel: "sublayer l",
            ylabel: "distance (mean over seeds)", logy: true,
            series: members.compactMap { m in
              let curve = depthCurve(runs(of: m, in: s.config, all), pick)
              return curve.isEmpty ? nil : Series(m.name, color: color(m), points: curve, style: "linespoints")
            },
            extra: ["set key outside right", "set xtics \(s.config.model.layers > 8 ? 4 : 1)"]
              + ["set format y '%.0e'"]))
      }
    }
    try Gnuplot.render(
      Chart.figure(
        "manifolds-collapse",
        title: "stream collapse: how far the product of every H_res so far is from uniform averaging J/n and from I",
        panels: collapse, columns: 2), in: sweep.plots)
    // 3b. the collapse over training: the composite after the last sublayer, at every evaluation
    try Gnuplot.render(
      Chart.figure(
        "manifolds-collapse-training",
        title:
          "stream collapse over training: ‖composite of every H_res − J/n‖_F after the last sublayer (mean over seeds)",
        panels: sets.map { s in
          Panel(
            title: "\(s.name) (\(2 * s.config.model.layers) sublayers)", xlabel: "step", ylabel: "distance from J/n",
            logy: true,
            series: members.compactMap { m in
              let curve = trainingCurve(runs(of: m, in: s.config, all), \.compositeDistanceUniform)
              return curve.isEmpty ? nil : Series(m.name, color: color(m), points: curve, style: "linespoints")
            }, extra: ["set key outside right", "set format y '%.0e'"])
        }, columns: 1, width: 1100, height: 900), in: sweep.plots)
    // 4. step time
    try Gnuplot.render(
      barChart(
        "manifolds-time",
        title: "training step time (s) per run: mean and 95% interval over \(seeds) seed(s)",
        xlabel: "", groups: sets.map(\.name),
        series: self.members.map { m in
          (
            m.name, color(m),
            sets.map { s in
              let t = stepTimes(runs(of: m, in: s.config, all))
              return Bar(value: t.n == 0 ? .nan : t.mean, error: t.halfWidth, note: "")
            }
          )
        }, yLabel: "seconds per step"), in: sweep.plots)
  }
}
