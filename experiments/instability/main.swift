// instability — where HC's gain actually breaks training at laptop scale, and whether mHC holds
//
//   swift run -c release instability                 # quick: the 8-layer cell at lr 1e-2, 3 seeds
//   swift run -c release instability --preset paper  # the full grid, 8 seeds (many hours)
//   swift run -c release instability --replot        # figures + summary.md from results/ only
//
// This page: the grid (``InstabilityDesign``) → figures → summary.md (``DesignSummary`` with
// Summary.swift's two tables). Grid.swift: the grid read by cell; Figures.swift: the figures.
import ArgumentParser
import Experiments
import Foundation
import MHC
import MHCHarness

struct InstabilityExperiment: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "instability",
    abstract: "Loss and gradient spikes, divergence and gains of residual / HC / mHC over depth × learning rate.")
  @OptionGroup var sweep: SweepOptions
  @Option(help: "Training steps of every run (default: 300).") var steps = 300

  /// The grid (``InstabilityDesign``): quick is the 8-layer cell at lr 1e-2, whose verdict flipped
  /// between seeds 0–2 and 3–5 (`docs/verdicts.md`); paper is 4–32 layers × lr 3e-3…3e-2.
  func design(_ preset: Preset) -> InstabilityDesign {
    InstabilityDesign(preset: preset, seeds: sweep.seeds, steps: steps)
  }

  func run() throws {
    try design(sweep.preset).sweep().execute(sweep) { _ in
      // every finished run of the paper grid on disk, with every seed
      let grid = design(sweep.preset == .tiny ? .tiny : .paper)
      let runs = grid.pairedCells.flatMap { $0.runs(0..<ResultStore.seedsLookedFor) }
      try report(grid, Sweep(experiment: "instability", runs: runs).load(sweep))
    }
  }

  // MARK: Figures and summary

  func report(_ design: InstabilityDesign, _ all: [LoadedRun]) throws {
    let g = Grid(design, runs: all, options: sweep)
    guard let worst = g.mostUnstable, let runsAt = g.trio(worst) else {
      throw MHCError("instability: no finished HC run in \(sweep.results)/instability")
    }
    try Gnuplot.render(fig2(runsAt, criteria: worst.summary.instability?.criteria ?? SpikeCriteria()), in: sweep.plots)
    try Gnuplot.render(phaseMap(g), in: sweep.plots)
    try Gnuplot.render(gainFigure(runsAt), in: sweep.plots)
    let page = g.markdown(
      figures: ["instability-fig2.png", "instability-phase.png", "instability-gain.png"],
      extra: [("Spike rates per connection", rates(g)), ("Where HC fails most clearly", worstCell(runsAt))], runs: false
    )
    try ExperimentSummary.write(page, experiment: "instability", options: sweep, figures: "instability-*.png")
  }
}

InstabilityExperiment.launch()
