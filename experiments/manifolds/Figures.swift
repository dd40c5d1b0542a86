// manifolds — the five figures: loss gap to the residual, gains and column deviation per sublayer,
// the stream collapse over depth and over training, step time.

import Experiments
import Foundation
import MHC
import MHCHarness

extension Manifolds {
  func figures(_ page: Page) throws {
    let sets = design.cells, members = self.members.dropFirst()
    let seeds = Set(sets.flatMap { s in self.members.flatMap { page.runs(s, $0) } }.map(\.config.seed)).count
    func setting(_ s: ManifoldsDesign.Cell) -> TrainConfig { design.setting(s) }
    // 1. loss gap to the residual, per setting
    try Gnuplot.render(
      page.gapBars(
        "manifolds-loss",
        title: "final validation loss − residual: mean and 95% interval over \(seeds) seed(s) (paired by seed)",
        ylabel: "loss gap to residual (nats/byte)",
        label: { s in
          let c = setting(s)
          return "\(s.rawValue): \(c.model.layers) layers, C \(c.model.width), lr \(cell(c.lr, 2))"
        }, include: { $1 == ManifoldsDesign.residual }, color: { v, _ in color(v) }), in: sweep.plots)
    // 2. composite gain and column deviation per sublayer (seed 0)
    var panels: [Panel] = []
    for s in sets {
      func series(_ pick: (GainRow) -> Double) -> [Series] {
        members.compactMap { m in
          page.runs(s, m).first.map { r in
            Series(m.name, color: color(m), points: r.profile(pick), style: "linespoints")
          }
        }
      }
      let unit = Gnuplot.horizontalLine(at: "1")
      panels.append(
        Panel(
          title: "\(s.rawValue): composite backward gain", xlabel: "sublayer", ylabel: "gain", logy: true,
          series: series { $0.gains.composite.backward },
          extra: [unit, "set key top left", "set xtics \(setting(s).model.layers > 8 ? 4 : 1)"]))
      panels.append(
        Panel(
          title: "\(s.rawValue): column deviation max_j |Σ_i H_ij − 1|", xlabel: "sublayer", ylabel: "deviation",
          logy: true, series: series { max($0.deviation.column, 1e-9) },
          extra: ["set key top left", "set xtics \(setting(s).model.layers > 8 ? 4 : 1)", "set format y '%.0e'"]))
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
            title: "\(s.rawValue): ‖H⁽ˡ⁾···H⁽¹⁾ − \(what)‖_F of the composite", xlabel: "sublayer l",
            ylabel: "distance (mean over seeds)", logy: true,
            series: members.compactMap { m in
              let curve = finalMappingProfile(page.runs(s, m)) { $0[keyPath: pick] }.sorted { $0.key < $1.key }
                .map { (Double($0.key + 1), max($0.value, 1e-9)) }
              return curve.isEmpty ? nil : Series(m.name, color: color(m), points: curve, style: "linespoints")
            },
            extra: ["set key outside right", "set xtics \(setting(s).model.layers > 8 ? 4 : 1)"]
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
            title: "\(s.rawValue) (\(2 * setting(s).model.layers) sublayers)", xlabel: "step",
            ylabel: "distance from J/n",
            logy: true,
            series: members.compactMap { m in
              let curve = mappingCurve(page.runs(s, m), lastSublayer: true) { $0.compositeDistanceUniform }
                .map { ($0.0, max($0.1, 1e-9)) }
              return curve.isEmpty ? nil : Series(m.name, color: color(m), points: curve, style: "linespoints")
            }, extra: ["set key outside right", "set format y '%.0e'"])
        }, columns: 1, width: 1100, height: 900), in: sweep.plots)
    // 4. step time
    try Gnuplot.render(
      barChart(
        "manifolds-time",
        title: "training step time (s) per run: mean and 95% interval over \(seeds) seed(s)",
        xlabel: "", groups: sets.map(\.rawValue),
        series: self.members.map { m in
          (
            m.name, color(m),
            sets.map { s in
              let t = SeedInterval(page.runs(s, m).map(\.summary.meanStepSeconds))
              return Bar(value: t.n == 0 ? .nan : t.mean, error: t.halfWidth, note: "")
            }
          )
        }, yLabel: "seconds per step"), in: sweep.plots)
  }
}
