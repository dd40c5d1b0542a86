/// The shape of the model every experiment trains (`docs/method.md`): the byte-level language
/// model, or with ``task`` the Fashion-MNIST vision transformer over the same trunk.
public struct ModelConfig: Codable, Sendable, Equatable {
  /// What the model reads and predicts (``ModelTask``); it picks the input and output modules.
  public var task: ModelTask = .bytes
  public var vocab: Int = 256
  public var width: Int = 128
  public var layers: Int = 4
  public var heads: Int = 4
  /// Tokens per example: the sequence length, or the 49 patches of an image (``ModelTask/tokens``).
  public var seq: Int = 128
  /// Connection template; `width` and `index` are filled in per sublayer.
  public var connection: ConnectionConfig = ConnectionConfig(kind: .mhc, streams: 4, width: 128)
  /// How the `n` streams are formed from the token embedding.
  public var streamInit: StreamInit = .copies
  /// How the `n` streams are reduced to one before the final norm.
  public var collapse: Collapse = .sum
  /// Recomputation block size `K` (HC, mHC; 0 = off): keep the streams entering every K-th
  /// sublayer and recompute the connections' forward passes of a block in the backward.
  public var recompute: Int = 0

  public init() {}

  /// The block size in effect: `recompute`, or 0 for the residual (nothing to recompute).
  public var recomputeBlock: Int { connection.kind == .residual ? 0 : recompute }

  /// Classes of the output: 256 byte values, or 10 Fashion-MNIST classes.
  public var outputs: Int { task.outputs(vocab: vocab) }

  /// Whether the streams entering sublayer `k` (`0...2·layers`) have a buffer of their own
  /// that holds them through the backward. With recomputation only every K-th does, and not
  /// even all of those: the embedded streams (`k = 0`, when some later stream is kept) are
  /// made again from the tokens before the first block's replay, in the buffer of stream `K`
  /// (dead by then); the final streams (`k = 2L`, when they are summed) are only read by the
  /// sum and live in the stream-gradient buffer, which the backward overwrites next.
  public func keepsStream(_ k: Int) -> Bool {
    let b = recomputeBlock, last = 2 * layers
    if b == 0 { return true }
    if k == 0 { return !(b >= 2 && b < last) }
    if k == last { return collapse != .sum }
    return k % b == 0
  }

  /// Stream buffers the model holds besides the gradient's: `2L + 1`, or with recomputation
  /// the kept ones plus `K − 1` working buffers for the streams inside the block being recomputed.
  public var streamBuffers: Int { (0...(2 * layers)).filter(keepsStream).count + workingStreams }

  /// Working stream buffers with recomputation: one per inner stream of a block.
  public var workingStreams: Int { recomputeBlock == 0 ? 0 : min(recomputeBlock, 2 * layers) - 1 }

  /// Connection caches the model holds: one per sublayer, or `K` shared ones.
  public var cacheCount: Int { recomputeBlock == 0 ? 2 * layers : min(recomputeBlock, 2 * layers) }

  public func validate() throws {
    try MHCError.check(width >= 2, "width = \(width) is invalid; must be ≥ 2")
    try MHCError.check(layers >= 1, "layers = \(layers) is invalid; must be ≥ 1")
    try MHCError.check(
      heads >= 1 && width % heads == 0 && (width / heads) % 2 == 0,
      "heads = \(heads) is invalid for width \(width); heads must divide the width into an even head size")
    try MHCError.check(seq >= 1, "seq = \(seq) is invalid; must be ≥ 1")
    if let fixed = task.tokens {
      try MHCError.check(
        seq == fixed, "seq = \(seq) is invalid for the \(task.rawValue) task; its images are \(fixed) tokens")
    }
    try MHCError.check(recompute >= 0, "recompute = \(recompute) is invalid; the block size K must be ≥ 0 (0 = off)")
    var c = connection; c.width = width
    try c.validate()
  }
}

