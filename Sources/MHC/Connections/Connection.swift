import RealModule

/// How a sublayer is wired into the residual stream.
public enum ConnectionKind: String, Codable, CaseIterable, Sendable {
  /// `x + F(x)`, one stream.
  case residual
  /// Dynamic Hyper-Connections (Zhu et al.), unconstrained `H_res`.
  case hc
  /// Manifold-constrained Hyper-Connections: `H_res` projected onto the doubly stochastic matrices.
  case mhc
}

/// Initial biases of the mHC mappings (the paper does not state them).
public enum BiasInit: String, Codable, CaseIterable, Sendable {
  /// `b = 0`: `H_pre = ½`, `H_post = 1`, `H_res ≈ J/n` (NVIDIA Megatron's choice).
  case uniform
  /// `b_res = +3` on the diagonal, −3 off it (`H_res ≈ 0.997·I` at n = 4 after Sinkhorn-Knopp);
  /// with it, by default, a home-stream `H_pre` (``PreInit/home``); `b_post = 0`.
  case identity
  /// `b_res = 1` on the diagonal, 0 off it (`H_res ≈ 0.475` on / 0.175 off the diagonal at
  /// n = 4: lucidrains' choice); `b_pre = b_post = 0`.
  case eye
}

/// Initial bias of mHC's `H_pre = σ(α·p + b_pre)`.
public enum PreInit: String, Codable, CaseIterable, Sendable {
  /// `b_pre = 0`: `H_pre = ½` on every stream.
  case uniform
  /// `b_pre = +3` on the sublayer's home stream `k mod n`, −3 elsewhere (`H_pre ≈ 0.95 / 0.05`), as HC's `e_{k mod n}`.
  case home
}

/// How the `n` streams are formed from the token embedding (the default of a ``TrainConfig``
/// is `embeddings`; see ``TrainConfig/streamInit`` for the evidence).
public enum StreamInit: String, Codable, CaseIterable, Sendable {
  /// `n` identical copies (the HC paper): while they stay identical mHC's `H_res` gets no gradient.
  case copies
  /// copies plus a learned per-stream vector `e_j ∈ R^C` (N(0, 0.02), no weight decay), so the
  /// streams differ from the first sublayer on.
  case embeddings
}

/// Everything that defines one connection.
public struct ConnectionConfig: Codable, Sendable, Equatable {
  public var kind: ConnectionKind
  /// Expansion rate `n` (number of residual streams); 1 for `residual`.
  public var streams: Int
  /// Width `C` of each stream.
  public var width: Int
  /// Sinkhorn-Knopp iterations `t_max` (mHC only).
  public var iterations: Int = 20
  /// Learn `H_pre` (else fixed at `1/n`).
  public var learnPre: Bool = true
  /// Learn `H_post` (else fixed at 1).
  public var learnPost: Bool = true
  /// Learn `H_res` (else fixed at `I`).
  public var learnRes: Bool = true
  /// Input-dependent mappings (`θ` / `Φ` trained); `false` freezes them at 0 (static variant).
  public var dynamic: Bool = true
  /// mHC bias initialisation of `H_res` (and, for `identity`, by default of `H_pre`).
  public var biasInit: BiasInit = .uniform
  /// mHC `H_pre` bias; `nil`: `home` for `identity`, `uniform` otherwise.
  public var preInit: PreInit? = nil
  /// Learning-rate multiplier of the connection's `α` and `b` (Φ/θ keep the base rate).
  public var lrMultiplier: Double = 1
  /// Index `k` of the wrapped sublayer (sets the home stream `k mod n`).
  public var index: Int = 0
  /// Initial `α` of all three mappings.
  public var alphaInit: Double = 0.01
  /// Standard deviation of the initial `Φ` (mHC).
  public var phiStd: Double = 0.02
  /// mHC: how `H_res` is built from its logits (``ResidualManifold``).
  public var manifold: ResidualManifold = .sinkhorn

  public init(kind: ConnectionKind, streams: Int, width: Int, iterations: Int = 20, learnPre: Bool = true,
              learnPost: Bool = true, learnRes: Bool = true, dynamic: Bool = true, biasInit: BiasInit = .uniform,
              index: Int = 0) {
    self.kind = kind; self.streams = streams; self.width = width; self.iterations = iterations
    self.learnPre = learnPre; self.learnPost = learnPost; self.learnRes = learnRes
    self.dynamic = dynamic; self.biasInit = biasInit; self.index = index
  }

  /// Checks the configuration; the error names the bad value and what is allowed.
  public func validate() throws {
    try MHCError.check(streams >= 1, "streams = \(streams) is invalid; the expansion rate n must be ≥ 1")
    try MHCError.check(width >= 1, "width = \(width) is invalid; must be ≥ 1")
    try MHCError.check(iterations >= 0, "iterations = \(iterations) is invalid; t_max must be ≥ 0")
    try MHCError.check(kind != .residual || streams == 1,
      "streams = \(streams) with connection 'residual': the plain residual has exactly 1 stream")
    try MHCError.check(alphaInit.isFinite, "alpha init \(alphaInit) is invalid; must be a finite number")
    try MHCError.check(lrMultiplier > 0 && lrMultiplier.isFinite,
      "connection lr multiplier \(lrMultiplier) is invalid; must be a positive number")
    if kind == .mhc { try manifold.validate(n: streams) }
  }

