import RealModule

/// Sinkhorn-Knopp projection onto the Birkhoff polytope, forward and exact backward.
///
/// For a logit matrix `L ∈ R^{n×n}` and `t_max` iterations:
///
///     M⁽⁰⁾ = exp(L − max L)          (t_max ≥ 1; the shift cancels in the normalisation)
///     M⁽⁰⁾ = exp(L)                  (t_max = 0: no projection at all)
///     repeat t_max times:
///         A = M / 1ᵀM                (every column divided by its sum)
///         M = A / A1                 (every row divided by its sum)
///
/// Rows of the result sum to 1 up to rounding; columns carry the truncation error, which
/// shrinks geometrically with `t_max`. The backward pass differentiates the *truncated*
/// iteration exactly. For `y = x / s` with `s = Σ x` along the normalised axis,
///
///     ∂L/∂x = (∂L/∂y − Σ (∂L/∂y ⊙ y)) / s
///
/// and `∂L/∂L = ∂L/∂M⁽⁰⁾ ⊙ M⁽⁰⁾`; the gradient of the max shift is exactly zero because the
/// projection is shift invariant. The backward recomputes the iterates in a scratch buffer
/// (`(2 t_max + 1) n²` values per matrix) instead of storing them per token.
///
/// ## Numerical guarantees
///
/// In float32, `exp(L − max L)` underflows once a matrix's logits spread by more than ~87
/// (≈ 104 with denormals): a whole column or row can become zero, and the normalisation then
/// divides 0 by 0. The truncated iterates themselves are always representable — every
/// normalised iterate is `D₁ exp(L) D₂` with rows or columns summing to 1 — so each matrix
/// takes one of two paths that compute the *same* iterates:
///
/// - **fast path**, when `spread = max L − min L ≤` ``fastSpread`` (32): the multiplicative
///   iteration above, eight matrices per SIMD vector. Cross-ratios of `D₁ exp(L) D₂` are
///   those of `exp(L)`, so every entry of every normalised iterate is ≥ `e^{−2·spread}/n`
///   (≥ 2e−29 at n = 8): no underflow, no denormal, full float32 relative precision.
/// - **log-domain path**, above that spread (with `t_max ≥ 1`; `t_max = 0` is plain
///   `exp(L)` by definition): `ℓ ← ℓ − LSE(ℓ)` along columns, then rows, each log-sum-exp
///   taken after subtracting that column's or row's own maximum, so every normalising sum
///   is ≥ 1. The normalised values `e/Σe` are what is output (rows still sum to 1 up to
///   rounding); entries below float32's range become 0, which is their value to float32
///   precision. Its backward runs on log-cotangents `g = x ⊙ ∂L/∂x`:
///
///       g_src = g_y − y · Σ g_y        (sum along the axis y was normalised over)
///
///   with `g = ∂L/∂P ⊙ P` at the output and `∂L/∂L = g` at the input — no division at all,
///   the same derivative as the multiplicative formula (`x ⊙ (∂y − Σ ∂y ⊙ y)/s = g_y − y Σ g_y`).
///
/// Both paths are checked against each other, against a naive float64 iteration, against
/// finite differences and against the float64 reference vectors (`Tests/MHCTests/Sinkhorn*`).
///
/// Non-finite input: a matrix with any non-finite logit yields an all-NaN output block
/// (and NaN gradient), which training reports as divergence. The array functions
/// ``sinkhornKnopp(logits:n:iterations:)`` and ``sinkhornKnoppVJP(logits:n:iterations:cotangent:)``
/// document the same; ``SinkhornKnopp/project(logits:n:iterations:)`` throws instead.
public enum SinkhornKnopp: ManifoldProjection {
  public static let name = "sinkhorn"
  public static let help = "the paper"
  public static let published = "mHC (arXiv 2512.24880): t_max = 20; at 27B loss −0.021 vs baseline, composite gain "
    + "≈ 1.6"

  /// ``forward(logits:output:count:n:iterations:scratch:)`` with the caller's scratch (the
  /// ``ManifoldProjection`` entry point).
  public static func forward<T: Scalar>(
    logits: UnsafePointer<T>, output: UnsafeMutablePointer<T>, count: Int, n: Int,
    iterations: Int, scratch: UnsafeMutablePointer<T>
  ) {
    forward(logits: logits, output: output, count: count, n: n, iterations: iterations, scratch: Optional(scratch))
  }

