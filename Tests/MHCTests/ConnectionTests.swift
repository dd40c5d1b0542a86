import MHC
import Testing

/// A connection around `TanhLinear` with its own parameter store, for tests.
final class ConnectionRig {
  let store = ParameterStore<Double>()
  let conn: any StreamConnection<Double>
  let f: TanhLinear
  let n: Int, c: Int, tokens: Int
  var x: [Double]
  let cot: [Double]

  init(_ config: ConnectionConfig, tokens: Int, seed: UInt64 = 1) throws {
    n = config.streams; c = config.width; self.tokens = tokens
    conn = try config.make(store: store, prefix: "conn", capacity: tokens)
    f = TanhLinear(width: config.width, store: store)
    store.allocate(seed: seed)
    x = randomArray(tokens * n * c, seed: seed + 1)
    cot = randomArray(tokens * n * c, seed: seed + 2)
  }

  /// Perturbs every parameter so that no gradient term hides behind an init value of 0.
  func randomise(seed: UInt64) {
    let r = randomArray(store.count, seed: seed, scale: 0.3)
    for i in 0..<store.count where !(store.infos.first { $0.offset <= i && i < $0.offset + $0.count }!.frozen) {
      store.values[i] += r[i]
    }
  }

  func forward() -> [Double] {
    var out = [Double](repeating: 0, count: tokens * n * c)
    x.withUnsafeBufferPointer { conn.forward($0.baseAddress!, &out, tokens: tokens, sublayer: f) }
    return out
  }

  func loss() -> Double { zip(forward(), cot).reduce(0) { $0 + $1.0 * $1.1 } }

  /// Returns dx; parameter gradients land in the store.
  func backward() -> [Double] {
    _ = forward()
    store.zeroGrads()
    var dx = [Double](repeating: 0, count: x.count)
    x.withUnsafeBufferPointer { conn.backward(cot, &dx, tokens: tokens, sublayer: f, input: $0.baseAddress!) }
    return dx
  }
}

@Suite struct ConnectionTests {
  @Test func matchesFloat64Reference() throws {
    let cases = try fixture("connections.json")["cases"] as! [[String: Any]]
    #expect(cases.count == 3)
    for (ci, c) in cases.enumerated() {
      let kind = ConnectionKind(rawValue: c["kind"] as! String)!
      let n = c["n"] as! Int, width = c["C"] as! Int, tokens = c["tokens"] as! Int, t = c["iterations"] as! Int
      let rig = try ConnectionRig(ConnectionConfig(kind: kind, streams: n, width: width, iterations: t), tokens: tokens)
      let params = c["params"] as! [String: [String: Any]]
      let x = c["x"] as! [String: Any], w = c["W"] as! [String: Any]
      rig.x = doubles(x["value"])
      try rig.store.set("W", doubles(w["value"]))
      var expected: [String: [Double]] = [:]  // our tensor name → reference grad
      if kind == .hc {
        let theta =
          doubles(params["theta_pre"]!["value"]) + doubles(params["theta_post"]!["value"])
          + doubles(params["theta_res"]!["value"])
        let b =
          doubles(params["b_pre"]!["value"]) + doubles(params["b_post"]!["value"])
          + doubles(params["b_res"]!["value"])
        try rig.store.set("conn.theta", theta)
        try rig.store.set("conn.b", b)
        try rig.store.set("conn.a", doubles(params["a"]!["value"]))
        expected["conn.theta"] =
          doubles(params["theta_pre"]!["grad"]) + doubles(params["theta_post"]!["grad"])
          + doubles(params["theta_res"]!["grad"])
        expected["conn.b"] =
          doubles(params["b_pre"]!["grad"]) + doubles(params["b_post"]!["grad"])
          + doubles(params["b_res"]!["grad"])
        expected["conn.a"] = doubles(params["a"]!["grad"])
      } else {
        for name in ["phi", "a", "b"] {
          try rig.store.set("conn.\(name)", doubles(params[name]!["value"]))
          expected["conn.\(name)"] = doubles(params[name]!["grad"])
        }
      }
      expected["W"] = doubles(w["grad"])
      let out = rig.forward()
      #expect(maxRelError(out, doubles((c["output"] as! [String: Any])["value"])) < 1e-12, "case \(ci) output")
      let cotangent = doubles(c["cotangent"])
      var dx = [Double](repeating: 0, count: rig.x.count)
      _ = rig.forward()
      rig.store.zeroGrads()
      rig.x.withUnsafeBufferPointer {
        rig.conn.backward(cotangent, &dx, tokens: tokens, sublayer: rig.f, input: $0.baseAddress!)
      }
      #expect(maxRelError(dx, doubles(x["grad"])) < 1e-11, "case \(ci) dx")
      for (name, g) in expected {
        #expect(maxRelError(rig.store.grads(named: name)!, g) < 1e-11, "case \(ci) d\(name)")
      }
    }
  }

