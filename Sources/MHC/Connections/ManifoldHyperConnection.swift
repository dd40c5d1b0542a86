import RealModule

/// Manifold-constrained Hyper-Connections: `H_res` projected onto a manifold (by default the
/// doubly stochastic matrices, by Sinkhorn-Knopp), one projection of all `n` streams per token.
///
/// With `v = vec(x) ∈ R^{nC}`, `v' = v / rms(v)` and `[p | q | r] = v' Φ`, `Φ ∈ R^{nC×(2n+r)}`:
///
///     H_pre  = σ(α_pre · p + b_pre)          (+ ε for DeepSeek-V4's variant)
///     H_post = 2 σ(α_post · q + b_post)
///     H_res  = M(α_res · r + b_res)          (M: the ``ResidualManifold``; `r` has its logit count)
///
/// RMS normalisation has no gain here, so `v' Φ = (v Φ) · ρ` with `ρ = rms(v)⁻¹`: the product
/// runs on the streams as they are and only `ρ` is kept, never `v'`. In the backward, with
/// `s = ρ · ∂L/∂z` per token, `∂L/∂Φ = Σ_t v_tᵀ s_t` and `u = s Φᵀ` give
/// `∂L/∂v = u − v ρ² mean(u ⊙ v)`. Every step is per token, so the forward block (`ρ`, `z`,
/// the mappings, `M`, `h`) runs while a block of 64 tokens is in cache and fuses into the
/// previous connection's mixing; the backward mirrors it.
///
/// Parameters under `prefix`: `phi [nC][2n + r]` (weight-decayed; N(0, 0.02), or frozen at 0
/// when static), `a [3]`, `b [2n + r]` (pre, post, then the manifold's initial logits).
///
/// ```swift
/// let store = ParameterStore<Float>()
/// var c = ConnectionConfig(kind: .mhc, streams: 4, width: 128); c.manifold = .birkhoff
/// let mhc = try c.make(store: store, prefix: "conns.0", capacity: 2048)
/// ```
public final class ManifoldHyperConnection<T: Scalar>: MixingConnection<T>, ConnectionLayout {
  let phi: ParameterRef

  init(
    _ config: ConnectionConfig, store: ParameterStore<T>, prefix: String, capacity: Int,
    cache: ConnectionCache<T>, workspace: ConnectionWorkspace<T>
  ) {
    let n = config.streams, c = config.width, m = config.mappingCount
    phi = store.declare(
      "\(prefix).phi", shape: [n * c, m],
      initialiser: config.frozenProjection ? .constant(0) : .normal(config.phiStd),
      decay: true, frozen: config.frozenProjection)
    var b = [Double](repeating: 0, count: m)
    if config.resolvedPreInit == .home {
      for j in 0..<n { b[j] = j == config.index % n ? 3 : -3 }
    }
    b.replaceSubrange((2 * n)..<m, with: config.manifold.initialLogits(config.biasInit, n: n))
    super.init(
      config, store: store, prefix: prefix, capacity: capacity, cache: cache, workspace: workspace, initialBias: b)
  }

  override public var fusesWithPreviousMixing: Bool { true }
  override public var fusesWithPreviousBackwardMixing: Bool { true }

