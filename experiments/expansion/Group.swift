// expansion — the runs of one connection at one rate, and their gap to the residual.

import Foundation
import MHC
import MHCHarness

/// The runs of one variant at one expansion rate, over seeds.
struct Group {
  let kind: ConnectionKind, n: Int, runs: [LoadedRun]

  /// Final evaluation loss of the runs that completed (a diverged run has none), in seed order.
  var losses: SeedInterval {
    SeedInterval(
      runs.filter { $0.summary.status == .completed }.sorted { $0.config.seed < $1.config.seed }
        .compactMap(\.summary.finalEvalLoss))
  }
  /// Final loss minus `baseline`'s, paired by seed.
  func gap(to baseline: Group) -> PairedComparison { .finalLoss(runs, baseline: baseline.runs) }
  var stepSeconds: SeedInterval { SeedInterval(runs.map(\.medianStepSeconds).filter(\.isFinite)) }
  var mebibytes: SeedInterval {
    SeedInterval(runs.compactMap { $0.summary.trainingBytes.map { Double($0) / 1_048_576 } })
  }
  /// The residual connection is the identity: gain 1.
  var compositeForward: SeedInterval {
    SeedInterval(kind == .residual ? [1] : runs.compactMap(\.summary.maxCompositeForwardGain))
  }
  var compositeBackward: SeedInterval {
    SeedInterval(kind == .residual ? [1] : runs.compactMap(\.summary.maxCompositeBackwardGain))
  }
}

/// 1.234 → "123%".
func percent(_ x: Double) -> String { x.isFinite ? String(format: "%.0f%%", 100 * x) : "–" }
