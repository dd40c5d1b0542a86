import Foundation
import MHC
import MHCHarness

/// How a claim of the paper fares here.
public enum ClaimVerdict: String, Codable, Sendable {
  case reproduced, contradicted
  case notResolved = "not resolved at this scale"
  case notRun = "not run"
}

/// One row of `REPORT.md`: a claim, the paper's number, the toolkit's, the verdict, and how to
/// regenerate it.
public struct ClaimRow: Sendable {
  public var claim: String
  public var paper: String
  /// The toolkit's number: mean and 95% interval, or the counts it rests on.
  public var toolkit: String
  public var seeds: String
  /// Where it was measured (experiment and cell) and the figure that shows it.
  public var cell: String
  public var figure: String
  public var verdict: ClaimVerdict
  /// Why this verdict (the rule applied), shown under the table.
  public var rule: String
  public var command: String
}

/// The fewest paired seeds (or replicates) a verdict rests on; fewer gives "not run".
public let minimumSeedsForVerdict = 3

/// One paired comparison a claim reads: variant − baseline in one cell of a declaration, with
/// what the claim's row says about it (the cells' names, the two-stage row, the stale runs).
struct Compared {
  var gap: PairedComparison
  var twoStage: PrecisionRow?
  var stale: Int
  /// The two variants' runs without the seed (`mhc-n4-t20-L8-lr.03`), as the rule names them.
  var variant: String, baseline: String
  var experiment: String
  /// `--only` patterns that train the cell.
  var only: [String]

  init<D: ExperimentDesign>(_ store: ResultStore, _ d: D, _ cell: D.Cell, _ v: D.Variant, vs b: D.Variant) {
    gap = store.gap(d, cell, v, vs: b)
    twoStage = store.twoStage(d, cell, v, vs: b)
    stale = store.staleCount(d, cell, v) + store.staleCount(d, cell, b)
    variant = d.key(cell, v); baseline = d.key(cell, b)
    experiment = D.experiment
    only = d.onlyPatterns(cell)
  }
}

/// The paper's claims, each judged from the runs in a ``ResultStore`` by a fixed rule.
///
/// Every run is found through the experiment's declaration (``ExperimentDesign``): a claim names a
/// cell and its variants, never a run id. Loss comparisons follow ``PairedComparison``'s rule (an
/// interval that excludes 0); claims about a size (a gain, an overhead) compare a 95% interval with
/// the paper's threshold. A claim whose cell has fewer than three current seeds is "not run", with
/// the command that runs it.
public struct Claims {
  public let store: ResultStore
  public init(store: ResultStore) { self.store = store }

  let stability = StabilityDesign(preset: .quick)
  let grid = InstabilityDesign(preset: .paper)
  let sinkhorn = SinkhornDesign(preset: .quick)
  let components = ComponentsDesign(preset: .quick)
  let expansion = ExpansionDesign(preset: .quick)
  /// Every size of both presets (they share the sizes they have in common, run for run).
  let scaling = ScalingDesign(
    preset: .paper, sizes: Array(Set(ScalingDesign(preset: .quick).sizes + ScalingDesign(preset: .paper).sizes)))
  let visionQuick = VisionDesign(preset: .quick), visionPaper = VisionDesign(preset: .paper)

  /// Every claim, in the paper's order.
  public func rows() -> [ClaimRow] {
    var rows = [hcGain(), mhcGain(), hcSpikes(), mhcSmooth()]
    rows += lossAgainstResidual()
    rows += [
      mhcAgainstHC(), mhcAgainstHCEverywhere(), sinkhornIterations(), tableOne(), expansionRate(), computeScaling(),
      timeOverhead(), recomputeMemory(),
    ]
    rows += [visionLoss(), visionGain()]
    return rows
  }

  // MARK: Cells

  /// Whether `variant` has any finished run (current or stale) in `cell`.
  func trained<D: ExperimentDesign>(_ d: D, _ cell: D.Cell, _ variant: D.Variant) -> Bool {
    !store.runs(d, cell, variant).isEmpty || store.staleCount(d, cell, variant) > 0
  }

  /// `cells` that have runs of `variant`, in the order of their folders (natural order of the run ids).
  func onDisk<D: ExperimentDesign>(_ d: D, _ cells: [D.Cell], _ variant: D.Variant) -> [D.Cell] {
    var seen = Set<String>()
    return cells.filter { trained(d, $0, variant) && seen.insert(d.key($0, variant)).inserted }
      .sorted { naturalLess(d.key($0, variant), d.key($1, variant)) }
  }

  /// The cells of `instability`'s grid (300 steps) that were trained.
  func instabilityCells() -> [InstabilityDesign.Cell] { onDisk(grid, grid.cells, .residual) }

