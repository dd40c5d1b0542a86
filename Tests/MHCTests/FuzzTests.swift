import Foundation
import MHCHarness
import Testing

@testable import MHC

/// Thousands of mutated inputs for every reader of a file: the checkpoint, safetensors, the
/// replay batches, the IDX image and label files, and `config.json`. Each must give a clean
/// error or a correct read — a trap would end the test process. Seeded: a failure names the
/// seed and the case, and `MHC_FUZZ_SEED=<seed>` replays it.
@Suite struct FuzzTests {
  static let seed: UInt64 = ProcessInfo.processInfo.environment["MHC_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_206
  static let cases = 600

  /// SplitMix64: a small deterministic generator for the mutations.
  struct Rng {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
  }

  /// Integers that break careless arithmetic.
  static let hostile: [String] = [
    "-1", "0", "4611686018427387904", "9223372036854775807", "-9223372036854775808", "18446744073709551615",
    "1e308", "4294967296", "2147483648", "99999999999999999999999", "-0", "3.5", "\"7\"", "null", "[]", "{}",
  ]

  /// One mutation of `data`: flipped bits, a cut, a duplicated or deleted run of bytes, or a
  /// number in the leading text replaced by a hostile one.
  static func mutate(_ data: Data, _ r: inout Rng) -> Data {
    var d = data
    switch r.below(6) {
    case 0:
      for _ in 0...r.below(4) where !d.isEmpty { d[d.startIndex + r.below(d.count)] ^= UInt8(1 << r.below(8)) }
    case 1: d = d.prefix(r.below(d.count + 1))
    case 2:
      let i = r.below(d.count + 1), n = r.below(64)
      d.insert(contentsOf: [UInt8](repeating: UInt8(r.below(256)), count: n), at: d.startIndex + i)
    case 3:
      let i = r.below(d.count), n = min(r.below(64), d.count - i)
      d.removeSubrange((d.startIndex + i)..<(d.startIndex + i + n))
    case 4:  // the first 8 bytes (lengths, magic numbers) set to extreme values
      let fill: UInt8 = [0xFF, 0x7F, 0x80, 0x00][r.below(4)]
      for k in 0..<min(8, d.count) { d[d.startIndex + k] = fill }
    default:  // a number in the text replaced by a hostile value
      var text = String(decoding: d, as: UTF8.self)
      let numbers = text.ranges(of: /-?[0-9]+(\.[0-9]+)?/)
      if !numbers.isEmpty {
        text.replaceSubrange(numbers[r.below(numbers.count)], with: hostile[r.below(hostile.count)])
        // keep binary tails byte-exact: only the text prefix is rewritten when the data was valid UTF-8
        if let valid = String(data: d, encoding: .utf8), valid.count > 0 { d = Data(text.utf8) }
      }
    }
    return d
  }

  /// Feeds `cases` mutations of `valid` to `read` (which throws or returns); counts the reads that succeeded.
  func fuzz(_ name: String, valid: Data, salt: UInt64, _ read: (String) throws -> Void) throws -> (ok: Int, errors: Int) {
    let dir = try temporaryFolder("fuzz-\(name)")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var r = Rng(state: Self.seed ^ salt)
    var ok = 0, errors = 0
    let path = dir + "/input"
    for k in 0..<Self.cases {
      var d = valid
      for _ in 0...r.below(2) { d = Self.mutate(d, &r) }
      try d.write(to: URL(fileURLWithPath: path))
      do {
        try read(path)
        ok += 1
      } catch {
        errors += 1
        let text = "\(error)"
        #expect(!text.contains("\n"), "\(name) case \(k) (seed \(Self.seed)): a multi-line error: \(text)")
      }
    }
    return (ok, errors)
  }

  @Test func checkpointReader() throws {
    var (config, dir) = try tinyRun(.mhc, steps: 6)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    config.checkpointEvery = 2
    let run = try TrainingRun(config: config, directory: dir + "/run")
    run.stopAfterStep = 4
    _ = try run.run()
    let valid = try Data(contentsOf: URL(fileURLWithPath: dir + "/run/checkpoint.bin"))
    let count = TrainingMemory.parameters(config.model)
    let resolved = config.resolved()
    var r = Rng(state: Self.seed)
    // Half the cases re-seal the CRC, so the mutation reaches the checks behind it.
    let result = try fuzz("checkpoint", valid: valid, salt: 1) { path in
      var d = try Data(contentsOf: URL(fileURLWithPath: path))
      if r.below(2) == 0, d.count > 4 {
        d = d.prefix(d.count - 4)
        let crc = CRC32C.checksum(d)
        withUnsafeBytes(of: crc.littleEndian) { d.append(contentsOf: $0) }
        try d.write(to: URL(fileURLWithPath: path))
      }
      if case .failure(let e) = Checkpoint.verify(path, count: count, config: resolved) { throw e }
    }
    #expect(result.errors > Self.cases / 2)
  }

  @Test func safetensorsAndBatchesReaders() throws {
    var config = TrainConfig()
    config.model.seq = 4; config.batch = 2; config.steps = 3
    let windows = (0..<(3 * 2 * 5)).map { Int32($0 % 256) }
    let valid = try Safetensors.encode(
      [("windows", .init(windows, shape: [3, 2, 5])), ("w", .init([1, 2, 3, 4] as [Float], shape: [2, 2]))],
      metadata: ["format": "mhc-toolkit batches"])
    let st = try fuzz("safetensors", valid: valid, salt: 2) { path in
      let (tensors, _) = try Safetensors.read(path)
      for (_, t) in tensors { _ = t.floats; _ = t.int32s; _ = t.count }
    }
    let b = try fuzz("batches", valid: valid, salt: 3) { path in
      let replay = try ReplayBatches(path: path, config: config)
      for s in 0..<config.steps { _ = replay.batch(s) }
    }
    #expect(st.ok > 0 && st.errors > 0 && b.errors > 0)
  }

  @Test func idxReaders() throws {
    func idx(_ magic: UInt32, _ dims: [UInt32], _ body: [UInt8]) -> Data {
      var d = Data()
      for w in [magic] + dims { withUnsafeBytes(of: w.bigEndian) { d.append(contentsOf: $0) } }
      d.append(contentsOf: body)
      return d
    }
    let images = idx(0x803, [3, 28, 28], (0..<(3 * 784)).map { UInt8($0 % 251) })
    let labels = idx(0x801, [3], [1, 2, 9])
    let a = try fuzz("idx-images", valid: images, salt: 4) { path in _ = try FashionMNIST.images(path) }
    let b = try fuzz("idx-labels", valid: labels, salt: 5) { path in _ = try FashionMNIST.labels(path, images: 3) }
    #expect(a.errors > 0 && b.errors > 0)
  }

  @Test func configReader() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let valid = try encoder.encode(TrainConfig().resolved())
    let result = try fuzz("config", valid: valid, salt: 6) { path in
      let c = try RunFiles.readJSON(TrainConfig.self, from: path)
      try c.validate()
      _ = TrainingMemory.bytes(c.resolved().model, batch: c.batch, threads: 1)
      _ = RunID.derive(c)
    }
    #expect(result.errors > 0)
  }
}
