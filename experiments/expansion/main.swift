// expansion — how HC's and mHC's effect depends on the expansion rate n (HC paper, Table 1)
//
// n ∈ {1, 2, 4, 8} for HC and mHC at the reference configuration, beside the residual baseline:
// final loss, step time, training memory and composite Amax gain, each as a function of n.
//
//   swift run -c release expansion                  # quick preset (~13 min on 2 cores)
//   swift run -c release expansion --preset paper   # 3000 steps, 3 seeds (~4 h; or --shard K/N)
//   swift run -c release expansion --replot         # figures + summary.md from results/ only
import ArgumentParser
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
  var seeds: Int? { sweep.seeds }

  // MARK: Config: the runs of each preset

  func rates() throws -> [Int] {
    let n = streams.split(separator: ",").compactMap { Int($0) }
    guard !n.isEmpty, n.count == streams.split(separator: ",").count, n.allSatisfy({ $0 >= 1 }), Set(n).count == n.count else {
      throw ValidationError("--streams '\(streams)' is invalid; write distinct rates ≥ 1, e.g. 1,2,4,8")
    }
    return n.sorted()
  }

  /// Ids name every difference from the reference configuration (here the steps), so presets that
  /// share a results folder never mistake each other's runs for their own.
  func runs() throws -> [SweepRun] {
    let paper = sweep.preset == .paper, tiny = sweep.preset == .tiny
    var base = tiny ? TrainConfig.tiny : TrainConfig()  // quick and paper: the reference configuration of SPEC.md
    base.steps = steps ?? (paper ? 3000 : tiny ? 8 : 250)
    base.evalEvery = paper ? 250 : tiny ? 4 : 50
    let n = try rates()
    var list: [SweepRun] = []
    for seed in 0..<(sweep.seedCount(tiny: 1)) {
      var residual = base; residual.connection = .residual; residual.seed = UInt64(seed)
      list.append(SweepRun(residual))
      for kind in [ConnectionKind.hc, .mhc] {
        for rate in n {
          var c = base; c.connection = kind; c.streams = rate; c.seed = UInt64(seed)
          list.append(SweepRun(c))
        }
      }
    }
    return list
  }

  func run() throws {
    try Sweep(experiment: "expansion", runs: runs()).execute(sweep) { try report($0) }
  }

  // MARK: Figures and summary

  func report(_ all: [LoadedRun]) throws {
    let groups = Dictionary(grouping: all) { Key(kind: $0.config.connection, n: $0.config.model.connection.streams) }
      .map { Group(kind: $0.key.kind, n: $0.key.n, runs: $0.value) }
    guard let residual = groups.first(where: { $0.kind == .residual }) else {
      throw MHCError("expansion: the residual runs are missing from \(sweep.results)/expansion")
    }
    let hc = groups.filter { $0.kind == .hc }.sorted { $0.n < $1.n }, mhc = groups.filter { $0.kind == .mhc }.sorted { $0.n < $1.n }
    try Gnuplot.render(figure(residual: residual, variants: [hc, mhc]), in: sweep.plots)
    try RunFiles.write(summary(residual: residual, variants: [hc, mhc], all: all), to: "\(sweep.results)/expansion/summary.md")
    print("expansion: figure in \(sweep.plots)/expansion.png, summary in \(sweep.results)/expansion/summary.md")
  }

  func figure(residual: Group, variants: [[Group]]) -> GnuplotFigure {
    let rates = variants.flatMap { $0.map(\.n) }, lo = Double(rates.min() ?? 1), hi = Double(rates.max() ?? 8)
    let xaxis = ["set key below horizontal", "set bmargin 5", "set logscale x 2", "set xrange [\(lo / 1.25):\(hi * 1.25)]", "set xtics (\(Set(rates).sorted().map(String.init).joined(separator: ", ")))"]
    /// HC and mHC (mean over seeds, and each seed as a dot) with the residual baseline as a dashed level.
    func panel(_ title: String, _ ylabel: String, logy: Bool = false, _ value: (Group) -> Double, seeds: ((Group) -> [Double])? = nil) -> Panel {
      var series = [Series("residual", points: [(lo / 1.25, value(residual)), (hi * 1.25, value(residual))], dash: 2, width: 1.5)]
      for groups in variants {
        guard let kind = groups.first?.kind.rawValue else { continue }
        series.append(Series(kind, points: groups.map { (Double($0.n), value($0)) }, style: "linespoints"))
        if let seeds {
          series.append(Series("", color: PlotStyle.color(for: kind), points: groups.flatMap { g in seeds(g).map { (Double(g.n), $0) } }, style: "points"))
        }
      }
      return Panel(title: title, xlabel: "expansion rate n", ylabel: ylabel, logx: true, logy: logy, series: series, extra: xaxis)
    }
    let gains = variants.flatMap { $0.map(\.compositeBackward) }.filter(\.isFinite)
    let wide = (gains.max() ?? 1) / max(gains.min() ?? 1, 1e-9) > 10  // a log axis only where it spans a decade
    let c = residual.runs[0].config
    let diverged = variants.flatMap { $0.flatMap(\.runs) }.filter { $0.summary.status != "completed" }.count
    return Chart.figure("expansion", title: "expansion rate n at C=\(c.width), L=\(c.layers), \(c.steps) steps, \(residual.runs.count) seed(s)"
                          + (diverged > 0 ? "; \(diverged) diverged runs have no loss" : ""), panels: [
      panel("final validation loss (dots: seeds; dashed: residual)", "loss (nats/byte)", { $0.loss }, seeds: { Array($0.losses.values) }),
      panel("training step time (median per run)", "seconds per step", { $0.stepSeconds }, seeds: { $0.runs.map(\.medianStepSeconds) }),
      panel("training memory: parameters, gradients, AdamW, activations", "MiB", { $0.mebibytes }),
      panel("largest composite backward Amax gain (last evaluation)", "gain", logy: wide, { $0.compositeBackward }),
    ], columns: 2)
  }

  func summary(residual: Group, variants: [[Group]], all: [LoadedRun]) -> String {
    var t = MarkdownTable(["variant", "n", "final val loss", "seeds: min – max", "gap to residual", "s/step", "vs residual",
                           "memory (MiB)", "vs residual", "composite gain fwd / bwd", "runs completed"])
    for g in [residual] + variants.flatMap({ $0 }) {
      let l = g.losses.values
      t.add([g.kind.rawValue, "\(g.n)", cell(g.loss), l.isEmpty ? "–" : "\(cell(l.min())) – \(cell(l.max()))",
             g.kind == .residual ? "0" : cell(g.gap(to: residual), 3), cell(g.stepSeconds, 3), percent(g.stepSeconds / residual.stepSeconds),
             cell(g.mebibytes, 4), percent(g.mebibytes / residual.mebibytes),
             "\(cell(g.compositeForward, 4)) / \(cell(g.compositeBackward, 4))",
             "\(g.losses.count) of \(g.runs.count)"])
    }
    // The seed spread (max − min of the final loss) of each variant and n: the noise floor of the gaps.
    let spreads = ([residual] + variants.flatMap { $0 }).compactMap { g in g.losses.count > 1 ? g.losses.values.max()! - g.losses.values.min()! : nil }
    let spread = spreads.isEmpty ? nil : spreads.sorted()[spreads.count / 2]
    var reading: [String] = []
    for groups in variants {
      guard let kind = groups.first?.kind.rawValue, let best = groups.filter({ $0.loss.isFinite }).min(by: { $0.loss < $1.loss }) else { continue }
      reading.append("- \(kind): lowest loss at n = \(best.n) (gap to residual \(cell(best.gap(to: residual), 3)) nats/byte); "
        + "from n = \(groups[0].n) to n = \(groups[groups.count - 1].n) the gap goes \(groups.map { cell($0.gap(to: residual), 2) }.joined(separator: " → ")), "
        + "the step time \(groups.map { percent($0.stepSeconds / residual.stepSeconds) }.joined(separator: " → ")) of the baseline's "
        + "and the memory \(groups.map { percent($0.mebibytes / residual.mebibytes) }.joined(separator: " → ")).")
    }
    let unfinished = all.filter { $0.summary.status != "completed" }
    let c = residual.runs[0].config
    return """
    # expansion — \(sweep.preset.rawValue) preset

    Configuration: C=\(c.width), layers=\(c.layers), heads=\(c.heads), seq \(c.seq) × batch \(c.batch), lr \(c.lr), t_max=\(c.iterations) (mHC), \(c.steps) steps, \(residual.runs.count) seed(s) per cell (same data order across variants for a seed). Losses are means over the seeds that completed; gaps are paired by seed, then averaged. Step time is each run's median training step (forward, backward, AdamW; evaluation excluded), averaged over seeds. Memory is the bytes the model holds for training: parameters, gradients, both AdamW moments and every activation buffer (deterministic; not the process's resident size). Composite gain: the largest composite Amax gain over the sublayers at the last evaluation (token average), forward / backward, averaged over seeds.

    \(unfinished.isEmpty ? "All \(all.count) runs completed." : "\(unfinished.count) of \(all.count) runs did not complete and have no loss: " + unfinished.map { "`\($0.id)` (\($0.summary.status) at step \($0.summary.divergedStep ?? $0.summary.steps))" }.joined(separator: ", ") + ".")

    \(t.text)
    ## Reading

    \(reading.joined(separator: "\n"))
    - Noise: \(spread.map { "the median seed spread (max − min of a cell's final loss) is \(cell($0, 2)) nats/byte; differences between n smaller than that are not resolved." } ?? "one seed per cell: no estimate of the seed-to-seed spread (use `--seeds`).")
    - n = 1 is a single stream with learned scalar mixing: mHC's H_res is then exactly 1 (the identity residual), HC's is 1 + α·tanh(…); any difference from the baseline there comes from the learned H_pre/H_post scales, not from stream mixing.
    - The paper counterpart is the HC paper's Table 1 (OLMo-1B, dynamic HC, n ∈ {1, 2, 4, 8}); the mHC paper's experiments use n = 4. Compare the direction of the trend with n, not the size of the gaps: our models have about \(cell(1e9 / Double(c.model.nonEmbeddingParameters), 2))× fewer parameters than a 1B model and see far fewer tokens. Step time and memory here are for an unfused CPU implementation; the paper's 6.7% overhead (n = 4) relies on fused kernels and recomputation.

    Figure: `plots/expansion.png` (loss, step time, memory and composite gain vs n).

    """
  }
}

