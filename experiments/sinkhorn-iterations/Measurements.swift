// sinkhorn-iterations — what is measured without training (saved under results/, so --replot
// recomputes nothing): the projection's time per batch, and its convergence on random logits.

import Foundation
import MHC
import MHCHarness

extension SinkhornIterations {
  var folder: String { "\(sweep.results)/sinkhorn-iterations" }

  /// t_max of the isolated projection (a superset of the trained values).
  static let projectionSteps = Array(0...20) + Array(stride(from: 25, through: 100, by: 5))
  var logitScales: [Double] { scales?.values ?? [0.5, 1, 2, 4, 8] }

  /// The logit scales measured in `proj` that this sweep asks for, in order.
  func projectionScales(_ proj: [[Double]]) -> [Double] {
    Array(Set(proj.map { $0[0] })).sorted().filter(logitScales.contains)
  }

  /// A measurement in `folder/file`, made unless results/ has it.
  func stored(_ file: String) -> StoredMeasurement {
    StoredMeasurement(path: "\(folder)/\(file)", replot: sweep.replot, force: sweep.force)
  }

  /// What `t_max` costs, timed in one process on one machine: the projection alone, forward and
  /// backward over one batch (`t, tokens, forward, backward` seconds; median of 11 repeats), and
  /// mHC's whole training step (`layers, tokens, t, seconds`: each depth's t_max values side by side,
  /// ``StepBenchmark``'s interleaved rounds, the median step).
  struct Timing: Codable {
    var cpu: String, blas: String
    var projection: [[Double]], steps: [[Double]]

    /// The projection's seconds per step: one batch's forward + backward, times the sublayers.
    func seconds(_ c: TrainConfig, _ t: Int) -> Double {
      let tokens = Double(c.batch * c.model.seq)
      let s = projection.first { $0.count == 4 && $0[0] == Double(t) && $0[1] == tokens }.map { $0[2] + $0[3] }
      return (s ?? .nan) * Double(2 * c.model.layers)
    }
    func step(_ c: TrainConfig, _ t: Int) -> Double {
      let key = [Double(c.model.layers), Double(c.batch * c.model.seq), Double(t)]
      return steps.first { $0.count == 4 && Array($0.prefix(3)) == key }?[3] ?? .nan
    }
  }

  /// The ``Timing`` of every t_max and depth of the sweep.
  func timing() throws -> Timing {
    let configs = design.cells.map(config), n = configs[0].model.connection.streams
    let rounds = sweep.preset.pick(quick: 30, paper: 50, tiny: 2)
    return try stored("timing.json").json(
      Timing.self,
      covers: { t in
        design.cells.allSatisfy { d in
          tValues.allSatisfy { t.step(config(d), $0).isFinite && t.seconds(config(d), $0).isFinite }
        }
      }
    ) {
      let keys = Set(configs.flatMap { c in tValues.map { [Double($0), Double(c.batch * c.model.seq)] } })
      let projection = keys.sorted { ($0[1], $0[0]) < ($1[1], $1[0]) }.map { key in
        let s = SinkhornKnopp.timeFloat(n: n, iterations: Int(key[0]), tokens: Int(key[1]), repeats: 11)
        return key + [s.forward, s.backward]
      }
      let steps = try design.cells.flatMap { d in
        let runs = tValues.map { design.config(d, $0, seed: 0) }, tokens = Double(runs[0].batch * runs[0].model.seq)
        print("sinkhorn-iterations: timing \(design.title(d)) at \(tValues.count) t_max values, \(rounds) rounds")
        return zip(tValues, try StepBenchmark.measure(runs, steps: rounds, warmup: 1)).map {
          [Double(d.layers), tokens, Double($0), $1.stepSeconds]
        }
      }
      return Timing(cpu: BLASRuntime.cpuModel, blas: BLASRuntime.summary, projection: projection, steps: steps)
    }
  }

  /// The projection alone on `matrices` random n×n logit matrices `scale · N(0, 1)` (the same draws
  /// at every scale): `scale, t, median column deviation, worst column deviation, worst row deviation`.
  func projection(n: Int) throws -> [[Double]] {
    let matrices = sweep.preset == .tiny ? 100 : 2000, nn = n * n
    return try stored("projection.csv").table(
      header: "scale,t,median_column_deviation,worst_column_deviation,worst_row_deviation",
      covers: { rows in Set(logitScales).isSubset(of: Set(rows.map { $0[0] })) }
    ) {
      var rng = Xoshiro(seed: 0)
      let z = (0..<(matrices * nn)).map { _ in rng.normal() }
      return logitScales.flatMap { scale in
        let logits = z.map { Float($0 * scale) }
        return Self.projectionSteps.map { t -> [Double] in
          let h = sinkhornKnopp(logits: logits, n: n, iterations: t)
          let columns = (0..<matrices).map {
            StochasticDeviation.measure(Array(h[($0 * nn)..<(($0 + 1) * nn)]), n: n).column
          }.sorted()
          return [
            scale, Double(t), columns[matrices / 2], columns[matrices - 1], StochasticDeviation.measure(h, n: n).row,
          ]
        }
      }
    }
  }
}

extension SinkhornIterations {
  /// A log y axis with plain numbers, and the same with float32's ε marked.
  static let logY = ["set format y '%g'"]
  static let epsilon =
    logY + [
      "set yrange [1e-8:*]", Gnuplot.horizontalLine(at: "1.19e-7"),
      "set label 'float32 ε' at graph 0.98, first 1.19e-7 right offset 0, 0.6 textcolor rgb '#888888' font ',9'",
    ]

  /// The projection alone: column deviation over t_max for each logit scale (worst and median matrix).
  func convergenceFigure(proj: [[Double]]) -> GnuplotFigure {
    let n = config(design.reference).model.connection.streams, scales = projectionScales(proj)
    func convergence(_ column: Int, dash: Int, _ what: String) -> [Series] {
      scales.enumerated().map { k, s in
        Series(
          "σ=\(cell(s, 3)), \(what)", color: ramp(k, of: scales.count),
          points: proj.filter { $0[0] == s && $0[1] >= 1 && $0[column] > 0 }.map { ($0[1], $0[column]) }, dash: dash)
      }
    }
    let panel = Panel(
      title:
        "Sinkhorn-Knopp alone on random logits σ·N(0,1), n=\(n), t_max ≥ 1 (straight line = geometric convergence)",
      xlabel: "t_max (iterations)", ylabel: "max |column sum − 1|", logy: true,
      series: convergence(3, dash: 1, "worst matrix") + convergence(2, dash: 2, "median matrix"),
      extra: Self.epsilon + ["set key outside right samplen 4", "set xrange [0:\(Self.projectionSteps.last!)]"])
    return Chart.figure("sinkhorn-iterations-convergence", panels: [panel], width: 1100, height: 600)
  }
}
