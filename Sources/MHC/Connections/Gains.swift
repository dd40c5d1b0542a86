/// The paper's "Amax gain magnitude" of residual mappings.
///
/// For a matrix `M` (row `i` says where output stream `i` comes from):
///
///     forward gain  = max_i Σ_j |M[i][j]|     (max absolute row sum: how much a signal can grow going forward)
///     backward gain = max_j Σ_i |M[i][j]|     (max absolute column sum: the same for gradients going back)
///
/// The gain of a sublayer is that of its per-token `H_res`, averaged over the tokens of an
/// evaluation batch. The composite gain at sublayer `l` is the same on the per-token product
/// `H_res⁽ˡ⁾ ··· H_res⁽¹⁾`. Doubly stochastic matrices have both gains exactly 1, and so do
/// their products.
///
/// ```swift
/// let t = 16   // tokens
/// let perSublayerHres = [[Float]](repeating: [Float](repeating: 0.25, count: t * 16), count: 8)   // J/4 per token
/// var g = GainTracker(n: 4, tokens: t)
/// for hres in perSublayerHres { print(g.append(hres)) }   // single and composite
/// ```
public struct AmaxGain: Codable, Sendable, Equatable {
  public var forward: Double
  public var backward: Double
  public init(forward: Double, backward: Double) { self.forward = forward; self.backward = backward }

  /// Gains of one row-major `n×n` matrix.
  @inlinable public static func of<T: Scalar>(_ m: UnsafePointer<T>, n: Int) -> AmaxGain {
    var f = 0.0, b = 0.0
    for i in 0..<n {
      var rs = 0.0, cs = 0.0
      for j in 0..<n { rs += Double(abs(m[i * n + j])); cs += Double(abs(m[j * n + i])) }
      f = Swift.max(f, rs); b = Swift.max(b, cs)
    }
    return AmaxGain(forward: f, backward: b)
  }

  /// Token-averaged gains of `tokens` consecutive `n×n` matrices.
  @inlinable public static func mean<T: Scalar>(_ m: UnsafePointer<T>, tokens: Int, n: Int) -> AmaxGain {
    var f = 0.0, b = 0.0
    for t in 0..<tokens { let g = of(m + t * n * n, n: n); f += g.forward; b += g.backward }
    return AmaxGain(forward: f / Double(max(tokens, 1)), backward: b / Double(max(tokens, 1)))
  }
}

/// Gains of one sublayer: its own `H_res` and the composite up to and including it.
public struct SublayerGains: Codable, Sendable, Equatable {
  public var single: AmaxGain
  public var composite: AmaxGain
}

/// Accumulates the per-token composite `H_res⁽ˡ⁾ ··· H_res⁽¹⁾` sublayer by sublayer.
public struct GainTracker {
  public let n: Int
  public let tokens: Int
  /// Per-token composite so far, `[tokens][n][n]` (identity before the first sublayer).
  public private(set) var composite: [Double]
  private var scratch: [Double]

  public init(n: Int, tokens: Int) {
    self.n = n; self.tokens = tokens
    composite = [Double](repeating: 0, count: tokens * n * n)
    for t in 0..<tokens { for i in 0..<n { composite[t * n * n + i * n + i] = 1 } }
    scratch = composite
  }

  /// Left-multiplies the composite by this sublayer's per-token `H_res` (`[tokens][n][n]`)
  /// and returns the sublayer's single and composite gains.
  public mutating func append<T: Scalar>(_ hres: UnsafePointer<T>) -> SublayerGains {
    let n = n, nn = n * n
    composite.withUnsafeMutableBufferPointer { c in
      scratch.withUnsafeMutableBufferPointer { s in
        for t in 0..<tokens {
          let h = hres + t * nn, p = c.baseAddress! + t * nn, o = s.baseAddress! + t * nn
          for i in 0..<n {
            for j in 0..<n {
              var acc = 0.0
              for k in 0..<n { acc += Double(h[i * n + k]) * p[k * n + j] }
              o[i * n + j] = acc
            }
          }
        }
      }
    }
    swap(&composite, &scratch)
    let single = AmaxGain.mean(hres, tokens: tokens, n: n)
    let comp = composite.withUnsafeBufferPointer { AmaxGain.mean($0.baseAddress!, tokens: tokens, n: n) }
    return SublayerGains(single: single, composite: comp)
  }

  /// The token average of the composite, row-major `n×n`.
  public var meanComposite: [Double] {
    var m = [Double](repeating: 0, count: n * n)
    for t in 0..<tokens { for k in 0..<(n * n) { m[k] += composite[t * n * n + k] } }
    return m.map { $0 / Double(max(tokens, 1)) }
  }
}

/// How far matrices are from doubly stochastic.
public struct StochasticDeviation: Codable, Sendable, Equatable {
  /// max over matrices and rows of |row sum − 1|
  public var row: Double
  /// max over matrices and columns of |column sum − 1|
  public var column: Double
  /// the smallest entry
  public var minEntry: Double

  /// Measures `count` consecutive row-major `n×n` blocks.
  public static func measure<T: Scalar>(_ m: UnsafePointer<T>, count: Int, n: Int) -> StochasticDeviation {
    var d = StochasticDeviation(row: 0, column: 0, minEntry: .infinity)
    for b in 0..<count {
      let p = m + b * n * n
      for i in 0..<n {
        var rs = 0.0, cs = 0.0
        for j in 0..<n {
          rs += Double(p[i * n + j]); cs += Double(p[j * n + i])
          d.minEntry = Swift.min(d.minEntry, Double(p[i * n + j]))
        }
        d.row = Swift.max(d.row, abs(rs - 1)); d.column = Swift.max(d.column, abs(cs - 1))
      }
    }
    return d
  }

  /// Measures an array of row-major `n×n` blocks.
  public static func measure<T: Scalar>(_ m: [T], n: Int) -> StochasticDeviation {
    m.withUnsafeBufferPointer { measure($0.baseAddress!, count: m.count / (n * n), n: n) }
  }
}