  /// The `H_pre` bias init in effect.
  public var resolvedPreInit: PreInit { preInit ?? impliedPreInit }
  /// The `H_pre` bias init the `H_res` init implies when none is given.
  public var impliedPreInit: PreInit { biasInit == .identity ? .home : .uniform }

  /// Mappings per token: `2n + r` (pre, post, then the `r` logits of `H_res`: `n²` row-major, or
  /// for mHC ``ResidualManifold/logitCount(n:)``).
  public var mappingCount: Int { 2 * streams + resLogitCount }
  /// Logits of `H_res` per token: `n²` (HC; mHC on most manifolds) or `n!` (mHC, ``ResidualManifold/birkhoff``).
  public var resLogitCount: Int { kind == .mhc ? manifold.logitCount(n: streams) : streams * streams }
}

/// A sublayer `F: R^C → R^C` applied to `tokens` rows, with its own backward.
///
/// `forward` must cache what `backward` needs; the input pointer stays valid until the
/// matching `backward`. `backward` overwrites `dx` and *adds* parameter gradients.
public protocol Sublayer: AnyObject {
  associatedtype T: Scalar
  func forward(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, tokens: Int)
  func backward(_ dy: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, tokens: Int)
}

/// One residual connection around a sublayer: residual, HC or mHC (SPEC.md §1).
///
/// Streams are stored `[tokens][n][C]`. With per-token mappings `H_pre ∈ R^n`,
/// `H_post ∈ R^n`, `H_res ∈ R^{n×n}` the connection computes
///
///     h      = Σ_j H_pre[j] · x_j                      (the sublayer input)
///     out_i  = Σ_j H_res[i][j] · x_j + H_post[i] · F(h)
///
/// so row `i` of `H_res` says where output stream `i` comes from. The mappings are
///
/// - **hc** — per stream, `x̃_j = x_j / rms(x_j)`, `z_j = Θ x̃_j` with `Θ = [θ_pre; θ_post; θ_res] ∈ R^{(n+2)×C}`:
///   `H_pre[j] = b_pre[j] + α_pre tanh(z_j[0])`, `H_post[j] = b_post[j] + α_post tanh(z_j[1])`,
///   `H_res[i][j] = b_res[i][j] + α_res tanh(z_j[2+i])`.
/// - **mhc** — `v' = vec(x) / rms(vec(x))`, `[p | q | r] = v' Φ` with `Φ ∈ R^{nC×(2n+n²)}`:
///   `H_pre = σ(α_pre p + b_pre)`, `H_post = 2σ(α_post q + b_post)`,
///   `H_res = SinkhornKnopp(α_res mat(r) + b_res, t_max)`. Since RMS normalisation has
///   no gain here, `v' Φ = (v Φ) · ρ` with `ρ = rms(v)⁻¹`: the product runs on the streams
///   as they are and only `ρ` is kept, never `v'`. In the backward, with `s = ρ · ∂L/∂z`
///   per token, `∂L/∂Φ = Σ_t v_tᵀ s_t` and `u = s Φᵀ` give `∂L/∂v = u − v ρ² mean(u ⊙ v)`.
///
/// Work is organised for fusion: after the (split) products, every per-token step — the
/// mappings, Sinkhorn-Knopp, `h` — runs in one pass over token blocks on each thread, and
/// the backward mirrors it; only the `α`, `b` sums cross tokens, in token order.
///
/// Passes over the `n·C` streams per token and sublayer (``ConnectionIO`` counts every element):
///
/// | | forward | backward | elements per token, n = 4, C = 128 |
/// |---|---|---|---|
/// | paper's HC, unfused (its Table 2) | `(5n+1)C + n² + 2n` read, `(3n+1)C + n² + 2n` written | — | 4 400 forward |
/// | HC here | 4 stream reads, 2 writes | 8 reads, 4 writes | 3 396 forward, 9 964 in all |
/// | mHC, passes unfused | 2 stream reads, 1 write | 4 reads, 2 writes | 1 876 forward, 5 372 in all |
/// | mHC, fused across sublayers (the model's default) | 1 read, 1 write | 3 reads, 1 write | 1 364 forward, 3 836 in all |
/// | mHC, fused, with `recompute` | 1 read, 1 write | 5 reads, 2 writes | 5 712 in all |
/// | residual | `2C` read, `C` written | the same | 384 forward, 768 in all |
///
/// A mapping that is not learned is fixed at its neutral value (pre `1/n`, post 1, res `I`).
/// Parameters: `theta`/`phi` (weight-decayed matrix; frozen at 0 when static), `a = [α_pre, α_post, α_res]`,
/// `b` (`2n + n²`, pre then post then res row-major).
///
/// ```swift
/// let conn = Connection<Float>(ConnectionConfig(kind: .mhc, streams: 4, width: 128), store: store,
///                              prefix: "conns.0", capacity: tokens)
/// store.allocate(seed: 0)
/// conn.forward(x, out, tokens: tokens, sublayer: mlp)
/// conn.backward(dOut, dx, tokens: tokens, sublayer: mlp)
/// ```
public final class Connection<T: Scalar> {
  public let config: ConnectionConfig
  public let capacity: Int
  unowned let store: ParameterStore<T>
  let projection: ParameterRef?  // hc: Θ [n+2][C]; mhc: Φ [nC][2n+n²]
  let alpha: ParameterRef?
  let bias: ParameterRef?

