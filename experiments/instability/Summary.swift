// instability — summary.md: the engine's tables (``DesignSummary``) and the two of its own: spike
// rates per connection, and the runs of the cell where HC fails most clearly.

import Foundation
import MHC
import MHCHarness

extension InstabilityExperiment {
  /// Per connection over every run of the grid: runs with loss spikes, gradient spikes, divergence,
  /// and the largest excess, gradient ratio and composite gain.
  func rates(_ g: Grid) -> String {
    var t = MarkdownTable([
      "connection", "runs", "with loss spikes", "with gradient spikes", "diverged", "largest loss excess",
      "largest gradient ratio", "largest composite gain",
    ])
    for kind in [ConnectionKind.residual, .hc, .mhc] {
      let rs = g.all.filter { $0.config.model.connection.kind == kind }, rep = rs.compactMap(\.summary.instability)
      func frac(_ n: Int) -> String { "\(n)/\(rs.count)" }
      t.add([
        kind.rawValue, "\(rs.count)", frac(rep.filter { $0.lossSpikes > 0 }.count),
        frac(rep.filter { $0.gradSpikes > 0 }.count),
        frac(rs.filter { $0.summary.instability?.divergedStep != nil || $0.summary.status == .diverged }.count),
        cell(rep.compactMap(\.maxLossExcess).max(), 3), cell(rep.compactMap(\.maxGradRatio).max(), 3),
        kind == .residual ? "1" : cell(rs.compactMap(\.summary.maxCompositeBackwardGain).max(), 3),
      ])
    }
    let c = g.all.first?.summary.instability?.criteria ?? SpikeCriteria()
    return t.text + "\nAfter warmup: a loss spike is a training loss more than \(cell(c.lossExcess, 2)) nats/byte "
      + "above the "
      + "median of the previous \(c.window) steps, a gradient spike a pre-clip norm more than \(cell(c.gradRatio, 2))× "
      + "that median (`summary.json` → `instability`).\n"
  }

  /// The residual, HC and mHC runs of the seed and cell where HC fails most clearly.
  func worstCell(_ t: Trio) -> String {
    var rows = MarkdownTable([
      "run", "final loss", "loss spikes", "first at", "largest excess (step)", "largest gradient ratio (step)",
      "diverged", "composite gain at the end",
    ])
    for r in [t.hc, t.mhc, t.residual] {
      let i = r.summary.instability
      rows.add([
        r.id, cell(r.summary.finalEvalLoss, 4), "\(i?.lossSpikes ?? 0)", i?.firstLossSpikeStep.map(String.init) ?? "–",
        "\(cell(i?.maxLossExcess, 3)) (\(i?.maxLossExcessStep.map(String.init) ?? "–"))",
        "\(cell(i?.maxGradRatio, 3)) (\(i?.maxGradRatioStep.map(String.init) ?? "–"))",
        i?.divergedStep.map { "\(i?.divergence ?? "") at \($0)" } ?? "–",
        r.config.model.connection.kind == .residual ? "1" : cell(r.summary.maxCompositeBackwardGain, 3),
      ])
    }
    return "\(t.label): the HC run that diverged first, else had the most loss spikes, else the largest excess "
      + "(`plots/instability-fig2.png`, `plots/instability-gain.png`).\n\n" + rows.text
  }
}