  /// `instability`'s cells trained with more steps than the grid's, to lower the noise; only the
  /// noise table reads them.
  func longerCells() -> [InstabilityDesign.Cell] { onDisk(grid, InstabilityDesign.longer, .residual) }

  func command(_ experiment: String, _ extra: String = "") -> String {
    "`swift run -c release \(experiment)\(extra.isEmpty ? "" : " " + extra)`"
  }

  /// The command that trains one `instability` cell at `seeds` seeds: the paper preset, kept to that cell.
  func instabilityCommand(_ cell: InstabilityDesign.Cell, seeds: Int) -> String {
    command("instability", "--preset paper --seeds \(seeds) --only " + grid.onlyPatterns(cell).joined(separator: ","))
  }

  /// The command that trains every instability cell on disk at the seeds its claims pool.
  func instabilityGridCommand() -> String {
    let cells = instabilityCells()
    let seeds = cells.map { store.runs(grid, $0, .residual).count }.min() ?? 0
    guard seeds > 0 else { return command("instability") }
    return command(
      "instability",
      "--preset paper --seeds \(seeds) --only " + cells.flatMap(grid.onlyPatterns).joined(separator: ","))
  }

  /// "not run" with the reason and the command.
  func notRun(
    _ claim: String, paper: String, cell: String, figure: String, command: String, have: Int,
    stale: Int = 0
  ) -> ClaimRow {
    let old = stale > 0 ? " (\(stale) older runs evaluated before the fixed set)" : ""
    return ClaimRow(
      claim: claim, paper: paper, toolkit: (have == 0 ? "no current runs" : "\(have) seed(s) only") + old,
      seeds: "\(have)", cell: cell, figure: figure, verdict: .notRun,
      rule: "needs ≥ \(minimumSeedsForVerdict) paired seeds with the fixed evaluation set", command: command)
  }

  /// A loss gap `variant − baseline` judged by the interval rule: better → reproduced (the
  /// claim is that the variant's loss is lower), worse → contradicted.
  func lossClaim(
    _ claim: String, paper: String, _ c: Compared, cellLabel: String, figure: String, command: String
  ) -> ClaimRow {
    let gap = c.gap
    guard gap.n >= minimumSeedsForVerdict else {
      return notRun(claim, paper: paper, cell: cellLabel, figure: figure, command: command, have: gap.n, stale: c.stale)
    }
    let verdict: ClaimVerdict =
      gap.verdict == .better ? .reproduced : gap.verdict == .worse ? .contradicted : .notResolved
    // Seeds sized by `--precision` (precision.json): the two-stage interval decides, the ordinary one is shown beside.
    if gap.differences.statedHalfWidth != nil, let s = c.twoStage, let s0 = s.pilotSD, let needed = s.needed {
      let target = String(format: "±%.3f", s.target)
      var plain = gap
      plain.differences.statedHalfWidth = nil
      return ClaimRow(
        claim: claim, paper: paper,
        toolkit: String(
          format: "%@ %@ n=%d, two-stage (half-width %.3f, target %@ %@); t interval over the same seeds %@",
          signed(gap.mean), gap.intervalText, gap.n, gap.halfWidth, target, s.reached ? "reached" : "not reached",
          plain.intervalText),
        seeds: "\(gap.n)", cell: cellLabel, figure: figure, verdict: verdict,
        rule: String(
          format: "paired gap %@ − %@ with seeds sized by Stein's two-stage rule: a pilot of %d seeds (sd %.3f) "
            + "asked for %d for %@; interval mean ± t₀.₉₇₅,%d · s₀/√n",
          c.variant, c.baseline, s.pilot, s0, needed, target, s.pilot - 1),
        command: "`swift run -c release \(c.experiment) --preset paper --precision \(s.target) --only "
          + c.only.joined(separator: ",") + "`")
    }
    let needs = gap.seedsNeeded(for: 0.02).map(String.init) ?? "–"
    return ClaimRow(
      claim: claim, paper: paper, toolkit: gap.text, seeds: "\(gap.n)", cell: cellLabel, figure: figure,
      verdict: verdict,
      rule: "paired gap \(c.variant) − \(c.baseline); resolves ±\(String(format: "%.3f", gap.halfWidth)); "
        + "an effect of 0.02 needs \(needs) seeds (80% power)",
      command: command)
  }

  // MARK: The claims

  /// Peak composite gains of `kind` at the reference configuration and in every instability cell.
  func peakGains(_ kind: ConnectionKind) -> SeedInterval {
    let runs = store.runs(stability, .main, kind) + instabilityCells().flatMap { store.runs(grid, $0, kind) }
    return SeedInterval(runs.compactMap(peakCompositeGain))
  }

