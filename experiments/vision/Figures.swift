// vision — the figures: accuracy and loss over training, loss and accuracy gaps with intervals,
// composite gains, and H_res heat maps.

import Experiments
import Foundation
import MHC
import MHCHarness

extension Vision {
  /// Validation loss and accuracy over training in the reference cell: mean over seeds per connection.
  func trainingFigure(_ page: Page, _ ref: VisionDesign.Cell) -> GnuplotFigure {
    let base = design.idBase, seeds = Set(page.runs(ref).map(\.config.seed)).count
    return Chart.figure(
      "vision-training",
      title: "Fashion-MNIST ViT, \(ref.label), batch \(base.batch): the first \(base.evalBatches * base.batch) "
        + "validation images over training, mean over \(seeds) seeds",
      panels: [
        Panel(
          title: "validation loss", xlabel: "step", ylabel: "cross-entropy (nats/image)",
          series: page.meanCurves(ref) { $0.valLoss }),
        Panel(
          title: "validation accuracy", xlabel: "step", ylabel: "top-1 accuracy (%)",
          series: page.meanCurves(ref) { $0.valLoss == nil ? nil : $0.valAccuracy.map { 100 * $0 } },
          extra: ["set key bottom right"]),
      ], columns: 2, width: 1300, height: 520)
  }

  /// Test loss and accuracy gaps per cell, paired by seed, with 95% intervals.
  func gapFigures(_ page: Page) -> [GnuplotFigure] {
    let width = max(1100, 210 * page.trainedCells.count)  // room for each cell's label
    // against the residual: the variant's colour; mHC − HC: purple
    let color = { (v: ConnectionKind, b: ConnectionKind) in b == .hc ? "#9467bd" : PlotStyle.color(for: v.rawValue) }
    return [
      page.gapBars(
        "vision-loss-gap", title: "ViT test loss gap (paired by seed): mean and 95% interval", xlabel: "cell",
        ylabel: "loss gap (nats/image)", label: \.label, color: color, width: width, height: 560),
      page.gapBars(
        "vision-accuracy-gap", title: "ViT test accuracy gap (paired by seed): mean and 95% interval", xlabel: "cell",
        ylabel: "accuracy gap (percentage points)", label: \.label, color: color,
        value: { page.gap($0, $1, vs: $2, value: Self.accuracy, lowerIsBetter: false) }, width: width, height: 560),
    ]
  }

  /// Composite and single-sublayer backward gains per sublayer (last evaluation), HC and mHC, per cell (seed 0).
  func gainFigure(_ page: Page) -> GnuplotFigure {
    let panels = page.trainedCells.map { c -> Panel in
      let shown = [ConnectionKind.hc, .mhc].compactMap { page.shown(c, $0) }
      let series = shown.flatMap { r in
        [("composite", 1, \GainRow.gains.composite.backward), ("single", 2, \GainRow.gains.single.backward)].map {
          name, dash, pick in
          Series(
            "\(r.kindName) \(name)", color: PlotStyle.color(for: r.kindName), points: r.profile { $0[keyPath: pick] },
            style: "linespoints", dash: dash)
        }
      }
      return Panel(
        title: "\(c.label) (seed \(Set(shown.map(\.config.seed)).sorted().map(String.init).joined(separator: "/")))",
        xlabel: "sublayer", ylabel: "backward Amax gain", logy: true,
        series: series, extra: [Gnuplot.horizontalLine(at: "1"), "set key top left font ',9'"])
    }
    return Chart.figure(
      "vision-gains", title: "ViT: Amax gain of H_res per sublayer and of the composite up to it, end of training",
      panels: panels, columns: min(panels.count, 2), width: 1300, height: 480 * ((panels.count + 1) / 2))
  }

  /// Token-averaged H_res of some sublayers and of the composite, HC and mHC, reference cell, seed 0.
  func heatmapFigure(_ page: Page, _ ref: VisionDesign.Cell) -> GnuplotFigure? {
    let rows: [[HeatMap]] = [ConnectionKind.hc, .mhc].compactMap { kind in
      page.shown(ref, kind).flatMap { run in
        run.heatMaps(
          label: "\(kind.rawValue) s\(run.config.seed) ·",
          picks: { Array(Set([0, $0 / 3, 2 * $0 / 3, $0 - 1])).sorted() },
          composite: "composite of all \(run.mappings?.sublayers.count ?? 0)")
      }
    }
    return rows.isEmpty
      ? nil
      : Chart.heatmaps(
        "vision-hres",
        title: "ViT \(ref.label): token-averaged H_res after training (row i: output stream, column j: input)",
        rows: rows, cellWidth: 300, cellHeight: 260)
  }
}