/// The transformer every experiment trains, read top to bottom as its forward runs:
/// input module (``InputEmbedding``) → `n` stream copies → `layers` × (attention, SwiGLU), each
/// sublayer wrapped by a ``StreamConnection`` (the ``ResidualStack``) → sum (or learned collapse)
/// of the streams → RMSNorm → output module (``OutputHead``) → mean cross-entropy. The task
/// (``ModelConfig/task``) picks the two modules and the attention's mask: the byte-level
/// decoder-only language model, or a vision transformer over Fashion-MNIST patches.
///
/// Parameter layout of the language model (names match the reference fixture
/// `Tests/MHCTests/Fixtures/tiny_model.json`; the vision transformer has `patch.weight [C][16]`,
/// `pos.emb [49][C]` in place of `emb.weight` and `head.weight [10][C]`):
///
///     emb.weight            [256][C]
///     streams.emb           [n][C]   (stream init `embeddings` only: added to stream j of every token)
///     subs.2l   attention   norm.g [C], qkv.weight [3C][C], o.weight [C][C]
///     subs.2l+1 MLP         norm.g [C], w1.weight [H][C], w3.weight [H][C], w2.weight [C][H]
///     conns.k               theta [n+2][C] (hc) | phi [nC][2n+n²] (mhc), a [3], b [2n+n²]
///     norm.g                [C]
///     head.weight           [256][C]
///
/// ```swift
/// let config = ModelConfig()                   // the reference model: C 128, 4 layers, mHC with n = 4
/// let x = [Int32](repeating: 65, count: 16 * config.seq), y = x
/// let model = try Transformer<Float>(config, batch: 16, seed: 0)
/// let loss = model.forward(inputs: x, targets: y)   // x, y: [Int32], batch · seq tokens
/// model.backward()                  // gradients in model.parameters.grads
/// ```
public final class Transformer<T: Scalar> {
  public let config: ModelConfig
  public let capacity: Int
  public let parameters = ParameterStore<T>()
  public let attention: [Attention<T>]
  public let mlp: [SwiGLU<T>]
  /// The sublayers (attention, MLP, attention, …) and their connections, with the schedule.
  public let stack: ResidualStack<T>
  /// The task's modules: inputs → the first stream; the normed tokens → the loss.
  public let input: any InputEmbedding<T>
  public let output: any OutputHead<T>
  let finalGain: ParameterRef
  let streamEmb: ParameterRef?
  /// The learned collapse of the streams (``Collapse/learned``), else a plain sum.
  let collapseHead: CollapseHead<T>?
  let n: Int
  /// The connections' forward caches (one per sublayer, or `K` shared with recomputation).
  let caches: [ConnectionCache<T>]
  /// The connections' shared backward scratch.
  let workspace: ConnectionWorkspace<T>
  let summed, xhat, rinv, xf, dxf, dsummed: UnsafeMutablePointer<T>
  var inputValues: [Int32] = []
  public private(set) var lastTokens = 0
  /// Activation and scratch buffers.
  public let pool = BufferPool<T>()

  /// Element counts of the model's own buffers after the stack, in declaration order: the
  /// collapsed stream `summed`, the final norm's `xhat`, `rinv` and output `xf`, and the
  /// backward's `dxf`, `dsummed` (the input and output modules declare theirs).
  public static func headBufferCounts(_ config: ModelConfig, capacity cap: Int) -> [Int] {
    let c = config.width
    return [cap * c, cap * c, cap, cap * c, cap * c, cap * c]
  }

