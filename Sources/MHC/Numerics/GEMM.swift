import COpenBLAS
import Dispatch
import Foundation

/// Matrix multiplication, the one hot kernel everything else is built on.
///
/// All matrices are row-major. `C[m×n] = alpha · op(A) · op(B) + beta · C`, where
/// `op(A) = A` (`m×k`, row stride `lda ≥ k`) or `Aᵀ` (`A` stored `k×m`, `lda ≥ m`), and
/// likewise for `B`. Strides let a call address a slice of a wider buffer with no copy
/// (attention reads the q, k, v heads straight out of the fused `[tokens][3C]` buffer).
///
/// Large products are split over the threads (``GEMMThreading``); code already running on
/// one of several threads (a token block, an attention head) passes `split: false`.
///
/// ```swift
/// let tokens = 64, nIn = 128, nOut = 352
/// let x = [Float](repeating: 1, count: tokens * nIn), w = [Float](repeating: 0.02, count: nOut * nIn)
/// var y = [Float](repeating: 0, count: tokens * nOut)
/// // y[tokens×out] = x[tokens×in] · Wᵀ, W stored [out][in] like torch.nn.Linear
/// gemm(false, true, m: tokens, n: nOut, k: nIn, a: x, lda: nIn, b: w, ldb: nIn, c: &y, ldc: nOut)
/// ```
@inlinable
public func gemm<T: Scalar>(
  _ transA: Bool, _ transB: Bool, m: Int, n: Int, k: Int, alpha: T = 1,
  a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int, beta: T = 0,
  c: UnsafeMutablePointer<T>, ldc: Int, split: Bool = true
) {
  if let problem = gemmShapeProblem(transA, transB, m: m, n: n, k: k, lda: lda, ldb: ldb, ldc: ldc) {
    fatalError("gemm: \(problem)")
  }
  if m == 0 || n == 0 { return }
  if k == 0 {  // BLAS would leave C untouched for beta = 1 but some builds mishandle k = 0
    for i in 0..<m { for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] } }
    return
  }
  let profile = GEMMProfile.enabled && Thread.isMainThread  // workers' products overlap the main thread's
  let t0 = profile ? GEMMProfile.now() : 0
  let pieces = split ? GEMMThreading.pieces(m: m, n: n, k: k) : 1
  if pieces > 1 {
    GEMMThreading.prepare()
    let byRows = m >= n, d = byRows ? m : n
    // Fixed pieces, whatever the thread count; the threads share them out.
    Parallel.rows(pieces, grain: 1) { run in
      for q in run {
        let lo = d * q / pieces, count = d * (q + 1) / pieces - lo
        if byRows {  // rows of C (and of op(A))
          let aStart = transA ? lo : lo * lda
          blasGemmZeroingC(transA, transB, count, n, k, alpha, a + aStart, lda, b, ldb, beta, c + lo * ldc, ldc)
        } else {  // columns of C (and of op(B))
          let bStart = transB ? lo * ldb : lo
          blasGemmZeroingC(transA, transB, m, count, k, alpha, a, lda, b + bStart, ldb, beta, c + lo, ldc)
        }
      }
    }
  } else {
    GEMMThreading.prepare()
    blasGemmZeroingC(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
  }
  if profile { GEMMProfile.record(seconds: GEMMProfile.now() - t0, flops: 2 * Double(m) * Double(n) * Double(k)) }
}

/// One BLAS call; for `beta = 0` it zeroes `C` itself and asks for `C += alpha·op(A)·op(B)`.
///
/// That is the same arithmetic (OpenBLAS's `beta = 0` path also zeroes `C`, then
/// accumulates into it), so the bits do not change, but OpenBLAS's zeroing kernel
/// (`sgemm_beta`) stores one float at a time: on the 128×128 attention score tiles it took
/// a fifth of the product's time, and 7% of a whole training step (Zen, `perf`).
@inlinable @inline(__always)
func blasGemmZeroingC<T: Scalar>(
  _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: T, _ a: UnsafePointer<T>, _ lda: Int,
  _ b: UnsafePointer<T>, _ ldb: Int, _ beta: T, _ c: UnsafeMutablePointer<T>, _ ldc: Int
) {
  guard beta == 0 else {
    T.blasGemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
    return
  }
  if ldc == n {
    c.update(repeating: 0, count: m * n)
  } else {
    for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) }
  }
  T.blasGemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, 1, c, ldc)
}

/// How matrix products use the cores.
///
/// By default the toolkit owns the threads: OpenBLAS runs single-threaded and ``gemm(_:_:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:split:)``
/// cuts each large product into a fixed number of pieces — blocks of rows of `C`, or of
/// columns when `C` is wider than tall — one single-threaded OpenBLAS call per piece, the
/// pieces shared out among ``Parallel/threads`` threads. The pieces depend only on the
/// shape, never on the thread count: OpenBLAS may pick a different kernel for a smaller
/// call (its small-matrix path), so a thread-count-dependent split would change the last
/// bits of a result. Only one pool of threads exists: with OpenBLAS's own threads next to
/// ours, its idle workers spin (`sched_yield`) on the cores our elementwise passes need
/// (about 20% slower steps on 2 cores, measured by `bench`).
///
/// ```swift
/// GEMMThreading.useOpenBLASThreads(2)   // compare with OpenBLAS's own threading (gemm-bench does)
/// ```
public enum GEMMThreading {
  /// Split products over ``Parallel/threads`` (default) instead of OpenBLAS's own threads.
  nonisolated(unsafe) public private(set) static var split = true
  /// Products below this many multiply-adds (m·n·k) run in one call: 128×128×32
  /// attention products are not worth a thread hand-off.
  public static let minimumWork = 1_048_576.0
  /// Fewest rows (or columns) of `C` per piece.
  public static let grain = 32
  /// Most pieces a product is cut into (also the most threads a product can use).
  public static let maximumPieces = 4

