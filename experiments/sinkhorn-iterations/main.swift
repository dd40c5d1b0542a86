// sinkhorn-iterations — how many Sinkhorn-Knopp iterations does mHC need? (commands: README.md)
//
// This page: config → runs → report. Measurements.swift: the projection timed and run alone;
// Figures.swift and Summary.swift: the figures and summary.md.
import ArgumentParser
import Experiments
import Foundation
import MHC
import MHCHarness

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
  typealias Page = DesignSummary<SinkhornDesign>
  /// One model depth of the sweep (a cell): every t_max is trained at it.
  typealias Depth = SinkhornDesign.Cell

  var tValues: [Int] { design.iterations }
  /// The t_max every other one is compared with: the paper's 20, or the largest trained t_max without it.
  var referenceT: Int { design.referenceT }
  /// A depth's setting (t_max and seed aside), its colour and its sublayers.
  func config(_ d: Depth) -> TrainConfig { design.config(d, referenceT, seed: 0) }
  func color(_ d: Depth) -> String { d == design.reference ? PlotStyle.color(for: "mhc") : "#ff7f0e" }
  func sublayers(_ d: Depth) -> Int { 2 * d.layers }

  func validate() throws {
    guard tValues.allSatisfy({ $0 >= 0 }) else { throw ValidationError("--iterations: every t_max must be ≥ 0") }
  }

  func run() throws {
    try design.sweep().execute(sweep) { try report($0) }
  }

  // MARK: Results: the runs of one depth at one t_max

  /// Runs that diverged at depth `d` and t_max `t`.
  func diverged(_ p: Page, _ d: Depth, _ t: Int) -> Int { p.runs(d, t).count - p.completed(d, t).count }
  /// t_max on a log axis: plotted at t + 1, labelled t; a cross at the bottom, in the depth's colour,
  /// where runs diverged (the summary counts them). Returns the axis commands and its label.
  static func x(_ t: Int) -> Double { Double(t + 1) }
  func axis(_ p: Page) -> ([String], String) {
    var axis = [
      "set xtics (" + tValues.map { "'\($0)' \(Self.x($0))" }.joined(separator: ", ") + ")",
      "set xrange [0.8:\(Self.x(tValues.max() ?? 50) * 1.3)]",
    ]
    for (i, d) in design.cells.enumerated() {
      for t in tValues where diverged(p, d, t) > 0 {
        axis.append(
          "set label '✗' at first \(Self.x(t)), graph \(0.04 + 0.06 * Double(i)) center textcolor rgb '\(color(d))' "
            + "font ',16' front")
      }
    }
    return (axis, "t_max (Sinkhorn iterations; log scale)" + (axis.count > 2 ? "    ✗ = runs diverged" : ""))
  }

  // MARK: Report: the measurements without training (Measurements.swift), figures, summary

  func report(_ all: [LoadedRun]) throws {
    let page = Page(design, runs: all, options: sweep),
      time = try timing()
    let proj = try projection(n: config(design.reference).model.connection.streams)
    try page.publish(
      figures(page, time, proj: proj), extra: extras(page, time, proj: proj, scales: projectionScales(proj)))
  }
}

SinkhornIterations.launch()
