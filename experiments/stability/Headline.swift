// stability — the three headline lines the main command ends with.

import Foundation
import MHC
import MHCHarness

extension Stability {
  /// The three lines the main command ends with: HC's and mHC's peak composite gain (geometric
  /// mean over the seeds, 95% interval over log10 of the per-run peaks) and mHC − residual.
  func headline(main: [LoadedRun]) -> [String] {
    func peaks(_ k: ConnectionKind) -> [Double] {
      main.filter { $0.config.model.connection.kind == k && $0.summary.status == .completed }
        .compactMap(\.summary.maxCompositeBackwardGain).filter { $0 > 0 && $0.isFinite }
    }
    func gain(_ k: ConnectionKind, paper: String) -> String {
      let p = peaks(k), logs = SeedInterval(p.map { log10($0) })
      guard p.count >= 2 else { return "\(p.count) seed: no interval" }
      func g(_ x: Double) -> String { cell(pow(10, x), 3) }
      return "\(g(logs.mean)) [\(g(logs.lower)), \(g(logs.upper))] over \(p.count) seeds (paper, 27B: \(paper))"
    }
    let runs = { (k: ConnectionKind) in
      main.filter { $0.config.model.connection.kind == k }.sorted { $0.config.seed < $1.config.seed }
    }
    let gap = PairedComparison.finalLoss(runs(.mhc), baseline: runs(.residual))
    return [
      "HC's peak composite gain:   \(gain(.hc, paper: "≈ 3000"))",
      "mHC's peak composite gain:  \(gain(.mhc, paper: "≈ 1.6"))",
      "mHC − residual final loss:  \(gap.text) (paper, 27B: −0.021)",
    ]
  }
}
