import MHC
import RealModule
import Testing

/// Issue 16: the projection at large logit spreads, where float32's `exp` underflows.
@Suite struct SinkhornRobustnessTests {
  /// The textbook iteration, scalar, in Double: the definition the paths must reproduce.
  /// (Double's range, e^±708, holds every spread these tests use.)
  static func naive(_ l: [Double], n: Int, iterations t: Int) -> [Double] {
    var out: [Double] = []
    for b in 0..<(l.count / (n * n)) {
      var m = Array(l[(b * n * n)..<((b + 1) * n * n)])
      let mx = m.max()!
      m = m.map { Double.exp($0 - mx) }
      for _ in 0..<t {
        for j in 0..<n { let s = (0..<n).reduce(0) { $0 + m[$1 * n + j] }; for i in 0..<n { m[i * n + j] /= s } }
        for i in 0..<n { let s = (0..<n).reduce(0) { $0 + m[i * n + $1] }; for j in 0..<n { m[i * n + j] /= s } }
      }
      out += m
    }
    return out
  }

  /// Logits whose column `col` sits `depth` below the rest (plus small noise), and the
  /// same with a row: the failing pattern of issue 16.
  static func wide(n: Int, depth: Double, seed: UInt64, row: Bool = false) -> [Double] {
    var l = randomArray(n * n, seed: seed, scale: 0.5)
    let k = Int(seed) % n
    for i in 0..<n { l[row ? k * n + i : i * n + k] -= depth }
    return l
  }

  /// Regression: a column 120 below the rest in float32. Before the log-domain path this
  /// gave a zero column (column sum 0, `max_column_deviation` 1) and a NaN gradient.
  @Test(arguments: [false, true])
  func columnOrRowFarBelowStaysDoublyStochasticInFloat(row: Bool) {
    let n = 4, t = 20
    let l = Self.wide(n: n, depth: 120, seed: 3, row: row)
    let out = sinkhornKnopp(logits: l.map { Float($0) }, n: n, iterations: t)
    #expect(out.allSatisfy { $0.isFinite })
    let d = StochasticDeviation.measure(out, n: n)
    #expect(d.row < 1e-6 && d.column < 1e-5, "rows \(d.row) columns \(d.column)")
    // and it is the projection: the Double definition, to float32 precision
    #expect(maxRelError(out.map(Double.init), Self.naive(l, n: n, iterations: t)) < 1e-5)
    let cot = randomArray(n * n, seed: 5)
    let g = sinkhornKnoppVJP(logits: l.map { Float($0) }, n: n, iterations: t, cotangent: cot.map { Float($0) })
    #expect(g.allSatisfy { $0.isFinite }, "gradient \(g)")
    let exact = SinkhornKnopp.uncheckedVJPForTests(logits: l, n: n, iterations: t, cotangent: cot)
    #expect(maxRelError(g.map(Double.init), exact) < 1e-4)
  }

  /// Spreads on both sides of the threshold and far past float32's range: every output
  /// equals the naive Double iteration (the log-domain path computes the same iterates).
  @Test(arguments: [2, 3, 4, 8], [1, 2, 5, 20])
  func logDomainPathIsTheSameProjection(n: Int, t: Int) {
    for (k, depth) in [10.0, 31.0, 33.0, 60.0, 120.0, 300.0].enumerated() {
      let l = Self.wide(n: n, depth: depth, seed: UInt64(7 * k + n), row: k % 2 == 1)
      let out = SinkhornKnopp.unsafeProject(l, n: n, iterations: t)
      let err = maxRelError(out, Self.naive(l, n: n, iterations: t))
      #expect(err < 1e-13, "n=\(n) t=\(t) depth \(depth): \(err)")
      #expect(StochasticDeviation.measure(out, n: n).row < 1e-14)
    }
  }

