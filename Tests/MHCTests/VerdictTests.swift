import Foundation
import MHC
import MHCHarness
import Experiments
import Testing

/// A `summary.json` of a finished run with the given status and final loss (decoded, as a reader would).
func summary(status: String, loss: Double) throws -> RunSummary {
  let json = """
    {"status": "\(status)", "steps": 1, "tokens": 1, "seconds": 1, "params": 1, "final_eval_loss": \(loss.isNaN ? "null" : "\(loss)"),
     "mean_step_seconds": 1, "tokens_per_second": 1, "flops_per_step": 1}
    """
  return try JSONDecoder().decode(RunSummary.self, from: Data(json.utf8))
}

@Suite struct VerdictTests {
  /// Quantiles against printed tables of Student's t (two-sided 95% and one-sided 80%).
  @Test func studentTQuantilesMatchTables() {
    let table: [(p: Double, df: Double, t: Double)] = [
      (0.975, 1, 12.7062), (0.975, 2, 4.3027), (0.975, 3, 3.1824), (0.975, 5, 2.5706),
      (0.975, 7, 2.3646), (0.975, 10, 2.2281), (0.975, 30, 2.0423), (0.975, 1000, 1.9623),
      (0.8, 1, 1.3764), (0.8, 5, 0.9195), (0.8, 10, 0.8791), (0.9, 20, 1.3253),
    ]
    for row in table {
      let t = StudentT.quantile(row.p, df: row.df)
      #expect(abs(t - row.t) < 2e-4, "t(\(row.p), \(row.df)) = \(t), table \(row.t)")
      #expect(abs(StudentT.cdf(t, df: row.df) - row.p) < 1e-9)
    }
    #expect(abs(StudentT.quantile(0.025, df: 4) + StudentT.quantile(0.975, df: 4)) < 1e-12)
    #expect(StudentT.cdf(0, df: 3) == 0.5)
  }

