/// The vision transformer's input: a 28 × 28 grey image cut into 49 patches of 4 × 4 pixels
/// (row-major: patch `p = 7·py + px`, its pixel `i = 4·dy + dx` at row `4·py + dy`, column
/// `4·px + dx`), each patch projected to `C` and given a learned position vector:
///
///     u_{p,i} = (pixel / 255 − μ) / σ        μ = 0.2860, σ = 0.3530 (FashionMNIST.mean, .std)
///     e_p     = W u_p + P[p]
///
/// Parameters:
///
///     patch.weight   [C][16]   N(0, 0.02), weight decay (no bias)
///     pos.emb        [49][C]   N(0, 0.02), weight decay
///
/// Backward, with `g_p = Σ_j ∂L/∂x_{p,j}` summed over the stream copies: `∂L/∂W += gᵀ u`,
/// `∂L/∂P[p] += Σ_images g_p` (images in order, deterministic).
///
/// ```swift
/// let store = ParameterStore<Float>(), n = 4
/// let emb = PatchEmbedding<Float>(width: 64, capacity: 128 * 49, store: store)
/// store.allocate(seed: 0)
/// let pixels = [Int32](repeating: 0, count: 128 * 28 * 28)   // 128 images, values 0…255
/// var streams = [Float](repeating: 0, count: 128 * 49 * n * 64)
/// emb.forward(pixels, &streams, stride: n * 64, tokens: 128 * 49)
/// ```
public final class PatchEmbedding<T: Scalar>: InputEmbedding {
  /// Image side in pixels, patch side, patches per image and values per patch.
  public static var side: Int { FashionMNIST.side }
  public static var patchSide: Int { 4 }
  public static var patches: Int { (side / patchSide) * (side / patchSide) }
  public static var values: Int { patchSide * patchSide }

  public let width: Int
  unowned let store: ParameterStore<T>
  let weight, position: ParameterRef
  /// The standardised patches of the last forward `[tokens][16]`, and the copies' summed gradient `[tokens][C]`.
  let patchValues, summedGradient: UnsafeMutablePointer<T>
  /// `(v / 255 − μ) / σ` for every pixel value `v`, rounded once from Double.
  let standardised: [T]
  public let pool = BufferPool<T>()

  /// `patches [capacity][16]`, `summed gradient [capacity][C]`.
  public static func bufferCounts(width: Int, capacity: Int) -> [Int] { [capacity * values, capacity * width] }

  /// `patch.weight [C][16]`, `pos.emb [49][C]`.
  public static func parameterCount(width: Int) -> Int { width * values + patches * width }

  public init(width: Int, capacity: Int, store: ParameterStore<T>) {
    self.width = width; self.store = store
    weight = store.declare("patch.weight", shape: [width, Self.values], initialiser: .normal(0.02), decay: true)
    position = store.declare("pos.emb", shape: [Self.patches, width], initialiser: .normal(0.02), decay: true)
    let b = Self.bufferCounts(width: width, capacity: capacity).map { [pool] in pool.buffer($0) }
    (patchValues, summedGradient) = (b[0], b[1])
    standardised = (0..<256).map { T((Double($0) / 255 - FashionMNIST.mean) / FashionMNIST.std) }
  }

  public var inputsPerExample: Int { Self.side * Self.side }

  /// The standardised value of pixel value `v` (0…255).
  public func standardisedValue(_ v: Int) -> T { standardised[v] }

  /// The 16 standardised values of token `t`'s patch in the last forward.
  public func patch(_ t: Int) -> [T] {
    Array(UnsafeBufferPointer(start: patchValues + t * Self.values, count: Self.values))
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  public func forward(_ inputs: [Int32], _ out: UnsafeMutablePointer<T>, stride: Int, tokens: Int) {
    let c = width, np = Self.patches, ps = Self.patchSide, side = Self.side, per = side / ps, u = patchValues
    standardised.withUnsafeBufferPointer { table in
      inputs.withUnsafeBufferPointer { px in
        Parallel.rows(tokens) { range in
          for t in range {
            let image = px.baseAddress! + (t / np) * side * side, p = t % np, py = p / per, pxx = p % per
            for i in 0..<Self.values {
              u[t * Self.values + i] = table[Int(image[(py * ps + i / ps) * side + pxx * ps + i % ps])]
            }
          }
        }
      }
    }
    gemm(
      false, true, m: tokens, n: c, k: Self.values, a: u, lda: Self.values, b: store.value(weight), ldb: Self.values,
      c: out, ldc: stride)
    let pos = store.value(position)
    Parallel.rows(tokens) { range in
      for t in range { Vector.accumulate(out + t * stride, pos + (t % np) * c, count: c) }
    }
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  public func backward(_ inputs: [Int32], _ d: UnsafePointer<T>, stride: Int, copies: Int, tokens: Int) {
    let c = width, np = Self.patches, g = summedGradient
    Parallel.rows(tokens) { range in
      for t in range {
        let gt = g + t * c, dt = d + t * stride
        gt.update(from: dt, count: c)
        for j in 1..<max(copies, 1) { Vector.accumulate(gt, dt + j * c, count: c) }
      }
    }
    gemm(
      true, false, m: c, n: Self.values, k: tokens, a: g, lda: c, b: patchValues, ldb: Self.values, beta: 1,
      c: store.grad(weight), ldc: Self.values)
    let dpos = store.grad(position), images = tokens / np
    Parallel.rows(np) { range in
      for p in range { for b in 0..<images { Vector.accumulate(dpos + p * c, g + (b * np + p) * c, count: c) } }
    }
  }
}
