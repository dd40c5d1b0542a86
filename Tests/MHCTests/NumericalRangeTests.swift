import Foundation
import MHC
import Testing

/// Issue 16, item 3: the places where large or tiny values could break float32 in the
/// HC/mHC path, each driven to its extreme in a whole Float model (forward and backward),
/// checked to stay finite and, where the value is representable, to agree with the same
/// model in Double.
@Suite struct NumericalRangeTests {
  static func config(_ kind: ConnectionKind, streams: Int = 3) -> ModelConfig {
    var c = ModelConfig()
    c.width = 8; c.layers = 1; c.heads = 2; c.seq = 5
    c.connection = ConnectionConfig(kind: kind, streams: kind == .residual ? 1 : streams, width: 8, iterations: 20)
    return c
  }
  static let x: [Int32] = [1, 50, 200, 7, 9, 3, 3, 80, 81, 82], y: [Int32] = [50, 200, 7, 9, 3, 3, 80, 81, 82, 4]

  /// Runs the Float and the Double model with parameters set by `edit`; returns the Float
  /// model (after forward and backward) and both losses.
  static func run(
    _ kind: ConnectionKind, edit: (inout [String: [Double]]) -> Void
  ) throws
    -> (model: Transformer<Float>, loss: Double, exact: Double, gradientsFinite: Bool)
  {
    let f = try Transformer<Float>(config(kind), batch: 2, seed: 4)
    let d = try Transformer<Double>(config(kind), batch: 2, seed: 4)
    var values: [String: [Double]] = [:]
    for info in d.parameters.infos { values[info.name] = d.parameters.values(named: info.name)! }
    edit(&values)
    for (name, v) in values { try d.parameters.set(name, v); try f.parameters.set(name, v.map { Float($0) }) }
    let loss = f.forward(inputs: x, targets: y)
    f.parameters.zeroGrads()
    f.backward()
    let finite = (0..<f.parameters.count).allSatisfy { f.parameters.grads[$0].isFinite }
    return (f, loss, d.forward(inputs: x, targets: y), finite)
  }

  static func check(
    _ r: (model: Transformer<Float>, loss: Double, exact: Double, gradientsFinite: Bool),
    _ label: String, tolerance: Double = 1e-4
  ) {
    #expect(r.loss.isFinite && r.gradientsFinite, "\(label): loss \(r.loss), gradients finite: \(r.gradientsFinite)")
    #expect(r.model.firstNonFinite(gradients: true) == nil, "\(label): \(r.model.firstNonFinite(gradients: true)!)")
    #expect(abs(r.loss - r.exact) <= tolerance * r.exact, "\(label): Float \(r.loss) vs Double \(r.exact)")
  }

  /// The failing pattern of issue 16 inside a model: H_res logits spread by 150.
  @Test func mhcLogitSpreadFarBeyondFloatExp() throws {
    let r = try Self.run(.mhc) { v in
      for k in 0..<2 {
        var b = v["conns.\(k).b"]!
        for i in 0..<3 { b[6 + i * 3 + 1] -= 150 }  // column 1 of H_res 150 below the rest
        v["conns.\(k).b"] = b
      }
    }
    Self.check(r, "mhc spread 150")
    #expect(r.model.logitSpreads().compactMap { $0 }.allSatisfy { $0 > 140 })
    let d = r.model.stochasticDeviations()
    #expect(d.allSatisfy { $0.row < 1e-6 && $0.column < 1e-5 }, "\(d)")
  }

  /// σ arguments of ±200 (H_pre, H_post saturate): exp(−s) overflows to ∞, σ is 0 or 1.
  @Test func mhcSigmoidSaturation() throws {
    let r = try Self.run(.mhc) { v in
      for k in 0..<2 {
        var b = v["conns.\(k).b"]!
        for j in 0..<6 { b[j] = j % 2 == 0 ? 200 : -200 }
        v["conns.\(k).b"] = b
      }
    }
    Self.check(r, "mhc sigmoid ±200")
  }

  /// ρ = 1/rms of zero and of tiny streams: bounded by 1/√ε = 1000, no division by zero.
  @Test(arguments: [0.0, 1e-30])
  func zeroAndTinyStreams(scale: Double) throws {
    for kind in [ConnectionKind.mhc, .hc] {
      let r = try Self.run(kind) { v in v["emb.weight"] = v["emb.weight"]!.map { $0 * scale } }
      // the Float model sees 1e-30 as a denormal-free tiny value (Float's min normal is 1e-38)
      Self.check(r, "\(kind) streams × \(scale)")
    }
  }

  /// HC's tanh inputs of ~1e4: tanh saturates at ±1, its derivative at 0.
  @Test func hcTanhSaturation() throws {
    let r = try Self.run(.hc) { v in
      for k in 0..<2 {
        v["conns.\(k).theta"] = v["conns.\(k).theta"]!.enumerated().map { $0.offset % 2 == 0 ? 1e4 : -1e4 }
      }
    }
    Self.check(r, "hc tanh 1e4")
  }

  /// Attention logits of ~1e4: the softmax subtracts the row maximum first.
  @Test(arguments: [ConnectionKind.residual, .mhc])
  func attentionLogitsLarge(kind: ConnectionKind) throws {
    let r = try Self.run(kind) { v in v["subs.0.qkv.weight"] = v["subs.0.qkv.weight"]!.map { $0 * 3000 } }
    // near-one-hot attention amplifies Float rounding in the loss: 1e-3 relative
    Self.check(r, "\(kind) attention ×3000", tolerance: 1e-3)
  }

  /// What is not representable is reported, not hidden: an infinite α makes the logits
  /// infinite, and the diagnosis names them and the sublayer.
  @Test func nonFiniteLogitsAreNamed() throws {
    let f = try Transformer<Float>(Self.config(.mhc), batch: 2, seed: 4)
    try f.parameters.set("conns.1.a", [0.01, 0.01, .infinity])
    let loss = f.forward(inputs: Self.x, targets: Self.y)
    #expect(!loss.isFinite)
    let where_ = try #require(f.firstNonFinite(gradients: false))
    #expect(where_.hasPrefix("H_res logits") && where_.contains("sublayer 1 (MLP, layer 0)"), "\(where_)")
    // a NaN gradient in one tensor is named by tensor
    let g = try Transformer<Float>(Self.config(.mhc), batch: 2, seed: 4)
    g.forward(inputs: Self.x, targets: Self.y)
    g.parameters.zeroGrads(); g.backward()
    let info = try #require(g.parameters.info(named: "conns.0.phi"))
    g.parameters.grads[info.offset + 3] = .nan
    #expect(g.firstNonFinite(gradients: true) == "gradient of conns.0.phi")
  }
}
