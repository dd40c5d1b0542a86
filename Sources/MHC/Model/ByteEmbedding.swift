/// The language model's input: a learned vector per byte value, `e_t = E[x_t]`.
///
/// Parameters:
///
///     emb.weight   [V][C]   N(0, 0.02), weight decay
///
/// Backward: `∂L/∂E[v] = Σ_{t: x_t = v} Σ_j ∂L/∂x_{t,j}` — every column accumulated in token
/// order (then stream order), the columns split over the threads, so the sum is deterministic.
///
/// ```swift
/// let store = ParameterStore<Float>(), n = 4
/// let emb = ByteEmbedding<Float>(vocab: 256, width: 128, seq: 128, store: store)
/// store.allocate(seed: 0)
/// let ids: [Int32] = Array("hello, world".utf8).map(Int32.init)
/// var streams = [Float](repeating: 0, count: ids.count * n * 128)
/// emb.forward(ids, &streams, stride: n * 128, tokens: ids.count)
/// ```
public final class ByteEmbedding<T: Scalar>: InputEmbedding {
  public let vocab: Int, width: Int, seq: Int
  unowned let store: ParameterStore<T>
  let table: ParameterRef
  public let pool = BufferPool<T>()

  /// No buffers: the vectors are read from the table.
  public static func bufferCounts() -> [Int] { [] }

  public init(vocab: Int, width: Int, seq: Int, store: ParameterStore<T>) {
    self.vocab = vocab; self.width = width; self.seq = seq; self.store = store
    table = store.declare("emb.weight", shape: [vocab, width], initialiser: .normal(0.02), decay: true)
  }

  public var inputsPerExample: Int { seq }

  @_specialize(where T == Float) @_specialize(where T == Double)
  public func forward(_ inputs: [Int32], _ out: UnsafeMutablePointer<T>, stride: Int, tokens: Int) {
    let c = width, e = store.value(table)
    inputs.withUnsafeBufferPointer { ids in
      Parallel.rows(tokens) { range in
        for t in range { (out + t * stride).update(from: e + Int(ids[t]) * c, count: c) }
      }
    }
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  public func backward(_ inputs: [Int32], _ d: UnsafePointer<T>, stride: Int, copies: Int, tokens: Int) {
    let c = width, de = store.grad(table)
    inputs.withUnsafeBufferPointer { ids in
      Parallel.rows(c) { columns in
        let first = columns.lowerBound, count = columns.count
        for t in 0..<tokens {
          let row = de + Int(ids[t]) * c, dt = d + t * stride
          for j in 0..<copies { Vector.accumulate(row + first, dt + j * c + first, count: count) }
        }
      }
    }
  }
}
