import RealModule

/// A doubly stochastic circulant `H_res`: one probability vector, shifted by one per row,
///
///     w = softmax(ℓ),   H[i][j] = w[(j − i) mod n],
///
/// so every row and every column holds each `w_k` once: doubly stochastic by construction, to
/// rounding, with `n` logits per token. It can express `I` (w = e₀), every cyclic shift, and
/// `J/n` (uniform w), but no other permutation. Backward: `∂L/∂w_k = Σ_i ∂L/∂H[i][(i+k) mod n]`,
/// then the softmax's `∂L/∂ℓ = w ⊙ (∂L/∂w − ⟨w, ∂L/∂w⟩)`. A non-finite logit gives a NaN block.
public enum CirculantProjection: ManifoldProjection {
  public static let name = "circulant"
  public static let help = "softmax over n weights, shifted per row; exact"
  public static let published = "doubly stochastic circulant (a 2026 note's stream-collapse argument)"
  public static var iterates: Bool { false }

  public static func logitCount(n: Int) -> Int { n }
  public static func scratchCount(n: Int, iterations: Int) -> Int { 2 * n }

  /// `identity`: +3 on `w_0` (the diagonal), −3 elsewhere; `eye`: 1 on `w_0`.
  public static func initialLogits(_ bias: BiasInit, n: Int) -> [Double] {
    switch bias {
    case .uniform: return [Double](repeating: 0, count: n)
    case .identity: return (0..<n).map { $0 == 0 ? 3 : -3 }
    case .eye: return (0..<n).map { $0 == 0 ? 1 : 0 }
    }
  }

  /// `w = softmax(ℓ)` of one token into `w`.
  static func softmax<T: Scalar>(_ l: UnsafePointer<T>, _ w: UnsafeMutablePointer<T>, n: Int) {
    var mx = l[0]
    for k in 1..<n { mx = Swift.max(mx, l[k]) }
    if !mx.isFinite { for k in 0..<n { w[k] = .nan }; return }
    var sum: T = 0
    for k in 0..<n { w[k] = T.exp(l[k] - mx); sum += w[k] }
    for k in 0..<n { w[k] /= sum }
  }

  public static func forward<T: Scalar>(logits: UnsafePointer<T>, output: UnsafeMutablePointer<T>, count: Int, n: Int,
                                        iterations: Int, scratch: UnsafeMutablePointer<T>) {
    let w = scratch
    for t in 0..<count {
      softmax(logits + t * n, w, n: n)
      let h = output + t * n * n
      for i in 0..<n { for j in 0..<n { h[i * n + j] = w[(j - i + n) % n] } }
    }
  }

  public static func backward<T: Scalar>(logits: UnsafePointer<T>, dOutput: UnsafePointer<T>,
                                         dLogits: UnsafeMutablePointer<T>, count: Int, n: Int, iterations: Int,
                                         scratch: UnsafeMutablePointer<T>) {
    let w = scratch, dw = scratch + n
    for t in 0..<count {
      softmax(logits + t * n, w, n: n)
      let g = dOutput + t * n * n, dl = dLogits + t * n
      for k in 0..<n { dw[k] = 0 }
      for i in 0..<n { for j in 0..<n { dw[(j - i + n) % n] += g[i * n + j] } }
      var dot: T = 0
      for k in 0..<n { dot += w[k] * dw[k] }
      for k in 0..<n { dl[k] = w[k] * (dw[k] - dot) }
    }
  }
}

extension ResidualManifold {
  /// Doubly stochastic circulant matrices (``CirculantProjection``).
  public static let circulant = ResidualManifold(CirculantProjection.self)
}
