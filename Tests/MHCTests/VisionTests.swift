import CZlib
import Foundation
import MHC
import Testing

/// The vision transformer: every new piece against finite differences in Double, the whole model
/// with each connection, determinism, memory, the IDX reader and a training run end to end.
@Suite struct VisionTests {
  static func config(_ kind: ConnectionKind, streams: Int = 4) -> ModelConfig {
    var m = ModelConfig()
    m.task = .fashionMNIST; m.seq = 49
    m.width = 8; m.layers = 1; m.heads = 2
    m.connection.kind = kind; m.connection.streams = kind == .residual ? 1 : streams
    m.streamInit = kind == .residual ? .copies : .embeddings
    return m
  }

  static func images(_ count: Int, seed: UInt64) -> (inputs: [Int32], targets: [Int32]) {
    var r = Xoshiro(seed: seed)
    return (
      (0..<(count * 784)).map { _ in Int32(r.below(256)) }, (0..<count).map { _ in Int32(r.below(10)) }
    )
  }

  /// Whole model (patch embedding, bidirectional attention, SwiGLU, connections, pooling, head).
  @Test(arguments: [ConnectionKind.residual, .hc, .mhc])
  func wholeModelGradientMatchesFiniteDifferences(kind: ConnectionKind) throws {
    // h = 3e-6, not 1e-5: with h = 1e-5 one HC α (conns.1.a, whose loss has a large third derivative
    // once α is raised by 0.8) shows a relative error of 1.9e-6, which falls with h² (below 1e-6 at
    // h = 3e-6 and 1e-6): the central difference's truncation, not a gradient term. Rounding at
    // h = 3e-6 stays near ulp(L)/h ≈ 1.5e-10.
    try checkWholeModelGradients(Self.config(kind), label: "vit \(kind)", h: 3e-6)
  }

  @Test func learnedCollapseAndRecomputationKeepExactGradients() throws {
    var m = Self.config(.mhc, streams: 2)
    m.collapse = .learned; m.recompute = 1
    try checkWholeModelGradients(m, label: "vit mhc learned collapse, K=1", h: 3e-6)
  }

  /// Bidirectional attention alone: `L = Σ w ⊙ F(x)` against central differences of its input and weights.
  @Test func bidirectionalAttentionMatchesFiniteDifferences() throws {
    let c = 8, seq = 5, tokens = 2 * seq
    let store = ParameterStore<Double>()
    let att = try Attention(
      width: c, heads: 2, seq: seq, layers: 1, capacity: tokens, store: store, prefix: "a", causal: false)
    store.allocate(seed: 1)
    for i in 0..<store.count { store.values[i] += randomArray(store.count, seed: 2, scale: 0.3)[i] }
    let x = Buffer(randomArray(tokens * c, seed: 3)), y = Buffer(count: tokens * c), dx = Buffer(count: tokens * c)
    let w = randomArray(tokens * c, seed: 4)
    func loss() -> Double {
      att.forward(x.p, y.p, tokens: tokens)
      return (0..<(tokens * c)).reduce(0) { $0 + w[$1] * y.p[$1] }
    }
    _ = loss()
    store.zeroGrads()
    att.backward(w, dx.p, tokens: tokens)
    let grads = Array(UnsafeBufferPointer(start: store.grads, count: store.count))
    let ex = finiteDifferenceError(x.p, count: tokens * c, analytic: dx.array) { loss() }
    #expect(ex < 1e-6, "input FD error \(ex)")
    let ep = finiteDifferenceError(store.values, count: store.count, analytic: grads) { loss() }
    #expect(ep < 1e-6, "weights FD error \(ep)")
    // Bidirectional: the first token's output depends on the last token's input.
    let before = y.p[0]
    x.p[(tokens / 2 - 1) * c] += 1
    _ = loss()
    #expect(y.p[0] != before)
  }

  /// Patch embedding alone, with two stream copies (the model's layout): `L = Σ_j w_j · e`.
  @Test func patchEmbeddingMatchesFiniteDifferences() throws {
    let c = 6, tokens = 2 * 49, copies = 2, stride = copies * c
    let store = ParameterStore<Double>()
    let emb = PatchEmbedding<Double>(width: c, capacity: tokens, store: store)
    store.allocate(seed: 5)
    let (pixels, _) = Self.images(2, seed: 6)
    let out = Buffer(count: tokens * stride)
    let w = randomArray(tokens * stride, seed: 7)
    func loss() -> Double {
      emb.forward(pixels, out.p, stride: stride, tokens: tokens)
      var s = 0.0
      for t in 0..<tokens {
        for j in 0..<copies { for k in 0..<c { s += w[t * stride + j * c + k] * out.p[t * stride + k] } }
      }
      return s
    }
    _ = loss()
    store.zeroGrads()
    emb.backward(pixels, w, stride: stride, copies: copies, tokens: tokens)
    let grads = Array(UnsafeBufferPointer(start: store.grads, count: store.count))
    let e = finiteDifferenceError(store.values, count: store.count, analytic: grads) { loss() }
    #expect(e < 1e-6, "patch embedding FD error \(e)")
    // The standardisation: pixel 0 is −μ/σ; the layout: patch 8 (py 1, px 1), value 6 (dy 1, dx 2)
    // is the pixel at row 5, column 6.
    #expect(emb.standardisedValue(0) == -FashionMNIST.mean / FashionMNIST.std)
    #expect(emb.patch(8)[6] == emb.standardisedValue(Int(pixels[5 * 28 + 6])))
  }

