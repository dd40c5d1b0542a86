// sinkhorn-iterations — summary.md: the engine's tables (``DesignSummary``) and the measurements of
// its own: the deviation from doubly stochastic and the projection's share of a step per t_max,
// per sublayer, and the projection alone (the columns are explained in README.md).

import Foundation
import MHC
import MHCHarness

extension SinkhornIterations {
  func extras(_ page: Page, _ time: Timing, proj: [[Double]], scales: [Double]) -> [(title: String, text: String)] {
    let sections = design.cells.map { d -> (title: String, text: String) in
      var t = MarkdownTable([
        "t_max", "max row dev", "max column dev", "Sinkhorn ms/step", "step ms", "Sinkhorn share", "diverged",
      ])
      for tm in tValues {
        let sinkhorn = time.seconds(config(d), tm), step = time.step(config(d), tm)
        t.add([
          "\(tm)", cell(page.mean(d, tm) { $0.summary.maxRowDeviation }, 2),
          cell(page.mean(d, tm) { $0.summary.maxColumnDeviation }, 2), cell(sinkhorn * 1000, 3), cell(step * 1000, 3),
          String(format: "%.1f%%", 100 * sinkhorn / step), "\(diverged(page, d, tm)) of \(page.runs(d, tm).count)",
        ])
      }
      let seed0 = tValues.compactMap { tm in page.runs(d, tm).first.map { (tm, $0.finalGains) } }
      var perSublayer = MarkdownTable(["sublayer"] + seed0.map { "t=\($0.0)" })
      for k in 0..<(seed0.map(\.1.count).max() ?? 0) {
        perSublayer.add(["\(k + 1)"] + seed0.map { cell($0.1.first { $0.sublayer == k }?.deviation.column, 2) })
      }
      return (
        "\(design.title(d)): deviation from doubly stochastic and the projection's time",
        t.text
          + "\nTimes: \(time.cpu), BLAS \(time.blas) (`timing.json`).\n\n|column sum − 1| per sublayer, seed 0 (max over tokens):\n\n"
          + perSublayer.text
      )
    }
    let shown = [1, 3, 10, 20, 50]
    var p = MarkdownTable(
      ["logit σ"] + shown.map { "median at t=\($0)" } + [
        "worst at t=20", "t for worst < 1e-3", "t for worst < 1e-6", "median factor per iteration",
      ])
    for s in scales {
      let rows = proj.filter { $0[0] == s }
      func at(_ t: Int, _ col: Int) -> Double? { rows.first { $0[1] == Double(t) }?[col] }
      func reach(_ level: Double) -> String {
        rows.first { $0[3] < level }.map { String(format: "%.0f", $0[1]) } ?? "> \(Self.projectionSteps.last!)"
      }
      p.add(
        ["\(cell(s, 3))"] + shown.map { cell(at($0, 2), 2) } + [
          cell(at(20, 3), 2), reach(1e-3), reach(1e-6), cell(rate(rows), 3),
        ])
    }
    let n = config(design.reference).model.connection.streams, rows = proj.filter { $0[1] >= 1 }.map { $0[4] }.max()
    return sections + [
      (
        "The projection alone (no training)",
        "\(sweep.preset == .tiny ? 100 : 2000) random \(n)×\(n) logit matrices σ·N(0,1); largest |row sum − 1| for "
          + "t_max ≥ 1: \(cell(rows, 2)).\n\n" + p.text
      )
    ]
  }
}

/// Geometric convergence rate of the median column deviation (`scale, t, median, …` rows): the
/// per-iteration factor between t=1 and the last t where the median is above 1e-5.
func rate(_ rows: [[Double]]) -> Double? {
  guard let a = rows.first(where: { $0[1] == 1 }), let b = rows.last(where: { $0[1] > 1 && $0[2] > 1e-5 }), a[2] > 0
  else { return nil }
  return exp((log(b[2]) - log(a[2])) / (b[1] - a[1]))
}
