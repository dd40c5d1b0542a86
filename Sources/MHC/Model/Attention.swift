import RealModule

/// Multi-head self-attention with its own pre-norm: `F(h) = Wo · attn(RoPE(Wq ĥ), RoPE(Wk ĥ), Wv ĥ)`
/// with `ĥ = RMSNorm(h) ⊙ g` — causal with rotary positions for language, or bidirectional
/// without them (`causal: false`: every token attends to every token of its example, and the
/// positions come from the input's learned position embedding) for vision.
///
/// Parameters (`prefix` = `subs.k`):
///
///     norm.g      [C]        RMSNorm gain, init 1, no weight decay
///     qkv.weight  [3C][C]    rows q, then k, then v; N(0, 0.02)
///     o.weight    [C][C]     N(0, 0.02/√(2·layers))
///
/// RoPE uses the "halves" convention: in each head of size D, element i is paired with
/// i + D/2 and rotated by `pos · 10000^(−i/(D/2))`. Scores are `QKᵀ/√D` with a causal
/// mask (or none); the softmax probabilities are cached for the backward.
public final class Attention<T: Scalar>: Sublayer {
  public let width: Int, heads: Int, seq: Int, capacity: Int
  /// Causal mask and rotary positions (language), or neither (vision).
  public let causal: Bool
  unowned let store: ParameterStore<T>
  let gain, wqkv, wo: ParameterRef
  let headDim: Int
  // caches
  let xhat, rinv, hn, qkv, probs, ao: UnsafeMutablePointer<T>
  // backward scratch
  let dao, dqkv, dhn, dp: UnsafeMutablePointer<T>
  let cosTable, sinTable: UnsafeMutablePointer<T>  // [seq][D/2]
  /// Activation and scratch buffers.
  public let pool = BufferPool<T>()

  /// Element counts of the buffers, in declaration order: the caches `xhat`, `rinv`, `hn`,
  /// `qkv`, `probs` (every head's `seq × seq` probabilities), `ao`; the backward scratch `dao`,
  /// `dqkv`, `dhn`, `dp` (one score-gradient tile per thread); the RoPE tables `[seq][D/2]` (causal only).
  public static func bufferCounts(
    width c: Int, heads: Int, seq: Int, capacity: Int, threads: Int, causal: Bool = true
  ) -> [Int] {
    let half = causal ? c / heads / 2 : 0, batches = capacity / seq
    return [
      capacity * c, capacity, capacity * c, capacity * 3 * c, batches * heads * seq * seq, capacity * c,
      capacity * c, capacity * 3 * c, capacity * c, threads * seq * seq, seq * half, seq * half,
    ]
  }

  /// `norm.g [C]`, `qkv.weight [3C][C]`, `o.weight [C][C]`.
  public static func parameterCount(width c: Int) -> Int { c + 4 * c * c }

  public init(
    width: Int, heads: Int, seq: Int, layers: Int, capacity: Int, store: ParameterStore<T>,
    prefix: String, causal: Bool = true
  ) throws {
    try MHCError.check(
      heads >= 1 && width % heads == 0,
      "heads = \(heads) is invalid for width \(width); heads must divide the width")
    try MHCError.check(
      (width / heads) % 2 == 0,
      "head size \(width / heads) (width \(width) / heads \(heads)) must be even for RoPE")
    try MHCError.check(seq >= 1 && capacity % seq == 0, "capacity \(capacity) must be a multiple of seq \(seq)")
    self.width = width; self.heads = heads; self.seq = seq; self.capacity = capacity; self.store = store
    self.causal = causal
    headDim = width / heads
    gain = store.declare("\(prefix).norm.g", shape: [width], initialiser: .constant(1))
    wqkv = store.declare("\(prefix).qkv.weight", shape: [3 * width, width], initialiser: .normal(0.02), decay: true)
    wo = store.declare(
      "\(prefix).o.weight", shape: [width, width],
      initialiser: .normal(0.02 / (2 * Double(layers)).squareRoot()), decay: true)
    let b = Self.bufferCounts(
      width: width, heads: heads, seq: seq, capacity: capacity, threads: Parallel.threads, causal: causal
    ).map { [pool] in pool.buffer($0) }
    (xhat, rinv, hn, qkv, probs, ao) = (b[0], b[1], b[2], b[3], b[4], b[5])
    (dao, dqkv, dhn, dp, cosTable, sinTable) = (b[6], b[7], b[8], b[9], b[10], b[11])
    let half = causal ? headDim / 2 : 0
    for pos in 0..<seq {
      for i in 0..<half {
        let angle = Double(pos) * Double.pow(10000, -Double(i) / Double(half))
        cosTable[pos * half + i] = T(Double.cos(angle)); sinTable[pos * half + i] = T(Double.sin(angle))
      }
    }
  }

  /// Rotates q and k of every head in `buf` (`[tokens][3C]`) by ±angle.
  func rope(_ buf: UnsafeMutablePointer<T>, tokens: Int, inverse: Bool) {
    let c = width, half = headDim / 2
    Parallel.rows(tokens) { range in
      for t in range {
        let pos = t % seq, cs = cosTable + pos * half, sn = sinTable + pos * half
        for part in 0..<2 {
          for h in 0..<heads {
            let v = buf + t * 3 * c + part * c + h * headDim
            var i = 0
            while i + 8 <= half {  // the same arithmetic as the scalar tail, eight pairs at a time
              let a = Vector.load8(v + i), b = Vector.load8(v + i + half), co = Vector.load8(cs + i)
              let si = inverse ? -Vector.load8(sn + i) : Vector.load8(sn + i)
              Vector.store8(a * co - b * si, v + i)
              Vector.store8(a * si + b * co, v + i + half)
              i += 8
            }
            while i < half {
              defer { i += 1 }
              let a = v[i], b = v[i + half], co = cs[i], si = inverse ? -sn[i] : sn[i]
              v[i] = a * co - b * si
              v[i + half] = a * si + b * co
            }
          }
        }
      }
    }
  }

