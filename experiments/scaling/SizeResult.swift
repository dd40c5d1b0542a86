// scaling — model sizes, the runs of one size, and the power law fitted across sizes.

import Experiments
import Foundation
import MHC
import MHCHarness

/// The compute-scaling runs of one model size.
struct SizeResult {
  let size: ModelSize
  let runs: [LoadedRun]

  func runs(_ kind: ConnectionKind) -> [LoadedRun] { runs.filter { $0.config.model.connection.kind == kind } }
  var steps: Int { runs.first?.config.steps ?? 0 }
  var tokens: Int { runs.first.map { $0.config.steps * $0.config.batch * $0.config.model.seq } ?? 0 }
  var seeds: Int { Set(runs.map(\.config.seed)).count }
  /// Training FLOPs of the budget: the transformer's matmuls, the same for every variant.
  var compute: Double { runs.map { Double($0.config.steps) * $0.summary.flopsPerStep }.max() ?? .nan }
  func parameters(_ kind: ConnectionKind) -> Int { runs(kind).first?.config.model.nonEmbeddingParameters ?? 0 }

  /// Final validation loss by seed, of the runs that completed (a diverged run has none).
  func losses(_ kind: ConnectionKind) -> [UInt64: Double] {
    Dictionary(
      runs(kind).compactMap { r in
        r.summary.status == .completed ? r.summary.finalEvalLoss.map { (r.config.seed, $0) } : nil
      }, uniquingKeysWith: { a, _ in a })
  }
  /// Final validation loss over the completed seeds.
  func loss(_ kind: ConnectionKind) -> SeedInterval {
    SeedInterval(losses(kind).sorted { $0.key < $1.key }.map(\.value))
  }
  /// `compare(variant, residual)` for every seed where both completed, in seed order.
  func paired(_ kind: ConnectionKind, _ compare: (Double, Double) -> Double) -> [Double] {
    let base = losses(.residual)
    return losses(kind).sorted { $0.key < $1.key }.compactMap { s, l in base[s].map { compare(l, $0) } }
  }
  /// Final loss of `kind` minus the residual's, paired by seed.
  func gap(_ kind: ConnectionKind) -> PairedComparison { .finalLoss(runs(kind), baseline: runs(.residual)) }
  /// Final loss of `kind` over the residual's, per paired seed.
  func ratio(_ kind: ConnectionKind) -> SeedInterval { SeedInterval(paired(kind, /)) }
}

/// The share of mHC's Φ projection (2·nC·(n²+2n) FLOPs per token and sublayer, ×3 for training)
/// in the counted training FLOPs of a size.
func phiShare(_ r: SizeResult?) -> Double? {
  guard let run = r?.runs(.mhc).first else { return nil }
  let c = run.config, n = Double(c.model.connection.streams), tokens = Double(c.batch * c.model.seq)
  let phi = 3 * Double(2 * c.model.layers) * 2 * n * Double(c.model.width) * (n * n + 2 * n) * tokens
  return phi / run.summary.flopsPerStep
}
