// scaling — summary.md: the tables, the slope comparison, and what the runs can and cannot
// conclude.

import ArgumentParser
import Foundation
import MHC
import MHCHarness
import Experiments

extension Scaling {
  func summary(
    _ results: [SizeResult], fits: [ConnectionKind: PowerLaw], long: [LoadedRun], all: [LoadedRun], plan p: ScalingDesign
  ) -> String {
    var sizes = MarkdownTable(
      [
        "size", "heads", "non-emb params (res / hc / mhc)", "steps", "tokens", "tokens/param",
        "compute (FLOPs)", "seeds",
      ] + variants.map { "\($0.rawValue) loss (mean ± 95%)" }
        + ["hc / res (mean ± 95%)", "mhc / res (mean ± 95%)"])
    for r in results {
      sizes.add(
        [
          r.size.label, "\(r.size.heads)", variants.map { millions(r.parameters($0)) }.joined(separator: " / "),
          "\(r.steps)",
          millions(r.tokens), cell(Double(r.tokens) / Double(r.parameters(.residual)), 3), cell(r.compute, 3),
          "\(r.seeds)",
        ]
          + variants.map { r.loss($0).text(4) } + [r.ratio(.hc).text(4), r.ratio(.mhc).text(4)])
    }
    var gapTable = MarkdownTable(["size", "variant − residual"] + PairedComparison.tableHeader)
    for r in results {
      for k in [ConnectionKind.hc, .mhc] { gapTable.add([r.size.label, k.rawValue] + r.gap(k).tableCells) }
    }
    var fitTable = MarkdownTable([
      "variant", "a", "b ± standard error", "R² (log-log)", "points", "L at the largest compute: measured / fitted",
    ])
    for k in variants {
      guard let f = fits[k], let top = results.last else {
        fitTable.add([k.rawValue, "–", "–", "–", "–", "–"]); continue
      }
      fitTable.add([
        k.rawValue, cell(f.a, 4), "\(cell(f.b, 3)) ± \(cell(f.standardError, 2))", cell(f.r2, 4), "\(f.count)",
        "\(cell(top.loss(k).mean)) / \(cell(f(top.compute)))",
      ])
    }
    // Every seed of every size: the paired differences behind the gap table.
    var seedTable = MarkdownTable(["size", "seed"] + variants.map(\.rawValue) + ["hc − res", "mhc − res"])
    for r in results {
      for s in Set(r.runs.map(\.config.seed)).sorted() {
        let l = variants.map { r.losses($0)[s] }
        seedTable.add(
          [r.size.label, "\(s)"] + l.map { cell($0) } + [l[1], l[2]].map { cell(compare($0, l[0], -), 3) })
      }
    }
    // Token scaling: the long runs at eight points of training.
    var tokenTable = MarkdownTable(
      ["tokens", "step"] + variants.map(\.rawValue) + ["mhc − res", "mhc / res", "hc − res", "hc / res"])
    let curves = variants.map { k in
      long.first { $0.config.model.connection.kind == k }.map { r in
        Dictionary(r.metrics.compactMap { m in m.valLoss.map { (m.step, $0) } }, uniquingKeysWith: { a, _ in a })
      } ?? [:]
    }
    let evalSteps = curves[0].keys.sorted()
    let picks = evalSteps.isEmpty ? [] : Set((1...8).map { evalSteps[max(0, $0 * evalSteps.count / 8 - 1)] }).sorted()
    let tokensPerStep = long.first.map { $0.config.batch * $0.config.model.seq } ?? 0
    for step in picks {
      let l = curves.map { $0[step] }
      tokenTable.add(
        [millions(step * tokensPerStep), "\(step)"] + l.map { cell($0) }
          + [l[2], l[1]].flatMap { [cell(compare($0, l[0], -), 3), cell(compare($0, l[0], /), 4)] })
    }
    let longSeeds = Set(long.map(\.config.seed)).sorted().map { "seed \($0)" }.joined(separator: ", ")
    let statusLine = ExperimentSummary.status(
      all, consequence: "and are left out of means, gaps and fits", reasons: true)
    let phi = phiShare(results.last).map { cell(100 * $0, 2) + "%" } ?? "–"
    let seedCounts = Set(results.map(\.seeds)).sorted()
    let seedsLine =
      seedCounts.count == 1
      ? "\(seedCounts[0]) seed(s) at every size"
      : "seeds per size as in the table ("
        + results.map { "\($0.size.label): \($0.seeds)" }.joined(separator: ", ") + ")"
    return """
      # scaling — \(sweep.preset.rawValue) preset

      Compute scaling: \(results.count) sizes (width and depth together; heads = max(2, width/32)), each trained on \
      \(cell(p.tokensPerParameter, 3)) tokens per non-embedding parameter of its residual model (HC and mHC get the \
      same steps, so the same compute); batch \(p.config(.residual, p.sizes[0], seed: 0, budget: 1).batch) × seq \(p.config(.residual, p.sizes[0], seed: 0, budget: 1).model.seq), lr \(p.config(.residual, p.sizes[0], seed: 0, budget: 1).lr) with the paper's \
      step decay, n = \(streams), t_max = \(p.config(.residual, p.sizes[0], seed: 0, budget: 1).model.connection.iterations); \(seedsLine). Compute = training FLOPs of the \
      transformer's matmuls (6 × tokens × (weights + attention), head included), the same for all three variants: the \
      connections' own work is not counted (mHC's Φ projection adds \(phi) at the largest size). Losses are final \
      validation nats/byte; ratios are variant / residual per seed, then mean ± 95% half-width.

      \(finalEvaluationNote(results.flatMap(\.runs)))

      \(statusLine)

      \(sizes.text)
      ## Gap to the residual per size (paired by seed)

      \(gapTable.text)
      ## Power-law fits, L(C) = a · C^(−b)

      Least squares of log L on log C over the sizes' mean losses (one point per size). With \(results.count) points a \
      fit with an irreducible term would have as many parameters as points, so none is fitted; R² is in log space, and \
      the slope's standard error has \(max(results.count - 2, 0)) degree(s) of freedom.

      \(fitTable.text)
      \(slopeSentence(fits))

      ## Seeds

      \(seedTable.text)
      ## Token scaling (\(long.first.map { "\(ModelSize($0.config).label), \($0.config.steps) steps, \(cell(p.long, 3))× its compute budget" } ?? "–"))

      One run per variant (\(longSeeds.isEmpty ? "none finished" : longSeeds)): the differences below are single runs \
      with no interval, and no verdict is drawn from them. Values are the in-training validation loss \
      (\(long.first.map { "\($0.config.evalBatches)" } ?? "–") random validation batches per evaluation), not the final \
      evaluation.

      \(tokenTable.text)
      ## Where these models sit, and what can be concluded

      \(context(results))

      Figures: `plots/scaling-compute.png` (loss vs compute with fits; gap and ratio per size with 95% intervals), \
      `plots/scaling-tokens.png` (loss, gap and ratio over the long runs, one seed).

      """
  }

