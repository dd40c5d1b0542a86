// vision — summary.md: the engine's tables (``DesignSummary``) and the test accuracy of its own.

import Foundation
import MHC
import MHCHarness
import Experiments

extension Vision {
  /// Test accuracy per cell and connection, and its gaps paired by seed (percentage points).
  func accuracy(_ results: [CellResult]) -> String {
    var acc = MarkdownTable(["cell", "connection", "test accuracy % (mean ± 95%)", "runs completed"])
    var gaps = MarkdownTable(["cell", "comparison"] + PairedComparison.tableHeader.dropLast() + ["seeds for ±1 point"])
    for r in results {
      for kind in [ConnectionKind.residual, .hc, .mhc] {
        let runs = r.runs(kind), done = runs.filter { $0.summary.status == .completed }
        let a = SeedInterval(done.compactMap { $0.summary.finalEvalAccuracy.map { 100 * $0 } })
        acc.add([r.cell.label, kind.rawValue, a.text(2), "\(done.count) of \(runs.count)"])
      }
      for (name, v, b) in [
        ("mHC − residual", ConnectionKind.mhc, ConnectionKind.residual), ("HC − residual", .hc, .residual),
        ("mHC − HC", .mhc, .hc),
      ] {
        gaps.add([r.cell.label, name] + r.gap(v, b, accuracy: true).tableCells(effect: 1))
      }
    }
    return acc.text + "\nGaps in percentage points (higher is better), paired by seed; a run's own standard error is "
      + "about √(a(1−a)/10 000) ≈ 0.3 points.\n\n" + gaps.text
  }
}
