import MHC
import Testing

@Suite struct ModelTests {
  @Test func tinyModelMatchesFloat64Reference() throws {
    let ref = try fixture("tiny_model.json")
    let tokens = (ref["tokens"] as! [[Int]]), targets = (ref["targets"] as! [[Int]])
    var config = ModelConfig()
    config.width = 8; config.layers = 1; config.heads = 2; config.seq = tokens[0].count
    config.connection = ConnectionConfig(kind: .mhc, streams: 2, width: 8, iterations: 20)
    let model = try Transformer<Double>(config, batch: tokens.count, seed: 0)
    let tensors = ref["tensors"] as! [String: [String: Any]]
    #expect(Set(tensors.keys) == Set(model.parameters.infos.map(\.name)))
    for (name, t) in tensors { try model.parameters.set(name, doubles(t["value"])) }
    let loss = model.forward(
      inputs: tokens.flatMap { $0 }.map(Int32.init), targets: targets.flatMap { $0 }.map(Int32.init))
    #expect(abs(loss - (ref["loss"] as! Double)) < 1e-12, "loss \(loss)")
    model.parameters.zeroGrads()
    model.backward()
    for (name, t) in tensors {
      let err = maxRelError(model.parameters.grads(named: name)!, doubles(t["grad"]))
      #expect(err < 1e-10, "\(name) gradient error \(err)")
    }
  }

  static let variants: [(String, ConnectionConfig)] = [
    ("residual", ConnectionConfig(kind: .residual, streams: 1, width: 8)),
    ("hc", ConnectionConfig(kind: .hc, streams: 3, width: 8)),
    ("hc static", ConnectionConfig(kind: .hc, streams: 2, width: 8, dynamic: false)),
    ("mhc", ConnectionConfig(kind: .mhc, streams: 3, width: 8, iterations: 4)),
    ("mhc identity t0", ConnectionConfig(kind: .mhc, streams: 2, width: 8, iterations: 0, biasInit: .identity)),
  ]

  /// Whole-model loss gradient vs central differences, every parameter tensor, every
  /// connection variant (see ``checkWholeModelGradients(_:label:)``).
  @Test(arguments: 0..<variants.count)
  func wholeModelGradientMatchesFiniteDifferences(variant: Int) throws {
    let (label, conn) = Self.variants[variant]
    var config = ModelConfig()
    config.width = 8; config.layers = 2; config.heads = 2; config.seq = 5
    config.connection = conn
    try checkWholeModelGradients(config, label: label)
  }

  @Test func hcAtInitEqualsResidualModel() throws {
    // Same seeds for the shared tensors; HC at init (θ = 0, b_res = I, b_post = 1, b_pre = e_k)
    // carries n identical streams, each equal to the pre-norm residual network's stream.
    var rc = ModelConfig(); rc.width = 8; rc.layers = 2; rc.heads = 2; rc.seq = 4
    rc.connection = ConnectionConfig(kind: .residual, streams: 1, width: 8)
    var hc = rc; hc.connection = ConnectionConfig(kind: .hc, streams: 4, width: 8)
    let r = try Transformer<Double>(rc, batch: 1, seed: 1), h = try Transformer<Double>(hc, batch: 1, seed: 1)
    for info in r.parameters.infos { try h.parameters.set(info.name, r.parameters.values(named: info.name)!) }
    let x: [Int32] = [1, 50, 200, 7], y: [Int32] = [50, 200, 7, 9]
    r.forward(inputs: x, targets: y); h.forward(inputs: x, targets: y)
    let last = 2 * rc.layers
    for t in 0..<4 {
      for j in 0..<4 {
        for k in 0..<8 { #expect(abs(h.stream(last)[(t * 4 + j) * 8 + k] - r.stream(last)[t * 8 + k]) < 1e-14) }
      }
    }
  }
}
