import Foundation
import MHC

/// The summary any declaration gets from its finished runs, with no prose of the experiment's own:
/// per cell, each variant over its seeds and every declared comparison paired by seed (with the
/// two-stage half-width where `--precision` sized it); the verdicts over the cells; every run. The
/// words that interpret the numbers live in the experiment's `README.md`.
///
/// ```swift
/// let design = InstabilityDesign(preset: .quick), sweep = try SweepOptions.parse(["--preset", "quick"])
/// let all = ResultStore(root: sweep.results).runs(InstabilityDesign.experiment)
/// let table = "| variant | ms/step |\n|---|---|\n| mhc | 41 |\n"
/// let text = DesignSummary(design, runs: all, options: sweep)
///   .markdown(figures: ["instability-loss.png"], extra: [("Timing", table)])
/// ```
public struct DesignSummary<D: ExperimentDesign> {
  public let design: D
  public let index: RunIndex
  public let options: SweepOptions
  let sized: [PrecisionRow]
  let shown: [D.Cell]?

  /// `cells`: the cells to show (default: the declaration's).
  public init(_ design: D, runs: [LoadedRun], options: SweepOptions, cells: [D.Cell]? = nil) {
    self.design = design
    shown = cells
    index = RunIndex(runs)
    self.options = options
    sized = PrecisionRow.read(results: options.results, experiment: D.experiment)
  }

  /// The finished runs of `variant` in `cell`, by seed.
  public func runs(_ cell: D.Cell, _ variant: D.Variant) -> [LoadedRun] { design.loaded(cell, variant, in: index) }

  /// `variant − baseline` in `cell`, paired by seed, two-stage sized where `--precision` sized it.
  public func gap(_ cell: D.Cell, _ variant: D.Variant, vs baseline: D.Variant) -> PairedComparison {
    let v = runs(cell, variant), b = runs(cell, baseline)
    return PairedComparison.finalLoss(v, baseline: b).sized(by: sized, variant: v, baseline: b)
  }

  /// The cells with at least one finished run.
  public var trainedCells: [D.Cell] {
    (shown ?? design.cells).filter { c in design.variants(c).contains { !runs(c, $0).isEmpty } }
  }

  /// Each variant of `cell` over its seeds.
  public func variantTable(_ c: D.Cell) -> MarkdownTable {
    var t = MarkdownTable([
      "variant", "completed", "final loss (mean ± 95%)", "composite gain fwd / bwd (mean ± 95%)", "largest bwd gain",
      "runs with loss / gradient spikes", "s/step",
    ])
    for v in design.variants(c) {
      let rs = runs(c, v), done = completed(c, v)
      func over(_ f: @escaping (RunSummary) -> Double?) -> SeedInterval { self.over(c, v) { f($0.summary) } }
      let spikes = SpikeCounts(rs)
      t.add([
        design.name(v), "\(done.count) of \(rs.count)", over(\.finalEvalLoss).text(4),
        over(\.maxCompositeForwardGain).significantText + " / " + over(\.maxCompositeBackwardGain).significantText,
        cell(rs.compactMap(\.summary.maxCompositeBackwardGain).max(), 4),
        "\(spikes.lossSpikes) / \(spikes.gradSpikes)",
        over(\.meanStepSeconds).significantText,
      ])
    }
    return t
  }

  /// A value other than the final loss (a test accuracy, say) per cell and variant over the
  /// completed seeds, then every declared comparison of it paired by seed; `effect` is the difference
  /// (in `value`'s unit) the last column sizes seeds for.
  ///
  /// ```swift
  /// let page = DesignSummary(VisionDesign(preset: .quick), runs: [], options: try SweepOptions.parse([]))
  /// let text = page.valueTables("test accuracy %", lowerIsBetter: false, effect: 1) {
  ///   $0.summary.finalEvalAccuracy.map { 100 * $0 }
  /// }
  /// ```
  public func valueTables(
    _ name: String, lowerIsBetter: Bool, digits: Int = 2, effect: Double, _ value: @escaping (LoadedRun) -> Double?
  ) -> String {
    var values = MarkdownTable(["cell", "variant", "\(name) (mean ± 95%)", "runs completed"])
    var gaps = MarkdownTable(
      ["cell", "comparison"] + PairedComparison.tableHeader.dropLast() + ["seeds for ±\(cell(effect, 2))"])
    for c in trainedCells {
      for v in design.variants(c) {
        values.add([
          design.title(c), design.name(v), over(c, v, value).text(digits),
          "\(completed(c, v).count) of \(runs(c, v).count)",
        ])
      }
      for (v, b) in design.comparisons(c) {
        let gap = gap(c, v, vs: b, value: value, lowerIsBetter: lowerIsBetter)
        gaps.add([design.title(c), comparisonName(v, b)] + gap.tableCells(effect: effect))
      }
    }
    return values.text + "\n" + gaps.text
  }

  /// "mhc − residual": how the tables and figures name a comparison.
  public func comparisonName(_ variant: D.Variant, _ baseline: D.Variant) -> String {
    "\(design.name(variant)) − \(design.name(baseline))"
  }

  /// Every declared comparison of `cell`.
  public func comparisonTable(_ c: D.Cell) -> MarkdownTable {
    var t = MarkdownTable(["comparison"] + PairedComparison.tableHeader)
    for (v, b) in design.comparisons(c) {
      t.add([comparisonName(v, b)] + gap(c, v, vs: b).tableCells)
    }
    return t
  }

