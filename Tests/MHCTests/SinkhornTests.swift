import MHC
import RealModule
import Testing

@Suite struct SinkhornTests {
  @Test func matchesFloat64Reference() throws {
    let cases = try fixture("sinkhorn.json")["cases"] as! [[String: Any]]
    #expect(cases.count >= 16)
    for c in cases {
      let n = c["n"] as! Int, t = c["iterations"] as! Int
      let logits = doubles(c["logits"]), cot = doubles(c["cotangent"])
      let out = try SinkhornKnopp.project(logits: logits, n: n, iterations: t)
      #expect(maxRelError(out, doubles(c["output"])) < 1e-12, "n=\(n) t=\(t) output")
      var grad = [Double](repeating: 0, count: logits.count)
      var scratch = [Double](repeating: 0, count: SinkhornKnopp.scratchCount(n: n, iterations: t))
      SinkhornKnopp.backward(
        logits: logits, dOutput: cot, dLogits: &grad, count: logits.count / (n * n), n: n,
        iterations: t, scratch: &scratch)
      #expect(maxRelError(grad, doubles(c["grad"])) < 1e-11, "n=\(n) t=\(t) grad")
      // The Float array API agrees to single precision.
      let f = sinkhornKnopp(logits: logits.map { Float($0) }, n: n, iterations: t).map { Double($0) }
      #expect(maxRelError(f, doubles(c["output"])) < 1e-5)
      let g = sinkhornKnoppVJP(
        logits: logits.map { Float($0) }, n: n, iterations: t,
        cotangent: cot.map { Float($0) }
      ).map { Double($0) }
      #expect(maxRelError(g, doubles(c["grad"])) < 1e-4)
    }
  }

  @Test(arguments: [1, 2, 3, 4, 5], [0, 1, 2, 5, 20])
  func backwardMatchesFiniteDifferences(n: Int, t: Int) {
    var logits = randomArray(3 * n * n, seed: UInt64(10 * n + t), scale: 1.5)
    let cot = randomArray(3 * n * n, seed: 99)
    var grad = [Double](repeating: 0, count: logits.count)
    var scratch = [Double](repeating: 0, count: SinkhornKnopp.scratchCount(n: n, iterations: t))
    SinkhornKnopp.backward(
      logits: logits, dOutput: cot, dLogits: &grad, count: 3, n: n, iterations: t,
      scratch: &scratch)
    let count = logits.count
    let err = logits.withUnsafeMutableBufferPointer { p in
      finiteDifferenceError(p.baseAddress!, count: count, analytic: grad) {
        let out = SinkhornKnopp.unsafeProject(Array(p), n: n, iterations: t)
        return zip(out, cot).reduce(0) { $0 + $1.0 * $1.1 }
      }
    }
    #expect(err < 1e-6, "n=\(n) t=\(t) relative FD error \(err)")
  }

  @Test func rowsExactColumnsConvergeEntriesNonNegative() {
    let n = 4
    let logits = randomArray(50 * n * n, seed: 7, scale: 2)
    var previous = Double.infinity, first = 0.0
    for t in [1, 2, 3, 5, 10, 20, 50, 200] {
      let out = SinkhornKnopp.unsafeProject(logits, n: n, iterations: t)
      let d = StochasticDeviation.measure(out, n: n)
      #expect(d.row < 1e-14, "t=\(t) rows")
      #expect(d.minEntry >= 0)
      #expect(d.column <= previous + 1e-15, "t=\(t) column deviation grew: \(d.column) > \(previous)")
      if t == 1 { first = d.column }
      previous = d.column
    }
    #expect(first > 1e-2 && previous < 1e-9, "column deviation \(first) at t=1, \(previous) at t=200")
  }

  @Test func productsOfDoublyStochasticStayDoublyStochastic() {
    let n = 4, tokens = 5, layers = 12
    var tracker = GainTracker(n: n, tokens: tokens)
    for l in 0..<layers {
      let h = SinkhornKnopp.unsafeProject(
        randomArray(tokens * n * n, seed: UInt64(l), scale: 1), n: n,
        iterations: 300)
      let gains = h.withUnsafeBufferPointer { tracker.append($0.baseAddress!) }
      #expect(abs(gains.single.forward - 1) < 1e-9 && abs(gains.single.backward - 1) < 1e-9)
      #expect(abs(gains.composite.forward - 1) < 1e-9 && abs(gains.composite.backward - 1) < 1e-9)
    }
    let d = StochasticDeviation.measure(tracker.composite, n: n)
    #expect(d.row < 1e-9 && d.column < 1e-9 && d.minEntry >= 0)
  }

  @Test func badInputIsRejectedWithNamedValue() {
    #expect(throws: MHCError("sinkhorn: n = 0 is invalid; the number of streams must be ≥ 1")) {
      try SinkhornKnopp.project(logits: [1.0], n: 0, iterations: 1)
    }
    #expect(throws: MHCError("sinkhorn: iterations = -1 is invalid; t_max must be ≥ 0")) {
      try SinkhornKnopp.project(logits: [1.0], n: 1, iterations: -1)
    }
    #expect(throws: MHCError("sinkhorn: logits has 5 values, not a multiple of n² = 4 (one n×n block per matrix)")) {
      try SinkhornKnopp.project(logits: [1.0, 2, 3, 4, 5], n: 2, iterations: 1)
    }
    #expect(throws: MHCError("sinkhorn: cotangent has 3 values but logits has 4; they must match")) {
      try SinkhornKnopp.validate(count: 4, n: 2, iterations: 1, cotangentCount: 3)
    }
    #expect(throws: MHCError.self) { try SinkhornKnopp.project(logits: [1.0, .infinity, 3, 4], n: 2, iterations: 1) }
    // The non-throwing array API documents NaN for a block with a non-finite logit,
    // and leaves the other blocks intact.
    let out = sinkhornKnopp(logits: [0, .nan, 0, 0, 0, 0, 0, 0], n: 2, iterations: 3)
    #expect(out[0..<4].allSatisfy { $0.isNaN })
    #expect(out[4..<8].allSatisfy { abs($0 - 0.5) < 1e-6 })
  }

  @Test func zeroIterationsIsPlainExp() {
    let l: [Double] = [0.5, -1, 2, 0.25]
    let out = SinkhornKnopp.unsafeProject(l, n: 2, iterations: 0)
    #expect(maxRelError(out, l.map { Double.exp($0) }) < 1e-15)
  }
}

extension SinkhornKnopp {
  /// Test helper: projection without validation.
  static func unsafeProject(_ logits: [Double], n: Int, iterations: Int) -> [Double] {
    var out = [Double](repeating: 0, count: logits.count)
    forward(logits: logits, output: &out, count: logits.count / (n * n), n: n, iterations: iterations)
    return out
  }
}
