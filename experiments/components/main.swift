// components — the paper's Table 1: which of the three mappings carry the gain? (commands: README.md)
//
// This page: config → runs → Table 1's figures and summary.md.
import ArgumentParser
import Experiments
import Foundation
import MHC
import MHCHarness

typealias Variant = ComponentsDesign.Variant

struct Components: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Paper Table 1 (learned mappings none/res/res+pre/res+pre+post, for HC and mHC) and mHC bias init × "
      + "static/dynamic."
  )
  @OptionGroup var sweep: SweepOptions
  @Option(help: "Training steps (default: 300 quick, 2000 paper).") var steps: Int?
  @Option(help: "Layers (default: 4 quick, 8 paper).") var layers: Int?
  @Option(help: "Sequences per batch (default: 8 quick, 16 paper).") var batch: Int?
  @Option(help: "Sequence length (default: 64 quick, 128 paper).") var seq: Int?
  @Option(help: "Peak learning rate (default: 3e-3).") var lr: Double?

  /// The runs (``ComponentsDesign``): every variant × seed against the residual.
  var design: ComponentsDesign {
    ComponentsDesign(
      preset: sweep.preset, seeds: sweep.seeds, steps: steps, layers: layers, batch: batch, seq: seq, lr: lr)
  }

  func run() throws {
    try design.sweep().execute(sweep) { try report($0) }
  }

  // MARK: Figures and summary: Table 1's two figures, Table 1 in the paper's shape, and the engine's summary

  func report(_ all: [LoadedRun]) throws {
    let d = design, page = DesignSummary(d, runs: all, options: sweep)
    func gap(_ v: Variant) -> PairedComparison { page.gap(.all, v, vs: ComponentsDesign.residual) }
    let hc = ComponentsDesign.table1.map { gap(Variant(kind: .hc, learned: $0)) }
    let mhc = ComponentsDesign.table1.map { gap(Variant(kind: .mhc, learned: $0)) }
    let grid = ComponentsDesign.initGrid.map { $0.map(gap) }
    func over(_ gaps: [PairedComparison]) -> String {
      let ns = gaps.map(\.n).filter { $0 > 0 }, lo = ns.min() ?? 0, hi = ns.max() ?? 0
      return "mean and 95% interval over \(lo == hi ? "\(lo)" : "\(lo)–\(hi)") seeds (paired by seed)"
    }
    let table1 = barChart(
      "components-table1",
      title:
        "paper Table 1: loss gap to the residual baseline by learned mappings (\(over(hc + mhc)); lower is better)",
      xlabel: "learned mappings (the others fixed: H_pre = 1/n, H_post = 1, H_res = I)",
      groups: ComponentsDesign.table1.map(\.name),
      series: [
        ("paper: HC, 27B", "#f4a582", ComponentsDesign.table1.map { Bar(value: $0.paperGap, error: .nan, note: "") }),
        ("HC (ours)", PlotStyle.color(for: "hc"), hc.map(\.bar)),
        ("mHC (ours)", PlotStyle.color(for: "mhc"), mhc.map(\.bar)),
      ])
    let initFigure = barChart(
      "components-init",
      title:
        "mHC, all mappings learned, bias init × static/dynamic: loss gap to residual, \(over(Array(grid.joined())))",
      xlabel: "mappings (static: Φ frozen at 0, so H depends only on the biases)",
      groups: ["dynamic", "static"],
      series: [
        ("uniform init (b = 0)", PlotStyle.color(for: "mhc"), grid[0].map(\.bar)),
        ("identity init (b = ±3)", "#ff7f0e", grid[1].map(\.bar)),
      ], width: 1000)
    var t1 = MarkdownTable(["learned", "H_res", "H_pre", "H_post", "paper: HC (27B)", "HC (ours)", "mHC (ours)"])
    for (i, l) in ComponentsDesign.table1.enumerated() {
      t1.add(
        [l.name] + [l.res, l.pre, l.post].map { $0 ? "✓" : "✗" }
          + [i == 0 ? "0.0 (baseline)" : signed(l.paperGap), hc[i].text, mhc[i].text])
    }
    try page.publish(
      [table1, initFigure],
      extra: [("Table 1 in the paper's shape (loss gap to the residual, paired by seed)", t1.text)])
  }
}

Components.launch()
