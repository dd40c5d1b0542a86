// manifolds — summary.md: per-manifold losses, gains and step times, and the verdicts.

import ArgumentParser
import Foundation
import MHC
import MHCHarness

extension Manifolds {
  func summary(_ all: [LoadedRun]) -> String {
    let sets = settings(), sinkhorn = members[1]
    func baseline(_ s: TrainConfig) -> [LoadedRun] { runs(of: members[0], in: s, all) }
    var t = MarkdownTable(
      ["member"]
        + sets.flatMap {
          ["\($0.name): final loss (mean ± 95%)", "\($0.name): max composite gain", "\($0.name): max col. deviation"]
        }
        + ["s/step (reference, mean ± 95%)", "published claim"])
    for m in members {
      var row = [m.name]
      for s in sets {
        let rs = runs(of: m, in: s.config, all)
        let losses = SeedInterval(rs.filter { $0.summary.status == .completed }.compactMap(\.summary.finalEvalLoss))
        row += [
          losses.n == 0 ? "–" : losses.text(4),
          m.manifold == nil ? "1" : cell(rs.compactMap(\.summary.maxCompositeBackwardGain).max(), 4),
          m.manifold == nil ? "0" : cell(rs.compactMap(\.summary.maxColumnDeviation).max(), 2),
        ]
      }
      let times = stepTimes(runs(of: m, in: sets[0].config, all))
      row += [times.n == 0 ? "–" : times.text(3), m.claim]
      t.add(row)
    }
    // every member against the residual, and every other manifold against Sinkhorn (mHC), per setting
    var vsResidual = MarkdownTable(["setting", "member − residual"] + PairedComparison.tableHeader)
    var vsSinkhorn = MarkdownTable(["setting", "member − sinkhorn"] + PairedComparison.tableHeader)
    var reading: [String] = []
    for s in sets {
      let base = baseline(s.config), mhc = runs(of: sinkhorn, in: s.config, all)
      let toResidual = members.dropFirst().map { m in
        (label: m.name, gap: PairedComparison.finalLoss(runs(of: m, in: s.config, all), baseline: base))
      }
      let toSinkhorn = members.dropFirst(2).map { m in
        (label: m.name, gap: PairedComparison.finalLoss(runs(of: m, in: s.config, all), baseline: mhc))
      }
      for c in toResidual { vsResidual.add([s.name, c.label] + c.gap.tableCells) }
      for c in toSinkhorn { vsSinkhorn.add([s.name, c.label] + c.gap.tableCells) }
      reading.append("- \(s.name), against the residual: \(verdictList(toResidual)).")
      reading.append("- \(s.name), against sinkhorn: \(verdictList(toSinkhorn)).")
    }
    // stream collapse: the composite after the last sublayer
    var collapse = MarkdownTable(
      ["member"] + sets.flatMap { ["\($0.name): ‖composite − J/n‖ (mean ± 95%)", "\($0.name): ‖composite − I‖"] })
    for m in members.dropFirst() {
      collapse.add(
        [m.name]
          + sets.flatMap { s -> [String] in
            let rs = runs(of: m, in: s.config, all)
            let u = finalCollapse(rs, \.compositeDistanceUniform), i = finalCollapse(rs, \.compositeDistanceIdentity)
            return [wide(u), wide(i)]
          })
    }
    // the shape of the token-averaged mappings at the end of training (hres.json): permutation-likeness and rank
    var shape = MarkdownTable(
      ["member"]
        + sets.flatMap {
          [
            "\($0.name): sublayer ‖H̄ − nearest permutation‖ (mean over sublayers)",
            "\($0.name): composite ‖H̄ − nearest permutation‖", "\($0.name): composite effective rank",
          ]
        })
    for m in members.dropFirst() {
      shape.add(
        [m.name]
          + sets.flatMap { s -> [String] in
            let maps = runs(of: m, in: s.config, all).compactMap(\.mappings).filter { !$0.sublayers.isEmpty }
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
    // NaN, or (InstabilityReport) a loss that climbed back above the untrained model's and stayed there
    let diverged = all.compactMap { r -> String? in
      if let kind = r.summary.divergenceKind { return "\(r.id) (\(kind) at step \(r.summary.divergedStep ?? 0))" }
      guard let i = r.summary.instability, let step = i.divergedStep else { return nil }
      return "\(r.id) (\(i.divergence ?? "diverged") at step \(step), final loss \(cell(r.summary.finalEvalLoss, 4)))"
    }
    let seeds = Set(all.map(\.config.seed)).count
    return """
      # manifolds — \(sweep.preset.rawValue) preset

      Settings: **reference** = \(describe(sets[0].config)); **stress** = \(describe(sets[1].config)). n = 4, t_max = 20 \
      where the member iterates, \(seeds) seed(s).
      Gains and deviations are the largest over sublayers and seeds at the last evaluation (token average on a fixed batch).

      \(finalEvaluationNote(all))

      \(t.text)
      Diverged runs: \(diverged.isEmpty ? "none" : diverged.joined(separator: ", ")).

      ## Stream collapse

      Frobenius distance of the per-token composite `H⁽ᴸ⁾···H⁽¹⁾` after the last sublayer from uniform averaging
      `J/n` (0: every stream carries the average of all, the collapse a 2026 note predicts for deep products of
      doubly stochastic matrices) and from the identity, at the last evaluation (token average, first evaluation batch),
      mean and 95% interval over seeds. `plots/manifolds-collapse.png` has both over depth; \
      `plots/manifolds-collapse-training.png` the distance from `J/n` over training: with the default uniform bias init \
      every `H_res` starts at `J/n`, so the composites start collapsed, and the question over training is whether \
      they leave it.

      \(collapse.text)
      The shape of the mixing at the end of training, from the token-averaged `H_res` of every sublayer and their \
      product (`hres.json`, first evaluation batch): the Frobenius distance to the nearest permutation matrix (0: the \
      sublayer routes each stream to one stream, as the identity does; √3 ≈ 1.732 for `J/n` at n = 4) and the \
      effective rank of the composite, `exp` of the entropy of its normalised singular values (1: one direction \
      left, uniform averaging; 4: every stream kept apart, as a permutation or an orthogonal mixing keeps them). \
      Mean and 95% interval over seeds.

      \(shape.text)
      ## Final loss against the residual (paired by seed)

      \(vsResidual.text)
      ## Final loss against sinkhorn, mHC's own manifold (paired by seed)

      \(vsSinkhorn.text)
      ## Verdicts (final loss, lower is better)

      \(reading.joined(separator: "\n"))

      The published claims in the first table are the papers' own results, not verdicts of this experiment.

      The manifolds (`Sources/MHC/Connections/`): `sinkhorn` — exp, then t_max column/row normalisations, exact \
      backward through the truncated iterates; `birkhoff` — softmax over the n! permutation matrices (exactly doubly \
      stochastic, Amax gain exactly 1); `deepseek-v4` — DeepSeek-V4's released `hc_split_sinkhorn` (column softmax + ε, \
      then ε-regularised row/column normalisations, H_pre = σ(·) + ε); `none` — exp(logits), unconstrained; \
      `kronecker` — a Kronecker product of 2×2 doubly stochastic factors (log2 n logits); `orthostochastic` — the \
      entrywise square of t_max Newton–Schulz steps towards an orthogonal matrix; `circulant` — one softmax shifted per \
      row; `cayley` — the orthogonal (I − A)(I + A)⁻¹ (not non-negative: gains between 1 and √n). Step times \
      are measured inside each run (its mean step), so they include whatever else the machine was doing.

      Figures: `plots/manifolds-loss.png`, `plots/manifolds-gains.png`, `plots/manifolds-collapse.png`, \
      `plots/manifolds-collapse-training.png` (the composite's distance from `J/n` over training), \
      `plots/manifolds-time.png`.

      """
  }
}
