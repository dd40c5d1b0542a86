// stability — residual vs HC vs mHC side by side (paper Fig. 2, 3, 5, 7, 8), plus a stress
// sweep over depth and learning rate that records divergence instead of crashing.
//
//   swift run -c release stability                 # quick preset, 3 seeds (~10 min per seed on 2 cores)
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
    var base = sweep.preset.baseConfig  // quick: the reference configuration (`TrainConfig()`)
    base.steps = steps ?? sweep.preset.pick(quick: 300, paper: 3000, tiny: 8)
    base.evalEvery = sweep.preset.pick(quick: 25, paper: 100, tiny: 4)
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
    stress.steps = sweep.preset.pick(quick: 150, paper: 1000, tiny: 4); stress.evalEvery = sweep.preset.pick(quick: 50, paper: 250, tiny: 4)
    if !paper && !tiny { stress.width = 64; stress.heads = 2; stress.seq = 64; stress.batch = 8 }
    for seed in 0..<sweep.seedCount(tiny: 1) {
      for depth in [1, 2, 4] {
        for lrx in [1.0, 3.0, 10.0] {
          for kind in [ConnectionKind.residual, .hc, .mhc] {
            var c = stress; c.connection = kind; c.layers = stress.layers * depth; c.lr = base.lr * lrx;
            c.seed = UInt64(seed)
            let id =
              "stress-\(sweep.preset.rawValue)-\(kind.rawValue)-L\(c.layers)-lrx\(Int(lrx))"
              + (seed == 0 ? "" : "-s\(seed)")
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
    let main = all.filter { !$0.id.hasPrefix("stress-") }
    // Curves, gain profiles and heat maps need one run per connection: seed 0. Tables use every seed.
    let byKind = Dictionary(
      main.filter { $0.config.seed == 0 }.map { ($0.config.connection, $0) },
      uniquingKeysWith: { a, _ in a })
    guard let res = byKind[.residual], let hc = byKind[.hc], let mhc = byKind[.mhc] else {
      throw MHCError("stability: the seed-0 residual, hc and mhc runs are missing from \(sweep.results)/stability")
    }
    let dir = sweep.plots
    // 1. loss gap to the baseline (Fig. 2/5a)
    func gap(_ r: LoadedRun, val: Bool) -> [(Double, Double)] {
      if val {
        let base = Dictionary(
          res.metrics.compactMap { m in m.valLoss.map { (m.step, $0) } }, uniquingKeysWith: { a, _ in a })
        return r.metrics.compactMap { m in m.valLoss.flatMap { v in base[m.step].map { (Double(m.step), v - $0) } } }
      }
      let a = smooth(r.metrics.map(\.trainLoss)), b = smooth(res.metrics.map(\.trainLoss))
      return (0..<min(a.count, b.count)).map { (Double($0 + 1), a[$0] - b[$0]) }
    }
    let zero = [Gnuplot.horizontalLine(at: "0")]
    try Gnuplot.render(
      Chart.figure(
        "stability-loss-gap", title: "seed 0 (summary.md pairs every seed)",
        panels: [
          Panel(
            title: "training loss − residual (moving average, 25 steps)", xlabel: "step",
            ylabel: "loss gap (nats/byte)",
            series: [Series("hc", points: gap(hc, val: false)), Series("mhc", points: gap(mhc, val: false))],
            extra: zero),
          Panel(
            title: "validation loss − residual", xlabel: "step", ylabel: "loss gap (nats/byte)",
            series: [
              Series("hc", points: gap(hc, val: true), style: "linespoints"),
              Series("mhc", points: gap(mhc, val: true), style: "linespoints"),
            ], extra: zero),
        ]), in: dir)
    // 2. gradient norm (Fig. 2/5b)
    try Gnuplot.render(
      Chart.figure(
        "stability-grad-norm",
        panels: [
          Panel(
            title: "global gradient norm before clipping (seed 0; moving average, 25 steps)", xlabel: "step",
            ylabel: "‖g‖₂", logy: true,
            series: [res, hc, mhc].map { r in
              Series(
                r.config.connection.rawValue,
                points: smooth(r.metrics.map(\.gradNorm)).enumerated().map { (Double($0.0 + 1), $0.1) })
            })
        ]), in: dir)
    // 3. Amax gains per sublayer (Fig. 3 and 7)
    func gainSeries(_ pick: (GainRow) -> Double) -> [Series] {
      [hc, mhc].map { r in
        Series(
          r.config.connection.rawValue, points: r.finalGains.map { (Double($0.sublayer + 1), pick($0)) },
          style: "linespoints")
      }
    }
    let unit = Gnuplot.horizontalLine(at: "1")
    let one = [unit, "set xtics 1"]
    let gainsTitle = "Amax gain magnitude at the end of training (seed 0; token average, evaluation batch)"
    try Gnuplot.render(
      Chart.figure(
        "stability-gains", title: gainsTitle,
        panels: [
          Panel(
            title: "single layer, forward (max row sum)", xlabel: "sublayer", ylabel: "gain", logy: true,
            series: gainSeries { $0.gains.single.forward }, extra: one),
          Panel(
            title: "single layer, backward (max column sum)", xlabel: "sublayer", ylabel: "gain", logy: true,
            series: gainSeries { $0.gains.single.backward }, extra: one),
          Panel(
            title: "composite, forward", xlabel: "sublayer", ylabel: "gain", logy: true,
            series: gainSeries { $0.gains.composite.forward }, extra: one),
          Panel(
            title: "composite, backward", xlabel: "sublayer", ylabel: "gain", logy: true,
            series: gainSeries { $0.gains.composite.backward }, extra: one),
        ], columns: 2), in: dir)
    // 3b. composite gain over training
    func overTraining(_ r: LoadedRun) -> [(Double, Double)] {
      Dictionary(grouping: r.gains, by: \.step).map {
        (Double($0.key), $0.value.map(\.gains.composite.backward).max() ?? 1)
      }.sorted { $0.0 < $1.0 }
    }
    try Gnuplot.render(
      Chart.figure(
        "stability-gain-over-training",
        panels: [
          Panel(
            title: "largest composite backward gain over the sublayers, during training (seed 0)", xlabel: "step",
            ylabel: "gain", logy: true,
            series: [
              Series("hc", points: overTraining(hc), style: "linespoints"),
              Series("mhc", points: overTraining(mhc), style: "linespoints"),
            ], extra: [unit])
        ]), in: dir)
    // 4. heat maps (Fig. 8)
    try Gnuplot.render(heatmaps(hc: hc, mhc: mhc), in: dir)
    // 5. stress sweep
    let stress = all.filter { $0.id.hasPrefix("stress-") }
    try Gnuplot.render(stressFigure(stress), in: dir)
    try ExperimentSummary.write(
      summary(main: main, stress: stress), experiment: "stability", options: sweep, figures: "stability-*.png")
  }

  /// Fig. 8: the token-averaged H_res of every sublayer and the composite, HC above mHC.
  /// (mHC's composite is J/n as soon as one factor is, so the per-sublayer maps carry the information.)
  func heatmaps(hc: LoadedRun, mhc: LoadedRun) -> GnuplotFigure {
    let rows = [hc, mhc].compactMap { r -> [HeatMap]? in
      guard let m = r.mappings else { return nil }
      let name = r.config.connection.rawValue.uppercased()
      return m.sublayers.enumerated().map {
        HeatMap(title: "\(name) sublayer \($0.offset + 1)", n: m.n, values: $0.element)
      }
        + [HeatMap(title: "\(name) composite", n: m.n, values: m.composite)]
    }
    return Chart.heatmaps(
      "stability-hres-heatmaps",
      title: "token-averaged H_res of every sublayer and their composite at the end of training, seed 0 "
        + "(row i: output stream i; column j: input stream j)",
      rows: rows, cellWidth: 260, cellHeight: 290)
  }

  /// The stress sweep as curves over the learning rate, one per connection and depth: seed 0 (one
  /// run per point); the title counts the diverged runs of every seed, and summary.md pairs the seeds.
  func stressFigure(_ stress: [LoadedRun]) -> GnuplotFigure {
    var lossSeries: [Series] = [], gainSeriesList: [Series] = []
    let seed0 = stress.filter { $0.config.seed == 0 }
    let depths = Set(stress.map(\.config.layers)).sorted()
    for kind in [ConnectionKind.residual, .hc, .mhc] {
      for (di, depth) in depths.enumerated() {
        let runs = seed0.filter { $0.config.connection == kind && $0.config.layers == depth }
          .sorted { $0.config.lr < $1.config.lr }
        let title = "\(kind.rawValue) L=\(depth)"
        lossSeries.append(
          Series(
            title, color: PlotStyle.color(for: kind.rawValue),
            points: runs.map {
              ($0.config.lr, $0.summary.status == .diverged ? Double.nan : ($0.summary.finalEvalLoss ?? .nan))
            }, style: "linespoints", dash: di + 1))
        if kind != .residual {
          gainSeriesList.append(
            Series(
              title, color: PlotStyle.color(for: kind.rawValue),
              points: runs.map {
                ($0.config.lr, $0.summary.maxCompositeBackwardGain ?? .nan)
              }, style: "linespoints", dash: di + 1))
        }
      }
    }
    let diverged = stress.filter { $0.summary.status == .diverged }
    let lrs = stress.map(\.config.lr)
    let xrange = "set xrange [\((lrs.min() ?? 1e-3) / 1.5):\((lrs.max() ?? 1e-1) * 1.5)]"
    var marks: [String] = []
    for d in diverged where d.config.seed == 0 {
      marks.append(
        "set label 'diverged: \(d.config.connection.rawValue) L=\(d.config.layers) @\(d.summary.divergedStep ?? 0)' at first \(d.config.lr), graph 0.95 center textcolor rgb '#b2182b' font ',8'"
      )
    }
    let seeds = Set(stress.map(\.config.seed)).count
    let title =
      "stress sweep: depth × learning rate, seed 0 "
      + "(over \(seeds) seed\(seeds == 1 ? "" : "s"): \(diverged.count) of \(stress.count) runs diverged)"
    return Chart.figure(
      "stability-stress", title: title,
      panels: [
        Panel(
          title: "final validation loss (diverged runs have no point)", xlabel: "peak learning rate",
          ylabel: "loss (nats/byte)", logx: true, series: lossSeries, extra: marks + ["set key outside right", xrange]),
        Panel(
          title: "largest composite backward gain", xlabel: "peak learning rate", ylabel: "gain", logx: true,
          logy: true, series: gainSeriesList, extra: ["set key outside right", "set format y '%.0e'", xrange]),
      ], columns: 1, width: 1100, height: 1000)
  }

  /// summary.md: each connection over its seeds, the gaps paired by seed (to the residual, and
  /// mHC against HC), every main run, and the stress sweep paired by seed in each depth × lr cell.
  func summary(main: [LoadedRun], stress: [LoadedRun]) -> String {
    func runs(_ k: ConnectionKind, in set: [LoadedRun]) -> [LoadedRun] {
      set.filter { $0.config.connection == k }.sorted { $0.config.seed < $1.config.seed }
    }
    /// `f` over the completed main runs of `k`.
    func over(_ k: ConnectionKind, _ f: (RunSummary) -> Double?) -> SeedInterval {
      let done = runs(k, in: main).filter { $0.summary.status == .completed }
      return SeedInterval(done.compactMap { f($0.summary) }.filter(\.isFinite))
    }
    /// "forward / backward", each over the seeds (the residual has none: 1 / 1).
    func gains(_ k: ConnectionKind, _ fwd: (RunSummary) -> Double?, _ bwd: (RunSummary) -> Double?) -> String {
      k == .residual ? "1 / 1" : (over(k, fwd)).significantText + " / " + (over(k, bwd)).significantText
    }
    let res = runs(.residual, in: main), hc = runs(.hc, in: main), mhc = runs(.mhc, in: main)
    let seeds = Set(main.map(\.config.seed)).sorted()
    let c = (res.first ?? main[0]).config

    var t = MarkdownTable([
      "variant", "completed", "final val loss", "max single fwd / bwd gain",
      "max composite fwd / bwd gain", "paper composite gain (27B)", "s/step",
    ])
    let paperGain: [ConnectionKind: String] = [.residual: "1", .hc: "≈ 3000", .mhc: "≈ 1.6"]
    for k in [ConnectionKind.residual, .hc, .mhc] {
      let rs = runs(k, in: main), done = rs.filter { $0.summary.status == .completed }.count
      t.add([
        k.rawValue, "\(done) of \(rs.count)", over(k, \.finalEvalLoss).text(4),
        gains(k, \.maxSingleForwardGain, \.maxSingleBackwardGain),
        gains(k, \.maxCompositeForwardGain, \.maxCompositeBackwardGain),
        paperGain[k]!, (over(k, { $0.meanStepSeconds })).significantText,
      ])
    }
    let hcGap = PairedComparison.finalLoss(hc, baseline: res), mhcGap = PairedComparison.finalLoss(mhc, baseline: res)
    let mhcVsHC = PairedComparison.finalLoss(mhc, baseline: hc)
    var gaps = MarkdownTable(["comparison", "paper (27B)"] + PairedComparison.tableHeader)
    gaps.add(["HC − residual", "unstable (loss spike)"] + hcGap.tableCells)
    gaps.add(["mHC − residual", "−0.021"] + mhcGap.tableCells)
    gaps.add(["mHC − HC", "–"] + mhcVsHC.tableCells)
    let resolves = [hcGap, mhcGap, mhcVsHC].map(\.halfWidth).filter(\.isFinite)
    let resolution =
      resolves.isEmpty
      ? "With one seed there is no interval: run more seeds (`--seeds`) before reading a gap."
      : "These \(seeds.count) seeds resolve effects of about ±\(String(format: "%.3f", resolves.min()!))"
        + "–\(String(format: "%.3f", resolves.max()!)) nats/byte; a smaller gap is not evidence either way."

    var seedTable = MarkdownTable(["run", "seed", "status", "final val loss", "max composite bwd gain"])
    let bySeed = main.sorted {
      ($0.config.seed, $0.config.connection.rawValue) < ($1.config.seed, $1.config.connection.rawValue)
    }
    for r in bySeed {
      seedTable.add([
        r.id, "\(r.config.seed)", r.summary.status.rawValue, cell(r.summary.finalEvalLoss),
        cell(r.summary.maxCompositeBackwardGain, 4),
      ])
    }

    // Stress: one row per depth × lr cell, the connections paired by seed within it.
    var st = MarkdownTable([
      "layers", "lr", "seeds", "diverged res / HC / mHC", "residual loss", "HC − residual",
      "mHC − residual", "mHC − HC", "max composite bwd gain HC / mHC",
    ])
    let names = ["HC − residual", "mHC − residual", "mHC − HC"]
    var tally: [String: [Verdict: Int]] = [:]
    let cells = Set(stress.map { [Double($0.config.layers), $0.config.lr] }).sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
    for key in cells {
      let here = stress.filter { Double($0.config.layers) == key[0] && $0.config.lr == key[1] }
      let r = runs(.residual, in: here), h = runs(.hc, in: here), m = runs(.mhc, in: here)
      func diverged(_ x: [LoadedRun]) -> Int { x.filter { $0.summary.status == .diverged }.count }
      func maxGain(_ x: [LoadedRun]) -> String { cell(x.compactMap(\.summary.maxCompositeBackwardGain).max(), 3) }
      let pairs = [
        PairedComparison.finalLoss(h, baseline: r), PairedComparison.finalLoss(m, baseline: r),
        PairedComparison.finalLoss(m, baseline: h),
      ]
      for (name, p) in zip(names, pairs) { tally[name, default: [:]][p.verdict, default: 0] += 1 }
      let n = Set(here.map(\.config.seed)).count
      let residualLoss = SeedInterval(r.filter { $0.summary.status == .completed }.compactMap(\.summary.finalEvalLoss))
      st.add(
        [
          "\(Int(key[0]))", cell(key[1], 3), "\(n)", "\(diverged(r)) / \(diverged(h)) / \(diverged(m)) of \(n)",
          residualLoss.text(4),
        ] + pairs.map(\.text) + ["\(maxGain(h)) / \(maxGain(m))"])
    }
    let tallyText = names.map { name -> String in
      let v = tally[name] ?? [:]
      return "\(name): better in \(v[.better] ?? 0), worse in \(v[.worse] ?? 0), "
        + "not resolved in \(v[.notResolved] ?? 0), no interval (fewer than two paired seeds) in "
        + "\(v[.tooFewSeeds] ?? 0) of \(cells.count) cells"
    }.joined(separator: "; ")
    var stressRuns = MarkdownTable([
      "run", "layers", "lr", "seed", "status", "final val loss", "max composite bwd gain",
      "diverged at",
    ])
    for r in stress.sorted(by: {
      ($0.config.layers, $0.config.lr, $0.config.connection.rawValue, $0.config.seed)
        < ($1.config.layers, $1.config.lr, $1.config.connection.rawValue, $1.config.seed)
    }) {
      stressRuns.add([
        r.id, "\(r.config.layers)", cell(r.config.lr, 3), "\(r.config.seed)", r.summary.status.rawValue,
        cell(r.summary.finalEvalLoss), cell(r.summary.maxCompositeBackwardGain, 4),
        r.summary.divergedStep.map(String.init) ?? "–",
      ])
    }
    func worst(_ k: ConnectionKind) -> LoadedRun? {
      stress.filter { $0.config.connection == k }
        .max { ($0.summary.maxCompositeBackwardGain ?? 0) < ($1.summary.maxCompositeBackwardGain ?? 0) }
    }
    let stressLine = [ConnectionKind.hc, .mhc].compactMap { k in
      worst(k).map { r in
        "\(k.rawValue): largest composite backward gain \(cell(r.summary.maxCompositeBackwardGain, 3)) "
          + "(\(r.config.layers) layers, lr \(cell(r.config.lr, 3)), seed \(r.config.seed))"
      }
    }
    .joined(separator: "; ")
    let stressSeeds = Set(stress.map(\.config.seed)).count
    let seedRange = seeds.count == 1 ? "seed \(seeds[0])" : "seeds \(seeds.first!)–\(seeds.last!)"
    return """
      # stability — \(sweep.preset.rawValue) preset

      Main comparison: C=\(c.width), layers=\(c.layers), n=\(hc.first?.config.streams ?? 4), \
      t_max=\(mhc.first?.config.iterations ?? 20), \(c.steps) steps, lr \(c.lr), \(seedRange) (per seed, the three \
      connections share the data order, the initial weights of every tensor they share and the evaluation windows).
      Gains are measured at the last evaluation on a fixed validation batch (token average). The figures of curves, \
      gain profiles and heat maps show seed 0; the tables use every seed.

      \(finalEvaluationNote(main + stress))

      ## Each connection over its seeds (mean ± 95% half-width over the completed seeds)

      \(t.text)
      ## Final-loss gaps, paired by seed

      \(gaps.text)
      What this shows at this scale:

      - Composite backward gain (largest over sublayers): HC \((over(.hc, \.maxCompositeBackwardGain)).significantText) \
      (paper, 27B: ≈ 3000), mHC \((over(.mhc, \.maxCompositeBackwardGain)).significantText) (paper: ≈ 1.6; exactly doubly \
      stochastic would be 1).
      - \(reading(mhcGap, "mHC", "the residual baseline")) (paper: −0.021 at 27B).
      - \(reading(hcGap, "HC", "the residual baseline")).
      - \(reading(mhcVsHC, "mHC", "HC")).
      - A small model trained for a few hundred steps is far from the paper's regime. \(resolution)

      ## All main runs

      \(seedTable.text)
      ## Stress sweep (depth × learning rate)

      \(stress.filter { $0.summary.status == .diverged }.count) of \(stress.count) runs diverged \
      (\(stressSeeds) seed\(stressSeeds == 1 ? "" : "s") per cell). Over the whole sweep, \(stressLine).
      Each cell pairs the connections by seed (final-loss gaps as above; diverged runs are counted and left out of \
      the pairs). Verdicts over the cells: \(tallyText).

      \(st.text)
      ### All stress runs

      \(stressRuns.text)
      Figures (seed 0): `plots/stability-loss-gap.png`, `plots/stability-grad-norm.png`, `plots/stability-gains.png`, \
      `plots/stability-gain-over-training.png`, `plots/stability-hres-heatmaps.png`, `plots/stability-stress.png`.

      """
  }
}

Stability.main()
