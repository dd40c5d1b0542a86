// stability — residual vs HC vs mHC side by side (paper Fig. 2, 3, 5, 7, 8) and a stress sweep (commands: README.md)
//
// This page: the runs (``StabilityDesign``) → figures → summary.md (``DesignSummary``). Figures.swift:
// heat maps and the stress figure; Curves.swift: the curves of seed 0.
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

  typealias Page = DesignSummary<StabilityDesign>

  func report(_ all: [LoadedRun]) throws {
    let d = design, page = Page(d, runs: all, options: sweep)
    // Curves, gain profiles and heat maps need one run per connection: seed 0. Tables use every seed.
    func seed0(_ k: ConnectionKind) -> LoadedRun? { page.runs(.main, k).first { $0.config.seed == 0 } }
    guard let res = seed0(.residual), let hc = seed0(.hc), let mhc = seed0(.mhc) else {
      throw MHCError("stability: the seed-0 residual, hc and mhc runs are missing from \(sweep.results)/stability")
    }
    let stress = d.stressCells.flatMap(page.runs)
    try page.publish(
      curveFigures(res: res, hc: hc, mhc: mhc) + [
        heatmaps(hc: hc, mhc: mhc), stress.isEmpty ? nil : stressFigure(stress),
      ])
    print("")
    for line in headline(page) { print(line) }
  }

  /// The three lines the main command ends with: HC's and mHC's peak composite gain (geometric
  /// mean over the seeds, 95% interval over log10 of the per-run peaks) and mHC − residual.
  func headline(_ page: Page) -> [String] {
    func gain(_ k: ConnectionKind, paper: String) -> String {
      let logs = page.over(.main, k) { $0.summary.maxCompositeBackwardGain.flatMap { $0 > 0 ? log10($0) : nil } }
      guard logs.n >= 2 else { return "\(logs.n) seed: no interval" }
      func g(_ x: Double) -> String { cell(pow(10, x), 3) }
      return "\(g(logs.mean)) [\(g(logs.lower)), \(g(logs.upper))] over \(logs.n) seeds (paper, 27B: \(paper))"
    }
    return [
      "HC's peak composite gain:   \(gain(.hc, paper: "≈ 3000"))",
      "mHC's peak composite gain:  \(gain(.mhc, paper: "≈ 1.6"))",
      "mHC − residual final loss:  \(page.gap(.main, .mhc, vs: .residual).text) (paper, 27B: −0.021)",
    ]
  }
}

Stability.launch()
