// scaling — summary.md: the engine's tables (``DesignSummary``) and scaling's own: sizes, fits, token scaling.

import Experiments
import Foundation
import MHC
import MHCHarness

extension Scaling {
  /// The sizes (parameters, steps, tokens, compute, loss ratios), the power-law fits and the token
  /// scaling runs: the tables of scaling's own beside the engine's.
  func extras(
    _ results: [SizeResult], fits: [ConnectionKind: PowerLaw], long: [LoadedRun], plan p: ScalingDesign
  )
    -> [(title: String, text: String)]
  {
    var sizes = MarkdownTable(
      [
        "size", "heads", "non-emb params (res / hc / mhc)", "steps", "tokens", "tokens/param", "compute (FLOPs)",
        "seeds",
      ]
        + variants.map { "\($0.rawValue) loss (mean ± 95%)" } + ["hc / res (mean ± 95%)", "mhc / res (mean ± 95%)"])
    for r in results {
      sizes.add(
        [
          r.size.label, "\(r.size.heads)", variants.map { millions(r.parameters($0)) }.joined(separator: " / "),
          "\(r.steps)", millions(r.tokens), cell(Double(r.tokens) / Double(r.parameters(.residual)), 3),
          cell(r.compute, 3), "\(r.seeds)",
        ] + variants.map { r.loss($0).text(4) } + [r.ratio(.hc).text(4), r.ratio(.mhc).text(4)])
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
    let phi = phiShare(results.last).map { cell(100 * $0, 2) + "%" } ?? "–"
    let longLabel = long.first.map {
      "\(ModelSize($0.config).label), \($0.config.steps) steps, \(cell(p.long, 3))× "
        + "its budget"
    }
    return [
      (
        "Sizes (\(cell(p.tokensPerParameter, 3)) tokens per non-embedding parameter of the residual model)",
        sizes.text + "\nCompute: training FLOPs of the transformer's matmuls, the same for the three variants "
          + "(mHC's Φ projection adds \(phi) at the largest size, not counted).\n"
      ),
      ("Power-law fits, L(C) = a · C^(−b)", fitTable.text + "\n" + slopeSentence(fits) + "\n"),
      (
        "Token scaling (\(longLabel ?? "–"); one run per variant, in-training validation loss, no interval)",
        tokenTable.text
      ),
    ]
  }

  /// One sentence comparing the fitted slopes of mHC and the residual baseline: their difference with an approximate
  /// 95% Student-t interval (combined standard error, points − 2 degrees of freedom).
  func slopeSentence(_ fits: [ConnectionKind: PowerLaw]) -> String {
    guard let m = fits[.mhc], let r = fits[.residual] else { return "Too few completed sizes for a fit." }
    let (db, h, df) = m.exponentDifference(from: r)
    let head = "mHC's exponent b minus the baseline's: \(signed(db))"
    guard h.isFinite else {
      return head + "; with \(min(m.count, r.count)) points the exponents have no standard error, "
        + "so the fits do not compare the slopes."
    }
    let interval = " (approximate 95% interval [\(signed(db - h)), \(signed(db + h))], \(df) degree(s) of freedom)"
    guard db - h > 0 || db + h < 0 else {
      return head + interval + ": not resolved (±" + String(format: "%.3f", h)
        + "), so the fits do not distinguish the two slopes."
    }
    return head + interval + ": the interval excludes 0; taken at face value mHC's loss falls "
      + (db > 0 ? "faster" : "more slowly") + " with compute than the baseline's."
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
