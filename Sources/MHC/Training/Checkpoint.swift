import Foundation

/// Binary training checkpoint, version 2:
///
///     {"format":2,"step":…,"config":{…},…}\n      one JSON header line
///     params · AdamW m · AdamW v                   3 × count little-endian Float32
///     CRC-32C                                      4 bytes, little-endian, of every byte before it
///
/// The header carries the run's resolved configuration, so a checkpoint of another run is
/// recognised, and the byte count of the payload, so a truncated file is too; the trailing
/// CRC-32C catches any flipped byte in the header or the payload. A save writes a temporary file,
/// flushes it to disk, keeps the current checkpoint as `checkpoint.prev.bin`, and only then
/// renames the new one into place: at every moment one complete checkpoint exists.
///
/// ```swift
/// var c = TrainConfig(); c.checkpointEvery = 50
/// let run = try TrainingRun(config: c, directory: "runs/mhc"); run.stopAfterStep = 50
/// try run.run()                                            // saves runs/mhc/checkpoint.bin at step 50
/// try TrainingRun(config: c, directory: "runs/mhc").run()  // resumes from it (same config, CRC checked)
/// ```
enum Checkpoint {
  struct Header: Codable {
    var format: Int
    var step: Int
    var adamSteps: Int
    var sampler: Xoshiro
    var seconds: Double
    var count: Int
    var precision: String
    var config: TrainConfig?
  }

  /// What ``resume(_:into:optimizer:config:)`` restored, and from which file.
  struct Restored {
    var header: Header
    var path: String
    /// Why the newest checkpoint was not used, when the run fell back to the previous one.
    var fallbackReason: String?
  }

  static let format = 2

  /// The previous checkpoint kept beside `path`.
  static func previous(_ path: String) -> String {
    path.hasSuffix(".bin") ? String(path.dropLast(4)) + ".prev.bin" : path + ".prev"
  }

  static func save(
    _ path: String, store: ParameterStore<Float>, optimizer: AdamW<Float>, step: Int,
    sampler: Xoshiro, seconds: Double, config: TrainConfig
  ) throws {
    let header = Header(
      format: format, step: step, adamSteps: optimizer.t, sampler: sampler, seconds: seconds,
      count: store.count, precision: Float.precisionName, config: config)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    var data = try encoder.encode(header)
    data.append(UInt8(ascii: "\n"))
    data.append(Data(bytes: store.values, count: store.count * 4))
    optimizer.m.withUnsafeBytes { data.append(contentsOf: $0) }
    optimizer.v.withUnsafeBytes { data.append(contentsOf: $0) }
    let crc = CRC32C.checksum(data)
    withUnsafeBytes(of: crc.littleEndian) { data.append(contentsOf: $0) }
    try RunFiles.writeDurably(data, to: path, keepingPrevious: previous(path))
  }

