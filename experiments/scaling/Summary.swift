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
    let names = variants.map(\.rawValue)
    var sizes = MarkdownTable(
      [
        "size", "heads", "non-emb params (res / hc / mhc)", "steps", "tokens", "tokens/param", "compute (FLOPs)",
        "seeds",
      ]
        + names.map { "\($0) loss (mean ± 95%)" } + ["hc / res (mean ± 95%)", "mhc / res (mean ± 95%)"])
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
        fitTable.add([k.rawValue] + Array(repeating: "–", count: 5)); continue
      }
      fitTable.add([
        k.rawValue, cell(f.a, 4), "\(cell(f.b, 3)) ± \(cell(f.standardError, 2))", cell(f.r2, 4), "\(f.count)",
        "\(cell(top.loss(k).mean)) / \(cell(f(top.compute)))",
      ])
    }
    // Token scaling: the long runs at eight points of training.
    var tokenTable = MarkdownTable(["tokens", "step"] + names + ["mhc − res", "mhc / res", "hc − res", "hc / res"])
    let curves = variants.map { k in
      Dictionary(
        (long.first { $0.config.model.connection.kind == k }?.metrics ?? []).compactMap { m in
          m.valLoss.map { (m.step, $0) }
        },
        uniquingKeysWith: { a, _ in a })
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
      "\(ModelSize($0.config).label), \($0.config.steps) steps, \(cell(p.long, 3))× its budget"
    }
    return [
      (
        "Sizes (\(cell(p.tokensPerParameter, 3)) tokens per non-embedding parameter of the residual model)",
        sizes.text + "\nmHC's Φ projection, not counted in the compute, adds \(phi) at the largest size.\n"
      ),
      ("Power-law fits, L(C) = a · C^(−b)", fitTable.text + "\n" + slopes(fits)),
      (
        "Token scaling (\(longLabel ?? "–"); one run per variant, in-training validation loss, no interval)",
        tokenTable.text
      ),
    ]
  }

  /// mHC's fitted exponent minus the residual's, with an approximate 95% Student-t interval
  /// (combined standard error, points − 2 degrees of freedom): "faster" when the interval is above 0.
  func slopes(_ fits: [ConnectionKind: PowerLaw]) -> String {
    var t = MarkdownTable([
      "exponent b", "difference", "approximate 95% interval", "degrees of freedom", "mHC's loss falls",
    ])
    guard let m = fits[.mhc], let r = fits[.residual] else { return "Too few completed sizes for a fit.\n" }
    let (db, h, df) = m.exponentDifference(from: r), resolved = db - h > 0 || db + h < 0
    let interval = h.isFinite ? "[\(signed(db - h)), \(signed(db + h))]" : "– (< 3 points)"
    let verdict =
      !h.isFinite ? "–" : !resolved ? "not resolved (±\(String(format: "%.3f", h)))" : db > 0 ? "faster" : "more slowly"
    t.add(["mhc − residual", signed(db), interval, "\(df)", verdict])
    return t.text
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
