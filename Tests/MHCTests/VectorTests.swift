import MHC
import Testing

/// The SIMD kernels against the arithmetic they promise: the multi-output kernels must give
/// the bits of the single-output ones (the model's metrics depend on it), and the
/// elementwise ones the bits of the scalar loop.
@Suite struct VectorTests {
  func values(_ count: Int, seed: UInt64) -> [Float] { randomArray(count, seed: seed).map { Float($0) } }
  let counts = [0, 1, 7, 8, 9, 15, 16, 17, 31, 40, 128, 131]

  @Test func dot4IsFourDots() {
    for count in counts {
      let a = values(count, seed: 1), b = (0..<4).map { values(count, seed: 2 + UInt64($0)) }
      let d = Vector.dot4(a, b[0], b[1], b[2], b[3], count: count)
      for q in 0..<4 {
        #expect(d[q].bitPattern == Vector.dot(a, b[q], count: count).bitPattern, "count \(count), dot \(q)")
      }
    }
  }

  @Test func combineManyIsCombinePerOutput() {
    for count in counts where count > 0 {
      for (terms, outputs) in [(1, 1), (3, 2), (4, 4), (8, 8)] {
        let src = values(terms * count, seed: 7), w = values(outputs * terms, seed: 8)
        let extra = values(count, seed: 9), ew = values(outputs, seed: 10)
        for withExtra in [false, true] {
          // weights of output o, term j at w[o + j·outputs] (the transposed layout of the backward mixing)
          var reference = [Float](repeating: 0, count: outputs * count)
          for o in 0..<outputs {
            reference.withUnsafeMutableBufferPointer { r in
              Vector.combine(
                r.baseAddress! + o * count, weights: Array(w[o...]), weightStride: outputs, sources: src,
                sourceStride: count, terms: terms, count: count, extraWeight: withExtra ? ew[o] : 0,
                extra: withExtra ? extra : nil)
            }
          }
          var out = [Float](repeating: .nan, count: outputs * count)
          withUnsafeTemporaryAllocation(of: SIMD8<Float>.self, capacity: terms) { scratch in
            Vector.combineMany(
              &out, outputStride: count, outputs: outputs, weights: w, outputWeightStride: 1,
              weightStride: outputs, sources: src, sourceStride: count, terms: terms, count: count,
              extraWeights: withExtra ? ew : nil, extra: withExtra ? extra : nil,
              scratch: scratch.baseAddress!)
          }
          #expect(
            out.map(\.bitPattern) == reference.map(\.bitPattern), "count \(count) terms \(terms) extra \(withExtra)")
          if outputs == terms {  // in place: the output overwrites its own sources
            var inPlace = src
            inPlace.withUnsafeMutableBufferPointer { p in
              withUnsafeTemporaryAllocation(of: SIMD8<Float>.self, capacity: terms) { scratch in
                Vector.combineMany(
                  p.baseAddress!, outputStride: count, outputs: outputs, weights: w,
                  outputWeightStride: 1, weightStride: outputs, sources: p.baseAddress!,
                  sourceStride: count, terms: terms, count: count,
                  extraWeights: withExtra ? ew : nil, extra: withExtra ? extra : nil,
                  scratch: scratch.baseAddress!)
              }
            }
            #expect(inPlace.map(\.bitPattern) == reference.map(\.bitPattern), "in place, count \(count) terms \(terms)")
          }
        }
      }
    }
  }

  @Test func elementwiseKernelsAreTheScalarLoops() {
    for count in counts {
      let x = values(count, seed: 11), u = values(count, seed: 12), start = values(count, seed: 13)
      let a: Float = 0.37
      var axpy = start, addDifference = start, accumulate = start
      Vector.axpy(&axpy, a, x, count: count)
      Vector.addDifference(&addDifference, u, a, x, count: count)
      Vector.accumulate(&accumulate, x, count: count)
      for k in 0..<count {
        #expect(axpy[k].bitPattern == (start[k] + a * x[k]).bitPattern)
        #expect(addDifference[k].bitPattern == (start[k] + (u[k] - x[k] * a)).bitPattern)
        #expect(accumulate[k].bitPattern == (start[k] + x[k]).bitPattern)
      }
    }
  }

  @Test func maxSkipsNaNInFloatAndDouble() {
    for count in counts {
      var f = values(count, seed: 14)
      if count > 3 { f[3] = .nan; f[count - 1] = 5 }
      let expected = f.filter { !$0.isNaN }.max() ?? -.infinity
      #expect(Vector.max(f, count: count) == expected, "Float, count \(count)")
      let d = f.map(Double.init)
      #expect(Vector.max(d, count: count) == Double(expected), "Double, count \(count)")
    }
  }
}
