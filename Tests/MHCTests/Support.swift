import Foundation
import MHC
import RealModule
import Testing

/// Reads a float64 reference fixture from `Tests/MHCTests/Fixtures/` (made by an independent implementation).
func fixture(_ name: String) throws -> [String: Any] {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures").appendingPathComponent(name)
  let data = try Data(contentsOf: url)
  return try JSONSerialization.jsonObject(with: data) as! [String: Any]
}

func doubles(_ v: Any?) -> [Double] { (v as! [Any]).map { ($0 as! NSNumber).doubleValue } }

/// Largest |a − b| / max(1, |b|).
func maxRelError(_ a: [Double], _ b: [Double]) -> Double {
  precondition(a.count == b.count, "length \(a.count) vs \(b.count)")
  var e = 0.0
  for (x, y) in zip(a, b) { e = max(e, abs(x - y) / max(1, abs(y))) }
  return e
}

/// Central finite differences of `loss` with respect to `count` values at `p`, compared
/// with `analytic`. Returns the worst `|fd − analytic| / max(|fd|, |analytic|, floor)`.
///
/// In Double with h = 1e-5 the truncation error is O(h²·f‴) ≈ 1e-10 and the rounding
/// error about ulp(loss)/h ≈ 1e-11. With the default `floor` = 1e-3 and a threshold of
/// 1e-6 the check demands 1e-6 relative accuracy on entries above 1e-3 and 1e-9 absolute
/// accuracy below: a dropped term (of the size of the gradient itself) fails it, rounding
/// noise does not. Callers also assert that the gradients they check are not all tiny.
func finiteDifferenceError(
  _ p: UnsafeMutablePointer<Double>, count: Int, analytic: [Double], indices: [Int]? = nil,
  h: Double = 1e-5, floor: Double = 1e-3, loss: () -> Double
) -> Double {
  var worst = 0.0
  for i in indices ?? Array(0..<count) {
    let old = p[i]
    p[i] = old + h
    let lp = loss()
    p[i] = old - h
    let lm = loss()
    p[i] = old
    let fd = (lp - lm) / (2 * h)
    let denom = max(abs(fd), abs(analytic[i]), floor)
    worst = max(worst, abs(fd - analytic[i]) / denom)
  }
  return worst
}

/// Deterministic random values for tests.
func randomArray(_ n: Int, seed: UInt64, scale: Double = 1) -> [Double] {
  var r = Xoshiro(seed: seed)
  return (0..<n).map { _ in r.normal() * scale }
}

/// F(h) = tanh(h · W), W ∈ R^{C×C}: the sublayer used by `connections.json`.
final class TanhLinear: Sublayer {
  typealias T = Double
  let c: Int
  let w: ParameterRef
  unowned let store: ParameterStore<Double>
  var input: [Double] = []
  var out: [Double] = []

  init(width: Int, store: ParameterStore<Double>) {
    c = width
    self.store = store
    w = store.declare("W", shape: [width, width], initialiser: .normal(0.5), decay: true)
  }

  func forward(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, tokens: Int) {
    input = Array(UnsafeBufferPointer(start: x, count: tokens * c))
    gemm(false, false, m: tokens, n: c, k: c, a: x, lda: c, b: store.value(w), ldb: c, c: y, ldc: c)
    for i in 0..<(tokens * c) { y[i] = Double.tanh(y[i]) }
    out = Array(UnsafeBufferPointer(start: y, count: tokens * c))
  }

  func backward(_ dy: UnsafePointer<Double>, _ dx: UnsafeMutablePointer<Double>, tokens: Int) {
    var g = [Double](repeating: 0, count: tokens * c)
    for i in 0..<(tokens * c) { g[i] = dy[i] * (1 - out[i] * out[i]) }
    gemm(true, false, m: c, n: c, k: tokens, a: input, lda: c, b: g, ldb: c, beta: 1, c: store.grad(w), ldc: c)
    gemm(false, true, m: tokens, n: c, k: c, a: g, lda: c, b: store.value(w), ldb: c, c: dx, ldc: c)
  }
}

/// Whole-model loss gradient of `config` (batch 2) vs central differences, every parameter
/// tensor (up to 12 entries each, spread over it; the embedding rows of used bytes).
/// Parameters are perturbed away from their init so that no term hides behind a zero
/// (θ = 0 at HC init, for example), and α is raised by 0.8 (α = 0.01 would make every
/// mapping gradient ~1e-9 and the check vacuous). Each tensor's check also asserts that
/// its gradients are not all tiny, and frozen tensors get exactly zero.
func checkWholeModelGradients(_ config: ModelConfig, label: String, h: Double = 1e-5) throws {
  let model = try Transformer<Double>(config, batch: 2, seed: 3)
  let store = model.parameters
  let noise = randomArray(store.count, seed: 9, scale: 0.2)
  for info in store.infos where !info.frozen {
    for i in 0..<info.count { store.values[info.offset + i] += noise[info.offset + i] }
    if info.name.hasSuffix(".a") { for i in 0..<info.count { store.values[info.offset + i] += 0.8 } }
  }
  var rng = Xoshiro(seed: 4)
  let tokens = 2 * config.seq
  let image = config.task == .fashionMNIST  // two images of random pixels and labels
  let x = (0..<(image ? 2 * 784 : tokens)).map { _ in Int32(rng.below(256)) }
  let y = (0..<(image ? 2 : tokens)).map { _ in Int32(rng.below(image ? 10 : 256)) }
  model.forward(inputs: x, targets: y)
  store.zeroGrads()
  model.backward()
  let grads = Array(UnsafeBufferPointer(start: store.grads, count: store.count))
  for info in store.infos {
    let analytic = Array(grads[info.offset..<(info.offset + info.count)])
    var idx = Array(stride(from: 0, to: info.count, by: max(1, info.count / 12)))
    if info.name == "emb.weight" { idx = (0..<8).map { Int(x[$0 % x.count]) * config.width + $0 } }
    let err = finiteDifferenceError(
      store.values + info.offset, count: info.count, analytic: analytic,
      indices: idx, h: h
    ) {
      model.forward(inputs: x, targets: y)
    }
    #expect(err < 1e-6, "\(label): \(info.name) FD error \(err)")
    let largest = idx.map { abs(analytic[$0]) }.max() ?? 0
    // (static mappings: tanh(θ·x̃) = 0, so α legitimately has no gradient)
    let exempt = info.frozen || (config.connection.dynamic == false && info.name.hasSuffix(".a"))
    #expect(exempt || largest > 1e-7, "\(label): \(info.name) gradients all below 1e-7 (\(largest)): check is vacuous")
    if info.frozen { #expect(analytic.allSatisfy { $0 == 0 }) }
  }
}