  /// What the forward leaves for the backward and the diagnostics (shared between the
  /// connections of a recomputation block, see ``Transformer``).
  public let cache: ConnectionCache<T>
  /// Backward scratch, shared by all the connections of a model (they run one at a time).
  public let workspace: ConnectionWorkspace<T>
  /// The sublayer's output `F(h)`, `[T][C]`: kept until the backward (HC, mHC; the residual's
  /// lives in the workspace, its backward does not need it).
  let y: UnsafeMutablePointer<T>
  /// This connection's own buffers (`y`).
  public let pool = BufferPool<T>()

  // Views of the cache and the workspace.
  var h: UnsafeMutablePointer<T> { cache.h }
  var hpre: UnsafeMutablePointer<T> { cache.hpre }
  var hpost: UnsafeMutablePointer<T> { cache.hpost }
  /// Per-token `H_res` of the last forward, `[tokens][n][n]`.
  public var hres: UnsafeMutablePointer<T> { cache.hres }
  var normed: UnsafeMutablePointer<T> { cache.normed }
  var invRMS: UnsafeMutablePointer<T> { cache.invRMS }
  var z: UnsafeMutablePointer<T> { cache.z }
  var logits: UnsafeMutablePointer<T> { cache.logits }
  var dh: UnsafeMutablePointer<T> { workspace.dh }
  var dy: UnsafeMutablePointer<T> { workspace.dy }
  var dhpre: UnsafeMutablePointer<T> { workspace.dhpre }
  var dhpost: UnsafeMutablePointer<T> { workspace.dhpost }
  var dhres: UnsafeMutablePointer<T> { workspace.dhres }
  var dz: UnsafeMutablePointer<T> { workspace.dz }
  var g: UnsafeMutablePointer<T> { workspace.g }
  var dnormed: UnsafeMutablePointer<T> { workspace.dnormed }
  var dlogits: UnsafeMutablePointer<T> { workspace.dlogits }
  var phiPartials: UnsafeMutablePointer<T> { workspace.phiPartials }
  var sinkhornScratch: UnsafeMutablePointer<T> { workspace.manifoldScratch }

  /// Declares the connection's parameters in `store` under `prefix` (call before `store.allocate`).
  /// `cache` and `workspace` default to the connection's own; a model passes shared ones
  /// (built for the same configuration and at least `capacity` tokens).
  public init(_ config: ConnectionConfig, store: ParameterStore<T>, prefix: String, capacity: Int,
              cache: ConnectionCache<T>? = nil, workspace: ConnectionWorkspace<T>? = nil) throws {
    try config.validate()
    try MHCError.check(capacity >= 1, "capacity = \(capacity) tokens is invalid; must be ≥ 1")
    self.cache = cache ?? ConnectionCache(config, capacity: capacity)
    self.workspace = workspace ?? ConnectionWorkspace(config, capacity: capacity)
    self.config = config
    self.capacity = capacity
    self.store = store
    let n = config.streams, c = config.width, m = config.mappingCount
    let anyLearned = config.learnPre || config.learnPost || config.learnRes
    let frozen = !config.dynamic || !anyLearned
    switch config.kind {
    case .residual:
      projection = nil; alpha = nil; bias = nil
    case .hc:
      projection = store.declare("\(prefix).theta", shape: [n + 2, c], initialiser: .constant(0),
                                 decay: true, frozen: frozen)
      alpha = store.declare("\(prefix).a", shape: [3], initialiser: .constant(config.alphaInit),
                            lrScale: config.lrMultiplier)
      var b = [Double](repeating: 0, count: m)
      b[config.index % n] = 1
      for j in 0..<n { b[n + j] = 1; b[2 * n + j * n + j] = 1 }
      bias = store.declare("\(prefix).b", shape: [m], initialiser: .values(b), lrScale: config.lrMultiplier)
    case .mhc:
      projection = store.declare("\(prefix).phi", shape: [n * c, m],
                                 initialiser: frozen ? .constant(0) : .normal(config.phiStd),
                                 decay: true, frozen: frozen)
      alpha = store.declare("\(prefix).a", shape: [3], initialiser: .constant(config.alphaInit),
                            lrScale: config.lrMultiplier)
      var b = [Double](repeating: 0, count: m)
      if config.resolvedPreInit == .home {
        for j in 0..<n { b[j] = j == config.index % n ? 3 : -3 }
      }
      switch (config.biasInit, config.manifold) {
      case (.uniform, _): break
      // birkhoff: the logit of the identity permutation (k = 0) plays the diagonal's part
      case (.identity, .birkhoff): for k in 0..<config.resLogitCount { b[2 * n + k] = k == 0 ? 3 : -3 }
      case (.eye, .birkhoff): b[2 * n] = 1
      case (.identity, _): for i in 0..<n { for j in 0..<n { b[2 * n + i * n + j] = i == j ? 3 : -3 } }
      case (.eye, _): for i in 0..<n { b[2 * n + i * n + i] = 1 }
      }
      bias = store.declare("\(prefix).b", shape: [m], initialiser: .values(b), lrScale: config.lrMultiplier)
    }
    y = config.kind == .residual ? self.workspace.y : pool.buffer(capacity * config.width)
  }

