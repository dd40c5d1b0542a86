import MHC
import Testing

@Suite struct NormAndGainTests {
  @Test(arguments: [true, false])
  func rmsNormBackwardMatchesFiniteDifferences(withGain: Bool) {
    let rows = 3, width = 7
    var x = randomArray(rows * width, seed: 1)
    var g = randomArray(width, seed: 2).map { 1 + 0.3 * $0 }
    let cot = randomArray(rows * width, seed: 3)
    func loss(_ x: [Double], _ g: [Double]) -> Double {
      var y = [Double](repeating: 0, count: rows * width), xh = y, r = [Double](repeating: 0, count: rows)
      RMSNorm.forward(x, y: &y, xhat: &xh, r: &r, gain: withGain ? g : nil, rows: rows, width: width)
      return zip(y, cot).reduce(0) { $0 + $1.0 * $1.1 }
    }
    var y = [Double](repeating: 0, count: rows * width), xh = y, r = [Double](repeating: 0, count: rows)
    RMSNorm.forward(x, y: &y, xhat: &xh, r: &r, gain: withGain ? g : nil, rows: rows, width: width)
    var dx = [Double](repeating: 0, count: rows * width), dg = [Double](repeating: 0, count: width)
    dg.withUnsafeMutableBufferPointer { dgp in
      RMSNorm.backward(
        cot, dx: &dx, xhat: xh, r: r, gain: withGain ? g : nil,
        dGain: withGain ? dgp.baseAddress! : nil, rows: rows, width: width)
    }
    let gg = g
    let ex = x.withUnsafeMutableBufferPointer { p in
      finiteDifferenceError(p.baseAddress!, count: rows * width, analytic: dx) { loss(Array(p), gg) }
    }
    #expect(ex < 1e-7)
    if withGain {
      let xx = x
      let eg = g.withUnsafeMutableBufferPointer { p in
        finiteDifferenceError(p.baseAddress!, count: width, analytic: dg) { loss(xx, Array(p)) }
      }
      #expect(eg < 1e-7)
    }
  }

  @Test func gainsOfKnownMatrices() {
    // rows: |1|+|-2| = 3, |0.5|+|0.5| = 1; columns: 1.5, 2.5
    let m: [Double] = [1, -2, 0.5, 0.5]
    let g = m.withUnsafeBufferPointer { AmaxGain.of($0.baseAddress!, n: 2) }
    #expect(g == AmaxGain(forward: 3, backward: 2.5))
    let two: [Double] = m + [1, 0, 0, 1]
    let mean = two.withUnsafeBufferPointer { AmaxGain.mean($0.baseAddress!, tokens: 2, n: 2) }
    #expect(mean == AmaxGain(forward: 2, backward: 1.75))
  }

  @Test func compositeMultipliesOnTheLeft() {
    // H2 · H1 with H1 = [[1,1],[0,1]], H2 = [[1,0],[1,1]] gives [[1,1],[1,2]]: forward gain 3.
    var tracker = GainTracker(n: 2, tokens: 1)
    let h1: [Double] = [1, 1, 0, 1], h2: [Double] = [1, 0, 1, 1]
    _ = h1.withUnsafeBufferPointer { tracker.append($0.baseAddress!) }
    let g = h2.withUnsafeBufferPointer { tracker.append($0.baseAddress!) }
    #expect(tracker.composite == [1, 1, 1, 2])
    #expect(g.composite == AmaxGain(forward: 3, backward: 3))
    #expect(g.single == AmaxGain(forward: 2, backward: 2))
  }
}
