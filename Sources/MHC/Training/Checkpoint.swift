import Foundation

/// Binary training checkpoint: a JSON header line, then the parameters and AdamW's two
/// moment buffers as raw little-endian Float32. Written atomically.
enum Checkpoint {
  struct Header: Codable {
    var step: Int
    var adamSteps: Int
    var sampler: Xoshiro
    var seconds: Double
    var count: Int
    var precision: String
  }

  static func save(_ path: String, store: ParameterStore<Float>, optimizer: AdamW<Float>, step: Int,
                   sampler: Xoshiro, seconds: Double) throws {
    let header = Header(step: step, adamSteps: optimizer.t, sampler: sampler, seconds: seconds, count: store.count,
                        precision: Float.precisionName)
    var data = try JSONEncoder().encode(header)
    data.append(UInt8(ascii: "\n"))
    data.append(Data(bytes: store.values, count: store.count * 4))
    optimizer.m.withUnsafeBytes { data.append(contentsOf: $0) }
    optimizer.v.withUnsafeBytes { data.append(contentsOf: $0) }
    try RunFiles.write(data, to: path)
  }

  /// Restores a checkpoint into `store` and `optimizer`; nil if there is none.
  static func load(_ path: String, into store: ParameterStore<Float>, optimizer: inout AdamW<Float>) throws -> Header? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    guard let nl = data.firstIndex(of: UInt8(ascii: "\n")),
      let header = try? JSONDecoder().decode(Header.self, from: data[..<nl])
    else { throw MHCError("checkpoint \(path) is damaged (no header); delete it to start the run over") }
    let n = store.count
    guard header.count == n, data.count - nl - 1 == 3 * n * 4 else {
      throw MHCError("checkpoint \(path) holds \(header.count) parameters, the model has \(n); delete it to start over")
    }
    data.withUnsafeBytes { raw in
      let base = raw.baseAddress! + nl + 1
      memcpy(store.values, base, n * 4)
      optimizer.m.withUnsafeMutableBytes { _ = memcpy($0.baseAddress!, base + n * 4, n * 4) }
      optimizer.v.withUnsafeMutableBytes { _ = memcpy($0.baseAddress!, base + 2 * n * 4, n * 4) }
    }
    optimizer.t = header.adamSteps
    return header
  }
}