  /// One sentence comparing the fitted slopes of mHC and the residual baseline: their difference with an approximate
  /// 95% Student-t interval (combined standard error, points − 2 degrees of freedom).
  func slopeSentence(_ fits: [ConnectionKind: PowerLaw]) -> String {
    guard let m = fits[.mhc], let r = fits[.residual] else { return "Too few completed sizes for a fit." }
    let db = m.b - r.b, se = (m.standardError * m.standardError + r.standardError * r.standardError).squareRoot()
    let df = min(m.count, r.count) - 2
    let head = "mHC's exponent b minus the baseline's: \(signed(db))"
    guard se.isFinite, df >= 1 else {
      return head + "; with \(min(m.count, r.count)) points the exponents have no standard error, "
        + "so the fits do not compare the slopes."
    }
    let h = StudentT.quantile(0.975, df: Double(df)) * se
    let interval = " (approximate 95% interval [\(signed(db - h)), \(signed(db + h))], \(df) degree(s) of freedom)"
    guard db - h > 0 || db + h < 0 else {
      return head + interval + ": not resolved (±" + String(format: "%.3f", h)
        + "), so the fits do not distinguish the two slopes."
    }
    return head + interval + ": the interval excludes 0; taken at face value mHC's loss falls "
      + (db > 0 ? "faster" : "more slowly") + " with compute than the baseline's."
  }