  /// Claim 1's rule: HC's gain *explodes* when the 95% interval of the geometric mean of the
  /// per-run peak composite gains lies above 10 (contradicted when it lies below 10). A composite
  /// gain is a product over sublayers and spans orders of magnitude between runs, so the Student-t
  /// interval is taken over log10 of the peaks; an arithmetic mean would be set by the largest run.
  ///
  /// ```swift
  /// Claims.gainExplodes([40, 60, 300, 5e4, 80, 120, 50, 200])   // .reproduced (the arithmetic interval contains 10)
  /// ```
  public static func gainExplodes(_ peaks: [Double]) -> ClaimVerdict {
    let logs = SeedInterval(peaks.map { log10($0) })
    return logs.lower > 1 ? .reproduced : logs.upper < 1 ? .contradicted : .notResolved
  }

  func hcGain() -> ClaimRow {
    let peaks = peakGains(.hc)
    let claim = "HC's composite gain explodes", paper = "peaks ≈ 3000 (27B)"
    guard peaks.n >= minimumSeedsForVerdict else {
      return notRun(
        claim, paper: paper, cell: "stability, instability", figure: "plots/stability-gains.png",
        command: command("stability"), have: peaks.n)
    }
    let largest = peaks.values.max() ?? .nan
    // the stress sweeps of both presets, every seed on disk
    let finished = store.index(StabilityDesign.experiment)
    let stress = [Preset.quick, .paper].flatMap { p in
      let d = StabilityDesign(preset: p, stress: true)
      return d.stressCells.flatMap { c in
        (0..<ResultStore.seedsLookedFor).compactMap { finished[d.run(c, .hc, seed: $0).id] }
      }
    }.compactMap(peakCompositeGain).max()
    let logs = SeedInterval(peaks.values.map { log10($0) })
    let verdict = Self.gainExplodes(peaks.values)
    func power(_ x: Double) -> String { cell(pow(10, x), 3) }
    return ClaimRow(
      claim: claim, paper: paper,
      toolkit: "peak: geometric mean \(power(logs.mean)) [\(power(logs.lower)), \(power(logs.upper))]"
        + " (arithmetic mean \(cell(peaks.mean, 3)) ± \(cell(peaks.halfWidth, 3)); largest \(cell(largest, 3)))"
        + (stress.map { "; stress sweep (up to 16 layers, lr 3e-2): largest \(cell($0, 3))" } ?? ""),
      seeds: "\(peaks.n) runs",
      cell: "stability reference + every instability cell", figure: "plots/stability-gains.png",
      verdict: verdict,
      rule:
        "explodes = the 95% interval of the geometric mean of the per-run peak composite Amax gains (Student t over"
        + " log10 of the peaks, which span orders of magnitude) lies above 10; below 10 contradicts it at this scale",
      command: command("stability") + ", " + instabilityGridCommand())
  }

  func mhcGain() -> ClaimRow {
    let peaks = peakGains(.mhc)
    let claim = "mHC's composite gain stays near 1", paper = "≤ 1.6"
    guard peaks.n >= minimumSeedsForVerdict else {
      return notRun(
        claim, paper: paper, cell: "stability, instability", figure: "plots/stability-gains.png",
        command: command("stability"), have: peaks.n)
    }
    let verdict: ClaimVerdict = peaks.upper <= 1.6 ? .reproduced : peaks.lower > 1.6 ? .contradicted : .notResolved
    return ClaimRow(
      claim: claim, paper: paper, toolkit: "peak \(peaks.text(3)) (largest \(cell(peaks.values.max(), 4)))",
      seeds: "\(peaks.n) runs", cell: "stability reference + every instability cell",
      figure: "plots/stability-gains.png", verdict: verdict,
      rule: "reproduced when the 95% interval of the per-run peak composite gain is ≤ 1.6",
      command: command("stability") + ", " + instabilityGridCommand())
  }

  /// Spike events of `kind` minus the residual's, paired by seed within every instability cell.
  func spikeGap(_ kind: ConnectionKind) -> PairedComparison {
    var d: [Double] = [], seeds: [UInt64] = []
    for c in instabilityCells() {
      let gap = PairedComparison.paired(
        store.runs(grid, c, kind), baseline: store.runs(grid, c, .residual), value: spikeEvents)
      d += gap.differences.values; seeds += gap.seeds
    }
    return PairedComparison(differences: d, seeds: seeds)
  }