  /// The backward, overwriting `∂L/∂logits` (the ``ManifoldProjection`` entry point).
  public static func backward<T: Scalar>(
    logits: UnsafePointer<T>, dOutput: UnsafePointer<T>,
    dLogits: UnsafeMutablePointer<T>, count: Int, n: Int, iterations: Int,
    scratch: UnsafeMutablePointer<T>
  ) {
    backward(
      logits: logits, dOutput: dOutput, dLogits: dLogits, count: count, n: n, iterations: iterations,
      accumulate: false, scratch: scratch)
  }

  /// Matrices processed together. Inside a block the iterates are stored entry-major
  /// (`[n²][block]`), so every normalisation is a loop over 64 matrices that vectorises.
  public static let block = 64

  /// Largest logit spread (`max − min` of one matrix) handled by the multiplicative fast
  /// path; wider matrices take the log-domain path (see *Numerical guarantees*).
  public static let fastSpread = 32.0

  /// Scratch elements ``forward(logits:output:count:n:iterations:scratch:)`` and
  /// ``backward(logits:dOutput:dLogits:count:n:iterations:accumulate:scratch:)`` need.
  @inlinable public static func scratchCount(n: Int, iterations: Int) -> Int {
    (2 * iterations + 2) * n * n * block + block  // iterates and gradient, plus one lane flag per matrix
      + logDomainScratchCount(n: n, iterations: iterations)
  }

  /// Scratch of the log-domain path for one matrix: the normalised iterates `A`, `R` of
  /// every iteration, the log-iterate `ℓ`, one row or column of exponentials.
  @inlinable static func logDomainScratchCount(n: Int, iterations: Int) -> Int {
    (2 * iterations + 1) * n * n + n
  }

  /// Projects `count` consecutive row-major `n×n` logit blocks of `logits` into `output`.
  /// `scratch` (``scratchCount(n:iterations:)`` elements) is allocated when not given.
  @inlinable
  public static func forward<T: Scalar>(
    logits: UnsafePointer<T>, output: UnsafeMutablePointer<T>, count: Int, n: Int, iterations: Int,
    scratch: UnsafeMutablePointer<T>? = nil
  ) {
    let owned =
      scratch == nil ? UnsafeMutablePointer<T>.allocate(capacity: scratchCount(n: n, iterations: iterations)) : nil
    defer { owned?.deallocate() }
    let m = scratch ?? owned!
    let nn = n * n, B = block
    let bad = m + nn * B
    let logScratch = logDomainScratch(m, n: n, iterations: iterations)
    var start = 0
    while start < count {
      let bs = Swift.min(B, count - start)
      initialise(logits + start * nn, m, bad, bs: bs, n: n, iterations: iterations)
      for _ in 0..<iterations {
        normaliseColumns(m, n: n)
        normaliseRows(m, n: n)
      }
      for b in 0..<bs {
        let o = output + (start + b) * nn
        switch bad[b] {
        case 0: for k in 0..<nn { o[k] = m[k * B + b] }
        case 1: for k in 0..<nn { o[k] = .nan }
        default:
          logDomainForward(logits + (start + b) * nn, n: n, iterations: iterations, scratch: logScratch)
          o.update(from: logScratch + (2 * iterations - 1) * nn, count: nn)  // the last row-normalised iterate
        }
      }
      start += B
    }
  }

  /// Where the log-domain scratch starts inside a block scratch that begins at `m`.
  @inlinable @inline(__always)
  static func logDomainScratch<T: Scalar>(
    _ m: UnsafeMutablePointer<T>, n: Int, iterations: Int
  ) -> UnsafeMutablePointer<T> {
    m + (2 * iterations + 2) * n * n * block + block
  }

