/// Elements a connection reads and writes from memory per token and sublayer — the paper's
/// Table 2 for this implementation. The sublayer's own traffic is not counted; a value that
/// one pass re-reads while its 64-token block is still in cache counts once.
///
/// | pass (mHC) | reads | writes |
/// |---|---|---|
/// | forward block: `ρ`, `z = vΦ·ρ`, mappings, `H_res`, `h` | `nC` | `C + 2n + n² + m + r` |
/// | mixing `H_res x + H_post y` | `nC + C + n² + n` | `nC` |
/// | backward mixing | `2nC + C + n² + n` (`∂out`, `x`, `y`) | `nC + C + n² + n` (`∂x`, `∂y`) |
/// | backward block: `∂H_pre`, mappings, `sΦᵀ`, `vᵀs` | `2nC + C` (`x`, `∂x`, `∂h`) | `nC` (`∂x`) |
///
/// (`m = 2n + r` mappings, `r` logits of `H_res`.) In a model, mHC's passes are fused across
/// sublayers (``Transformer/fusion``): the forward block of sublayer `k + 1` runs on each token
/// block of sublayer `k`'s mixing output while it is in cache, and the backward mixing of `k − 1`
/// on each block of `∂x` that the backward block of `k` just finished — `nC` fewer reads forward,
/// `nC` fewer reads and writes backward. HC adds the normalised copy `x̃`, made in
/// passes over all tokens: the forward reads `x` for it, writes it and reads it for `Θx̃` (`+2nC`
/// read, `+nC` written), the backward reads it twice and
/// writes and reads `∂x̃` (`+3nC` read, `+nC` written) before the norm's backward updates `∂x`
/// (`+nC` read, `+nC` written). With recomputation the forward passes run again in the backward.
/// The residual reads `2C` (`x`, `y`) and writes `C` forward, the same backward.
///
/// ```swift
/// let io = ConnectionIO(ConnectionConfig(kind: .mhc, streams: 4, width: 128), fused: false)
/// io.forwardRead   // 2·4·128 + 128 + 20 = 1172
/// io.total         // 5372 (3836 fused)
/// ```
public struct ConnectionIO: Codable, Sendable, Equatable {
  public var forwardRead, forwardWrite, backwardRead, backwardWrite: Int

  public var total: Int { forwardRead + forwardWrite + backwardRead + backwardWrite }

  public init(forwardRead: Int, forwardWrite: Int, backwardRead: Int, backwardWrite: Int) {
    self.forwardRead = forwardRead; self.forwardWrite = forwardWrite
    self.backwardRead = backwardRead; self.backwardWrite = backwardWrite
  }

  /// The traffic of a connection with this configuration (``ConnectionLayout/io(_:recompute:fused:)``
  /// of its kind).
  public init(_ config: ConnectionConfig, recompute: Bool = false, fused: Bool = true) {
    self = config.kind.layout.io(config, recompute: recompute, fused: fused)
  }

  /// The passes HC and mHC share (``MixingConnection``), unfused: the forward block reads the
  /// streams and writes `h` and the mappings; the mixing reads the streams, `y` and the mappings
  /// and writes the new streams; the backward mixing reads `∂out`, `x`, `y` and writes `∂x`, `∂y`,
  /// `∂H`; the backward block reads `x`, `∂x`, `∂h` and writes `∂x`.
  static func mixing(n: Int, width c: Int) -> ConnectionIO {
    let nc = n * c, small = n * n + n
    return ConnectionIO(
      forwardRead: 2 * nc + c + small, forwardWrite: nc + c + 2 * n + n * n,
      backwardRead: (2 * nc + c + small) + (2 * nc + c), backwardWrite: (nc + c + small) + nc)
  }

  /// The paper's Table 2 count for HC without fusion (forward only): reads `(5n+1)C + n² + 2n`,
  /// writes `(3n+1)C + n² + 2n`.
  public static func paperHC(n: Int, width c: Int) -> (read: Int, write: Int) {
    ((5 * n + 1) * c + n * n + 2 * n, (3 * n + 1) * c + n * n + 2 * n)
  }
}