  /// `ρ = rms(v)⁻¹` and `z = (v Φ) ρ` for the tokens in `range` (one BLAS call on the block).
  @_specialize(where T == Float) @_specialize(where T == Double)
  override func projectBlock(_ x: UnsafePointer<T>, _ range: Range<Int>) {
    let width = config.streams * config.width, m = config.mappingCount, eps = T(RMSNorm.epsilon)
    let first = range.lowerBound, zb = z + first * m
    for t in range {
      let v = x + t * width
      invRMS[t] = 1 / (Vector.dot(v, v, count: width) / T(width) + eps).squareRoot()
    }
    guard config.dynamic else { zb.update(repeating: 0, count: range.count * m); return }
    gemm(
      false, false, m: range.count, n: m, k: width, a: x + first * width, lda: width, b: store.value(phi),
      ldb: m, c: zb, ldc: m, split: false)  // already on one of the threads
    for t in range {
      let zt = z + t * m, r = invRMS[t]
      for k in 0..<m { zt[k] *= r }
    }
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  override func mappings(_ range: Range<Int>, part: Int) {
    let n = config.streams, nn = n * n, m = config.mappingCount, rl = config.resLogitCount
    let a = store.value(alpha), b = store.value(bias)
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
      (hpre + first).update(repeating: 1 / T(n), count: count)
    }
    if config.learnPost {
      T.expInPlace(hpost + first, count: count)
      for i in first..<(first + count) { hpost[i] = 2 / (1 + hpost[i]) }
    } else {
      (hpost + first).update(repeating: 1, count: count)
    }
    if config.learnRes {
      let iterations = config.iterations, manifold = config.manifold
      manifold.forward(
        logits: logits + range.lowerBound * rl, output: hres + range.lowerBound * nn,
        count: range.count, n: n, iterations: iterations,
        scratch: manifoldScratch + part * manifold.scratchCount(n: n, iterations: iterations))
    } else {
      setIdentity(range)
    }
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  override func mappingGradients(_ range: Range<Int>, part: Int) {
    let n = config.streams, nn = n * n, m = config.mappingCount, rl = config.resLogitCount
    let a = store.value(alpha)
    if config.learnRes {
      let iterations = config.iterations, manifold = config.manifold
      manifold.backward(
        logits: logits + range.lowerBound * rl, dOutput: dhres + range.lowerBound * nn,
        dLogits: dlogits + range.lowerBound * rl, count: range.count, n: n, iterations: iterations,
        scratch: manifoldScratch + part * manifold.scratchCount(n: n, iterations: iterations))
    }
    let eps = T(config.manifold.preEpsilon)
    for t in range {
      let gt = g + t * m, dzt = dz + t * m, pre = hpre + t * n, post = hpost + t * n
      for j in 0..<n {
        let s = pre[j] - eps  // σ itself
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
  }

  /// For the tokens in `range`: this block's share of `∂L/∂Φ = Σ_t v_tᵀ s_t` (summed in block
  /// order by ``sums(_:_:tokens:)``), `u = s Φᵀ` (one BLAS call) and `∂L/∂v += u − v ρ² mean(u ⊙ v)`.
  @_specialize(where T == Float) @_specialize(where T == Double)
  override func projectBlockBackward(
    _ x: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, _ range: Range<Int>,
    part: Int
  ) {
    guard !config.frozenProjection else { return }
    let width = config.streams * config.width, m = config.mappingCount, invW = 1 / T(width)
    let first = range.lowerBound, u = dnormed + part * Self.tokenGrain * width  // this thread's block of u
    gemm(
      true, false, m: width, n: m, k: range.count, a: x + first * width, lda: width, b: dz + first * m, ldb: m,
      c: phiPartials + (first / Self.tokenGrain) * width * m, ldc: m, split: false)
    gemm(
      false, true, m: range.count, n: width, k: m, a: dz + first * m, lda: m, b: store.value(phi), ldb: m,
      c: u, ldc: width, split: false)
    for t in range {
      let ut = u + (t - first) * width, v = x + t * width, o = dx + t * width
      let r = invRMS[t], scale = r * r * Vector.dot(ut, v, count: width) * invW
      Vector.addDifference(o, ut, scale, v, count: width)
    }
  }

  /// `∂α`, `∂b` summed over tokens in order; `∂Φ` += the per-block products, blocks in order
  /// (rows of Φ split over threads).
  @_specialize(where T == Float) @_specialize(where T == Double)
  override func sums(_ x: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, tokens: Int) {
    let n = config.streams, c = config.width, m = config.mappingCount
    let da = store.grad(alpha), db = store.grad(bias)
    var s0: T = 0, s1: T = 0, s2: T = 0  // α_pre, α_post, α_res
    for t in 0..<tokens {
      let gt = g + t * m, zt = z + t * m
      if config.learnPre { for j in 0..<n { s0 += gt[j] * zt[j]; db[j] += gt[j] } }
      if config.learnPost { for j in n..<(2 * n) { s1 += gt[j] * zt[j]; db[j] += gt[j] } }
      if config.learnRes { for k in (2 * n)..<m { s2 += gt[k] * zt[k]; db[k] += gt[k] } }
    }
    da[0] += s0; da[1] += s1; da[2] += s2
    guard !config.frozenProjection else { return }
    let dp = store.grad(phi)
    let size = n * c * m, blocks = (tokens + Self.tokenGrain - 1) / Self.tokenGrain, partials = phiPartials
    Parallel.rows(size, grain: 1024) { range in
      for q in 0..<blocks {
        let pq = partials + q * size
        for i in range { dp[i] += pq[i] }
      }
    }
  }

  // MARK: Diagnostics

  override func firstNonFiniteLogits(tokens: Int) -> String? {
    let rl = config.resLogitCount
    guard config.learnRes, let i = firstBad(logits, tokens * rl) else { return nil }
    return "H_res logits α·r + b (token \(i / rl); Φ, α or b too large)"
  }

  override func nonFiniteResidualNote(token t: Int) -> String {
    guard config.learnRes else { return "" }
    let rl = config.resLogitCount, spread = spreadOf(logits + t * rl, rl)
    let unprojected = config.manifold == .none || (config.manifold == .sinkhorn && config.iterations == 0)
    return unprojected
      ? "; no projection: plain exp(logits) overflows"
      : "; \(config.manifold.rawValue) projection of finite logits, spread \(spread)"
  }

  /// max over tokens of (max − min) of the token's `H_res` logits (with a learned `H_res`).
  override public func maxLogitSpread(tokens: Int) -> Double? {
    guard config.learnRes, tokens > 0 else { return nil }
    let rl = config.resLogitCount
    var worst = 0.0
    for t in 0..<tokens { worst = Swift.max(worst, spreadOf(logits + t * rl, rl)) }
    return worst
  }

  // MARK: Layout

  public static func parameterCount(_ config: ConnectionConfig) -> Int {
    projectionCount(config) + 3 + config.mappingCount
  }

  /// `Φ`: `nC · (2n + r)`.
  public static func projectionCount(_ config: ConnectionConfig) -> Int {
    config.streams * config.width * config.mappingCount
  }

  /// `h [T][C]`, `hpre`, `hpost [T][n]`, `hres [T][n²]`, `invRMS [T]` (ρ), `z [T][2n+r]`, `logits [T][r]`.
  public static func cacheCounts(_ config: ConnectionConfig, capacity cap: Int) -> [Int] {
    let n = config.streams, c = config.width
    return [cap * c, cap * n, cap * n, cap * n * n, 0, cap, cap * config.mappingCount, cap * config.resLogitCount]
  }

  /// Per-token gradients span the batch; `u = s Φᵀ` is per thread and block; one `∂Φ` per block.
  public static func workspaceCounts(_ config: ConnectionConfig, capacity cap: Int, threads: Int) -> [Int] {
    let n = config.streams, c = config.width, m = config.mappingCount, block = SinkhornKnopp.block, zs = cap * m
    return [
      0, cap * c, cap * c, cap * n, cap * n, cap * n * n, zs, zs, threads * block * n * c,
      cap * config.resLogitCount, (cap + block - 1) / block * m * n * c,
      threads * config.manifold.scratchCount(n: n, iterations: config.iterations),
    ]
  }

  public static func ownedElements(_ config: ConnectionConfig, capacity: Int) -> Int { capacity * config.width }

  /// The mixing passes plus the projection's outputs (`m + r` written); fused across sublayers,
  /// `nC` fewer reads forward and `nC` fewer reads and writes backward.
  public static func io(_ config: ConnectionConfig, recompute: Bool, fused: Bool) -> ConnectionIO {
    let nc = config.streams * config.width
    var io = ConnectionIO.mixing(n: config.streams, width: config.width)
    io.forwardWrite += config.mappingCount + config.resLogitCount
    if recompute { io.backwardRead += io.forwardRead; io.backwardWrite += io.forwardWrite }
    if fused { io.forwardRead -= nc; io.backwardRead -= nc; io.backwardWrite -= nc }
    return io
  }
}