  /// Where our sizes sit relative to the paper's 3B/9B/27B, and which conclusions the per-size verdicts support.
  func context(_ results: [SizeResult]) -> String {
    guard let small = results.first, let large = results.last else { return "No completed sizes." }
    let mhc = results.map { ($0.size.label, $0.gap(.mhc)) }, hc = results.map { ($0.size.label, $0.gap(.hc)) }
    let ahead = mhc.filter { $0.1.verdict == .better }.map(\.0)
    let holds: String
    if results.count > 1 && ahead.count == results.count {
      holds =
        "mHC is resolved ahead of the baseline at every size, so across this "
        + "\(cell(large.compute / small.compute, 3))× compute range its advantage holds as compute grows "
        + "(at these sizes and budgets)."
    } else if ahead.isEmpty {
      holds =
        "mHC is resolved ahead of the baseline at no size: these runs do not show an advantage, and so "
        + "cannot say whether one holds as compute grows."
    } else {
      holds =
        "mHC is resolved ahead of the baseline only at \(ahead.joined(separator: ", ")) "
        + "of \(results.count) sizes: "
        + "these runs do not show the advantage holding across the compute range."
    }
    let g0 = small.gap(.mhc), g1 = large.gap(.mhc), largest = Double(large.parameters(.residual))
    let orders = "\(cell(log10(3e9 / largest), 2))–\(cell(log10(27e9 / largest), 2))"
    let trend: String
    if results.count < 2 {
      trend = "one size: no trend with compute."
    } else if g0.n < 2 || g1.n < 2 {
      trend = "fewer than two paired seeds at the smallest or the largest size: no interval, so no trend is read."
    } else if g1.differences.upper < g0.differences.lower || g1.differences.lower > g0.differences.upper {
      trend =
        "the 95% intervals at \(small.size.label) \(g0.intervalText) and \(large.size.label) \(g1.intervalText) "
        + "do not overlap: the gap is \(g1.mean < g0.mean ? "more negative" : "less negative or positive") "
        + "at the largest size (a conservative reading: different sizes are not paired with each other)."
    } else {
      trend =
        "the 95% intervals at \(small.size.label) \(g0.intervalText) and \(large.size.label) \(g1.intervalText) "
        + "overlap: whether the gap grows or shrinks with compute is not resolved."
    }
    return """
      - Scale: our non-embedding parameters run from \(millions(small.parameters(.residual))) to \(millions(large.parameters(.residual))); the paper's models have 3B, 9B and 27B parameters (mixture-of-experts), about \(cell(3e9 / Double(large.parameters(.residual)), 2))× our largest and more. Our training compute spans \(cell(small.compute, 2))–\(cell(large.compute, 2)) FLOPs, a factor \(cell(large.compute / small.compute, 3)) (the paper's three sizes span about 9× in parameters, with billions of training tokens each). Byte-level models on one small corpus at \(cell(Double(large.tokens) / Double(large.parameters(.residual)), 2)) tokens per parameter are far from the paper's regime, and far from compute-optimal.
      - mHC − residual per size: \(verdictList(mhc)) (the paper reports mHC ahead at all three of its sizes and \
      throughout the 3B model's training).
      - HC − residual per size: \(verdictList(hc)).
      - Across compute: \(holds) Gap trend, smallest to largest size: \(trend)
      - Can be concluded: the per-size verdicts above, at these sizes and budgets; a gap that is not resolved means \
      no difference was detected at its ±half-width, not that there is none.
      - Cannot be concluded: anything about 3B–27B models (\(orders) orders of magnitude of extrapolation in \
      parameters); the shape of the loss-compute law (\(results.count) points fit a straight line in log-log almost \
      regardless); compute-optimal behaviour (our token budgets are fixed multiples of the parameters, not tuned); any \
      gap inside its interval; anything from the token-scaling runs beyond a description (one seed).
      """
  }
}

/// `relation(value, base)` when both exist.
func compare(_ value: Double?, _ base: Double?, _ relation: (Double, Double) -> Double) -> Double? {
  guard let value, let base else { return nil }
  return relation(value, base)
}

/// 803968 → "0.804M", 12345 → "12.3k".
func millions(_ x: Int) -> String {
  if x >= 1_000_000 { return "\(cell(Double(x) / 1e6, 3))M" }
  return x >= 1000 ? "\(cell(Double(x) / 1e3, 3))k" : "\(x)"
}
