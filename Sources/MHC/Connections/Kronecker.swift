import RealModule

/// KromHC's `H_res` (arXiv 2601.21579): a Kronecker product of `k = log₂ n` doubly stochastic
/// 2×2 factors,
///
///     p_m = σ(ℓ_m),   F_m = [[p_m, 1 − p_m], [1 − p_m, p_m]],   H = F_1 ⊗ F_2 ⊗ … ⊗ F_k,
///
/// so `H[i][j] = Π_m (i_m = j_m ? p_m : 1 − p_m)` with `i_m` the m-th bit of `i` (F_1 the most
/// significant). A Kronecker product of doubly stochastic matrices is doubly stochastic: exact by
/// construction, with `log₂ n` logits per token (mHC's Sinkhorn uses `n²`). It expresses `I`
/// (every `p = 1`), `J/n` (every `p = ½`) and the bit-flip permutations, not every permutation.
/// `n` must be a power of 2. Backward: `∂L/∂ℓ_m = p_m(1 − p_m) Σ_{ij} ∂L/∂H[i][j] · s_m(i,j) ·
/// Π_{m' ≠ m} F_{m'}(i,j)`, `s_m = ±1` as the bits agree or not (the product of the other
/// factors is formed directly, never by division).
public enum KroneckerProjection: ManifoldProjection {
  public static let name = "kronecker"
  public static let help = "KromHC: Kronecker product of 2×2 doubly stochastic factors, n a power of 2; exact"
  public static let published = "KromHC (arXiv 2601.21579): Kronecker product of 2×2 doubly stochastic factors, log2 "
    + "n logits"
  public static var iterates: Bool { false }

  /// `log₂ n`.
  public static func logitCount(n: Int) -> Int { n <= 1 ? 0 : Int.bitWidth - 1 - n.leadingZeroBitCount }

  public static func validate(n: Int) throws {
    try MHCError.check(
      n >= 1 && n & (n - 1) == 0,
      "--manifold kronecker needs n a power of 2 (1, 2, 4, 8, …; it multiplies 2×2 factors), not n = \(n); use "
        + "--streams \(Swift.max(1, 1 << (Int.bitWidth - 1 - Swift.max(n, 1).leadingZeroBitCount))) or another "
        + "manifold")
  }

  public static func scratchCount(n: Int, iterations: Int) -> Int { 2 * Swift.max(logitCount(n: n), 1) }

  /// One logit per factor: `identity` +3 (`p ≈ 0.95`), `eye` 1, `uniform` 0 (`p = ½`, `H = J/n`).
  public static func initialLogits(_ bias: BiasInit, n: Int) -> [Double] {
    let v: Double = bias == .identity ? 3 : bias == .eye ? 1 : 0
    return [Double](repeating: v, count: logitCount(n: n))
  }

  /// `p_m` and `1 − p_m` of one token (each from its own exponential, no cancellation).
  static func factors<T: Scalar>(_ l: UnsafePointer<T>, _ p: UnsafeMutablePointer<T>, _ q: UnsafeMutablePointer<T>,
                                 k: Int) {
    for m in 0..<k {
      p[m] = 1 / (1 + T.exp(-l[m]))
      q[m] = 1 / (1 + T.exp(l[m]))
    }
  }

  public static func forward<T: Scalar>(logits: UnsafePointer<T>, output: UnsafeMutablePointer<T>, count: Int, n: Int,
                                        iterations: Int, scratch: UnsafeMutablePointer<T>) {
    let k = logitCount(n: n), p = scratch, q = scratch + Swift.max(k, 1)
    for t in 0..<count {
      factors(logits + t * k, p, q, k: k)
      let h = output + t * n * n
      for i in 0..<n {
        for j in 0..<n {
          var v: T = 1
          for m in 0..<k {
            let bit = k - 1 - m  // F_1 acts on the most significant bit
            v *= (i >> bit) & 1 == (j >> bit) & 1 ? p[m] : q[m]
          }
          h[i * n + j] = v
        }
      }
    }
  }

  public static func backward<T: Scalar>(logits: UnsafePointer<T>, dOutput: UnsafePointer<T>,
                                         dLogits: UnsafeMutablePointer<T>, count: Int, n: Int, iterations: Int,
                                         scratch: UnsafeMutablePointer<T>) {
    let k = logitCount(n: n), p = scratch, q = scratch + Swift.max(k, 1)
    for t in 0..<count {
      factors(logits + t * k, p, q, k: k)
      let g = dOutput + t * n * n, dl = dLogits + t * k
      for m in 0..<k {
        var s: T = 0
        for i in 0..<n {
          for j in 0..<n {
            var others: T = 1
            for m2 in 0..<k where m2 != m {
              let bit = k - 1 - m2
              others *= (i >> bit) & 1 == (j >> bit) & 1 ? p[m2] : q[m2]
            }
            let bit = k - 1 - m
            s += ((i >> bit) & 1 == (j >> bit) & 1 ? g[i * n + j] : -g[i * n + j]) * others
          }
        }
        dl[m] = p[m] * q[m] * s
      }
    }
  }
}

extension ResidualManifold {
  /// KromHC's Kronecker-factored doubly stochastic matrices (``KroneckerProjection``).
  public static let kronecker = ResidualManifold(KroneckerProjection.self)
}
