// stability — residual vs HC vs mHC side by side (paper Fig. 2, 3, 5, 7, 8), plus a stress
//
//   swift run -c release stability                 # quick preset, 3 seeds (~7 min on 2 cores)
//   swift run -c release stability --stress        # … and the stress sweep over depth × lr
//   swift run -c release stability --preset paper  # deep and long (hours)
//   swift run -c release stability --replot --stress  # figures + summary.md from results/ only
//
// This page: the runs (``StabilityDesign``) → figures → summary.md (``DesignSummary``). Figures.swift:
// heat maps and the stress figure; Headline.swift: the three lines the main command ends with.
import ArgumentParser
import Experiments
import Foundation
import MHC
import MHCHarness

struct Stability: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Residual vs HC vs mHC: loss gap, gradient norm, Amax gains, learned H_res, stress sweep.")
  @OptionGroup var sweep: SweepOptions
  @Option(help: "Training steps of the main comparison (default: 300 quick, 3000 paper).") var steps: Int?
  @Flag(help: "Also train the stress sweep (depth × learning rate, 27 runs per seed); the paper preset always does.")
  var stress = false

  /// The runs (``StabilityDesign``): the main comparison, and the stress sweep under `--stress` or `paper`.
  var design: StabilityDesign {
    StabilityDesign(preset: sweep.preset, seeds: sweep.seeds, steps: steps, stress: stress)
  }

  func run() throws {
    try design.sweep().execute(sweep) { try report($0) }
  }

  // MARK: Figures and summary

  func report(_ all: [LoadedRun]) throws {
    let d = design, page = DesignSummary(d, runs: all, options: sweep)
    let main = d.variants(.main).flatMap { page.runs(.main, $0) }
    // Curves, gain profiles and heat maps need one run per connection: seed 0. Tables use every seed.
    let byKind = Dictionary(
      main.filter { $0.config.seed == 0 }.map { ($0.config.model.connection.kind, $0) },
      uniquingKeysWith: { a, _ in a })
    guard let res = byKind[.residual], let hc = byKind[.hc], let mhc = byKind[.mhc] else {
      throw MHCError("stability: the seed-0 residual, hc and mhc runs are missing from \(sweep.results)/stability")
    }
    let dir = sweep.plots
    try curveFigures(res: res, hc: hc, mhc: mhc)
    // 4. heat maps (Fig. 8)
    try Gnuplot.render(heatmaps(hc: hc, mhc: mhc), in: dir)
    // 5. stress sweep
    let stress = d.stressCells.flatMap { c in d.variants(c).flatMap { page.runs(c, $0) } }
    if !stress.isEmpty { try Gnuplot.render(stressFigure(stress), in: dir) }
    let figures =
      ["loss-gap", "grad-norm", "gains", "gain-over-training", "hres-heatmaps"] + (stress.isEmpty ? [] : ["stress"])
    try ExperimentSummary.write(
      page.markdown(figures: figures.map { "stability-\($0).png" }), experiment: "stability", options: sweep,
      figures: "stability-*.png")
    print("")
    for line in headline(main: main) { print(line) }
  }
}

Stability.launch()
