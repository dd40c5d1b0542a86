// vision — does mHC hold in a vision transformer? Fashion-MNIST, residual vs HC vs mHC
//
// A small ViT (49 patches of 4×4 pixels, bidirectional attention, mean pooling, 10 classes) over
// the same blocks and connections as the language model: a reference cell with every connection
// and several seeds, and stress cells (deeper, higher peak learning rate) where HC's gain should grow.
//
//   swift run -c release vision                  # quick preset (~20 min on 2 cores)
//   swift run -c release vision --preset paper   # 5 epochs × 8 seeds + a depth × lr grid (hours; or --shard K/N)
//   swift run -c release vision --replot         # figures + summary.md from results/ only
//
// This page: config → runs → report. CellResult.swift: the runs of a cell; Figures.swift and
// Summary.swift: the figures and summary.md.
import ArgumentParser
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

  // MARK: Config: the cells of each preset

  /// One cell: a model size and peak learning rate, trained for `steps` steps of `batch` images.
  struct Cell: Hashable {
    var width: Int, layers: Int, lr: Double, steps: Int
    var isReference = false
    var label: String { "C\(width) L\(layers) lr \(RunIDText.short(lr)), \(steps) steps" }
  }

  /// One trained variant: a connection in a cell.
  struct Variant { var kind: ConnectionKind; var cell: Cell }

  static let batch = 128
  /// Steps per pass over the 55 000 training images at batch 128.
  static let epoch = 430
  /// Epochs of the paper preset's reference cell: five, where the residual passes 85% test accuracy
  /// (after three it reached 84.7 ± 1.8%, its validation loss still falling).
  static let referenceEpochs = 5

  /// The reference cell and the stress cells of each preset. Quick: C 64 with 4 blocks for one
  /// epoch, and one stress cell (8 blocks at C 32, peak lr 3e-2, half an epoch). Paper: C 64 with
  /// 6 blocks for five epochs, and a depth × peak-lr grid at C 32 for half an epoch each
  /// (4, 8, 16 blocks × lr 1e-2, 3e-2; its 8-block lr 3e-2 cell is the quick preset's).
  func cells(_ p: Preset) -> [Cell] {
    let reference = Cell(
      width: p.pick(quick: 64, paper: 64, tiny: 16), layers: p.pick(quick: 4, paper: 6, tiny: 1), lr: 3e-3,
      steps: p.pick(quick: Self.epoch, paper: Self.referenceEpochs * Self.epoch, tiny: 6), isReference: true)
    let stress: [Cell] = p.pick(
      quick: [Cell(width: 32, layers: 8, lr: 3e-2, steps: Self.epoch / 2)],
      paper: [4, 8, 16].flatMap { l in [1e-2, 3e-2].map { Cell(width: 32, layers: l, lr: $0, steps: Self.epoch / 2) } },
      tiny: [Cell(width: 16, layers: 2, lr: 3e-2, steps: 6)])
    return [reference] + stress
  }
  var cells: [Cell] { cells(sweep.preset) }

  /// The configuration every run starts from: the vision task at batch 128 (ids name differences from it).
  var base: TrainConfig {
    var c = TrainConfig()
    c.model.task = .fashionMNIST; c.data = data; c.model.seq = 49; c.batch = sweep.preset == .tiny ? 8 : Self.batch
    c.model.heads = 4; c.evalBatches = sweep.preset == .tiny ? 1 : 8
    c.finalEvalWindows = sweep.preset == .tiny ? 64 : 10_000  // the whole test set
    return c
  }

  func grid(_ cells: [Cell]? = nil, seeds: Int? = nil) -> SeedGrid<Variant> {
    let variants = (cells ?? self.cells).flatMap { cell in
      [ConnectionKind.residual, .hc, .mhc].map { Variant(kind: $0, cell: cell) }
    }
    let base = base
    return SeedGrid(variants: variants, seeds: seeds ?? sweep.seedCount(quick: 3, paper: 8, tiny: 2)) { v, seed in
      var c = base
      c.model.connection.kind = v.kind; c.seed = UInt64(seed)
      c.model.width = v.cell.width; c.model.layers = v.cell.layers; c.lr = v.cell.lr; c.steps = v.cell.steps
      c.model.heads = v.cell.width >= 64 ? 4 : 2
      c.evalEvery = max(1, v.cell.steps / 10)
      if sweep.preset == .tiny { c.model.heads = 2 }
      return SweepRun(c, base: base)
    }
  }

  func run() throws {
    if !sweep.replot && !sweep.list { try ensureDataSet() }
    let paired = cells.map { cell in
      let g = grid([cell])
      let v = { (k: ConnectionKind) in Variant(kind: k, cell: cell) }
      return g.cell("C\(cell.width) L\(cell.layers) lr \(cell.lr)", against: v(.residual), also: [(v(.mhc), v(.hc))])
    }
    try Sweep(experiment: "vision", cells: paired).execute(sweep) { try report($0) }
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
        "could not install dataset-fashion-mnist (`\(command)` exited with \(p.terminationStatus)); install it yourself or pass --data FOLDER with the four IDX files"
      )
    }
  }

  // MARK: Figures and summary

  func report(_ all: [LoadedRun]) throws {
    let grid = grid(), index = RunIndex(all)
    var results = cells.map { cell in CellResult(cell: cell, grid: grid, index: index) }
    if sweep.preset == .quick {  // the paper preset's reference after the quick one, its stress cells after the quick ones
      let paper = paperCells()
      results.insert(contentsOf: paper.filter(\.cell.isReference), at: 1)
      results = results.filter(\.cell.isReference)
        + (results + paper).filter { !$0.cell.isReference }.sorted { ($0.cell.layers, $0.cell.lr) < ($1.cell.layers, $1.cell.lr) }
    }
    guard let ref = results.first, !ref.runs(.residual).isEmpty else {
      throw MHCError("vision: the reference cell's residual runs are missing from \(sweep.results)/vision")
    }
    try Gnuplot.render(trainingFigure(ref), in: sweep.plots)
    for figure in gapFigures(results) { try Gnuplot.render(figure, in: sweep.plots) }
    try Gnuplot.render(gainFigure(results), in: sweep.plots)
    if let heat = heatmapFigure(ref) { try Gnuplot.render(heat, in: sweep.plots) }
    try ExperimentSummary.write(
      summary(results, all: all), experiment: "vision", options: sweep, figures: "vision-*.png")
  }

  /// The paper preset's cells that the quick preset does not have, where the results folder holds
  /// runs of every connection (any number of seeds, e.g. `--preset paper --seeds 3 --only C64-L6`):
  /// the quick summary and figures show them beside its own cells.
  func paperCells() -> [CellResult] {
    let quick = cells(.quick)
    return cells(.paper).filter { !quick.contains($0) }.compactMap { cell in
      let grid = grid([cell], seeds: 8)
      let runs = grid.runs.compactMap { r -> LoadedRun? in
        let dir = "\(sweep.results)/vision/\(r.id)"
        return TrainingRun.finishedSummary(in: dir) == nil ? nil : try? LoadedRun.load(dir)
      }
      let result = CellResult(cell: cell, grid: grid, index: RunIndex(runs))
      return [ConnectionKind.residual, .hc, .mhc].allSatisfy { !result.runs($0).isEmpty } ? result : nil
    }
  }
}

Vision.main()
