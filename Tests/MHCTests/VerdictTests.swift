import Foundation
import MHC
import MHCHarness
import Testing

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

  /// The 8-layer example of the README: six seeds that split 3/3 are not resolved.
  @Test func eightLayerExampleIsNotResolved() {
    let gap = PairedComparison(differences: [0.177, 0.120, 0.126, -0.113, -0.152, -0.199], seeds: Array(0..<6))
    #expect(abs(gap.mean - -0.006833) < 1e-5)
    #expect(abs(gap.sd - 0.1625) < 1e-3)
    #expect(abs(gap.halfWidth - 0.1706) < 1e-3)
    #expect(gap.verdict == .notResolved)
    #expect(gap.verdictText == "not resolved (±0.171)")
    // "an effect of 0.08 needs about 20 paired seeds" (interval half-width ≤ 0.08: power ½)
    let half = gap.seedsNeeded(for: 0.08, power: 0.5)!
    #expect(half >= 18 && half <= 21, "\(half)")
    let eighty = gap.seedsNeeded(for: 0.08)!
    #expect(eighty > half && eighty < 40, "\(eighty)")
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
      var c = TrainConfig(); c.connection = kind; c.seed = seed
      let s = RunSummary(status: status, steps: 1, tokens: 1, seconds: 1, params: 1, finalEvalLoss: loss,
                         meanStepSeconds: 1, tokensPerSecond: 1, flopsPerStep: 1)
      return LoadedRun(id: "\(kind)-\(seed)", directory: "", config: c, summary: s, metrics: [], gains: [],
                       mappings: nil, initialMappings: nil, mappingRows: [])
    }
    let base = [run(.residual, seed: 0, loss: 2.0), run(.residual, seed: 1, loss: 2.1), run(.residual, seed: 2, loss: 2.2)]
    let mhc = [run(.mhc, seed: 2, loss: 2.15), run(.mhc, seed: 0, loss: 1.98), run(.mhc, seed: 1, loss: .nan, status: "diverged"),
               run(.mhc, seed: 7, loss: 1.0)]
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
    let corpus = try ByteCorpus(path: c.corpus, minimumSplit: c.seq + 1)
    let set = EvaluationSet(validation: corpus.validation, seq: c.seq, limit: 1000)
    #expect(set.count == corpus.validation.count / (c.seq + 1))
    #expect(set.starts.prefix(3) == [0, 9, 18])
    #expect(EvaluationSet(validation: corpus.validation, seq: c.seq, limit: 5).count == 5)
    let m1 = try Transformer<Double>(c.model, batch: 2, seed: 3)
    let m2 = try Transformer<Double>(c.model, batch: 7, seed: 3)
    let a = set.evaluate(m1, batch: 2), b = set.evaluate(m2, batch: 7)
    #expect(a.windows == set.count)
    for (x, y) in zip(a.perWindow, b.perWindow) { #expect(abs(x - y) < 1e-12) }
    // each window's loss is the model's loss on that window alone
    let s = set.starts[3]
    let bytes = corpus.validation[s...(s + c.seq)].map(Int32.init)
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
    let f = try FinalEvaluation.read(dir + "/run/final-eval.csv", seq: c.seq)
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
    var r = TrainConfig(); r.connection = .residual; r.width = 16; r.layers = 2; r.heads = 2; r.seq = 8
    var m = r; m.connection = .mhc; m.streams = 4
    let a = try Transformer<Float>(r.model, batch: 1, seed: 5), b = try Transformer<Float>(m.model, batch: 1, seed: 5)
    let c = try Transformer<Float>(r.model, batch: 1, seed: 6)
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
    let live = (0..<30).map { 5.0 - Double($0) * 0.05 }
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
