// manifolds — summary.md: the engine's tables (``DesignSummary``) and the tables of its own.

import Experiments
import Foundation
import MHC
import MHCHarness

extension Manifolds {
  /// The tables of manifolds' own: each member's published claim and column deviation, the stream
  /// collapse of the composite, the shape of the mixing.
  func extras(_ page: Page) -> [(title: String, text: String)] {
    let sets = design.cells
    var t = MarkdownTable(["member"] + sets.map { "\($0.rawValue): max column deviation" } + ["published claim"])
    for m in members {
      t.add(
        [m.name]
          + sets.map { s in
            m.manifold == nil
              ? "0" : cell(page.runs(s, m).compactMap(\.summary.maxColumnDeviation).max(), 2)
          } + [m.claim])
    }
    // stream collapse: the composite after the last sublayer
    var collapse = MarkdownTable(
      ["member"]
        + sets.flatMap { ["\($0.rawValue): ‖composite − J/n‖ (mean ± 95%)", "\($0.rawValue): ‖composite − I‖"] })
    for m in members.dropFirst() {
      collapse.add(
        [m.name]
          + sets.flatMap { s -> [String] in
            /// `value` of the composite after the last sublayer at the last evaluation, over seeds.
            func final(_ value: KeyPath<MappingRow, Double>) -> String {
              wide(
                SeedInterval(
                  page.runs(s, m).compactMap { r in
                    r.mappingRows.max { ($0.step, $0.sublayer) < ($1.step, $1.sublayer) }?[keyPath: value]
                  }.filter(\.isFinite)))
            }
            return [final(\.compositeDistanceUniform), final(\.compositeDistanceIdentity)]
          })
    }
    // the shape of the token-averaged mappings at the end of training (hres.json): permutation-likeness and rank
    var shape = MarkdownTable(
      ["member"]
        + sets.flatMap {
          [
            "\($0.rawValue): sublayer ‖H̄ − nearest permutation‖ (mean over sublayers)",
            "\($0.rawValue): composite ‖H̄ − nearest permutation‖", "\($0.rawValue): composite effective rank",
          ]
        })
    for m in members.dropFirst() {
      shape.add(
        [m.name]
          + sets.flatMap { s -> [String] in
            let maps = page.runs(s, m).compactMap(\.mappings).filter { !$0.sublayers.isEmpty }
            let perSublayer = SeedInterval(
              maps.map { h in
                h.sublayers.map { MixingShape.nearestPermutation($0, n: h.n).distance }.reduce(0, +)
                  / Double(h.sublayers.count)
              }.filter(\.isFinite))
            let composite = SeedInterval(
              maps.map { MixingShape.nearestPermutation($0.composite, n: $0.n).distance }.filter(\.isFinite))
            let rank = SeedInterval(maps.map { MixingShape.effectiveRank($0.composite, n: $0.n) }.filter(\.isFinite))
            return [wide(perSublayer), wide(composite), rank.text(2)]
          })
    }
    return [
      ("The members and what their sources publish (not verdicts of this experiment)", t.text),
      (
        "Stream collapse: ‖composite − J/n‖ and ‖composite − I‖ after the last sublayer (mean ± 95% over seeds)",
        collapse.text
      ),
      (
        "The shape of the mixing: distance to the nearest permutation, effective rank of the composite",
        shape.text + "\n(√3 ≈ 1.732 for J/n at n = 4; effective rank 1: uniform averaging, n: every stream kept "
          + "apart.)\n"
      ),
    ]
  }
}

/// Mean ± 95% with fixed decimals, or three significant digits once `none`'s products run away.
func wide(_ v: SeedInterval) -> String {
  v.n == 0 ? "–" : abs(v.mean) >= 1e4 ? String(format: "%.3g ± %.2g", v.mean, v.halfWidth) : v.text(3)
}
