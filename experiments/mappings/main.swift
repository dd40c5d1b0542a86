// mappings — what does mHC's H_res learn? (paper Fig. 8, and the init the paper leaves open)
//
//   swift run -c release mappings                 # quick preset (~15 min on 2 cores)
//   swift run -c release mappings --preset paper  # reference width, 4 layers, 5000 steps (hours)
//   swift run -c release mappings --replot        # figures + summary.md from results/ only
//
// This page: the runs (``MappingsDesign``). Report.swift: the figures and summary.md (``DesignSummary``).
import ArgumentParser
import Foundation
import MHC
import MHCHarness
import Experiments

typealias Variant = MappingsDesign.Variant

struct Mappings: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "What mHC's H_res learns: stream-symmetry breaking × bias init × connection learning rate, with HC and the "
        + "residual for reference."
  )
  @OptionGroup var sweep: SweepOptions
  @Option(help: "Training steps (default: 1000 quick, 5000 paper).") var steps: Int?
  @Option(help: "Layers (default: 3 quick, 4 paper).") var layers: Int?
  @Option(help: "Model width C (default: 64 quick, 128 paper).") var width: Int?
  @Option(help: "Peak learning rate (default: 3e-3).") var lr: Double?

  /// The runs (``MappingsDesign``): every variant × seed, against the residual and option against option.
  var design: MappingsDesign {
    MappingsDesign(preset: sweep.preset, seeds: sweep.seeds, steps: steps, layers: layers, width: width, lr: lr)
  }

  func run() throws {
    try design.sweep().execute(sweep) { try report($0) }
  }

  // MARK: Figures and summary
}

Mappings.launch()