  /// Mean pooling and the classification head alone, against central differences of input and weights.
  @Test func classifierHeadMatchesFiniteDifferences() throws {
    let c = 5, per = 49, images = 3, tokens = images * per
    let store = ParameterStore<Double>()
    let head = ClassifierHead<Double>(classes: 10, width: c, tokens: per, capacity: tokens, store: store)
    store.allocate(seed: 8)
    let x = Buffer(randomArray(tokens * c, seed: 9)), dx = Buffer(count: tokens * c)
    let labels: [Int32] = [3, 0, 9]
    func loss() -> Double { head.forward(x.p, targets: labels, tokens: tokens) }
    let l = loss()
    #expect(abs(l - head.exampleLosses().reduce(0, +) / 3) < 1e-12)
    store.zeroGrads()
    head.backward(dx.p, tokens: tokens)
    let grads = Array(UnsafeBufferPointer(start: store.grads, count: store.count))
    let ex = finiteDifferenceError(
      x.p, count: tokens * c, analytic: dx.array, indices: Array(stride(from: 0, to: tokens * c, by: 7))
    ) { loss() }
    #expect(ex < 1e-6, "pooled input FD error \(ex)")
    let ew = finiteDifferenceError(store.values, count: store.count, analytic: grads) { loss() }
    #expect(ew < 1e-6, "head FD error \(ew)")
    #expect(head.exampleCorrect()?.count == 3)
  }

  /// Same seed, same batch → the same bits; the memory estimate is what the model allocates.
  @Test(arguments: [ConnectionKind.residual, .hc, .mhc])
  func deterministicAndMemoryExact(kind: ConnectionKind) throws {
    var m = Self.config(kind)
    m.width = 16; m.layers = 2
    let (x, y) = Self.images(3, seed: 11)
    var results: [[Float]] = []
    for _ in 0..<2 {
      let model = try Transformer<Float>(m, batch: 3, seed: 12)
      var adam = AdamW<Float>(parameterCount: model.parameters.count, weightDecay: 0.1)
      for _ in 0..<3 { _ = trainingStep(model, optimizer: &adam, inputs: x, targets: y, lr: 1e-2, clip: 1) }
      results.append(Array(UnsafeBufferPointer(start: model.parameters.values, count: model.parameters.count)))
      #expect(TrainingMemory.parameters(m) == model.parameters.count)
      #expect(TrainingMemory.bytes(m, batch: 3) == model.trainingBytes, "\(kind)")
    }
    #expect(results[0] == results[1])
  }
}

/// A heap buffer of Doubles that closures can read and write while a finite-difference check
/// perturbs it (an array captured by a closure and passed `inout` would be an exclusivity conflict).
final class Buffer {
  let p: UnsafeMutablePointer<Double>
  let count: Int
  init(count: Int) {
    self.count = count
    p = .allocate(capacity: count)
    p.initialize(repeating: 0, count: count)
  }
  convenience init(_ values: [Double]) {
    self.init(count: values.count)
    for i in 0..<count { p[i] = values[i] }
  }
  var array: [Double] { Array(UnsafeBufferPointer(start: p, count: count)) }
  deinit { p.deallocate() }
}

/// Writes `bytes` gzip-compressed to `path`.
func writeGzip(_ bytes: [UInt8], to path: String) {
  let gz = gzopen(path, "wb")!
  _ = bytes.withUnsafeBytes { gzwrite(gz, $0.baseAddress, UInt32($0.count)) }
  gzclose(gz)
}

/// A folder of four small IDX files in the Fashion-MNIST layout: `train` training and `test`
/// test images of random pixels, labels `i mod 10`.
func syntheticFashionMNIST(train: Int = 5_120, test: Int = 200) throws -> String {
  let dir = NSTemporaryDirectory() + "fmnist-\(UUID().uuidString)"
  try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  func be(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 255), UInt8(v >> 16 & 255), UInt8(v >> 8 & 255), UInt8(v & 255)] }
  var r = Xoshiro(seed: 77)
  for (stem, n) in [("train", train), ("t10k", test)] {
    let labels = (0..<n).map { UInt8($0 % 10) }
    // class k: grey level 25k plus noise (learnable in a few steps from the pooled patches)
    var pixels = [UInt8](repeating: 0, count: n * 784)
    for i in 0..<n {
      let k = Int(labels[i])
      for p in 0..<784 { pixels[i * 784 + p] = UInt8(25 * k + r.below(25)) }
    }
    writeGzip(be(0x803) + be(n) + be(28) + be(28) + pixels, to: "\(dir)/\(stem)-images-idx3-ubyte.gz")
    writeGzip(be(0x801) + be(n) + labels, to: "\(dir)/\(stem)-labels-idx1-ubyte.gz")
  }
  return dir
}

