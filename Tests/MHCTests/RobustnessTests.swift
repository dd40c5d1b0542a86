import Foundation
import MHC
import Testing

/// The memory guard and stopping on a signal.
@Suite struct RobustnessTests {
  /// The estimate made before allocating is exactly what the model then allocates.
  @Test(arguments: [
    (ConnectionKind.residual, 1, 20, StreamInit.copies, 0), (.hc, 4, 20, .embeddings, 0), (.mhc, 4, 20, .embeddings, 0),
    (.mhc, 2, 0, .copies, 0), (.mhc, 8, 5, .embeddings, 0), (.hc, 1, 20, .copies, 0),
    (.mhc, 4, 20, .embeddings, 2), (.hc, 4, 20, .copies, 3), (.mhc, 2, 20, .copies, 1), (.residual, 1, 20, .copies, 2),
  ])
  func estimateMatchesAllocation(
    kind: ConnectionKind, streams: Int, iterations: Int, streamInit: StreamInit,
    recompute: Int
  ) throws {
    var m = ModelConfig()
    m.width = 32; m.layers = 2; m.heads = 2; m.seq = 24
    m.connection.kind = kind; m.connection.streams = streams; m.connection.iterations = iterations
    m.streamInit = streamInit; m.recompute = recompute
    for batch in [1, 3] {
      let model = try Transformer<Float>(m, batch: batch, seed: 0)
      #expect(TrainingMemory.parameters(m) == model.parameters.count)
      #expect(TrainingMemory.bytes(m, batch: batch) == model.trainingBytes, "\(kind) n=\(streams) batch \(batch)")
    }
  }

  @Test func oversizedConfigurationsAreRefusedBeforeAllocating() throws {
    let (base, dir) = try tinyRun(.mhc, steps: 2)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // Far beyond any machine: refused from the machine's own limit, in well under a second.
    for (batch, seq) in [(100_000, 128), (16, 100_000), (1 << 40, 1 << 40)] {
      var c = base; c.batch = batch; c.model.seq = seq
      let t0 = Date()
      let e = #expect(throws: MHCError.self) { try TrainingRun(config: c, directory: dir + "/big").run() }
      #expect(Date().timeIntervalSince(t0) < 5)
      let text = e?.description ?? ""
      #expect(
        text.contains("--batch \(batch) --seq \(seq)") && text.contains("needs an estimated")
          && text.contains("--max-memory"), "\(text)")
      #expect(!FileManager.default.fileExists(atPath: dir + "/big"), "nothing is written for a refused run")
    }
    // An explicit limit below the estimate refuses a small run; one above lets it train.
    let need = TrainingMemory.bytes(base.model, batch: base.batch)
    let small = try TrainingRun(config: base, directory: dir + "/small")
    small.maxMemory = need - 1
    let e = #expect(throws: MHCError.self) { try small.run() }
    #expect(e?.description.contains("(--max-memory)") == true)
    let fits = try TrainingRun(config: base, directory: dir + "/fits")
    fits.maxMemory = need
    #expect(try fits.run().status == .completed)
    #expect(
      TrainingMemory.parse("64G") == 64 << 30 && TrainingMemory.parse("512MiB") == 512 << 20
        && TrainingMemory.parse("1000") == 1000 && TrainingMemory.parse("12X") == nil
        && TrainingMemory.parse("-1G") == nil)
    // Models timed together (overhead, bench) are refused as a group, even where their sum overflows.
    var huge = base
    huge.batch = 1 << 40; huge.model.seq = 1 << 40
    let t0 = Date()
    let group = #expect(throws: MHCError.self) { try StepBenchmark.measure([base, huge, huge], steps: 1, warmup: 0) }
    #expect(Date().timeIntervalSince(t0) < 5)
    #expect(group?.description.contains("3 models timed together need") == true, "\(group?.description ?? "")")
  }

  /// `train --batch 100000` and `--seq 100000` stop at once with the memory message.
  @Test func trainRefusesOversizedBatchAndSequence() throws {
    for flag in ["--batch", "--seq"] {
      let dir = try temporaryFolder("mem")
      defer { try? FileManager.default.removeItem(atPath: dir) }
      let t0 = Date()
      let (status, output) = try runTool("train", [flag, "100000", "--out", dir + "/run"])
      #expect(status != 0 && Date().timeIntervalSince(t0) < 10)
      #expect(
        output.contains("\(flag) 100000") && output.contains("needs an estimated") && output.contains("the limit is"),
        "\(output)")
    }
  }

  /// A real SIGTERM in the middle of training: the run checkpoints at the end of the step, says
  /// `interrupted`, exits 143; resuming ends with the metrics of a run that was never stopped.
  @Test func sigtermCheckpointsAndResumeMatchesUninterrupted() throws {
    let (_, dir) = try tinyRun(.mhc)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let args = [
      "--connection", "mhc", "--streams", "2", "--width", "32", "--layers", "2", "--heads", "2", "--seq", "32",
      "--batch", "4", "--steps", "200", "--eval-every", "5", "--eval-batches", "1", "--lr", "0.01",
      "--corpus", dir + "/corpus.txt",
    ]
    let p = Process()
    p.executableURL = try toolURL("train")
    p.arguments = args + ["--out", dir + "/cut"]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    // Wait for the first checkpoint (step 5), then stop it as a scheduler would.
    let deadline = Date().addingTimeInterval(120)
    while !FileManager.default.fileExists(atPath: dir + "/cut/checkpoint.bin") && Date() < deadline && p.isRunning {
      usleep(20_000)
    }
    try #require(p.isRunning, "the run finished before it could be signalled; make it longer")
    kill(p.processIdentifier, SIGTERM)
    p.waitUntilExit()
    #expect(p.terminationReason == .exit && p.terminationStatus == 143)
    let meta = try String(contentsOfFile: dir + "/cut/meta.json", encoding: .utf8)
    #expect(meta.contains("\"interrupted\""))
    let stoppedAt = try MetricsRow.read(dir + "/cut/metrics.csv").count
    #expect(stoppedAt >= 5 && stoppedAt < 200)
    #expect(FileManager.default.fileExists(atPath: dir + "/cut/checkpoint.bin"))
    let (resumed, output) = try runTool("train", args + ["--out", dir + "/cut", "--resume"])
    #expect(resumed == 0, "\(output)")
    let (whole, output2) = try runTool("train", args + ["--out", dir + "/whole"])
    #expect(whole == 0, "\(output2)")
    let a = try deterministicColumns(dir + "/whole/metrics.csv"), b = try deterministicColumns(dir + "/cut/metrics.csv")
    #expect(a.count == 200 && a == b)
    #expect(
      try String(contentsOfFile: dir + "/whole/gains.csv", encoding: .utf8)
        == String(contentsOfFile: dir + "/cut/gains.csv", encoding: .utf8))
  }
}
