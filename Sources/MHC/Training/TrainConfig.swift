/// Every knob of one training run: the model (``ModelConfig``, which holds the connection's
/// ``ConnectionConfig``), the optimisation, the data and the evaluation. Each setting has one
/// name: `c.model.layers`, `c.model.connection.streams`, `c.lr`; the same name in `config.json`
/// (flat: `layers`, `streams`, `lr`) and on the command line (`--layers`, `--streams`, `--lr`).
/// `resolved()` fills the defaults that depend on others (warmup = 5% of steps, one stream for
/// the residual baseline); `config.json` stores the resolved form.
///
/// ```swift
/// var c = TrainConfig()                      // mHC, n = 4, C = 128, 4 layers, 300 steps
/// c.model.connection.kind = .hc; c.model.layers = 8; c.lr = 1e-2
/// try TrainingRun(config: c, directory: "runs/hc-L8").run()
/// ```
public struct TrainConfig: Sendable, Equatable {
  /// The model as asked for. For the residual baseline the connection's `streams`, the stream
  /// init and the collapse are ignored (one stream); ``resolved()`` writes them as they take effect.
  public var model: ModelConfig
  /// The Fashion-MNIST folder (task `fashion-mnist`); `nil` means ``FashionMNIST/defaultPath``.
  public var data: String?
  public var batch = 16
  public var steps = 300
  public var lr = 3e-3
  /// Warmup steps; `nil` → 5% of `steps`.
  public var warmup: Int?
  public var seed: UInt64 = 0
  public var corpus = ByteCorpus.defaultPath
  public var evalEvery = 50
  public var evalBatches = 4
  /// Windows of the final evaluation (``EvaluationSet``: disjoint windows tiling the validation
  /// split, the same for every run with this corpus and `seq`); `nil` → 2048, or as many as the split holds.
  public var finalEvalWindows: Int?
  public var weightDecay = 0.1
  public var clip = 1.0
  /// Steps between checkpoints; `nil` → `evalEvery`.
  public var checkpointEvery: Int?
  /// Replay: the token windows of every step come from this file (see ``ReplayBatches``) instead
  /// of the seeded sampler; `nil`: sampled.
  public var batchesFile: String?

  /// The reference configuration: mHC with `n = 4`, `t_max = 20`, uniform bias init, C = 128,
  /// 4 layers, 4 heads, seq 128, batch 16, 300 steps at peak lr 3e-3, streams formed as
  /// `embeddings`.
  ///
  /// The stream init is `embeddings`, chosen by the `mappings` experiment: with identical copies
  /// the first sublayer's `H_res` cannot learn at all (`docs/method.md`, "Symmetry"), and adding a
  /// learned per-stream vector lowered the final loss in each of the four setups compared with
  /// and without it there (HC; mHC uniform; uniform + home-stream `H_pre`; identity), by
  /// 0.012–0.049 nats/byte (2 seeds each, paired by seed).
  public init() {
    model = ModelConfig()
    model.streamInit = .embeddings
  }

  /// Final-evaluation windows when not set: with `fortunes` at `seq` 128 the whole split (1 997
  /// windows), whose standard error is about 0.007 nats/byte for the reference model.
  public static let defaultFinalEvalWindows = 2048

  /// Defaults filled in, and the model as it takes effect: the residual has one stream formed
  /// by copying, summed, not recomputed; only mHC has a manifold; images have 49 tokens; the
  /// connection template has the model's width.
  public func resolved() -> TrainConfig {
    var c = self
    if c.model.connection.kind == .residual {
      c.model.connection.streams = 1; c.model.streamInit = .copies; c.model.collapse = .sum; c.model.recompute = 0
    }
    if c.model.connection.kind != .mhc { c.model.connection.manifold = .sinkhorn }
    c.model.connection.width = c.model.width
    if let tokens = c.model.task.tokens { c.model.seq = tokens }
    if c.model.task == .bytes { c.data = nil }
    if c.warmup == nil { c.warmup = max(1, Int((Double(steps) * 0.05).rounded())) }
    if c.checkpointEvery == nil { c.checkpointEvery = evalEvery }
    if c.finalEvalWindows == nil {  // the language model's default, or the whole test set of images
      c.finalEvalWindows = c.model.task == .bytes ? TrainConfig.defaultFinalEvalWindows : 10_000
    }
    return c
  }

