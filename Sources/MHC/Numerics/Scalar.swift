import COpenBLAS
import RealModule

/// The floating-point types the toolkit computes in.
///
/// Training runs in `Float`; every gradient check runs the *same* code in `Double`, so a
/// finite-difference test can be tight enough to catch a dropped term (see `Tests/`).
///
/// ```swift
/// let a = [Float](repeating: 1, count: 2 * 4), b = [Float](repeating: 1, count: 3 * 4)
/// var c = [Float](repeating: 0, count: 6)
/// Float.blasGemm(false, true, 2, 3, 4, 1, a, 4, b, 4, 0, &c, 3)   // C[2×3] = A[2×4] · B[3×4]ᵀ, through sgemm
/// ```
public protocol Scalar: Real, BinaryFloatingPoint, Codable, Sendable, SIMDScalar
where RawSignificand: FixedWidthInteger {
  /// `p[i] = exp(p[i])` for `count` values: vectorised for `Float` (≤ 2 ulp, see
  /// ``Vector/exp(_:count:)``), libm for `Double` (tests keep full precision).
  static func expInPlace(_ p: UnsafeMutablePointer<Self>, count: Int)

  /// Row-major `C = alpha · op(A) · op(B) + beta · C` through CBLAS (`sgemm` / `dgemm`).
  /// `op(A)` is `m×k`, `op(B)` is `k×n`, `C` is `m×n`; `lda`, `ldb`, `ldc` are row strides.
  static func blasGemm(
    _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Self,
    _ a: UnsafePointer<Self>, _ lda: Int, _ b: UnsafePointer<Self>, _ ldb: Int, _ beta: Self,
    _ c: UnsafeMutablePointer<Self>, _ ldc: Int)

  /// A short name used in metadata ("f32", "f64").
  static var precisionName: String { get }
}

@inline(__always) private func cblasTrans(_ t: Bool) -> CBLAS_TRANSPOSE {
  t ? CblasTrans : CblasNoTrans
}

extension Float: Scalar {
  @inlinable public static var precisionName: String { "f32" }
  @inlinable public static func expInPlace(_ p: UnsafeMutablePointer<Float>, count: Int) { Vector.exp(p, count: count) }
  public static func blasGemm(
    _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
    _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int, _ beta: Float,
    _ c: UnsafeMutablePointer<Float>, _ ldc: Int
  ) {
    cblas_sgemm(
      CblasRowMajor, cblasTrans(transA), cblasTrans(transB), blasint(m), blasint(n), blasint(k),
      alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
  }
}

extension Double: Scalar {
  @inlinable public static var precisionName: String { "f64" }
  @inlinable public static func expInPlace(_ p: UnsafeMutablePointer<Double>, count: Int) {
    for i in 0..<count { p[i] = Double.exp(p[i]) }
  }
  public static func blasGemm(
    _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Double,
    _ a: UnsafePointer<Double>, _ lda: Int, _ b: UnsafePointer<Double>, _ ldb: Int, _ beta: Double,
    _ c: UnsafeMutablePointer<Double>, _ ldc: Int
  ) {
    cblas_dgemm(
      CblasRowMajor, cblasTrans(transA), cblasTrans(transB), blasint(m), blasint(n), blasint(k),
      alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
  }
}