  /// The 8-layer example of docs/verdicts.md: six seeds that split 3/3 are not resolved.
  /// The power-law fit recovers an exact law, and its exponent's standard error and the slope
  /// comparison follow the textbook formulas on a noisy one (log-log residuals ±0.01 by hand).
  @Test func powerLawFitAndSlopeComparison() throws {
    let exact = try #require(PowerLaw([1e10, 1e11, 1e12, 1e13].map { ($0, 7 * pow($0, -0.05)) }))
    #expect(abs(exact.a - 7) < 1e-9 && abs(exact.b - 0.05) < 1e-12 && abs(exact.r2 - 1) < 1e-12)
    #expect(exact.standardError < 1e-12 && exact.count == 4)
    // log L = log 7 − 0.05 log C + e with e = +0.01, −0.01, −0.01, +0.01: the slope is unchanged
    // (e is orthogonal to log C − mean), SSR = 4e-4, Sxx = 5 (ln 10)², SE = √(SSR / 2 / Sxx)
    let noisy = try #require(
      PowerLaw(zip([1e10, 1e11, 1e12, 1e13], [0.01, -0.01, -0.01, 0.01]).map { ($0, 7 * pow($0, -0.05) * exp($1)) }))
    let se = (4e-4 / 2 / (5 * log(10) * log(10))).squareRoot()
    #expect(abs(noisy.b - 0.05) < 1e-12 && abs(noisy.standardError - se) < 1e-12)
    let d = noisy.exponentDifference(from: exact)
    #expect(abs(d.difference) < 1e-12 && d.df == 2)
    #expect(abs(d.halfWidth - 4.302652729911275 * se) < 1e-9)  // t(0.975, 2) · √(se² + 0²)
    #expect(PowerLaw([(1e10, 2)]) == nil && PowerLaw([(1e10, 2), (1e10, 3)]) == nil)  // one point; no spread in C
    #expect(exact.exponentDifference(from: PowerLaw([(1e10, 2), (1e11, 1.9)])!).halfWidth.isNaN)  // 2 points: no SE
  }

  @Test func eightLayerExampleIsNotResolved() {
    let gap = PairedComparison(differences: [0.177, 0.120, 0.126, -0.113, -0.152, -0.199], seeds: Array(0..<6))
    #expect(abs(gap.mean - -0.006833) < 1e-5)
    #expect(abs(gap.sd - 0.16541) < 1e-4)  // scipy: stdev 0.165408
    #expect(abs(gap.halfWidth - 0.17358) < 1e-4)  // scipy: t.ppf(0.975, 5) · sd / √6 = 0.173585
    #expect(gap.verdict == .notResolved)
    #expect(gap.verdictText == "not resolved (±0.174)")
    // "an effect of 0.08 needs about 20 paired seeds" (interval half-width ≤ 0.08: power ½)
    #expect(gap.seedsNeeded(for: 0.08, power: 0.5) == 19)  // scipy, the same rule: 19
    #expect(gap.seedsNeeded(for: 0.08) == 36)  // 80% power: 36
    // the first three alone say "worse", the last three "better": the rule at work
    #expect(PairedComparison(differences: [0.177, 0.120, 0.126], seeds: [0, 1, 2]).verdict == .worse)
    #expect(PairedComparison(differences: [-0.113, -0.152, -0.199], seeds: [3, 4, 5]).verdict == .better)
  }

  @Test func verdictRuleAndEdgeCases() {
    #expect(PairedComparison(differences: [-0.1], seeds: [0]).verdict == .tooFewSeeds)
    #expect(PairedComparison(differences: [], seeds: []).verdictText == "no paired seed")
    #expect(PairedComparison(differences: [-0.1], seeds: [0]).verdictText == "one seed: no interval")
    // accuracy: higher is better
    let acc = PairedComparison(differences: [0.01, 0.012, 0.011], seeds: [0, 1, 2], lowerIsBetter: false)
    #expect(acc.verdict == .better)
    // identical differences: zero spread, a resolved verdict with a zero-width interval
    let same = PairedComparison(differences: [-0.01, -0.01, -0.01], seeds: [0, 1, 2])
    #expect(same.halfWidth == 0 && same.verdict == .better)
    #expect(same.text.hasPrefix("−0.010 [−0.010, −0.010] n=3 better"))
  }

  @Test func pairingUsesSeedsAndSkipsDivergedRuns() throws {
    func run(_ kind: ConnectionKind, seed: UInt64, loss: Double, status: String = "completed") -> LoadedRun {
      var c = TrainConfig(); c.model.connection.kind = kind; c.seed = seed
      let s = try! summary(status: status, loss: loss)
      return LoadedRun(
        id: "\(kind)-\(seed)", directory: "", config: c, summary: s, metrics: [], gains: [],
        mappings: nil, initialMappings: nil, mappingRows: [])
    }
    let base = [
      run(.residual, seed: 0, loss: 2.0), run(.residual, seed: 1, loss: 2.1), run(.residual, seed: 2, loss: 2.2),
    ]
    let mhc = [
      run(.mhc, seed: 2, loss: 2.15), run(.mhc, seed: 0, loss: 1.98),
      run(.mhc, seed: 1, loss: .nan, status: "diverged"),
      run(.mhc, seed: 7, loss: 1.0),
    ]
    let gap = PairedComparison.finalLoss(mhc, baseline: base)
    #expect(gap.seeds == [0, 2])
    #expect(gap.differences.values.map { ($0 * 1000).rounded() / 1000 } == [-0.02, -0.05])
    #expect(gap.variantDiverged == 1 && gap.baselineDiverged == 0)
    #expect(gap.text.contains("variant diverged 1/3"))
  }

  /// The final evaluation set: disjoint windows from the split's start, independent of the seed
  /// and the batch size; its loss is the mean of the per-window losses.
  @Test func finalEvaluationSetIsFixedAndBatchIndependent() throws {
    let (c, _) = try tinyRun(.mhc)
    let corpus = try ByteCorpus(path: c.corpus, minimumSplit: c.model.seq + 1)
    let set = EvaluationSet(validation: corpus.validation, seq: c.model.seq, limit: 1000)
    #expect(set.count == corpus.validation.count / (c.model.seq + 1))
    #expect(set.starts.prefix(3) == [0, 9, 18])
    #expect(EvaluationSet(validation: corpus.validation, seq: c.model.seq, limit: 5).count == 5)
    let m1 = try Transformer<Double>(c.model, batch: 2, seed: 3)
    let m2 = try Transformer<Double>(c.model, batch: 7, seed: 3)
    let a = set.evaluate(m1, batch: 2), b = set.evaluate(m2, batch: 7)
    #expect(a.windows == set.count)
    for (x, y) in zip(a.perWindow, b.perWindow) { #expect(abs(x - y) < 1e-12) }
    // each window's loss is the model's loss on that window alone
    let s = set.starts[3]
    let bytes = corpus.validation[s...(s + c.model.seq)].map(Int32.init)
    let alone = m1.forward(inputs: Array(bytes.dropLast()), targets: Array(bytes.dropFirst()))
    #expect(abs(alone - a.perWindow[3]) < 1e-12)
    #expect(abs(a.loss - a.perWindow.reduce(0, +) / Double(a.windows)) < 1e-15)
    #expect(a.standardError > 0 && a.standardError < 1)
    #expect(a.pairedStandardError(against: a) == 0)
  }

  @Test func completedRunWritesFinalEvaluation() throws {
    let (c0, dir) = try tinyRun(.residual, steps: 4)
    var c = c0; c.finalEvalWindows = 40
    let summary = try TrainingRun(config: c, directory: dir + "/run").run()
    #expect(summary.finalEvalWindows == 40)
    let f = try FinalEvaluation.read(dir + "/run/final-eval.csv", seq: c.model.seq)
    #expect(f.windows == 40)
    #expect(abs(f.loss - summary.finalEvalLoss!) < 1e-5)
    #expect(abs(f.standardError - summary.finalEvalStandardError!) < 1e-5)
    #expect(summary.lastValLoss != nil && summary.lastValLoss != summary.finalEvalLoss)
    #expect(throws: MHCError("--final-eval-windows 0 is invalid; must be ≥ 1 (windows of the final evaluation set)")) {
      var bad = c; bad.finalEvalWindows = 0; try bad.validate()
    }
  }

  /// Common random numbers: a residual and an mHC run with the same seed start from the same
  /// shared tensors and see the same batches; another seed changes both.
  @Test func sameSeedSharesWeightsAndBatchesAcrossConnections() throws {
    var r = TrainConfig(); r.model.connection.kind = .residual; r.model.width = 16; r.model.layers = 2;
    r.model.heads = 2; r.model.seq = 8
    var m = r; m.model.connection.kind = .mhc; m.model.connection.streams = 4
    let res = r.resolved().model
    let a = try Transformer<Float>(res, batch: 1, seed: 5), b = try Transformer<Float>(m.model, batch: 1, seed: 5)
    let c = try Transformer<Float>(res, batch: 1, seed: 6)
    var shared = 0
    for name in a.parameters.infos.map(\.name) {
      guard let x = b.parameters.values(named: name) else { continue }
      #expect(a.parameters.values(named: name) == x, "\(name) differs between residual and mHC")
      if name.hasSuffix("weight") { #expect(a.parameters.values(named: name) != c.parameters.values(named: name)) }
      shared += 1
    }
    #expect(shared == a.parameters.infos.count)  // every residual tensor exists in mHC
    var s1 = WindowSampler(Array(repeating: 7, count: 100) + Array(0..<200).map { UInt8($0) }, seed: 5 &+ 0x5EED)
    var s2 = s1
    #expect(s1.batch(4, seq: 8).inputs == s2.batch(4, seq: 8).inputs)
  }

  @Test func deadNetworkIsADivergenceKind() {
    let ln = Foundation.log(256.0)
    let live = (0..<30).map { 5.6 - Double($0) * 0.05 }  // an untrained model starts near ln 256 = 5.545
    let dead = live.prefix(12) + Array(repeating: ln + 2e-4, count: 12)
    let deadNorms = Array(repeating: 0.8, count: 12) + Array(repeating: 0.0, count: 12)
    let rep = InstabilityReport(loss: Array(dead), gradNorm: deadNorms, warmup: 2)
    #expect(rep.divergence == "dead" && rep.divergedStep == 13)
    #expect(Instability.deadSince(Array(dead), deadNorms, vocab: 256) == 15)
    // ln V with a live gradient (an untrained model) is not dead; nor is a small gradient at a lower loss
    #expect(!Instability.isDead(Array(repeating: ln, count: 10), Array(repeating: 0.5, count: 10), vocab: 256))
    #expect(!Instability.isDead(Array(repeating: 3.0, count: 10), Array(repeating: 0, count: 10), vocab: 256))
    #expect(InstabilityReport(loss: live, gradNorm: Array(repeating: 1, count: 30), warmup: 2).divergence == nil)
  }
}