  func hcSpikes() -> ClaimRow {
    let gap = spikeGap(.hc), claim = "HC shows loss and gradient spikes"
    let paper = "loss surge and gradient-norm spike ≈ step 12k (27B)"
    guard gap.n >= minimumSeedsForVerdict else {
      return notRun(
        claim, paper: paper, cell: "instability", figure: "plots/instability-fig2.png",
        command: command("instability"), have: gap.n)
    }
    let verdict: ClaimVerdict =
      gap.verdict == .worse ? .reproduced : gap.verdict == .better ? .contradicted : .notResolved
    return ClaimRow(
      claim: claim, paper: paper,
      toolkit: "spike events HC − residual: \(signed(gap.mean)) \(gap.intervalText) per run",
      seeds: "\(gap.n) (cell, seed) pairs", cell: "instability, every cell", figure: "plots/instability-fig2.png",
      verdict: verdict,
      rule:
        "loss + gradient spike events after warmup, HC minus the same-seed residual; reproduced when the interval is "
        + "above 0",
      command: instabilityGridCommand())
  }

  func mhcSmooth() -> ClaimRow {
    let gap = spikeGap(.mhc), claim = "mHC trains smoothly"
    let paper = "no spikes (27B)"
    guard gap.n >= minimumSeedsForVerdict else {
      return notRun(
        claim, paper: paper, cell: "instability", figure: "plots/instability-fig2.png",
        command: command("instability"), have: gap.n)
    }
    let upper = gap.halfWidth.isFinite ? gap.differences.upper : .infinity
    let verdict: ClaimVerdict = gap.verdict == .worse ? .contradicted : upper < 0.5 ? .reproduced : .notResolved
    return ClaimRow(
      claim: claim, paper: paper,
      toolkit: "spike events mHC − residual: \(signed(gap.mean)) \(gap.intervalText) per run",
      seeds: "\(gap.n) (cell, seed) pairs", cell: "instability, every cell", figure: "plots/instability-phase.png",
      verdict: verdict,
      rule:
        "reproduced when the interval of mHC's extra spike events over the residual stays below 0.5 per run; "
        + "contradicted when it is above 0",
      command: instabilityGridCommand())
  }

  /// The reference configuration's comparison `v − b`, read from `stability`, or from `instability`
  /// when its 4-layer lr 3e-3 cell — the same configuration, so the same runs bit for bit for the
  /// seeds both have — holds more paired seeds; with the cell's label, figure and command.
  func reference(
    _ v: ConnectionKind, vs b: ConnectionKind
  ) -> (c: Compared, label: String, figure: String, command: String) {
    let ref = InstabilityDesign.reference
    let fromGrid = Compared(store, grid, ref, .mhc, vs: .residual).gap.n
    let fromStability = Compared(store, stability, .main, .mhc, vs: .residual).gap.n
    guard fromGrid > fromStability else {
      return (
        Compared(store, stability, .main, v, vs: b), "stability: reference C 128, 4 layers, lr 3e-3",
        "plots/stability-loss-gap.png", command("stability")
      )
    }
    return (
      Compared(store, grid, ref, v, vs: b),
      "reference C 128, 4 layers, lr 3e-3 (instability's cell: stability's runs plus more seeds)",
      "plots/instability-phase.png", instabilityCommand(ref, seeds: fromGrid)
    )
  }

  func lossAgainstResidual() -> [ClaimRow] {
    let r = reference(.mhc, vs: .residual)
    var rows = [
      lossClaim(
        "mHC's loss is below the residual's", paper: "−0.021 (27B)", r.c, cellLabel: r.label, figure: r.figure,
        command: r.command)
    ]
    for c in instabilityCells() where c != InstabilityDesign.reference {
      rows.append(
        lossClaim(
          "mHC's loss is below the residual's", paper: "−0.021 (27B)", Compared(store, grid, c, .mhc, vs: .residual),
          cellLabel: "instability: \(grid.title(c))", figure: "plots/instability-phase.png",
          command: instabilityCommand(c, seeds: store.runs(grid, c, .residual).count)))
    }
    return rows
  }

  /// mHC − HC in every cell of `d` among `cells` with ≥ 3 paired seeds, labelled `experiment title`.
  func mhcAgainstHC<D: ExperimentDesign>(
    _ d: D, _ cells: [D.Cell], hc: D.Variant, mhc: D.Variant
  )
    -> [(label: String, gap: PairedComparison)]
  {
    onDisk(d, cells, hc).compactMap { c in
      let gap = store.gap(d, c, mhc, vs: hc)
      return gap.n >= minimumSeedsForVerdict ? ("\(D.experiment) \(d.title(c))", gap) : nil
    }
  }

