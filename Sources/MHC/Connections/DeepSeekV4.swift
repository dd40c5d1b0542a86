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
///
/// Like ``SinkhornKnopp`` it works on blocks of ``SinkhornKnopp/block`` tokens stored
/// entry-major (`[n²][block]`), so every sum and scaling is a loop over 8 tokens per SIMD
/// vector; the arithmetic of each token is the same sequence of operations as the scalar
/// formula above (sums from the first index up, `x · (1/(s + ε))`).
public enum DeepSeekV4Projection: ManifoldProjection {
  public static let name = "deepseek-v4"
  public static let help = "DeepSeek-V4's σ+ε / ε-normalised variant"
  public static let published = "DeepSeek-V4 production code: n = 4, t_max = 20, ε = 1e-6 (no ablation published)"
  /// V4's `hc_eps`.
  public static let epsilon = 1e-6
  /// V4 adds ε to `H_pre = σ(·)`.
  public static var preEpsilon: Double { epsilon }

  /// Scratch elements for one block of ``SinkhornKnopp/block`` tokens: the input of every
  /// normalisation and the output (`2·max(t, 1)` iterates), and the gradient.
  public static func scratchCount(n: Int, iterations: Int) -> Int {
    (2 * max(iterations, 1) + 1) * n * n * SinkhornKnopp.block
  }

  /// Normalisations after the softmax: row, then (col, row) × (t − 1); `true` = along rows.
  static func passes(_ iterations: Int) -> [Bool] {
    iterations < 1 ? [] : [true] + Array(repeating: [false, true], count: iterations - 1).flatMap { $0 }
  }

  /// Gathers `bs` tokens' logits entry-major into `x` and makes each column's softmax `+ ε`.
  /// Unused lanes hold `1/n + ε` (harmless, never read back).
  @inline(__always)
  static func softmaxColumns<T: Scalar>(_ l: UnsafePointer<T>, _ x: UnsafeMutablePointer<T>, bs: Int, n: Int) {
    let nn = n * n, B = SinkhornKnopp.block
    x.update(repeating: 0, count: nn * B)
    for b in 0..<bs {
      let lb = l + b * nn
      for j in 0..<n {
        var top = lb[j]
        for i in 1..<n where lb[i * n + j] > top { top = lb[i * n + j] }
        for i in 0..<n { x[(i * n + j) * B + b] = lb[i * n + j] - top }
      }
    }
    T.expInPlace(x, count: nn * B)
    let eps = SIMD8<T>(repeating: T(epsilon))
    for q in stride(from: 0, to: B, by: 8) {
      for j in 0..<n {
        var s = SIMD8<T>()
        for i in 0..<n { s += Vector.load8(x, (i * n + j) * B + q) }
        let inv = 1 / s
        for i in 0..<n { let e = (i * n + j) * B + q; Vector.store8(x, e, Vector.load8(x, e) * inv + eps) }
      }
    }
  }

  /// `y = x / (sum along the axis + ε)` for a whole block (`y` may be `x`); rows when `rows`.
  @inline(__always)
  static func normalise<T: Scalar>(_ x: UnsafeMutablePointer<T>, _ y: UnsafeMutablePointer<T>, n: Int, rows: Bool) {
    let B = SinkhornKnopp.block, eps = SIMD8<T>(repeating: T(epsilon))
    for q in stride(from: 0, to: B, by: 8) {
      for a in 0..<n {
        var s = SIMD8<T>()
        for b in 0..<n { s += Vector.load8(x, (rows ? a * n + b : b * n + a) * B + q) }
        let inv = 1 / (s + eps)
        for b in 0..<n {
          let e = (rows ? a * n + b : b * n + a) * B + q
          Vector.store8(y, e, Vector.load8(x, e) * inv)
        }
      }
    }
  }

  public static func forward<T: Scalar>(
    logits: UnsafePointer<T>, output: UnsafeMutablePointer<T>, count: Int, n: Int,
    iterations: Int, scratch x: UnsafeMutablePointer<T>
  ) {
    let nn = n * n, B = SinkhornKnopp.block, ps = passes(iterations)
    for start in stride(from: 0, to: count, by: B) {
      let bs = min(B, count - start)
      softmaxColumns(logits + start * nn, x, bs: bs, n: n)
      for rows in ps { normalise(x, x, n: n, rows: rows) }
      for b in 0..<bs {
        let o = output + (start + b) * nn
        for k in 0..<nn { o[k] = x[k * B + b] }
      }
    }
  }

  public static func backward<T: Scalar>(
    logits: UnsafePointer<T>, dOutput: UnsafePointer<T>,
    dLogits: UnsafeMutablePointer<T>, count: Int, n: Int, iterations: Int,
    scratch: UnsafeMutablePointer<T>
  ) {
    let nn = n * n, B = SinkhornKnopp.block, stride = nn * B, ps = passes(iterations)
    // scratch: X_0 … X_|ps| (X_k the input of pass k, X_|ps| the output), then g; each [n²][B]
    let xs = scratch, g = scratch + (ps.count + 1) * stride
    let eps = SIMD8<T>(repeating: T(epsilon))
    for start in Swift.stride(from: 0, to: count, by: B) {
      let bs = min(B, count - start)
      softmaxColumns(logits + start * nn, xs, bs: bs, n: n)
      for (k, rows) in ps.enumerated() { normalise(xs + k * stride, xs + (k + 1) * stride, n: n, rows: rows) }
      g.update(repeating: 0, count: stride)
      for b in 0..<bs { let d = dOutput + (start + b) * nn; for k in 0..<nn { g[k * B + b] = d[k] } }
      for q in Swift.stride(from: 0, to: B, by: 8) {
        for k in Swift.stride(from: ps.count - 1, through: 0, by: -1) {
          let x = xs + k * stride, y = xs + (k + 1) * stride, rows = ps[k]
          for a in 0..<n {
            var s = SIMD8<T>(), dot = SIMD8<T>()
            for b in 0..<n {
              let e = (rows ? a * n + b : b * n + a) * B + q
              s += Vector.load8(x, e); dot += Vector.load8(g, e) * Vector.load8(y, e)
            }
            let inv = 1 / (s + eps)
            for b in 0..<n {
              let e = (rows ? a * n + b : b * n + a) * B + q
              Vector.store8(g, e, (Vector.load8(g, e) - dot) * inv)
            }
          }
        }
        // through + ε (identity) and the column softmax P = X_0 − ε
        for j in 0..<n {
          var dot = SIMD8<T>()
          for i in 0..<n { let e = (i * n + j) * B + q; dot += (Vector.load8(xs, e) - eps) * Vector.load8(g, e) }
          for i in 0..<n {
            let e = (i * n + j) * B + q
            Vector.store8(g, e, (Vector.load8(xs, e) - eps) * (Vector.load8(g, e) - dot))
          }
        }
      }
      for b in 0..<bs { let d = dLogits + (start + b) * nn; for k in 0..<nn { d[k] = g[k * B + b] } }
    }
  }
}

extension ResidualManifold {
  /// DeepSeek-V4's production variant: a softmax, then `t_max` alternating normalisations with
  /// ε in every denominator, and `H_pre = σ(·) + ε` (``DeepSeekV4Projection``).
  public static let deepseekV4 = ResidualManifold(DeepSeekV4Projection.self)
}
