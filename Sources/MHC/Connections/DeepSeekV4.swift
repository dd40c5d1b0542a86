/// DeepSeek-V4's `H_res`, as in its released inference code (`inference/model.py` and the TileLang
/// `hc_split_sinkhorn` kernel of `deepseek-ai/DeepSeek-V4-Pro`; Hugging Face Transformers'
/// `DeepseekV4HyperConnection` computes the same):
///
///     comb = softmax_rows(ℓ) + ε
///     comb = comb / (column sums + ε)
///     t_max − 1 times:  comb = comb / (row sums + ε);  comb = comb / (column sums + ε)
///
/// with ε = 1e-6, and the residual mixed as `out_k = Σ_j comb[j][k] x_j`, i.e. by `combᵀ`. This
/// toolkit writes `out_i = Σ_j H_res[i][j] x_j`, so `H_res = combᵀ`: in `H_res`'s orientation it
/// is a softmax down each **column**, `+ ε`, a **row** normalisation, then `t_max − 1` rounds of
/// column then row normalisations, every denominator `+ ε`. (The logits are learned, so which
/// index of `Φ` feeds which entry is a relabelling; the bias inits are symmetric.) Beside this,
/// V4 adds ε to `H_pre = σ(s₀ m + b) + ε` and keeps `H_post = 2σ(s₁ m + b)` as mHC does
/// (``ResidualManifold/preEpsilon``).
///
/// The backward runs through the stored iterates: for `Y = X / (s + ε)` normalised along an
/// axis, `∂L/∂X = (∂L/∂Y − Σ_axis ∂L/∂Y ⊙ Y) / (s + ε)`; through the softmax,
/// `∂L/∂ℓ = P ⊙ (∂L/∂P − Σ_axis P ⊙ ∂L/∂P)`.
public enum DeepSeekV4Projection {
  /// V4's `hc_eps`.
  public static let epsilon = 1e-6

  /// Scratch elements for one token: the input of every normalisation, two gradient matrices, sums.
  public static func scratchCount(n: Int, iterations: Int) -> Int { (2 * max(iterations, 1) + 2) * n * n + n }

  /// Normalisations after the softmax: row, then (col, row) × (t − 1); `true` = along rows.
  static func passes(_ iterations: Int) -> [Bool] {
    iterations < 1 ? [] : [true] + Array(repeating: [false, true], count: iterations - 1).flatMap { $0 }
  }

  /// `out = x / (sum along the axis + ε)`; rows when `rows`, else columns.
  @inline(__always)
  static func normalise<T: Scalar>(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, n: Int, rows: Bool,
                                   sums: UnsafeMutablePointer<T>) {
    let eps = T(epsilon)
    for a in 0..<n {
      var s: T = 0
      for b in 0..<n { s += rows ? x[a * n + b] : x[b * n + a] }
      sums[a] = 1 / (s + eps)
    }
    for i in 0..<n { for j in 0..<n { out[i * n + j] = x[i * n + j] * sums[rows ? i : j] } }
  }

  /// Column softmax of one token's logits, `+ ε`.
  @inline(__always)
  static func softmaxColumns<T: Scalar>(_ l: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, n: Int) {
    for j in 0..<n {
      var top = l[j]
      for i in 1..<n where l[i * n + j] > top { top = l[i * n + j] }
      var s: T = 0
      for i in 0..<n { let e = T.exp(l[i * n + j] - top); out[i * n + j] = e; s += e }
      let inv = 1 / s
      for i in 0..<n { out[i * n + j] = out[i * n + j] * inv + T(epsilon) }
    }
  }

  public static func forward<T: Scalar>(logits: UnsafePointer<T>, output: UnsafeMutablePointer<T>, count: Int, n: Int,
                                        iterations: Int, scratch: UnsafeMutablePointer<T>) {
    let nn = n * n, ps = passes(iterations)
    let a = scratch, b = scratch + nn, sums = scratch + (2 * max(iterations, 1) + 2) * nn
    for t in 0..<count {
      let out = output + t * nn
      softmaxColumns(logits + t * nn, ps.isEmpty ? out : a, n: n)
      var (src, dst) = (a, b)
      for (k, rows) in ps.enumerated() {
        let target = k == ps.count - 1 ? out : dst
        normalise(src, target, n: n, rows: rows, sums: sums)
        swap(&src, &dst)
      }
    }
  }

  public static func backward<T: Scalar>(logits: UnsafePointer<T>, dOutput: UnsafePointer<T>,
                                         dLogits: UnsafeMutablePointer<T>, count: Int, n: Int, iterations: Int,
                                         scratch: UnsafeMutablePointer<T>) {
    let nn = n * n, ps = passes(iterations)
    // scratch: X_0 … X_{|ps|} (X_k the input of pass k, X_|ps| the output), then g, h, sums
    let xs = scratch, g = scratch + (ps.count + 1) * nn, h = g + nn
    let sums = scratch + (2 * max(iterations, 1) + 2) * nn
    let eps = T(epsilon)
    for t in 0..<count {
      softmaxColumns(logits + t * nn, xs, n: n)
      for (k, rows) in ps.enumerated() { normalise(xs + k * nn, xs + (k + 1) * nn, n: n, rows: rows, sums: sums) }
      g.update(from: dOutput + t * nn, count: nn)
      for k in stride(from: ps.count - 1, through: 0, by: -1) {
        let x = xs + k * nn, y = xs + (k + 1) * nn, rows = ps[k]
        for a in 0..<n {
          var s: T = 0, dot: T = 0
          for b in 0..<n {
            let idx = rows ? a * n + b : b * n + a
            s += x[idx]; dot += g[idx] * y[idx]
          }
          let inv = 1 / (s + eps)
          for b in 0..<n {
            let idx = rows ? a * n + b : b * n + a
            h[idx] = (g[idx] - dot) * inv
          }
        }
        g.update(from: h, count: nn)
      }
      // through + ε (identity) and the column softmax P = X_0 − ε
      let d = dLogits + t * nn
      for j in 0..<n {
        var dot: T = 0
        for i in 0..<n { dot += (xs[i * n + j] - eps) * g[i * n + j] }
        for i in 0..<n { d[i * n + j] = (xs[i * n + j] - eps) * (g[i * n + j] - dot) }
      }
    }
  }
}