  static let variants: [(String, ConnectionConfig)] = [
    ("residual", ConnectionConfig(kind: .residual, streams: 1, width: 5)),
    ("hc dynamic n3", ConnectionConfig(kind: .hc, streams: 3, width: 5, index: 1)),
    ("hc static n2", ConnectionConfig(kind: .hc, streams: 2, width: 5, dynamic: false)),
    ("hc res only", ConnectionConfig(kind: .hc, streams: 3, width: 4, learnPre: false, learnPost: false)),
    ("mhc uniform n3 t20", ConnectionConfig(kind: .mhc, streams: 3, width: 4, iterations: 20)),
    (
      "mhc identity n4 t3",
      ConnectionConfig(kind: .mhc, streams: 4, width: 3, iterations: 3, biasInit: .identity, index: 2)
    ),
    ("mhc t0", ConnectionConfig(kind: .mhc, streams: 2, width: 4, iterations: 0)),
    ("mhc t1", ConnectionConfig(kind: .mhc, streams: 3, width: 4, iterations: 1)),
    ("mhc n1", ConnectionConfig(kind: .mhc, streams: 1, width: 5, iterations: 5)),
    ("mhc res+pre", ConnectionConfig(kind: .mhc, streams: 3, width: 4, learnPost: false)),
    (
      "mhc none", ConnectionConfig(kind: .mhc, streams: 3, width: 4, learnPre: false, learnPost: false, learnRes: false)
    ),
    ("mhc static", ConnectionConfig(kind: .mhc, streams: 2, width: 4, dynamic: false)),
  ]

  /// Many tokens run in token blocks split over threads (and mhc's per-block products);
  /// the result must equal running every token on its own: forward output and `dx`
  /// exactly per token, parameter gradients as the sum of the per-token gradients.
  @Test(arguments: [0, 1, 4, 5, 6, 9])
  func tokenBlocksMatchTokenByToken(variant: Int) throws {
    let (label, config) = Self.variants[variant]
    let tokens = 2 * SinkhornKnopp.block + 37  // several blocks, a ragged last one
    let rig = try ConnectionRig(config, tokens: tokens, seed: 9)
    rig.randomise(seed: 78)
    let out = rig.forward(), dx = rig.backward()
    let grads = Array(UnsafeBufferPointer(start: rig.store.grads, count: rig.store.count))
    let width = rig.n * rig.c
    var summed = [Double](repeating: 0, count: rig.store.count)
    var outOne = [Double](), dxOne = [Double]()
    for t in 0..<tokens {
      let one = try ConnectionRig(config, tokens: 1, seed: 9)
      one.randomise(seed: 78)
      one.x = Array(rig.x[(t * width)..<((t + 1) * width)])
      let cot = Array(rig.cot[(t * width)..<((t + 1) * width)])
      var o = [Double](repeating: 0, count: width), d = o
      one.x.withUnsafeBufferPointer { xp in
        one.conn.forward(xp.baseAddress!, &o, tokens: 1, sublayer: one.f)
        one.store.zeroGrads()
        one.conn.backward(cot, &d, tokens: 1, sublayer: one.f, input: xp.baseAddress!)
      }
      outOne += o; dxOne += d
      for i in 0..<summed.count { summed[i] += one.store.grads[i] }
    }
    #expect(maxRelError(out, outOne) < 1e-13, "\(label): output")
    #expect(maxRelError(dx, dxOne) < 1e-12, "\(label): dx")
    #expect(maxRelError(grads, summed) < 1e-11, "\(label): parameter gradients")
  }