  @inline(__always) func checkTokens(_ tokens: Int) {
    if tokens < 0 || tokens > capacity {
      fatalError("connection: tokens = \(tokens) is outside 0...\(capacity) (the capacity it was built for)")
    }
  }

  // MARK: Forward

  /// `out = H_res · x + H_postᵀ · F(H_pre · x)` for `tokens` rows of `[n][C]` streams.
  /// `x` must stay valid until the matching ``backward(_:_:tokens:sublayer:input:)``.
  public func forward<F: Sublayer>(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, tokens: Int, sublayer: F)
  where F.T == T {
    checkTokens(tokens)
    if config.kind == .residual {
      sublayer.forward(x, y, tokens: tokens)
      let (y, c) = (y, config.width)
      Parallel.rows(tokens) { range in
        for i in (range.lowerBound * c)..<(range.upperBound * c) { out[i] = x[i] + y[i] }
      }
      return
    }
    prepare(x, tokens: tokens)
    sublayer.forward(h, y, tokens: tokens)
    mix(x, out, tokens: tokens)
  }

  /// The sublayer on `h` (after ``prepare(_:tokens:profiled:)``), for a caller that runs the
  /// connection's passes itself (``Transformer`` fuses them across sublayers).
  public func runSublayer<F: Sublayer>(_ sublayer: F, tokens: Int) where F.T == T {
    checkTokens(tokens)
    sublayer.forward(h, y, tokens: tokens)
  }

  /// Recomputes what ``forward(_:_:tokens:sublayer:)`` left in the ``cache`` — the mappings
  /// and `h` — from the same `x`, and, if `out` is given, the output streams from the stored
  /// sublayer output, without running the sublayer: bit-identical to the forward (the same
  /// code). HC and mHC only (the residual keeps no cache).
  public func replay(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>?, tokens: Int) {
    checkTokens(tokens)
    precondition(config.kind != .residual, "replay: the residual connection keeps nothing to recompute")
    ConnectionProfile.measure(.recompute) {
      prepare(x, tokens: tokens, profiled: false)
      if let out { mix(x, out, tokens: tokens, profiled: false) }
    }
  }

  /// The mappings and `h = Σ_j H_pre[j] x_j`: per block of tokens, while its streams are in
  /// cache, (mhc) ρ and `z = (v Φ) ρ`, the mappings, then `h`.
  public func prepare(_ x: UnsafePointer<T>, tokens: Int, profiled: Bool = true) {
    checkTokens(tokens)
    ConnectionProfile.measure(.forwardBlock, profiled) {
      if config.kind == .hc { projectStreams(x, tokens: tokens) }
      Parallel.blocks(tokens, block: Self.tokenGrain) { part, range in prepareBlock(x, range, part: part) }
    }
  }

  /// ``prepare(_:tokens:profiled:)`` for the tokens in `range` (after ``projectStreams(_:tokens:)`` for HC).
  func prepareBlock(_ x: UnsafePointer<T>, _ range: Range<Int>, part: Int) {
    let n = config.streams, c = config.width
    if config.kind == .mhc { project(x, range) }
    mappings(range, part: part)
    for t in range {
      Vector.combine(h + t * c, weights: hpre + t * n, weightStride: 1, sources: x + t * n * c, sourceStride: c,
                     terms: n, count: c)
    }
  }

  /// Whether ``mix(_:_:tokens:then:profiled:)`` can run this connection's ``prepare(_:tokens:profiled:)``
  /// inside the previous connection's mixing: mHC's forward is per token block throughout
  /// (HC first normalises and projects all streams at once).
  public var fusesWithPreviousMixing: Bool { config.kind == .mhc }

