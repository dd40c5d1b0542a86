// expansion — how HC's and mHC's effect depends on the expansion rate n (HC paper, Table 1) (commands: README.md)
//
// This page: the runs (``ExpansionDesign``) → the figure → summary.md (``DesignSummary`` and
// its costs table). Figures.swift: the figure.
import ArgumentParser
import Experiments
import Foundation
import MHC
import MHCHarness

struct Expansion: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Expansion rate n of HC and mHC: final loss, step time, memory and composite gain vs n.")
  @OptionGroup var sweep: SweepOptions
  @Option(help: "Expansion rates n, comma separated (distinct, ≥ 1).") var streams = CommaList<Int>([1, 2, 4, 8])
  @Option(help: "Training steps (default: 250 quick, 3000 paper).") var steps: Int?

  func validate() throws {
    let n = streams.values
    guard n.allSatisfy({ $0 >= 1 }), Set(n).count == n.count else {
      throw ValidationError(
        "--streams '\(n.map(String.init).joined(separator: ","))' is invalid; write distinct rates ≥ 1, e.g. 1,2,4,8")
    }
  }

  /// The runs (``ExpansionDesign``): the residual and HC / mHC at every rate, against the residual.
  var design: ExpansionDesign {
    ExpansionDesign(preset: sweep.preset, rates: streams.values.sorted(), seeds: sweep.seeds, steps: steps)
  }

  func run() throws {
    try design.sweep().execute(sweep) { try report($0) }
  }

  // MARK: Figures and summary

  typealias Page = DesignSummary<ExpansionDesign>
  typealias Variant = ExpansionDesign.Variant

  func report(_ all: [LoadedRun]) throws {
    let d = design, page = Page(d, runs: all, options: sweep)
    guard !page.runs(.rates, .residual).isEmpty else {
      throw MHCError("expansion: the residual runs are missing from \(sweep.results)/expansion")
    }
    // HC and mHC at every rate with runs
    let trained = [ConnectionKind.hc, .mhc].map { k in
      d.rates.map { Variant(kind: k, rate: $0) }.filter { !page.runs(.rates, $0).isEmpty }
    }
    try page.publish([figure(page, trained)], extra: [("Cost and composite gain", costs(page, trained))])
  }

  /// Step time (each run's median), training memory (MiB) and the largest composite gain of
  /// `variant` over every finished seed (a diverged run's costs count; the residual's gain is 1).
  func stepSeconds(_ p: Page, _ v: Variant) -> SeedInterval {
    p.over(.rates, v, diverged: true) { $0.medianStepSeconds }
  }
  func mebibytes(_ p: Page, _ v: Variant) -> SeedInterval {
    p.over(.rates, v, diverged: true) { $0.summary.trainingBytes.map { Double($0) / 1_048_576 } }
  }
  func composite(_ p: Page, _ v: Variant, _ pick: @escaping (RunSummary) -> Double?) -> SeedInterval {
    v.kind == .residual ? SeedInterval([1]) : p.over(.rates, v, diverged: true) { pick($0.summary) }
  }

  /// Step time, training memory and composite gain of every variant, beside the residual's.
  func costs(_ p: Page, _ trained: [[Variant]]) -> String {
    var costs = MarkdownTable([
      "variant", "n", "s/step (mean ± 95%)", "vs residual", "memory (MiB)", "vs residual",
      "composite gain fwd (mean ± 95%)", "composite gain bwd (mean ± 95%)",
    ])
    func percent(_ x: Double) -> String { x.isFinite ? String(format: "%.0f%%", 100 * x) : "–" }
    let time = stepSeconds(p, .residual).mean, memory = mebibytes(p, .residual).mean
    for v in [.residual] + trained.joined() {
      let identity = v.kind == .residual, t = stepSeconds(p, v), m = mebibytes(p, v)
      costs.add([
        v.kind.rawValue, "\(v.rate)", t.text(3), percent(t.mean / time), cell(m.mean, 4), percent(m.mean / memory),
        identity ? "1" : composite(p, v, \.maxCompositeForwardGain).text(2),
        identity ? "1" : composite(p, v, \.maxCompositeBackwardGain).text(2),
      ])
    }
    return costs.text + "\nStep time: each run's median training step (evaluation excluded). Memory: the bytes the "
      + "model holds for training (parameters, gradients, AdamW moments, activations; counted, not sampled).\n"
  }
}

Expansion.launch()
