import Foundation
import MHC
import Testing

/// A damaged, truncated, foreign or missing checkpoint: each gives its documented outcome, and no
/// run ever trains on corrupted weights.
@Suite struct CheckpointTests {
  /// A run stopped after step 4 with checkpoints at steps 2 (kept as the previous one) and 4, and
  /// the same run trained without interruption.
  func stoppedRun(seed: UInt64 = 0) throws -> (config: TrainConfig, dir: String) {
    var (config, dir) = try tinyRun(.mhc, steps: 8)
    config.seed = seed
    config.checkpointEvery = 2
    try TrainingRun(config: config, directory: dir + "/whole").run()
    let run = try TrainingRun(config: config, directory: dir + "/cut")
    run.stopAfterStep = 4
    #expect(try run.run().status == .interrupted)
    #expect(FileManager.default.fileExists(atPath: dir + "/cut/checkpoint.bin"))
    #expect(FileManager.default.fileExists(atPath: dir + "/cut/checkpoint.prev.bin"))
    return (config, dir)
  }

  func meta(_ dir: String) throws -> RunMeta { try RunFiles.readJSON(RunMeta.self, from: dir + "/meta.json") }

  /// Resuming gives the uninterrupted run's metrics bit for bit, and leaves no checkpoint behind.
  func expectCompletesLikeWhole(_ config: TrainConfig, _ dir: String) throws {
    let resumed = try TrainingRun(config: config, directory: dir + "/cut").run()
    #expect(resumed.status == .completed && resumed.steps == 8)
    #expect(try deterministicColumns(dir + "/whole/metrics.csv") == deterministicColumns(dir + "/cut/metrics.csv"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/cut/checkpoint.bin"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/cut/checkpoint.prev.bin"))
  }

  func flipByte(_ path: String, at fraction: Double) throws {
    var data = try Data(contentsOf: URL(fileURLWithPath: path))
    let i = Int(Double(data.count) * fraction)
    data[i] ^= 0x40
    try data.write(to: URL(fileURLWithPath: path))
  }

  @Test func crc32cMatchesTheStandardCheckValue() {
    #expect(CRC32C.checksum(Data("123456789".utf8)) == 0xE306_9283)
    #expect(CRC32C.checksum(Data()) == 0)
  }

  @Test func flippedByteFallsBackToThePreviousCheckpoint() throws {
    let (config, dir) = try stoppedRun()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try flipByte(dir + "/cut/checkpoint.bin", at: 0.5)
    try expectCompletesLikeWhole(config, dir)
    let m = try meta(dir + "/cut")
    #expect(m.resumedFromStep == 2)
    #expect(m.resumeNote?.contains("CRC-32C does not match") == true, "\(m.resumeNote ?? "nil")")
  }

  @Test func flippedByteWithoutAPreviousCheckpointIsRefused() throws {
    let (config, dir) = try stoppedRun()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.removeItem(atPath: dir + "/cut/checkpoint.prev.bin")
    try flipByte(dir + "/cut/checkpoint.bin", at: 0.9)
    #expect(throws: MHCError.self) { try TrainingRun(config: config, directory: dir + "/cut").run() }
    do { try TrainingRun(config: config, directory: dir + "/cut").run() } catch let e as MHCError {
      #expect(
        e.description.contains("checkpoint.bin is damaged") && e.description.contains("no good checkpoint is left"))
      #expect(!e.description.contains("\n"))
    }
    // and nothing was trained or written past the checkpoint
    #expect(try MetricsRow.read(dir + "/cut/metrics.csv").count == 4)
  }

  @Test func truncatedCheckpointFallsBackOrIsRefused() throws {
    let (config, dir) = try stoppedRun()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for name in ["checkpoint.bin", "checkpoint.prev.bin"] {
      let p = dir + "/cut/" + name
      let data = try Data(contentsOf: URL(fileURLWithPath: p))
      try data.prefix(data.count / 3).write(to: URL(fileURLWithPath: p))
    }
    do {
      try TrainingRun(config: config, directory: dir + "/cut").run()
      Issue.record("a run resumed from a truncated checkpoint")
    } catch let e as MHCError {
      #expect(e.description.contains("is truncated"), "\(e.description)")
    }
  }

  @Test func anotherRunsCheckpointIsRecognised() throws {
    let (config, dir) = try stoppedRun()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (_, other) = try stoppedRun(seed: 7)
    defer { try? FileManager.default.removeItem(atPath: other) }
    try FileManager.default.removeItem(atPath: dir + "/cut/checkpoint.bin")
    try FileManager.default.copyItem(atPath: other + "/cut/checkpoint.bin", toPath: dir + "/cut/checkpoint.bin")
    try expectCompletesLikeWhole(config, dir)  // falls back to its own previous checkpoint
    let note = try meta(dir + "/cut").resumeNote ?? ""
    #expect(note.contains("belongs to another run") && note.contains("seed"), "\(note)")
  }

  @Test func deletedNewestCheckpointResumesFromThePreviousOne() throws {
    let (config, dir) = try stoppedRun()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.removeItem(atPath: dir + "/cut/checkpoint.bin")
    try expectCompletesLikeWhole(config, dir)
    #expect(try meta(dir + "/cut").resumeNote?.contains("is missing") == true)
  }

  @Test func damagedMetricsAreRepairedOrRefused() throws {
    let (config, dir) = try stoppedRun()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/cut/metrics.csv"
    let good = try String(contentsOfFile: path, encoding: .utf8)
    // a cut last line (no newline) beyond the checkpoint: dropped, the run resumes
    try (good + "5,80,0.01,3.1").write(toFile: path, atomically: true, encoding: .utf8)
    #expect(try MetricsRow.readForResume(path, through: 4).count == 4)
    // a line cut in the middle of the file at a comma would parse as a row with fewer values: refused
    var lines = good.split(separator: "\n").map(String.init)
    lines[2] = String(lines[2].prefix(upTo: lines[2].lastIndex(of: ",")!)) + ","
    lines[2] = lines[2].split(separator: ",", omittingEmptySubsequences: false).prefix(7).joined(separator: ",")
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: MHCError.self) { try MetricsRow.readForResume(path, through: 4) }
    #expect(throws: MHCError.self) { try TrainingRun(config: config, directory: dir + "/cut").run() }
    try good.write(toFile: path, atomically: true, encoding: .utf8)
    try expectCompletesLikeWhole(config, dir)
  }
}