@Suite struct ReportTests {
  /// Writes a finished run folder with the given final loss (and standard error, or none: a stale run).
  func writeRun(
    _ root: String, experiment: String, id: String, kind: ConnectionKind, seed: UInt64, loss: Double,
    se: Double? = 0.006
  ) throws {
    let dir = "\(root)/\(experiment)/\(id)"
    try RunFiles.makeDirectory(dir)
    var c = TrainConfig(); c.model.connection.kind = kind; c.seed = seed
    try RunFiles.writeJSON(c.resolved(), to: dir + "/config.json")
    var s = try summary(status: "completed", loss: loss)
    s.finalEvalStandardError = se; s.finalEvalWindows = se == nil ? nil : 2000
    try RunFiles.writeJSON(s, to: dir + "/summary.json")
    try RunFiles.write(MetricsRow.header + "\n1,1,0.001,5.0,1.0,0.1,\(loss),,\n", to: dir + "/metrics.csv")
  }

  @Test func claimsFollowTheRuleAndSkipStaleRuns() throws {
    let root = try temporaryFolder("report")
    let noise = [0.004, -0.003, 0.001, -0.002]
    for s in 0..<4 {
      let base = 2.1 + Double(s) * 0.03
      try writeRun(root, experiment: "stability", id: "residual-s\(s)", kind: .residual, seed: UInt64(s), loss: base)
      try writeRun(
        root, experiment: "stability", id: "mhc-n4-t20-s\(s)", kind: .mhc, seed: UInt64(s), loss: base - 0.05 + noise[s]
      )
      // HC: one seed better, one worse — not resolved
      try writeRun(
        root, experiment: "stability", id: "hc-n4-s\(s)", kind: .hc, seed: UInt64(s),
        loss: base - 0.05 + [0.09, -0.08, 0.07, -0.06][s])
      // stale runs of the 8-layer cell: evaluated before the fixed set
      try writeRun(
        root, experiment: "instability", id: "residual-L8-lr.01-s\(s)", kind: .residual, seed: UInt64(s),
        loss: 2.4, se: nil)
      try writeRun(
        root, experiment: "instability", id: "mhc-n4-t20-L8-lr.01-s\(s)", kind: .mhc, seed: UInt64(s),
        loss: 2.2, se: nil)
    }
    for s in 0..<3 {  // the vision quick cell: mHC below the residual by 0.02 ± 0.001
      let base = 0.45 + Double(s) * 0.01
      try writeRun(
        root, experiment: "vision", id: "residual-C64-steps430-s\(s)", kind: .residual, seed: UInt64(s), loss: base)
      try writeRun(
        root, experiment: "vision", id: "mhc-n4-t20-C64-steps430-s\(s)", kind: .mhc, seed: UInt64(s),
        loss: base - 0.02 + 0.001 * Double(s))
    }
    for s in 0..<3 {  // a longer cell: only the noise table reads it
      try writeRun(
        root, experiment: "instability", id: "residual-steps600-lr.01-s\(s)", kind: .residual, seed: UInt64(s),
        loss: 2.3 + 0.01 * Double(s))
      try writeRun(
        root, experiment: "instability", id: "mhc-n4-t20-steps600-lr.01-s\(s)", kind: .mhc, seed: UInt64(s),
        loss: 2.3 - 0.02 * Double(s))
    }
    let store = ResultStore(root: root)
    let claims = Claims(store: store)
    #expect(claims.noise().map(\.cell).contains("instability 4 layers, lr 0.01, 600 steps"))
    // the grid's claims hold the 8-layer cell only, not the longer one
    #expect(claims.rows().filter { $0.cell.hasPrefix("instability:") }.map(\.cell) == ["instability: 8 layers, lr 0.01"])
    #expect(store.cell("stability", "mhc-n4-t20").count == 4)
    #expect(store.cell("instability", "mhc-n4-t20-L8-lr.01").isEmpty)
    #expect(store.staleCount("instability", "mhc-n4-t20-L8-lr.01") == 4)
    let rows = Claims(store: store).rows()
    let below = rows.filter { $0.claim == "mHC's loss is below the residual's" }
    #expect(below.first { $0.cell.hasPrefix("stability") }?.verdict == .reproduced)
    #expect(below.first { $0.cell.contains("8 layers") }?.verdict == .notRun)
    #expect(rows.first { $0.claim == "mHC's loss is at or below HC's" }?.verdict == .notResolved)
    #expect(rows.first { $0.claim.hasPrefix("A few Sinkhorn") }?.verdict == .notRun)
    let vision = rows.first { $0.claim.hasPrefix("mHC in a ViT: test loss") }
    #expect(vision?.verdict == .reproduced && vision?.cell.contains("1 epoch") == true, "\(String(describing: vision))")
    // the executable writes the page and never trains
    let out = root + "/REPORT.md"
    let (status, output) = try runTool("report", ["--results", root, "--plots", root + "/plots", "--out", out])
    #expect(status == 0, "\(output)")
    let page = try String(contentsOfFile: out, encoding: .utf8)
    #expect(page.contains("**reproduced**") && page.contains("**not run**"))
    #expect(FileManager.default.fileExists(atPath: root + "/plots/report-gaps.png"))
    #expect(!FileManager.default.fileExists(atPath: root + "/stability/residual-s0/checkpoint.bin"))
  }

