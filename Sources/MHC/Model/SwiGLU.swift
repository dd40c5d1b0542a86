import RealModule

/// The SwiGLU feed-forward sublayer with its own pre-norm: `F(h) = W2 (silu(W1 ĥ) ⊙ W3 ĥ)`,
/// `ĥ = RMSNorm(h) ⊙ g`, hidden size `round_up(8C/3, 32)`.
///
///     norm.g     [C]      init 1, no decay
///     w1.weight  [H][C]   N(0, 0.02)        (w1 and w3 are adjacent in the store,
///     w3.weight  [H][C]   N(0, 0.02)         so one gemm computes both)
///     w2.weight  [C][H]   N(0, 0.02/√(2·layers))
public final class SwiGLU<T: Scalar>: Sublayer {
  public let width: Int, hidden: Int, capacity: Int
  unowned let store: ParameterStore<T>
  let gain, w1, w3, w2: ParameterRef
  let xhat, rinv, hn, ab, g: UnsafeMutablePointer<T>
  let dg, dab, dhn: UnsafeMutablePointer<T>
  /// Activation and scratch buffers.
  public let pool = BufferPool<T>()

  /// `round_up(8C/3, 32)`.
  public static func hiddenSize(width: Int) -> Int { ((8 * width + 2) / 3 + 31) / 32 * 32 }

  /// Element counts of the buffers, in declaration order: `xhat`, `rinv`, `hn`, `ab` (`W1 h`
  /// and `W3 h` side by side), `g`; the backward's `dg`, `dab`, `dhn`.
  public static func bufferCounts(width c: Int, capacity: Int) -> [Int] {
    let h = hiddenSize(width: c)
    return [
      capacity * c, capacity, capacity * c, capacity * 2 * h, capacity * h, capacity * h, capacity * 2 * h,
      capacity * c,
    ]
  }

  /// `norm.g [C]`, `w1`, `w3 [H][C]`, `w2 [C][H]`.
  public static func parameterCount(width c: Int) -> Int { c + 3 * hiddenSize(width: c) * c }

  public init(width: Int, layers: Int, capacity: Int, store: ParameterStore<T>, prefix: String) {
    self.width = width; self.capacity = capacity; self.store = store
    hidden = Self.hiddenSize(width: width)
    gain = store.declare("\(prefix).norm.g", shape: [width], initialiser: .constant(1))
    w1 = store.declare("\(prefix).w1.weight", shape: [hidden, width], initialiser: .normal(0.02), decay: true)
    w3 = store.declare("\(prefix).w3.weight", shape: [hidden, width], initialiser: .normal(0.02), decay: true)
    w2 = store.declare(
      "\(prefix).w2.weight", shape: [width, hidden],
      initialiser: .normal(0.02 / (2 * Double(layers)).squareRoot()), decay: true)
    precondition(w3.offset == w1.offset + w1.count)
    let b = Self.bufferCounts(width: width, capacity: capacity).map { [pool] in pool.buffer($0) }
    (xhat, rinv, hn, ab, g) = (b[0], b[1], b[2], b[3], b[4])
    (dg, dab, dhn) = (b[5], b[6], b[7])
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  public func forward(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, tokens: Int) {
    let c = width, hd = hidden
    RMSNorm.forward(x, y: hn, xhat: xhat, r: rinv, gain: store.value(gain), rows: tokens, width: c)
    gemm(false, true, m: tokens, n: 2 * hd, k: c, a: hn, lda: c, b: store.value(w1), ldb: c, c: ab, ldc: 2 * hd)
    Parallel.rows(tokens) { range in
      for t in range {
        let a = ab + t * 2 * hd, b = a + hd, gt = g + t * hd
        for i in 0..<hd { gt[i] = -a[i] }
        T.expInPlace(gt, count: hd)  // e^{−a}; σ(a) = 1/(1 + e^{−a})
        for i in 0..<hd { gt[i] = a[i] / (1 + gt[i]) * b[i] }
      }
    }
    gemm(false, true, m: tokens, n: c, k: hd, a: g, lda: hd, b: store.value(w2), ldb: hd, c: y, ldc: c)
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  public func backward(_ dy: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, tokens: Int) {
    let c = width, hd = hidden
    gemm(true, false, m: c, n: hd, k: tokens, a: dy, lda: c, b: g, ldb: hd, beta: 1, c: store.grad(w2), ldc: hd)
    gemm(false, false, m: tokens, n: hd, k: c, a: dy, lda: c, b: store.value(w2), ldb: hd, c: dg, ldc: hd)
    Parallel.rows(tokens) { range in
      for t in range {
        let a = ab + t * 2 * hd, b = a + hd, dgt = dg + t * hd, da = dab + t * 2 * hd, db = da + hd
        for i in 0..<hd { da[i] = -a[i] }
        T.expInPlace(da, count: hd)
        for i in 0..<hd {
          let s = 1 / (1 + da[i]), silu = a[i] * s
          db[i] = dgt[i] * silu
          da[i] = dgt[i] * b[i] * s * (1 + a[i] * (1 - s))
        }
      }
    }
    gemm(
      true, false, m: 2 * hd, n: c, k: tokens, a: dab, lda: 2 * hd, b: hn, ldb: c, beta: 1, c: store.grad(w1), ldc: c)
    gemm(false, false, m: tokens, n: c, k: 2 * hd, a: dab, lda: 2 * hd, b: store.value(w1), ldb: c, c: dhn, ldc: c)
    RMSNorm.backward(
      dhn, dx: dx, xhat: xhat, r: rinv, gain: store.value(gain), dGain: store.grad(gain),
      rows: tokens, width: c)
  }
}
