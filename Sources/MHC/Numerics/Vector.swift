import COpenBLAS
import RealModule

/// Vectorised kernels for the elementwise passes.
///
/// Float reductions are not reassociated by the compiler (IEEE order), so a plain
/// `for` loop computing a dot product runs one lane at a time. These helpers keep eight
/// independent SIMD partial sums instead, in a fixed order, so results are deterministic
/// and an order of magnitude faster.
///
/// ```swift
/// let a = [Float](repeating: 1, count: 128), b = a
/// var p = [Float](repeating: 0, count: 256)
/// let d = Vector.dot(a, b, count: 128)
/// Vector.exp(&p, count: 256)          // Float, in place
/// ```
public enum Vector {
  /// `Σ a[i]·b[i]`.
  @inlinable @inline(__always)
  public static func dot<T: Scalar>(_ a: UnsafePointer<T>, _ b: UnsafePointer<T>, count: Int) -> T {
    var acc0 = SIMD8<T>(), acc1 = SIMD8<T>()
    var i = 0
    while i + 16 <= count {
      acc0 += load8(a + i) * load8(b + i)
      acc1 += load8(a + i + 8) * load8(b + i + 8)
      i += 16
    }
    if i + 8 <= count { acc0 += load8(a + i) * load8(b + i); i += 8 }
    var s = (acc0 + acc1).sum()
    while i < count { s += a[i] * b[i]; i += 1 }
    return s
  }

  /// The four dot products `a·b0`, `a·b1`, `a·b2`, `a·b3` in one pass over `a`, each with
  /// exactly the arithmetic of ``dot(_:_:count:)`` (so the same bits).
  @inlinable @inline(__always)
  public static func dot4<T: Scalar>(
    _ a: UnsafePointer<T>, _ b0: UnsafePointer<T>, _ b1: UnsafePointer<T>,
    _ b2: UnsafePointer<T>, _ b3: UnsafePointer<T>, count: Int
  ) -> SIMD4<T> {
    var p0 = SIMD8<T>(), q0 = SIMD8<T>(), p1 = SIMD8<T>(), q1 = SIMD8<T>()
    var p2 = SIMD8<T>(), q2 = SIMD8<T>(), p3 = SIMD8<T>(), q3 = SIMD8<T>()
    var i = 0
    while i + 16 <= count {
      let x = load8(a + i), y = load8(a + i + 8)
      p0 += x * load8(b0 + i); q0 += y * load8(b0 + i + 8)
      p1 += x * load8(b1 + i); q1 += y * load8(b1 + i + 8)
      p2 += x * load8(b2 + i); q2 += y * load8(b2 + i + 8)
      p3 += x * load8(b3 + i); q3 += y * load8(b3 + i + 8)
      i += 16
    }
    if i + 8 <= count {
      let x = load8(a + i)
      p0 += x * load8(b0 + i); p1 += x * load8(b1 + i); p2 += x * load8(b2 + i); p3 += x * load8(b3 + i)
      i += 8
    }
    var s = SIMD4<T>((p0 + q0).sum(), (p1 + q1).sum(), (p2 + q2).sum(), (p3 + q3).sum())
    while i < count {
      s[0] += a[i] * b0[i]; s[1] += a[i] * b1[i]; s[2] += a[i] * b2[i]; s[3] += a[i] * b3[i]
      i += 1
    }
    return s
  }

  /// `Σ a[i]·b[i]·c[i]`.
  @inlinable @inline(__always)
  public static func dot<T: Scalar>(
    _ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ c: UnsafePointer<T>,
    count: Int
  ) -> T {
    var acc = SIMD8<T>()
    var i = 0
    while i + 8 <= count { acc += load8(a + i) * load8(b + i) * load8(c + i); i += 8 }
    var s = acc.sum()
    while i < count { s += a[i] * b[i] * c[i]; i += 1 }
    return s
  }

  /// `Σ a[i]`.
  @inlinable @inline(__always)
  public static func sum<T: Scalar>(_ a: UnsafePointer<T>, count: Int) -> T {
    var acc = SIMD8<T>()
    var i = 0
    while i + 8 <= count { acc += load8(a + i); i += 8 }
    var s = acc.sum()
    while i < count { s += a[i]; i += 1 }
    return s
  }

