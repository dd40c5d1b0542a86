/// mHC-lite's `H_res`: a convex combination of the `n!` permutation matrices,
///
///     w = softmax(ℓ),   H_res = Σ_k w_k P_k,   (P_k)_{i,σ_k(i)} = 1,
///
/// doubly stochastic to rounding for any logits. Permutations are in lexicographic order, so
/// `k = 0` is the identity. Backward: `∂L/∂w_k = Σ_i ∂L/∂H_{i,σ_k(i)}`, then the softmax's
/// `∂L/∂ℓ_k = w_k (∂L/∂w_k − Σ_l w_l ∂L/∂w_l)`. Blocks of ``SinkhornKnopp/block`` tokens are
/// stored entry-major, eight tokens per SIMD vector, as in ``SinkhornKnopp``.
public enum BirkhoffMixture: ManifoldProjection {
  public static let name = "birkhoff"
  public static let help = "mHC-lite: mixtures of the n! permutations, n ≤ 6"
  public static let published = "mHC-lite (arXiv 2601.05732): exactly doubly stochastic by construction, no "
    + "iterations, faster"
  public static var iterates: Bool { false }

  /// Largest `n` accepted: `n!` logits per token (720 at n = 6; 5040 at 7).
  public static let maxStreams = 6

  /// One logit per permutation: `n!`.
  public static func logitCount(n: Int) -> Int { permutationCount(n) }

  public static func validate(n: Int) throws {
    try MHCError.check(
      n <= maxStreams,
      "--manifold birkhoff needs n ≤ \(maxStreams) (it learns one weight per permutation: n! = "
        + "\(n <= 12 ? "\(permutationCount(n))" : "more than 4·10⁸") at n = \(n)); use --streams \(maxStreams) or "
        + "fewer, or another manifold"
    )
  }

  /// The logit of the identity permutation (`k = 0`) plays the diagonal's part: `identity`
  /// +3 on it and −3 on every other permutation, `eye` 1 on it.
  public static func initialLogits(_ bias: BiasInit, n: Int) -> [Double] {
    let p = permutationCount(n)
    switch bias {
    case .uniform: return [Double](repeating: 0, count: p)
    case .identity: return (0..<p).map { $0 == 0 ? 3 : -3 }
    case .eye: return (0..<p).map { $0 == 0 ? 1 : 0 }
    }
  }

  public static func scratchCount(n: Int, iterations: Int) -> Int { scratchCount(n: n) }

  public static func forward<T: Scalar>(
    logits: UnsafePointer<T>, output: UnsafeMutablePointer<T>, count: Int, n: Int,
    iterations: Int, scratch: UnsafeMutablePointer<T>
  ) {
    forward(logits: logits, output: output, count: count, n: n, scratch: scratch)
  }

  public static func backward<T: Scalar>(
    logits: UnsafePointer<T>, dOutput: UnsafePointer<T>,
    dLogits: UnsafeMutablePointer<T>, count: Int, n: Int, iterations: Int,
    scratch: UnsafeMutablePointer<T>
  ) {
    backward(logits: logits, dOutput: dOutput, dLogits: dLogits, count: count, n: n, scratch: scratch)
  }

  /// `n!` (for `n ≤ 20`).
  public static func permutationCount(_ n: Int) -> Int { n <= 1 ? 1 : (2...min(n, 20)).reduce(1, *) }

