// stability — residual vs HC vs mHC side by side (paper Fig. 2, 3, 5, 7, 8), plus a stress
// sweep over depth and learning rate that records divergence instead of crashing.
//
//   swift run -c release stability                 # quick preset (~10 min on 2 cores)
//   swift run -c release stability --preset paper  # deep and long (hours)
//   swift run -c release stability --replot        # figures + summary.md from results/ only
import ArgumentParser
import Foundation
import MHC
import MHCHarness

BLASRuntime.ensureFastKernel()

struct Stability: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Residual vs HC vs mHC: loss gap, gradient norm, Amax gains, learned H_res, stress sweep.")
  @OptionGroup var sweep: SweepOptions
  @Option(help: "Training steps of the main comparison (default: 300 quick, 3000 paper).") var steps: Int?
  var seeds: Int? { sweep.seeds }

  // MARK: Config: the runs of each preset

  func runs() -> [SweepRun] {
    let paper = sweep.preset == .paper, tiny = sweep.preset == .tiny
    var base = tiny ? TrainConfig.tiny : TrainConfig()  // quick: the reference configuration of SPEC.md
    base.steps = steps ?? (paper ? 3000 : tiny ? 8 : 300)
    base.evalEvery = paper ? 100 : tiny ? 4 : 25
    if paper { base.width = 256; base.layers = 12; base.heads = 8; base.batch = 32 }
    var list: [SweepRun] = []
    for seed in 0..<(sweep.seedCount(tiny: 2)) {
      for kind in [ConnectionKind.residual, .hc, .mhc] {
        var c = base; c.connection = kind; c.seed = UInt64(seed)
        list.append(SweepRun(c))  // ids against the reference config: presets never share a folder
      }
    }
    // Stress: depth ×{1,2,4}, learning rate ×{1,3,10}; a smaller model in the quick preset.
    var stress = base
    stress.steps = paper ? 1000 : tiny ? 4 : 150; stress.evalEvery = paper ? 250 : tiny ? 4 : 50
    if !paper && !tiny { stress.width = 64; stress.heads = 2; stress.seq = 64; stress.batch = 8 }
    for seed in 0..<sweep.seedCount(tiny: 1) {
      for depth in [1, 2, 4] {
        for lrx in [1.0, 3.0, 10.0] {
          for kind in [ConnectionKind.residual, .hc, .mhc] {
            var c = stress; c.connection = kind; c.layers = stress.layers * depth; c.lr = base.lr * lrx; c.seed = UInt64(seed)
            let id = "stress-\(sweep.preset.rawValue)-\(kind.rawValue)-L\(c.layers)-lrx\(Int(lrx))" + (seed == 0 ? "" : "-s\(seed)")
            list.append(SweepRun(id: id, config: c))
          }
        }
      }
    }
    return list
  }

  func run() throws {
    try Sweep(experiment: "stability", runs: runs()).execute(sweep) { try report($0) }
  }

  // MARK: Figures and summary

  func report(_ all: [LoadedRun]) throws {
    let main = all.filter { !$0.id.hasPrefix("stress-") && $0.config.seed == 0 }
    let byKind = Dictionary(main.map { ($0.config.connection, $0) }, uniquingKeysWith: { a, _ in a })
    guard let res = byKind[.residual], let hc = byKind[.hc], let mhc = byKind[.mhc] else {
      throw MHCError("stability: the seed-0 residual, hc and mhc runs are missing from \(sweep.results)/stability")
    }
    let dir = sweep.plots
    // 1. loss gap to the baseline (Fig. 2/5a)
    func gap(_ r: LoadedRun, val: Bool) -> [(Double, Double)] {
      if val {
        let base = Dictionary(res.metrics.compactMap { m in m.valLoss.map { (m.step, $0) } }, uniquingKeysWith: { a, _ in a })
        return r.metrics.compactMap { m in m.valLoss.flatMap { v in base[m.step].map { (Double(m.step), v - $0) } } }
      }
      let a = smooth(r.metrics.map(\.trainLoss)), b = smooth(res.metrics.map(\.trainLoss))
      return (0..<min(a.count, b.count)).map { (Double($0 + 1), a[$0] - b[$0]) }
    }
    let zero = ["set arrow from graph 0, first 0 to graph 1, first 0 nohead lc rgb '#888888' dt 2"]
    try Gnuplot.render(Chart.figure("stability-loss-gap", panels: [
      Panel(title: "training loss − residual (moving average, 25 steps)", xlabel: "step", ylabel: "loss gap (nats/byte)",
            series: [Series("hc", points: gap(hc, val: false)), Series("mhc", points: gap(mhc, val: false))], extra: zero),
      Panel(title: "validation loss − residual", xlabel: "step", ylabel: "loss gap (nats/byte)",
            series: [Series("hc", points: gap(hc, val: true), style: "linespoints"),
                     Series("mhc", points: gap(mhc, val: true), style: "linespoints")], extra: zero),
    ]), in: dir)
    // 2. gradient norm (Fig. 2/5b)
    try Gnuplot.render(Chart.figure("stability-grad-norm", panels: [
      Panel(title: "global gradient norm before clipping (moving average, 25 steps)", xlabel: "step",
            ylabel: "‖g‖₂", logy: true,
            series: [res, hc, mhc].map { r in
              Series(r.config.connection.rawValue, points: smooth(r.metrics.map(\.gradNorm)).enumerated().map { (Double($0.0 + 1), $0.1) })
            })
    ]), in: dir)
    // 3. Amax gains per sublayer (Fig. 3 and 7)
    func gainSeries(_ pick: (GainRow) -> Double) -> [Series] {
      [hc, mhc].map { r in Series(r.config.connection.rawValue, points: r.finalGains.map { (Double($0.sublayer + 1), pick($0)) }, style: "linespoints") }
    }
    let unit = "set arrow from graph 0, first 1 to graph 1, first 1 nohead lc rgb '#888888' dt 2"
    let one = [unit, "set xtics 1"]
    try Gnuplot.render(Chart.figure("stability-gains", title: "Amax gain magnitude at the end of training (token average, evaluation batch)", panels: [
      Panel(title: "single layer, forward (max row sum)", xlabel: "sublayer", ylabel: "gain", logy: true, series: gainSeries { $0.gains.single.forward }, extra: one),
      Panel(title: "single layer, backward (max column sum)", xlabel: "sublayer", ylabel: "gain", logy: true, series: gainSeries { $0.gains.single.backward }, extra: one),
      Panel(title: "composite, forward", xlabel: "sublayer", ylabel: "gain", logy: true, series: gainSeries { $0.gains.composite.forward }, extra: one),
      Panel(title: "composite, backward", xlabel: "sublayer", ylabel: "gain", logy: true, series: gainSeries { $0.gains.composite.backward }, extra: one),
    ], columns: 2), in: dir)
    // 3b. composite gain over training
    func overTraining(_ r: LoadedRun) -> [(Double, Double)] {
      Dictionary(grouping: r.gains, by: \.step).map { (Double($0.key), $0.value.map(\.gains.composite.backward).max() ?? 1) }.sorted { $0.0 < $1.0 }
    }
    try Gnuplot.render(Chart.figure("stability-gain-over-training", panels: [
      Panel(title: "largest composite backward gain over the sublayers, during training", xlabel: "step", ylabel: "gain", logy: true,
            series: [Series("hc", points: overTraining(hc), style: "linespoints"), Series("mhc", points: overTraining(mhc), style: "linespoints")], extra: [unit])
    ]), in: dir)
    // 4. heat maps (Fig. 8)
    try Gnuplot.render(heatmaps(hc: hc, mhc: mhc), in: dir)
    // 5. stress sweep
    let stress = all.filter { $0.id.hasPrefix("stress-") }
    try Gnuplot.render(stressFigure(stress), in: dir)
    try RunFiles.write(summary(res: res, hc: hc, mhc: mhc, stress: stress, all: all), to: "\(sweep.results)/stability/summary.md")
    print("stability: figures in \(dir)/stability-*.png, summary in \(sweep.results)/stability/summary.md")
  }

  /// Fig. 8: the token-averaged H_res of every sublayer and the composite, HC above mHC.
  /// (mHC's composite is J/n as soon as one factor is, so the per-sublayer maps carry the information.)
  func heatmaps(hc: LoadedRun, mhc: LoadedRun) -> GnuplotFigure {
    let rows = [hc, mhc].compactMap { r -> [HeatMap]? in
      guard let m = r.mappings else { return nil }
      let name = r.config.connection.rawValue.uppercased()
      return m.sublayers.enumerated().map { HeatMap(title: "\(name) sublayer \($0.offset + 1)", n: m.n, values: $0.element) }
        + [HeatMap(title: "\(name) composite", n: m.n, values: m.composite)]
    }
    return Chart.heatmaps("stability-hres-heatmaps",
      title: "token-averaged H_res of every sublayer and their composite at the end of training (row i: output stream i; column j: input stream j)",
      rows: rows, cellWidth: 260, cellHeight: 290)
  }

  func stressFigure(_ stress: [LoadedRun]) -> GnuplotFigure {
    var lossSeries: [Series] = [], gainSeriesList: [Series] = []
    let depths = Set(stress.map(\.config.layers)).sorted()
    for kind in [ConnectionKind.residual, .hc, .mhc] {
      for (di, depth) in depths.enumerated() {
        let runs = stress.filter { $0.config.connection == kind && $0.config.layers == depth }.sorted { $0.config.lr < $1.config.lr }
        let title = "\(kind.rawValue) L=\(depth)"
        lossSeries.append(Series(title, color: PlotStyle.color(for: kind.rawValue), points: runs.map {
          ($0.config.lr, $0.summary.status == "diverged" ? Double.nan : ($0.summary.finalEvalLoss ?? .nan)) }, style: "linespoints", dash: di + 1))
        if kind != .residual {
          gainSeriesList.append(Series(title, color: PlotStyle.color(for: kind.rawValue), points: runs.map {
            ($0.config.lr, $0.summary.maxCompositeBackwardGain ?? .nan) }, style: "linespoints", dash: di + 1))
        }
      }
    }
    let diverged = stress.filter { $0.summary.status == "diverged" }
    let lrs = stress.map(\.config.lr)
    let xrange = "set xrange [\((lrs.min() ?? 1e-3) / 1.5):\((lrs.max() ?? 1e-1) * 1.5)]"
    var marks: [String] = []
    for d in diverged {
      marks.append("set label 'diverged: \(d.config.connection.rawValue) L=\(d.config.layers) @\(d.summary.divergedStep ?? 0)' at first \(d.config.lr), graph 0.95 center textcolor rgb '#b2182b' font ',8'")
    }
    return Chart.figure("stability-stress", title: "stress sweep: depth × learning rate (\(diverged.count) of \(stress.count) runs diverged)", panels: [
      Panel(title: "final validation loss (diverged runs have no point)", xlabel: "peak learning rate", ylabel: "loss (nats/byte)", logx: true, series: lossSeries, extra: marks + ["set key outside right", xrange]),
      Panel(title: "largest composite backward gain", xlabel: "peak learning rate", ylabel: "gain", logx: true, logy: true, series: gainSeriesList, extra: ["set key outside right", "set format y '%.0e'", xrange]),
    ], columns: 1, width: 1100, height: 1000)
  }

  func summary(res: LoadedRun, hc: LoadedRun, mhc: LoadedRun, stress: [LoadedRun], all: [LoadedRun]) -> String {
    var t = MarkdownTable(["variant", "final val loss", "gap to residual", "paper gap (27B)", "max single fwd/bwd gain", "max composite fwd/bwd gain", "paper composite gain", "status", "s/step"])
    let paperGap: [ConnectionKind: String] = [.residual: "0", .hc: "unstable (loss spike)", .mhc: "−0.021"]
    let paperGain: [ConnectionKind: String] = [.residual: "1", .hc: "≈ 3000", .mhc: "≈ 1.6"]
    for r in [res, hc, mhc] {
      let s = r.summary, k = r.config.connection
      let gap = (s.finalEvalLoss ?? .nan) - (res.summary.finalEvalLoss ?? .nan)
      t.add([k.rawValue, cell(s.finalEvalLoss), k == .residual ? "0" : cell(gap, 3), paperGap[k]!,
             k == .residual ? "1 / 1" : "\(cell(s.maxSingleForwardGain, 4)) / \(cell(s.maxSingleBackwardGain, 4))",
             k == .residual ? "1 / 1" : "\(cell(s.maxCompositeForwardGain, 4)) / \(cell(s.maxCompositeBackwardGain, 4))",
             paperGain[k]!, s.status, cell(s.meanStepSeconds, 3)])
    }
    var st = MarkdownTable(["run", "layers", "lr", "status", "final val loss", "max composite bwd gain", "diverged at"])
    for r in stress.sorted(by: { ($0.config.layers, $0.config.lr, $0.config.connection.rawValue) < ($1.config.layers, $1.config.lr, $1.config.connection.rawValue) }) {
      st.add([r.id, "\(r.config.layers)", cell(r.config.lr, 3), r.summary.status, cell(r.summary.finalEvalLoss),
              cell(r.summary.maxCompositeBackwardGain, 4), r.summary.divergedStep.map(String.init) ?? "–"])
    }
    let seeds = all.filter { !$0.id.hasPrefix("stress-") }
    var seedTable = MarkdownTable(["run", "final val loss", "max composite bwd gain"])
    for r in seeds { seedTable.add([r.id, cell(r.summary.finalEvalLoss), cell(r.summary.maxCompositeBackwardGain, 4)]) }
    let hcGain = hc.summary.maxCompositeBackwardGain ?? .nan, mhcGain = mhc.summary.maxCompositeBackwardGain ?? .nan
    func worst(_ k: ConnectionKind) -> LoadedRun? {
      stress.filter { $0.config.connection == k }.max { ($0.summary.maxCompositeBackwardGain ?? 0) < ($1.summary.maxCompositeBackwardGain ?? 0) }
    }
    let stressLine = [ConnectionKind.hc, .mhc].compactMap { k in worst(k).map { r in
      "\(k.rawValue): largest composite backward gain \(cell(r.summary.maxCompositeBackwardGain, 3)) (\(r.config.layers) layers, lr \(cell(r.config.lr, 3)))" } }
      .joined(separator: "; ")
    return """
    # stability — \(sweep.preset.rawValue) preset

    Main comparison: C=\(res.config.width), layers=\(res.config.layers), n=\(hc.config.streams), t_max=\(mhc.config.iterations), \(res.config.steps) steps, lr \(res.config.lr), seed 0 (same data order for all three).
    Gains are measured at the last evaluation on a fixed validation batch (token average).

    \(t.text)
    What this shows at this scale: HC's largest composite gain is \(cell(hcGain, 3)) (paper, 27B: ≈ 3000) and mHC's is \(cell(mhcGain, 3)) (paper: ≈ 1.6; exactly doubly stochastic would be 1).
    mHC's loss gap to the residual baseline is \(cell((mhc.summary.finalEvalLoss ?? .nan) - (res.summary.finalEvalLoss ?? .nan), 3)) nats/byte (paper: −0.021 at 27B).
    A small model trained for a few hundred steps is far from the paper's regime: differences of a few hundredths are within seed-to-seed spread, which the seed table below shows when more seeds are run (`--seeds`).

    ## All main runs

    \(seedTable.text)
    ## Stress sweep (depth × learning rate)

    \(stress.filter { $0.summary.status == "diverged" }.count) of \(stress.count) runs diverged. Over the whole sweep, \(stressLine).

    \(st.text)
    Figures: `plots/stability-loss-gap.png`, `plots/stability-grad-norm.png`, `plots/stability-gains.png`, `plots/stability-gain-over-training.png`, `plots/stability-hres-heatmaps.png`, `plots/stability-stress.png`.
    """
  }
}

Stability.main()
