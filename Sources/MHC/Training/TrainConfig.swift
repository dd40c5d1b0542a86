/// Every knob of one training run. `resolved()` fills the defaults that depend on others
/// (warmup = 5% of steps, streams = 1 for the residual baseline); `config.json` stores the
/// resolved form.
public struct TrainConfig: Codable, Sendable, Equatable {
  /// What the model learns (``ModelTask``); `nil` means ``ModelTask/bytes``, the language model
  /// (and reads `config.json` files written before there was a choice).
  public var task: ModelTask?
  /// The Fashion-MNIST folder (task `fashion-mnist`); `nil` means ``FashionMNIST/defaultPath``.
  public var data: String?
  public var connection: ConnectionKind = .mhc
  public var streams = 4
  public var width = 128
  public var layers = 4
  public var heads = 4
  public var seq = 128
  public var batch = 16
  public var steps = 300
  public var lr = 3e-3
  /// Warmup steps; `nil` → 5% of `steps`.
  public var warmup: Int?
  /// Sinkhorn-Knopp iterations `t_max`.
  public var iterations = 20
  public var biasInit: BiasInit = .uniform
  /// mHC `H_pre` bias init; `nil`: the bias init's own (`home` for identity, else `uniform`).
  public var preInit: PreInit?
  /// How the HC/mHC streams are formed; `nil` means `copies` (the HC paper's way).
  ///
  /// The default is `embeddings`, chosen by the `mappings` experiment: with identical copies the
  /// first sublayer's `H_res` cannot learn at all (`docs/method.md`, "Symmetry"), and adding a learned
  /// per-stream vector lowered the final loss in each of the four setups compared with and
  /// without it there (HC; mHC uniform; uniform + home-stream `H_pre`; identity), by
  /// 0.012–0.049 nats/byte (2 seeds each, paired by seed). Optional, like
  /// the next two, so that `config.json` files written before these options existed still read.
  public var streamInit: StreamInit? = .embeddings
  /// Initial `α` of every mapping; `nil` means 0.01.
  public var alphaInit: Double?
  /// Learning-rate multiplier of the connections' `α` and `b`; `nil` means 1.
  public var connLRMult: Double?
  /// mHC's residual manifold; `nil` means ``ResidualManifold/sinkhorn`` (and reads older `config.json` files).
  public var manifold: ResidualManifold?
  /// How the streams are reduced before the final norm (HC, mHC); `nil` means ``Collapse/sum``.
  public var collapse: Collapse?
  public var learnPre = true
  public var learnPost = true
  public var learnRes = true
  public var dynamic = true
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
  /// Recomputation block size `K` (``ModelConfig/recompute``; HC and mHC); `nil` means 0, off.
  /// It changes memory and time, never a number: runs with any `K` are bit-identical, so a
  /// run may be resumed with another (``sameRun(as:)``).
  public var recompute: Int?
  /// Replay: the token windows of every step come from this file (see ``ReplayBatches``) instead
  /// of the seeded sampler; `nil`: sampled.
  public var batchesFile: String?

  public init() {}

  /// Final-evaluation windows when not set: with `fortunes` at `seq` 128 the whole split (1 997
  /// windows), whose standard error is about 0.007 nats/byte for the reference model.
  public static let defaultFinalEvalWindows = 2048

  /// Defaults filled in.
  public func resolved() -> TrainConfig {
    var c = self
    if c.connection == .residual { c.streams = 1; c.streamInit = nil }  // one stream: nothing to form
    if c.connection != .mhc || c.manifold == .sinkhorn { c.manifold = nil }  // the default, written as before
    if c.connection == .residual || c.collapse == .sum { c.collapse = nil }
    if c.warmup == nil { c.warmup = max(1, Int((Double(steps) * 0.05).rounded())) }
    if c.checkpointEvery == nil { c.checkpointEvery = evalEvery }
    if c.finalEvalWindows == nil {  // the language model's default, or the whole test set of images
      c.finalEvalWindows = (c.task ?? .bytes) == .bytes ? TrainConfig.defaultFinalEvalWindows : 10_000
    }
    if c.connection == .residual || c.recompute == 0 { c.recompute = nil }
    if c.task == .bytes { c.task = nil }  // the default, written as before
    if let tokens = c.task?.tokens { c.seq = tokens }
    if c.task == nil { c.data = nil }
    return c
  }

  /// Whether `other` trains the same run: equal in everything but ``recompute``.
  public func sameRun(as other: TrainConfig) -> Bool {
    var a = self, b = other
    a.recompute = nil; b.recompute = nil
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
      connection == .residual || streams >= 1,
      "--streams \(streams) is invalid; the expansion rate n must be ≥ 1")
    try MHCError.check(clip > 0, "clip \(clip) is invalid; must be > 0")
    try MHCError.check(
      (recompute ?? 0) >= 0,
      "--recompute \(recompute ?? 0) is invalid; the block size K must be ≥ 0 (0 = off; K keeps every K-th sublayer's streams)"
    )
    try MHCError.check(
      (checkpointEvery ?? 1) >= 1, "checkpoint interval \(checkpointEvery ?? 0) is invalid; must be ≥ 1")
    try MHCError.check(
      batchesFile == nil || (task ?? .bytes) == .bytes,
      "--batches is for the bytes task only; the \((task ?? .bytes).rawValue) task samples its own images")
    try resolved().model.validate()
  }

  /// The model this run trains.
  public var model: ModelConfig {
    var m = ModelConfig()
    m.task = task ?? .bytes
    m.width = width; m.layers = layers; m.heads = heads; m.seq = m.task.tokens ?? seq
    m.connection = ConnectionConfig(
      kind: connection, streams: connection == .residual ? 1 : streams, width: width,
      iterations: iterations, learnPre: learnPre, learnPost: learnPost,
      learnRes: learnRes, dynamic: dynamic, biasInit: biasInit)
    m.connection.preInit = preInit
    m.connection.manifold = connection == .mhc ? manifold ?? .sinkhorn : .sinkhorn
    m.connection.alphaInit = alphaInit ?? 0.01
    m.connection.connLRMult = connLRMult ?? 1
    m.streamInit = connection == .residual ? .copies : streamInit ?? .copies
    m.collapse = connection == .residual ? .sum : collapse ?? .sum
    m.recompute = recompute ?? 0
    return m
  }

  /// The schedule this run follows.
  public var schedule: LearningRateSchedule {
    LearningRateSchedule(peak: lr, warmup: resolved().warmup!, steps: steps)
  }
}