  /// `out_i = Σ_j H_res[i][j] x_j + H_post[i] y`, and with `next` (an mHC connection), `next`'s
  /// ``prepare(_:tokens:profiled:)`` on each token block of `out` right after it is mixed, while
  /// it is in cache: one pass over the new streams instead of two. The same arithmetic per
  /// token either way, so the results are bit-identical.
  public func mix(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, tokens: Int, then next: Connection<T>? = nil,
                  profiled: Bool = true) {
    checkTokens(tokens)
    precondition(next?.fusesWithPreviousMixing ?? true, "mix: only an mHC connection's forward block fuses into the mixing")
    let n = config.streams, c = config.width
    let (y, hpost, hres) = (y, hpost, hres)
    func rows(_ range: Range<Int>) {
      withUnsafeTemporaryAllocation(of: SIMD8<T>.self, capacity: n) { scratch in
        for t in range {
          let xt = x + t * n * c, res = hres + t * n * n
          if t + 2 < range.upperBound { Vector.prefetch(x + (t + 2) * n * c, count: n * c) }
          Vector.combineMany(out + t * n * c, outputStride: c, outputs: n, weights: res, outputWeightStride: n,
                             weightStride: 1, sources: xt, sourceStride: c, terms: n, count: c,
                             extraWeights: hpost + t * n, extra: y + t * c, scratch: scratch.baseAddress!)
        }
      }
    }
    ConnectionProfile.measure(next == nil ? .mixing : .mixingFused, profiled) {
      if let next {
        Parallel.blocks(tokens, block: Self.tokenGrain) { part, range in
          rows(range)
          next.prepareBlock(out, range, part: part)
        }
      } else {
        Parallel.rows(tokens) { range in rows(range) }
      }
    }
  }

  /// Token blocks per thread hand-off (a multiple of the Sinkhorn-Knopp block).
  static var tokenGrain: Int { SinkhornKnopp.block }

  /// mhc, for the tokens in `range`: `ρ = rms(v)⁻¹` and `z = (v Φ) ρ` (one BLAS call on
  /// the block).
  func project(_ x: UnsafePointer<T>, _ range: Range<Int>) {
    let width = config.streams * config.width, m = config.mappingCount, eps = T(RMSNorm.epsilon)
    let first = range.lowerBound, zb = z + first * m
    for t in range {
      let v = x + t * width
      invRMS[t] = 1 / (Vector.dot(v, v, count: width) / T(width) + eps).squareRoot()
    }
    guard config.dynamic else { zb.update(repeating: 0, count: range.count * m); return }
    gemm(false, false, m: range.count, n: m, k: width, a: x + first * width, lda: width, b: store.value(projection!),
         ldb: m, c: zb, ldc: m, split: false)  // already on one of the threads
    for t in range {
      let zt = z + t * m, r = invRMS[t]
      for k in 0..<m { zt[k] *= r }
    }
  }

  /// hc: `z = tanh(Θ x̃_j)` per stream, for all tokens (split products).
  func projectStreams(_ x: UnsafePointer<T>, tokens: Int) {
    let n = config.streams, c = config.width
    switch config.kind {
    case .residual, .mhc:
      return
    case .hc:
      let w = n + 2
      RMSNorm.forward(x, y: nil, xhat: normed, r: invRMS, gain: nil, rows: tokens * n, width: c)
      if config.dynamic {
        gemm(false, true, m: tokens * n, n: w, k: c, a: normed, lda: c, b: store.value(projection!), ldb: c,
             c: z, ldc: w)
        let z = z
        Parallel.rows(tokens * n) { range in
          for i in (range.lowerBound * w)..<(range.upperBound * w) { z[i] = T.tanh(z[i]) }
        }
      } else {
        z.update(repeating: 0, count: tokens * n * w)
      }
    }
  }

  /// `H_pre`, `H_post`, `H_res` of the tokens in `range` (thread `part` owns its slice of
  /// the Sinkhorn-Knopp scratch).
  func mappings(_ range: Range<Int>, part: Int) {
    let n = config.streams, nn = n * n, m = config.mappingCount, rl = config.resLogitCount
    let a = store.value(alpha!), b = store.value(bias!)
    let neutralPre = 1 / T(n)
    switch config.kind {
    case .residual:
      return
    case .mhc:
      // σ(s) = 1/(1 + e^{−s}): the exponentials of a whole block in one vectorised pass.
      let first = range.lowerBound * n, count = range.count * n
      for t in range {
        let zt = z + t * m, pre = hpre + t * n, post = hpost + t * n, lg = logits + t * rl
        for j in 0..<n {
          pre[j] = -(a[0] * zt[j] + b[j])
          post[j] = -(a[1] * zt[n + j] + b[n + j])
        }
        for k in 0..<rl { lg[k] = a[2] * zt[2 * n + k] + b[2 * n + k] }
      }
      if config.learnPre {
        T.expInPlace(hpre + first, count: count)
        let eps = T(config.manifold.preEpsilon)
        for i in first..<(first + count) { hpre[i] = 1 / (1 + hpre[i]) + eps }
      } else {
        (hpre + first).update(repeating: neutralPre, count: count)
      }
      if config.learnPost {
        T.expInPlace(hpost + first, count: count)
        for i in first..<(first + count) { hpost[i] = 2 / (1 + hpost[i]) }
      } else {
        (hpost + first).update(repeating: 1, count: count)
      }
      if config.learnRes {
        let iterations = config.iterations, manifold = config.manifold
        manifold.forward(logits: logits + range.lowerBound * rl, output: hres + range.lowerBound * nn,
                         count: range.count, n: n, iterations: iterations,
                         scratch: sinkhornScratch + part * manifold.scratchCount(n: n, iterations: iterations))
      } else {
        setIdentity(range)
      }
    case .hc:
      let w = n + 2
      for t in range {
        let pre = hpre + t * n, post = hpost + t * n, res = hres + t * nn
        for j in 0..<n {
          let row = z + (t * n + j) * w
          pre[j] = config.learnPre ? b[j] + a[0] * row[0] : neutralPre
          post[j] = config.learnPost ? b[n + j] + a[1] * row[1] : 1
          for i in 0..<n {
            res[i * n + j] = config.learnRes ? b[2 * n + i * n + j] + a[2] * row[2 + i] : (i == j ? 1 : 0)
          }
        }
      }
    }
  }

