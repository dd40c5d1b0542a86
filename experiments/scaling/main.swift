// scaling — does mHC's advantage over the residual baseline survive scale? (paper Fig. 6) (commands: README.md)
//
// This page: config → runs → report. SizeResult.swift: a size's runs through the declaration;
// Figures.swift and Summary.swift: the figures and summary.md.
import ArgumentParser
import Experiments
import Foundation
import MHC
import MHCHarness

let variants: [ConnectionKind] = [.residual, .hc, .mhc]

struct Scaling: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Compute and token scaling of residual, HC and mHC: loss vs FLOPs, power-law fits, loss gap and ratio to the "
      + "baseline."
  )
  @OptionGroup var sweep: SweepOptions
  @Option(
    help: "Model sizes WIDTHxLAYERS, comma separated (default: 64x2,96x3,128x4 quick; 96x3,128x4,192x6,256x8 paper).")
  var sizes: String?
  @Option(help: "Training tokens per non-embedding parameter of the residual model (default: 2).")
  var tokensPerParameter: Double?
  @Option(help: "Token scaling: the smallest size trained this many times its compute-scaling budget (default: 8).")
  var long: Double?
  @Option(help: "Expansion rate n of HC and mHC.") var streams = 4

  /// The runs (``ScalingDesign``): every size × connection × seed, and the long runs of the smallest size.
  func design() throws -> ScalingDesign {
    let d = ScalingDesign(
      preset: sweep.preset, sizes: try sizes.map(ModelSize.parse), tokensPerParameter: tokensPerParameter,
      seeds: sweep.seeds, long: long, streams: streams)
    guard d.tokensPerParameter > 0, d.seedCount >= 1, d.long > 0 else {
      throw ValidationError("--tokens-per-parameter and --long must be > 0 and --seeds ≥ 1")
    }
    return d
  }

  func run() throws {
    let d = try design()
    try d.sweep().execute(sweep) { try report($0, plan: d) }
  }

  // MARK: Figures and summary

  func report(_ all: [LoadedRun], plan p: ScalingDesign) throws {
    let longIDs = Set(p.longRuns.map(\.id))
    let long = all.filter { longIDs.contains($0.id) }
    let page = DesignSummary(p, runs: all, options: sweep)
    let results = page.trainedCells.map { SizeResult(size: $0, page: page) }
      .sorted { $0.compute < $1.compute }
    let fits = Dictionary(
      uniqueKeysWithValues: variants.compactMap { k in
        PowerLaw(results.map { ($0.compute, $0.loss(k).mean) }).map { (k, $0) }
      })
    try page.publish(
      [computeFigure(results, fits: fits), tokenFigure(long)], extra: extras(results, fits: fits, long: long, plan: p))
  }
}

Scaling.launch()