  /// The permutations of `0..<n` for `n ≤ 6`, lexicographic, flattened (`σ_k(i)` at `k·n + i`).
  static let tables: [[Int32]] = (0...maxStreams).map { n in
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

  /// Scratch elements for one block of ``SinkhornKnopp/block`` tokens: weights and their
  /// gradient (`[n!][block]` each), `H_res` or its gradient (`[n²][block]`).
  public static func scratchCount(n: Int) -> Int { (2 * permutationCount(n) + n * n) * SinkhornKnopp.block }

  /// Gathers `bs` tokens' logits entry-major into `w` (`[p][block]`) and makes each token's
  /// softmax, eight tokens per SIMD vector. Unused lanes hold `1/p` (harmless, never read back).
  @inline(__always)
  static func softmax<T: Scalar>(_ l: UnsafePointer<T>, _ w: UnsafeMutablePointer<T>, bs: Int, p: Int) {
    let B = SinkhornKnopp.block
    w.update(repeating: 0, count: p * B)
    for b in 0..<bs {
      let lb = l + b * p
      var top = lb[0]
      for k in 1..<p where lb[k] > top { top = lb[k] }
      for k in 0..<p { w[k * B + b] = lb[k] - top }
    }
    T.expInPlace(w, count: p * B)
    for q in stride(from: 0, to: B, by: 8) {
      var sum = SIMD8<T>()
      for k in 0..<p { sum += Vector.load8(w, k * B + q) }
      let inv = 1 / sum
      for k in 0..<p { Vector.store8(w, k * B + q, Vector.load8(w, k * B + q) * inv) }
    }
  }

  public static func forward<T: Scalar>(
    logits: UnsafePointer<T>, output: UnsafeMutablePointer<T>, count: Int, n: Int,
    scratch: UnsafeMutablePointer<T>
  ) {
    let p = permutationCount(n), nn = n * n, B = SinkhornKnopp.block
    let w = scratch, h = scratch + 2 * p * B
    tables[n].withUnsafeBufferPointer { sigma in
      for start in stride(from: 0, to: count, by: B) {
        let bs = min(B, count - start)
        softmax(logits + start * p, w, bs: bs, p: p)
        h.update(repeating: 0, count: nn * B)
        for q in stride(from: 0, to: B, by: 8) {
          for k in 0..<p {
            let wk = Vector.load8(w, k * B + q)
            for i in 0..<n {
              let e = (i * n + Int(sigma[k * n + i])) * B + q
              Vector.store8(h, e, Vector.load8(h, e) + wk)
            }
          }
        }
        for b in 0..<bs { let o = output + (start + b) * nn; for e in 0..<nn { o[e] = h[e * B + b] } }
      }
    }
  }

  public static func backward<T: Scalar>(
    logits: UnsafePointer<T>, dOutput: UnsafePointer<T>,
    dLogits: UnsafeMutablePointer<T>, count: Int, n: Int,
    scratch: UnsafeMutablePointer<T>
  ) {
    let p = permutationCount(n), nn = n * n, B = SinkhornKnopp.block
    let w = scratch, dw = scratch + p * B, g = dw + p * B
    tables[n].withUnsafeBufferPointer { sigma in
      for start in stride(from: 0, to: count, by: B) {
        let bs = min(B, count - start)
        softmax(logits + start * p, w, bs: bs, p: p)
        g.update(repeating: 0, count: nn * B)
        for b in 0..<bs { let d = dOutput + (start + b) * nn; for e in 0..<nn { g[e * B + b] = d[e] } }
        for q in stride(from: 0, to: B, by: 8) {
          var mean = SIMD8<T>()
          for k in 0..<p {
            var d = SIMD8<T>()
            for i in 0..<n { d += Vector.load8(g, (i * n + Int(sigma[k * n + i])) * B + q) }
            Vector.store8(dw, k * B + q, d)
            mean += Vector.load8(w, k * B + q) * d
          }
          for k in 0..<p {
            let e = k * B + q
            Vector.store8(dw, e, Vector.load8(w, e) * (Vector.load8(dw, e) - mean))
          }
        }
        for b in 0..<bs { let d = dLogits + (start + b) * p; for k in 0..<p { d[k] = dw[k * B + b] } }
      }
    }
  }
}

extension ResidualManifold {
  /// mHC-lite (arXiv 2601.05732): `H_res = Σ_k softmax(ℓ)_k P_k` over the `n!` permutation
  /// matrices — exactly doubly stochastic by construction, no iteration (``BirkhoffMixture``).
  public static let birkhoff = ResidualManifold(BirkhoffMixture.self)
}