  func setIdentity(_ range: Range<Int>) {
    let n = config.streams
    for t in range {
      let res = hres + t * n * n
      for i in 0..<n { for j in 0..<n { res[i * n + j] = i == j ? 1 : 0 } }
    }
  }

  // MARK: Backward

  /// Given `∂L/∂out`, writes `∂L/∂x` into `dx` and adds the connection's and the sublayer's
  /// parameter gradients. `dx` may be `dOut` itself (the model back-propagates in place).
  public func backward<F: Sublayer>(_ dOut: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, tokens: Int,
                                    sublayer: F, input x: UnsafePointer<T>) where F.T == T {
    checkTokens(tokens)
    if config.kind == .residual {
      let c = config.width
      sublayer.backward(dOut, dh, tokens: tokens)
      let dh = dh
      Parallel.rows(tokens) { range in
        for i in (range.lowerBound * c)..<(range.upperBound * c) { dx[i] = dOut[i] + dh[i] }
      }
      return
    }
    backwardMixing(dOut, dx, input: x, tokens: tokens)
    sublayer.backward(dy, dh, tokens: tokens)
    backwardBlock(dx, input: x, tokens: tokens)
    backwardSums(dx, input: x, tokens: tokens)
  }

  /// Backward through the mixing: `∂H_post`, `∂H_res`, `∂F(h)` (into the workspace's `dy`) and
  /// the `H_res` share of `∂x`. `dx` may be `dOut`.
  public func backwardMixing(_ dOut: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, input x: UnsafePointer<T>,
                             tokens: Int) {
    checkTokens(tokens)
    ConnectionProfile.measure(.backwardMixing) {
      Parallel.rows(tokens) { range in backwardMixingRows(dOut, dx, x, range) }
    }
  }

  func backwardMixingRows(_ dOut: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, _ x: UnsafePointer<T>,
                          _ range: Range<Int>) {
    let n = config.streams, c = config.width, nn = n * n
    withUnsafeTemporaryAllocation(of: SIMD8<T>.self, capacity: n) { scratch in
      for t in range {
        if t + 2 < range.upperBound {
          Vector.prefetch(x + (t + 2) * n * c, count: n * c)
          Vector.prefetch(dOut + (t + 2) * n * c, count: n * c)
        }
        let xt = x + t * n * c, yt = y + t * c, go = dOut + t * n * c, res = hres + t * nn
        let dres = dhres + t * nn, dpost = dhpost + t * n
        for i in 0..<n {
          let gi = go + i * c
          dpost[i] = Vector.dot(gi, yt, count: c)
          var j = 0
          while j + 4 <= n {
            let d = Vector.dot4(gi, xt + j * c, xt + (j + 1) * c, xt + (j + 2) * c, xt + (j + 3) * c, count: c)
            for q in 0..<4 { dres[i * n + j + q] = d[q] }
            j += 4
          }
          while j < n { dres[i * n + j] = Vector.dot(gi, xt + j * c, count: c); j += 1 }
        }
        // dy = Σ_i H_post[i] g_i ;  dx_j = Σ_i H_res[i][j] g_i (column block by column block, so dx may be dOut)
        Vector.combine(dy + t * c, weights: hpost + t * n, weightStride: 1, sources: go, sourceStride: c, terms: n,
                       count: c)
        Vector.combineMany(dx + t * n * c, outputStride: c, outputs: n, weights: res, outputWeightStride: 1,
                           weightStride: n, sources: go, sourceStride: c, terms: n, count: c,
                           scratch: scratch.baseAddress!)
      }
    }
  }

  /// The sublayer's backward from the workspace's `dy` into its `dh` (after
  /// ``backwardMixing(_:_:input:tokens:)``), for a caller that runs the passes itself.
  public func runSublayerBackward<F: Sublayer>(_ sublayer: F, tokens: Int) where F.T == T {
    checkTokens(tokens)
    sublayer.backward(dy, dh, tokens: tokens)
  }

