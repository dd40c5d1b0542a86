// vision — the figures: accuracy and loss over training, loss and accuracy gaps with intervals,
// composite gains, and H_res heat maps.

import Experiments
import Foundation
import MHC
import MHCHarness

extension Vision {
  /// Validation loss and accuracy over training in the reference cell: mean over seeds per connection.
  func trainingFigure(_ r: CellResult) -> GnuplotFigure {
    func curve(_ kind: ConnectionKind, _ value: (MetricsRow) -> Double?) -> Series {
      let runs = r.runs(kind).filter { $0.summary.status == .completed }
      return Series(
        kind.rawValue, points: meanCurve(runs) { $0.valLoss == nil ? nil : value($0) }, style: "linespoints")
    }
    let kinds: [ConnectionKind] = [.residual, .hc, .mhc]
    return Chart.figure(
      "vision-training",
      title: "Fashion-MNIST ViT, \(r.cell.label), batch \(design.idBase.batch): the first "
        + "\(design.idBase.evalBatches * design.idBase.batch) "
        + "validation images over training, mean over \(r.seeds) seeds",
      panels: [
        Panel(
          title: "validation loss", xlabel: "step", ylabel: "cross-entropy (nats/image)",
          series: kinds.map { curve($0) { $0.valLoss } }),
        Panel(
          title: "validation accuracy", xlabel: "step", ylabel: "top-1 accuracy (%)",
          series: kinds.map { curve($0) { $0.valAccuracy.map { 100 * $0 } } }, extra: ["set key bottom right"]),
      ], columns: 2, width: 1300, height: 520)
  }

  /// Test loss and accuracy gaps per cell, paired by seed, with 95% intervals.
  func gapFigures(_ results: [CellResult]) -> [GnuplotFigure] {
    let pairs: [(String, ConnectionKind, ConnectionKind)] = [
      ("mHC − residual", .mhc, .residual), ("HC − residual", .hc, .residual), ("mHC − HC", .mhc, .hc),
    ]
    let colors = ["#1f77b4", "#d62728", "#9467bd"]
    func chart(_ name: String, _ title: String, _ ylabel: String, accuracy: Bool) -> GnuplotFigure {
      barChart(
        name, title: title, xlabel: "cell", groups: results.map(\.cell.label),
        series: pairs.enumerated().map { i, p in
          (p.0, colors[i], results.map { ($0.gap(p.1, p.2, accuracy: accuracy)).bar })
        }, yLabel: ylabel, signedValues: true, width: max(1100, 210 * results.count), height: 560)  // room for each cell's label
    }
    return [
      chart(
        "vision-loss-gap", "ViT test loss gap (paired by seed): mean and 95% interval", "loss gap (nats/image)",
        accuracy: false),
      chart(
        "vision-accuracy-gap", "ViT test accuracy gap (paired by seed): mean and 95% interval",
        "accuracy gap (percentage points)", accuracy: true),
    ]
  }

  /// Composite and single-sublayer backward gains per sublayer (last evaluation), HC and mHC, per cell (seed 0).
  func gainFigure(_ results: [CellResult]) -> GnuplotFigure {
    let panels = results.map { r -> Panel in
      let shown = [ConnectionKind.hc, .mhc].compactMap { r.shown($0) }
      let series = shown.flatMap { run in
        [
          Series(
            "\(run.kindName) composite", color: PlotStyle.color(for: run.kindName),
            points: run.profile { $0.gains.composite.backward }, style: "linespoints"),
          Series(
            "\(run.kindName) single", color: PlotStyle.color(for: run.kindName),
            points: run.profile { $0.gains.single.backward }, style: "linespoints", dash: 2),
        ]
      }
      let seeds = Set(shown.map(\.config.seed)).sorted()
      return Panel(
        title: "\(r.cell.label) (seed \(seeds.map(String.init).joined(separator: "/")))", xlabel: "sublayer",
        ylabel: "backward Amax gain", logy: true,
        series: series, extra: [Gnuplot.horizontalLine(at: "1"), "set key top left font ',9'"])
    }
    return Chart.figure(
      "vision-gains", title: "ViT: Amax gain of H_res per sublayer and of the composite up to it, end of training",
      panels: panels, columns: min(panels.count, 2), width: 1300, height: 480 * ((panels.count + 1) / 2))
  }

  /// Token-averaged H_res of some sublayers and of the composite, HC and mHC, reference cell, seed 0.
  func heatmapFigure(_ r: CellResult) -> GnuplotFigure? {
    let rows: [[HeatMap]] = [ConnectionKind.hc, .mhc].compactMap { kind in
      r.shown(kind).flatMap { run in
        run.heatMaps(
          label: "\(kind.rawValue) s\(run.config.seed) ·",
          picks: { Array(Set([0, $0 / 3, 2 * $0 / 3, $0 - 1])).sorted() },
          composite: "composite of all \(run.mappings?.sublayers.count ?? 0)")
      }
    }
    guard !rows.isEmpty else { return nil }
    return Chart.heatmaps(
      "vision-hres",
      title: "ViT \(r.cell.label): token-averaged H_res after training (row i: output stream, column j: input)",
      rows: rows, cellWidth: 300, cellHeight: 260)
  }
}
