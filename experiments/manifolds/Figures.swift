// manifolds — the five figures: loss gap to the residual, gains and column deviation per sublayer,
// the stream collapse over depth and over training, step time.

import Experiments
import Foundation
import MHC
import MHCHarness

extension Manifolds {
  func figures(_ page: Page) -> [GnuplotFigure] {
    let sets = design.cells, members = self.members.dropFirst()
    let seeds = Set(sets.flatMap { s in self.members.flatMap { page.runs(s, $0) } }.map(\.config.seed)).count
    func setting(_ s: ManifoldsDesign.Cell) -> TrainConfig { design.setting(s) }
    func xtics(_ s: ManifoldsDesign.Cell) -> String { "set xtics \(setting(s).model.layers > 8 ? 4 : 1)" }
    /// One line per member (not the residual) with points; none where `points` has none.
    func lines(_ points: (Member) -> [(Double, Double)]) -> [Series] {
      members.compactMap { m in
        let p = points(m)
        return p.isEmpty ? nil : Series(m.name, color: color(m), points: p, style: "linespoints")
      }
    }
    /// Values below 1e-9 (exact zeros of the exact manifolds) drawn at 1e-9 on the log axes.
    func floored(_ p: [(Double, Double)]) -> [(Double, Double)] { p.map { ($0.0, max($0.1, 1e-9)) } }
    let logFormat = "set format y '%.0e'"
    var figures = [
      // 1. loss gap to the residual, per setting
      page.gapBars(
        "manifolds-loss",
        title: "final validation loss − residual: mean and 95% interval over \(seeds) seed(s) (paired by seed)",
        ylabel: "loss gap to residual (nats/byte)",
        label: { s in
          let c = setting(s)
          return "\(s.rawValue): \(c.model.layers) layers, C \(c.model.width), lr \(cell(c.lr, 2))"
        }, include: { $1 == ManifoldsDesign.residual }, color: { v, _ in color(v) })
    ]
    // 2. composite gain and column deviation per sublayer (seed 0)
    figures.append(
      Chart.figure(
        "manifolds-gains",
        title: "at the end of training (seed 0, evaluation batch; deviations below 1e-9 drawn at 1e-9)",
        panels: sets.flatMap { s in
          [
            Panel(
              title: "\(s.rawValue): composite backward gain", xlabel: "sublayer", ylabel: "gain", logy: true,
              series: lines { page.runs(s, $0).first?.profile { $0.gains.composite.backward } ?? [] },
              extra: [Gnuplot.horizontalLine(at: "1"), "set key top left", xtics(s)]),
            Panel(
              title: "\(s.rawValue): column deviation max_j |Σ_i H_ij − 1|", xlabel: "sublayer", ylabel: "deviation",
              logy: true,
              series: lines { page.runs(s, $0).first.map { floored($0.profile(\.deviation.column)) } ?? [] },
              extra: ["set key top left", xtics(s), logFormat]),
          ]
        }, columns: 2))
    // 3. stream collapse: the composite H_res over depth, against J/n and I (last evaluation, mean over seeds)
    let targets = [("J/n", \MappingRow.compositeDistanceUniform), ("I", \MappingRow.compositeDistanceIdentity)]
    figures.append(
      Chart.figure(
        "manifolds-collapse",
        title: "stream collapse: how far the product of every H_res so far is from uniform averaging J/n and from I",
        panels: sets.flatMap { s in
          targets.map { what, pick in
            Panel(
              title: "\(s.rawValue): ‖H⁽ˡ⁾···H⁽¹⁾ − \(what)‖_F of the composite", xlabel: "sublayer l",
              ylabel: "distance (mean over seeds)", logy: true,
              series: lines { m in
                floored(
                  finalMappingProfile(page.runs(s, m)) { $0[keyPath: pick] }.sorted { $0.key < $1.key }
                    .map { (Double($0.key + 1), $0.value) })
              }, extra: ["set key outside right", xtics(s), logFormat])
          }
        }, columns: 2))
    // 3b. the collapse over training: the composite after the last sublayer, at every evaluation
    figures.append(
      Chart.figure(
        "manifolds-collapse-training",
        title:
          "stream collapse over training: ‖composite of every H_res − J/n‖_F after the last sublayer (mean over seeds)",
        panels: sets.map { s in
          Panel(
            title: "\(s.rawValue) (\(2 * setting(s).model.layers) sublayers)", xlabel: "step",
            ylabel: "distance from J/n", logy: true,
            series: lines {
              floored(mappingCurve(page.runs(s, $0), lastSublayer: true) { $0.compositeDistanceUniform })
            },
            extra: ["set key outside right", logFormat])
        }, columns: 1, width: 1100, height: 900))
    // 4. step time
    figures.append(
      barChart(
        "manifolds-time", title: "training step time (s) per run: mean and 95% interval over \(seeds) seed(s)",
        xlabel: "", groups: sets.map(\.rawValue),
        series: self.members.map { m in
          (m.name, color(m), sets.map { s in SeedInterval(page.runs(s, m).map(\.summary.meanStepSeconds)).bar })
        }, yLabel: "seconds per step"))
    return figures
  }
}
