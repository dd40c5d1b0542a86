import Foundation
import MHC
import MHCHarness
import Testing

/// Issue 15: the symmetry-breaking options and the symmetry fact itself.
@Suite struct MappingsTests {
  static func tiny(
    _ kind: ConnectionKind, streams: Int = 3, iterations: Int = 20, init b: BiasInit = .uniform,
    pre: PreInit? = nil, streamInit: StreamInit = .copies, dynamic: Bool = true
  ) -> ModelConfig {
    var c = ModelConfig()
    c.width = 8; c.layers = 2; c.heads = 2; c.seq = 5
    c.connection = ConnectionConfig(
      kind: kind, streams: streams, width: 8, iterations: iterations, dynamic: dynamic,
      biasInit: b)
    c.connection.preInit = pre
    c.streamInit = streamInit
    return c
  }

  static let variants: [(String, ModelConfig)] = [
    ("mhc stream embeddings", tiny(.mhc, streamInit: .embeddings)),
    ("mhc eye init", tiny(.mhc, iterations: 6, init: .eye)),
    ("mhc uniform + home pre", tiny(.mhc, iterations: 4, pre: .home)),
    (
      "mhc identity + uniform pre + embeddings",
      tiny(.mhc, iterations: 3, init: .identity, pre: .uniform, streamInit: .embeddings)
    ),
    ("hc stream embeddings", tiny(.hc, streamInit: .embeddings)),
  ]

  /// Every new option's backward against finite differences, every tensor (incl. `streams.emb`).
  @Test(arguments: 0..<variants.count)
  func newOptionsGradientsMatchFiniteDifferences(variant: Int) throws {
    let (label, config) = Self.variants[variant]
    try checkWholeModelGradients(config, label: label)
  }

  /// The symmetry fact (`docs/method.md`, "Symmetry"), in Double, and its second half.
  ///
  /// `∂L/∂H_res[i][j] = ⟨g_i, x_j⟩` (`g_i` = cotangent of output stream i). A converged
  /// Sinkhorn-Knopp projection is invariant to adding row and column constants to its
  /// logits, so its Jacobian annihilates every cotangent of the form `a_i + b_j`. That
  /// cotangent is row-constant when the streams are identical (`x_j = x`), and
  /// column-constant when the stream *cotangents* are identical (`g_i = g`) — which they are
  /// whenever `H_pre` is the same for every stream: the head sums the streams (equal `g` at
  /// the top), and `dx_j = Σ_i H_res[i][j] g + H_pre[j] ∂h` keeps them equal going down.
  /// So mHC's `H_res` learns only when *both* are broken: distinct streams (stream
  /// embeddings) and distinct cotangents (a home-stream `H_pre`, or per-token `Φ` terms).
  ///
  /// Static mappings (Φ = 0) and t_max = 100 (uniform and eye converge to rounding);
  /// "zero" means < 1e-13, nine orders below the other bias gradients (≥ 1e-5); broken
  /// symmetry gives > 1e-7 (identity's near-permutation H_res saturates the projection, so
  /// its gradient is small but six orders above rounding), HC > 1e-5.
  @Test(arguments: [BiasInit.uniform, .eye, .identity])
  func mhcResidualMappingGetsNoGradientUntilBothSymmetriesBreak(initialisation: BiasInit) throws {
    func resGradient(_ config: ModelConfig) throws -> (res: Double, others: Double) {
      let model = try Transformer<Double>(config, batch: 2, seed: 5)
      var rng = Xoshiro(seed: 6)
      let x = (0..<10).map { _ in Int32(rng.below(256)) }, y = (0..<10).map { _ in Int32(rng.below(256)) }
      model.forward(inputs: x, targets: y)
      model.parameters.zeroGrads()
      model.backward()
      let n = config.connection.streams
      var res = 0.0, others = 0.0
      for k in 0..<(2 * config.layers) {
        let g = model.parameters.grads(named: "conns.\(k).b")!
        res = max(res, g[(2 * n)...].map(abs).max()!)
        others = max(others, g[..<(2 * n)].map(abs).max()!)
      }
      return (res, others)
    }
    func config(_ pre: PreInit, _ streams: StreamInit) -> ModelConfig {
      Self.tiny(.mhc, streams: 4, iterations: 100, init: initialisation, pre: pre, streamInit: streams, dynamic: false)
    }
    let label = "\(initialisation)"
    for pre in [PreInit.uniform, .home] {
      let copies = try resGradient(config(pre, .copies))
      #expect(copies.res < 1e-13, "\(label), pre \(pre), copies: ∂L/∂b_res = \(copies.res)")
      #expect(copies.others > 1e-5, "\(label): the other bias gradients are \(copies.others)")
    }
    // Column constants are annihilated only as fast as the column sums converge, which is slow
    // near a permutation: identity's ±3 keeps 3e-6 at t_max = 100, so it is left out here.
    if initialisation != .identity {
      let embeddingsOnly = try resGradient(config(.uniform, .embeddings))
      #expect(embeddingsOnly.res < 1e-13, "\(label), uniform pre, embeddings: ∂L/∂b_res = \(embeddingsOnly.res)")
    }
    let both = try resGradient(config(.home, .embeddings))
    #expect(both.res > 1e-7, "\(label), home pre, embeddings: ∂L/∂b_res = \(both.res)")
    // HC's unconstrained H_res learns from the row-constant cotangent alone
    let hc = try resGradient(Self.tiny(.hc, streams: 4, dynamic: false))
    #expect(hc.res > 1e-5, "hc: ∂L/∂b_res = \(hc.res)")
  }