  /// Adds the gradient of `Σ dOutput ⊙ output` with respect to the logits into
  /// `dLogits` (`accumulate: true`) or writes it (`accumulate: false`).
  ///
  /// `scratch` must hold at least ``scratchCount(n:iterations:)`` elements.
  @inlinable
  public static func backward<T: Scalar>(
    logits: UnsafePointer<T>, dOutput: UnsafePointer<T>, dLogits: UnsafeMutablePointer<T>,
    count: Int, n: Int, iterations: Int, accumulate: Bool = false, scratch: UnsafeMutablePointer<T>
  ) {
    let nn = n * n, B = block, stride = nn * B
    // scratch: iterates I[0 ... 2t] (each [n²][B]), g [n²][B], bad [B]
    let g = scratch + (2 * iterations + 1) * stride
    let bad = g + stride
    var start = 0
    while start < count {
      let bs = Swift.min(B, count - start)
      initialise(logits + start * nn, scratch, bad, bs: bs, n: n, iterations: iterations)
      for s in 0..<iterations {
        let src = scratch + 2 * s * stride, a = src + stride, r = a + stride
        a.update(from: src, count: stride)
        normaliseColumns(a, n: n)
        r.update(from: a, count: stride)
        normaliseRows(r, n: n)
      }
      g.update(repeating: 0, count: stride)
      for b in 0..<bs { let d = dOutput + (start + b) * nn; for k in 0..<nn { g[k * B + b] = d[k] } }
      var s = iterations
      while s > 0 {
        s -= 1
        let src = scratch + 2 * s * stride, a = src + stride, r = a + stride
        // rows: r = a / rowsum(a)  ⇒  ∂a = (∂r − Σ_j ∂r ⊙ r) / rowsum(a)
        // columns: a = src / colsum(src)  ⇒  ∂src = (∂a − Σ_i ∂a ⊙ a) / colsum(src)
        // (8 matrices per SIMD vector, `q` walks the lanes of the block)
        for q in Swift.stride(from: 0, to: B, by: 8) {
          for i in 0..<n {
            var sum = SIMD8<T>(), dot = SIMD8<T>()
            for j in 0..<n {
              let e = (i * n + j) * B + q; sum += Vector.load8(a, e); dot += Vector.load8(g, e) * Vector.load8(r, e)
            }
            let inv = 1 / sum
            for j in 0..<n { let e = (i * n + j) * B + q; Vector.store8(g, e, (Vector.load8(g, e) - dot) * inv) }
          }
          for j in 0..<n {
            var sum = SIMD8<T>(), dot = SIMD8<T>()
            for i in 0..<n {
              let e = (i * n + j) * B + q; sum += Vector.load8(src, e); dot += Vector.load8(g, e) * Vector.load8(a, e)
            }
            let inv = 1 / sum
            for i in 0..<n { let e = (i * n + j) * B + q; Vector.store8(g, e, (Vector.load8(g, e) - dot) * inv) }
          }
        }
      }
      for b in 0..<bs {
        let dl = dLogits + (start + b) * nn
        if bad[b] == 2 {
          logDomainBackward(
            logits + (start + b) * nn, dOutput: dOutput + (start + b) * nn, dLogits: dl, n: n,
            iterations: iterations, accumulate: accumulate,
            scratch: logDomainScratch(scratch, n: n, iterations: iterations))
        } else if bad[b] != 0 {
          for k in 0..<nn { dl[k] = .nan }
        } else if accumulate {
          for k in 0..<nn { dl[k] += g[k * B + b] * scratch[k * B + b] }
        } else {
          for k in 0..<nn { dl[k] = g[k * B + b] * scratch[k * B + b] }
        }
      }
      start += B
    }
  }

  /// Gathers `bs` matrices entry-major into `m` and computes `M⁽⁰⁾`; marks matrices with
  /// a non-finite logit in `bad` (1) and matrices for the log-domain path (2; their lanes,
  /// like unused ones, hold harmless zeros).
  @inlinable @inline(__always)
  static func initialise<T: Scalar>(
    _ l: UnsafePointer<T>, _ m: UnsafeMutablePointer<T>, _ bad: UnsafeMutablePointer<T>,
    bs: Int, n: Int, iterations: Int
  ) {
    let nn = n * n, B = block
    m.update(repeating: 0, count: nn * B)
    for b in 0..<B { bad[b] = 0 }
    for b in 0..<bs {
      let lb = l + b * nn
      var mx = -T.infinity, mn = T.infinity
      var finite = true
      for k in 0..<nn { finite = finite && lb[k].isFinite; mx = Swift.max(mx, lb[k]); mn = Swift.min(mn, lb[k]) }
      if !finite { bad[b] = 1; continue }
      if iterations > 0 && Double(mx - mn) > fastSpread { bad[b] = 2; continue }
      let shift: T = iterations > 0 ? mx : 0
      for k in 0..<nn { m[k * B + b] = lb[k] - shift }
    }
    T.expInPlace(m, count: nn * B)
  }

