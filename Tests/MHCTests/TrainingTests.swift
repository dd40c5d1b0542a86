import Foundation
import MHC
import Testing

/// A small text corpus written for the test, and a tiny configuration over it.
func tinyRun(_ kind: ConnectionKind = .mhc, steps: Int = 6) throws -> (TrainConfig, String) {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mhc-train-\(UUID().uuidString)").path
  try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  let text = (0..<400).map { "line \($0): the quick brown fox jumps over the lazy dog.\n" }.joined()
  try text.write(toFile: dir + "/corpus.txt", atomically: true, encoding: .utf8)
  var c = TrainConfig()
  c.model.connection.kind = kind; c.model.connection.streams = 2; c.model.width = 8; c.model.layers = 1;
  c.model.heads = 2; c.model.seq = 8; c.batch = 2
  c.steps = steps; c.evalEvery = 2; c.evalBatches = 1; c.corpus = dir + "/corpus.txt"; c.lr = 1e-2
  return (c, dir)
}

/// metrics.csv without the wall-clock column.
func deterministicColumns(_ path: String) throws -> [String] {
  try MetricsRow.read(path).map { r in
    var r = r; r.stepSeconds = 0; return r.csv
  }
}

@Suite struct TrainingTests {
  @Test(arguments: [ConnectionKind.residual, .hc, .mhc])
  func sameConfigGivesIdenticalMetrics(kind: ConnectionKind) throws {
    let (config, dir) = try tinyRun(kind)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let a = try TrainingRun(config: config, directory: dir + "/a").run()
    let b = try TrainingRun(config: config, directory: dir + "/b").run()
    #expect(a.status == .completed && a.steps == 6)
    #expect(a.finalEvalLoss == b.finalEvalLoss)
    let ma = try deterministicColumns(dir + "/a/metrics.csv"), mb = try deterministicColumns(dir + "/b/metrics.csv")
    #expect(ma.count == 6 && ma == mb)
    let ga = try String(contentsOfFile: dir + "/a/gains.csv", encoding: .utf8)
    #expect(ga == (try String(contentsOfFile: dir + "/b/gains.csv", encoding: .utf8)))
    for f in ["config.json", "meta.json", "summary.json"] {
      #expect(FileManager.default.fileExists(atPath: dir + "/a/" + f))
    }
  }

  /// Products split over threads, per-token passes split over threads, token blocks with
  /// per-block partial sums: none of it may change a bit when the thread count changes.
  /// Sizes are chosen so that every split path runs (products ≥ 2²⁰ multiply-adds, 8 blocks).
  @Test(arguments: [ConnectionKind.residual, .hc, .mhc])
  func threadCountDoesNotChangeMetrics(kind: ConnectionKind) throws {
    let (_, dir) = try tinyRun(kind)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let common = [
      "--connection", kind.rawValue, "--streams", "4", "--width", "64", "--layers", "1", "--heads", "2",
      "--seq", "64", "--batch", "8", "--steps", "3", "--eval-every", "3", "--eval-batches", "1",
      "--corpus", dir + "/corpus.txt",
    ]
    var metrics: [[String]] = []
    for threads in ["1", "2", "3"] {
      let out = dir + "/t" + threads
      let (status, output) = try runTool("train", common + ["--out", out], environment: ["MHC_THREADS": threads])
      #expect(status == 0, "MHC_THREADS=\(threads): \(output)")
      metrics.append(try deterministicColumns(out + "/metrics.csv"))
    }
    #expect(metrics[0].count == 3)
    #expect(metrics[0] == metrics[1] && metrics[1] == metrics[2])
  }

