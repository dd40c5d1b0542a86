// overhead — the report: step time and memory per configuration, the figure and summary.md.

import ArgumentParser
import Foundation
import MHC
import MHCHarness

extension Overhead {
  func report(_ data: Measurements) throws {
    func find(_ g: String, _ kind: ConnectionKind, n: Int = 1, k: Int = 0) -> Measurement? {
      data.groups[g]?.first { $0.connection == kind && ($0.connection == .residual || $0.n == n) && $0.recompute == k }
    }
    func overhead(_ m: Measurement) -> Double? {  // median of the per-round ratios
      find(m.group, .residual).map { 100 * (m.result.pairedRatio(to: $0.result) - 1) }
    }
    /// The per-round overhead (%) over the residual's step of the same round: mean and 95% interval over rounds.
    func overheadInterval(_ m: Measurement) -> SeedInterval? {
      find(m.group, .residual).map { r in
        SeedInterval(zip(m.result.stepTimes, r.result.stepTimes).map { 100 * ($0 / $1 - 1) })
      }
    }
    func withInterval(_ m: Measurement) -> String {
      guard let i = overheadInterval(m), i.n >= 2 else {
        return overhead(m).map { String(format: "%+.1f%%", $0) } ?? "–"
      }
      return String(format: "%+.1f%% (mean %+.1f%% ± %.1f%%, %d rounds)", overhead(m) ?? .nan, i.mean, i.halfWidth, i.n)
    }
    func memoryRatio(_ m: Measurement) -> Double? {
      find(m.group, .residual).map { Double(m.result.trainingBytes) / Double($0.result.trainingBytes) }
    }
    let widthGroups = widthList.map { "C=\($0)" }.filter { data.groups[$0] != nil }
    let clean = "unset arrow\nunset label"
    let paperLine =
      clean
      + "\nset yrange [*<0:*]\nset arrow from graph 0, first 6.7 to graph 1, first 6.7 nohead dt 2 lc rgb '#555555'\nset label 'paper: mHC +6.7%' at graph 0.98, first 6.7 right offset 0,0.8 textcolor rgb '#555555'"
    let kinds: [(ConnectionKind, Bool)] = [(.hc, false), (.mhc, false), (.mhc, true)]
    func name(_ kind: ConnectionKind, _ rc: Bool) -> String { kind.rawValue + (rc ? " + recompute" : "") }
    func rcOf(_ n: Int) -> Int { n > 1 ? optimalBlock(n: n, sublayers: 2 * base.model.layers) : 0 }

    // overhead % vs C (n = 4) and vs n (C = 128)
    let byC = Panel(
      title: "n = 4", xlabel: "width C", ylabel: "step time over the residual (%)", logx: true,
      series: kinds.map { kind, rc in
        Series(
          name(kind, rc), color: PlotStyle.color(for: kind.rawValue),
          points: widthGroups.compactMap { g in
            find(g, kind, n: 4, k: rc ? rcOf(4) : 0).flatMap { m in overhead(m).map { (Double(m.width), $0) } }
          },
          style: "linespoints", dash: rc ? 2 : 1)
      }, extra: [paperLine, "set xtics (" + widthList.map { "'\($0)' \($0)" }.joined(separator: ", ") + ")"])
    let firstC = widthGroups.first ?? "C=\(base.model.width)"
    let byN = Panel(
      title: firstC, xlabel: "expansion rate n", ylabel: "step time over the residual (%)", logx: true,
      series: kinds.map { kind, rc in
        Series(
          name(kind, rc), color: PlotStyle.color(for: kind.rawValue),
          points: nList.compactMap { n in
            find(firstC, kind, n: n, k: rc ? rcOf(n) : 0).flatMap { m in overhead(m).map { (Double(n), $0) } }
          },
          style: "linespoints", dash: rc ? 2 : 1)
      }, extra: [paperLine, "set xtics (" + nList.map { "'\($0)' \($0)" }.joined(separator: ", ") + ")"])
    // memory vs n (C = reference)
    let mem = Panel(
      title: "training memory, \(firstC)", xlabel: "expansion rate n", ylabel: "memory / residual's", logx: true,
      series: kinds.map { kind, rc in
        Series(
          name(kind, rc), color: PlotStyle.color(for: kind.rawValue),
          points: nList.compactMap { n in
            find(firstC, kind, n: n, k: rc ? rcOf(n) : 0).flatMap { m in memoryRatio(m).map { (Double(n), $0) } }
          },
          style: "linespoints", dash: rc ? 2 : 1)
      },
      extra: [
        clean, "set xtics (" + nList.map { "'\($0)' \($0)" }.joined(separator: ", ") + ")",
        "set yrange [1:*]", "set key top left",
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
              "set label '\(m.recompute == 0 ? "off" : "K=\(m.recompute)")' at first \(r), first \($0) offset 0.6,0.6 font ',9'"
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
    // K ≥ 2L is one block whose replay the backward skips: the same work as K off, timed twice
    let noise =
      sweep.first { $0.recompute >= 2 * base.model.layers }.flatMap { same in
        find("recompute", .mhc, n: 4).flatMap { off in
          overhead(same).flatMap { a in
            overhead(off).map { b in
              "Noise: mHC with K = \(same.recompute) does exactly the work of K off (one block, whose replay the backward skips); the two measured \(String(format: "%+.1f%%", a)) and \(String(format: "%+.1f%%", b)), so differences of that size between rows are noise of this machine."
            }
          }
        }
      } ?? ""
    let summary = """
      # overhead — \(preset) preset

      Machine: \(data.cpu), BLAS \(data.blas), \(data.threads) threads; code \(data.gitRevision). Models: \(data.settings)
      (the reference configuration, C varied). Every model of a group was timed in the same loop, one step each in turn;
      times are medians, and "over residual" is the median over rounds of the ratio to the residual's step in the same round, with the mean of those per-round overheads and its 95% Student-t interval over the rounds (the rounds are the replicates; a slow spell of the machine that lasts several rounds makes them less independent than the interval assumes). Memory is what the model allocates for training (parameters, gradients, AdamW moments,
      activations, scratch), exact. Recomputation uses the paper's block K = √(n·2L/(n+2)) over the 2L sublayers
      (K = \(rcOf(4)) at n = 4) unless the row says otherwise. I/O per token: elements each connection reads and writes
      per sublayer, forward and backward (`ConnectionIO`; the paper's unfused HC forward alone: \(ConnectionIO.paperHC(n: 4, width: base.model.width).read + ConnectionIO.paperHC(n: 4, width: base.model.width).write) at n = 4, C = \(base.model.width)).

      Headline, n = 4, \(firstC): mHC \(ref.map(withInterval) ?? "–") step time, \(ref.flatMap(memoryRatio).map { String(format: "%.3f×", $0) } ?? "–") memory; with recomputation \(refK.map(withInterval) ?? "–"), \(refK.flatMap(memoryRatio).map { String(format: "%.3f×", $0) } ?? "–"). The paper: +6.7% (27B, fused GPU kernels).

      \(noise)

      \(t.text)
      Figure: `plots/overhead.png`.

      """
    try RunFiles.write(summary, to: "\(folder)/summary.md")
    print(summary)
  }
}