  /// Builds the model for batches of up to `batch` sequences and initialises it from `seed`.
  public init(_ config: ModelConfig, batch: Int, seed: UInt64) throws {
    try config.validate()
    try MHCError.check(batch >= 1, "batch = \(batch) is invalid; must be ≥ 1")
    self.config = config
    let c = config.width, cap = batch * config.seq
    capacity = cap
    n = config.connection.streams
    let store = parameters
    input = config.task.makeInput(config, capacity: cap, store: store)
    streamEmb =
      config.streamInit == .embeddings
      ? store.declare("streams.emb", shape: [n, c], initialiser: .normal(0.02)) : nil
    var att: [Attention<T>] = [], mlps: [SwiGLU<T>] = []
    for l in 0..<config.layers {
      att.append(
        try Attention(
          width: c, heads: config.heads, seq: config.seq, layers: config.layers, capacity: cap,
          store: store, prefix: "subs.\(2 * l)", causal: config.task.causal))
      mlps.append(SwiGLU(width: c, layers: config.layers, capacity: cap, store: store, prefix: "subs.\(2 * l + 1)"))
    }
    var template = config.connection
    template.width = c
    let caches = (0..<config.cacheCount).map { _ in ConnectionCache<T>(template, capacity: cap) }
    let workspace = ConnectionWorkspace<T>(template, capacity: cap)
    self.caches = caches; self.workspace = workspace
    var conns: [any StreamConnection<T>] = []
    for k in 0..<(2 * config.layers) {
      var cc = template
      cc.index = k
      conns.append(
        try cc.kind.make(
          cc, store: store, prefix: "conns.\(k)", capacity: cap,
          cache: caches[k % caches.count], workspace: workspace))
    }
    attention = att; mlp = mlps
    collapseHead = config.collapse == .learned ? CollapseHead(streams: n, width: c, capacity: cap, store: store) : nil
    finalGain = store.declare("norm.g", shape: [c], initialiser: .constant(1))
    output = config.task.makeOutput(config, capacity: cap, store: store)
    store.allocate(seed: seed)
    let buffer = pool.buffer
    let nc = n * c
    let kept = (0...(2 * config.layers)).filter(config.keepsStream), last = 2 * config.layers
    var slots = [Int: UnsafeMutablePointer<T>]()
    for k in kept { slots[k] = buffer(cap * nc) }
    let working = (0..<config.workingStreams).map { _ in buffer(cap * nc) }
    let gradient = buffer(cap * nc)
    let streams: [UnsafeMutablePointer<T>] = (0...last).map { (k: Int) -> UnsafeMutablePointer<T> in
      if let own = slots[k] { return own }
      if k == 0 { return slots[config.recomputeBlock]! }  // see ModelConfig.keepsStream
      if k == last { return gradient }
      return working[k % config.recomputeBlock - 1]
    }
    let subs: [any Sublayer<T>] = (0..<last).map { (k: Int) -> any Sublayer<T> in
      k % 2 == 0 ? att[k / 2] : mlps[k / 2]
    }
    stack = ResidualStack(
      sublayers: subs, connections: conns, streams: streams, gradient: gradient,
      recomputeBlock: config.recomputeBlock)
    let b = Self.headBufferCounts(config, capacity: cap).map(buffer)
    (summed, xhat, rinv, xf, dxf, dsummed) = (b[0], b[1], b[2], b[3], b[4], b[5])
  }

  /// Mean cross-entropy of predicting `targets` from `inputs` (nats per byte, or per image);
  /// caches what ``backward()`` needs. Language: both `[batch][seq]` byte values. Vision:
  /// `inputs` `[batch][784]` pixel values 0…255, `targets` `[batch]` class labels.
  @discardableResult
  public func forward(inputs: [Int32], targets: [Int32]) -> Double {
    let c = config.width, per = input.inputsPerExample, examples = inputs.count / max(per, 1)
    let tokens = examples * config.seq
    precondition(
      inputs.count == examples * per && targets.count == examples * output.targetsPerExample && tokens <= capacity
        && tokens > 0,
      "forward: \(inputs.count) inputs and \(targets.count) targets for \(per) inputs per example, capacity "
        + "\(capacity) tokens"
    )
    inputValues = inputs; lastTokens = tokens
    embedStreams()
    stack.forward(tokens: tokens)
    let last = streams[connections.count]
    if let collapseHead {
      collapseHead.forward(last, summed, tokens: tokens)
    } else {
      Parallel.rows(tokens) { range in
        for t in range {
          let o = summed + t * c
          o.update(from: last + t * n * c, count: c)
          for j in 1..<n {
            let sj = last + (t * n + j) * c
            for k in 0..<c { o[k] += sj[k] }
          }
        }
      }
    }
    RMSNorm.forward(summed, y: xf, xhat: xhat, r: rinv, gain: parameters.value(finalGain), rows: tokens, width: c)
    return output.forward(xf, targets: targets, tokens: tokens)
  }