  @inlinable @inline(__always)
  static func normaliseColumns<T: Scalar>(_ m: UnsafeMutablePointer<T>, n: Int) {
    let B = block
    for q in Swift.stride(from: 0, to: B, by: 8) {
      for j in 0..<n {
        var sum = Vector.load8(m, j * B + q)
        for i in 1..<n { sum += Vector.load8(m, (i * n + j) * B + q) }
        let inv = 1 / sum
        for i in 0..<n { let e = (i * n + j) * B + q; Vector.store8(m, e, Vector.load8(m, e) * inv) }
      }
    }
  }

  @inlinable @inline(__always)
  static func normaliseRows<T: Scalar>(_ m: UnsafeMutablePointer<T>, n: Int) {
    let B = block
    for q in Swift.stride(from: 0, to: B, by: 8) {
      for i in 0..<n {
        var sum = Vector.load8(m, i * n * B + q)
        for j in 1..<n { sum += Vector.load8(m, (i * n + j) * B + q) }
        let inv = 1 / sum
        for j in 0..<n { let e = (i * n + j) * B + q; Vector.store8(m, e, Vector.load8(m, e) * inv) }
      }
    }
  }

  // MARK: Log-domain path (one matrix at a time; only matrices wider than `fastSpread`)

  /// Runs the truncated iteration on one row-major matrix in the log domain. Leaves the
  /// normalised iterates in `scratch`: `A⁽ˢ⁾` (columns) at `2s·n²`, `R⁽ˢ⁾` (rows) at
  /// `(2s+1)·n²`; the output is `R⁽ᵗ⁻¹⁾`. Requires `iterations ≥ 1`.
  @inlinable
  static func logDomainForward<T: Scalar>(
    _ logits: UnsafePointer<T>, n: Int, iterations: Int,
    scratch: UnsafeMutablePointer<T>
  ) {
    let nn = n * n
    let ell = scratch + 2 * iterations * nn, ex = ell + nn  // ℓ after the iterates, then one row of e
    ell.update(from: logits, count: nn)
    for s in 0..<iterations {
      let a = scratch + 2 * s * nn, r = a + nn
      for j in 0..<n { normaliseLog(ell + j, stride: n, count: n, into: a + j, exps: ex) }  // columns
      for i in 0..<n { normaliseLog(ell + i * n, stride: 1, count: n, into: r + i * n, exps: ex) }  // rows
    }
  }

  /// One log-sum-exp normalisation of `count` values at `v` (stride `stride`): writes the
  /// normalised values `e^{v−m}/Σ e^{v−m}` to `into` (same stride) and subtracts
  /// `m + log Σ e^{v−m}` from `v`. The sum is ≥ 1 (its largest term is e⁰ = 1).
  @inlinable @inline(__always)
  static func normaliseLog<T: Scalar>(
    _ v: UnsafeMutablePointer<T>, stride: Int, count: Int,
    into: UnsafeMutablePointer<T>, exps: UnsafeMutablePointer<T>
  ) {
    var m = -T.infinity
    for k in 0..<count { m = Swift.max(m, v[k * stride]) }
    var sum: T = 0
    for k in 0..<count { exps[k] = T.exp(v[k * stride] - m); sum += exps[k] }
    let inv = 1 / sum, shift = m + T.log(sum)
    for k in 0..<count { into[k * stride] = exps[k] * inv; v[k * stride] -= shift }
  }

  /// The gradient of `Σ dOutput ⊙ P` for one matrix through the log-domain iteration, on
  /// log-cotangents: `g = ∂P ⊙ P`, then per normalisation, last first, `g ← g − y · Σ g`
  /// along its axis; `∂L/∂logits = g`.
  @inlinable
  static func logDomainBackward<T: Scalar>(
    _ logits: UnsafePointer<T>, dOutput: UnsafePointer<T>, dLogits: UnsafeMutablePointer<T>, n: Int, iterations: Int,
    accumulate: Bool, scratch: UnsafeMutablePointer<T>
  ) {
    let nn = n * n
    logDomainForward(logits, n: n, iterations: iterations, scratch: scratch)
    let g = scratch + 2 * iterations * nn  // reuses ℓ's slot
    let p = scratch + (2 * iterations - 1) * nn
    for k in 0..<nn { g[k] = dOutput[k] * p[k] }
    var s = iterations
    while s > 0 {
      s -= 1
      let a = scratch + 2 * s * nn, r = a + nn
      for i in 0..<n {
        var sum: T = 0
        for j in 0..<n { sum += g[i * n + j] }
        for j in 0..<n { g[i * n + j] -= r[i * n + j] * sum }
      }
      for j in 0..<n {
        var sum: T = 0
        for i in 0..<n { sum += g[i * n + j] }
        for i in 0..<n { g[i * n + j] -= a[i * n + j] * sum }
      }
    }
    if accumulate { for k in 0..<nn { dLogits[k] += g[k] } } else { dLogits.update(from: g, count: nn) }
  }