  /// Whether `other` trains the same run: equal in everything but ``recompute``.
  public func sameRun(as other: TrainConfig) -> Bool {
    var a = self, b = other
    a.model.recompute = 0; b.model.recompute = 0
    return a == b
  }

  /// Rejects bad values with a one-line error naming the value and what is allowed.
  public func validate() throws {
    try MHCError.check(steps >= 1, "--steps \(steps) is invalid; must be ≥ 1")
    try MHCError.check(batch >= 1, "--batch \(batch) is invalid; must be ≥ 1")
    try MHCError.check(lr > 0 && lr.isFinite, "--lr \(lr) is invalid; must be a positive number")
    try MHCError.check((warmup ?? 0) >= 0, "--warmup \(warmup ?? 0) is invalid; must be ≥ 0")
    try MHCError.check(evalEvery >= 1, "--eval-every \(evalEvery) is invalid; must be ≥ 1")
    try MHCError.check(evalBatches >= 1, "--eval-batches \(evalBatches) is invalid; must be ≥ 1")
    try MHCError.check(
      (finalEvalWindows ?? 1) >= 1,
      "--final-eval-windows \(finalEvalWindows ?? 0) is invalid; must be ≥ 1 (windows of the final evaluation set)")
    try MHCError.check(weightDecay >= 0, "weight decay \(weightDecay) is invalid; must be ≥ 0")
    try MHCError.check(
      model.connection.kind == .residual || model.connection.streams >= 1,
      "--streams \(model.connection.streams) is invalid; the expansion rate n must be ≥ 1")
    try MHCError.check(clip > 0, "clip \(clip) is invalid; must be > 0")
    try MHCError.check(
      model.recompute >= 0,
      "--recompute \(model.recompute) is invalid; the block size K must be ≥ 0 (0 = off; K keeps every K-th "
        + "sublayer's streams)"
    )
    try MHCError.check(
      (checkpointEvery ?? 1) >= 1, "checkpoint interval \(checkpointEvery ?? 0) is invalid; must be ≥ 1")
    try MHCError.check(
      batchesFile == nil || model.task == .bytes,
      "--batches is for the bytes task only; the \(model.task.rawValue) task samples its own images")
    try resolved().model.validate()
  }

  /// The schedule this run follows.
  public var schedule: LearningRateSchedule {
    LearningRateSchedule(peak: lr, warmup: resolved().warmup!, steps: steps)
  }
}

/// `config.json` is flat, one key per setting (`layers`, `streams`, `lr`, …), as it has been since
/// the first run: files written by every earlier version read back, and settings at their
/// defaults that older files did not know (`task`, `manifold`, `collapse`, `recompute`,
/// `alphaInit`, `connLRMult`) are left out, so a configuration that uses none of them is written
/// as it always was.
extension TrainConfig: Codable {
  enum Key: String, CodingKey {
    case task, data, connection, streams, width, layers, heads, seq, batch, steps, lr, warmup, iterations
    case biasInit, preInit, streamInit, alphaInit, connLRMult, manifold, collapse
    case learnPre, learnPost, learnRes, dynamic, seed, corpus, evalEvery, evalBatches, finalEvalWindows
    case weightDecay, clip, checkpointEvery, recompute, batchesFile
  }

