// stability — summary.md: gains, losses and spikes per connection, and the verdicts.

import ArgumentParser
import Foundation
import MHC
import MHCHarness

extension Stability {
  /// summary.md: each connection over its seeds, the gaps paired by seed (to the residual, and
  /// mHC against HC), every main run, and the stress sweep paired by seed in each depth × lr cell.
  func summary(main: [LoadedRun], stress: [LoadedRun]) -> String {
    func runs(_ k: ConnectionKind, in set: [LoadedRun]) -> [LoadedRun] {
      set.filter { $0.config.model.connection.kind == k }.sorted { $0.config.seed < $1.config.seed }
    }
    /// `f` over the completed main runs of `k`.
    func over(_ k: ConnectionKind, _ f: (RunSummary) -> Double?) -> SeedInterval {
      let done = runs(k, in: main).filter { $0.summary.status == .completed }
      return SeedInterval(done.compactMap { f($0.summary) }.filter(\.isFinite))
    }
    /// "forward / backward", each over the seeds (the residual has none: 1 / 1).
    func gains(_ k: ConnectionKind, _ fwd: (RunSummary) -> Double?, _ bwd: (RunSummary) -> Double?) -> String {
      k == .residual ? "1 / 1" : (over(k, fwd)).significantText + " / " + (over(k, bwd)).significantText
    }
    let res = runs(.residual, in: main), hc = runs(.hc, in: main), mhc = runs(.mhc, in: main)
    let seeds = Set(main.map(\.config.seed)).sorted()
    let c = (res.first ?? main[0]).config

    var t = MarkdownTable([
      "variant", "completed", "final val loss", "max single fwd / bwd gain",
      "max composite fwd / bwd gain", "paper composite gain (27B)", "s/step",
    ])
    let paperGain: [ConnectionKind: String] = [.residual: "1", .hc: "≈ 3000", .mhc: "≈ 1.6"]
    for k in [ConnectionKind.residual, .hc, .mhc] {
      let rs = runs(k, in: main), done = rs.filter { $0.summary.status == .completed }.count
      t.add([
        k.rawValue, "\(done) of \(rs.count)", over(k, \.finalEvalLoss).text(4),
        gains(k, \.maxSingleForwardGain, \.maxSingleBackwardGain),
        gains(k, \.maxCompositeForwardGain, \.maxCompositeBackwardGain),
        paperGain[k]!, (over(k, { $0.meanStepSeconds })).significantText,
      ])
    }
    let hcGap = PairedComparison.finalLoss(hc, baseline: res), mhcGap = PairedComparison.finalLoss(mhc, baseline: res)
    let mhcVsHC = PairedComparison.finalLoss(mhc, baseline: hc)
    var gaps = MarkdownTable(["comparison", "paper (27B)"] + PairedComparison.tableHeader)
    gaps.add(["HC − residual", "unstable (loss spike)"] + hcGap.tableCells)
    gaps.add(["mHC − residual", "−0.021"] + mhcGap.tableCells)
    gaps.add(["mHC − HC", "–"] + mhcVsHC.tableCells)
    let resolves = [hcGap, mhcGap, mhcVsHC].map(\.halfWidth).filter(\.isFinite)
    let resolution =
      resolves.isEmpty
      ? "With one seed there is no interval: run more seeds (`--seeds`) before reading a gap."
      : "These \(seeds.count) seeds resolve effects of about ±\(String(format: "%.3f", resolves.min()!))"
        + "–\(String(format: "%.3f", resolves.max()!)) nats/byte; a smaller gap is not evidence either way."

    var seedTable = MarkdownTable(["run", "seed", "status", "final val loss", "max composite bwd gain"])
    let bySeed = main.sorted {
      ($0.config.seed, $0.config.model.connection.kind.rawValue) < (
        $1.config.seed, $1.config.model.connection.kind.rawValue
      )
    }
    for r in bySeed {
      seedTable.add([
        r.id, "\(r.config.seed)", r.summary.status.rawValue, cell(r.summary.finalEvalLoss),
        cell(r.summary.maxCompositeBackwardGain, 4),
      ])
    }

    // Stress: one row per depth × lr cell, the connections paired by seed within it.
    var st = MarkdownTable([
      "layers", "lr", "seeds", "diverged res / HC / mHC", "residual loss", "HC − residual",
      "mHC − residual", "mHC − HC", "max composite bwd gain HC / mHC",
    ])
    let names = ["HC − residual", "mHC − residual", "mHC − HC"]
    var tally: [String: [Verdict: Int]] = [:]
    let cells = Set(stress.map { [Double($0.config.model.layers), $0.config.lr] }).sorted {
      ($0[0], $0[1]) < ($1[0], $1[1])
    }
    for key in cells {
      let here = stress.filter { Double($0.config.model.layers) == key[0] && $0.config.lr == key[1] }
      let r = runs(.residual, in: here), h = runs(.hc, in: here), m = runs(.mhc, in: here)
      func diverged(_ x: [LoadedRun]) -> Int { x.filter { $0.summary.status == .diverged }.count }
      func maxGain(_ x: [LoadedRun]) -> String { cell(x.compactMap(\.summary.maxCompositeBackwardGain).max(), 3) }
      let pairs = [
        PairedComparison.finalLoss(h, baseline: r), PairedComparison.finalLoss(m, baseline: r),
        PairedComparison.finalLoss(m, baseline: h),
      ]
      for (name, p) in zip(names, pairs) { tally[name, default: [:]][p.verdict, default: 0] += 1 }
      let n = Set(here.map(\.config.seed)).count
      let residualLoss = SeedInterval(r.filter { $0.summary.status == .completed }.compactMap(\.summary.finalEvalLoss))
      st.add(
        [
          "\(Int(key[0]))", cell(key[1], 3), "\(n)", "\(diverged(r)) / \(diverged(h)) / \(diverged(m)) of \(n)",
          residualLoss.text(4),
        ] + pairs.map(\.text) + ["\(maxGain(h)) / \(maxGain(m))"])
    }
    let tallyText = names.map { name -> String in
      let v = tally[name] ?? [:]
      return "\(name): better in \(v[.better] ?? 0), worse in \(v[.worse] ?? 0), "
        + "not resolved in \(v[.notResolved] ?? 0), no interval (fewer than two paired seeds) in "
        + "\(v[.tooFewSeeds] ?? 0) of \(cells.count) cells"
    }.joined(separator: "; ")
    var stressRuns = MarkdownTable([
      "run", "layers", "lr", "seed", "status", "final val loss", "max composite bwd gain",
      "diverged at",
    ])
    for r in stress.sorted(by: {
      ($0.config.model.layers, $0.config.lr, $0.config.model.connection.kind.rawValue, $0.config.seed)
        < ($1.config.model.layers, $1.config.lr, $1.config.model.connection.kind.rawValue, $1.config.seed)
    }) {
      stressRuns.add([
        r.id, "\(r.config.model.layers)", cell(r.config.lr, 3), "\(r.config.seed)", r.summary.status.rawValue,
        cell(r.summary.finalEvalLoss), cell(r.summary.maxCompositeBackwardGain, 4),
        r.summary.divergedStep.map(String.init) ?? "–",
      ])
    }
    func worst(_ k: ConnectionKind) -> LoadedRun? {
      stress.filter { $0.config.model.connection.kind == k }
        .max { ($0.summary.maxCompositeBackwardGain ?? 0) < ($1.summary.maxCompositeBackwardGain ?? 0) }
    }
    let stressLine = [ConnectionKind.hc, .mhc].compactMap { k in
      worst(k).map { r in
        "\(k.rawValue): largest composite backward gain \(cell(r.summary.maxCompositeBackwardGain, 3)) "
          + "(\(r.config.model.layers) layers, lr \(cell(r.config.lr, 3)), seed \(r.config.seed))"
      }
    }
    .joined(separator: "; ")
    let stressSeeds = Set(stress.map(\.config.seed)).count
    let stressSection =
      stress.isEmpty
      ? "Not trained in this run: `--stress` adds it to the quick preset (27 runs per seed); the paper preset always trains it.\n"
      : """
        \(stress.filter { $0.summary.status == .diverged }.count) of \(stress.count) runs diverged \
        (\(stressSeeds) seed\(stressSeeds == 1 ? "" : "s") per cell). Over the whole sweep, \(stressLine).
        Each cell pairs the connections by seed (final-loss gaps as above; diverged runs are counted and left out of \
        the pairs). Verdicts over the cells: \(tallyText).

        \(st.text)
        ### All stress runs

        \(stressRuns.text)
        """
    let seedRange = seeds.count == 1 ? "seed \(seeds[0])" : "seeds \(seeds.first!)–\(seeds.last!)"
    return """
      # stability — \(sweep.preset.rawValue) preset

      Main comparison: C=\(c.model.width), layers=\(c.model.layers), n=\(hc.first?.config.model.connection.streams ?? 4), \
      t_max=\(mhc.first?.config.model.connection.iterations ?? 20), \(c.steps) steps, lr \(c.lr), \(seedRange) (per seed, the three \
      connections share the data order, the initial weights of every tensor they share and the evaluation windows).
      Gains are measured at the last evaluation on a fixed validation batch (token average). The figures of curves, \
      gain profiles and heat maps show seed 0; the tables use every seed.

      \(finalEvaluationNote(main + stress))

      ## Each connection over its seeds (mean ± 95% half-width over the completed seeds)

      \(t.text)
      ## Final-loss gaps, paired by seed

      \(gaps.text)
      What this shows at this scale:

      - Composite backward gain (largest over sublayers): HC \((over(.hc, \.maxCompositeBackwardGain)).significantText) \
      (paper, 27B: ≈ 3000), mHC \((over(.mhc, \.maxCompositeBackwardGain)).significantText) (paper: ≈ 1.6; exactly doubly \
      stochastic would be 1).
      - \(reading(mhcGap, "mHC", "the residual baseline")) (paper: −0.021 at 27B).
      - \(reading(hcGap, "HC", "the residual baseline")).
      - \(reading(mhcVsHC, "mHC", "HC")).
      - A small model trained for a few hundred steps is far from the paper's regime. \(resolution)

      ## All main runs

      \(seedTable.text)
      ## Stress sweep (depth × learning rate)

      \(stressSection)
      Figures (seed 0): `plots/stability-loss-gap.png`, `plots/stability-grad-norm.png`, `plots/stability-gains.png`, \
      `plots/stability-gain-over-training.png`, `plots/stability-hres-heatmaps.png`, `plots/stability-stress.png`.

      """
  }