  /// Each comparison's verdicts over the trained cells ("better 2, worse 0, not resolved 5, no interval 0").
  public func verdictTable() -> MarkdownTable {
    var tally: [String: [Verdict: Int]] = [:], order: [String] = []
    for c in trainedCells {
      for (v, b) in design.comparisons(c) {
        let name = comparisonName(v, b)
        if tally[name] == nil { order.append(name) }
        tally[name, default: [:]][gap(c, v, vs: b).verdict, default: 0] += 1
      }
    }
    var t = MarkdownTable(["comparison", "better", "worse", "not resolved", "no interval (< 2 paired seeds)"])
    for name in order {
      let v = tally[name] ?? [:]
      t.add([name] + [Verdict.better, .worse, .notResolved, .tooFewSeeds].map { "\(v[$0] ?? 0)" })
    }
    return t
  }

  /// Every finished run of the declaration, cell by cell.
  public func runTable() -> MarkdownTable {
    var t = MarkdownTable([
      "run", "cell", "variant", "seed", "status", "final loss", "largest composite bwd gain", "diverged at",
    ])
    for c in trainedCells {
      for v in design.variants(c) {
        for r in runs(c, v) {
          t.add([
            r.id, design.title(c), design.name(v), "\(r.config.seed)", r.summary.status.rawValue,
            cell(r.summary.finalEvalLoss), cell(r.summary.maxCompositeBackwardGain, 4),
            r.summary.divergedStep.map(String.init) ?? "–",
          ])
        }
      }
    }
    return t
  }

  /// "C 128, 4 layers, 4 heads, seq 128, batch 16, 300 steps, peak lr 0.003": what a cell trains.
  public static func setting(_ c: TrainConfig) -> String {
    let m = c.model
    return "C \(m.width), \(m.layers) layers, \(m.heads) heads, "
      + (m.task == .bytes ? "seq \(m.seq), " : "\(m.task.rawValue), ") + "batch \(c.batch), \(c.steps) steps, "
      + "peak lr \(String(format: "%g", c.lr)), evaluation every \(c.evalEvery) steps on \(c.evalBatches) batches."
  }

  /// The end of an experiment's report: renders `figures` (nil: not drawn) into `--plots` and writes
  /// ``markdown(figures:extra:runs:)``, which lists them, as `<results>/<experiment>/summary.md`.
  ///
  /// ```swift
  /// let page = DesignSummary(ExpansionDesign(preset: .quick), runs: [], options: try SweepOptions.parse([]))
  /// let bars = page.gapBars("expansion-gaps", title: "final loss gap to the residual")
  /// try page.publish([bars], extra: [("Notes", "A section of the experiment's own.\n")])
  /// ```
  public func publish(
    _ figures: [GnuplotFigure?], extra: [(title: String, text: String)] = [], runs all: Bool = true
  ) throws {
    let drawn = figures.compactMap { $0 }
    for figure in drawn { try Gnuplot.render(figure, in: options.plots) }
    try ExperimentSummary.write(
      markdown(figures: drawn.map { "\($0.name).png" }, extra: extra, runs: all), experiment: D.experiment,
      options: options, figures: drawn.count == 1 ? "\(drawn[0].name).png" : "\(D.experiment)-*.png")
  }

  /// The page: a header, the status, each trained cell, the verdicts (several cells), `extra`
  /// sections of the experiment's own, every run, the figures and where the interpretation lives.
  public func markdown(figures: [String], extra: [(title: String, text: String)] = [], runs all: Bool = true) -> String
  {
    let loaded = trainedCells.flatMap(runs)
    var s = "# \(D.experiment) — \(options.preset.rawValue) preset\n\n"
    s += ExperimentSummary.status(loaded, consequence: "and are left out of the losses", reasons: true) + " "
    s += "Paired by seed: per seed every variant of a cell shares the data order, the initial weights of the "
    s += "tensors they share and the evaluation windows. Loss: the final evaluation (nats per "
    s += "\(loaded.first?.config.model.task == .bytes ? "byte" : "example"))"
    s += "; gaps: variant − baseline of the same seed, mean and 95% interval over the seeds.\n\n"
    s += finalEvaluationNote(loaded) + "\n\n"
    let cells = trainedCells
    for c in cells {
      s += cells.count > 1 ? "## \(design.title(c))\n\n" : "## The variants over their seeds\n\n"
      if let r = design.variants(c).lazy.compactMap({ runs(c, $0).first }).first {
        s += Self.setting(r.config) + "\n\n"
      }
      s += variantTable(c).text + "\n"
      if !design.comparisons(c).isEmpty { s += "Paired by seed:\n\n" + comparisonTable(c).text + "\n" }
    }
    if cells.count > 1 { s += "## Verdicts over the \(cells.count) cells\n\n" + verdictTable().text + "\n" }
    for (title, text) in extra { s += "## \(title)\n\n\(text)\n" }
    if all { s += "## Every run\n\n" + runTable().text + "\n" }
    s += "Figures: " + figures.map { "`\(options.plots)/\($0)`" }.joined(separator: ", ") + ". "
    s += "What the numbers mean, and what the paper reports: `experiments/\(D.experiment)/README.md`.\n"
    return s
  }
}
