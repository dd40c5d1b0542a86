/// The language model's output: logits `z_t = W x_t` over the `V` byte values and the mean
/// cross-entropy of the next byte, `L = −(1/T) Σ_t log softmax(z_t)[y_t]`.
///
/// Parameters:
///
///     head.weight   [V][C]   N(0, 0.02), weight decay (untied from the embedding)
///
/// Backward: `∂L/∂z_t = (softmax(z_t) − onehot(y_t)) / T`, `∂L/∂W += (∂L/∂z)ᵀ x`,
/// `∂L/∂x = (∂L/∂z) W`. The softmax rows run in parallel; the per-token log-likelihoods are
/// summed in token order.
///
/// ```swift
/// let store = ParameterStore<Float>(), pool = BufferPool<Float>()
/// let head = NextByteHead<Float>(vocab: 256, width: 128, seq: 128, capacity: 2048, store: store)
/// store.allocate(seed: 0)
/// let xf = pool.buffer(2048 * 128), dxf = pool.buffer(2048 * 128)   // the normed tokens, their gradient
/// let y = [Int32](repeating: 65, count: 2048)                          // the next bytes
/// let loss = head.forward(xf, targets: y, tokens: 2048)
/// head.backward(dxf, tokens: 2048)
/// ```
public final class NextByteHead<T: Scalar>: OutputHead {
  public let vocab: Int, width: Int, seq: Int
  unowned let store: ParameterStore<T>
  let weight: ParameterRef
  /// The softmax probabilities `[tokens][V]` (the logit gradient after the backward).
  let probs: UnsafeMutablePointer<T>
  var input: UnsafePointer<T>?
  var targetIDs: [Int32] = []
  var tokenLogLikelihood: [Double]
  var lastTokens = 0
  public let pool = BufferPool<T>()

  /// `probs [capacity][V]`.
  public static func bufferCounts(vocab: Int, capacity: Int) -> [Int] { [capacity * vocab] }

  public init(vocab: Int, width: Int, seq: Int, capacity: Int, store: ParameterStore<T>) {
    self.vocab = vocab; self.width = width; self.seq = seq; self.store = store
    weight = store.declare("head.weight", shape: [vocab, width], initialiser: .normal(0.02), decay: true)
    probs = Self.bufferCounts(vocab: vocab, capacity: capacity).map { [pool] in pool.buffer($0) }[0]
    tokenLogLikelihood = [Double](repeating: 0, count: capacity)
  }

  public var targetsPerExample: Int { seq }

  @_specialize(where T == Float) @_specialize(where T == Double)
  public func forward(_ x: UnsafePointer<T>, targets: [Int32], tokens: Int) -> Double {
    let c = width, v = vocab, p = probs
    input = x; targetIDs = targets; lastTokens = tokens
    gemm(false, true, m: tokens, n: v, k: c, a: x, lda: c, b: store.value(weight), ldb: c, c: probs, ldc: v)
    targets.withUnsafeBufferPointer { ids in
      tokenLogLikelihood.withUnsafeMutableBufferPointer { ll in
        let ll = ll.baseAddress!
        Parallel.rows(tokens) { range in
          for t in range {
            let row = p + t * v
            let mx = Vector.max(row, count: v)
            for i in 0..<v { row[i] -= mx }
            let logit = row[Int(ids[t])]
            T.expInPlace(row, count: v)
            let sum = Vector.sum(row, count: v)
            let inv = 1 / sum
            for i in 0..<v { row[i] *= inv }
            ll[t] = Double(logit) - Double(T.log(sum))  // log softmax, exact even when p underflows
          }
        }
      }
    }
    var loss = 0.0
    for t in 0..<tokens { loss -= tokenLogLikelihood[t] }
    return loss / Double(tokens)
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  public func backward(_ dx: UnsafeMutablePointer<T>, tokens: Int) {
    let c = width, v = vocab, p = probs, x = input!
    let invT = 1 / T(tokens)
    targetIDs.withUnsafeBufferPointer { ids in
      Parallel.rows(tokens) { range in
        for t in range {
          let row = p + t * v
          row[Int(ids[t])] -= 1
          for i in 0..<v { row[i] *= invT }
        }
      }
    }
    // probs now holds dlogits
    gemm(true, false, m: v, n: c, k: tokens, a: probs, lda: v, b: x, ldb: c, beta: 1, c: store.grad(weight), ldc: c)
    gemm(false, false, m: tokens, n: c, k: v, a: probs, lda: v, b: store.value(weight), ldb: c, c: dx, ldc: c)
  }

  /// Mean cross-entropy of each sequence (nats/byte).
  public func exampleLosses() -> [Double] {
    let s = seq
    return (0..<(lastTokens / s)).map { b in
      var sum = 0.0
      for t in (b * s)..<((b + 1) * s) { sum -= tokenLogLikelihood[t] }
      return sum / Double(s)
    }
  }

  public func exampleCorrect() -> [Bool]? { nil }
}