struct Key: Hashable { var kind: ConnectionKind; var n: Int }

/// The runs of one variant at one expansion rate, over seeds.
struct Group {
  let kind: ConnectionKind, n: Int, runs: [LoadedRun]

  /// Final validation loss by seed, of the runs that completed (a diverged run has none).
  var losses: [UInt64: Double] {
    Dictionary(runs.compactMap { r in r.summary.status == "completed" ? r.summary.finalEvalLoss.map { (r.config.seed, $0) } : nil },
               uniquingKeysWith: { a, _ in a })
  }
  var loss: Double { mean(Array(losses.values)) }
  /// Loss minus the baseline's, paired by seed, averaged.
  func gap(to residual: Group) -> Double {
    let base = residual.losses
    return mean(losses.compactMap { s, l in base[s].map { l - $0 } })
  }
  var stepSeconds: Double { mean(runs.map(\.medianStepSeconds)) }
  var mebibytes: Double { mean(runs.compactMap { $0.summary.trainingBytes.map { Double($0) / 1_048_576 } }) }
  /// The residual connection is the identity: gain 1.
  var compositeForward: Double { kind == .residual ? 1 : mean(runs.compactMap(\.summary.maxCompositeForwardGain)) }
  var compositeBackward: Double { kind == .residual ? 1 : mean(runs.compactMap(\.summary.maxCompositeBackwardGain)) }
}

extension LoadedRun {
  /// The median training-step time: robust to the occasional slow step of a shared machine.
  var medianStepSeconds: Double {
    let t = metrics.map(\.stepSeconds).sorted()
    return t.isEmpty ? .nan : t[t.count / 2]
  }
}

func mean(_ x: [Double]) -> Double { x.isEmpty ? .nan : x.reduce(0, +) / Double(x.count) }

/// 1.234 → "123%".
func percent(_ x: Double) -> String { x.isFinite ? String(format: "%.0f%%", 100 * x) : "–" }

Expansion.main()
