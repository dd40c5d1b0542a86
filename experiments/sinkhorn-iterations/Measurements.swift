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

  /// A numeric table in `folder/file` (CSV), measured unless results/ has it.
  func table(_ file: String) -> StoredMeasurement {
    StoredMeasurement(path: "\(folder)/\(file)", replot: sweep.replot, force: sweep.force)
  }

  /// Sinkhorn forward and backward seconds per batch (`t, tokens, forward, backward` rows), for every
  /// t_max and batch size of the sweep; measured alone in this process, median of 11 repeats.
  func timings() throws -> [[Double]] {
    let configs = design.cells.map(config)
    let keys = Set(configs.flatMap { c in tValues.map { [Double($0), Double(c.batch * c.model.seq)] } })
    let n = configs[0].model.connection.streams
    return try table("sinkhorn-timing.csv").table(
      header: "t,tokens,forward_seconds,backward_seconds",
      covers: { rows in keys.isSubset(of: Set(rows.map { Array($0.prefix(2)) })) }
    ) {
      keys.sorted { ($0[1], $0[0]) < ($1[1], $1[0]) }.map { key in
        let s = SinkhornKnopp.timeFloat(n: n, iterations: Int(key[0]), tokens: Int(key[1]), repeats: 11)
        return key + [s.forward, s.backward]
      }
    }
  }

  /// The projection alone on `matrices` random n×n logit matrices `scale · N(0, 1)` (the same draws
  /// at every scale): `scale, t, median column deviation, worst column deviation, worst row deviation`.
  func projection(n: Int) throws -> [[Double]] {
    let matrices = sweep.preset == .tiny ? 100 : 2000, nn = n * n
    return try table("projection.csv").table(
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
