/// What one connection's forward keeps for its backward: the sublayer input and the mappings.
///
/// A model normally gives every connection its own; with recomputation (``Transformer``,
/// `recompute = K`) the connections `k`, `k + K`, `k + 2K`, … share one, and the backward
/// refills it from the stored streams before use.
///
/// | buffer | HC | mHC | residual |
/// |---|---|---|---|
/// | `h` (sublayer input) | `[T][C]` | `[T][C]` | — (the stream itself) |
/// | `hpre`, `hpost`, `hres` | `[T][n]`, `[T][n]`, `[T][n²]` | same | — |
/// | `normed` (`x̃`) | `[T·n][C]` | — | — |
/// | `invRMS` | `[T·n]` | `[T]` (ρ) | — |
/// | `z` | `[T·n][n+2]` (tanh) | `[T][2n+r]` | — |
/// | `logits` | — | `[T][r]` | — |
public final class ConnectionCache<T: Scalar> {
  let h, hpre, hpost, hres, normed, invRMS, z, logits: UnsafeMutablePointer<T>
  public let pool: BufferPool<T>

  /// Element counts of the buffers above, in that order (0: not used by this kind).
  public static func counts(_ config: ConnectionConfig, capacity cap: Int) -> [Int] {
    let n = config.streams, c = config.width, kind = config.kind
    guard kind != .residual else { return [Int](repeating: 0, count: 8) }
    let hc = kind == .hc
    return [cap * c, cap * n, cap * n, cap * n * n, hc ? cap * n * c : 0, cap * (hc ? n : 1),
            hc ? cap * n * (n + 2) : cap * config.mappingCount, hc ? 0 : cap * config.resLogitCount]
  }

  public init(_ config: ConnectionConfig, capacity: Int) {
    let pool = BufferPool<T>()
    let b = Self.counts(config, capacity: capacity).map { pool.buffer($0) }
    self.pool = pool
    (h, hpre, hpost, hres, normed, invRMS, z, logits) = (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7])
  }
}

/// The scratch of a connection's backward pass. Connections run their backward one at a
/// time, so a model builds one workspace and all its connections share it.
///
/// Per-token gradients (`dh`, `dy`, `∂H_pre`, `∂H_post`, `∂H_res`, `dz`, `g`, `∂logits`) span
/// the batch; the mHC-only ones that only live inside a token block (`u = s Φᵀ`) are per
/// thread and block; ``phiPartials`` holds one `∂L/∂Φ` per block, summed in block order.
public final class ConnectionWorkspace<T: Scalar> {
  /// The residual's sublayer output (not needed after the forward); HC/mHC keep their own.
  let y: UnsafeMutablePointer<T>
  let dh, dy, dhpre, dhpost, dhres, dz, g, dnormed, dlogits, phiPartials, manifoldScratch: UnsafeMutablePointer<T>
  public let pool: BufferPool<T>

  /// Element counts of the buffers, in declaration order (0: not used by this kind).
  public static func counts(_ config: ConnectionConfig, capacity cap: Int, threads: Int) -> [Int] {
    let n = config.streams, c = config.width, kind = config.kind, m = config.mappingCount
    let block = SinkhornKnopp.block
    switch kind {
    case .residual:
      return [cap * c, cap * c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    case .hc:
      let zs = cap * n * (n + 2)
      return [0, cap * c, cap * c, cap * n, cap * n, cap * n * n, zs, zs, cap * n * c, 0, 0, 0]
    case .mhc:
      let zs = cap * m
      return [0, cap * c, cap * c, cap * n, cap * n, cap * n * n, zs, zs, threads * block * n * c,
              cap * config.resLogitCount, (cap + block - 1) / block * m * n * c,
              threads * config.manifold.scratchCount(n: n, iterations: config.iterations)]
    }
  }

  public init(_ config: ConnectionConfig, capacity: Int) {
    let pool = BufferPool<T>()
    let b = Self.counts(config, capacity: capacity, threads: Parallel.threads).map { pool.buffer($0) }
    self.pool = pool
    (y, dh, dy, dhpre, dhpost, dhres, dz, g) = (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7])
    (dnormed, dlogits, phiPartials, manifoldScratch) = (b[8], b[9], b[10], b[11])
  }
}
