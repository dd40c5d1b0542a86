import RealModule

/// What the learned mappings do, measured at every evaluation of an HC/mHC run
/// (`mappings.csv`, one row per sublayer), on the first evaluation batch:
///
/// - **diversity**: mean pairwise cosine similarity `cos(x_i, x_j)`, `i < j`, of the `n`
///   output streams of the sublayer, averaged over tokens. 1 = the streams are identical
///   copies (then mHC's `H_res` gets no gradient, `docs/method.md`, "Symmetry"); lower = more diverse.
/// - **distance from J/n and from I**: `‖H − J/n‖_F` and `‖H − I‖_F` of each token's `H_res`,
///   averaged over tokens; the same for the per-token composite `H⁽ˡ⁾ ··· H⁽¹⁾`.
/// - **entropy** (mHC): mean over rows of `−Σ_j H_ij ln H_ij`, averaged over tokens; `ln n`
///   for `J/n`, 0 for a permutation.
/// - **drift**: `‖H̄ − H̄₀‖_F` of the token-averaged `H_res` from its value before training
///   (same evaluation batch).
///
/// ```swift
/// let model = try Transformer<Float>(ModelConfig(), batch: 16, seed: 0), x = [Int32](repeating: 65, count: 16 * 128)
/// model.forward(inputs: x, targets: x)                                // an evaluation batch, before training
/// let initialMeans = model.meanResidualMappings().perSublayer
/// let rows = model.mappingMetrics(step: 100, initial: initialMeans)  // after 100 steps, on the same batch
/// ```
public struct MappingRow: Sendable, Equatable {
  public var step: Int
  public var sublayer: Int
  public var diversity: Double
  public var distanceUniform: Double
  public var distanceIdentity: Double
  public var compositeDistanceUniform: Double
  public var compositeDistanceIdentity: Double
  public var entropy: Double?
  public var drift: Double?

  public static let header =
    "step,sublayer,stream_cosine,dist_uniform,dist_identity,composite_dist_uniform,composite_dist_identity,entropy,drift"

  public var csv: String {
    ([
      fmt(diversity), fmt(distanceUniform), fmt(distanceIdentity), fmt(compositeDistanceUniform),
      fmt(compositeDistanceIdentity), entropy.map(fmt) ?? "", drift.map(fmt) ?? "",
    ])
    .reduce("\(step),\(sublayer)") { $0 + "," + $1 }
  }

  public init(
    step: Int, sublayer: Int, diversity: Double, distanceUniform: Double, distanceIdentity: Double,
    compositeDistanceUniform: Double, compositeDistanceIdentity: Double, entropy: Double?, drift: Double?
  ) {
    self.step = step; self.sublayer = sublayer; self.diversity = diversity
    self.distanceUniform = distanceUniform; self.distanceIdentity = distanceIdentity
    self.compositeDistanceUniform = compositeDistanceUniform; self.compositeDistanceIdentity = compositeDistanceIdentity
    self.entropy = entropy; self.drift = drift
  }

  public init?(csv line: Substring) {
    let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    guard f.count == 9, let s = Int(f[0]), let k = Int(f[1]) else { return nil }
    self.init(
      step: s, sublayer: k, diversity: parse(f[2]), distanceUniform: parse(f[3]), distanceIdentity: parse(f[4]),
      compositeDistanceUniform: parse(f[5]), compositeDistanceIdentity: parse(f[6]),
      entropy: f[7].isEmpty ? nil : parse(f[7]), drift: f[8].isEmpty ? nil : parse(f[8]))
  }

  public static func read(_ path: String) throws -> [MappingRow] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw MHCError("cannot read \(path)") }
    return RunFiles.completeLines(text).dropFirst().compactMap { MappingRow(csv: $0) }
  }
}

extension Transformer {
  /// ``MappingRow``s of every sublayer for the last forward; `initial` holds the token-averaged
  /// `H_res` of each sublayer before training (``meanResidualMappings()`` then), for the drift.
  public func mappingMetrics(step: Int, initial: [[Double]]?) -> [MappingRow] {
    let tokens = lastTokens, c = config.width, nn = n * n
    let mhc = config.connection.kind == .mhc
    var tracker = GainTracker(n: n, tokens: tokens)
    var rows: [MappingRow] = []
    let means = meanResidualMappings().perSublayer
    visitSublayers { k in
      let h = residualMapping(k)
      _ = tracker.append(h)
      var du = 0.0, di = 0.0, cu = 0.0, ci = 0.0, ent = 0.0, cos = 0.0
      for t in 0..<tokens {
        let ht = h + t * nn
        du += frobenius(ht, n: n, minus: .uniform); di += frobenius(ht, n: n, minus: .identity)
        tracker.composite.withUnsafeBufferPointer { p in
          cu += frobenius(p.baseAddress! + t * nn, n: n, minus: .uniform)
          ci += frobenius(p.baseAddress! + t * nn, n: n, minus: .identity)
        }
        if mhc {
          var e = 0.0
          for q in 0..<nn { let v = Double(ht[q]); if v > 0 { e -= v * .log(v) } }
          ent += e / Double(n)
        }
        cos += streamCosine(streams[k + 1] + t * n * c, n: n, width: c)
      }
      let inv = 1 / Double(max(tokens, 1))
      let drift = initial.map { ini in
        zip(means[k], ini[k]).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
      }
      rows.append(
        MappingRow(
          step: step, sublayer: k, diversity: cos * inv, distanceUniform: du * inv,
          distanceIdentity: di * inv, compositeDistanceUniform: cu * inv,
          compositeDistanceIdentity: ci * inv, entropy: mhc ? ent * inv : nil, drift: drift))
    }
    return rows
  }
}

