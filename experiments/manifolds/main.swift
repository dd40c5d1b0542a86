// manifolds — other ways to build mHC's H_res, on the same harness (paper §3, "general framework"):
//
//   swift run -c release manifolds                  # quick preset (~20 min on 2 cores)
//   swift run -c release manifolds --preset paper   # 3000 steps, 3 seeds, stress at the reference width
//   swift run -c release manifolds --replot         # figures + summary.md from results/ only
//
// This page: config → runs → report (with the figures). Figures.swift: the figures; Summary.swift:
// summary.md.
import ArgumentParser
import Experiments
import Foundation
import MHC
import MHCHarness

struct Manifolds: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "mHC's residual manifolds side by side: loss gap, composite gain, column deviation, step time.")
  @OptionGroup var sweep: SweepOptions

  typealias Member = ManifoldsDesign.Member

  /// The runs (``ManifoldsDesign``): every member in both settings.
  var design: ManifoldsDesign { ManifoldsDesign(preset: sweep.preset, seeds: sweep.seeds) }
  var members: [Member] { design.members }
  /// One color per registered manifold, in registry order (the learned collapse: pink).
  static let palette = [
    PlotStyle.color(for: "mhc"), "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#bcbd22", "#7f7f7f",
    "#1f77b4", "#aec7e8",
  ]
  func color(_ m: Member) -> String {
    guard let manifold = m.manifold else { return PlotStyle.color(for: "residual") }
    if m.collapse == .learned { return "#e377c2" }
    return Self.palette[(ResidualManifold.allCases.firstIndex(of: manifold) ?? 0) % Self.palette.count]
  }

  func run() throws {
    try design.sweep().execute(sweep) { try report($0) }
  }

  // MARK: Figures and summary

  /// The summary's lookups: a member's runs in a cell, by seed (``DesignSummary/runs(_:_:)``).
  typealias Page = DesignSummary<ManifoldsDesign>

  func report(_ all: [LoadedRun]) throws {
    let page = Page(design, runs: all, options: sweep)
    try figures(page)
    let text = page.markdown(
      figures: ["loss", "gains", "collapse", "collapse-training", "time"].map { "manifolds-\($0).png" },
      extra: extras(page))
    try ExperimentSummary.write(text, experiment: "manifolds", options: sweep, figures: "manifolds-*.png")
  }
}

Manifolds.launch()
