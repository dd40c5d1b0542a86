// expansion — summary.md: the engine's tables (``DesignSummary``) and the costs of each rate.

import Foundation
import MHC
import MHCHarness

extension Expansion {
  /// Step time, training memory and composite gain of every variant, beside the residual's.
  func costs(residual: Group, variants: [[Group]]) -> String {
    var costs = MarkdownTable([
      "variant", "n", "s/step (mean ± 95%)", "vs residual", "memory (MiB)", "vs residual",
      "composite gain fwd (mean ± 95%)", "composite gain bwd (mean ± 95%)",
    ])
    for g in [residual] + variants.flatMap({ $0 }) {
      let identity = g.kind == .residual
      costs.add([
        g.kind.rawValue, "\(g.n)", g.stepSeconds.text(3), percent(g.stepSeconds.mean / residual.stepSeconds.mean),
        cell(g.mebibytes.mean, 4), percent(g.mebibytes.mean / residual.mebibytes.mean),
        identity ? "1" : g.compositeForward.text(2), identity ? "1" : g.compositeBackward.text(2),
      ])
    }
    return costs.text + "\nStep time: each run's median training step (evaluation excluded). Memory: the bytes the "
      + "model holds for training (parameters, gradients, AdamW moments, activations; counted, not sampled).\n"
  }
}