  /// Claim 1 judges HC's peak gains on a log scale: one huge run does not blur the interval, and
  /// peaks that stay small contradict the claim.
  @Test func gainClaimUsesTheGeometricMean() {
    let peaks = [40.0, 60, 300, 5e4, 80, 120, 50, 200]
    #expect(SeedInterval(peaks).lower < 10)  // the arithmetic interval would not resolve it
    #expect(Claims.gainExplodes(peaks) == .reproduced)
    #expect(Claims.gainExplodes([2, 3, 2.5, 4]) == .contradicted)
    #expect(Claims.gainExplodes([2, 300, 5, 1e4]) == .notResolved)
  }

  /// The experiment kit: seed-major runs, runs read back by variant in seed order (missing
  /// seeds left out), gaps paired by seed, presets picked in one call.
  @Test func seedGridReadsRunsBackByVariant() throws {
    let grid = SeedGrid(variants: [ConnectionKind.residual, .mhc], seeds: 3) { kind, seed in
      var c = TrainConfig(); c.model.connection.kind = kind; c.seed = UInt64(seed)
      return SweepRun(c)
    }
    #expect(
      grid.runs.map(\.id) == [
        "residual-s0", "mhc-n4-t20-s0", "residual-s1", "mhc-n4-t20-s1", "residual-s2",
        "mhc-n4-t20-s2",
      ])
    func loaded(_ id: String, _ kind: ConnectionKind, _ seed: UInt64, _ loss: Double) throws -> LoadedRun {
      var c = TrainConfig(); c.model.connection.kind = kind; c.seed = seed
      return LoadedRun(
        id: id, directory: "", config: c, summary: try summary(status: "completed", loss: loss),
        metrics: [], gains: [], mappings: nil, initialMappings: nil, mappingRows: [])
    }
    let index = RunIndex([
      try loaded("mhc-n4-t20-s2", .mhc, 2, 2.0), try loaded("residual-s0", .residual, 0, 2.1),
      try loaded("mhc-n4-t20-s0", .mhc, 0, 2.05), try loaded("residual-s2", .residual, 2, 2.2),
      try loaded("residual-s1", .residual, 1, 2.3),
    ])
    #expect(grid.loaded(.mhc, in: index).map(\.id) == ["mhc-n4-t20-s0", "mhc-n4-t20-s2"])
    #expect(grid.bySeed(.mhc, in: index).map { $0?.id } == ["mhc-n4-t20-s0", nil, "mhc-n4-t20-s2"])
    let gap = grid.gap(.mhc, to: .residual, in: index)
    #expect(gap.seeds == [0, 2] && gap.differences.values.map { ($0 * 100).rounded() / 100 } == [-0.05, -0.2])
    #expect(Preset.quick.pick(quick: 1, paper: 2, tiny: 3) == 1 && Preset.tiny.pick(quick: 1, paper: 2, tiny: 3) == 3)
    #expect(
      Preset.tiny.baseConfig.model.width == TrainConfig.tiny.model.width && Preset.paper.baseConfig.model.width == 128)
    #expect(
      Gnuplot.horizontalLine(at: "0")
        == "set arrow from graph 0, first 0 to graph 1, first 0 nohead lc rgb '#888888' dt 2")
  }
}
