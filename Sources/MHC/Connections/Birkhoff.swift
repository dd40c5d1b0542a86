/// mHC-lite's `H_res`: a convex combination of the `n!` permutation matrices,
///
///     w = softmax(ℓ),   H_res = Σ_k w_k P_k,   (P_k)_{i,σ_k(i)} = 1,
///
/// doubly stochastic to rounding for any logits. Permutations are in lexicographic order, so
/// `k = 0` is the identity. Backward: `∂L/∂w_k = Σ_i ∂L/∂H_{i,σ_k(i)}`, then the softmax's
/// `∂L/∂ℓ_k = w_k (∂L/∂w_k − Σ_l w_l ∂L/∂w_l)`.
public enum BirkhoffMixture {
  /// `n!` (for `n ≤ 20`).
  public static func permutationCount(_ n: Int) -> Int { n <= 1 ? 1 : (2...min(n, 20)).reduce(1, *) }

  /// The permutations of `0..<n` for `n ≤ 6`, lexicographic, flattened (`σ_k(i)` at `k·n + i`).
  static let tables: [[Int32]] = (0...ResidualManifold.birkhoffMaxStreams).map { n in
    var out: [Int32] = [], p = (0..<n).map(Int32.init)
    while true {
      out += p
      // next lexicographic permutation
      guard var i = p.indices.dropLast().last(where: { p[$0] < p[$0 + 1] }) else { break }
      let j = p.indices.last { p[$0] > p[i] }!
      p.swapAt(i, j)
      i += 1
      p[i...].reverse()
    }
    return n == 0 ? [] : out
  }

  /// `σ_k(i)` of permutation `k` of `0..<n`.
  public static func permutation(_ k: Int, n: Int) -> [Int] { tables[n][(k * n)..<((k + 1) * n)].map(Int.init) }

  static func softmax<T: Scalar>(_ x: UnsafePointer<T>, _ w: UnsafeMutablePointer<T>, count: Int) {
    var top = x[0]
    for k in 1..<count where x[k] > top { top = x[k] }
    var sum: T = 0
    for k in 0..<count { w[k] = x[k] - top }
    T.expInPlace(w, count: count)
    for k in 0..<count { sum += w[k] }
    let inv = 1 / sum
    for k in 0..<count { w[k] *= inv }
  }

  public static func forward<T: Scalar>(logits: UnsafePointer<T>, output: UnsafeMutablePointer<T>, count: Int, n: Int,
                                        scratch w: UnsafeMutablePointer<T>) {
    let p = permutationCount(n), nn = n * n
    tables[n].withUnsafeBufferPointer { sigma in
      for t in 0..<count {
        let h = output + t * nn
        softmax(logits + t * p, w, count: p)
        h.update(repeating: 0, count: nn)
        for k in 0..<p {
          let s = sigma.baseAddress! + k * n, wk = w[k]
          for i in 0..<n { h[i * n + Int(s[i])] += wk }
        }
      }
    }
  }

  public static func backward<T: Scalar>(logits: UnsafePointer<T>, dOutput: UnsafePointer<T>,
                                         dLogits: UnsafeMutablePointer<T>, count: Int, n: Int,
                                         scratch w: UnsafeMutablePointer<T>) {
    let p = permutationCount(n), nn = n * n
    tables[n].withUnsafeBufferPointer { sigma in
      for t in 0..<count {
        let g = dOutput + t * nn, d = dLogits + t * p
        softmax(logits + t * p, w, count: p)
        var mean: T = 0
        for k in 0..<p {
          let s = sigma.baseAddress! + k * n
          var dw: T = 0
          for i in 0..<n { dw += g[i * n + Int(s[i])] }
          d[k] = dw
          mean += w[k] * dw
        }
        for k in 0..<p { d[k] = w[k] * (d[k] - mean) }
      }
    }
  }
}
