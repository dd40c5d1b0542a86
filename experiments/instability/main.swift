// instability — where HC's gain actually breaks training at laptop scale, and whether mHC holds (commands: README.md)
//
// This page: the grid (``InstabilityDesign``) → figures → summary.md (``DesignSummary`` and two
// tables of its own). Grid.swift: the grid read by cell; Figures.swift: the figures.
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
    try g.publish(
      [
        fig2(runsAt, criteria: worst.summary.instability?.criteria ?? SpikeCriteria()), phaseMap(g), gainFigure(runsAt),
      ],
      extra: [("Spike rates per connection", rates(g)), ("Where HC fails most clearly", worstCell(runsAt))], runs: false
    )
  }

  // MARK: The summary's two tables of its own

  /// Per connection over every run of the grid: runs with loss spikes, gradient spikes, divergence,
  /// and the largest excess, gradient ratio and composite gain.
  func rates(_ g: Grid) -> String {
    var t = MarkdownTable([
      "connection", "runs", "with loss spikes", "with gradient spikes", "diverged", "largest loss excess",
      "largest gradient ratio", "largest composite gain",
    ])
    for kind in [ConnectionKind.residual, .hc, .mhc] {
      let rs = g.all.filter { $0.config.model.connection.kind == kind }, rep = rs.compactMap(\.summary.instability)
      let n = SpikeCounts(rs)
      t.add(
        [kind.rawValue, "\(n.runs)"] + [n.lossSpikes, n.gradSpikes, n.diverged].map { "\($0)/\(n.runs)" } + [
          cell(rep.compactMap(\.maxLossExcess).max(), 3), cell(rep.compactMap(\.maxGradRatio).max(), 3),
          kind == .residual ? "1" : cell(rs.compactMap(\.summary.maxCompositeBackwardGain).max(), 3),
        ])
    }
    return t.text
  }

  /// The residual, HC and mHC runs of the seed and cell where HC fails most clearly.
  func worstCell(_ t: Trio) -> String {
    var rows = MarkdownTable([
      "run", "final loss", "loss spikes", "first at", "largest excess (step)", "largest gradient ratio (step)",
      "diverged", "composite gain at the end",
    ])
    for r in [t.hc, t.mhc, t.residual] {
      let i = r.summary.instability
      rows.add([
        r.id, cell(r.summary.finalEvalLoss, 4), "\(i?.lossSpikes ?? 0)", i?.firstLossSpikeStep.map(String.init) ?? "–",
        "\(cell(i?.maxLossExcess, 3)) (\(i?.maxLossExcessStep.map(String.init) ?? "–"))",
        "\(cell(i?.maxGradRatio, 3)) (\(i?.maxGradRatioStep.map(String.init) ?? "–"))",
        i?.divergedStep.map { "\(i?.divergence ?? "") at \($0)" } ?? "–",
        r.config.model.connection.kind == .residual ? "1" : cell(r.summary.maxCompositeBackwardGain, 3),
      ])
    }
    return "\(t.label) (`plots/instability-fig2.png`, `plots/instability-gain.png`).\n\n" + rows.text
  }
}

InstabilityExperiment.launch()
