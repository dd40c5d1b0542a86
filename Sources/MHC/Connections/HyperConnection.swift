/// Dynamic Hyper-Connections (Zhu et al.): unconstrained, per-stream mappings.
///
/// Per stream, `x̃_j = x_j / rms(x_j)` and `z_j = tanh(Θ x̃_j)` with
/// `Θ = [θ_pre; θ_post; θ_res] ∈ R^{(n+2)×C}`:
///
///     H_pre[j]    = b_pre[j]    + α_pre  · z_j[0]
///     H_post[j]   = b_post[j]   + α_post · z_j[1]
///     H_res[i][j] = b_res[i][j] + α_res  · z_j[2+i]
///
/// with `b_pre = e_{k mod n}` (the home stream of sublayer `k`), `b_post = 1`, `b_res = I`.
/// The normalised copy `x̃` and `Θ x̃` are made over all tokens at once (split products), so
/// HC's forward block does not fuse into the previous mixing.
///
/// Parameters under `prefix`: `theta [n+2][C]` (weight-decayed; frozen at 0 when static),
/// `a [3]` (`α_pre, α_post, α_res`), `b [2n + n²]` (pre, post, res row-major).
///
/// ```swift
/// let store = ParameterStore<Float>()
/// let hc = try ConnectionConfig(kind: .hc, streams: 4, width: 128).make(store: store, prefix: "conns.0", capacity: 2048)
/// ```
public final class HyperConnection<T: Scalar>: MixingConnection<T>, ConnectionLayout {
  let theta: ParameterRef

  init(
    _ config: ConnectionConfig, store: ParameterStore<T>, prefix: String, capacity: Int,
    cache: ConnectionCache<T>, workspace: ConnectionWorkspace<T>
  ) {
    let n = config.streams, c = config.width, m = config.mappingCount
    theta = store.declare(
      "\(prefix).theta", shape: [n + 2, c], initialiser: .constant(0), decay: true,
      frozen: config.frozenProjection)
    var b = [Double](repeating: 0, count: m)
    b[config.index % n] = 1
    for j in 0..<n { b[n + j] = 1; b[2 * n + j * n + j] = 1 }
    super.init(
      config, store: store, prefix: prefix, capacity: capacity, cache: cache, workspace: workspace, initialBias: b)
  }

  /// `z = tanh(Θ x̃_j)` per stream, for all tokens (split products).
  @_specialize(where T == Float) @_specialize(where T == Double)
  override func projectAll(_ x: UnsafePointer<T>, tokens: Int) {
    let n = config.streams, c = config.width, w = n + 2
    RMSNorm.forward(x, y: nil, xhat: normed, r: invRMS, gain: nil, rows: tokens * n, width: c)
    guard config.dynamic else { z.update(repeating: 0, count: tokens * n * w); return }
    gemm(false, true, m: tokens * n, n: w, k: c, a: normed, lda: c, b: store.value(theta), ldb: c, c: z, ldc: w)
    let z = z
    Parallel.rows(tokens * n) { range in
      for i in (range.lowerBound * w)..<(range.upperBound * w) { z[i] = T.tanh(z[i]) }
    }
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  override func mappings(_ range: Range<Int>, part: Int) {
    let n = config.streams, nn = n * n, w = n + 2
    let a = store.value(alpha), b = store.value(bias)
    let neutralPre = 1 / T(n)
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

  @_specialize(where T == Float) @_specialize(where T == Double)
  override func mappingGradients(_ range: Range<Int>, part: Int) {
    let n = config.streams, nn = n * n, w = n + 2
    let a = store.value(alpha)
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

  /// `∂α`, `∂b` summed over tokens in order, then `∂Θ = dzᵀ x̃` and the norm's backward into `∂x`.
  @_specialize(where T == Float) @_specialize(where T == Double)
  override func sums(_ x: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, tokens: Int) {
    let n = config.streams, c = config.width, w = n + 2
    let da = store.grad(alpha), db = store.grad(bias)
    var s0: T = 0, s1: T = 0, s2: T = 0  // α_pre, α_post, α_res
    for t in 0..<tokens {
      for j in 0..<n {
        let gr = g + (t * n + j) * w, zr = z + (t * n + j) * w
        if config.learnPre { s0 += gr[0] * zr[0]; db[j] += gr[0] }
        if config.learnPost { s1 += gr[1] * zr[1]; db[n + j] += gr[1] }
        if config.learnRes { for i in 0..<n { s2 += gr[2 + i] * zr[2 + i]; db[2 * n + i * n + j] += gr[2 + i] } }
      }
    }
    da[0] += s0; da[1] += s1; da[2] += s2
    guard !config.frozenProjection else { return }
    let p = store.value(theta)
    gemm(
      true, false, m: w, n: c, k: tokens * n, a: dz, lda: w, b: normed, ldb: c, beta: 1, c: store.grad(theta), ldc: c)
    gemm(false, false, m: tokens * n, n: c, k: w, a: dz, lda: w, b: p, ldb: c, c: dnormed, ldc: c)
    RMSNorm.backward(
      dnormed, dx: dx, xhat: normed, r: invRMS, gain: nil, dGain: nil, rows: tokens * n,
      width: c, accumulate: true)
  }

  // MARK: Layout

  public static func parameterCount(_ config: ConnectionConfig) -> Int {
    projectionCount(config) + 3 + config.mappingCount
  }

  /// `Θ`: `(n + 2)·C`.
  public static func projectionCount(_ config: ConnectionConfig) -> Int { (config.streams + 2) * config.width }

  /// `h [T][C]`, `hpre`, `hpost [T][n]`, `hres [T][n²]`, `normed [T·n][C]`, `invRMS [T·n]`, `z [T·n][n+2]`.
  public static func cacheCounts(_ config: ConnectionConfig, capacity cap: Int) -> [Int] {
    let n = config.streams, c = config.width
    return [cap * c, cap * n, cap * n, cap * n * n, cap * n * c, cap * n, cap * n * (n + 2), 0]
  }

  public static func workspaceCounts(_ config: ConnectionConfig, capacity cap: Int, threads: Int) -> [Int] {
    let n = config.streams, c = config.width, zs = cap * n * (n + 2)
    return [0, cap * c, cap * c, cap * n, cap * n, cap * n * n, zs, zs, cap * n * c, 0, 0, 0]
  }

  public static func ownedElements(_ config: ConnectionConfig, capacity: Int) -> Int { capacity * config.width }

  /// The mixing passes of ``MixingConnection`` plus the normalised copy `x̃`, made in passes
  /// over all tokens: the forward reads `x` for it, writes it and reads it for `Θx̃` (`+2nC`
  /// read, `+nC` written); the backward reads it twice and writes and reads `∂x̃` (`+3nC`
  /// read, `+nC` written) before the norm's backward updates `∂x` (`+nC` read, `+nC` written).
  /// Never fused.
  public static func io(_ config: ConnectionConfig, recompute: Bool, fused: Bool) -> ConnectionIO {
    let n = config.streams, c = config.width, nc = n * c
    var io = ConnectionIO.mixing(n: n, width: c)
    io.forwardRead += 2 * nc
    io.forwardWrite += nc + n * (n + 2)
    io.backwardRead += 4 * nc
    io.backwardWrite += 2 * nc
    if recompute { io.backwardRead += io.forwardRead; io.backwardWrite += io.forwardWrite }
    return io
  }
}
