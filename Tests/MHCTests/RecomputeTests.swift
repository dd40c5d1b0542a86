import Foundation
import MHC
import Testing

/// Recomputation (`recompute = K`) and the fused passes change memory and time, never a
/// number: losses, every gradient, the diagnostics and whole training runs are bit-identical
/// to `K = 0` and to the unfused passes.
@Suite struct RecomputeTests {
  func model(
    _ kind: ConnectionKind, recompute: Int, collapse: Collapse = .sum, fusion: Bool = true
  ) throws -> Transformer<Float> {
    var m = ModelConfig()
    m.width = 16; m.layers = 3; m.heads = 2; m.seq = 8
    m.connection = ConnectionConfig(kind: kind, streams: 3, width: 16, iterations: 20)
    m.streamInit = .embeddings; m.collapse = collapse; m.recompute = recompute
    let model = try Transformer<Float>(m, batch: 2, seed: 4)
    model.fusion = fusion
    return model
  }

  func batch(_ seed: UInt64) -> ([Int32], [Int32]) {
    var rng = Xoshiro(seed: seed)
    return ((0..<16).map { _ in Int32(rng.below(256)) }, (0..<16).map { _ in Int32(rng.below(256)) })
  }

  /// Everything a model reports after one forward and backward, as exact bit patterns.
  func fingerprint(_ m: Transformer<Float>, diagnosticsFirst: Bool) -> [String] {
    var out: [String] = []
    for seed in [1, 2] as [UInt64] {
      let (x, y) = batch(seed)
      m.parameters.zeroGrads()
      out.append("loss \(m.forward(inputs: x, targets: y).bitPattern)")
      if diagnosticsFirst { out.append("\(m.gains())") }  // replays every block, then the backward must refill
      m.backward()
      out.append(
        (0..<m.parameters.count).map { String(m.parameters.grads[$0].bitPattern, radix: 16) }.joined(separator: ","))
      out.append("\(m.gains()) \(m.stochasticDeviations()) \(m.logitSpreads())")
      out.append("\(m.meanResidualMappings().perSublayer) \(m.mappingMetrics(step: 0, initial: nil).map(\.csv))")
      out.append(m.firstNonFinite(gradients: true) ?? "finite")
    }
    return out
  }

  @Test(arguments: [ConnectionKind.mhc, .hc])
  func modelIsBitIdentical(kind: ConnectionKind) throws {
    for first in [false, true] {
      let reference = fingerprint(try model(kind, recompute: 0), diagnosticsFirst: first)
      for k in [1, 2, 3, 4, 6, 9] {  // 6 sublayers: K = 4 leaves a short last block, K ≥ 6 is one block
        let f = fingerprint(try model(kind, recompute: k), diagnosticsFirst: first)
        let differs = zip(f, reference).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(f == reference, "\(kind) K = \(k) diagnostics first \(first): entries \(differs) differ")
      }
    }
    // fusing the mixing with the next forward block changes no bit either
    #expect(
      fingerprint(try model(kind, recompute: 0, fusion: false), diagnosticsFirst: false)
        == fingerprint(try model(kind, recompute: 0), diagnosticsFirst: false))
    #expect(
      fingerprint(try model(kind, recompute: 3, fusion: false), diagnosticsFirst: true)
        == fingerprint(try model(kind, recompute: 0), diagnosticsFirst: true))
    let learned = fingerprint(try model(kind, recompute: 0, collapse: .learned), diagnosticsFirst: true)
    #expect(fingerprint(try model(kind, recompute: 2, collapse: .learned), diagnosticsFirst: true) == learned)
  }

  /// The memory it saves, exactly as allocated: streams and connection caches.
  @Test func savesMemory() throws {
    var m = ModelConfig()  // the reference model, n = 4, 8 sublayers
    let full = TrainingMemory.bytes(m, batch: 16)
    m.recompute = 3
    // kept: 3 and 6; x_0 is made again in x_3's buffer, the summed x_8 lives in the gradient's; 2 working
    #expect(m.streamBuffers == 2 + 2 && m.cacheCount == 3)
    let saved = full - TrainingMemory.bytes(m, batch: 16)
    let stream = 16 * 128 * 4 * 128 * 4,
      cache = ConnectionCache<Float>.counts(m.connection, capacity: 2048).map { max($0, 1) }.reduce(0, +) * 4
    #expect(saved == 5 * stream + 5 * cache)
    m.collapse = .learned  // its backward reads x_8: kept
    #expect(m.streamBuffers == 3 + 2)
    m.collapse = .sum; m.recompute = 1  // K = 1: the first mixing writes x_1 while reading x_0, so x_0 keeps its own buffer
    #expect(m.keepsStream(0) && !m.keepsStream(8) && m.streamBuffers == 8)
    var r = ModelConfig(); r.connection = ConnectionConfig(kind: .residual, streams: 1, width: 128); r.recompute = 3
    #expect(r.recomputeBlock == 0 && r.streamBuffers == 9, "the residual has nothing to recompute")
  }

  /// Whole runs: metrics (but the wall clock), gains and mapping metrics are byte-identical,
  /// and a run may be resumed with another K.
  @Test func trainingIsBitIdentical() throws {
    var (config, dir) = try tinyRun(.mhc, steps: 6)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    config.model.layers = 2
    try TrainingRun(config: config, directory: dir + "/off").run()
    config.model.recompute = 2
    try TrainingRun(config: config, directory: dir + "/on").run()
    #expect(try deterministicColumns(dir + "/off/metrics.csv") == deterministicColumns(dir + "/on/metrics.csv"))
    for file in ["gains.csv", "mappings.csv"] {
      #expect(
        try String(contentsOfFile: dir + "/off/" + file, encoding: .utf8)
          == String(contentsOfFile: dir + "/on/" + file, encoding: .utf8), "\(file)")
    }
    #expect(try RunFiles.readJSON(TrainConfig.self, from: dir + "/on/config.json").model.recompute == 2)
    var other = config; other.model.recompute = 3
    #expect(
      other.sameRun(as: config)
        && !other.sameRun(
          as: {
            var c = config; c.seed = 9; return c
          }())
    )
    let bad = try runTool("train", ["--recompute=-1", "--out", dir + "/bad"])
    #expect(bad.status != 0 && bad.output.contains("--recompute -1 is invalid"))
  }
}
