import RealModule

/// An orthogonal `H_res` by the Cayley transform (as in JPmHC): with `A` skew-symmetric,
///
///     A[i][j] = ℓ_{ij},  A[j][i] = −ℓ_{ij}  (i < j: n(n−1)/2 logits, row-major),
///     H = (I − A)(I + A)⁻¹,
///
/// orthogonal for every `A` (`I + A` is always invertible: `A`'s eigenvalues are imaginary), so
/// it preserves the Euclidean norm of the mixed streams — but it is not non-negative: a row can
/// take differences of streams, and its Amax gains (absolute row and column sums) lie between 1
/// and `√n`. `A = 0` gives `H = I`; it reaches every rotation, no reflection (det H = 1), and not
/// `J/n`. Backward, with `B = (I + A)⁻¹` and `G = ∂L/∂H`: `∂L/∂A = −(I + H)ᵀ G Bᵀ`, and
/// `∂L/∂ℓ_{ij} = ∂L/∂A[i][j] − ∂L/∂A[j][i]`. The inverse is Gauss-Jordan with partial pivoting
/// per token. A non-finite logit gives a NaN block.
public enum CayleyProjection: ManifoldProjection {
  public static let name = "cayley"
  public static let help = "orthogonal (I − A)(I + A)⁻¹, A skew-symmetric; not non-negative"
  public static let published = "orthogonal Cayley transform (JPmHC): norm-preserving, not non-negative"
  public static var iterates: Bool { false }

  public static func logitCount(n: Int) -> Int { n * (n - 1) / 2 }
  public static func scratchCount(n: Int, iterations: Int) -> Int { 5 * n * n }

  /// Every init starts at `A = 0`, `H = I` (the uniform mixing `J/n` is not orthogonal).
  public static func initialLogits(_ bias: BiasInit, n: Int) -> [Double] {
    [Double](repeating: 0, count: logitCount(n: n))
  }

  /// `A` from one token's logits, `B = (I + A)⁻¹` and `H = (I − A) B`. Returns false if a
  /// logit is not finite (then `H` is NaN).
  static func transform<T: Scalar>(_ l: UnsafePointer<T>, n: Int, a: UnsafeMutablePointer<T>,
                                   b: UnsafeMutablePointer<T>, h: UnsafeMutablePointer<T>,
                                   work: UnsafeMutablePointer<T>) -> Bool {
    let nn = n * n
    var k = 0
    for i in 0..<n {
      a[i * n + i] = 0
      for j in (i + 1)..<n {
        a[i * n + j] = l[k]; a[j * n + i] = -l[k]; k += 1
      }
    }
    for q in 0..<nn where !a[q].isFinite { for r in 0..<nn { h[r] = .nan }; return false }
    // Gauss-Jordan on [I + A | I] → [I | B]
    for q in 0..<nn { work[q] = a[q] + (q % (n + 1) == 0 ? 1 : 0); b[q] = q % (n + 1) == 0 ? 1 : 0 }
    for c in 0..<n {
      var pivot = c
      for r in (c + 1)..<n where abs(work[r * n + c]) > abs(work[pivot * n + c]) { pivot = r }
      if pivot != c {
        for j in 0..<n {
          (work[c * n + j], work[pivot * n + j]) = (work[pivot * n + j], work[c * n + j])
          (b[c * n + j], b[pivot * n + j]) = (b[pivot * n + j], b[c * n + j])
        }
      }
      let inv = 1 / work[c * n + c]
      for j in 0..<n { work[c * n + j] *= inv; b[c * n + j] *= inv }
      for r in 0..<n where r != c {
        let f = work[r * n + c]
        if f == 0 { continue }
        for j in 0..<n { work[r * n + j] -= f * work[c * n + j]; b[r * n + j] -= f * b[c * n + j] }
      }
    }
    // H = (I − A) B
    for i in 0..<n {
      for j in 0..<n {
        var s = b[i * n + j]
        for m in 0..<n { s -= a[i * n + m] * b[m * n + j] }
        h[i * n + j] = s
      }
    }
    return true
  }

  public static func forward<T: Scalar>(logits: UnsafePointer<T>, output: UnsafeMutablePointer<T>, count: Int, n: Int,
                                        iterations: Int, scratch: UnsafeMutablePointer<T>) {
    let r = logitCount(n: n), nn = n * n
    let a = scratch, b = scratch + nn, work = scratch + 2 * nn
    for t in 0..<count { _ = transform(logits + t * r, n: n, a: a, b: b, h: output + t * nn, work: work) }
  }

  public static func backward<T: Scalar>(logits: UnsafePointer<T>, dOutput: UnsafePointer<T>,
                                         dLogits: UnsafeMutablePointer<T>, count: Int, n: Int, iterations: Int,
                                         scratch: UnsafeMutablePointer<T>) {
    let r = logitCount(n: n), nn = n * n
    let a = scratch, b = scratch + nn, work = scratch + 2 * nn, h = scratch + 3 * nn, m = scratch + 4 * nn
    for t in 0..<count {
      let dl = dLogits + t * r, g = dOutput + t * nn
      guard transform(logits + t * r, n: n, a: a, b: b, h: h, work: work) else {
        for q in 0..<r { dl[q] = .nan }
        continue
      }
      // m = (I + H)ᵀ G ;  ∂L/∂A = −m Bᵀ
      for i in 0..<n {
        for j in 0..<n {
          var s = g[i * n + j]
          for q in 0..<n { s += h[q * n + i] * g[q * n + j] }
          m[i * n + j] = s
        }
      }
      for i in 0..<n {
        for j in 0..<n {
          var s: T = 0
          for q in 0..<n { s += m[i * n + q] * b[j * n + q] }
          work[i * n + j] = -s
        }
      }
      var k = 0
      for i in 0..<n {
        for j in (i + 1)..<n { dl[k] = work[i * n + j] - work[j * n + i]; k += 1 }
      }
    }
  }
}

extension ResidualManifold {
  /// Orthogonal mixing by the Cayley transform (``CayleyProjection``).
  public static let cayley = ResidualManifold(CayleyProjection.self)
}