  /// Pieces a product is cut into: 1 below ``minimumWork`` or with OpenBLAS threading,
  /// else up to ``maximumPieces`` of at least ``grain`` rows (or columns) each.
  @inlinable
  public static func pieces(m: Int, n: Int, k: Int) -> Int {
    guard split, Double(m) * Double(n) * Double(k) >= minimumWork else { return 1 }
    return Swift.max(1, Swift.min(maximumPieces, Swift.max(m, n) / grain))
  }

  /// Sets OpenBLAS to one thread, once.
  @usableFromInline static let claimed: Bool = {
    openblas_set_num_threads(1)
    return true
  }()

  /// Makes OpenBLAS single-threaded (when splitting) before any product runs; ``gemm(_:_:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:split:)``
  /// calls it before every product.
  @inlinable
  public static func prepare() {
    if split { _ = claimed }
  }

  /// Hands threading back to OpenBLAS with `threads` threads (for comparisons; call it
  /// before the first product).
  public static func useOpenBLASThreads(_ threads: Int) {
    split = false
    openblas_set_num_threads(Int32(max(1, threads)))
  }

  /// Threads a large product runs on.
  public static var threads: Int { split ? Parallel.threads : Int(openblas_get_num_threads()) }
}

/// Optional accounting of the time and FLOPs spent inside ``gemm(_:_:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:split:)``,
/// used by `bench` to split a training step into matmul and everything else.
public enum GEMMProfile {
  nonisolated(unsafe) public static var enabled = false
  nonisolated(unsafe) public private(set) static var seconds = 0.0
  nonisolated(unsafe) public private(set) static var flops = 0.0
  nonisolated(unsafe) public private(set) static var calls = 0

  public static func reset() { seconds = 0; flops = 0; calls = 0 }
  @usableFromInline static func record(seconds s: Double, flops f: Double) { seconds += s; flops += f; calls += 1 }
  @usableFromInline static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }
}

/// A batch of equally shaped products: matrix `i` of each operand starts `stride*` elements
/// after matrix `i − 1`.
@inlinable
public func gemmStridedBatched<T: Scalar>(
  _ transA: Bool, _ transB: Bool, batch: Int, m: Int, n: Int, k: Int, alpha: T = 1,
  a: UnsafePointer<T>, lda: Int, strideA: Int, b: UnsafePointer<T>, ldb: Int, strideB: Int,
  beta: T = 0, c: UnsafeMutablePointer<T>, ldc: Int, strideC: Int
) {
  for i in 0..<batch {
    gemm(
      transA, transB, m: m, n: n, k: k, alpha: alpha, a: a + i * strideA, lda: lda,
      b: b + i * strideB, ldb: ldb, beta: beta, c: c + i * strideC, ldc: ldc)
  }
}

/// Why a gemm call's shape is invalid, or `nil` if it is valid.
public func gemmShapeProblem(
  _ transA: Bool, _ transB: Bool, m: Int, n: Int, k: Int, lda: Int, ldb: Int, ldc: Int
) -> String? {
  if m < 0 || n < 0 || k < 0 { return "dimensions m=\(m) n=\(n) k=\(k) must be ≥ 0" }
  let aCols = transA ? m : k, bCols = transB ? k : n
  if lda < max(1, aCols) { return "lda=\(lda) is smaller than the \(aCols) columns of A\(transA ? "ᵀ" : "") storage" }
  if ldb < max(1, bCols) { return "ldb=\(ldb) is smaller than the \(bCols) columns of B\(transB ? "ᵀ" : "") storage" }
  if ldc < max(1, n) { return "ldc=\(ldc) is smaller than the \(n) columns of C" }
  return nil
}

/// The textbook triple loop, accumulated in `Double`: the reference every BLAS kernel is
/// checked against in the tests, whatever `OPENBLAS_CORETYPE` selected.
public func naiveGemm<T: Scalar>(
  _ transA: Bool, _ transB: Bool, m: Int, n: Int, k: Int, alpha: T = 1,
  a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int, beta: T = 0,
  c: UnsafeMutablePointer<T>, ldc: Int
) {
  for i in 0..<m {
    for j in 0..<n {
      var s = 0.0
      for p in 0..<k {
        let av = transA ? a[p * lda + i] : a[i * lda + p]
        let bv = transB ? b[j * ldb + p] : b[p * ldb + j]
        s += Double(av) * Double(bv)
      }
      let old = beta == 0 ? 0 : Double(beta) * Double(c[i * ldc + j])
      c[i * ldc + j] = T(Double(alpha) * s + old)
    }
  }
}