  /// mHC − HC in every cell where both were trained with ≥ 3 paired seeds: each `instability` cell,
  /// each `scaling` size, each `vision` cell. Reproduced when mHC is better somewhere and worse
  /// nowhere, contradicted when worse somewhere and better nowhere, else not resolved (listed per cell).
  func mhcAgainstHCEverywhere() -> ClaimRow {
    let cells =
      mhcAgainstHC(grid, grid.cells, hc: .hc, mhc: .mhc) + mhcAgainstHC(scaling, scaling.cells, hc: .hc, mhc: .mhc)
      + mhcAgainstHC(visionPaper, visionQuick.cells + visionPaper.cells + VisionDesign.retired, hc: .hc, mhc: .mhc)
    var tally: [Verdict: Int] = [:]
    for c in cells { tally[c.gap.verdict, default: 0] += 1 }
    let parts = cells.map { c in
      "\(c.label): \(signed(c.gap.mean)) \(c.gap.intervalText)"
        + (c.gap.verdict == .notResolved ? "" : " " + c.gap.verdict.rawValue)
    }
    let better = tally[.better] ?? 0, worse = tally[.worse] ?? 0
    let verdict: ClaimVerdict =
      parts.isEmpty
      ? .notRun : better > 0 && worse == 0 ? .reproduced : worse > 0 && better == 0 ? .contradicted : .notResolved
    return ClaimRow(
      claim: "mHC's loss is at or below HC's, in every cell trained", paper: "mHC below HC (27B)",
      toolkit: "mHC better in \(better), worse in \(worse), not resolved in \(tally[.notResolved] ?? 0) of "
        + "\(parts.count) cells: " + parts.joined(separator: "; "),
      seeds: "\(cells.map(\.gap.n).reduce(0, +)) pairs",
      cell: "instability, scaling, vision: every cell with HC and "
        + "mHC",
      figure: "plots/report-gaps.png", verdict: verdict,
      rule:
        "each cell's paired mHC − HC final-loss gap; reproduced when mHC is better in some cell and worse in none, "
        + "contradicted when worse in some and better in none",
      command: command("report"))
  }

  func mhcAgainstHC() -> ClaimRow {
    let r = reference(.mhc, vs: .hc)
    return lossClaim(
      "mHC's loss is at or below HC's", paper: "mHC below HC (27B)", r.c, cellLabel: r.label, figure: r.figure,
      command: r.command)
  }

  /// The `vision` reference cell with the most current paired seeds: the paper preset's (C 64,
  /// 6 blocks, five epochs), else the quick preset's (C 64, 4 blocks, one epoch).
  func visionReference() -> (label: String, c: Compared, accuracy: PairedComparison, command: String) {
    func at(_ d: VisionDesign, _ label: String, _ command: String) -> (String, Compared, PairedComparison, String) {
      let cell = VisionDesign.reference(d.preset)
      let accuracy = PairedComparison.paired(
        store.runs(d, cell, .mhc), baseline: store.runs(d, cell, .residual),
        value: { $0.summary.finalEvalAccuracy.map { 100 * $0 } }, lowerIsBetter: false)
      return (label, Compared(store, d, cell, .mhc, vs: .residual), accuracy, command)
    }
    let paperCell = VisionDesign.reference(.paper)
    let paper = at(
      visionPaper, "vision: C 64, 6 blocks, 5 epochs",
      command("vision", "--preset paper --seeds 3 --only " + visionPaper.onlyPatterns(paperCell).joined(separator: ","))
    )
    return paper.1.gap.n >= minimumSeedsForVerdict
      ? paper : at(visionQuick, "vision: C 64, 4 blocks, 1 epoch", command("vision"))
  }

  func visionLoss() -> ClaimRow {
    let (label, compared, accuracy, regenerate) = visionReference()
    var row = lossClaim(
      "mHC in a ViT: test loss below the residual's", paper: "not tested (language models only)", compared,
      cellLabel: label + " (Fashion-MNIST)", figure: "plots/vision-loss-gap.png", command: regenerate)
    if row.verdict != .notRun { row.toolkit += "; accuracy " + accuracy.text + " points" }
    return row
  }

  /// HC's and mHC's peak composite gains over every `vision` cell (the stress cells drive HC's up).
  func visionGain() -> ClaimRow {
    let claim = "mHC in a ViT: composite gain stays near 1 where HC's grows", paper = "not tested (≤ 1.6 for language)"
    let runs = store.runs("vision").filter { !ResultStore.isStale($0) }
    let mhc = SeedInterval(runs.filter { $0.config.model.connection.kind == .mhc }.compactMap(peakCompositeGain))
    let hc = SeedInterval(runs.filter { $0.config.model.connection.kind == .hc }.compactMap(peakCompositeGain))
    guard mhc.n >= minimumSeedsForVerdict else {
      return notRun(
        claim, paper: paper, cell: "vision", figure: "plots/vision-gains.png", command: command("vision"), have: mhc.n)
    }
    let verdict: ClaimVerdict = mhc.upper <= 1.6 ? .reproduced : mhc.lower > 1.6 ? .contradicted : .notResolved
    return ClaimRow(
      claim: claim, paper: paper,
      toolkit:
        "mHC peak \(mhc.text(3)) (largest \(cell(mhc.values.max(), 4))); HC peak \(hc.significantText) (largest "
        + "\(cell(hc.values.max(), 4)))",
      seeds: "\(mhc.n) runs", cell: "vision: every cell", figure: "plots/vision-gains.png", verdict: verdict,
      rule: "reproduced when the 95% interval of mHC's per-run peak composite gain is ≤ 1.6 (as for language)",
      command: command("vision"))
  }