  public init(from decoder: any Decoder) throws {
    let k = try decoder.container(keyedBy: Key.self)
    var m = ModelConfig()
    m.task = try k.decodeIfPresent(ModelTask.self, forKey: .task) ?? .bytes
    m.width = try k.decode(Int.self, forKey: .width)
    m.layers = try k.decode(Int.self, forKey: .layers)
    m.heads = try k.decode(Int.self, forKey: .heads)
    m.seq = try k.decode(Int.self, forKey: .seq)
    var c = ConnectionConfig(
      kind: try k.decode(ConnectionKind.self, forKey: .connection), streams: try k.decode(Int.self, forKey: .streams),
      width: m.width, iterations: try k.decode(Int.self, forKey: .iterations),
      learnPre: try k.decode(Bool.self, forKey: .learnPre), learnPost: try k.decode(Bool.self, forKey: .learnPost),
      learnRes: try k.decode(Bool.self, forKey: .learnRes), dynamic: try k.decode(Bool.self, forKey: .dynamic),
      biasInit: try k.decode(BiasInit.self, forKey: .biasInit))
    c.preInit = try k.decodeIfPresent(PreInit.self, forKey: .preInit)
    c.alphaInit = try k.decodeIfPresent(Double.self, forKey: .alphaInit) ?? 0.01
    c.connLRMult = try k.decodeIfPresent(Double.self, forKey: .connLRMult) ?? 1
    c.manifold = try k.decodeIfPresent(ResidualManifold.self, forKey: .manifold) ?? .sinkhorn
    m.connection = c
    m.streamInit = try k.decodeIfPresent(StreamInit.self, forKey: .streamInit) ?? .copies  // before there was a choice
    m.collapse = try k.decodeIfPresent(Collapse.self, forKey: .collapse) ?? .sum
    m.recompute = try k.decodeIfPresent(Int.self, forKey: .recompute) ?? 0
    model = m
    data = try k.decodeIfPresent(String.self, forKey: .data)
    batch = try k.decode(Int.self, forKey: .batch)
    steps = try k.decode(Int.self, forKey: .steps)
    lr = try k.decode(Double.self, forKey: .lr)
    warmup = try k.decodeIfPresent(Int.self, forKey: .warmup)
    seed = try k.decode(UInt64.self, forKey: .seed)
    corpus = try k.decode(String.self, forKey: .corpus)
    evalEvery = try k.decode(Int.self, forKey: .evalEvery)
    evalBatches = try k.decode(Int.self, forKey: .evalBatches)
    finalEvalWindows = try k.decodeIfPresent(Int.self, forKey: .finalEvalWindows)
    weightDecay = try k.decode(Double.self, forKey: .weightDecay)
    clip = try k.decode(Double.self, forKey: .clip)
    checkpointEvery = try k.decodeIfPresent(Int.self, forKey: .checkpointEvery)
    batchesFile = try k.decodeIfPresent(String.self, forKey: .batchesFile)
  }

  public func encode(to encoder: any Encoder) throws {
    var k = encoder.container(keyedBy: Key.self)
    let m = model, c = model.connection, residual = c.kind == .residual
    if m.task != .bytes { try k.encode(m.task, forKey: .task) }
    try k.encodeIfPresent(data, forKey: .data)
    try k.encode(c.kind, forKey: .connection)
    try k.encode(c.streams, forKey: .streams)
    try k.encode(m.width, forKey: .width)
    try k.encode(m.layers, forKey: .layers)
    try k.encode(m.heads, forKey: .heads)
    try k.encode(m.seq, forKey: .seq)
    try k.encode(batch, forKey: .batch)
    try k.encode(steps, forKey: .steps)
    try k.encode(lr, forKey: .lr)
    try k.encodeIfPresent(warmup, forKey: .warmup)
    try k.encode(c.iterations, forKey: .iterations)
    try k.encode(c.biasInit, forKey: .biasInit)
    try k.encodeIfPresent(c.preInit, forKey: .preInit)
    if !residual && m.streamInit != .copies { try k.encode(m.streamInit, forKey: .streamInit) }
    if c.alphaInit != 0.01 { try k.encode(c.alphaInit, forKey: .alphaInit) }
    if c.connLRMult != 1 { try k.encode(c.connLRMult, forKey: .connLRMult) }
    if c.kind == .mhc && c.manifold != .sinkhorn { try k.encode(c.manifold, forKey: .manifold) }
    if !residual && m.collapse != .sum { try k.encode(m.collapse, forKey: .collapse) }
    try k.encode(c.learnPre, forKey: .learnPre)
    try k.encode(c.learnPost, forKey: .learnPost)
    try k.encode(c.learnRes, forKey: .learnRes)
    try k.encode(c.dynamic, forKey: .dynamic)
    try k.encode(seed, forKey: .seed)
    try k.encode(corpus, forKey: .corpus)
    try k.encode(evalEvery, forKey: .evalEvery)
    try k.encode(evalBatches, forKey: .evalBatches)
    try k.encodeIfPresent(finalEvalWindows, forKey: .finalEvalWindows)
    try k.encode(weightDecay, forKey: .weightDecay)
    try k.encode(clip, forKey: .clip)
    try k.encodeIfPresent(checkpointEvery, forKey: .checkpointEvery)
    if !residual && m.recompute != 0 { try k.encode(m.recompute, forKey: .recompute) }
    try k.encodeIfPresent(batchesFile, forKey: .batchesFile)
  }
}
