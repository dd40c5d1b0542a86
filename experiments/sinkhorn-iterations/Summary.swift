// sinkhorn-iterations — summary.md: per-depth tables, the findings, and the verdicts against the
// reference t_max.

import ArgumentParser
import Foundation
import MHC
import MHCHarness

extension SinkhornIterations {
  func summary(_ ds: [Depth], _ cells: [[Cell]], proj: [[Double]], scales: [Double]) -> String {
    let quickNote =
      "The quick preset uses the reference model with seq 64 × batch 8 (¼ of the reference tokens per "
      + "step) to keep the sweep short.\n"
    let referenceNote = referenceT == 20 ? " (the paper's)" : " (the largest trained; 20 was not)"
    var text = """
      # sinkhorn-iterations — \(sweep.preset.rawValue) preset

      mHC, n=\(ds[0].config.model.connection.streams), uniform bias init, trained for every t_max ∈ {\(tValues.map(String.init).joined(separator: ", "))}:
      C=\(ds[0].config.model.width), heads \(ds[0].config.model.heads), seq \(ds[0].config.model.seq), batch \(ds[0].config.batch), \(ds[0].config.steps) steps, lr \(ds[0].config.lr),
      at \(ds.map { "\($0.label) (\($0.seeds) seed\($0.seeds == 1 ? "" : "s"))" }.joined(separator: " and ")).
      \(sweep.preset == .quick ? quickNote : "")
      Deviation and gains are those of the last evaluation (first validation batch): deviation is the largest over tokens and sublayers,
      gains are token averages, largest over sublayers; both are means over the completed seeds. Step time is the median training step;
      "Sinkhorn" is the projection's forward + backward for one batch, timed alone, times \(2 * ds[0].config.model.layers) (or \(2 * ds[1].config.model.layers)) sublayers.

      \(finalEvaluationNote(cells.joined().flatMap(\.runs)))
      Every t_max is compared with t_max = \(referenceT)\(referenceNote) \
      at the same depth: the baseline of each gap below is the t_max = \(referenceT) run of the same seed. The sweep has \
      no residual runs, so there is no gap to the residual here (see `stability` and `components`).


      """
    for (d, cs) in zip(ds, cells) {
      var t = MarkdownTable([
        "t_max", "final val loss (mean ± 95%)", "max row dev", "max column dev",
        "single fwd / bwd gain", "composite fwd / bwd gain", "Sinkhorn ms/step", "step ms",
        "Sinkhorn share", "diverged",
      ])
      for c in cs {
        func pair(_ f: (RunSummary) -> Double?, _ g: (RunSummary) -> Double?) -> String {
          "\(cell(c.mean { f($0.summary) }, 4)) / \(cell(c.mean { g($0.summary) }, 4))"
        }
        t.add([
          "\(c.t)", c.interval { $0.summary.finalEvalLoss }.text(4),
          cell(c.mean { $0.summary.maxRowDeviation }, 2), cell(c.mean { $0.summary.maxColumnDeviation }, 2),
          pair(\.maxSingleForwardGain, \.maxSingleBackwardGain),
          pair(\.maxCompositeForwardGain, \.maxCompositeBackwardGain),
          cell(c.sinkhornSeconds * 1000, 3), cell(c.stepSeconds * 1000, 3),
          c.share, "\(c.diverged) of \(c.runs.count)",
        ])
      }
      var g = MarkdownTable(["t_max", "gap to t_max = \(referenceT)"] + PairedComparison.tableHeader.dropFirst())
      for (c, gap) in zip(cs, gapsToReference(cs)) {
        if c.t == referenceT {
          g.add(["\(c.t)", "reference"] + PairedComparison.tableHeader.dropFirst().map { _ in "" })
        } else if let gap {
          g.add(["\(c.t)"] + gap.tableCells)
        }
      }
      text += "## \(d.label) (\(2 * d.config.model.layers) sublayers)\n\n\(t.text)\n"
      text += "Final loss against t_max = \(referenceT), paired by seed:\n\n\(g.text)\n"
    }
    for (d, cs) in zip(ds, cells) {
      let seed0 = cs.compactMap { c in c.runs.first.map { (c.t, $0.finalGains) } }
      var t = MarkdownTable(["sublayer"] + seed0.map { "t=\($0.0)" })
      for k in 0..<(seed0.map(\.1.count).max() ?? 0) {
        t.add(["\(k + 1)"] + seed0.map { cell($0.1.first { $0.sublayer == k }?.deviation.column, 2) })
      }
      text += "## |column sum − 1| per sublayer, \(d.label), seed 0 (max over tokens)\n\n\(t.text)\n"
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
        rows.first { $0[3] < level }.map { "\(Int($0[1]))" } ?? "> \(Self.projectionSteps.last!)"
      }
      p.add(
        ["\(cell(s, 3))"] + shown.map { cell(at($0, 2), 2) } + [
          cell(at(20, 3), 2), reach(1e-3), reach(1e-6), cell(rate(rows), 3),
        ])
    }
    text += """
      ## The projection alone (no training)

      \(sweep.preset == .tiny ? 100 : 2000) random \(ds[0].config.model.connection.streams)×\(ds[0].config.model.connection.streams) logit matrices σ·N(0,1) (the same draws at every σ), column deviation after t_max iterations
      (rows are exact after every iteration: the largest |row sum − 1| for t_max ≥ 1 is \(cell(proj.filter { $0[1] >= 1 }.map { $0[4] }.max(), 2))). "Median factor per iteration" is the geometric rate of the median curve between
      t=1 and the last t where it is above 1e-5 (values near float32 rounding, ~1e-7, are not informative).

      \(p.text)
      ## What this shows

      \(findings(ds, cells))
      Figures: `plots/sinkhorn-iterations-loss.png`, `plots/sinkhorn-iterations-deviation.png`, `plots/sinkhorn-iterations-gain.png`,
      `plots/sinkhorn-iterations-step-time.png`, `plots/sinkhorn-iterations-convergence.png`.

      """
    return text
  }

  /// The headline numbers, one bullet per depth: the smallest t_max, the reference and the largest;
  /// each t_max's verdict against the reference; from which t_max on none is resolved worse than
  /// it; and where runs diverged.
  func findings(_ ds: [Depth], _ cells: [[Cell]]) -> String {
    zip(ds, cells).map { d, cs -> String in
      let picked = [cs.first, cs.first { $0.t == referenceT }, cs.last].compactMap { $0 }
      let shown = picked.enumerated().filter { i, c in !picked[..<i].contains { $0.t == c.t } }.map(\.1)
      let parts = shown.map { c in
        "t_max=\(c.t): loss \(c.completed.isEmpty ? "diverged" : c.interval { $0.summary.finalEvalLoss }.text(4)), "
          + "composite backward gain \(cell(c.mean { $0.summary.maxCompositeBackwardGain }, 3)), "
          + "column deviation \(cell(c.mean { $0.summary.maxColumnDeviation }, 2)), Sinkhorn \(c.share) of the step"
      }
      let diverged = cs.filter { $0.diverged > 0 }.map { "t_max=\($0.t) (\($0.diverged) of \($0.runs.count))" }
      return "- \(d.label): " + parts.joined(separator: "; ") + "."
        + (diverged.isEmpty ? "" : " Diverged: " + diverged.joined(separator: ", ") + ".")
        + "\n  " + verdicts(cs)
    }.joined(separator: "\n") + "\n"
  }

  /// Each t_max's verdict against the reference, grouped, and the t_max from which on no smaller
  /// one is resolved worse (stated with the largest upper end of those intervals, the penalty the
  /// seeds still allow), or why there is no such statement.
  func verdicts(_ cs: [Cell]) -> String {
    let gaps = gapsToReference(cs)
    let others = zip(cs, gaps).compactMap { c, g in g.map { (t: c.t, gap: $0) } }
    guard !others.isEmpty else { return "Against t_max=\(referenceT): not trained at this depth, no comparison." }
    func group(_ v: Verdict) -> [(t: Int, gap: PairedComparison)] { others.filter { $0.gap.verdict == v } }
    func list(_ v: Verdict, _ item: (Int, PairedComparison) -> String = { t, _ in "\(t)" }) -> String {
      group(v).map { item($0.t, $0.gap) }.joined(separator: ", ")
    }
    var parts: [String] = []
    if !group(.worse).isEmpty { parts.append("worse at t_max " + list(.worse)) }
    if !group(.better).isEmpty { parts.append("better at t_max " + list(.better)) }
    if !group(.notResolved).isEmpty {
      parts.append(
        "not resolved at t_max "
          + list(.notResolved) { t, g in
            "\(t) (±\(String(format: "%.3f", g.halfWidth)))"
          })
    }
    if !group(.tooFewSeeds).isEmpty {
      parts.append("no interval (fewer than two paired seeds) at t_max " + list(.tooFewSeeds))
    }
    var text = "Against t_max=\(referenceT), paired by seed: " + parts.joined(separator: "; ") + "."
    // The smallest t_max below the reference from which on every t_max below it has an interval
    // and is not resolved worse.
    let below = others.filter { $0.t < referenceT }.sorted { $0.t < $1.t }
    var from: Int?
    for i in below.indices.reversed() {
      let g = below[i].gap
      guard g.n >= 2, g.verdict != .worse, g.verdict != .tooFewSeeds else { break }
      from = i
    }
    if let i = from {
      let upper = below[i...].map(\.gap.differences.upper).max() ?? .nan
      text +=
        " From t_max=\(below[i].t) on, no t_max below \(referenceT) is resolved worse than t_max=\(referenceT) "
        + "at these seeds; the largest upper end of their intervals, \(signed(upper)) nats/byte, is the loss penalty "
        + "they still allow. Not resolved is not the same as equal."
    } else if !below.isEmpty {
      text +=
        below.last!.gap.n < 2
        ? " With one seed there is no verdict on how few iterations suffice (`--seeds`)."
        : " The largest t_max below \(referenceT) (\(below.last!.t)) is resolved worse: no smaller t_max is shown "
          + "to suffice."
    }
    return text
  }
}

/// Geometric convergence rate of the median column deviation (`scale, t, median, …` rows): the
/// per-iteration factor between t=1 and the last t where the median is above 1e-5.
func rate(_ rows: [[Double]]) -> Double? {
  guard let a = rows.first(where: { $0[1] == 1 }), let b = rows.last(where: { $0[1] > 1 && $0[2] > 1e-5 }), a[2] > 0
  else { return nil }
  return exp((log(b[2]) - log(a[2])) / (b[1] - a[1]))
}