  /// The named inits give the documented matrices at init (static, so only the biases count).
  @Test func initsGiveTheDocumentedMappings() throws {
    func mappings(_ b: BiasInit, pre: PreInit? = nil) throws -> (hres: [Double], hpre: [Double]) {
      var c = Self.tiny(.mhc, streams: 4, iterations: 20, init: b, pre: pre, dynamic: false)
      c.layers = 1
      let model = try Transformer<Double>(c, batch: 1, seed: 1)
      model.forward(inputs: [1, 2, 3, 4, 5], targets: [2, 3, 4, 5, 6])
      let mean = model.meanResidualMappings().perSublayer[1]
      return (mean, [])
    }
    let eye = try mappings(.eye).hres
    #expect(abs(eye[0] - 0.4754) < 1e-3 && abs(eye[1] - 0.1749) < 1e-3, "eye: \(eye)")
    let id = try mappings(.identity).hres
    #expect(id[0] > 0.99 && id[1] < 0.003, "identity: \(id)")
    let uni = try mappings(.uniform).hres
    #expect(uni.allSatisfy { abs($0 - 0.25) < 1e-12 }, "uniform: \(uni)")
  }

  /// `--conn-lr-mult` scales the update of α and b only.
  @Test func connectionLearningRateMultiplier() throws {
    var base = TrainConfig.tiny
    base.model.connection.kind = .mhc; base.model.connection.streams = 2
    var fast = base; fast.model.connection.connLRMult = 10
    let a = try Transformer<Double>(base.model, batch: 1, seed: 0),
      b = try Transformer<Double>(fast.model, batch: 1, seed: 0)
    let x = (0..<16).map { Int32($0 * 7 % 256) }, y = (0..<16).map { Int32($0 * 11 % 256) }
    var oa = AdamW<Double>(parameterCount: a.parameters.count), ob = AdamW<Double>(parameterCount: b.parameters.count)
    let before = a.parameters.values(named: "conns.0.b")!
    _ = trainingStep(a, optimizer: &oa, inputs: x, targets: y, lr: 1e-3, clip: 1e9)
    _ = trainingStep(b, optimizer: &ob, inputs: x, targets: y, lr: 1e-3, clip: 1e9)
    for name in ["conns.0.b", "conns.1.a"] {
      let pa = a.parameters.values(named: name)!, pb = b.parameters.values(named: name)!
      let p0 = name == "conns.0.b" ? before : [0.01, 0.01, 0.01]
      for i in pa.indices where abs(pa[i] - p0[i]) > 1e-9 {
        #expect(abs((pb[i] - p0[i]) / (pa[i] - p0[i]) - 10) < 1e-6, "\(name)[\(i)]")
      }
    }
    #expect(a.parameters.values(named: "conns.0.phi")! == b.parameters.values(named: "conns.0.phi")!)
  }

  /// Run ids: unchanged for the defaults, one readable part per option that differs.
  @Test func runIDsOfTheNewOptions() {
    var c = TrainConfig()
    #expect(RunID.derive(c) == "mhc-n4-t20-s0")
    c.model.streamInit = .copies; c.model.connection.biasInit = .eye; c.model.connection.preInit = .home
    c.model.connection.connLRMult = 10; c.model.connection.alphaInit = 0.1
    #expect(RunID.derive(c) == "mhc-n4-t20-init-eye-pre-home-streams-copies-alpha.1-connlr10-s0")
    var r = TrainConfig(); r.model.connection.kind = .residual
    #expect(RunID.derive(r) == "residual-s0")
    var i = TrainConfig()
    i.model.connection.biasInit = .identity; i.model.connection.preInit = .home  // home is identity's own pre init
    #expect(RunID.derive(i) == "mhc-n4-t20-init-identity-s0")
    i.model.connection.preInit = .uniform
    #expect(RunID.derive(i) == "mhc-n4-t20-init-identity-pre-uniform-s0")
  }

  /// A config.json written before these options existed still reads: as a run with copies
  /// (which it was), so a sweep replaces it rather than mistaking it for today's default.
  @Test func oldConfigFilesStillRead() throws {
    let enc = JSONEncoder()
    var json = try JSONSerialization.jsonObject(with: enc.encode(TrainConfig().resolved())) as! [String: Any]
    #expect(json["streamInit"] as? String == "embeddings")
    #expect(json["connLRMult"] == nil && json["alphaInit"] == nil && json["preInit"] == nil)
    json["streamInit"] = nil
    let old = try JSONDecoder().decode(TrainConfig.self, from: JSONSerialization.data(withJSONObject: json))
    #expect(old.model.streamInit == .copies && old != TrainConfig().resolved())
    #expect(try JSONDecoder().decode(TrainConfig.self, from: enc.encode(TrainConfig())) == TrainConfig())
    // the residual network has one stream, made by copying: config.json names no stream init
    var r = TrainConfig(); r.model.connection.kind = .residual
    #expect(r.resolved().model.streamInit == .copies && r.resolved().model.connection.streams == 1)
    let residual = try JSONSerialization.jsonObject(with: enc.encode(r.resolved())) as! [String: Any]
    #expect(residual["streamInit"] == nil && residual["streams"] as? Int == 1)
  }

  /// Bad values are named.
  @Test func badOptionValuesAreNamed() {
    var d = TrainConfig(); d.model.connection.connLRMult = -1
    #expect(
      throws: MHCError(
        "--conn-lr-mult -1.0 is invalid; the connections' learning-rate multiplier must be a positive number")
    ) {
      try d.validate()
    }
  }
}
