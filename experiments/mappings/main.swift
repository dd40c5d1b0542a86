// mappings — what does mHC's H_res learn? (paper Fig. 8, and the init the paper leaves open) (commands: README.md)
//
// This page: the runs (``MappingsDesign``) → the figures and summary.md (``DesignSummary``).
import ArgumentParser
import Experiments
import Foundation
import MHC
import MHCHarness

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

  // MARK: Figures and summary: loss, H_res and mappings over training

  func report(_ all: [LoadedRun]) throws {
    let d = design, page = DesignSummary(d, runs: all, options: sweep), seedCount = d.seedCount
    func loaded(_ v: Variant) -> [LoadedRun] { page.runs(.all, v) }
    let learned = MappingsDesign.variants.filter { $0.kind != .residual }
    /// Seed-mean of a per-sublayer mapping metric, averaged over sublayers, at every evaluation.
    func curve(_ v: Variant, _ value: (MappingRow) -> Double?) -> [(Double, Double)] { mappingCurve(loaded(v), value) }
    func final(_ v: Variant, _ value: (MappingRow) -> Double?) -> Double? { curve(v, value).last?.1 }

    // 1. heat maps: every sublayer of every variant (seed 0), end of training
    let rows: [[HeatMap]] = learned.compactMap { v in
      loaded(v).first { $0.config.seed == 0 }?.heatMaps(label: "\(v.label) ·", composite: nil)
    }
    let heatmaps = Chart.heatmaps(
      "mappings-hres",
      title:
        "token-averaged H_res of every sublayer after \(d.base.steps) steps (seed 0; row i: output stream i, "
        + "column j: input stream j)",
      rows: rows, cellWidth: 330, cellHeight: 250)

    // 2. over training: drift from init, distance from J/n, stream cosine
    func series(_ value: @escaping (MappingRow) -> Double?) -> [Series] {
      learned.enumerated().map { i, v in
        Series(
          v.label, color: PlotStyle.categorical(i), points: curve(v, value), style: "linespoints",
          dash: v.kind == .hc ? 2 : 1, width: 1.5)
      }
    }
    let overTraining = Chart.figure(
      "mappings-over-training",
      title: "what the mappings do over training (mean over sublayers and \(seedCount) seeds)",
      panels: [
        Panel(
          title: "drift of the token-averaged H_res from its initial value", xlabel: "step", ylabel: "‖H̄ − H̄₀‖_F",
          series: series { $0.drift }, extra: ["set key off"]),
        Panel(
          title: "distance of H_res from J/n (per token)", xlabel: "step", ylabel: "‖H − J/n‖_F",
          series: series { $0.distanceUniform }, extra: ["set key off"]),
        Panel(
          title: "stream similarity after each sublayer (1 = identical copies)", xlabel: "step",
          ylabel: "mean pairwise cosine", series: series { $0.diversity },
          extra: ["set key outside right font ',9'"]),
      ], columns: 1, width: 1300, height: 1350)

    // 3. loss gap to the residual baseline
    let loss = page.gapBars(
      "mappings-loss",
      title: "final validation loss − residual baseline: mean and 95% interval over \(seedCount) seeds "
        + "(paired by seed)",
      xlabel:
        "HC, or mHC with H_res init u = uniform, eye, id = identity (±3, home pre); + e = stream embeddings, + h = "
        + "home-stream H_pre; lr×10 = connection lr",
      ylabel: "loss gap to residual (nats/byte)", variantLabel: \.short, include: { $1 == MappingsDesign.residual },
      width: 1500, height: 620)

    // summary: the engine's tables, and the mappings at the end of training
    var table = MarkdownTable([
      "variant", "H_res drift", "‖H − J/n‖", "‖H − I‖", "entropy / ln n", "stream cosine", "max composite bwd gain",
    ])
    let c = d.base, n = Double(c.model.connection.streams)
    for v in learned {
      let gain = loaded(v).compactMap(\.summary.maxCompositeBackwardGain).max()
      table.add([
        v.label, cell(final(v) { $0.drift }, 3), cell(final(v) { $0.distanceUniform }, 3),
        cell(final(v) { $0.distanceIdentity }, 3), cell(final(v) { $0.entropy.map { $0 / .log(n) } }, 3),
        cell(final(v) { $0.diversity }, 3), cell(gain, 4),
      ])
    }
    // per-sublayer drift at the end (seed mean): where H_res can and cannot move
    var perSublayer = MarkdownTable(["variant"] + (1...(2 * c.model.layers)).map { "sublayer \($0)" })
    for v in learned {
      let drift = finalMappingProfile(loaded(v)) { $0.drift }
      perSublayer.add(
        [v.label] + (0..<(2 * c.model.layers)).map { drift[$0].map { String(format: "%.3f", $0) } ?? "–" })
    }
    try page.publish(
      [heatmaps, overTraining, loss],
      extra: [
        ("The mappings at the end of training (last evaluation; means over sublayers and seeds)", table.text),
        ("Where H_res moves: drift from init per sublayer (mean over seeds)", perSublayer.text),
      ])
  }
}

Mappings.launch()
