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
/// let rows = model.mappingMetrics(step: 100, initial: initialMeans)
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