  @Test func resumeEqualsUninterrupted() throws {
    var (config, dir) = try tinyRun(.mhc, steps: 8)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    config.checkpointEvery = 3
    try TrainingRun(config: config, directory: dir + "/whole").run()
    // Interrupt after step 4 (between checkpoints at 3 and 6), as a kill would, then resume.
    let run = try TrainingRun(config: config, directory: dir + "/cut")
    run.stopAfterStep = 4
    let partial = try run.run()
    #expect(partial.status == .interrupted)
    #expect(FileManager.default.fileExists(atPath: dir + "/cut/checkpoint.bin"))
    let resumed = try TrainingRun(config: config, directory: dir + "/cut").run()
    #expect(resumed.status == .completed && resumed.steps == 8)
    #expect(try deterministicColumns(dir + "/whole/metrics.csv") == deterministicColumns(dir + "/cut/metrics.csv"))
    for file in ["gains.csv", "mappings.csv", "hres-init.json"] {
      #expect(
        try String(contentsOfFile: dir + "/whole/" + file, encoding: .utf8)
          == String(contentsOfFile: dir + "/cut/" + file, encoding: .utf8), "\(file)")
    }
    // mappings.csv: step 0 (before training) and every evaluation, one row per sublayer; at
    // step 0 nothing has drifted
    let rows = try MappingRow.read(dir + "/whole/mappings.csv")
    #expect(Set(rows.map(\.step)) == [0, 2, 4, 6, 8] && rows.count == 5 * 2)
    for r in rows where r.step == 0 {
      #expect(r.drift == 0 && r.diversity <= 1 + 1e-6 && r.entropy != nil, "\(r)")
    }
    #expect(rows.contains { $0.step == 8 && ($0.drift ?? 0) > 0 })
    #expect(!FileManager.default.fileExists(atPath: dir + "/cut/checkpoint.bin"))
  }

  @Test func divergedRunIsRecordedNotCrashed() throws {
    var (config, dir) = try tinyRun(.hc, steps: 50)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    config.lr = 1e30
    let s = try TrainingRun(config: config, directory: dir + "/d").run()
    #expect(s.status == .diverged)
    let step = try #require(s.divergedStep)
    let rows = try MetricsRow.read(dir + "/d/metrics.csv")
    #expect(rows.count == step && rows.last!.step == step)
    #expect(!rows.last!.trainLoss.isFinite || !rows.last!.gradNorm.isFinite || !(rows.last!.valLoss ?? 0).isFinite)
    let meta = try String(contentsOfFile: dir + "/d/meta.json", encoding: .utf8)
    #expect(meta.contains("\"status\" : \"diverged\""))
    // the summary names the first non-finite quantity, and the one-line reason repeats it
    let source = try #require(s.divergedSource)
    #expect(!source.isEmpty && s.divergedReason!.contains("first non-finite: \(source)"), "\(s.divergedReason!)")
    // A finished run is not trained again.
    let again = try TrainingRun(config: config, directory: dir + "/d").run()
    #expect(again.divergedStep == step)
  }

  @Test func corpusErrorsSayWhatToDo() throws {
    #expect(
      throws: MHCError("corpus /nonexistent/x does not exist; pass --corpus with a text file or a folder of text files")
    ) {
      _ = try ByteCorpus(path: "/nonexistent/x")
    }
    let (_, dir) = try tinyRun()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try "tiny".write(toFile: dir + "/small.txt", atomically: true, encoding: .utf8)
    #expect(throws: MHCError.self) { _ = try ByteCorpus(path: dir + "/small.txt", minimumSplit: 129) }
    // Folders: regular files sorted by name, .dat files and symlinks skipped.
    let folder = dir + "/folder"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try String(repeating: "b", count: 50).write(toFile: folder + "/b", atomically: true, encoding: .utf8)
    try String(repeating: "a", count: 50).write(toFile: folder + "/a", atomically: true, encoding: .utf8)
    try "xxxx".write(toFile: folder + "/a.dat", atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: folder + "/c.u8", withDestinationPath: "a")
    let c = try ByteCorpus(path: folder)
    #expect(c.files.map { ($0 as NSString).lastPathComponent } == ["a", "b"])
    #expect(c.train.count == 90 && c.validation.count == 10)
    #expect(c.train.first == UInt8(ascii: "a") && c.validation.first == UInt8(ascii: "b"))
  }

  @Test func badConfigNamesTheValue() {
    var c = TrainConfig(); c.steps = 0
    #expect(throws: MHCError("--steps 0 is invalid; must be ≥ 1")) { try c.validate() }
    c = TrainConfig(); c.model.heads = 3
    #expect(throws: MHCError("heads = 3 is invalid for width 128; heads must divide the width into an even head size"))
    {
      try c.validate()
    }
    c = TrainConfig(); c.model.connection.iterations = -1
    #expect(throws: MHCError("iterations = -1 is invalid; t_max must be ≥ 0")) { try c.validate() }
  }

  @Test func scheduleWarmsUpThenSteps() {
    let s = LearningRateSchedule(peak: 1, warmup: 10, steps: 100)
    #expect(s.rate(at: 0) == 0.1 && s.rate(at: 9) == 1 && s.rate(at: 79) == 1)
    #expect(s.rate(at: 80) == 0.316 && s.rate(at: 89) == 0.316 && s.rate(at: 90) == 0.1 && s.rate(at: 99) == 0.1)
    #expect(TrainConfig().resolved().warmup == 15)
  }

  @Test func adamWMatchesHandComputedStep() {
    let store = ParameterStore<Double>()
    let w = store.declare("w", shape: [2], initialiser: .values([1, -2]), decay: true)
    let b = store.declare("b", shape: [1], initialiser: .values([0.5]))
    store.allocate(seed: 0)
    store.grad(w)[0] = 0.3; store.grad(w)[1] = -4; store.grad(b)[0] = 2
    var opt = AdamW<Double>(parameterCount: store.count, weightDecay: 0.1)
    opt.step(store, lr: 0.01)
    // first step: m̂ = g, v̂ = g², update = g/(|g| + ε) ≈ sign(g)
    #expect(abs(store.value(w)[0] - (1 - 0.01 * (0.3 / (0.3 + 1e-8) + 0.1 * 1))) < 1e-12)
    #expect(abs(store.value(w)[1] - (-2 - 0.01 * (-4 / (4 + 1e-8) + 0.1 * -2))) < 1e-12)
    #expect(abs(store.value(b)[0] - (0.5 - 0.01 * (2 / (2 + 1e-8)))) < 1e-12)  // no decay on b
    // clipping is PyTorch's: scale by maxNorm / (norm + 1e-6) when that is below 1
    let norm = (0.09 + 16 + 4).squareRoot()
    #expect(abs(clipGradients(store, maxNorm: 1) - norm) < 1e-12)
    #expect(abs(gradientNorm(store) - norm / (norm + 1e-6)) < 1e-15)
    // a norm just below the limit is still scaled (coef = 1/(0.9999995 + 1e-6) < 1), one further below is not
    for (target, scaled) in [(0.9999995, true), (0.99, false)] {
      let s = gradientNorm(store)
      for i in 0..<store.count { store.grads[i] *= target / s }
      let before = Array(UnsafeBufferPointer(start: store.grads, count: store.count))
      clipGradients(store, maxNorm: 1)
      let after = Array(UnsafeBufferPointer(start: store.grads, count: store.count))
      #expect((before != after) == scaled, "norm \(target)")
    }
  }
}