  /// Runs `body(b, h, part)` for every (sequence, head) pair, the pairs split over the
  /// threads; each head's products run whole on its thread (`split: false`).
  func forEachHead(batches: Int, _ body: (_ b: Int, _ h: Int, _ part: Int) -> Void) {
    Parallel.parts(batches * heads, grain: 1) { part, pairs in
      for pair in pairs { body(pair / heads, pair % heads, part) }
    }
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  public func forward(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, tokens: Int) {
    precondition(
      tokens % seq == 0 && tokens <= capacity, "attention: tokens \(tokens) vs seq \(seq), capacity \(capacity)")
    let c = width, d = headDim, s = seq, batches = tokens / seq
    let scale = 1 / T(d).squareRoot()
    RMSNorm.forward(x, y: hn, xhat: xhat, r: rinv, gain: store.value(gain), rows: tokens, width: c)
    gemm(false, true, m: tokens, n: 3 * c, k: c, a: hn, lda: c, b: store.value(wqkv), ldb: c, c: qkv, ldc: 3 * c)
    if causal { rope(qkv, tokens: tokens, inverse: false) }
    forEachHead(batches: batches) { b, h, _ in
      let base = qkv + b * s * 3 * c + h * d
      let p = probs + (b * heads + h) * s * s
      gemm(
        false, true, m: s, n: s, k: d, alpha: scale, a: base, lda: 3 * c, b: base + c, ldb: 3 * c, c: p, ldc: s,
        split: false)
      for i in 0..<s {
        let row = p + i * s, len = causal ? i + 1 : s
        let mx = Vector.max(row, count: len)
        // exp over whole SIMD blocks (the row has room); the spill-over is zeroed below
        let padded = Swift.min(s, (len + 7) / 8 * 8)
        for j in 0..<padded { row[j] -= mx }
        T.expInPlace(row, count: padded)
        let inv = 1 / Vector.sum(row, count: len)
        for j in 0..<len { row[j] *= inv }
        for j in len..<s { row[j] = 0 }
      }
      gemm(
        false, false, m: s, n: d, k: s, a: p, lda: s, b: base + 2 * c, ldb: 3 * c, c: ao + b * s * c + h * d, ldc: c,
        split: false)
    }
    gemm(false, true, m: tokens, n: c, k: c, a: ao, lda: c, b: store.value(wo), ldb: c, c: y, ldc: c)
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  public func backward(_ dy: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, tokens: Int) {
    let c = width, d = headDim, s = seq, batches = tokens / seq
    let scale = 1 / T(d).squareRoot()
    gemm(true, false, m: c, n: c, k: tokens, a: dy, lda: c, b: ao, ldb: c, beta: 1, c: store.grad(wo), ldc: c)
    gemm(false, false, m: tokens, n: c, k: c, a: dy, lda: c, b: store.value(wo), ldb: c, c: dao, ldc: c)
    forEachHead(batches: batches) { b, h, part in
      let base = qkv + b * s * 3 * c + h * d, dbase = dqkv + b * s * 3 * c + h * d
      let p = probs + (b * heads + h) * s * s, dout = dao + b * s * c + h * d, dp = dp + part * s * s
      gemm(false, true, m: s, n: s, k: d, a: dout, lda: c, b: base + 2 * c, ldb: 3 * c, c: dp, ldc: s, split: false)
      gemm(true, false, m: s, n: d, k: s, a: p, lda: s, b: dout, ldb: c, c: dbase + 2 * c, ldc: 3 * c, split: false)
      for i in 0..<s {
        let pr = p + i * s, dr = dp + i * s, len = causal ? i + 1 : s
        let dot = Vector.dot(pr, dr, count: len)
        for j in 0..<len { dr[j] = pr[j] * (dr[j] - dot) }
        for j in len..<s { dr[j] = 0 }
      }
      gemm(
        false, false, m: s, n: d, k: s, alpha: scale, a: dp, lda: s, b: base + c, ldb: 3 * c, c: dbase, ldc: 3 * c,
        split: false)
      gemm(
        true, false, m: s, n: d, k: s, alpha: scale, a: dp, lda: s, b: base, ldb: 3 * c, c: dbase + c, ldc: 3 * c,
        split: false)
    }
    if causal { rope(dqkv, tokens: tokens, inverse: true) }
    gemm(
      true, false, m: 3 * c, n: c, k: tokens, a: dqkv, lda: 3 * c, b: hn, ldb: c, beta: 1, c: store.grad(wqkv), ldc: c)
    gemm(false, false, m: tokens, n: c, k: 3 * c, a: dqkv, lda: 3 * c, b: store.value(wqkv), ldb: c, c: dhn, ldc: c)
    RMSNorm.backward(
      dhn, dx: dx, xhat: xhat, r: rinv, gain: store.value(gain), dGain: store.grad(gain),
      rows: tokens, width: c)
  }
}
