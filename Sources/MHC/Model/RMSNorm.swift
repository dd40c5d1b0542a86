/// Root-mean-square normalisation of rows, with or without a learned gain.
///
///     r   = (mean(x²) + ε)^(−1/2),   ε = 1e−6
///     x̂   = x · r                     (cached for the backward)
///     y   = g ⊙ x̂                     (y = x̂ without a gain)
///
/// Backward, with `u = g ⊙ ∂L/∂y` (or `∂L/∂y`):
///
///     ∂L/∂x = r · (u − x̂ · mean(u ⊙ x̂))        ∂L/∂g += Σ_rows ∂L/∂y ⊙ x̂
///
/// exact with ε inside the square root.
///
/// ```swift
/// let tokens = 64, c = 128
/// let x = [Float](repeating: 1, count: tokens * c), g = [Float](repeating: 1, count: c), dy = x
/// var y = x, xhat = x, dx = x, r = [Float](repeating: 0, count: tokens), dg = g
/// RMSNorm.forward(x, y: &y, xhat: &xhat, r: &r, gain: g, rows: tokens, width: c)
/// RMSNorm.backward(dy, dx: &dx, xhat: xhat, r: r, gain: g, dGain: &dg, rows: tokens, width: c)
/// ```
public enum RMSNorm {
  public static let epsilon = 1e-6

  @inlinable
  public static func forward<T: Scalar>(
    _ x: UnsafePointer<T>, y: UnsafeMutablePointer<T>?, xhat: UnsafeMutablePointer<T>,
    r: UnsafeMutablePointer<T>, gain: UnsafePointer<T>?, rows: Int, width: Int
  ) {
    let eps = T(epsilon)
    Parallel.rows(rows) { range in
      for t in range {
        let xi = x + t * width, xh = xhat + t * width
        let ss = Vector.dot(xi, xi, count: width)
        let rr = 1 / (ss / T(width) + eps).squareRoot()
        r[t] = rr
        for c in 0..<width { xh[c] = xi[c] * rr }
        if let y {
          let yi = y + t * width
          if let gain { for c in 0..<width { yi[c] = gain[c] * xh[c] } } else { for c in 0..<width { yi[c] = xh[c] } }
        }
      }
    }
  }

  /// Writes (`accumulate: false`) or adds (`accumulate: true`) `∂L/∂x`; adds `∂L/∂g` into `dGain`.
  @inlinable
  public static func backward<T: Scalar>(
    _ dy: UnsafePointer<T>, dx: UnsafeMutablePointer<T>, xhat: UnsafePointer<T>, r: UnsafePointer<T>,
    gain: UnsafePointer<T>?, dGain: UnsafeMutablePointer<T>?, rows: Int, width: Int, accumulate: Bool = false
  ) {
    let invW = 1 / T(width)
    Parallel.rows(rows) { range in
      for t in range {
        let d = dy + t * width, xh = xhat + t * width, o = dx + t * width
        let dot = gain.map { Vector.dot($0, d, xh, count: width) } ?? Vector.dot(d, xh, count: width)
        let m = dot * invW, rr = r[t]
        switch (gain, accumulate) {
        case (let g?, true): for c in 0..<width { o[c] += rr * (g[c] * d[c] - xh[c] * m) }
        case (let g?, false): for c in 0..<width { o[c] = rr * (g[c] * d[c] - xh[c] * m) }
        case (nil, true): for c in 0..<width { o[c] += rr * (d[c] - xh[c] * m) }
        case (nil, false): for c in 0..<width { o[c] = rr * (d[c] - xh[c] * m) }
        }
      }
    }
    // ∂L/∂g: each column accumulated in row order, columns split over threads.
    if let dGain {
      Parallel.rows(width) { columns in
        for t in 0..<rows {
          let d = dy + t * width, xh = xhat + t * width
          for c in columns { dGain[c] += d[c] * xh[c] }
        }
      }
    }
  }
}
