// vision — summary.md: accuracy and loss per cell and connection, the paired gaps and the verdicts.

import ArgumentParser
import Foundation
import MHC
import MHCHarness
import Experiments

extension Vision {
  func summary(_ results: [CellResult], all: [LoadedRun]) -> String {
    var acc = MarkdownTable([
      "cell", "connection", "test accuracy % (mean ± 95%)", "test loss (mean ± 95%)", "runs completed",
      "composite gain bwd (max, mean over seeds)",
    ])
    var gaps = MarkdownTable(["cell", "comparison"] + PairedComparison.tableHeader)
    var accuracyGaps = MarkdownTable(
      ["cell", "comparison"] + PairedComparison.tableHeader.dropLast() + ["seeds for ±1 point"])
    var lines: [String] = []
    for r in results {
      for kind in [ConnectionKind.residual, .hc, .mhc] {
        let runs = r.runs(kind), done = runs.filter { $0.summary.status == .completed }
        let a = SeedInterval(done.compactMap { $0.summary.finalEvalAccuracy.map { 100 * $0 } })
        let l = SeedInterval(done.compactMap(\.summary.finalEvalLoss))
        let g = SeedInterval(kind == .residual ? [] : done.compactMap(\.summary.maxCompositeBackwardGain))
        acc.add([
          r.cell.label, kind.rawValue, a.text(2), l.text(4), "\(done.count) of \(runs.count)",
          kind == .residual ? "1" : g.text(3),
        ])
      }
      for (name, v, b) in [
        ("mHC − residual", ConnectionKind.mhc, ConnectionKind.residual), ("HC − residual", .hc, .residual),
        ("mHC − HC", .mhc, .hc),
      ] {
        gaps.add([r.cell.label, name] + r.gap(v, b, accuracy: false).tableCells)
        accuracyGaps.add([r.cell.label, name] + r.gap(v, b, accuracy: true).tableCells(effect: 1))
      }
      lines.append(
        "- \(r.cell.label): " + reading(r.gap(.mhc, .residual, accuracy: false), "mHC", "the residual") + " (loss); "
          + "accuracy " + r.gap(.mhc, .residual, accuracy: true).text + " points. "
          + reading(r.gap(.hc, .residual, accuracy: false), "HC", "the residual") + " (loss). "
          + reading(r.gap(.mhc, .hc, accuracy: false), "mHC", "HC") + " (loss).")
    }
    let c = results[0].runs(.residual).first?.config ?? design.idBase
    let shown = results.flatMap { r in [ConnectionKind.residual, .hc, .mhc].flatMap { r.runs($0) } }
    let status = ExperimentSummary.status(shown.isEmpty ? all : shown)  // every run the tables show
    let windows = Set(all.compactMap(\.summary.finalEvalWindows)).sorted().map(String.init).joined(separator: " / ")
    return """
      # vision — \(sweep.preset.rawValue) preset

      Task: Fashion-MNIST (Zalando; Debian's `dataset-fashion-mnist`), 28×28 grey images in 10 classes. Training draws \
      images uniformly with replacement from the first 55 000 training images; evaluations during training use the \
      first \(design.idBase.evalBatches * design.idBase.batch) of the last 5 000 (the validation split); the final numbers are on the \
      \(windows) test images, the same for every run.

      Model: 49 patches of 4×4 pixels, standardised with the training set's mean 0.2860 and standard deviation 0.3530; \
      a linear patch embedding 16 → C (no bias) plus a learned position embedding; the language model's pre-norm blocks \
      (RMSNorm, multi-head attention — bidirectional, no rotary — and SwiGLU) with residual / HC / mHC connections \
      (n = 4, streams formed as for the language model, summed before the final RMSNorm); mean pooling over the 49 \
      tokens; a linear head C → 10 (no bias); cross-entropy. AdamW (weight decay 0.1), warmup 5% then cosine, \
      clip 1, batch \(c.batch) images (\(Self.epoch) steps are one epoch). Heads: 4 at C = 64, 2 at C = 32.

      Cells: \(results.map { "\($0.cell.label) (\($0.runs(.residual).count) seeds\($0.cell.isReference ? ", reference" : ", stress"))" }.joined(separator: "; ")). \
      \(results.count > 2 && sweep.preset == .quick ? "The second cell is the paper preset's reference, found in the results folder." : "")

      Gaps are paired by seed (variant − baseline of the same seed: same shared initial tensors, the same training \
      images in the same order, the same test images), with a 95% Student-t interval over the paired seeds; a \
      verdict only when the interval excludes 0. Accuracy gaps are in percentage points (higher is better); the test \
      accuracy's own standard error per run is about √(a(1−a)/10 000) ≈ 0.3 points.

      \(status)

      ## Test accuracy, loss and gain

      \(acc.text)
      ## Test loss gaps (nats/image, paired by seed)

      \(gaps.text)
      ## Test accuracy gaps (percentage points, paired by seed; higher is better)

      \(accuracyGaps.text)
      ## Reading

      \(lines.joined(separator: "\n"))

      Figures: `plots/vision-training.png` (validation loss and accuracy over training, reference cell), \
      `plots/vision-loss-gap.png` and `plots/vision-accuracy-gap.png` (test gaps with intervals per cell), `plots/vision-gains.png` \
      (per-sublayer and composite Amax gains), `plots/vision-hres.png` (H_res heat maps).

      """
  }
}