  /// The log-domain backward against central differences (Double), with the usual bound.
  @Test(arguments: [2, 3, 4], [1, 2, 5, 20])
  func logDomainBackwardMatchesFiniteDifferences(n: Int, t: Int) {
    var logits: [Double] = []
    for k in 0..<3 { logits += Self.wide(n: n, depth: [40.0, 55, 80][k], seed: UInt64(n + 10 * t + k), row: k == 1) }
    let cot = randomArray(logits.count, seed: 17)
    let grad = SinkhornKnopp.uncheckedVJPForTests(logits: logits, n: n, iterations: t, cotangent: cot)
    let count = logits.count
    let err = logits.withUnsafeMutableBufferPointer { p in
      finiteDifferenceError(p.baseAddress!, count: count, analytic: grad) {
        zip(SinkhornKnopp.unsafeProject(Array(p), n: n, iterations: t), cot).reduce(0) { $0 + $1.0 * $1.1 }
      }
    }
    #expect(err < 1e-6, "n=\(n) t=\(t) FD error \(err)")
    #expect(grad.map(abs).max()! > 1e-3, "gradient too small for the check to mean anything")
  }

  /// A block mixing fast-path and log-domain matrices gives each matrix exactly what it
  /// gets alone (lanes are independent), forward and backward.
  @Test func mixedBlockEqualsEachMatrixAlone() {
    let n = 3, t = 7
    var logits: [Double] = []
    for k in 0..<70 { logits += Self.wide(n: n, depth: k % 3 == 0 ? 90 : 2, seed: UInt64(k), row: k % 2 == 0) }
    let cot = randomArray(logits.count, seed: 2)
    let all = SinkhornKnopp.unsafeProject(logits, n: n, iterations: t)
    let allGrad = SinkhornKnopp.uncheckedVJPForTests(logits: logits, n: n, iterations: t, cotangent: cot)
    for k in 0..<70 {
      let r = (k * n * n)..<((k + 1) * n * n)
      #expect(Array(all[r]) == SinkhornKnopp.unsafeProject(Array(logits[r]), n: n, iterations: t))
      #expect(
        Array(allGrad[r])
          == SinkhornKnopp.uncheckedVJPForTests(
            logits: Array(logits[r]), n: n, iterations: t,
            cotangent: Array(cot[r])))
    }
  }

  /// Below the threshold nothing changed: the fast path is the multiplicative iteration.
  @Test func fastPathUnchanged() {
    let n = 4, t = 20
    let l = Self.wide(n: n, depth: 30, seed: 1)
    #expect(
      maxRelError(SinkhornKnopp.unsafeProject(l, n: n, iterations: t), Self.naive(l, n: n, iterations: t)) < 1e-14)
  }
}

extension SinkhornKnopp {
  /// Test helper: the VJP in Double without validation.
  static func uncheckedVJPForTests(logits: [Double], n: Int, iterations: Int, cotangent: [Double]) -> [Double] {
    var out = [Double](repeating: 0, count: logits.count)
    var scratch = [Double](repeating: 0, count: scratchCount(n: n, iterations: iterations))
    backward(
      logits: logits, dOutput: cotangent, dLogits: &out, count: logits.count / (n * n), n: n,
      iterations: iterations, scratch: &scratch)
    return out
  }
}

/// Large column deviations at huge spreads are the truncated iteration itself, not arithmetic.
@Suite struct SinkhornTruncationTests {
  /// Logits spread by 105 (as a row-normal draw with σ = 25 gives): after twenty iterations
  /// the float64 iteration has rows 1 and 3 both on column 3 (column sums 0.5, 0.5, 1, 2),
  /// far from its fixed point; float32 reproduces exactly that.
  @Test func slowConvergenceIsTheDefinitionNotRounding() {
    let n = 4, t = 20
    let l: [Double] = [
      16.5, -15.5, 18.6, 16.1, -14.6, -8.4, 21.9, -37.9,
      -7.7, -33.6, -37.5, 7.7, 67.7, 66.3, 55.7, -3.5,
    ]
    let exact = SinkhornRobustnessTests.naive(l, n: n, iterations: t)
    let dev = StochasticDeviation.measure(exact, n: n)
    #expect(dev.column > 0.9, "the float64 iteration itself is far from doubly stochastic: \(dev.column)")
    let f = sinkhornKnopp(logits: l.map { Float($0) }, n: n, iterations: t).map(Double.init)
    #expect(maxRelError(f, exact) < 1e-5)
    #expect(abs(StochasticDeviation.measure(f, n: n).column - dev.column) < 1e-5)
  }
}
