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
  public static func counts(_ config: ConnectionConfig, capacity: Int) -> [Int] {
    config.kind.layout.cacheCounts(config, capacity: capacity)
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
  public static func counts(_ config: ConnectionConfig, capacity: Int, threads: Int) -> [Int] {
    config.kind.layout.workspaceCounts(config, capacity: capacity, threads: threads)
  }

  public init(_ config: ConnectionConfig, capacity: Int) {
    let pool = BufferPool<T>()
    let b = Self.counts(config, capacity: capacity, threads: Parallel.threads).map { pool.buffer($0) }
    self.pool = pool
    (y, dh, dy, dhpre, dhpost, dhres, dz, g) = (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7])
    (dnormed, dlogits, phiPartials, manifoldScratch) = (b[8], b[9], b[10], b[11])
  }
}
