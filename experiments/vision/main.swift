// vision — does mHC hold in a vision transformer? Fashion-MNIST, residual vs HC vs mHC (commands: README.md)
//
// This page: config → runs → report, with the test-accuracy tables of its own. Figures.swift: the figures.
import ArgumentParser
import Experiments
import Foundation
import MHC
import MHCHarness

struct Vision: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "A vision transformer on Fashion-MNIST with a residual, HC or mHC connection: accuracy, loss gaps, gains."
  )
  @OptionGroup var sweep: SweepOptions
  @Option(help: "Fashion-MNIST folder (default: Debian's dataset-fashion-mnist).") var data: String?

  /// The runs (``VisionDesign``): the reference cell and the stress cells, every connection.
  var design: VisionDesign { VisionDesign(preset: sweep.preset, seeds: sweep.seeds, data: data) }
  typealias Page = DesignSummary<VisionDesign>

  func run() throws {
    if data == nil && !sweep.replot && !sweep.list {  // Debian's dataset-fashion-mnist, installed when missing
      try DebianPackage.ensure(
        "dataset-fashion-mnist", provides: FashionMNIST.defaultPath, otherwise: "pass --data FOLDER with its IDX files")
    }
    try design.sweep().execute(sweep) { try report($0) }
  }

  // MARK: Figures and summary

  func report(_ all: [LoadedRun]) throws {
    let d = design
    // quick: the paper preset's cells beside its own where results/ holds runs of every connection
    // (any number of seeds, e.g. `--preset paper --seeds 3 --only C64-L6`): its reference second, the
    // stress cells of both by depth and lr
    var runs = all, cells = d.cells
    if sweep.preset == .quick {
      runs += ResultStore(root: sweep.results).runs(VisionDesign.experiment)
      let stored = RunIndex(runs)
      let paper = VisionDesign(preset: .paper).cells.filter { c in
        !cells.contains(c) && d.variants(c).allSatisfy { !d.loaded(c, $0, in: stored).isEmpty }
      }
      cells =
        cells.filter(\.isReference) + paper.filter(\.isReference)
        + (cells + paper).filter { !$0.isReference }.sorted { ($0.layers, $0.lr) < ($1.layers, $1.lr) }
    }
    let page = Page(d, runs: runs, options: sweep, cells: cells)
    guard let ref = cells.first, !page.runs(ref, .residual).isEmpty else {
      throw MHCError("vision: the reference cell's residual runs are missing from \(sweep.results)/vision")
    }
    try page.publish(
      [trainingFigure(page, ref)] + gapFigures(page) + [gainFigure(page), heatmapFigure(page, ref)],
      extra: [
        (
          "Test accuracy (percentage points; higher is better)",
          page.valueTables("test accuracy %", lowerIsBetter: false, effect: 1, Self.accuracy)
        )
      ])
  }

  /// Test accuracy in percentage points (higher is better).
  static func accuracy(_ r: LoadedRun) -> Double? { r.summary.finalEvalAccuracy.map { 100 * $0 } }
}

Vision.launch()