@Suite struct FashionMNISTTests {
  @Test func readsTheSplitsAndRefusesDamagedFiles() throws {
    let dir = try syntheticFashionMNIST()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let data = try FashionMNIST(path: dir)
    #expect(data.train.count == 120 && data.validation.count == 5000 && data.test.count == 200)
    #expect(data.validation.labels[0] == UInt8(120 % 10))
    let (x, y) = data.test.batch([3])
    #expect(x.count == 784 && y == [3])

    let missing = #expect(throws: MHCError.self) { try FashionMNIST(path: dir + "/nope") }
    #expect(missing?.description.contains("dataset-fashion-mnist") == true)
    // Truncated gzip stream.
    let file = dir + "/t10k-images-idx3-ubyte.gz"
    let good = try Data(contentsOf: URL(fileURLWithPath: file))
    try good.prefix(good.count / 2).write(to: URL(fileURLWithPath: file))
    let cut = #expect(throws: MHCError.self) { try FashionMNIST(path: dir) }
    #expect(cut?.description.contains("truncated") == true, "\(cut?.description ?? "")")
    // Wrong magic number.
    writeGzip([0, 0, 8, 1, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28] + [UInt8](repeating: 0, count: 784), to: file)
    let magic = #expect(throws: MHCError.self) { try FashionMNIST(path: dir) }
    #expect(magic?.description.contains("magic number 0x801") == true, "\(magic?.description ?? "")")
    // Count in the header larger than the file.
    writeGzip([0, 0, 8, 3, 0, 0, 0, 9, 0, 0, 0, 28, 0, 0, 0, 28] + [UInt8](repeating: 0, count: 784), to: file)
    let short = #expect(throws: MHCError.self) { try FashionMNIST(path: dir) }
    #expect(short?.description.contains("promises 9 images") == true, "\(short?.description ?? "")")
  }

  /// The installed data set (when present): its sizes, and the standardisation constants.
  @Test(.enabled(if: FileManager.default.fileExists(atPath: FashionMNIST.defaultPath)))
  func installedDataSetMatchesTheConstants() throws {
    let data = try FashionMNIST()
    #expect(data.train.count == 55_000 && data.validation.count == 5_000 && data.test.count == 10_000)
    let all = data.train.pixels + data.validation.pixels
    var s = 0.0, ss = 0.0
    for p in all { let v = Double(p) / 255; s += v; ss += v * v }
    let n = Double(all.count), mean = s / n, std = (ss / n - mean * mean).squareRoot()
    #expect(abs(mean - FashionMNIST.mean) < 1e-4 && abs(std - FashionMNIST.std) < 1e-4, "\(mean) \(std)")
  }

  /// `--task fashion-mnist` end to end: accuracy in metrics and summary, learns the synthetic
  /// classes, an interrupted run resumes to the same bits.
  @Test func trainsResumesAndReportsAccuracy() throws {
    let data = try syntheticFashionMNIST()
    let dir = NSTemporaryDirectory() + "vit-run-\(UUID().uuidString)"
    defer {
      try? FileManager.default.removeItem(atPath: data)
      try? FileManager.default.removeItem(atPath: dir)
    }
    var c = TrainConfig()
    c.model.task = .fashionMNIST; c.data = data; c.model.connection.kind = .mhc; c.model.width = 16; c.model.layers = 1;
    c.model.heads = 2
    c.batch = 16; c.steps = 40; c.lr = 1e-2; c.evalEvery = 10; c.evalBatches = 2; c.seed = 3; c.finalEvalWindows = 100
    let full = try TrainingRun(config: c, directory: dir + "/full").run()
    #expect(full.status == .completed && full.finalEvalWindows == 100)
    #expect((full.finalEvalAccuracy ?? 0) > 0.5, "accuracy \(full.finalEvalAccuracy ?? -1) (chance: 0.1)")
    #expect(full.finalEvalLoss! < log(10) - 0.1, "loss \(full.finalEvalLoss!) (chance: ln 10)")
    #expect(full.finalEvalAccuracyStandardError != nil && full.lastValAccuracy != nil)
    let metrics = try String(contentsOfFile: dir + "/full/metrics.csv", encoding: .utf8)
    #expect(metrics.hasPrefix(MetricsRow.classificationHeader + "\n"))
    let cfg = try String(contentsOfFile: dir + "/full/config.json", encoding: .utf8)
    #expect(cfg.contains("fashion-mnist") && cfg.contains("\"seq\" : 49"))

    let part = try TrainingRun(config: c, directory: dir + "/part")
    part.stopAfterStep = 20
    #expect(try part.run().status == .interrupted)
    let resumed = try TrainingRun(config: c, directory: dir + "/part").run()
    #expect(resumed.finalEvalLoss == full.finalEvalLoss && resumed.finalEvalAccuracy == full.finalEvalAccuracy)
    for f in ["final-eval.csv", "gains.csv", "model.safetensors"] {
      #expect(
        FileManager.default.contentsEqual(atPath: "\(dir)/full/\(f)", andPath: "\(dir)/part/\(f)"), "\(f) differs")
    }
  }
}
