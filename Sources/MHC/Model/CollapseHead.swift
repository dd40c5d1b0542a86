/// How the `n` residual streams become one vector before the final RMSNorm.
public enum Collapse: String, Codable, CaseIterable, Sendable {
  /// `Σ_j x_j` (the HC and mHC papers).
  case sum
  /// DeepSeek-V4's learned head (``CollapseHead``): `Σ_j (σ(s·m_j + b_j) + ε) x_j`.
  case learned
}

/// DeepSeek-V4's learned collapse of the streams (`ParallelHead.hc_head` in its released
/// `inference/model.py`; `DeepseekV4HyperHead` in Transformers), for every token:
///
///     v = vec(x) ∈ R^{nC},  ρ = (mean(v²) + 1e-6)^{−½},  m = ρ · (v Φ) ∈ R^n
///     w_j = σ(s · m_j + b_j) + ε   (ε = 1e-6),   out = Σ_j w_j x_j
///
/// Parameters (initialised as Transformers does: Φ ~ N(0, 0.02), s = 1, b = 0, so w ≈ ½ at
/// start; the final RMSNorm makes the overall scale irrelevant):
///
///     head.collapse.phi  [nC][n]   (weight decay, like mHC's Φ)
///     head.collapse.s    [1]
///     head.collapse.b    [n]
///
/// Backward, with `g_j = ⟨∂L/∂out, x_j⟩ · σ_j(1 − σ_j)`: `∂L/∂x_j += w_j ∂L/∂out`, `∂L/∂s = Σ g_j m_j`,
/// `∂L/∂b_j = g_j`, and through `m` with `μ = s g`: `∂L/∂Φ += ρ vᵀ μ`,
/// `∂L/∂v += u − v ρ² ⟨u, v⟩ / (nC)` for `u = ρ Φ μ` (the same RMS-projection rule as mHC's Φ).
///
/// ```swift
/// let store = ParameterStore<Double>()
/// let head = CollapseHead<Double>(streams: 4, width: 8, capacity: 32, store: store)
/// store.allocate(seed: 0)
/// let streams = [Double](repeating: 1, count: 32 * 4 * 8), dOut = [Double](repeating: 1, count: 32 * 8)
/// var out = [Double](repeating: 0, count: 32 * 8), dStreams = streams
/// head.forward(streams, &out, tokens: 32)
/// head.backward(dOut, streams, &dStreams, tokens: 32)
/// ```
public final class CollapseHead<T: Scalar> {
  public static var epsilon: Double { DeepSeekV4Projection.epsilon }
  let n, c: Int
  let store: ParameterStore<T>
  let phi, scale, bias: ParameterRef
  let m, w, rho, mu: UnsafeMutablePointer<T>  // [T][n], [T][n], [T], [T][n]
  let u: UnsafeMutablePointer<T>  // [T][nC]
  public let pool = BufferPool<T>()

  public init(streams: Int, width: Int, capacity: Int, store: ParameterStore<T>) {
    n = streams; c = width; self.store = store
    phi = store.declare("head.collapse.phi", shape: [n * c, n], initialiser: .normal(0.02), decay: true)
    scale = store.declare("head.collapse.s", shape: [1], initialiser: .constant(1))
    bias = store.declare("head.collapse.b", shape: [n], initialiser: .constant(0))
    let buffer = pool.buffer
    m = buffer(capacity * n); w = buffer(capacity * n); rho = buffer(capacity); mu = buffer(capacity * n)
    u = buffer(capacity * n * c)
  }

  /// Elements of its buffers for `capacity` tokens (``TrainingMemory``).
  static func bufferElements(streams n: Int, width c: Int, capacity: Int) -> Int {
    [capacity * n, capacity * n, capacity, capacity * n, capacity * n * c].map { max($0, 1) }.reduce(0, +)
  }

  /// Parameters: `nC·n + 1 + n`.
  static func parameterCount(streams n: Int, width c: Int) -> Int { n * c * n + 1 + n }

  public func forward(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, tokens: Int) {
    let nc = n * c, n = n, c = c, eps = T(RMSNorm.epsilon), e = T(Self.epsilon)
    gemm(false, false, m: tokens, n: n, k: nc, a: x, lda: nc, b: store.value(phi), ldb: n, c: m, ldc: n)
    let s = store.value(scale)[0], b = store.value(bias), (m, w, rho) = (m, w, rho)
    Parallel.rows(tokens) { range in
      for t in range {
        let v = x + t * nc
        let r = 1 / (Vector.dot(v, v, count: nc) / T(nc) + eps).squareRoot()
        rho[t] = r
        for j in 0..<n {
          m[t * n + j] *= r
          w[t * n + j] = 1 / (1 + T.exp(-(s * m[t * n + j] + b[j]))) + e
        }
        let o = out + t * c
        o.update(repeating: 0, count: c)
        for j in 0..<n {
          let wj = w[t * n + j], xj = v + j * c
          for k in 0..<c { o[k] += wj * xj[k] }
        }
      }
    }
  }

  /// Writes `∂L/∂x` (all `n` streams) into `dx` and adds the head's parameter gradients.
  public func backward(_ dOut: UnsafePointer<T>, _ x: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, tokens: Int) {
    let nc = n * c, n = n, c = c, e = T(Self.epsilon)
    let s = store.value(scale)[0], (m, w, rho, mu, u) = (m, w, rho, mu, u)
    // g_j per token into mu (as s·g, the cotangent of m), and dx_j = w_j dOut
    Parallel.rows(tokens) { range in
      for t in range {
        let d = dOut + t * c
        for j in 0..<n {
          let xj = x + t * nc + j * c, sig = w[t * n + j] - e
          let g = Vector.dot(d, xj, count: c) * sig * (1 - sig)
          mu[t * n + j] = g  // g for now; scaled by s below, after the s and b sums
          let dxj = dx + t * nc + j * c, wj = w[t * n + j]
          for k in 0..<c { dxj[k] = wj * d[k] }
        }
      }
    }
    // ∂L/∂s, ∂L/∂b: token order, one thread (deterministic)
    let ds = store.grad(scale), db = store.grad(bias)
    for t in 0..<tokens {
      for j in 0..<n {
        ds[0] += mu[t * n + j] * m[t * n + j]
        db[j] += mu[t * n + j]
      }
    }
    // μ = s·g·ρ (the cotangent of v Φ), then ∂L/∂Φ += vᵀ μ and u = μ Φᵀ
    for t in 0..<tokens { for j in 0..<n { mu[t * n + j] *= s * rho[t] } }
    gemm(true, false, m: nc, n: n, k: tokens, a: x, lda: nc, b: mu, ldb: n, beta: 1, c: store.grad(phi), ldc: n)
    gemm(false, true, m: tokens, n: nc, k: n, a: mu, lda: n, b: store.value(phi), ldb: n, c: u, ldc: nc)
    Parallel.rows(tokens) { range in
      for t in range {
        let v = x + t * nc, ut = u + t * nc, dv = dx + t * nc, r = rho[t]
        let k = Vector.dot(ut, v, count: nc) * r * r / T(nc)
        for i in 0..<nc { dv[i] += ut[i] - v[i] * k }
      }
    }
  }
}