  func sinkhornIterations() -> ClaimRow {
    let claim = "A few Sinkhorn iterations suffice", paper = "t_max = 20 used; fewer not reported as harmful"
    let gap = store.gap(sinkhorn, sinkhorn.reference, 5, vs: 20)
    guard gap.n >= minimumSeedsForVerdict else {
      return notRun(
        claim, paper: paper, cell: "sinkhorn-iterations: t_max 5 vs 20", figure: "plots/sinkhorn-iterations.png",
        command: command("sinkhorn-iterations"), have: gap.n)
    }
    let verdict: ClaimVerdict =
      gap.verdict == .worse ? .contradicted : gap.differences.upper < 0.02 ? .reproduced : .notResolved
    return ClaimRow(
      claim: claim, paper: paper, toolkit: "t_max 5 − t_max 20: " + gap.text, seeds: "\(gap.n)",
      cell: "sinkhorn-iterations: 4 layers, C 128, seq 64, batch 8", figure: "plots/sinkhorn-iterations.png",
      verdict: verdict,
      rule:
        "reproduced when t_max = 5 is no worse than t_max = 20 by more than 0.02 nats/byte (upper end of the "
        + "interval); contradicted when the interval is above 0",
      command: command("sinkhorn-iterations"))
  }

  func tableOne() -> ClaimRow {
    let claim = "Table 1: HC's learned mappings lower the loss (res, res+pre, res+pre+post)"
    let paper = "−0.022, −0.025, −0.027"
    let hc = [ComponentsDesign.res, ComponentsDesign.resPre, ComponentsDesign.all].map {
      ComponentsDesign.Variant(kind: .hc, learned: $0)
    }
    let gaps = hc.map { store.gap(components, .all, $0, vs: ComponentsDesign.residual) }
    let n = gaps.map(\.n).min() ?? 0
    guard n >= minimumSeedsForVerdict else {
      return notRun(
        claim, paper: paper, cell: "components", figure: "plots/components-table1.png",
        command: command("components"), have: n)
    }
    let verdict: ClaimVerdict =
      gaps.allSatisfy { $0.verdict == .better }
      ? .reproduced
      : gaps.contains { $0.verdict == .worse } ? .contradicted : .notResolved
    return ClaimRow(
      claim: claim, paper: paper,
      toolkit: gaps.map { signed($0.mean) + " " + $0.intervalText }.joined(separator: "; "), seeds: "\(n)",
      cell: "components: C 128, 4 layers, seq 64, batch 8", figure: "plots/components-table1.png",
      verdict: verdict,
      rule:
        "reproduced when all three gaps to the residual are resolved below 0; contradicted when any is resolved "
        + "above 0",
      command: command("components"))
  }

  func expansionRate() -> ClaimRow {
    lossClaim(
      "Expansion n = 4 beats n = 1 (HC paper Table 1)", paper: "n = 4 below n = 1",
      Compared(store, expansion, .rates, .mhc(4), vs: .mhc(1)), cellLabel: "expansion: mHC n 4 vs n 1",
      figure: "plots/expansion.png", command: command("expansion"))
  }

  func computeScaling() -> ClaimRow {
    let claim = "mHC's advantage holds as compute grows", paper = "gap stable from 3B to 27B (Fig. 6a)"
    let sizes = onDisk(scaling, scaling.cells, .mhc)
    let gaps = sizes.map { store.gap(scaling, $0, .mhc, vs: .residual) }
    let n = gaps.map(\.n).min() ?? 0
    guard !sizes.isEmpty, n >= minimumSeedsForVerdict else {
      return notRun(
        claim, paper: paper, cell: "scaling", figure: "plots/scaling.png", command: command("scaling"), have: n)
    }
    let parts = zip(sizes, gaps).map { "\(scaling.title($0)): \(signed($1.mean)) \($1.intervalText)" }
    let verdict: ClaimVerdict =
      gaps.allSatisfy { $0.verdict == .better }
      ? .reproduced
      : gaps.last?.verdict == .worse ? .contradicted : .notResolved
    return ClaimRow(
      claim: claim, paper: paper, toolkit: parts.joined(separator: "; "), seeds: "\(n) per size",
      cell: "scaling: \(sizes.count) sizes, 2 tokens per parameter", figure: "plots/scaling.png", verdict: verdict,
      rule:
        "reproduced when mHC − residual is resolved below 0 at every size; contradicted when resolved above 0 at the "
        + "largest",
      command: command("scaling"))
  }