enum Reference { case uniform, identity }

/// `‖M − R‖_F` for `R = J/n` or `I`.
func frobenius<T: Scalar>(_ m: UnsafePointer<T>, n: Int, minus r: Reference) -> Double {
  var s = 0.0
  for i in 0..<n {
    for j in 0..<n {
      let ref = r == .uniform ? 1 / Double(n) : (i == j ? 1.0 : 0.0)
      let d = Double(m[i * n + j]) - ref
      s += d * d
    }
  }
  return s.squareRoot()
}

/// Mean pairwise cosine similarity of `n` streams of `width` values (1 for `n` = 1).
func streamCosine<T: Scalar>(_ x: UnsafePointer<T>, n: Int, width: Int) -> Double {
  guard n > 1 else { return 1 }
  var norms = [Double](repeating: 0, count: n)
  for j in 0..<n { norms[j] = Double(Vector.dot(x + j * width, x + j * width, count: width)).squareRoot() }
  var total = 0.0
  for i in 0..<n {
    for j in (i + 1)..<n {
      let d = Double(Vector.dot(x + i * width, x + j * width, count: width))
      total += norms[i] > 0 && norms[j] > 0 ? d / (norms[i] * norms[j]) : 1
    }
  }
  return total / Double(n * (n - 1) / 2)
}

/// What a mixing matrix does, beyond its distance from `J/n` and `I`: how close it is to some
/// permutation of the streams, and how many independent directions it keeps.
///
/// ```swift
/// let h: [Double] = [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0]   // swaps streams 0↔1 and 2↔3
/// let (d, p) = MixingShape.nearestPermutation(h, n: 4)   // 0 and the permutation for a permutation matrix
/// MixingShape.effectiveRank(h, n: 4)                      // 1 for J/n, 4 for any permutation
/// ```
public enum MixingShape {
  /// `min_P ‖M − P‖_F` over the `n!` permutation matrices (`P[i][π(i)] = 1`), and the minimising `π`
  /// (brute force; `n ≤ 8`).
  public static func nearestPermutation(_ m: [Double], n: Int) -> (distance: Double, permutation: [Int]) {
    precondition(n >= 1 && n <= 8 && m.count == n * n, "nearestPermutation: n = \(n), \(m.count) entries")
    let total = m.reduce(0) { $0 + $1 * $1 }
    var best = (score: -Double.infinity, perm: Array(0..<n))
    // ‖M − P‖² = ‖M‖² − 2 Σ_i M[i][π(i)] + n: maximise the matched sum.
    func visit(_ prefix: inout [Int], _ used: inout [Bool], _ sum: Double) {
      if prefix.count == n {
        if sum > best.score { best = (sum, prefix) }
        return
      }
      let i = prefix.count
      for j in 0..<n where !used[j] {
        used[j] = true; prefix.append(j)
        visit(&prefix, &used, sum + m[i * n + j])
        prefix.removeLast(); used[j] = false
      }
    }
    var prefix: [Int] = [], used = [Bool](repeating: false, count: n)
    visit(&prefix, &used, 0)
    return (Swift.max(0, total - 2 * best.score + Double(n)).squareRoot(), best.perm)
  }

  /// Singular values of the `n×n` matrix `M`, largest first (square roots of the eigenvalues of
  /// `MᵀM`, by cyclic Jacobi rotations to 1e-15).
  public static func singularValues(_ m: [Double], n: Int) -> [Double] {
    var a = [Double](repeating: 0, count: n * n)  // MᵀM
    for i in 0..<n { for j in 0..<n { for k in 0..<n { a[i * n + j] += m[k * n + i] * m[k * n + j] } } }
    for _ in 0..<100 {
      var off = 0.0
      for p in 0..<n { for q in (p + 1)..<n { off += a[p * n + q] * a[p * n + q] } }
      if off < 1e-30 { break }
      for p in 0..<n {
        for q in (p + 1)..<n where a[p * n + q] != 0 {
          let theta = (a[q * n + q] - a[p * n + p]) / (2 * a[p * n + q])
          let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
          let c = 1 / (t * t + 1).squareRoot(), s = t * c
          for k in 0..<n {  // A ← Jᵀ A J
            let akp = a[k * n + p], akq = a[k * n + q]
            a[k * n + p] = c * akp - s * akq; a[k * n + q] = s * akp + c * akq
          }
          for k in 0..<n {
            let apk = a[p * n + k], aqk = a[q * n + k]
            a[p * n + k] = c * apk - s * aqk; a[q * n + k] = s * apk + c * aqk
          }
        }
      }
    }
    return (0..<n).map { Swift.max(0, a[$0 * n + $0]).squareRoot() }.sorted(by: >)
  }

  /// `exp(−Σ p_i log p_i)` with `p = σ / Σσ` over the singular values: 1 for a rank-one mixing such
  /// as `J/n`, `n` for any permutation (or any orthogonal matrix).
  public static func effectiveRank(_ m: [Double], n: Int) -> Double {
    let s = singularValues(m, n: n), total = s.reduce(0, +)
    guard total > 0 else { return 0 }
    let h = s.reduce(0.0) { acc, v in v > 0 ? acc - (v / total) * Double.log(v / total) : acc }
    return Double.exp(h)
  }
}