  /// `max a[i]` (−∞ for an empty range; NaNs are skipped).
  ///
  /// Generic code gets the stdlib's generic, lane-by-lane SIMD comparison even after
  /// specialisation (overloads are chosen before it), which here compiled to eight scalar
  /// compares per step; Float (the training type, in the softmax) therefore takes a
  /// concrete path that compiles to `vmaxps`. Double (the tests) keeps the generic one.
  @inlinable @inline(__always)
  public static func max<T: Scalar>(_ a: UnsafePointer<T>, count: Int) -> T {
    if T.self == Float.self {
      return unsafeBitCast(maxFloat(UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), count: count), to: T.self)
    }
    var acc = SIMD8<T>(repeating: -T.infinity)
    var i = 0
    while i + 8 <= count { let v = load8(a + i); acc.replace(with: v, where: v .> acc); i += 8 }
    var m = acc.max()
    while i < count { m = Swift.max(m, a[i]); i += 1 }
    return m
  }

  /// ``max(_:count:)`` with every type concrete (the same steps, so the same result).
  @inlinable @inline(__always)
  static func maxFloat(_ a: UnsafePointer<Float>, count: Int) -> Float {
    var acc = SIMD8<Float>(repeating: -.infinity), i = 0
    for _ in 0..<(count / 8) {
      let v = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
      acc.replace(with: v, where: v .> acc)
      i += 8
    }
    return UnsafeBufferPointer(start: a + i, count: count - i).reduce(acc.max(), Swift.max)  // the tail, in order
  }

  /// `out[k] += src[k]` for `k < count`, eight at a time (the compiler cannot rule out that
  /// the two overlap, so a plain loop stays scalar).
  @inlinable @inline(__always)
  public static func accumulate<T: Scalar>(_ out: UnsafeMutablePointer<T>, _ src: UnsafePointer<T>, count: Int) {
    var k = 0
    while k + 8 <= count { store8(load8(out + k) + load8(src + k), out + k); k += 8 }
    while k < count { out[k] += src[k]; k += 1 }
  }

  /// `out[k] += a · x[k]` for `k < count`, eight at a time.
  @inlinable @inline(__always)
  public static func axpy<T: Scalar>(_ out: UnsafeMutablePointer<T>, _ a: T, _ x: UnsafePointer<T>, count: Int) {
    var k = 0
    while k + 8 <= count { store8(load8(out + k) + a * load8(x + k), out + k); k += 8 }
    while k < count { out[k] += a * x[k]; k += 1 }
  }

  /// `out[k] += u[k] − s · v[k]` for `k < count`, eight at a time.
  @inlinable @inline(__always)
  public static func addDifference<T: Scalar>(
    _ out: UnsafeMutablePointer<T>, _ u: UnsafePointer<T>, _ s: T,
    _ v: UnsafePointer<T>, count: Int
  ) {
    var k = 0
    while k + 8 <= count { store8(load8(out + k) + (load8(u + k) - load8(v + k) * s), out + k); k += 8 }
    while k < count { out[k] += u[k] - v[k] * s; k += 1 }
  }

  /// `out[k] = Σ_j w[j·ws] · src[j·ss + k]` for `k < count` (`terms ≥ 1`), plus
  /// `extraWeight · extra[k]` first when `extra` is given. Each block of eight outputs
  /// is summed in a register, terms in order, and stored once: the stream mixings of
  /// HC/mHC are this (`h = Σ_j H_pre[j] x_j`, `out_i = H_post[i] y + Σ_j H_res[i][j] x_j`).
  @inlinable @inline(__always)
  public static func combine<T: Scalar>(
    _ out: UnsafeMutablePointer<T>, weights w: UnsafePointer<T>, weightStride ws: Int,
    sources src: UnsafePointer<T>, sourceStride ss: Int, terms: Int, count: Int,
    extraWeight: T = 0, extra: UnsafePointer<T>? = nil
  ) {
    var k = 0
    while k + 8 <= count {
      var acc: SIMD8<T>
      var j = 0
      if let extra { acc = extraWeight * load8(extra + k) } else { acc = w[0] * load8(src + k); j = 1 }
      while j < terms { acc += w[j * ws] * load8(src + j * ss + k); j += 1 }
      UnsafeMutableRawPointer(out + k).storeBytes(of: acc, as: SIMD8<T>.self)
      k += 8
    }
    while k < count {
      var acc: T
      var j = 0
      if let extra { acc = extraWeight * extra[k] } else { acc = w[0] * src[k]; j = 1 }
      while j < terms { acc += w[j * ws] * src[j * ss + k]; j += 1 }
      out[k] = acc
      k += 1
    }
  }

  /// ``combine(_:weights:weightStride:sources:sourceStride:terms:count:extraWeight:extra:)`` for
  /// `outputs` rows at once: `out[o·os + k] = Σ_j w[o·wo + j·ws] · src[j·ss + k]` (plus
  /// `extraWeights[o] · extra[k]` first when `extra` is given), column block by column block:
  /// the block of every source is read once (into `scratch`, `terms` vectors) and all outputs
  /// are written from it, so `out` may be `src` itself. Per output the same arithmetic, in
  /// the same order, as `combine`.
  @inlinable @inline(__always)
  public static func combineMany<T: Scalar>(
    _ out: UnsafeMutablePointer<T>, outputStride os: Int, outputs: Int,
    weights w: UnsafePointer<T>, outputWeightStride wo: Int, weightStride ws: Int,
    sources src: UnsafePointer<T>, sourceStride ss: Int, terms: Int, count: Int,
    extraWeights: UnsafePointer<T>? = nil, extra: UnsafePointer<T>? = nil,
    scratch: UnsafeMutablePointer<SIMD8<T>>
  ) {
    var k = 0
    while k + 8 <= count {
      for j in 0..<terms { scratch[j] = load8(src + j * ss + k) }
      let e = extra.map { load8($0 + k) }
      for o in 0..<outputs {
        let wt = w + o * wo
        var acc: SIMD8<T>
        var j = 0
        if let e, let extraWeights { acc = extraWeights[o] * e } else { acc = wt[0] * scratch[0]; j = 1 }
        while j < terms { acc += wt[j * ws] * scratch[j]; j += 1 }
        store8(acc, out + o * os + k)
      }
      k += 8
    }
    guard k < count else { return }
    let tail = count - k  // fewer than 8 columns: through the scratch as well, one lane each
    for j in 0..<terms {
      var v = SIMD8<T>()
      for l in 0..<tail { v[l] = src[j * ss + k + l] }
      scratch[j] = v
    }
    for o in 0..<outputs {
      let wt = w + o * wo
      for l in 0..<tail {
        var acc: T
        var j = 0
        if let extra, let extraWeights {
          acc = extraWeights[o] * extra[k + l]
        } else {
          acc = wt[0] * scratch[0][l]; j = 1
        }
        while j < terms { acc += wt[j * ws] * scratch[j][l]; j += 1 }
        out[o * os + k + l] = acc
      }
    }
  }

  /// Asks the cache to fetch `count` elements from `p` on (a hint: no result, no fault). The
  /// stream passes read each token's `n·C` streams right after a sublayer has pushed them out
  /// of cache; fetching two tokens ahead cut the fused mixing pass by ~10% (Zen 3).
  @inlinable @inline(__always)
  public static func prefetch<T: Scalar>(_ p: UnsafePointer<T>, count: Int) {
    let raw = UnsafeRawPointer(p)
    for offset in stride(from: 0, to: count * MemoryLayout<T>.stride, by: 64) { mhc_prefetch(raw + offset) }
  }

  @inlinable @inline(__always)
  static func load8<T: Scalar>(_ p: UnsafePointer<T>) -> SIMD8<T> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<T>.self)
  }

  @inlinable @inline(__always)
  static func store8<T: Scalar>(_ v: SIMD8<T>, _ p: UnsafeMutablePointer<T>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<T>.self)
  }

  /// In-place `exp` for Float, 8 lanes at a time: `exp(x) = 2ᵏ · P(r)` with
  /// `k = round(x / ln 2)`, `r = x − k ln 2` (two-part ln 2), `P` the degree-6 Taylor
  /// polynomial (|relative error| < 3e−7 on |r| ≤ ln2/2). Inputs below −87.3 give 0,
  /// above 88.3 give +∞, NaN stays NaN. A tail of fewer than 8 values uses libm.
  @inlinable
  public static func exp(_ p: UnsafeMutablePointer<Float>, count: Int) {
    var i = 0
    while i + 8 <= count {
      let x = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
      UnsafeMutableRawPointer(p + i).storeBytes(of: exp8(x), as: SIMD8<Float>.self)
      i += 8
    }
    while i < count { p[i] = Float.exp(p[i]); i += 1 }
  }

  @inlinable @inline(__always)
  static func exp8(_ x0: SIMD8<Float>) -> SIMD8<Float> {
    let hi = SIMD8<Float>(repeating: 88.3), lo = SIMD8<Float>(repeating: -87.3)
    var x = x0
    x.replace(with: lo, where: x .< lo)
    x.replace(with: hi, where: x .> hi)
    // Round x/ln2 to the nearest integer with the 1.5·2²³ trick: no float→int conversion.
    let magic = SIMD8<Float>(repeating: 12_582_912)
    let t = x * 1.442695040888963 + magic
    let k = t - magic
    let ki = unsafeBitCast(t, to: SIMD8<Int32>.self) &- 0x4B40_0000
    let r = x - k * 0.693145751953125 - k * 1.428606765330187e-06
    var poly = SIMD8<Float>(repeating: 1.0 / 720)
    poly = poly * r + 1.0 / 120
    poly = poly * r + 1.0 / 24
    poly = poly * r + 1.0 / 6
    poly = poly * r + 0.5
    poly = poly * r + 1
    poly = poly * r + 1
    var out = poly * unsafeBitCast((ki &+ 127) &<< 23, to: SIMD8<Float>.self)
    out.replace(with: 0, where: x0 .< lo)
    out.replace(with: .infinity, where: x0 .> hi)
    out.replace(with: x0, where: x0 .!= x0)
    return out
  }

  /// Eight consecutive values at `p + i` as one SIMD vector (no alignment needed): the
  /// entry-major blocks of the manifold projections hold eight tokens per vector.
  @inlinable @inline(__always)
  public static func load8<T: Scalar>(_ p: UnsafeMutablePointer<T>, _ i: Int) -> SIMD8<T> {
    UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<T>.self)
  }

  /// Stores `v` as eight consecutive values at `p + i` (no alignment needed).
  @inlinable @inline(__always)
  public static func store8<T: Scalar>(_ p: UnsafeMutablePointer<T>, _ i: Int, _ v: SIMD8<T>) {
    UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: SIMD8<T>.self)
  }
}
