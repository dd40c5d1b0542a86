// manifolds — other ways to build mHC's H_res, on the same harness (paper §3, "general framework")
// Commands, presets and figures: README.md.
//
// This page: config → runs → report and the summary's tables of its own. Figures.swift: the figures.
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
    try page.publish(figures(page), extra: extras(page))
  }

  // MARK: The summary's tables of its own

  /// The tables of manifolds' own: each member's published claim and column deviation, the stream
  /// collapse of the composite, the shape of the mixing (the columns: README.md).
  func extras(_ page: Page) -> [(title: String, text: String)] {
    let sets = design.cells
    var t = MarkdownTable(["member"] + sets.map { "\($0.rawValue): max column deviation" } + ["published claim"])
    for m in members {
      let deviations = sets.map { s in
        m.manifold == nil ? "0" : cell(page.runs(s, m).compactMap(\.summary.maxColumnDeviation).max(), 2)
      }
      t.add([m.name] + deviations + [m.claim])
    }
    /// One row per member (not the residual): `columns` of each setting's finished runs.
    func table(_ headers: [String], _ columns: ([LoadedRun]) -> [String]) -> String {
      var t = MarkdownTable(["member"] + sets.flatMap { s in headers.map { "\(s.rawValue): \($0)" } })
      for m in members.dropFirst() { t.add([m.name] + sets.flatMap { columns(page.runs($0, m)) }) }
      return t.text
    }
    /// Mean ± 95% over the runs of a finite `value` (nil: none).
    func over<T>(_ items: [T], _ value: (T) -> Double?) -> SeedInterval {
      SeedInterval(items.compactMap(value).filter(\.isFinite))
    }
    // stream collapse: the composite after the last sublayer at the last evaluation
    let collapse = table(["‖composite − J/n‖ (mean ± 95%)", "‖composite − I‖"]) { runs in
      let last = runs.compactMap { $0.mappingRows.max { ($0.step, $0.sublayer) < ($1.step, $1.sublayer) } }
      return [wide(over(last, \.compositeDistanceUniform)), wide(over(last, \.compositeDistanceIdentity))]
    }
    // the shape of the token-averaged mappings at the end of training (hres.json): permutation-likeness and rank
    let shape = table([
      "sublayer ‖H̄ − nearest permutation‖ (mean over sublayers)", "composite ‖H̄ − nearest permutation‖",
      "composite effective rank",
    ]) { runs in
      let maps = runs.compactMap(\.mappings).filter { !$0.sublayers.isEmpty }
      let perSublayer = over(maps) { h in
        h.sublayers.map { MixingShape.nearestPermutation($0, n: h.n).distance }.reduce(0, +) / Double(h.sublayers.count)
      }
      return [
        wide(perSublayer), wide(over(maps) { MixingShape.nearestPermutation($0.composite, n: $0.n).distance }),
        over(maps) { MixingShape.effectiveRank($0.composite, n: $0.n) }.text(2),
      ]
    }
    return [
      ("The members and what their sources publish (not verdicts of this experiment)", t.text),
      (
        "Stream collapse: ‖composite − J/n‖ and ‖composite − I‖ after the last sublayer (mean ± 95% over seeds)",
        collapse
      ),
      ("The shape of the mixing: distance to the nearest permutation, effective rank of the composite", shape),
    ]
  }
}

/// Mean ± 95% with fixed decimals, or three significant digits once `none`'s products run away.
func wide(_ v: SeedInterval) -> String {
  v.n == 0 ? "–" : abs(v.mean) >= 1e4 ? String(format: "%.3g ± %.2g", v.mean, v.halfWidth) : v.text(3)
}

Manifolds.launch()
