// vision — the runs of one cell.

import Foundation
import MHC
import MHCHarness
import Experiments

/// The runs of one cell by connection, and their paired gaps.
struct CellResult {
  let cell: VisionDesign.Cell
  let design: VisionDesign
  let index: RunIndex

  var seeds: Int { design.seeds(cell) }
  func runs(_ kind: ConnectionKind) -> [LoadedRun] { design.loaded(cell, kind, in: index) }

  /// The run a per-run figure shows: the lowest seed that completed (seed 0 unless it diverged).
  func shown(_ kind: ConnectionKind) -> LoadedRun? { runs(kind).first { $0.summary.status == .completed } }

  /// Test loss (lower is better) or accuracy in points (higher is better) of `variant` − `baseline`, paired by seed.
  func gap(_ variant: ConnectionKind, _ baseline: ConnectionKind, accuracy: Bool) -> PairedComparison {
    accuracy
      ? .paired(
        runs(variant), baseline: runs(baseline), value: { $0.summary.finalEvalAccuracy.map { 100 * $0 } },
        lowerIsBetter: false)
      : .finalLoss(runs(variant), baseline: runs(baseline))
  }
}
