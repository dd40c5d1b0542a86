import Foundation
import MHC
import Testing

/// Defects a hostile user found (issue "nothing silently wrong, nothing lost"): each fails
/// without its fix — a trap on an integer from a file, a wrong cause, a "completed" run without its files.
@Suite struct HostileInputTests {
  /// B: a checkpoint header whose count overflows 12 × count is a damaged checkpoint (fallback to
  /// the previous one), not an arithmetic trap.
  @Test func hugeCheckpointCountFallsBack() throws {
    var (config, dir) = try tinyRun(.mhc, steps: 8)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    config.checkpointEvery = 2
    let run = try TrainingRun(config: config, directory: dir + "/cut")
    run.stopAfterStep = 4
    #expect(try run.run().status == .interrupted)
    let p = dir + "/cut/checkpoint.bin"
    var data = try Data(contentsOf: URL(fileURLWithPath: p))
    let nl = data.firstIndex(of: UInt8(ascii: "\n"))!
    var header = String(decoding: data[..<nl], as: UTF8.self)
    let count = try #require(header.range(of: #""count":\d+"#, options: .regularExpression))
    header.replaceSubrange(count, with: #""count":4611686018427387904"#)
    data.replaceSubrange(..<nl, with: Data(header.utf8))
    try data.write(to: URL(fileURLWithPath: p))
    let resumed = try TrainingRun(config: config, directory: dir + "/cut").run()
    #expect(resumed.status == .completed)
    let meta = try RunFiles.readJSON(RunMeta.self, from: dir + "/cut/meta.json")
    #expect(meta.resumedFromStep == 2, "fell back to the previous checkpoint")
    #expect(meta.resumeNote?.contains("4611686018427387904") == true, "\(meta.resumeNote ?? "nil")")
  }

  func safetensorsFile(_ dir: String) throws -> String {
    let p = dir + "/t.safetensors"
    try RunFiles.write(Safetensors.encode([("w", .init([1, 2, 3, 4] as [Float], shape: [2, 2]))]), to: p)
    return p
  }

  /// C: a header length of 2^64 − 1 is a one-line error, not a trap converting it to Int.
  @Test func hugeSafetensorsHeaderLengthIsAnError() throws {
    let dir = try temporaryFolder("st-len")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let p = try safetensorsFile(dir)
    var data = try Data(contentsOf: URL(fileURLWithPath: p))
    data.replaceSubrange(0..<8, with: [UInt8](repeating: 0xFF, count: 8))
    try data.write(to: URL(fileURLWithPath: p))
    #expect(throws: MHCError.self) { _ = try Safetensors.read(p) }
    do { _ = try Safetensors.read(p) } catch let e as MHCError {
      #expect(e.description.contains("header length 18446744073709551615"), "\(e)")
    }
  }

  /// D: a shape whose element count overflows Int is a one-line error.
  @Test func overflowingShapeIsAnError() throws {
    let dir = try temporaryFolder("st-shape")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let p = try safetensorsFile(dir)
    let data = try Data(contentsOf: URL(fileURLWithPath: p))
    let n = Int(data.prefix(8).withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) })
    var header = String(decoding: data[8..<(8 + n)], as: UTF8.self)
    header = header.replacingOccurrences(of: "[2,2]", with: "[4294967296,4294967296,1]")
    let padded = Data(header.utf8)
    var out = Data()
    withUnsafeBytes(of: UInt64(padded.count).littleEndian) { out.append(contentsOf: $0) }
    out.append(padded)
    out.append(data[(8 + n)...])
    try out.write(to: URL(fileURLWithPath: p))
    #expect(header.contains("4294967296"))
    #expect(throws: MHCError.self) { _ = try Safetensors.read(p) }
  }

  /// E: Fashion-MNIST test files with 0 images are refused, not evaluated to "± nan".
  @Test func emptyTestSetIsRefused() throws {
    let dir = try temporaryFolder("fmnist-empty")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    func idx(_ magic: UInt32, _ dims: [UInt32], _ body: [UInt8]) -> Data {
      var d = Data()
      for w in [magic] + dims { withUnsafeBytes(of: w.bigEndian) { d.append(contentsOf: $0) } }
      d.append(contentsOf: body)
      return d
    }
    let n = 5_010
    try idx(0x803, [UInt32(n), 28, 28], [UInt8](repeating: 1, count: n * 784))
      .write(to: URL(fileURLWithPath: dir + "/train-images-idx3-ubyte"))
    try idx(0x801, [UInt32(n)], [UInt8](repeating: 3, count: n)).write(to: URL(fileURLWithPath: dir + "/train-labels-idx1-ubyte"))
    try idx(0x803, [0, 28, 28], []).write(to: URL(fileURLWithPath: dir + "/t10k-images-idx3-ubyte"))
    try idx(0x801, [0], []).write(to: URL(fileURLWithPath: dir + "/t10k-labels-idx1-ubyte"))
    #expect(throws: MHCError.self) { _ = try FashionMNIST(path: dir) }
    do { _ = try FashionMNIST(path: dir) } catch let e as MHCError {
      #expect(e.description.contains("0 images"), "\(e)")
    }
  }

  /// F: a run folder where the lock cannot be created names the real cause, not "in use by another process ()".
  @Test func unwritableRunFolderNamesTheCause() throws {
    let dir = try temporaryFolder("lock-cause")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try "x".write(toFile: dir + "/file", atomically: true, encoding: .utf8)
    do {
      _ = try RunLock(directory: dir + "/file")  // a regular file where the folder should be
      Issue.record("locking inside a regular file succeeded")
    } catch let e as MHCError {
      #expect(e.description.contains("Not a directory") && e.description.contains("must be writable"), "\(e)")
    } catch {
      Issue.record("wrong error: \(error)")
    }
  }

  /// H: a lock left by a dead process is taken, and two live lockers cannot both hold one folder.
  @Test func lockIsHeldByExactlyOneProcess() throws {
    let dir = try temporaryFolder("lock-race")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try "somehost 999999\n".write(toFile: dir + "/lock", atomically: true, encoding: .utf8)  // stale
    let first = try RunLock(directory: dir)
    #expect(throws: RunInUse.self) { _ = try RunLock(directory: dir) }
    withExtendedLifetime(first) {}
  }

  /// A1: the final weights exist before `summary.json` says a run finished.
  @Test func weightsAreWrittenBeforeTheSummary() throws {
    let (config, dir) = try tinyRun(.mhc, steps: 4)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    final class Check: TrainingObserver {
      let dir: String
      var weightsFirst = false
      init(_ d: String) { dir = d }
      func stepEnded(_ row: MetricsRow, of steps: Int) {}
      func evaluated(step: Int, loss: Double, gains: [SublayerGains]) {}
      func finished(_ summary: RunSummary) {
        let fm = FileManager.default
        let w = try? fm.attributesOfItem(atPath: dir + "/model.safetensors")[.modificationDate] as? Date
        let s = try? fm.attributesOfItem(atPath: dir + "/summary.json")[.modificationDate] as? Date
        weightsFirst = w != nil && s != nil && w! <= s!
      }
    }
    let run = try TrainingRun(config: config, directory: dir + "/run")
    let check = Check(dir + "/run")
    run.observers.append(check)
    // Weights that cannot be written (a folder in their place) leave no summary: the run is not "completed".
    try FileManager.default.createDirectory(atPath: dir + "/run/model.safetensors", withIntermediateDirectories: true)
    #expect(throws: (any Error).self) { try run.run() }
    #expect(TrainingRun.finishedSummary(in: dir + "/run") == nil)
    try FileManager.default.removeItem(atPath: dir + "/run/model.safetensors")
    let again = try TrainingRun(config: config, directory: dir + "/run")
    again.observers.append(check)
    #expect(try again.run().status == .completed)
    #expect(check.weightsFirst)
    #expect(FileManager.default.fileExists(atPath: dir + "/run/model.safetensors"))
  }

  /// Runtime errors exit 1 with one line and no usage text; usage errors stay 64.
  @Test func runtimeErrorsAreNotUsageErrors() throws {
    let dir = try temporaryFolder("exit")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let small = ["--steps", "2", "--width", "8", "--layers", "1", "--heads", "2", "--seq", "8", "--batch", "2"]
    let runtime = try runTool("train", small + ["--out", dir + "/run", "--init-from", dir + "/missing.safetensors"])
    #expect(runtime.status == 1, "\(runtime.output)")
    #expect(runtime.output.contains("Error: cannot read") && !runtime.output.contains("Usage:"), "\(runtime.output)")
    let usage = try runTool("train", ["--steps", "-1"])
    #expect(usage.status == 64 && usage.output.contains("--steps -1 is invalid"), "\(usage.output)")
  }

  /// I, J: a replot and `report` name the finished runs they cannot read (an invalid summary.json, a
  /// metrics.csv cut by 20 bytes) instead of silently leaving them out or reading half a file.
  @Test func readersNameWhatTheySkip() throws {
    let dir = try temporaryFolder("unreadable")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let args = ["--preset", "tiny", "--results", dir + "/results", "--plots", dir + "/plots", "--plain"]
    let trained = try runTool("instability", args)
    #expect(trained.status == 0, "\(trained.output.suffix(1000))")
    let root = dir + "/results/instability/"
    try "{ not json".write(toFile: root + "hc-n4-C16-L1-H2-T16-B2-steps8-s0/summary.json", atomically: true, encoding: .utf8)
    let metrics = root + "mhc-n4-t20-C16-L1-H2-T16-B2-steps8-s1/metrics.csv"
    let data = try Data(contentsOf: URL(fileURLWithPath: metrics))
    try data.prefix(data.count - 20).write(to: URL(fileURLWithPath: metrics))
    let replot = try runTool("instability", args + ["--replot"])
    #expect(replot.output.contains("2 finished run(s) cannot be read"), "\(replot.output)")
    #expect(replot.output.contains("hc-n4-C16-L1-H2-T16-B2-steps8-s0 (summary.json is not a valid run summary)"))
    #expect(replot.output.contains("mhc-n4-t20-C16-L1-H2-T16-B2-steps8-s1") && replot.output.contains("cut line"))
    let report = try runTool("report", ["--results", dir + "/results", "--plots", dir + "/plots", "--out", dir + "/R.md"])
    #expect(report.output.contains("report: instability: 2 finished run(s) cannot be read"), "\(report.output)")
  }

  /// An infinite weight in an `--init-from` file is named by its tensor, not found later as a gradient.
  @Test func nonFiniteInitialWeightsAreNamed() throws {
    let (config, dir) = try tinyRun(.mhc, steps: 2)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try TrainingRun(config: config, directory: dir + "/a").run()
    var (tensors, _) = try Safetensors.read(dir + "/a/model.safetensors")
    let name = try #require(tensors.keys.sorted().first { $0.hasPrefix("conns.") })
    var values = try #require(tensors[name]?.floats)
    values[values.count - 1] = .infinity
    tensors[name] = .init(values, shape: tensors[name]!.shape)
    try RunFiles.write(Safetensors.encode(tensors.map { ($0.key, $0.value) }), to: dir + "/bad.safetensors")
    let run = try TrainingRun(config: config, directory: dir + "/b")
    run.initFrom = dir + "/bad.safetensors"
    do {
      try run.run()
      Issue.record("an infinite initial weight was accepted")
    } catch let e as MHCError {
      #expect(e.description.contains("non-finite weights: \(name)[\(values.count - 1)] = inf"), "\(e)")
    }
  }
}