  /// Whether ``backwardBlock(_:input:tokens:then:previousInput:)`` can run the previous mHC
  /// connection's backward mixing inside it: mHC's `∂x` is final block by block (HC's norm
  /// backward still adds to it over all tokens).
  public var fusesWithPreviousBackwardMixing: Bool { config.kind == .mhc }

  /// Per block of tokens, while its streams are in cache: through `h = Σ_j H_pre[j] x_j`, back
  /// through the mappings, and (mhc) through the projection into the streams. With `previous`
  /// (the mHC connection before this one, whose input is `previousInput`), its
  /// ``backwardMixing(_:_:input:tokens:)`` follows on each block of the finished `∂x`, in place —
  /// one pass over the stream gradient instead of two, the same arithmetic per token.
  public func backwardBlock(_ dx: UnsafeMutablePointer<T>, input x: UnsafePointer<T>, tokens: Int,
                            then previous: Connection<T>? = nil, previousInput: UnsafePointer<T>? = nil) {
    checkTokens(tokens)
    precondition(previous == nil || (fusesWithPreviousBackwardMixing && previousInput != nil
                                     && previous!.workspace === workspace),
                 "backwardBlock: only mHC fuses the previous connection's backward mixing (same workspace, with its input)")
    let n = config.streams, c = config.width
    let (dh, hpre, dhpre) = (dh, hpre, dhpre)
    ConnectionProfile.measure(previous == nil ? .backwardBlock : .backwardBlockFused) {
      Parallel.blocks(tokens, block: Self.tokenGrain) { part, range in
        for t in range {
          if t + 2 < range.upperBound {
            Vector.prefetch(x + (t + 2) * n * c, count: n * c)
            Vector.prefetch(dx + (t + 2) * n * c, count: n * c)
          }
          let xt = x + t * n * c, dht = dh + t * c, dxt = dx + t * n * c, pre = hpre + t * n, dpre = dhpre + t * n
          for j in 0..<n {
            let xj = xt + j * c, dxj = dxt + j * c, pj = pre[j]
            dpre[j] = Vector.dot(dht, xj, count: c)
            Vector.axpy(dxj, pj, dht, count: c)
          }
        }
        mappingGradients(range, part: part)
        if config.kind == .mhc { projectBackward(x, dx, range, part: part) }
        // the block's ∂H_pre, ∂H_post, ∂H_res are consumed: the previous connection may reuse them
        previous?.backwardMixingRows(dx, dx, previousInput!, range)
      }
    }
  }

  /// The sums over all tokens: `∂α`, `∂b`, the `∂Φ` blocks in order (HC: `∂Θ` and the norm's backward into `∂x`).
  public func backwardSums(_ dx: UnsafeMutablePointer<T>, input x: UnsafePointer<T>, tokens: Int) {
    ConnectionProfile.measure(.sums) { projectionBackward(x, dx, tokens: tokens) }
  }

  /// From `∂L/∂H_pre`, `∂L/∂H_post`, `∂L/∂H_res` of the tokens in `range`: `g` (the
  /// gradient of each mapping's pre-`α` value, zero where not learned) and `dz`.
  func mappingGradients(_ range: Range<Int>, part: Int) {
    let n = config.streams, nn = n * n, m = config.mappingCount, rl = config.resLogitCount
    let a = store.value(alpha!)
    switch config.kind {
    case .residual:
      return
    case .mhc:
      if config.learnRes {
        let iterations = config.iterations, manifold = config.manifold
        manifold.backward(logits: logits + range.lowerBound * rl, dOutput: dhres + range.lowerBound * nn,
                          dLogits: dlogits + range.lowerBound * rl, count: range.count, n: n, iterations: iterations,
                          scratch: sinkhornScratch + part * manifold.scratchCount(n: n, iterations: iterations))
      }
      for t in range {
        let gt = g + t * m, dzt = dz + t * m, pre = hpre + t * n, post = hpost + t * n
        for j in 0..<n {
          let s = pre[j] - T(config.manifold.preEpsilon)  // σ itself
          gt[j] = config.learnPre ? dhpre[t * n + j] * s * (1 - s) : 0
          let q = post[j] / 2
          gt[n + j] = config.learnPost ? dhpost[t * n + j] * 2 * q * (1 - q) : 0
        }
        let dl = dlogits + t * rl
        for k in 0..<rl { gt[2 * n + k] = config.learnRes ? dl[k] : 0 }
        let r = invRMS[t]
        for j in 0..<n { dzt[j] = gt[j] * a[0] * r; dzt[n + j] = gt[n + j] * a[1] * r }
        for k in 0..<rl { dzt[2 * n + k] = gt[2 * n + k] * a[2] * r }
      }
    case .hc:
      let w = n + 2
      for t in range {
        for j in 0..<n {
          let row = z + (t * n + j) * w, gr = g + (t * n + j) * w, drow = dz + (t * n + j) * w
          gr[0] = config.learnPre ? dhpre[t * n + j] : 0
          gr[1] = config.learnPost ? dhpost[t * n + j] : 0
          for i in 0..<n { gr[2 + i] = config.learnRes ? dhres[t * nn + i * n + j] : 0 }
          drow[0] = gr[0] * a[0] * (1 - row[0] * row[0])
          drow[1] = gr[1] * a[1] * (1 - row[1] * row[1])
          for i in 0..<n { drow[2 + i] = gr[2 + i] * a[2] * (1 - row[2 + i] * row[2 + i]) }
        }
      }
    }
  }

