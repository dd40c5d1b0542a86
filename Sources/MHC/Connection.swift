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
  /// `b_pre = +3` on the home stream `k mod n`, −3 elsewhere; `b_post = 0`; `b_res = +3` on the
  /// diagonal, −3 off it.
  case identity
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
  /// mHC bias initialisation.
  public var biasInit: BiasInit = .uniform
  /// Index `k` of the wrapped sublayer (sets the home stream `k mod n`).
  public var index: Int = 0
  /// Initial `α` of all three mappings.
  public var alphaInit: Double = 0.01
  /// Standard deviation of the initial `Φ` (mHC).
  public var phiStd: Double = 0.02

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
  }

  /// Mappings per token: `2n + n²` (pre, post, res row-major).
  public var mappingCount: Int { 2 * streams + streams * streams }
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
///   `H_res = SinkhornKnopp(α_res mat(r) + b_res, t_max)`.
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

  // Per-token caches, sized for `capacity` tokens.
  let h, y: UnsafeMutablePointer<T>  // [T][C]
  let hpre, hpost: UnsafeMutablePointer<T>  // [T][n]
  /// Per-token `H_res` of the last forward, `[tokens][n][n]`.
  public let hres: UnsafeMutablePointer<T>
  let normed: UnsafeMutablePointer<T>  // mhc: v' [T][nC]; hc: x̃ [T·n][C]
  let invRMS: UnsafeMutablePointer<T>  // mhc [T]; hc [T·n]
  let z: UnsafeMutablePointer<T>  // mhc: [T][2n+n²] raw projections; hc: tanh values [T·n][n+2]
  let logits: UnsafeMutablePointer<T>  // mhc: Sinkhorn logits [T][n²]
  // Backward scratch.
  let dh, dy: UnsafeMutablePointer<T>
  let dhpre, dhpost, dhres: UnsafeMutablePointer<T>
  let dz, dnormed: UnsafeMutablePointer<T>
  let dlogits: UnsafeMutablePointer<T>  // mhc: [T][n²]
  let sinkhornScratch: UnsafeMutablePointer<T>
  /// Activation and scratch buffers.
  public let pool = BufferPool<T>()

  /// Declares the connection's parameters in `store` under `prefix` (call before `store.allocate`).
  public init(_ config: ConnectionConfig, store: ParameterStore<T>, prefix: String, capacity: Int) throws {
    try config.validate()
    try MHCError.check(capacity >= 1, "capacity = \(capacity) tokens is invalid; must be ≥ 1")
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
      alpha = store.declare("\(prefix).a", shape: [3], initialiser: .constant(config.alphaInit))
      var b = [Double](repeating: 0, count: m)
      b[config.index % n] = 1
      for j in 0..<n { b[n + j] = 1; b[2 * n + j * n + j] = 1 }
      bias = store.declare("\(prefix).b", shape: [m], initialiser: .values(b))
    case .mhc:
      projection = store.declare("\(prefix).phi", shape: [n * c, m],
                                 initialiser: frozen ? .constant(0) : .normal(config.phiStd),
                                 decay: true, frozen: frozen)
      alpha = store.declare("\(prefix).a", shape: [3], initialiser: .constant(config.alphaInit))
      var b = [Double](repeating: 0, count: m)
      if config.biasInit == .identity {
        for j in 0..<n { b[j] = j == config.index % n ? 3 : -3 }
        for i in 0..<n { for j in 0..<n { b[2 * n + i * n + j] = i == j ? 3 : -3 } }
      }
      bias = store.declare("\(prefix).b", shape: [m], initialiser: .values(b))
    }
    let buffer = pool.buffer
    let hcRows = config.kind == .hc ? n : 1
    h = buffer(capacity * c); y = buffer(capacity * c)
    hpre = buffer(capacity * n); hpost = buffer(capacity * n); hres = buffer(capacity * n * n)
    normed = buffer(config.kind == .residual ? 0 : capacity * n * c)
    invRMS = buffer(capacity * hcRows)
    z = buffer(config.kind == .hc ? capacity * n * (n + 2) : config.kind == .mhc ? capacity * m : 0)
    logits = buffer(config.kind == .mhc ? capacity * n * n : 0)
    dh = buffer(capacity * c); dy = buffer(capacity * c)
    dhpre = buffer(capacity * n); dhpost = buffer(capacity * n); dhres = buffer(capacity * n * n)
    dz = buffer(config.kind == .hc ? capacity * n * (n + 2) : config.kind == .mhc ? capacity * m : 0)
    dnormed = buffer(config.kind == .residual ? 0 : capacity * n * c)
    dlogits = buffer(config.kind == .mhc ? capacity * n * n : 0)
    sinkhornScratch = buffer(Self.sinkhornThreads * SinkhornKnopp.scratchCount(n: n, iterations: config.iterations))
  }

  /// Threads the Sinkhorn projection is split over (the per-token work is independent).
  public static var sinkhornThreads: Int { 2 }

  @inline(__always) func checkTokens(_ tokens: Int) {
    if tokens < 0 || tokens > capacity {
      fatalError("connection: tokens = \(tokens) is outside 0...\(capacity) (the capacity it was built for)")
    }
  }

  // MARK: Forward

  /// `out = H_res · x + H_postᵀ · F(H_pre · x)` for `tokens` rows of `[n][C]` streams.
  /// `x` must stay valid until the matching ``backward(_:_:tokens:sublayer:)``.
  public func forward<F: Sublayer>(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, tokens: Int, sublayer: F)
  where F.T == T {
    checkTokens(tokens)
    let n = config.streams, c = config.width
    if config.kind == .residual {
      sublayer.forward(x, y, tokens: tokens)
      for i in 0..<(tokens * c) { out[i] = x[i] + y[i] }
      return
    }
    mappingsForward(x, tokens: tokens)
    // h = Σ_j H_pre[j] x_j
    for t in 0..<tokens {
      let ht = h + t * c, xt = x + t * n * c, pre = hpre + t * n
      let p0 = pre[0]
      for k in 0..<c { ht[k] = p0 * xt[k] }
      for j in 1..<n {
        let pj = pre[j], xj = xt + j * c
        for k in 0..<c { ht[k] += pj * xj[k] }
      }
    }
    sublayer.forward(h, y, tokens: tokens)
    // out_i = Σ_j H_res[i][j] x_j + H_post[i] y
    for t in 0..<tokens {
      let xt = x + t * n * c, yt = y + t * c, res = hres + t * n * n, post = hpost + t * n
      for i in 0..<n {
        let oi = out + (t * n + i) * c
        let pi = post[i]
        for k in 0..<c { oi[k] = pi * yt[k] }
        for j in 0..<n {
          let r = res[i * n + j], xj = xt + j * c
          for k in 0..<c { oi[k] += r * xj[k] }
        }
      }
    }
  }

  /// Computes `H_pre`, `H_post`, `H_res` per token from the streams `x`.
  func mappingsForward(_ x: UnsafePointer<T>, tokens: Int) {
    let n = config.streams, c = config.width, nn = n * n, m = config.mappingCount
    let a = store.value(alpha!), b = store.value(bias!)
    let neutralPre = 1 / T(n)
    switch config.kind {
    case .residual:
      return
    case .mhc:
      RMSNorm.forward(x, y: nil, xhat: normed, r: invRMS, gain: nil, rows: tokens, width: n * c)
      if config.dynamic {
        gemm(false, false, m: tokens, n: m, k: n * c, a: normed, lda: n * c, b: store.value(projection!), ldb: m,
             c: z, ldc: m)
      } else {
        z.update(repeating: 0, count: tokens * m)
      }
      for t in 0..<tokens {
        let zt = z + t * m, pre = hpre + t * n, post = hpost + t * n, lg = logits + t * nn
        for j in 0..<n {
          pre[j] = config.learnPre ? sigmoid(a[0] * zt[j] + b[j]) : neutralPre
          post[j] = config.learnPost ? 2 * sigmoid(a[1] * zt[n + j] + b[n + j]) : 1
        }
        for k in 0..<nn { lg[k] = a[2] * zt[2 * n + k] + b[2 * n + k] }
      }
      if config.learnRes {
        let t = config.iterations, per = SinkhornKnopp.scratchCount(n: n, iterations: t)
        nonisolated(unsafe) let (l, o, sc) = (logits, hres, sinkhornScratch)
        SinkhornKnopp.parallel(count: tokens, parts: Self.sinkhornThreads) { part, first, count in
          SinkhornKnopp.forward(logits: l + first * nn, output: o + first * nn, count: count, n: n, iterations: t,
                                scratch: sc + part * per)
        }
      } else {
        setIdentity(tokens: tokens)
      }
    case .hc:
      let w = n + 2
      RMSNorm.forward(x, y: nil, xhat: normed, r: invRMS, gain: nil, rows: tokens * n, width: c)
      if config.dynamic {
        gemm(false, true, m: tokens * n, n: w, k: c, a: normed, lda: c, b: store.value(projection!), ldb: c,
             c: z, ldc: w)
        for i in 0..<(tokens * n * w) { z[i] = T.tanh(z[i]) }
      } else {
        z.update(repeating: 0, count: tokens * n * w)
      }
      for t in 0..<tokens {
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

  func setIdentity(tokens: Int) {
    let n = config.streams
    hres.update(repeating: 0, count: tokens * n * n)
    for t in 0..<tokens { for i in 0..<n { hres[t * n * n + i * n + i] = 1 } }
  }

  // MARK: Backward

  /// Given `∂L/∂out`, writes `∂L/∂x` into `dx` and adds the connection's and the sublayer's
  /// parameter gradients. `dx` may not alias `dOut`.
  public func backward<F: Sublayer>(_ dOut: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, tokens: Int,
                                    sublayer: F, input x: UnsafePointer<T>) where F.T == T {
    checkTokens(tokens)
    let n = config.streams, c = config.width, nn = n * n
    if config.kind == .residual {
      sublayer.backward(dOut, dh, tokens: tokens)
      for i in 0..<(tokens * c) { dx[i] = dOut[i] + dh[i] }
      return
    }
    // Through the mixing: dy, dH_post, dH_res, and dx from the H_res path.
    for t in 0..<tokens {
      let xt = x + t * n * c, yt = y + t * c, dyt = dy + t * c, dxt = dx + t * n * c
      let go = dOut + t * n * c, res = hres + t * nn, post = hpost + t * n
      let dres = dhres + t * nn, dpost = dhpost + t * n
      for i in 0..<n {
        let gi = go + i * c
        dpost[i] = Vector.dot(gi, yt, count: c)
        for j in 0..<n { dres[i * n + j] = Vector.dot(gi, xt + j * c, count: c) }
      }
      // dy = Σ_i H_post[i] g_i ;  dx_j = Σ_i H_res[i][j] g_i
      let p0 = post[0]
      for k in 0..<c { dyt[k] = p0 * go[k] }
      for i in 1..<n {
        let pi = post[i], gi = go + i * c
        for k in 0..<c { dyt[k] += pi * gi[k] }
      }
      for j in 0..<n {
        let dxj = dxt + j * c, r0 = res[j]
        for k in 0..<c { dxj[k] = r0 * go[k] }
        for i in 1..<n {
          let r = res[i * n + j], gi = go + i * c
          for k in 0..<c { dxj[k] += r * gi[k] }
        }
      }
    }
    sublayer.backward(dy, dh, tokens: tokens)
    // Through h = Σ_j H_pre[j] x_j.
    for t in 0..<tokens {
      let xt = x + t * n * c, dht = dh + t * c, dxt = dx + t * n * c, pre = hpre + t * n, dpre = dhpre + t * n
      for j in 0..<n {
        let xj = xt + j * c, dxj = dxt + j * c, pj = pre[j]
        dpre[j] = Vector.dot(dht, xj, count: c)
        for k in 0..<c { dxj[k] += pj * dht[k] }
      }
    }
    mappingsBackward(dx, tokens: tokens)
  }

  /// Back-propagates `dH_pre`, `dH_post`, `dH_res` into `a`, `b`, `Θ`/`Φ` and adds into `dx`.
  func mappingsBackward(_ dx: UnsafeMutablePointer<T>, tokens: Int) {
    let n = config.streams, c = config.width, nn = n * n, m = config.mappingCount
    let a = store.value(alpha!), da = store.grad(alpha!), db = store.grad(bias!)
    switch config.kind {
    case .residual:
      return
    case .mhc:
      dz.update(repeating: 0, count: tokens * m)
      if config.learnRes {
        let t = config.iterations, per = SinkhornKnopp.scratchCount(n: n, iterations: t)
        nonisolated(unsafe) let (l, d, dl, sc) = (logits, dhres, dlogits, sinkhornScratch)
        SinkhornKnopp.parallel(count: tokens, parts: Self.sinkhornThreads) { part, first, count in
          SinkhornKnopp.backward(logits: l + first * nn, dOutput: d + first * nn, dLogits: dl + first * nn,
                                 count: count, n: n, iterations: t, scratch: sc + part * per)
        }
      }
      var da0: T = 0, da1: T = 0, da2: T = 0
      for t in 0..<tokens {
        let zt = z + t * m, dzt = dz + t * m, pre = hpre + t * n, post = hpost + t * n
        if config.learnPre {
          for j in 0..<n {
            let s = pre[j], g = dhpre[t * n + j] * s * (1 - s)
            da0 += g * zt[j]; db[j] += g; dzt[j] = g * a[0]
          }
        }
        if config.learnPost {
          for j in 0..<n {
            let s = post[j] / 2, g = dhpost[t * n + j] * 2 * s * (1 - s)
            da1 += g * zt[n + j]; db[n + j] += g; dzt[n + j] = g * a[1]
          }
        }
        if config.learnRes {
          let dl = dlogits + t * nn
          for k in 0..<nn {
            let g = dl[k]
            da2 += g * zt[2 * n + k]; db[2 * n + k] += g; dzt[2 * n + k] = g * a[2]
          }
        }
      }
      da[0] += da0; da[1] += da1; da[2] += da2
      guard config.dynamic, config.learnPre || config.learnPost || config.learnRes else { return }
      let phi = store.value(projection!), dphi = store.grad(projection!)
      gemm(true, false, m: n * c, n: m, k: tokens, a: normed, lda: n * c, b: dz, ldb: m, beta: 1, c: dphi, ldc: m)
      gemm(false, true, m: tokens, n: n * c, k: m, a: dz, lda: m, b: phi, ldb: m, c: dnormed, ldc: n * c)
      RMSNorm.backward(dnormed, dx: dx, xhat: normed, r: invRMS, gain: nil, dGain: nil, rows: tokens,
                       width: n * c, accumulate: true)
    case .hc:
      let w = n + 2
      var da0: T = 0, da1: T = 0, da2: T = 0
      for t in 0..<tokens {
        for j in 0..<n {
          let row = z + (t * n + j) * w, drow = dz + (t * n + j) * w
          if config.learnPre {
            let g = dhpre[t * n + j]
            da0 += g * row[0]; db[j] += g; drow[0] = g * a[0] * (1 - row[0] * row[0])
          } else { drow[0] = 0 }
          if config.learnPost {
            let g = dhpost[t * n + j]
            da1 += g * row[1]; db[n + j] += g; drow[1] = g * a[1] * (1 - row[1] * row[1])
          } else { drow[1] = 0 }
          for i in 0..<n {
            if config.learnRes {
              let g = dhres[t * nn + i * n + j]
              da2 += g * row[2 + i]; db[2 * n + i * n + j] += g
              drow[2 + i] = g * a[2] * (1 - row[2 + i] * row[2 + i])
            } else { drow[2 + i] = 0 }
          }
        }
      }
      da[0] += da0; da[1] += da1; da[2] += da2
      guard config.dynamic, config.learnPre || config.learnPost || config.learnRes else { return }
      let theta = store.value(projection!), dtheta = store.grad(projection!)
      gemm(true, false, m: w, n: c, k: tokens * n, a: dz, lda: w, b: normed, ldb: c, beta: 1, c: dtheta, ldc: c)
      gemm(false, false, m: tokens * n, n: c, k: w, a: dz, lda: w, b: theta, ldb: c, c: dnormed, ldc: c)
      RMSNorm.backward(dnormed, dx: dx, xhat: normed, r: invRMS, gain: nil, dGain: nil, rows: tokens * n,
                       width: c, accumulate: true)
    }
  }
}

@inline(__always) @usableFromInline func sigmoid<T: Scalar>(_ x: T) -> T { 1 / (1 + T.exp(-x)) }