  /// Validates the arguments of the array-level API.
  public static func validate(count: Int, n: Int, iterations: Int, cotangentCount: Int? = nil) throws {
    try MHCError.check(n >= 1, "sinkhorn: n = \(n) is invalid; the number of streams must be ≥ 1")
    try MHCError.check(iterations >= 0, "sinkhorn: iterations = \(iterations) is invalid; t_max must be ≥ 0")
    try MHCError.check(
      count % (n * n) == 0,
      "sinkhorn: logits has \(count) values, not a multiple of n² = \(n * n) (one n×n block per matrix)")
    if let c = cotangentCount {
      try MHCError.check(c == count, "sinkhorn: cotangent has \(c) values but logits has \(count); they must match")
    }
  }

  /// Throwing projection: rejects bad shapes and non-finite logits with a one-line error.
  public static func project<T: Scalar>(logits: [T], n: Int, iterations: Int) throws -> [T] {
    try validate(count: logits.count, n: n, iterations: iterations)
    if let bad = logits.firstIndex(where: { !$0.isFinite }) {
      throw MHCError("sinkhorn: logits[\(bad)] = \(logits[bad]) is not finite; logits must be finite numbers")
    }
    return unchecked(logits: logits, n: n, iterations: iterations)
  }

  static func unchecked<T: Scalar>(logits: [T], n: Int, iterations: Int) -> [T] {
    var out = [T](repeating: 0, count: logits.count)
    var scratch = [T](repeating: 0, count: scratchCount(n: n, iterations: iterations))
    logits.withUnsafeBufferPointer { l in
      out.withUnsafeMutableBufferPointer { o in
        forward(
          logits: l.baseAddress!, output: o.baseAddress!, count: logits.count / (n * n), n: n,
          iterations: iterations, scratch: &scratch)
      }
    }
    return out
  }

  static func uncheckedVJP<T: Scalar>(logits: [T], n: Int, iterations: Int, cotangent: [T]) -> [T] {
    var out = [T](repeating: 0, count: logits.count)
    var scratch = [T](repeating: 0, count: scratchCount(n: n, iterations: iterations))
    logits.withUnsafeBufferPointer { l in
      cotangent.withUnsafeBufferPointer { c in
        out.withUnsafeMutableBufferPointer { o in
          scratch.withUnsafeMutableBufferPointer { s in
            backward(
              logits: l.baseAddress!, dOutput: c.baseAddress!, dLogits: o.baseAddress!,
              count: logits.count / (n * n), n: n, iterations: iterations, scratch: s.baseAddress!)
          }
        }
      }
    }
    return out
  }
}

/// Sinkhorn-Knopp projection of each consecutive row-major `n×n` block of `logits`
/// (see ``SinkhornKnopp``). `iterations = 0` returns `exp(logits)`.
///
/// Bad input stops the program with a one-line message naming the value (n < 1, negative
/// iterations, a count that is not a multiple of n²); a block containing a non-finite logit
/// comes back as NaN. Use ``SinkhornKnopp/project(logits:n:iterations:)`` to get an error instead.
///
/// ```swift
/// let h = sinkhornKnopp(logits: [0, 1, 2, 3], n: 2, iterations: 20)   // rows sum to 1
/// ```
public func sinkhornKnopp(logits: [Float], n: Int, iterations: Int) -> [Float] {
  do { try SinkhornKnopp.validate(count: logits.count, n: n, iterations: iterations) } catch {
    fatalError("\(error)")
  }
  return SinkhornKnopp.unchecked(logits: logits, n: n, iterations: iterations)
}

/// The gradient of `Σ cotangent ⊙ sinkhornKnopp(logits, n, iterations)` with respect to
/// `logits`, through the truncated iteration. Same input rules as ``sinkhornKnopp(logits:n:iterations:)``.
public func sinkhornKnoppVJP(logits: [Float], n: Int, iterations: Int, cotangent: [Float]) -> [Float] {
  do {
    try SinkhornKnopp.validate(count: logits.count, n: n, iterations: iterations, cotangentCount: cotangent.count)
  } catch { fatalError("\(error)") }
  return SinkhornKnopp.uncheckedVJP(logits: logits, n: n, iterations: iterations, cotangent: cotangent)
}