  /// The three lines the main command ends with: HC's and mHC's peak composite gain (geometric
  /// mean over the seeds, 95% interval over log10 of the per-run peaks) and mHC − residual.
  func headline(main: [LoadedRun]) -> [String] {
    func peaks(_ k: ConnectionKind) -> [Double] {
      main.filter { $0.config.model.connection.kind == k && $0.summary.status == .completed }
        .compactMap(\.summary.maxCompositeBackwardGain).filter { $0 > 0 && $0.isFinite }
    }
    func gain(_ k: ConnectionKind, paper: String) -> String {
      let p = peaks(k), logs = SeedInterval(p.map { log10($0) })
      guard p.count >= 2 else { return "\(p.count) seed: no interval" }
      func g(_ x: Double) -> String { cell(pow(10, x), 3) }
      return "\(g(logs.mean)) [\(g(logs.lower)), \(g(logs.upper))] over \(p.count) seeds (paper, 27B: \(paper))"
    }
    let runs = { (k: ConnectionKind) in
      main.filter { $0.config.model.connection.kind == k }.sorted { $0.config.seed < $1.config.seed }
    }
    let gap = PairedComparison.finalLoss(runs(.mhc), baseline: runs(.residual))
    return [
      "HC's peak composite gain:   \(gain(.hc, paper: "≈ 3000"))",
      "mHC's peak composite gain:  \(gain(.mhc, paper: "≈ 1.6"))",
      "mHC − residual final loss:  \(gap.text) (paper, 27B: −0.021)",
    ]
  }
}
