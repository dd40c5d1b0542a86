// manifolds — other ways to build mHC's H_res, on the same harness (paper §3, "general framework"):
// Sinkhorn (mHC), exact Birkhoff mixtures of permutations (mHC-lite), DeepSeek-V4's σ+ε variant
// (with its learned collapse head in the paper preset), the unconstrained exp(logits) control, and
// the 2026 members — Kronecker (KromHC), orthostochastic, circulant, Cayley — beside the residual
// baseline, at the reference configuration and in a deep, hot stress cell; plus how far the
// product of every H_res drifts towards uniform averaging (stream collapse).
//
//   swift run -c release manifolds                  # quick preset (~20 min on 2 cores)
//   swift run -c release manifolds --preset paper   # 3000 steps, 3 seeds, stress at the reference width
//   swift run -c release manifolds --replot         # figures + summary.md from results/ only
import ArgumentParser
import Foundation
import MHC
import MHCHarness

BLASRuntime.ensureFastKernel()

struct Manifolds: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "mHC's residual manifolds side by side: loss gap, composite gain, column deviation, step time.")
  @OptionGroup var sweep: SweepOptions
  var seeds: Int? { sweep.seeds }

  /// One member of the comparison: a manifold, or the residual baseline (`nil`).
  struct Member {
    let name: String
    let manifold: ResidualManifold?
    var collapse: Collapse = .sum
    var claim: String
    var color: String
    /// Trained by the paper preset only (keeps the quick preset within its time).
    var paperOnly = false
  }

  /// The members this preset trains.
  var members: [Member] { Self.allMembers.filter { sweep.preset == .paper || !$0.paperOnly } }

  static let allMembers = [
    Member(name: "residual", manifold: nil, claim: "baseline", color: PlotStyle.color(for: "residual")),
    Member(
      name: "sinkhorn", manifold: .sinkhorn,
      claim: "mHC (arXiv 2512.24880): t_max = 20; at 27B loss −0.021 vs baseline, composite gain ≈ 1.6",
      color: PlotStyle.color(for: "mhc")),
    Member(
      name: "birkhoff", manifold: .birkhoff,
      claim: "mHC-lite (arXiv 2601.05732): exactly doubly stochastic by construction, no iterations, faster",
      color: "#2ca02c"),
    Member(
      name: "deepseek-v4", manifold: .deepseekV4,
      claim: "DeepSeek-V4 production code: n = 4, t_max = 20, ε = 1e-6 (no ablation published)", color: "#9467bd"),
    Member(
      name: "deepseek-v4 + learned collapse", manifold: .deepseekV4, collapse: .learned,
      claim: "DeepSeek-V4 as shipped: learned σ(s·m+b)+ε head instead of the sum of streams", color: "#e377c2",
      paperOnly: true),
    Member(
      name: "none", manifold: ResidualManifold.none,
      claim: "unconstrained exp(logits) (t_max = 0): the control the paper's Fig. 2 argues against", color: "#ff7f0e"),
    Member(
      name: "kronecker", manifold: .kronecker,
      claim: "KromHC (arXiv 2601.21579): Kronecker product of 2×2 doubly stochastic factors, log2 n logits",
      color: "#17becf"),
    Member(
      name: "orthostochastic", manifold: .orthostochastic,
      claim: "squared Newton–Schulz orthogonalisation; an automated study reports +0.003 vs Sinkhorn at n = 4",
      color: "#8c564b"),
    Member(
      name: "circulant", manifold: .circulant,
      claim: "doubly stochastic circulant (a 2026 note's stream-collapse argument)", color: "#bcbd22"),
    Member(
      name: "cayley", manifold: .cayley,
      claim: "orthogonal Cayley transform (JPmHC): norm-preserving, not non-negative", color: "#7f7f7f"),
  ]

  // MARK: Config

  /// The two settings: the reference configuration and a deep, hot stress cell.
  func settings() -> [(name: String, config: TrainConfig)] {
    let paper = sweep.preset == .paper, tiny = sweep.preset == .tiny
    var reference = sweep.preset.baseConfig
    reference.steps = sweep.preset.pick(quick: 300, paper: 3000, tiny: 8)
    reference.evalEvery = sweep.preset.pick(quick: 50, paper: 250, tiny: 4)
    if sweep.preset == .quick { reference.seq = 64; reference.batch = 8 }  // ¼ of the reference tokens per step
    var stress = reference
    if tiny {
      stress.layers = 2; stress.lr = 3e-2
    } else if paper {
      stress.layers = 16; stress.lr = 1e-2; stress.steps = 1000  // the reference width, as in `instability`
    } else {  // the deepest cell of stability's quick stress sweep: C 64, 16 layers, lr 3e-2
      stress.width = 64; stress.heads = 2; stress.seq = 64; stress.batch = 8
      stress.layers = 16; stress.lr = 3e-2; stress.steps = 150
    }
    return [("reference", reference), ("stress", stress)]
  }

  func runs() -> [SweepRun] {
    var list: [SweepRun] = []
    for (_, base) in settings() {
      for seed in 0..<(sweep.seedCount(tiny: 1)) {
        for m in members {
          var c = base; c.seed = UInt64(seed)
          c.connection = m.manifold == nil ? .residual : .mhc
          c.manifold = m.manifold; c.collapse = m.collapse
          list.append(SweepRun(c))
        }
      }
    }
    return list
  }

  func run() throws {
    try Sweep(experiment: "manifolds", runs: runs()).execute(sweep) { try report($0) }
  }

  // MARK: Figures and summary

  func runs(of m: Member, in setting: TrainConfig, _ all: [LoadedRun]) -> [LoadedRun] {
    all.filter { r in
      r.config.layers == setting.layers && r.config.width == setting.width && r.config.lr == setting.lr
        && (m.manifold == nil
          ? r.config.connection == .residual
          : r.config.connection == .mhc && (r.config.manifold ?? .sinkhorn) == m.manifold
            && (r.config.collapse ?? .sum) == m.collapse)
    }.sorted { $0.config.seed < $1.config.seed }
  }

  func report(_ all: [LoadedRun]) throws {
    let sets = settings(), members = self.members.dropFirst()
    func baseline(_ s: TrainConfig) -> [LoadedRun] { runs(of: self.members[0], in: s, all) }
    let seeds = Set(all.map(\.config.seed)).count
    // 1. loss gap to the residual, per setting
    try Gnuplot.render(
      barChart(
        "manifolds-loss",
        title: "final validation loss − residual: mean and 95% interval over \(seeds) seed(s) (paired by seed)",
        xlabel: "",
        groups: sets.map {
          "\($0.name): \($0.config.layers) layers, C \($0.config.width), lr \(cell($0.config.lr, 2))"
        },
        series: members.map { m in
          (
            m.name, m.color,
            sets.map { s in
              PairedComparison.finalLoss(runs(of: m, in: s.config, all), baseline: baseline(s.config)).bar
            }
          )
        }), in: sweep.plots)
    // 2. composite gain and column deviation per sublayer (seed 0)
    var panels: [Panel] = []
    for s in sets {
      func series(_ pick: (GainRow) -> Double) -> [Series] {
        members.compactMap { m in
          runs(of: m, in: s.config, all).first.map { r in
            Series(
              m.name, color: m.color, points: r.finalGains.map { (Double($0.sublayer + 1), pick($0)) },
              style: "linespoints")
          }
        }
      }
      let unit = Gnuplot.horizontalLine(at: "1")
      panels.append(
        Panel(
          title: "\(s.name): composite backward gain", xlabel: "sublayer", ylabel: "gain", logy: true,
          series: series { $0.gains.composite.backward },
          extra: [unit, "set key top left", "set xtics \(s.config.layers > 8 ? 4 : 1)"]))
      panels.append(
        Panel(
          title: "\(s.name): column deviation max_j |Σ_i H_ij − 1|", xlabel: "sublayer", ylabel: "deviation",
          logy: true, series: series { max($0.deviation.column, 1e-9) },
          extra: ["set key top left", "set xtics \(s.config.layers > 8 ? 4 : 1)", "set format y '%.0e'"]))
    }
    try Gnuplot.render(
      Chart.figure(
        "manifolds-gains",
        title: "at the end of training (seed 0, evaluation batch; deviations below 1e-9 drawn at 1e-9)",
        panels: panels, columns: 2), in: sweep.plots)
    // 3. stream collapse: the composite H_res over depth, against J/n and I (last evaluation, mean over seeds)
    var collapse: [Panel] = []
    for s in sets {
      for (what, pick) in [("J/n", \MappingRow.compositeDistanceUniform), ("I", \MappingRow.compositeDistanceIdentity)]
      {
        collapse.append(
          Panel(
            title: "\(s.name): ‖H⁽ˡ⁾···H⁽¹⁾ − \(what)‖_F of the composite", xlabel: "sublayer l",
            ylabel: "distance (mean over seeds)", logy: true,
            series: members.compactMap { m in
              let curve = depthCurve(runs(of: m, in: s.config, all), pick)
              return curve.isEmpty ? nil : Series(m.name, color: m.color, points: curve, style: "linespoints")
            },
            extra: ["set key outside right", "set xtics \(s.config.layers > 8 ? 4 : 1)"]
              + ["set format y '%.0e'"]))
      }
    }
    try Gnuplot.render(
      Chart.figure(
        "manifolds-collapse",
        title: "stream collapse: how far the product of every H_res so far is from uniform averaging J/n and from I",
        panels: collapse, columns: 2), in: sweep.plots)
    // 3b. the collapse over training: the composite after the last sublayer, at every evaluation
    try Gnuplot.render(
      Chart.figure(
        "manifolds-collapse-training",
        title:
          "stream collapse over training: ‖composite of every H_res − J/n‖_F after the last sublayer (mean over seeds)",
        panels: sets.map { s in
          Panel(
            title: "\(s.name) (\(2 * s.config.layers) sublayers)", xlabel: "step", ylabel: "distance from J/n",
            logy: true,
            series: members.compactMap { m in
              let curve = trainingCurve(runs(of: m, in: s.config, all), \.compositeDistanceUniform)
              return curve.isEmpty ? nil : Series(m.name, color: m.color, points: curve, style: "linespoints")
            }, extra: ["set key outside right", "set format y '%.0e'"])
        }, columns: 1, width: 1100, height: 900), in: sweep.plots)
    // 4. step time
    try Gnuplot.render(
      barChart(
        "manifolds-time",
        title: "training step time (s) per run: mean and 95% interval over \(seeds) seed(s)",
        xlabel: "", groups: sets.map(\.name),
        series: self.members.map { m in
          (
            m.name, m.color,
            sets.map { s in
              let t = stepTimes(runs(of: m, in: s.config, all))
              return Bar(value: t.n == 0 ? .nan : t.mean, error: t.halfWidth, note: "")
            }
          )
        }, yLabel: "seconds per step"), in: sweep.plots)
    try ExperimentSummary.write(summary(all), experiment: "manifolds", options: sweep, figures: "manifolds-*.png")
  }

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
      if r.summary.status == .diverged { return "\(r.id) (non-finite at step \(r.summary.divergedStep ?? 0))" }
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

  /// Per sublayer, `value` of the composite at the last evaluation, mean over `runs` (seeds).
  func depthCurve(_ runs: [LoadedRun], _ value: KeyPath<MappingRow, Double>) -> [(Double, Double)] {
    let last = runs.compactMap { r in r.mappingRows.map(\.step).max().map { s in r.mappingRows.filter { $0.step == s } }
    }
    guard let sublayers = last.map(\.count).max(), sublayers > 0 else { return [] }
    return (0..<sublayers).compactMap { k in
      let v = last.compactMap { rows in rows.first { $0.sublayer == k }?[keyPath: value] }.filter(\.isFinite)
      return v.isEmpty ? nil : (Double(k + 1), max(SeedInterval(v).mean, 1e-9))
    }
  }

  /// `value` of the composite after the last sublayer at every evaluation step, mean over the seeds that
  /// have it (values below 1e-9 drawn at 1e-9 on the log axis).
  func trainingCurve(_ runs: [LoadedRun], _ value: KeyPath<MappingRow, Double>) -> [(Double, Double)] {
    let lastRows = runs.map { r -> [Int: Double] in
      let last = r.mappingRows.map(\.sublayer).max() ?? 0
      return Dictionary(
        r.mappingRows.filter { $0.sublayer == last }.map { ($0.step, $0[keyPath: value]) },
        uniquingKeysWith: { a, _ in a })
    }
    let steps = Set(lastRows.flatMap(\.keys)).sorted()
    return steps.compactMap { step in
      let v = lastRows.compactMap { $0[step] }.filter(\.isFinite)
      return v.isEmpty ? nil : (Double(step), max(SeedInterval(v).mean, 1e-9))
    }
  }

  /// The composite's distance from `J/n` after the last sublayer: mean and 95% interval over seeds.
  func finalCollapse(_ runs: [LoadedRun], _ value: KeyPath<MappingRow, Double>) -> SeedInterval {
    SeedInterval(
      runs.compactMap { r in
        r.mappingRows.max { ($0.step, $0.sublayer) < ($1.step, $1.sublayer) }?[keyPath: value]
      }.filter(\.isFinite))
  }

  /// Each run's mean training step time, over seeds.
  func stepTimes(_ runs: [LoadedRun]) -> SeedInterval { SeedInterval(runs.map(\.summary.meanStepSeconds)) }

  func describe(_ c: TrainConfig) -> String {
    "C \(c.width), \(c.layers) layers, seq \(c.seq), batch \(c.batch), lr \(cell(c.lr, 2)), \(c.steps) steps"
  }
}

/// Mean ± 95% with fixed decimals, or three significant digits once `none`'s products run away.
func wide(_ v: SeedInterval) -> String {
  v.n == 0 ? "–" : abs(v.mean) >= 1e4 ? String(format: "%.3g ± %.2g", v.mean, v.halfWidth) : v.text(3)
}

Manifolds.main()