  /// Reads and checks one checkpoint file without touching the model: its header, or a one-line
  /// reason why it cannot be used (damaged, truncated, of another run or another model size).
  static func verify(_ path: String, count: Int, config: TrainConfig) -> Result<(Header, Data), MHCError> {
    guard let data = FileManager.default.contents(atPath: path) else {
      return .failure(MHCError("checkpoint \(path) cannot be read"))
    }
    guard data.count >= 4 else { return .failure(MHCError("checkpoint \(path) is truncated (\(data.count) bytes)")) }
    let body = data.prefix(data.count - 4)
    let stored = data.suffix(4).withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
    guard let nl = body.firstIndex(of: UInt8(ascii: "\n")),
      let header = try? JSONDecoder().decode(Header.self, from: body[..<nl]), header.format == format
    else {
      return .failure(
        MHCError("checkpoint \(path) is damaged or of an older format (no valid header); the run cannot resume from it")
      )
    }
    let payload = body.count - (nl + 1)
    // The header's count is read from the file: 12 × count may overflow, so it is checked first.
    let (expected, overflow) = header.count.multipliedReportingOverflow(by: 12)
    guard header.count >= 0, !overflow else {
      return .failure(
        MHCError(
          "checkpoint \(path) is damaged: its header's count \(header.count) is not a parameter count "
            + "(0…\(Int.max / 12))"))
    }
    guard payload == expected else {
      return .failure(
        MHCError("checkpoint \(path) is truncated or padded: \(payload) payload bytes, its header says \(expected)"))
    }
    guard CRC32C.checksum(body) == stored else {
      return .failure(MHCError("checkpoint \(path) is damaged: its CRC-32C does not match its contents"))
    }
    if let c = header.config, !c.sameRun(as: config) {
      return .failure(
        MHCError("checkpoint \(path) belongs to another run (\(differingKeys(c, config).joined(separator: ", ")))"))
    }
    guard (0...max(0, config.steps)).contains(header.step), header.adamSteps >= 0, header.adamSteps <= header.step
    else {
      return .failure(
        MHCError(
          "checkpoint \(path) is damaged: its header's step \(header.step) (AdamW step \(header.adamSteps)) is "
            + "outside 0…\(config.steps)"
        ))
    }
    guard header.count == count else {
      return .failure(MHCError("checkpoint \(path) holds \(header.count) parameters, the model has \(count)"))
    }
    return .success((header, Data(body.suffix(payload))))
  }

  /// Restores the newest good checkpoint of a run into `store` and `optimizer`: `path`, or, when
  /// it is missing or fails ``verify(_:count:config:)``, the previous one kept beside it. Nil when
  /// the run has no checkpoint; a one-line error when it has one and none is good, so that a
  /// damaged checkpoint is never trained on.
  static func resume(
    _ path: String, into store: ParameterStore<Float>, optimizer: inout AdamW<Float>,
    config: TrainConfig
  ) throws -> Restored? {
    let fm = FileManager.default
    let prev = previous(path)
    var reasons: [String] = []
    for candidate in [path, prev] {
      guard fm.fileExists(atPath: candidate) else {
        if candidate == path && fm.fileExists(atPath: prev) { reasons.append("checkpoint \(path) is missing") }
        continue
      }
      switch verify(candidate, count: store.count, config: config) {
      case .failure(let e): reasons.append(e.description)
      case .success(let (header, payload)):
        let n = store.count
        payload.withUnsafeBytes { raw in
          let base = raw.baseAddress!
          memcpy(store.values, base, n * 4)
          optimizer.m.withUnsafeMutableBytes { _ = memcpy($0.baseAddress!, base + n * 4, n * 4) }
          optimizer.v.withUnsafeMutableBytes { _ = memcpy($0.baseAddress!, base + 2 * n * 4, n * 4) }
        }
        optimizer.t = header.adamSteps
        return Restored(header: header, path: candidate, fallbackReason: candidate == path ? nil : reasons.first)
      }
    }
    guard reasons.isEmpty else {
      throw MHCError(
        reasons.joined(separator: "; ") + "; no good checkpoint is left: delete the run folder to start over")
    }
    return nil
  }

  /// Removes the checkpoint and the previous one (a finished run keeps neither).
  static func remove(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
    try? FileManager.default.removeItem(atPath: previous(path))
  }
}

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of iSCSI, ext4 and
/// safetensors-adjacent tooling; `checksum("123456789") == 0xE3069283`.
public enum CRC32C {
  static let table: [UInt32] = (0..<256).map { i -> UInt32 in
    var c = UInt32(i)
    for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
    return c
  }

  public static func checksum<D: DataProtocol>(_ data: D) -> UInt32 {
    var c: UInt32 = 0xFFFF_FFFF
    table.withUnsafeBufferPointer { t in
      for region in data.regions {
        region.withUnsafeBytes { raw in
          for b in raw { c = t[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        }
      }
    }
    return c ^ 0xFFFF_FFFF
  }
}