  /// The streams entering the first sublayer: `n` copies of each token's input vector (plus the
  /// per-stream vectors with ``StreamInit/embeddings``), into `streams[0]`.
  func embedStreams() {
    let c = config.width, n = n, tokens = lastTokens, s0 = streams[0]
    input.forward(inputValues, s0, stride: n * c, tokens: tokens)
    let se = streamEmb.map { UnsafePointer(parameters.value($0)) }
    guard n > 1 || se != nil else { return }
    Parallel.rows(tokens) { range in
      for t in range {
        let row = s0 + t * n * c
        for j in stride(from: n - 1, through: 0, by: -1) {  // copy 0 last: the others read it
          let s = row + j * c
          if let se { for k in 0..<c { s[k] = row[k] + se[j * c + k] } } else if j > 0 { s.update(from: row, count: c) }
        }
      }
    }
  }

  /// Adds the gradient of the last ``forward(inputs:targets:)``'s loss to `parameters.grads`
  /// (call `parameters.zeroGrads()` first for a fresh gradient).
  public func backward() {
    let c = config.width, tokens = lastTokens, nc = n * c
    output.backward(dxf, tokens: tokens)
    RMSNorm.backward(
      dxf, dx: dsummed, xhat: xhat, r: rinv, gain: parameters.value(finalGain),
      dGain: parameters.grad(finalGain), rows: tokens, width: c)
    let d0 = dStream, ds = dsummed
    if let collapseHead {
      collapseHead.backward(ds, streams[connections.count], d0, tokens: tokens)
    } else {
      Parallel.rows(tokens) { range in
        for t in range { for j in 0..<n { (d0 + (t * n + j) * c).update(from: ds + t * c, count: c) } }
      }
    }
    stack.backward(tokens: tokens) { embedStreams() }
    // Input gradient (each copy's), then the stream vectors': every column in token order.
    input.backward(inputValues, dStream, stride: nc, copies: n, tokens: tokens)
    if let dse = streamEmb.map({ parameters.grad($0) }) {
      let dFirst = dStream
      Parallel.rows(c) { columns in
        let first = columns.lowerBound, count = columns.count
        for t in 0..<tokens {
          let d = dFirst + t * nc
          for j in 0..<n { Vector.accumulate(dse + j * c + first, d + j * c + first, count: count) }
        }
      }
    }
  }

  /// Calls `body(k)` for every sublayer in order, with connection `k`'s cache and the streams
  /// entering and leaving sublayer `k` holding the last forward's values. With recomputation
  /// they are replayed from the kept streams first (bit-identical, no sublayer runs).
  public func visitSublayers(_ body: (Int) -> Void) {
    stack.visit(tokens: lastTokens, remakeInput: { embedStreams() }, body)
  }

  /// Per-token `H_res` of sublayer `k` from the last forward, `[tokens][n][n]` (with
  /// recomputation, valid inside ``visitSublayers(_:)`` only).
  public func residualMapping(_ k: Int) -> UnsafePointer<T> {
    guard let h = connections[k].residualMapping else {
      preconditionFailure("residualMapping: the residual has no H_res")
    }
    return h
  }

  /// Single-layer and composite Amax gains of every sublayer on the last forward's tokens.
  public func gains() -> [SublayerGains] {
    var tracker = GainTracker(n: n, tokens: lastTokens)
    var out: [SublayerGains] = []
    visitSublayers { out.append(tracker.append(residualMapping($0))) }
    return out
  }