  @Test(arguments: 0..<variants.count)
  func backwardMatchesFiniteDifferences(variant: Int) throws {
    let (label, config) = Self.variants[variant]
    let rig = try ConnectionRig(config, tokens: 3, seed: UInt64(variant) + 5)
    rig.randomise(seed: 77)
    let dx = rig.backward()
    let grads = Array(UnsafeBufferPointer(start: rig.store.grads, count: rig.store.count))
    let count = rig.x.count
    let ex = rig.x.withUnsafeMutableBufferPointer { p in
      finiteDifferenceError(p.baseAddress!, count: count, analytic: dx) {
        // rig.x is borrowed here; evaluate on a copy of the perturbed buffer
        rig.lossOn(Array(p))
      }
    }
    #expect(ex < 1e-6, "\(label): dx error \(ex)")
    for info in rig.store.infos {
      let analytic = Array(grads[info.offset..<(info.offset + info.count)])
      let e = finiteDifferenceError(rig.store.values + info.offset, count: info.count, analytic: analytic) {
        rig.loss()
      }
      #expect(e < 1e-6, "\(label): d\(info.name) error \(e)")
      if info.frozen { #expect(analytic.allSatisfy { $0 == 0 }, "\(label): frozen \(info.name) got a gradient") }
    }
  }

  @Test func mhcWithOneStreamIsThePlainResidual() throws {
    // n = 1, pre/post fixed at neutral: H_res = SK(1×1) = 1 exactly, so out = x + F(x).
    let config = ConnectionConfig(kind: .mhc, streams: 1, width: 6, iterations: 20, learnPre: false, learnPost: false)
    let rig = try ConnectionRig(config, tokens: 4)
    rig.randomise(seed: 3)
    let res = try ConnectionRig(ConnectionConfig(kind: .residual, streams: 1, width: 6), tokens: 4)
    try res.store.set("W", rig.store.values(named: "W")!)
    res.x = rig.x
    #expect(rig.forward() == res.forward())
    // With learned pre/post, H_res is still exactly 1 for every token.
    let learned = try ConnectionRig(ConnectionConfig(kind: .mhc, streams: 1, width: 6, iterations: 7), tokens: 4)
    learned.randomise(seed: 4)
    _ = learned.forward()
    #expect((0..<4).allSatisfy { learned.conn.residualMapping![$0] == 1 })
  }

  @Test func hcAtInitIsThePreNormResidual() throws {
    // Streams enter as copies; at init (θ = 0) every stream gets x + F(x) exactly.
    let n = 4, c = 5, tokens = 3
    for k in 0..<3 {
      let rig = try ConnectionRig(ConnectionConfig(kind: .hc, streams: n, width: c, index: k), tokens: tokens)
      let base = randomArray(tokens * c, seed: 11)
      rig.x = (0..<tokens).flatMap { t in (0..<n).flatMap { _ in base[(t * c)..<((t + 1) * c)] } }
      let res = try ConnectionRig(ConnectionConfig(kind: .residual, streams: 1, width: c), tokens: tokens)
      try res.store.set("W", rig.store.values(named: "W")!)
      res.x = base
      let expected = res.forward(), out = rig.forward()
      for t in 0..<tokens {
        for i in 0..<n {
          let o = Array(out[((t * n + i) * c)..<((t * n + i + 1) * c)])
          #expect(maxRelError(o, Array(expected[(t * c)..<((t + 1) * c)])) < 1e-15)
        }
      }
    }
  }

  @Test func badConfigurationsNameTheValue() {
    let store = ParameterStore<Double>()
    #expect(throws: MHCError("streams = 0 is invalid; the expansion rate n must be ≥ 1")) {
      _ = try ConnectionConfig(kind: .mhc, streams: 0, width: 4).make(store: store, prefix: "c", capacity: 1)
    }
    #expect(throws: MHCError("iterations = -2 is invalid; t_max must be ≥ 0")) {
      _ = try ConnectionConfig(kind: .mhc, streams: 2, width: 4, iterations: -2).make(
        store: store, prefix: "c",
        capacity: 1)
    }
    #expect(
      throws: MHCError(
        "streams = 4 with connection 'residual': the plain residual has exactly 1 stream (TrainConfig.resolved() sets it)"
      )
    ) {
      _ = try ConnectionConfig(kind: .residual, streams: 4, width: 4).make(store: store, prefix: "c", capacity: 1)
    }
  }
}

extension ConnectionRig {
  func lossOn(_ input: [Double]) -> Double {
    var out = [Double](repeating: 0, count: tokens * n * c)
    input.withUnsafeBufferPointer { conn.forward($0.baseAddress!, &out, tokens: tokens, sublayer: f) }
    return zip(out, cot).reduce(0) { $0 + $1.0 * $1.1 }
  }
}
