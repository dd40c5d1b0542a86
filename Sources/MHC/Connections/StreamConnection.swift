/// A sublayer `F: R^C → R^C` applied to `tokens` rows, with its own backward.
///
/// `forward` must cache what `backward` needs; the input pointer stays valid until the
/// matching `backward`. `backward` overwrites `dx` and *adds* parameter gradients.
public protocol Sublayer<T>: AnyObject {
  associatedtype T: Scalar
  func forward(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, tokens: Int)
  func backward(_ dy: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, tokens: Int)
}

/// One residual connection around a sublayer, as the passes a ``ResidualStack`` schedules.
///
/// Streams are stored `[tokens][n][C]`. With per-token mappings `H_pre ∈ R^n`, `H_post ∈ R^n`,
/// `H_res ∈ R^{n×n}` a connection computes
///
///     h      = Σ_j H_pre[j] · x_j                      (the sublayer input)
///     out_i  = Σ_j H_res[i][j] · x_j + H_post[i] · F(h)
///
/// — the plain residual is `n = 1`, `H = 1` (``ResidualConnection``), Hyper-Connections learn
/// unconstrained mappings (``HyperConnection``), mHC constrains `H_res` to a manifold
/// (``ManifoldHyperConnection``). `docs/method.md` states each one's equations.
///
/// The forward is three passes — ``prepare(_:tokens:profiled:)`` (the mappings and `h`),
/// ``runSublayer(_:input:tokens:)``, ``mix(_:_:tokens:then:profiled:)`` — and the backward
/// four — ``backwardMixing(_:_:input:tokens:)``, ``runSublayerBackward(_:gradient:tokens:)``,
/// ``backwardBlock(_:input:tokens:then:previousInput:)``, ``backwardSums(_:input:tokens:)``. A
/// connection that works token block by token block says so (``fusesWithPreviousMixing``,
/// ``fusesWithPreviousBackwardMixing``) and the stack then runs its forward block inside the
/// previous connection's mixing, and the previous connection's backward mixing inside its own
/// backward block: one pass over the streams instead of two, the same arithmetic per token.
///
/// ```swift
/// let store = ParameterStore<Float>(), pool = BufferPool<Float>(), tokens = 64
/// let mlp = SwiGLU<Float>(width: 128, layers: 1, capacity: tokens, store: store, prefix: "subs.1")
/// let conn: any StreamConnection<Float> = try ConnectionKind.mhc.make(
///   ConnectionConfig(kind: .mhc, streams: 4, width: 128), store: store, prefix: "conns.0", capacity: tokens)
/// store.allocate(seed: 0)
/// let x = pool.buffer(tokens * 4 * 128), out = pool.buffer(tokens * 4 * 128)
/// let dOut = pool.buffer(tokens * 4 * 128), dx = pool.buffer(tokens * 4 * 128)
/// conn.forward(x, out, tokens: tokens, sublayer: mlp)
/// conn.backward(dOut, dx, tokens: tokens, sublayer: mlp, input: x)
/// ```
public protocol StreamConnection<T>: AnyObject {
  associatedtype T: Scalar
  var config: ConnectionConfig { get }
  /// Tokens the buffers were built for.
  var capacity: Int { get }
  /// Bytes of the buffers this connection owns (not the shared cache and workspace).
  var ownedBytes: Int { get }

  /// The mappings and the sublayer input `h` (nothing for the residual: its input is `x`).
  func prepare(_ x: UnsafePointer<T>, tokens: Int, profiled: Bool)
  /// The sublayer on its input (after ``prepare(_:tokens:profiled:)``), into the stored output `F(h)`.
  func runSublayer(_ sublayer: any Sublayer<T>, input x: UnsafePointer<T>, tokens: Int)
  /// `out = H_res x + H_postᵀ F(h)`; with `next` (a connection that
  /// ``fusesWithPreviousMixing``), `next`'s forward block on each token block of `out` while it
  /// is in cache.
  func mix(
    _ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, tokens: Int, then next: (any StreamConnection<T>)?,
    profiled: Bool)
  /// Recomputes the forward's cache (and, with `out`, the output streams) from the same `x`
  /// without running the sublayer: bit-identical to the forward (the same code).
  func replay(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>?, tokens: Int)
  /// ``prepare(_:tokens:profiled:)`` of the tokens in `range` only (thread `part`), for fusion.
  func prepareBlock(_ x: UnsafePointer<T>, _ range: Range<Int>, part: Int)
  /// Whether ``prepareBlock(_:_:part:)`` can run inside the previous connection's mixing.
  var fusesWithPreviousMixing: Bool { get }

  /// Backward through the mixing: `∂H_post`, `∂H_res`, `∂F(h)` and the `H_res` share of `∂x`
  /// (`dx` may be `dOut`).
  func backwardMixing(_ dOut: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, input x: UnsafePointer<T>, tokens: Int)
  /// ``backwardMixing(_:_:input:tokens:)`` for the tokens in `range`, for fusion.
  func backwardMixingRows(
    _ dOut: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, _ x: UnsafePointer<T>,
    _ range: Range<Int>)
  /// The sublayer's backward from `∂F(h)` into `∂h`; `gradient` is the connection's `∂out`
  /// (the residual's `∂F` is `∂out` itself).
  func runSublayerBackward(_ sublayer: any Sublayer<T>, gradient dOut: UnsafePointer<T>, tokens: Int)
  /// Through `h = Σ_j H_pre[j] x_j` and the mappings into `∂x`, block by block; with `previous`
  /// (whose input is `previousInput`), its backward mixing on each finished block, in place.
  func backwardBlock(
    _ dx: UnsafeMutablePointer<T>, input x: UnsafePointer<T>, tokens: Int,
    then previous: (any StreamConnection<T>)?, previousInput: UnsafePointer<T>?)
  /// Whether ``backwardBlock(_:input:tokens:then:previousInput:)`` can run the previous
  /// connection's backward mixing inside it.
  var fusesWithPreviousBackwardMixing: Bool { get }
  /// The sums over all tokens: the mappings' `α`, `b` and projection gradients.
  func backwardSums(_ dx: UnsafeMutablePointer<T>, input x: UnsafePointer<T>, tokens: Int)