  /// Token-averaged `H_res` of every sublayer (row-major `n×n`) and of the composite of all.
  public func meanResidualMappings() -> (perSublayer: [[Double]], composite: [Double]) {
    var tracker = GainTracker(n: n, tokens: lastTokens)
    var per: [[Double]] = []
    visitSublayers { k in
      let h = residualMapping(k)
      var m = [Double](repeating: 0, count: n * n)
      for t in 0..<lastTokens { for i in 0..<(n * n) { m[i] += Double(h[t * n * n + i]) } }
      per.append(m.map { $0 / Double(max(lastTokens, 1)) })
      _ = tracker.append(h)
    }
    return (per, tracker.meanComposite)
  }

  /// Worst deviation from doubly stochastic of each sublayer's per-token `H_res`.
  public func stochasticDeviations() -> [StochasticDeviation] {
    var out: [StochasticDeviation] = []
    visitSublayers { out.append(StochasticDeviation.measure(residualMapping($0), count: lastTokens, n: n)) }
    return out
  }

  /// Matmul FLOPs of one training step (forward + backward) for `tokens` tokens: 6 per
  /// weight per token for every projection and the head, plus attention's QKᵀ and PV.
  public func trainingFLOPs(tokens: Int) -> Double {
    let c = Double(config.width), h = Double(SwiGLU<T>.hiddenSize(width: config.width))
    let perLayer = 4 * c * c + 3 * c * h
    let weights = Double(config.layers) * perLayer + config.task.outsideWeightsPerToken(config)
    let attn = Double(config.layers) * 2 * 2 * Double(config.seq) * c  // per token: QKᵀ + PV, full square
    return 3 * 2 * (weights + attn) * Double(tokens)
  }
}

extension Transformer {
  /// The connections, one per sublayer.
  public var connections: [any StreamConnection<T>] { stack.connections }
  /// Residual streams between sublayers: `streams[k]` is the input of sublayer k, `[tokens][n][C]`.
  /// With recomputation, streams that are not kept share ``ModelConfig/streamBuffers``'s
  /// working buffers and are valid only inside their block's backward (or ``visitSublayers(_:)``).
  var streams: [UnsafeMutablePointer<T>] { stack.streams }
  /// `∂L/∂streams`, back-propagated in place through every connection.
  var dStream: UnsafeMutablePointer<T> { stack.gradient }
  /// Fuse each mHC connection's forward block into the previous sublayer's mixing (default;
  /// off only to test that both give the same bits).
  public var fusion: Bool {
    get { stack.fusion }
    set { stack.fusion = newValue }
  }

  /// The residual streams entering sublayer `k` (`k = 2·layers` is the last), `[tokens][n][C]`.
  public func stream(_ k: Int) -> UnsafePointer<T> { UnsafePointer(streams[k]) }
}

extension ModelConfig {
  /// Trainable parameters outside the embedding and the head: attention, MLP, norms and
  /// connections (the "non-embedding parameters" of scaling laws).
  public var nonEmbeddingParameters: Int {
    let c = width, n = connection.streams
    var conn = connection
    conn.width = c
    let layout = conn.kind.layout
    let perConnection = layout.parameterCount(conn) - (conn.dynamic ? 0 : layout.projectionCount(conn))
    let perLayer = Attention<Float>.parameterCount(width: c) + SwiGLU<Float>.parameterCount(width: c)
    return layers * perLayer + 2 * layers * perConnection + c
      + (collapse == .learned && connection.kind != .residual
        ? CollapseHead<Float>.parameterCount(streams: n, width: c) : 0)
  }
}

extension Transformer {
  /// Bytes this model holds: parameters, gradients, AdamW's two moments and every
  /// activation/scratch buffer (deterministic, unlike the process's resident size).
  public var trainingBytes: Int {
    let buffers =
      attention.map(\.pool.bytes).reduce(0, +) + mlp.map(\.pool.bytes).reduce(0, +)
      + connections.map(\.ownedBytes).reduce(0, +) + caches.map(\.pool.bytes).reduce(0, +) + workspace.pool.bytes
      + pool.bytes + (collapseHead?.pool.bytes ?? 0) + input.pool.bytes + output.pool.bytes
    return 4 * parameters.count * MemoryLayout<T>.stride + buffers
  }
}