  /// `results/overhead/measurements.json`, and its first width group (the reference width).
  func overhead() -> (data: Measurements, group: String)? {
    let path = (store.root as NSString).appendingPathComponent("overhead/measurements.json")
    guard let data = try? RunFiles.readJSON(Measurements.self, from: path),
      let group = data.groups.keys.sorted(by: naturalLess).first
    else { return nil }
    return (data, group)
  }

  /// mHC n = 4 step time over the residual's at the reference width, one ratio per timing round
  /// (the rounds are the replicates).
  func timeOverhead() -> ClaimRow {
    let claim = "mHC costs 6.7% more training time", paper = "+6.7% (27B, fused kernels, recomputation)"
    guard let (data, group) = overhead(), let r = data.find(group, .residual), let m = data.find(group, .mhc, n: 4),
      min(r.result.stepTimes.count, m.result.stepTimes.count) >= minimumSeedsForVerdict
    else {
      return notRun(
        claim, paper: paper, cell: "overhead", figure: "plots/overhead-time.png", command: command("overhead"), have: 0)
    }
    let pct = SeedInterval(zip(m.result.stepTimes, r.result.stepTimes).map { 100 * ($0 / $1 - 1) })
    let verdict: ClaimVerdict = pct.lower > 6.7 ? .contradicted : pct.upper <= 6.7 ? .reproduced : .notResolved
    return ClaimRow(
      claim: claim, paper: paper, toolkit: String(format: "%+.1f%% ± %.1f%%", pct.mean, pct.halfWidth),
      seeds: "\(pct.n) timing rounds", cell: "overhead: n = 4, \(group), \(data.cpu), no recomputation",
      figure: "plots/overhead-time.png", verdict: verdict,
      rule:
        "per-round step-time ratio mHC / residual (same round, same process); contradicted when the interval is above "
        + "+6.7% (a CPU with BLAS, no fused kernels)",
      command: command("overhead"))
  }

  func recomputeMemory() -> ClaimRow {
    let claim = "Recomputation keeps mHC's training memory near the residual's"
    let paper = "selective recomputation of the n-stream activations"
    guard let (data, group) = overhead(), let r = data.find(group, .residual),
      let full = data.find(group, .mhc, n: 4),
      let kept = data.groups[group]?.first(where: { $0.connection == .mhc && $0.n == 4 && $0.recompute > 0 })
    else {
      return notRun(
        claim, paper: paper, cell: "overhead", figure: "plots/overhead-memory.png", command: command("overhead"),
        have: 0)
    }
    let bytes = [r, full, kept].map { Double($0.result.trainingBytes) }
    let verdict: ClaimVerdict = bytes[2] < bytes[1] ? .reproduced : .contradicted
    return ClaimRow(
      claim: claim, paper: paper,
      toolkit: String(
        format: "%.3f× the residual's memory without, %.3f× with recomputation", bytes[1] / bytes[0],
        bytes[2] / bytes[0]),
      seeds: "deterministic (bytes)", cell: "overhead: n = 4, C = 128", figure: "plots/overhead-memory.png",
      verdict: verdict, rule: "reproduced when recomputation lowers mHC's training bytes (counted, not sampled)",
      command: command("overhead"))
  }

  // MARK: Noise

  /// One row of the noise table: how much a paired gap varies over seeds under each way of
  /// measuring the final loss.
  public struct NoiseRow: Sendable {
    public var cell: String
    public var seeds: Int
    /// Standard deviation over seeds of the paired gap, per measure (nil: not available).
    public var lastEval, lastThreeEvals, fixedSet, trainTail: Double?
    /// The evaluation noise left in a gap on the fixed set: the mean over seeds of the paired
    /// per-window standard error.
    public var fixedSetEvaluationNoise: Double?
    /// The same evaluation noise for an evaluation on `smallWindows` windows instead (it grows as
    /// 1/√windows): what the gap carried when final losses came from a few batches.
    public var smallSetEvaluationNoise: Double?
    public var smallWindows: Int
    /// For a cell trained longer (`--steps`): the ``cell`` label of the same cell in the grid.
    public var longerThan: String? = nil
  }

