/// The vision transformer's output: the mean of an image's `P` normed tokens, a linear map to
/// `K` class logits and the mean cross-entropy over the `B` images of the batch:
///
///     m_b = (1/P) Σ_p x_{b,p}      z_b = W m_b      L = −(1/B) Σ_b log softmax(z_b)[y_b]
///
/// Parameters:
///
///     head.weight   [K][C]   N(0, 0.02), weight decay (no bias)
///
/// Backward: `∂L/∂z_b = (softmax(z_b) − onehot(y_b)) / B`, `∂L/∂W += (∂L/∂z)ᵀ m`,
/// `∂L/∂x_{b,p} = (1/P) (∂L/∂z_b) W`.
///
/// ```swift
/// let store = ParameterStore<Float>()
/// let head = ClassifierHead<Float>(classes: 10, width: 64, tokens: 49, capacity: 128 * 49, store: store)
/// store.allocate(seed: 0)
/// let xf = [Float](repeating: 0, count: 128 * 49 * 64)   // the normed tokens of 128 images
/// let labels = [Int32](repeating: 3, count: 128)
/// let loss = head.forward(xf, targets: labels, tokens: 128 * 49)
/// ```
public final class ClassifierHead<T: Scalar>: OutputHead {
  public let classes: Int, width: Int, tokensPerImage: Int
  unowned let store: ParameterStore<T>
  let weight: ParameterRef
  /// Pooled tokens `[B][C]`, probabilities `[B][K]` (the logit gradient after the backward),
  /// the pooled gradient `[B][C]`.
  let pooled, probs, dPooled: UnsafeMutablePointer<T>
  var labels: [Int32] = []
  var logLikelihood: [Double] = []
  var correct: [Bool] = []
  public let pool = BufferPool<T>()

  /// `pooled [B][C]`, `probs [B][K]`, `dPooled [B][C]` for `examples` images.
  public static func bufferCounts(classes: Int, width: Int, examples: Int) -> [Int] {
    [examples * width, examples * classes, examples * width]
  }

  public init(classes: Int, width: Int, tokens: Int, capacity: Int, store: ParameterStore<T>) {
    self.classes = classes; self.width = width; tokensPerImage = tokens; self.store = store
    weight = store.declare("head.weight", shape: [classes, width], initialiser: .normal(0.02), decay: true)
    let b = Self.bufferCounts(classes: classes, width: width, examples: capacity / tokens).map { [pool] in
      pool.buffer($0)
    }
    (pooled, probs, dPooled) = (b[0], b[1], b[2])
  }

  public var targetsPerExample: Int { 1 }

  @_specialize(where T == Float) @_specialize(where T == Double)
  public func forward(_ x: UnsafePointer<T>, targets: [Int32], tokens: Int) -> Double {
    let c = width, k = classes, per = tokensPerImage, images = tokens / per, m = pooled, p = probs
    let inv = 1 / T(per)
    labels = targets
    Parallel.rows(images) { range in
      for b in range {
        let row = m + b * c
        row.update(from: x + b * per * c, count: c)
        for t in 1..<per { Vector.accumulate(row, x + (b * per + t) * c, count: c) }
        for i in 0..<c { row[i] *= inv }
      }
    }
    gemm(false, true, m: images, n: k, k: c, a: pooled, lda: c, b: store.value(weight), ldb: c, c: probs, ldc: k)
    logLikelihood = [Double](repeating: 0, count: images)
    correct = [Bool](repeating: false, count: images)
    for b in 0..<images {
      let row = p + b * k, y = Int(targets[b])
      var best = 0
      for i in 1..<k where row[i] > row[best] { best = i }
      correct[b] = best == y
      let mx = row[best]
      for i in 0..<k { row[i] -= mx }
      let logit = row[y]
      T.expInPlace(row, count: k)
      let sum = Vector.sum(row, count: k)
      for i in 0..<k { row[i] /= sum }
      logLikelihood[b] = Double(logit) - Double(T.log(sum))
    }
    return -logLikelihood.reduce(0, +) / Double(images)
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  public func backward(_ dx: UnsafeMutablePointer<T>, tokens: Int) {
    let c = width, k = classes, per = tokensPerImage, images = tokens / per, p = probs, dm = dPooled
    let invB = 1 / T(images), invP = 1 / T(per)
    for b in 0..<images {
      let row = p + b * k
      row[Int(labels[b])] -= 1
      for i in 0..<k { row[i] *= invB }
    }
    gemm(
      true, false, m: k, n: c, k: images, a: probs, lda: k, b: pooled, ldb: c, beta: 1, c: store.grad(weight), ldc: c)
    gemm(false, false, m: images, n: c, k: k, a: probs, lda: k, b: store.value(weight), ldb: c, c: dPooled, ldc: c)
    Parallel.rows(images) { range in
      for b in range {
        let g = dm + b * c
        for i in 0..<c { g[i] *= invP }
        for t in 0..<per { (dx + (b * per + t) * c).update(from: g, count: c) }
      }
    }
  }

  /// Cross-entropy of each image (nats).
  public func exampleLosses() -> [Double] { logLikelihood.map { -$0 } }

  public func exampleCorrect() -> [Bool]? { correct }
}