  /// mhc, for the tokens in `range`: `u = s Φᵀ` (one BLAS call on the block) and
  /// `∂L/∂v += u − v ρ² mean(u ⊙ v)`.
  func projectBackward(_ x: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, _ range: Range<Int>, part: Int) {
    guard config.dynamic, config.learnPre || config.learnPost || config.learnRes else { return }
    let width = config.streams * config.width, m = config.mappingCount, invW = 1 / T(width)
    let first = range.lowerBound, u = dnormed + part * Self.tokenGrain * width  // this thread's block of u
    // This block's share of ∂L/∂Φ = Σ_t v_tᵀ s_t; blocks are summed in order afterwards.
    gemm(true, false, m: width, n: m, k: range.count, a: x + first * width, lda: width, b: dz + first * m, ldb: m,
         c: phiPartials + (first / Self.tokenGrain) * width * m, ldc: m, split: false)
    gemm(false, true, m: range.count, n: width, k: m, a: dz + first * m, lda: m, b: store.value(projection!), ldb: m,
         c: u, ldc: width, split: false)
    for t in range {
      let ut = u + (t - first) * width, v = x + t * width, o = dx + t * width
      let r = invRMS[t], scale = r * r * Vector.dot(ut, v, count: width) * invW
      Vector.addDifference(o, ut, scale, v, count: width)
    }
  }

  /// Sums `α` and `b` gradients over tokens (in token order), then back-propagates `dz`
  /// through the projection into `Θ`/`Φ` and adds the streams' share into `dx`.
  func projectionBackward(_ x: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, tokens: Int) {
    let n = config.streams, c = config.width, m = config.mappingCount
    let da = store.grad(alpha!), db = store.grad(bias!)
    var s0: T = 0, s1: T = 0, s2: T = 0  // α_pre, α_post, α_res
    switch config.kind {
    case .residual:
      return
    case .mhc:
      for t in 0..<tokens {
        let gt = g + t * m, zt = z + t * m
        if config.learnPre { for j in 0..<n { s0 += gt[j] * zt[j]; db[j] += gt[j] } }
        if config.learnPost { for j in n..<(2 * n) { s1 += gt[j] * zt[j]; db[j] += gt[j] } }
        if config.learnRes { for k in (2 * n)..<m { s2 += gt[k] * zt[k]; db[k] += gt[k] } }
      }
    case .hc:
      let w = n + 2
      for t in 0..<tokens {
        for j in 0..<n {
          let gr = g + (t * n + j) * w, zr = z + (t * n + j) * w
          if config.learnPre { s0 += gr[0] * zr[0]; db[j] += gr[0] }
          if config.learnPost { s1 += gr[1] * zr[1]; db[n + j] += gr[1] }
          if config.learnRes { for i in 0..<n { s2 += gr[2 + i] * zr[2 + i]; db[2 * n + i * n + j] += gr[2 + i] } }
        }
      }
    }
    da[0] += s0; da[1] += s1; da[2] += s2
    guard config.dynamic, config.learnPre || config.learnPost || config.learnRes else { return }
    let dp = store.grad(projection!)
    switch config.kind {
    case .residual:
      return
    case .mhc:
      // ∂L/∂Φ += Σ_blocks Σ_t∈block v_tᵀ s_t, blocks in order (the per-block products and the
      // streams' share were computed in projectBackward); rows of Φ split over threads.
      let size = n * c * m, blocks = (tokens + Self.tokenGrain - 1) / Self.tokenGrain, partials = phiPartials
      Parallel.rows(size, grain: 1024) { range in
        for q in 0..<blocks {
          let pq = partials + q * size
          for i in range { dp[i] += pq[i] }
        }
      }
    case .hc:
      let w = n + 2, p = store.value(projection!)
      gemm(true, false, m: w, n: c, k: tokens * n, a: dz, lda: w, b: normed, ldb: c, beta: 1, c: dp, ldc: c)
      gemm(false, false, m: tokens * n, n: c, k: w, a: dz, lda: w, b: p, ldb: c, c: dnormed, ldc: c)
      RMSNorm.backward(dnormed, dx: dx, xhat: normed, r: invRMS, gain: nil, dGain: nil, rows: tokens * n,
                       width: c, accumulate: true)
    }
  }
}
