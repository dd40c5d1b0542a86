// scaling — the runs of one model size, read through the declaration, and the FLOP share of mHC's Φ.

import Experiments
import Foundation
import MHC
import MHCHarness

/// The compute-scaling runs of one model size, read through the declaration.
struct SizeResult {
  let size: ModelSize
  let page: DesignSummary<ScalingDesign>

  var runs: [LoadedRun] { page.runs(size) }
  func runs(_ kind: ConnectionKind) -> [LoadedRun] { page.runs(size, kind) }
  var steps: Int { runs.first?.config.steps ?? 0 }
  var tokens: Int { runs.first.map { $0.config.steps * $0.config.batch * $0.config.model.seq } ?? 0 }
  var seeds: Int { Set(runs.map(\.config.seed)).count }
  /// Training FLOPs of the budget: the transformer's matmuls, the same for every variant.
  var compute: Double { runs.map { Double($0.config.steps) * $0.summary.flopsPerStep }.max() ?? .nan }
  func parameters(_ kind: ConnectionKind) -> Int { runs(kind).first?.config.model.nonEmbeddingParameters ?? 0 }

  /// Final validation loss over the completed seeds.
  func loss(_ kind: ConnectionKind) -> SeedInterval { page.over(size, kind) { $0.summary.finalEvalLoss } }
  /// Final loss of `kind` minus the residual's, paired by seed.
  func gap(_ kind: ConnectionKind) -> PairedComparison { page.gap(size, kind, vs: .residual) }
  /// Final loss of `kind` over the residual's, per paired seed.
  func ratio(_ kind: ConnectionKind) -> SeedInterval { page.ratio(size, kind, vs: .residual) }
}

/// The share of mHC's Φ projection (2·nC·(n²+2n) FLOPs per token and sublayer, ×3 for training)
/// in the counted training FLOPs of a size.
func phiShare(_ r: SizeResult?) -> Double? {
  guard let run = r?.runs(.mhc).first else { return nil }
  let c = run.config, n = Double(c.model.connection.streams), tokens = Double(c.batch * c.model.seq)
  let phi = 3 * Double(2 * c.model.layers) * 2 * n * Double(c.model.width) * (n * n + 2 * n) * tokens
  return phi / run.summary.flopsPerStep
}
