// overhead — the report: step time and memory per configuration, the figure and summary.md.

import Experiments
import Foundation
import MHC
import MHCHarness

extension Overhead {
  func report(_ data: Measurements) throws {
    let d = design, widthList = d.widths, nList = d.streams
    /// The residual timed in the same group (and rounds) as `m`.
    func residual(_ m: TimedModel) -> TimedModel? { data.find(m.group, .residual) }
    /// The median of the per-round ratios to the residual's step (%), and their mean and 95% interval over rounds.
    func overhead(_ m: TimedModel) -> Double? {
      residual(m).map { 100 * (m.result.pairedRatio(to: $0.result) - 1) }
    }
    func withInterval(_ m: TimedModel) -> String {
      let median = overhead(m).map { String(format: "%+.1f%%", $0) } ?? "–"
      guard let r = residual(m) else { return median }
      let i = SeedInterval(zip(m.result.stepTimes, r.result.stepTimes).map { 100 * ($0 / $1 - 1) })
      guard i.n >= 2 else { return median }
      return median + String(format: " (mean %+.1f%% ± %.1f%%, %d rounds)", i.mean, i.halfWidth, i.n)
    }
    func memoryRatio(_ m: TimedModel) -> Double? {
      residual(m).map { Double(m.result.trainingBytes) / Double($0.result.trainingBytes) }
    }
    let widthGroups = widthList.map { "C=\($0)" }.filter { data.groups[$0] != nil }
    let clean = "unset arrow\nunset label"
    let paperLine =
      clean
      + "\nset yrange [*<0:*]\nset arrow from graph 0, first 6.7 to graph 1, first 6.7 nohead dt 2 lc rgb "
      + "'#555555'\nset label 'paper: mHC +6.7%' at graph 0.98, first 6.7 right offset 0,0.8 textcolor rgb '#555555'"
    func rcOf(_ n: Int) -> Int { d.optimalBlock(n: n) }

    /// One line per kind (HC, mHC, mHC + recompute): `value` at each x (a width group at n = 4, or an n in `firstC`).
    func lines(_ xs: [(x: Double, group: String, n: Int)], _ value: (TimedModel) -> Double?) -> [Series] {
      [(ConnectionKind.hc, false), (.mhc, false), (.mhc, true)].map { kind, rc in
        Series(
          kind.rawValue + (rc ? " + recompute" : ""), color: PlotStyle.color(for: kind.rawValue),
          points: xs.compactMap { p in
            data.find(p.group, kind, n: p.n, k: rc ? rcOf(p.n) : 0).flatMap(value).map { (p.x, $0) }
          },
          style: "linespoints", dash: rc ? 2 : 1)
      }
    }
    func tics(_ v: [Int]) -> String { "set xtics (" + v.map { "'\($0)' \($0)" }.joined(separator: ", ") + ")" }
    let firstC = widthGroups.first ?? "C=\(base.model.width)"
    let overWidths = widthGroups.compactMap { g in Int(g.dropFirst(2)).map { (x: Double($0), group: g, n: 4) } }
    let overN = nList.map { (x: Double($0), group: firstC, n: $0) }
    let ylabel = "step time over the residual (%)"
    let byC = Panel(
      title: "n = 4", xlabel: "width C", ylabel: ylabel, logx: true, series: lines(overWidths, overhead),
      extra: [paperLine, tics(widthList)])
    let byN = Panel(
      title: firstC, xlabel: "expansion rate n", ylabel: ylabel, logx: true, series: lines(overN, overhead),
      extra: [paperLine, tics(nList)])
    let mem = Panel(
      title: "training memory, \(firstC)", xlabel: "expansion rate n", ylabel: "memory / residual's", logx: true,
      series: lines(overN, memoryRatio),
      extra: [
        clean, tics(nList), "set yrange [1:*]", "set key top left",
        "set arrow from graph 0, first 1.15 to graph 1, first 1.15 nohead dt 3 lc rgb '#999999'",
        "set label 'target 1.15×' at graph 0.98, first 1.15 right offset 0,-0.8 textcolor rgb '#999999'",
      ])
    // the K trade-off: memory against step time, one point per block size
    let ks = (data.groups["recompute"] ?? []).filter { $0.connection == .mhc }.sorted { $0.recompute < $1.recompute }
      .compactMap { m in memoryRatio(m).flatMap { r in overhead(m).map { (k: m.recompute, x: r, y: $0) } } }
    let trade = Panel(
      title: "mHC n = 4, recomputation block K (labels)", xlabel: "training memory / residual's", ylabel: ylabel,
      series: [Series("mHC", color: PlotStyle.color(for: "mhc"), points: ks.map { ($0.x, $0.y) }, style: "points")],
      extra: [clean, "set offsets graph 0.08, graph 0.12, graph 0.1, graph 0.1"]
        + ks.map {
          "set label '\($0.k == 0 ? "off" : "K=\($0.k)")' at first \($0.x), first \($0.y) offset 0.6,0.6 font ',9'"
        })
    try Gnuplot.render(
      Chart.figure(
        "overhead", title: "What HC and mHC cost beside the residual (\(data.cpu), \(data.threads) threads)",
        panels: [byC, byN, mem, trade], columns: 2), in: plots)

    // summary.md
    let phases = ConnectionProfile.Phase.allCases
    var t = MarkdownTable([
      "group", "model", "s/step", "over residual", "memory", "memory / residual",
      "connection passes, ms/step (" + phases.map { ConnectionProfile.shortNames[$0]! }.joined(separator: ", ") + ")",
      "I/O per token (elements)",
    ])
    for g in widthGroups + ["recompute"] {
      for m in data.groups[g] ?? [] {
        let p = phases.map { String(format: "%.1f", (m.result.connectionSeconds[$0.rawValue] ?? 0) * 1e3) }
        t.add([
          g, m.label, String(format: "%.4f", m.result.stepSeconds), m.connection == .residual ? "–" : withInterval(m),
          TrainingMemory.describe(m.result.trainingBytes), memoryRatio(m).map { String(format: "%.3f×", $0) } ?? "–",
          m.connection == .residual ? "–" : p.joined(separator: ", "), "\(m.io.total)",
        ])
      }
    }
    let ref = data.find(firstC, .mhc, n: 4), refK = data.find(firstC, .mhc, n: 4, k: rcOf(4))
    func memory(_ m: TimedModel?) -> String { m.flatMap(memoryRatio).map { String(format: "%.3f×", $0) } ?? "–" }
    let summary = """
      # overhead — \(preset) preset

      Machine: \(data.cpu), BLAS \(data.blas), \(data.threads) threads; code \(data.gitRevision). Models: \
      \(data.settings). Recomputation: K = \(rcOf(4)) at n = 4 unless the row says otherwise. What the columns \
      mean: `experiments/overhead/README.md`.

      n = 4, \(firstC): mHC \(ref.map(withInterval) ?? "–") step time, \(memory(ref)) memory; with recomputation \
      \(refK.map(withInterval) ?? "–"), \(memory(refK)).

      \(t.text)
      Figure: `plots/overhead.png`.

      """
    try RunFiles.write(summary, to: "\(folder)/summary.md")
    print(summary)
  }
}
