// overhead — the report: step time and memory per configuration, the figure and summary.md.

import Experiments
import Foundation
import MHC
import MHCHarness

extension Overhead {
  func report(_ data: Measurements) throws {
    let d = design, widthList = d.widths, nList = d.streams
    func find(_ g: String, _ kind: ConnectionKind, n: Int = 1, k: Int = 0) -> TimedModel? {
      data.find(g, kind, n: n, k: k)
    }
    func overhead(_ m: TimedModel) -> Double? {  // median of the per-round ratios
      find(m.group, .residual).map { 100 * (m.result.pairedRatio(to: $0.result) - 1) }
    }
    /// The per-round overhead (%) over the residual's step of the same round: mean and 95% interval over rounds.
    func overheadInterval(_ m: TimedModel) -> SeedInterval? {
      find(m.group, .residual).map { r in
        SeedInterval(zip(m.result.stepTimes, r.result.stepTimes).map { 100 * ($0 / $1 - 1) })
      }
    }
    func withInterval(_ m: TimedModel) -> String {
      guard let i = overheadInterval(m), i.n >= 2 else {
        return overhead(m).map { String(format: "%+.1f%%", $0) } ?? "–"
      }
      return String(format: "%+.1f%% (mean %+.1f%% ± %.1f%%, %d rounds)", overhead(m) ?? .nan, i.mean, i.halfWidth, i.n)
    }
    func memoryRatio(_ m: TimedModel) -> Double? {
      find(m.group, .residual).map { Double(m.result.trainingBytes) / Double($0.result.trainingBytes) }
    }
    let widthGroups = widthList.map { "C=\($0)" }.filter { data.groups[$0] != nil }
    let clean = "unset arrow\nunset label"
    let paperLine =
      clean
      + "\nset yrange [*<0:*]\nset arrow from graph 0, first 6.7 to graph 1, first 6.7 nohead dt 2 lc rgb "
      + "'#555555'\nset label 'paper: mHC +6.7%' at graph 0.98, first 6.7 right offset 0,0.8 textcolor rgb '#555555'"
    let kinds: [(ConnectionKind, Bool)] = [(.hc, false), (.mhc, false), (.mhc, true)]
    func name(_ kind: ConnectionKind, _ rc: Bool) -> String { kind.rawValue + (rc ? " + recompute" : "") }
    func rcOf(_ n: Int) -> Int { d.optimalBlock(n: n) }

    /// One line per kind: `value` of the model at each x (a width group at n = 4, or an n in `firstC`).
    func lines(_ xs: [(x: Double, group: String, n: Int)], _ value: (TimedModel) -> Double?) -> [Series] {
      kinds.map { kind, rc in
        Series(
          name(kind, rc), color: PlotStyle.color(for: kind.rawValue),
          points: xs.compactMap { p in
            find(p.group, kind, n: p.n, k: rc ? rcOf(p.n) : 0).flatMap(value).map { (p.x, $0) }
          },
          style: "linespoints", dash: rc ? 2 : 1)
      }
    }
    func tics(_ v: [Int]) -> String { "set xtics (" + v.map { "'\($0)' \($0)" }.joined(separator: ", ") + ")" }
    let firstC = widthGroups.first ?? "C=\(base.model.width)"
    let overWidths = widthGroups.compactMap { g in Int(g.dropFirst(2)).map { (x: Double($0), group: g, n: 4) } }
    let overN = nList.map { (x: Double($0), group: firstC, n: $0) }
    // overhead % vs C (n = 4) and vs n (C = 128)
    let byC = Panel(
      title: "n = 4", xlabel: "width C", ylabel: "step time over the residual (%)", logx: true,
      series: lines(overWidths, overhead), extra: [paperLine, tics(widthList)])
    let byN = Panel(
      title: firstC, xlabel: "expansion rate n", ylabel: "step time over the residual (%)", logx: true,
      series: lines(overN, overhead), extra: [paperLine, tics(nList)])
    // memory vs n (C = reference)
    let mem = Panel(
      title: "training memory, \(firstC)", xlabel: "expansion rate n", ylabel: "memory / residual's", logx: true,
      series: lines(overN, memoryRatio),
      extra: [
        clean, tics(nList), "set yrange [1:*]", "set key top left",
        "set arrow from graph 0, first 1.15 to graph 1, first 1.15 nohead dt 3 lc rgb '#999999'",
        "set label 'target 1.15×' at graph 0.98, first 1.15 right offset 0,-0.8 textcolor rgb '#999999'",
      ])
    // K trade-off
    let sweep = (data.groups["recompute"] ?? []).filter { $0.connection == .mhc }.sorted { $0.recompute < $1.recompute }
    let trade = Panel(
      title: "mHC n = 4, recomputation block K (labels)", xlabel: "training memory / residual's",
      ylabel: "step time over the residual (%)",
      series: [
        Series(
          "mHC", color: PlotStyle.color(for: "mhc"),
          points: sweep.compactMap { m in memoryRatio(m).flatMap { r in overhead(m).map { (r, $0) } } },
          style: "points")
      ],
      extra: [clean, "set offsets graph 0.08, graph 0.12, graph 0.1, graph 0.1"]
        + sweep.compactMap { m in
          memoryRatio(m).flatMap { r in
            overhead(m).map {
              "set label '\(m.recompute == 0 ? "off" : "K=\(m.recompute)")' at first \(r), first \($0) offset "
                + "0.6,0.6 font ',9'"
            }
          }
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
    let ref = find(firstC, .mhc, n: 4), refK = find(firstC, .mhc, n: 4, k: rcOf(4))
    func memory(_ m: TimedModel?) -> String { m.flatMap(memoryRatio).map { String(format: "%.3f×", $0) } ?? "–" }
    let summary = """
      # overhead — \(preset) preset

      Machine: \(data.cpu), BLAS \(data.blas), \(data.threads) threads; code \(data.gitRevision). Models: \
      \(data.settings).
      "over residual": the median over rounds of the step-time ratio to the residual's step of the same round; \
      in brackets the mean per-round overhead and its 95% interval over the rounds. Memory: exact training bytes. \
      Recomputation: the paper's block K = √(n·2L/(n+2)) (K = \(rcOf(4)) at n = 4) unless the row says otherwise. \
      I/O: elements each connection reads and writes per token and sublayer, forward and backward.

      n = 4, \(firstC): mHC \(ref.map(withInterval) ?? "–") step time, \(memory(ref)) memory; with recomputation \
      \(refK.map(withInterval) ?? "–"), \(memory(refK)).

      \(t.text)
      Figure: `plots/overhead.png`; what the numbers mean: `experiments/overhead/README.md`.

      """
    try RunFiles.write(summary, to: "\(folder)/summary.md")
    print(summary)
  }
}