  /// Per-token `H_res` of the last forward, `[tokens][n][n]` (`nil`: the residual has none).
  var residualMapping: UnsafePointer<T>? { get }
  /// The first non-finite mapping or activation of the last forward, named.
  func firstNonFinite(tokens: Int) -> String?
  /// Largest spread of one token's `H_res` logits in the last forward (`nil`: no projection).
  func maxLogitSpread(tokens: Int) -> Double?
}

extension StreamConnection {
  /// `out = H_res · x + H_postᵀ · F(H_pre · x)` for `tokens` rows of `[n][C]` streams: the three
  /// forward passes, unfused. `x` must stay valid until the matching backward.
  public func forward(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, tokens: Int, sublayer: any Sublayer<T>) {
    prepare(x, tokens: tokens, profiled: true)
    runSublayer(sublayer, input: x, tokens: tokens)
    mix(x, out, tokens: tokens, then: nil, profiled: true)
  }

  /// Given `∂L/∂out`, writes `∂L/∂x` into `dx` and adds the connection's and the sublayer's
  /// parameter gradients: the four backward passes, unfused. `dx` may be `dOut`.
  public func backward(
    _ dOut: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, tokens: Int,
    sublayer: any Sublayer<T>, input x: UnsafePointer<T>
  ) {
    backwardMixing(dOut, dx, input: x, tokens: tokens)
    runSublayerBackward(sublayer, gradient: dOut, tokens: tokens)
    backwardBlock(dx, input: x, tokens: tokens, then: nil, previousInput: nil)
    backwardSums(dx, input: x, tokens: tokens)
  }

  @inline(__always) func checkTokens(_ tokens: Int) {
    if tokens < 0 || tokens > capacity {
      fatalError("connection: tokens = \(tokens) is outside 0...\(capacity) (the capacity it was built for)")
    }
  }
}

/// What one kind of connection declares before anything is built: its parameters, the
/// buffers of its cache and of the shared workspace, and its memory traffic. ``TrainingMemory``
/// and the parameter counts add these up, so a count lives in one place.
public protocol ConnectionLayout {
  /// Trainable values of one connection (frozen projections included: they are stored).
  static func parameterCount(_ config: ConnectionConfig) -> Int
  /// Of those, the values of the projection `Θ` / `Φ` (trained only with dynamic mappings).
  static func projectionCount(_ config: ConnectionConfig) -> Int
  /// Element counts of the ``ConnectionCache`` buffers, in its declaration order (0: unused).
  static func cacheCounts(_ config: ConnectionConfig, capacity: Int) -> [Int]
  /// Element counts of the ``ConnectionWorkspace`` buffers, in its declaration order (0: unused).
  static func workspaceCounts(_ config: ConnectionConfig, capacity: Int, threads: Int) -> [Int]
  /// Elements of buffers each connection owns (its stored sublayer output).
  static func ownedElements(_ config: ConnectionConfig, capacity: Int) -> Int
  /// Elements read and written per token and sublayer (``ConnectionIO``).
  static func io(_ config: ConnectionConfig, recompute: Bool, fused: Bool) -> ConnectionIO
}

extension ConnectionKind {
  /// The type that implements this kind — the one place a kind is registered.
  public var layout: any ConnectionLayout.Type {
    switch self {
    case .residual: ResidualConnection<Float>.self
    case .hc: HyperConnection<Float>.self
    case .mhc: ManifoldHyperConnection<Float>.self
    }
  }

  /// Builds a connection of this kind: declares its parameters in `store` under `prefix`
  /// (call before `store.allocate`). `cache` and `workspace` default to its own; a model
  /// passes shared ones (built for the same configuration and at least `capacity` tokens).
  public func make<T: Scalar>(
    _ config: ConnectionConfig, store: ParameterStore<T>, prefix: String, capacity: Int,
    cache: ConnectionCache<T>? = nil,
    workspace: ConnectionWorkspace<T>? = nil
  ) throws -> any StreamConnection<T> {
    try MHCError.check(config.kind == self, "connection kind \(config.kind.rawValue) built as \(rawValue)")
    try config.validate()
    try MHCError.check(capacity >= 1, "capacity = \(capacity) tokens is invalid; must be ≥ 1")
    let cache = cache ?? ConnectionCache(config, capacity: capacity)
    let workspace = workspace ?? ConnectionWorkspace(config, capacity: capacity)
    switch self {
    case .residual: return ResidualConnection(config, capacity: capacity, workspace: workspace)
    case .hc:
      return HyperConnection(
        config, store: store, prefix: prefix, capacity: capacity, cache: cache,
        workspace: workspace)
    case .mhc:
      return ManifoldHyperConnection(
        config, store: store, prefix: prefix, capacity: capacity, cache: cache,
        workspace: workspace)
    }
  }
}

extension ConnectionConfig {
  /// Builds the connection this configuration describes (``ConnectionKind/make(_:store:prefix:capacity:cache:workspace:)``).
  public func make<T: Scalar>(store: ParameterStore<T>, prefix: String, capacity: Int) throws -> any StreamConnection<T>
  {
    try kind.make(self, store: store, prefix: prefix, capacity: capacity)
  }
}
