// vision — the runs of one cell, and how a learning rate is written in run ids and labels.

import ArgumentParser
import Foundation
import MHC
import MHCHarness

/// The runs of one cell by connection, and their paired gaps.
struct CellResult {
  let cell: Vision.Cell
  let grid: SeedGrid<Vision.Variant>
  let index: RunIndex

  var seeds: Int { grid.seeds }
  func runs(_ kind: ConnectionKind) -> [LoadedRun] { grid.loaded(Vision.Variant(kind: kind, cell: cell), in: index) }

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

enum RunIDText {
  /// 0.003 → "3e-3".
  static func short(_ x: Double) -> String {
    let e = Int((log10(x)).rounded(.down)), m = x / pow(10, Double(e))
    return abs(m - m.rounded()) < 1e-9 ? "\(Int(m.rounded()))e\(e)" : String(format: "%g", x)
  }
}