  /// The noise of the mHC − residual gap in every cell with at least three paired seeds.
  public func noise() -> [NoiseRow] {
    var cells: [(label: String, mine: [LoadedRun], base: [LoadedRun], twin: String?)] = [
      ("stability reference", store.runs(stability, .main, .mhc), store.runs(stability, .main, .residual), nil)
    ]
    let onGrid = instabilityCells()
    for c in onGrid where c != InstabilityDesign.reference {
      cells.append(("instability \(grid.title(c))", store.runs(grid, c, .mhc), store.runs(grid, c, .residual), nil))
    }
    for c in longerCells() {
      // the grid cell this one trains longer
      let twin = onGrid.first { $0.layers == c.layers && $0.lr == c.lr }.map { "instability \(grid.title($0))" }
      cells.append(("instability \(grid.title(c))", store.runs(grid, c, .mhc), store.runs(grid, c, .residual), twin))
    }
    return cells.compactMap { label, mine, base, twin in
      func spread(_ value: @escaping (LoadedRun) -> Double?) -> Double? {
        let g = PairedComparison.paired(mine, baseline: base, value: value)
        return g.n >= 2 ? g.sd : nil
      }
      let fixed = PairedComparison.finalLoss(mine, baseline: base)
      guard fixed.n >= minimumSeedsForVerdict else { return nil }
      let lastThree: (LoadedRun) -> Double? = { r in
        let v = r.metrics.compactMap(\.valLoss).suffix(3)
        return v.count == 3 ? v.reduce(0, +) / 3 : nil
      }
      let byBase = Dictionary(base.map { ($0.config.seed, $0) }, uniquingKeysWith: { a, _ in a })
      let evalNoise = mine.compactMap { r -> Double? in
        guard let b = byBase[r.config.seed],
          let x = try? FinalEvaluation.read(r.directory + "/final-eval.csv", seq: r.config.model.seq),
          let y = try? FinalEvaluation.read(b.directory + "/final-eval.csv", seq: b.config.model.seq)
        else { return nil }
        return x.pairedStandardError(against: y)
      }
      let noise = evalNoise.isEmpty ? nil : SeedInterval(evalNoise).mean
      let small = (mine.first?.config.evalBatches ?? 4) * (mine.first?.config.batch ?? 16)
      let windows = mine.first?.summary.finalEvalWindows ?? small
      return NoiseRow(
        cell: label, seeds: fixed.n, lastEval: spread { $0.summary.lastValLoss }, lastThreeEvals: spread(lastThree),
        fixedSet: fixed.sd, trainTail: spread { $0.summary.finalTrainLossAverage },
        fixedSetEvaluationNoise: noise,
        smallSetEvaluationNoise: noise.map { $0 * (Double(windows) / Double(small)).squareRoot() },
        smallWindows: small, longerThan: twin)
    }
  }

  /// Every loss-gap comparison behind the rows, for the forest figure: label, comparison.
  public func lossGaps() -> [(label: String, gap: PairedComparison)] {
    var out: [(String, PairedComparison)] = []
    func add(_ label: String, _ g: PairedComparison) { if g.n >= 2 { out.append((label, g)) } }
    // the reference cell from where REPORT's rows read it (the experiment with more paired seeds)
    for (v, b) in [(ConnectionKind.mhc, ConnectionKind.residual), (.hc, .residual), (.mhc, .hc)] {
      let r = reference(v, vs: b)
      add("\(r.c.experiment) reference: \(v.displayName) − \(b.displayName)", r.c.gap)
    }
    for c in instabilityCells() where c != InstabilityDesign.reference {
      add("instability \(grid.title(c)): mHC − residual", store.gap(grid, c, .mhc, vs: .residual))
      add("instability \(grid.title(c)): HC − residual", store.gap(grid, c, .hc, vs: .residual))
    }
    add("sinkhorn: t_max 5 − t_max 20", store.gap(sinkhorn, sinkhorn.reference, 5, vs: 20))
    add("sinkhorn: t_max 1 − t_max 20", store.gap(sinkhorn, sinkhorn.reference, 1, vs: 20))
    add(
      "components: HC res+pre+post − residual",
      store.gap(components, .all, .init(kind: .hc), vs: ComponentsDesign.residual))
    add("components: mHC − residual", store.gap(components, .all, .init(kind: .mhc), vs: ComponentsDesign.residual))
    add("expansion: mHC n 4 − n 1", store.gap(expansion, .rates, .mhc(4), vs: .mhc(1)))
    for size in onDisk(scaling, scaling.cells, .mhc) {
      add("scaling \(scaling.title(size)): mHC − residual", store.gap(scaling, size, .mhc, vs: .residual))
    }
    return out
  }
}

extension ConnectionKind {
  /// "residual", "HC", "mHC".
  var displayName: String { self == .residual ? "residual" : self == .hc ? "HC" : "mHC" }
}
