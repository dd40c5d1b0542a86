// sinkhorn-iterations — how many Sinkhorn-Knopp iterations does mHC need?
//
//   swift run -c release sinkhorn-iterations                       # quick preset, 3 seeds per depth
//   swift run -c release sinkhorn-iterations --preset paper        # full size (hours)
//   swift run -c release sinkhorn-iterations --iterations 0,5,20   # any list of t_max
//   swift run -c release sinkhorn-iterations --replot              # figures + summary.md from results/ only
//
// The design (cells, variants, seeds, comparisons) and its documentation: Sources/Experiments;
// what the results mean: experiments/sinkhorn-iterations/README.md.
//
// This page: config → runs → report. Measurements.swift: the projection timed and run alone;
// Figures.swift and Summary.swift: the figures and summary.md.
import ArgumentParser
import Experiments
import Foundation
import MHC
import MHCHarness

BLASRuntime.ensureFastKernel()

struct SinkhornIterations: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sinkhorn-iterations",
    abstract:
      "mHC over t_max: final loss, deviation of H_res from doubly stochastic, Amax gains, step time; the projection "
      + "alone."
  )
  @OptionGroup var sweep: SweepOptions
  @Option(help: "t_max values to train, comma separated (default: 0,1,2,3,5,10,20,50; tiny: 0,1,5,20).")
  var iterations: CommaList<Int>?
  @Option(help: "Seeds at the deeper depth (default: as --seeds; 1 in tiny).") var deepSeeds: Int?
  @Option(help: "Layers of the deeper model (default: 8 quick, 12 paper; the reference has 4).") var deepLayers: Int?
  @Option(help: "Training steps (default: 300 quick, 2000 paper).") var steps: Int?
  @Option(help: "Sequences per batch (default: 8 quick, 16 paper).") var batch: Int?
  @Option(help: "Sequence length (default: 64 quick, 128 paper).") var seq: Int?
  @Option(help: "Peak learning rate (default: 3e-3).") var lr: Double?
  @Option(help: "Standard deviations of the random logits of the isolated projection, comma separated.")
  var scales: CommaList<Double>?

  // MARK: Config: the runs of each preset

  /// The runs (``SinkhornDesign``): every t_max at two depths, each against t_max = 20.
  var design: SinkhornDesign {
    SinkhornDesign(
      preset: sweep.preset, iterations: iterations?.values, seeds: sweep.seeds, deepSeeds: deepSeeds, steps: steps,
      batch: batch, seq: seq, lr: lr, deepLayers: deepLayers)
  }

  /// One model depth of the sweep: every t_max is trained at it, for `seeds` seeds.
  struct Depth {
    var cell: SinkhornDesign.Cell
    var config: TrainConfig
    var seeds: Int
    var color: String
    var label: String { "L=\(config.model.layers)" }
  }

  func depths() -> [Depth] {
    let d = design
    return d.cells.enumerated().map { i, c in
      Depth(
        cell: c, config: d.config(c, d.referenceT, seed: 0), seeds: d.seeds(c),
        color: i == 0 ? PlotStyle.color(for: "mhc") : "#ff7f0e")
    }
  }

  var tValues: [Int] { design.iterations }
  func run(_ d: Depth, t: Int, seed: Int) -> SweepRun { design.run(d.cell, t, seed: seed) }
  /// The t_max every other one is compared with: the paper's 20, or the largest trained t_max without it.
  var referenceT: Int { design.referenceT }

  /// Final loss of each t_max minus that of ``referenceT`` at the same depth, paired by seed (nil
  /// for the reference itself, and for every t_max when the reference was not trained).
  func gapsToReference(_ cs: [Cell]) -> [PairedComparison?] {
    guard let ref = cs.first(where: { $0.t == referenceT }) else { return cs.map { _ in nil } }
    return cs.map { $0.t == referenceT ? nil : PairedComparison.finalLoss($0.runs, baseline: ref.runs) }
  }

  func validate() throws {
    guard tValues.allSatisfy({ $0 >= 0 }) else { throw ValidationError("--iterations: every t_max must be ≥ 0") }
  }

  func run() throws {
    try design.sweep().execute(sweep) { try report($0) }
  }

  // MARK: Results: the runs of one depth at one t_max

  /// The runs of one depth at one t_max, with the projection's time for their batch.
  struct Cell {
    var t: Int
    var runs: [LoadedRun]
    /// Seconds of one Sinkhorn forward + backward over a batch, times the number of sublayers.
    var sinkhornSeconds: Double
    var completed: [LoadedRun] { runs.filter { $0.summary.status == .completed } }
    var diverged: Int { runs.count - completed.count }
    /// `f` of each completed run.
    func values(_ f: (LoadedRun) -> Double?) -> [Double] { completed.compactMap(f).filter(\.isFinite) }
    /// `f` over the completed runs: mean and 95% interval.
    func interval(_ f: (LoadedRun) -> Double?) -> SeedInterval { SeedInterval(values(f)) }
    /// Mean of `f` over the completed runs (nil if none).
    func mean(_ f: (LoadedRun) -> Double?) -> Double? {
      let i = interval(f)
      return i.n == 0 ? nil : i.mean
    }
    /// Median training step, mean over all runs (diverged ones too: their steps took as long).
    var stepSeconds: Double { SeedInterval(runs.map(\.medianStepSeconds)).mean }
    /// The Sinkhorn share of the step, e.g. "4.2%".
    var share: String { String(format: "%.1f%%", 100 * sinkhornSeconds / stepSeconds) }
  }

  // MARK: Report: the measurements without training (Measurements.swift), figures, summary

  func report(_ all: [LoadedRun]) throws {
    let index = RunIndex(all)
    let ds = depths(), timing = try timings(ds)
    let cells = ds.map { d in
      tValues.map { t in
        let tokens = Double(d.config.batch * d.config.model.seq)
        let s = timing.first { $0[0] == Double(t) && $0[1] == tokens }.map { $0[2] + $0[3] } ?? .nan
        return Cell(
          t: t, runs: (0..<d.seeds).compactMap { index[run(d, t: t, seed: $0).id] },
          sinkhornSeconds: s * Double(2 * d.config.model.layers))
      }
    }
    let proj = try projection(n: ds[0].config.model.connection.streams)
    for figure in figures(ds, cells, proj: proj) { try Gnuplot.render(figure, in: sweep.plots) }
    let page = DesignSummary(design, runs: all, options: sweep).markdown(
      figures: ["loss", "deviation", "gain", "step-time", "convergence"].map { "sinkhorn-iterations-\($0).png" },
      extra: extras(ds, cells, proj: proj, scales: projectionScales(proj)))
    try ExperimentSummary.write(
      page, experiment: "sinkhorn-iterations", options: sweep, figures: "sinkhorn-iterations-*.png")
  }

}

SinkhornIterations.main()
