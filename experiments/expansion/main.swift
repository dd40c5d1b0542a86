// expansion — how HC's and mHC's effect depends on the expansion rate n (HC paper, Table 1)
//
//   swift run -c release expansion                  # quick preset (~13 min on 2 cores)
//   swift run -c release expansion --preset paper   # 3000 steps, 3 seeds (~4 h; or --shard K/N)
//   swift run -c release expansion --replot         # figures + summary.md from results/ only
//
// The design (cells, variants, seeds, comparisons) and its documentation: Sources/Experiments;
// what the results mean: experiments/expansion/README.md.
//
// This page: the runs (``ExpansionDesign``) → the figure → summary.md (``DesignSummary`` and
// Summary.swift's costs). Group.swift: the runs of a connection at a rate; Figures.swift: the figure.
import ArgumentParser
import Experiments
import Foundation
import MHC
import MHCHarness

BLASRuntime.ensureFastKernel()

struct Expansion: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Expansion rate n of HC and mHC: final loss, step time, memory and composite gain vs n.")
  @OptionGroup var sweep: SweepOptions
  @Option(help: "Expansion rates n, comma separated.") var streams = "1,2,4,8"
  @Option(help: "Training steps (default: 250 quick, 3000 paper).") var steps: Int?

  // MARK: Config: the runs of each preset

  func rates() throws -> [Int] {
    let n = streams.split(separator: ",").compactMap { Int($0) }
    guard !n.isEmpty, n.count == streams.split(separator: ",").count, n.allSatisfy({ $0 >= 1 }), Set(n).count == n.count
    else {
      throw ValidationError("--streams '\(streams)' is invalid; write distinct rates ≥ 1, e.g. 1,2,4,8")
    }
    return n.sorted()
  }

  /// The runs (``ExpansionDesign``): the residual and HC / mHC at every rate, against the residual.
  func design() throws -> ExpansionDesign {
    ExpansionDesign(preset: sweep.preset, rates: try rates(), seeds: sweep.seeds, steps: steps)
  }

  func run() throws {
    try design().sweep().execute(sweep) { try report($0) }
  }

  // MARK: Figures and summary

  func report(_ all: [LoadedRun]) throws {
    let d = try design(), page = DesignSummary(d, runs: all, options: sweep)
    func group(_ v: ExpansionDesign.Variant) -> Group { Group(kind: v.kind, n: v.rate, runs: page.runs(.rates, v)) }
    let residual = group(.residual)
    guard !residual.runs.isEmpty else {
      throw MHCError("expansion: the residual runs are missing from \(sweep.results)/expansion")
    }
    let variants = [ConnectionKind.hc, .mhc].map { k in
      d.rates.map { group(.init(kind: k, rate: $0)) }.filter { !$0.runs.isEmpty }
    }
    try Gnuplot.render(figure(residual: residual, variants: variants), in: sweep.plots)
    let text = page.markdown(
      figures: ["expansion.png"], extra: [("Cost and composite gain", costs(residual: residual, variants: variants))])
    try ExperimentSummary.write(text, experiment: "expansion", options: sweep, figures: "expansion.png")
  }
}

Expansion.main()
