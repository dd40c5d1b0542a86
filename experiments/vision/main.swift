// vision — does mHC hold in a vision transformer? Fashion-MNIST, residual vs HC vs mHC
//
// A small ViT (49 patches of 4×4 pixels, bidirectional attention, mean pooling, 10 classes) over
// the same blocks and connections as the language model: a reference cell with every connection
// and several seeds, and stress cells (deeper, higher peak learning rate) where HC's gain should grow.
//
//   swift run -c release vision                  # quick preset (~20 min on 2 cores)
//   swift run -c release vision --preset paper   # 5 epochs × 8 seeds + a depth × lr grid (hours; or --shard K/N)
//   swift run -c release vision --replot         # figures + summary.md from results/ only
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
  /// 6 blocks for five epochs, and a depth × peak-lr grid at C 32 for one epoch each.
  var cells: [Cell] {
    let p = sweep.preset
    let reference = Cell(
      width: p.pick(quick: 64, paper: 64, tiny: 16), layers: p.pick(quick: 4, paper: 6, tiny: 1), lr: 3e-3,
      steps: p.pick(quick: Self.epoch, paper: Self.referenceEpochs * Self.epoch, tiny: 6), isReference: true)
    let stress: [Cell] = p.pick(
      quick: [Cell(width: 32, layers: 8, lr: 3e-2, steps: Self.epoch / 2)],
      paper: [6, 12, 24].flatMap { l in [1e-2, 3e-2].map { Cell(width: 32, layers: l, lr: $0, steps: Self.epoch) } },
      tiny: [Cell(width: 16, layers: 2, lr: 3e-2, steps: 6)])
    return [reference] + stress
  }

  /// The configuration every run starts from: the vision task at batch 128 (ids name differences from it).
  var base: TrainConfig {
    var c = TrainConfig()
    c.task = .fashionMNIST; c.data = data; c.seq = 49; c.batch = sweep.preset == .tiny ? 8 : Self.batch
    c.heads = 4; c.evalBatches = sweep.preset == .tiny ? 1 : 8
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
      c.connection = v.kind; c.seed = UInt64(seed)
      c.width = v.cell.width; c.layers = v.cell.layers; c.lr = v.cell.lr; c.steps = v.cell.steps
      c.heads = v.cell.width >= 64 ? 4 : 2
      c.evalEvery = max(1, v.cell.steps / 10)
      if sweep.preset == .tiny { c.heads = 2 }
      return SweepRun(c, base: base)
    }
  }

  func run() throws {
    if !sweep.replot && !sweep.list { try ensureDataSet() }
    try Sweep(experiment: "vision", runs: grid().runs).execute(sweep) { try report($0) }
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
    if sweep.preset == .quick, let paper = paperReference() { results.insert(paper, at: 1) }
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

  /// The paper preset's reference cell (C 64, 6 blocks, five epochs), when the results folder holds
  /// its runs for every connection (any number of seeds, e.g. `--preset paper --seeds 3 --only C64-L6`):
  /// the quick summary shows it beside its own cells.
  func paperReference() -> CellResult? {
    let cell = Cell(width: 64, layers: 6, lr: 3e-3, steps: Self.referenceEpochs * Self.epoch, isReference: true)
    let grid = grid([cell], seeds: 8)
    let runs = grid.runs.compactMap { r -> LoadedRun? in
      let dir = "\(sweep.results)/vision/\(r.id)"
      return TrainingRun.finishedSummary(in: dir) == nil ? nil : try? LoadedRun.load(dir)
    }
    let result = CellResult(cell: cell, grid: grid, index: RunIndex(runs))
    return [ConnectionKind.residual, .hc, .mhc].allSatisfy { !result.runs($0).isEmpty } ? result : nil
  }

  /// Validation loss and accuracy over training in the reference cell: mean over seeds per connection.
  func trainingFigure(_ r: CellResult) -> GnuplotFigure {
    func curve(_ kind: ConnectionKind, _ value: @escaping (MetricsRow) -> Double?) -> Series {
      let runs = r.runs(kind).filter { $0.summary.status == .completed }
      let steps = Set(runs.flatMap { $0.metrics.compactMap { $0.valLoss == nil ? nil : $0.step } }).sorted()
      let points = steps.compactMap { s -> (Double, Double)? in
        let v = runs.compactMap { $0.metrics.first { $0.step == s }.flatMap(value) }
        return v.count == runs.count && !v.isEmpty ? (Double(s), SeedInterval(v).mean) : nil
      }
      return Series(kind.rawValue, points: points, style: "linespoints")
    }
    let kinds: [ConnectionKind] = [.residual, .hc, .mhc]
    return Chart.figure(
      "vision-training",
      title: "Fashion-MNIST ViT, \(r.cell.label), batch \(base.batch): the first \(base.evalBatches * base.batch) "
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
        }, yLabel: ylabel, signedValues: true, width: 1100, height: 560)
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
      var series: [Series] = []
      for kind in [ConnectionKind.hc, .mhc] {
        guard let run = r.shown(kind) else { continue }
        let g = run.finalGains
        series.append(
          Series(
            "\(kind.rawValue) composite", color: PlotStyle.color(for: kind.rawValue),
            points: g.map { (Double($0.sublayer + 1), $0.gains.composite.backward) }, style: "linespoints"))
        series.append(
          Series(
            "\(kind.rawValue) single", color: PlotStyle.color(for: kind.rawValue),
            points: g.map { (Double($0.sublayer + 1), $0.gains.single.backward) }, style: "linespoints", dash: 2))
      }
      let seeds = Set([ConnectionKind.hc, .mhc].compactMap { r.shown($0)?.config.seed }).sorted()
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
      guard let run = r.shown(kind), let m = run.mappings, !m.sublayers.isEmpty else { return nil }
      let count = m.sublayers.count, seed = run.config.seed
      let picks = Array(Set([0, count / 3, 2 * count / 3, count - 1])).sorted()
      return picks.map {
        HeatMap(title: "\(kind.rawValue) s\(seed) · sublayer \($0 + 1)", n: m.n, values: m.sublayers[$0])
      }
        + [HeatMap(title: "\(kind.rawValue) s\(seed) · composite of all \(count)", n: m.n, values: m.composite)]
    }
    guard !rows.isEmpty else { return nil }
    return Chart.heatmaps(
      "vision-hres",
      title: "ViT \(r.cell.label): token-averaged H_res after training (row i: output stream, column j: input)",
      rows: rows, cellWidth: 300, cellHeight: 260)
  }

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
    let c = results[0].runs(.residual).first?.config ?? base
    let status = ExperimentSummary.status(all)
    let windows = Set(all.compactMap(\.summary.finalEvalWindows)).sorted().map(String.init).joined(separator: " / ")
    return """
      # vision — \(sweep.preset.rawValue) preset

      Task: Fashion-MNIST (Zalando; Debian's `dataset-fashion-mnist`), 28×28 grey images in 10 classes. Training draws \
      images uniformly with replacement from the first 55 000 training images; evaluations during training use the \
      first \(base.evalBatches * base.batch) of the last 5 000 (the validation split); the final numbers are on the \
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

/// The runs of one cell by connection, and their paired gaps.
struct CellResult {
  let cell: Vision.Cell
  let grid: SeedGrid<Vision.Variant>
  let index: RunIndex

  var seeds: Int { grid.seeds }
  func runs(_ kind: ConnectionKind) -> [LoadedRun] { grid.loaded(Vision.Variant(kind: kind, cell: cell), in: index) }

  /// The run a per-run figure shows: the lowest seed that completed (seed 0 unless it diverged).
  func shown(_ kind: ConnectionKind) -> LoadedRun? { runs(kind).first { $0.summary.status == .completed } }

  /// Test loss (lower is better) or accuracy in points (higher is better) of `variant` − `baseline`, paired by seed.
  func gap(_ variant: ConnectionKind, _ baseline: ConnectionKind, accuracy: Bool) -> PairedComparison {
    accuracy
      ? .paired(
        runs(variant), baseline: runs(baseline), value: { $0.summary.finalEvalAccuracy.map { 100 * $0 } },
        lowerIsBetter: false)
      : .finalLoss(runs(variant), baseline: runs(baseline))
  }
}

enum RunIDText {
  /// 0.003 → "3e-3".
  static func short(_ x: Double) -> String {
    let e = Int((log10(x)).rounded(.down)), m = x / pow(10, Double(e))
    return abs(m - m.rounded()) < 1e-9 ? "\(Int(m.rounded()))e\(e)" : String(format: "%g", x)
  }
}

Vision.main()
