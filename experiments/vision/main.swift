// vision — does mHC hold in a vision transformer? Fashion-MNIST, residual vs HC vs mHC
//
//   swift run -c release vision                  # quick preset (~20 min on 2 cores)
//   swift run -c release vision --preset paper   # 5 epochs × 8 seeds + a depth × lr grid (hours; or --shard K/N)
//   swift run -c release vision --replot         # figures + summary.md from results/ only
//
// The design (cells, variants, seeds, comparisons) and its documentation: Sources/Experiments;
// what the results mean: experiments/vision/README.md.
//
// This page: config → runs → report. CellResult.swift: the runs of a cell; Figures.swift and
// Summary.swift: the figures and summary.md.
import ArgumentParser
import Experiments
import Foundation
import MHC
import MHCHarness

BLASRuntime.ensureFastKernel()

struct Vision: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "A vision transformer on Fashion-MNIST with a residual, HC or mHC connection: accuracy, loss gaps, gains."
  )
  @OptionGroup var sweep: SweepOptions
  @Option(help: "Fashion-MNIST folder (default: Debian's dataset-fashion-mnist).") var data: String?

  typealias Cell = VisionDesign.Cell
  static let epoch = VisionDesign.epoch

  /// The runs (``VisionDesign``): the reference cell and the stress cells, every connection.
  var design: VisionDesign { VisionDesign(preset: sweep.preset, seeds: sweep.seeds, data: data) }
  var cells: [Cell] { design.cells }

  func run() throws {
    if !sweep.replot && !sweep.list { try ensureDataSet() }
    try design.sweep().execute(sweep) { try report($0) }
  }

  /// Installs Debian's `dataset-fashion-mnist` when the default folder is missing (and no `--data`
  /// was given): `apt-get install`, through `sudo -n` (never waiting for a password) unless this is root.
  func ensureDataSet() throws {
    guard data == nil, !FileManager.default.fileExists(atPath: FashionMNIST.defaultPath) else { return }
    let root = getuid() == 0
    let command =
      (root ? "" : "sudo -n ") + "apt-get update -qq && " + (root ? "" : "sudo -n ")
      + "env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist"
    print("vision: \(FashionMNIST.defaultPath) is missing; installing it: \(command)")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", command]
    try p.run()
    p.waitUntilExit()
    guard p.terminationStatus == 0, FileManager.default.fileExists(atPath: FashionMNIST.defaultPath) else {
      throw ValidationError(
        "could not install dataset-fashion-mnist (`\(command)` exited with \(p.terminationStatus)); install it "
          + "yourself or pass --data FOLDER with the four IDX files"
      )
    }
  }

  // MARK: Figures and summary

  func report(_ all: [LoadedRun]) throws {
    let d = design, index = RunIndex(all)
    var results = cells.map { cell in CellResult(cell: cell, design: d, index: index) }
    if sweep.preset == .quick {  // the paper preset's reference after the quick one, its stress cells after the quick ones
      let paper = paperCells()
      results.insert(contentsOf: paper.filter(\.cell.isReference), at: 1)
      results =
        results.filter(\.cell.isReference)
        + (results + paper).filter { !$0.cell.isReference }.sorted {
          ($0.cell.layers, $0.cell.lr) < ($1.cell.layers, $1.cell.lr)
        }
    }
    guard let ref = results.first, !ref.runs(.residual).isEmpty else {
      throw MHCError("vision: the reference cell's residual runs are missing from \(sweep.results)/vision")
    }
    try Gnuplot.render(trainingFigure(ref), in: sweep.plots)
    for figure in gapFigures(results) { try Gnuplot.render(figure, in: sweep.plots) }
    try Gnuplot.render(gainFigure(results), in: sweep.plots)
    if let heat = heatmapFigure(ref) { try Gnuplot.render(heat, in: sweep.plots) }
    let shown = results.flatMap { r in [ConnectionKind.residual, .hc, .mhc].flatMap { r.runs($0) } }
    let page = DesignSummary(d, runs: all + shown, options: sweep, cells: results.map(\.cell)).markdown(
      figures: ["training", "loss-gap", "accuracy-gap", "gains", "hres"].map { "vision-\($0).png" },
      extra: [("Test accuracy (percentage points)", accuracy(results))])
    try ExperimentSummary.write(page, experiment: "vision", options: sweep, figures: "vision-*.png")
  }

  /// The paper preset's cells that the quick preset does not have, where the results folder holds
  /// runs of every connection (any number of seeds, e.g. `--preset paper --seeds 3 --only C64-L6`):
  /// the quick summary and figures show them beside its own cells.
  func paperCells() -> [CellResult] {
    let quick = VisionDesign(preset: .quick).cells, paper = VisionDesign(preset: .paper, seeds: 8, data: data)
    return paper.cells.filter { !quick.contains($0) }.compactMap { cell in
      let all = (0..<8).flatMap { s in paper.variants(cell).map { paper.run(cell, $0, seed: s) } }
      let runs = all.compactMap { r -> LoadedRun? in
        let dir = "\(sweep.results)/vision/\(r.id)"
        return TrainingRun.finishedSummary(in: dir) == nil ? nil : try? LoadedRun.load(dir)
      }
      let result = CellResult(cell: cell, design: paper, index: RunIndex(runs))
      return [ConnectionKind.residual, .hc, .mhc].allSatisfy { !result.runs($0).isEmpty } ? result : nil
    }
  }
}

Vision.main()
