// sinkhorn-iterations — how many Sinkhorn-Knopp iterations does mHC need?
//
// Trains mHC for every t_max at the reference configuration and at a deeper one (several
// seeds) and records the final loss, how far the learned H_res are from doubly stochastic,
// their Amax gains, and the time of the projection; then runs the projection alone on random
// logits of several spreads, so its convergence rate is visible.
//
//   swift run -c release sinkhorn-iterations                       # quick preset, 3 seeds per depth
//   swift run -c release sinkhorn-iterations --preset paper        # full size (hours)
//   swift run -c release sinkhorn-iterations --iterations 0,5,20   # any list of t_max
//   swift run -c release sinkhorn-iterations --replot              # figures + summary.md from results/ only
import ArgumentParser
import Foundation
import MHC
import MHCHarness

BLASRuntime.ensureFastKernel()

struct SinkhornIterations: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sinkhorn-iterations",
    abstract:
      "mHC over t_max: final loss, deviation of H_res from doubly stochastic, Amax gains, step time; the projection alone."
  )
  @OptionGroup var sweep: SweepOptions
  @Option(help: "t_max values to train, comma separated (default: 0,1,2,3,5,10,20,50; tiny: 0,1,5,20).")
  var iterations: CommaList<Int>?
  var seeds: Int? { sweep.seeds }
  @Option(help: "Seeds at the deeper depth (default: as --seeds; 1 in tiny).") var deepSeeds: Int?
  @Option(help: "Layers of the deeper model (default: 8 quick, 12 paper; the reference has 4).") var deepLayers: Int?
  @Option(help: "Training steps (default: 300 quick, 2000 paper).") var steps: Int?
  @Option(help: "Sequences per batch (default: 8 quick, 16 paper).") var batch: Int?
  @Option(help: "Sequence length (default: 64 quick, 128 paper).") var seq: Int?
  @Option(help: "Peak learning rate (default: 3e-3).") var lr: Double?
  @Option(help: "Standard deviations of the random logits of the isolated projection, comma separated.")
  var scales: CommaList<Double>?

  // MARK: Config: the runs of each preset

  /// One model depth of the sweep: every t_max is trained at it, for `seeds` seeds.
  struct Depth {
    var config: TrainConfig
    var seeds: Int
    var color: String
    var label: String { "L=\(config.layers)" }
  }

  func depths() -> [Depth] {
    let tiny = sweep.preset == .tiny
    var base = sweep.preset.baseConfig  // the reference configuration (`TrainConfig()`)
    if sweep.preset == .quick { base.seq = 64; base.batch = 8 }  // quick: ¼ of the reference tokens per step
    base.steps = steps ?? sweep.preset.pick(quick: 300, paper: 2000, tiny: 8)
    base.evalEvery = sweep.preset.pick(quick: 100, paper: 500, tiny: 4)
    base.evalBatches = tiny ? 1 : 8
    base.batch = batch ?? base.batch; base.seq = seq ?? base.seq; base.lr = lr ?? base.lr
    var deep = base
    deep.layers = deepLayers ?? sweep.preset.pick(quick: 8, paper: 12, tiny: 2)
    return [
      Depth(config: base, seeds: sweep.seedCount(tiny: 2), color: PlotStyle.color(for: "mhc")),
      Depth(config: deep, seeds: deepSeeds ?? sweep.seedCount(tiny: 1), color: "#ff7f0e"),
    ]
  }

  var tValues: [Int] { iterations?.values ?? (sweep.preset == .tiny ? [0, 1, 5, 20] : [0, 1, 2, 3, 5, 10, 20, 50]) }

  /// Ids are derived against the reference configuration, so different presets never share a run folder.
  func run(_ d: Depth, t: Int, seed: Int) -> SweepRun {
    var c = d.config; c.iterations = t; c.seed = UInt64(seed)
    return SweepRun(c, base: TrainConfig())
  }

  func runs() -> [SweepRun] {
    depths().flatMap { d in tValues.flatMap { t in (0..<d.seeds).map { run(d, t: t, seed: $0) } } }
  }

  /// The t_max every other one is compared with: the paper's 20, or the largest trained t_max without it.
  var referenceT: Int { tValues.contains(20) ? 20 : tValues.max() ?? 20 }

  /// Final loss of each t_max minus that of ``referenceT`` at the same depth, paired by seed (nil
  /// for the reference itself, and for every t_max when the reference was not trained).
  func gapsToReference(_ cs: [Cell]) -> [PairedComparison?] {
    guard let ref = cs.first(where: { $0.t == referenceT }) else { return cs.map { _ in nil } }
    return cs.map { $0.t == referenceT ? nil : PairedComparison.finalLoss($0.runs, baseline: ref.runs) }
  }

  func validate() throws {
    guard tValues.allSatisfy({ $0 >= 0 }) else { throw ValidationError("--iterations: every t_max must be ≥ 0") }
  }

  func run() throws {
    try Sweep(experiment: "sinkhorn-iterations", runs: runs()).execute(sweep) { try report($0) }
  }

  // MARK: Measurements without training (saved under results/, so --replot needs no recomputation)

  /// The runs of one depth at one t_max, with the projection's time for their batch.
  struct Cell {
    var t: Int
    var runs: [LoadedRun]
    /// Seconds of one Sinkhorn forward + backward over a batch, times the number of sublayers.
    var sinkhornSeconds: Double
    var completed: [LoadedRun] { runs.filter { $0.summary.status == .completed } }
    var diverged: Int { runs.count - completed.count }
    /// `f` of each completed run.
    func values(_ f: (LoadedRun) -> Double?) -> [Double] { completed.compactMap(f).filter(\.isFinite) }
    /// `f` over the completed runs: mean and 95% interval.
    func interval(_ f: (LoadedRun) -> Double?) -> SeedInterval { SeedInterval(values(f)) }
    /// Mean of `f` over the completed runs (nil if none).
    func mean(_ f: (LoadedRun) -> Double?) -> Double? {
      let i = interval(f)
      return i.n == 0 ? nil : i.mean
    }
    /// Median training step, mean over all runs (diverged ones too: their steps took as long).
    var stepSeconds: Double { SeedInterval(runs.compactMap { median($0.metrics.map(\.stepSeconds)) }).mean }
    /// The Sinkhorn share of the step, e.g. "4.2%".
    var share: String { String(format: "%.1f%%", 100 * sinkhornSeconds / stepSeconds) }
  }

  var folder: String { "\(sweep.results)/sinkhorn-iterations" }

  /// A numeric table in `folder/file` (CSV): read when it is there and `covers` what is needed,
  /// else made (never under `--replot`, which only reads results/).
  func table(_ file: String, header: String, covers: ([[Double]]) -> Bool, make: () -> [[Double]]) throws -> [[Double]]
  {
    let path = "\(folder)/\(file)"
    if RunFiles.exists(path), !sweep.force || sweep.replot {
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw MHCError("cannot read \(path)") }
      let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Double($0) ?? .nan } }
      if covers(rows) { return rows }
    }
    try MHCError.check(
      !sweep.replot, "\(path) is missing or lacks values this sweep needs; run without --replot to measure it")
    let rows = make()
    try RunFiles.write(
      ([header] + rows.map { $0.map { "\($0)" }.joined(separator: ",") }).joined(separator: "\n") + "\n", to: path)
    return rows
  }

  /// Sinkhorn forward and backward seconds per batch (`t, tokens, forward, backward` rows), for every
  /// t_max and batch size of the sweep; measured alone in this process, median of 11 repeats.
  func timings(_ ds: [Depth]) throws -> [[Double]] {
    let keys = Set(ds.flatMap { d in tValues.map { [Double($0), Double(d.config.batch * d.config.seq)] } })
    let n = ds[0].config.streams
    return try table(
      "sinkhorn-timing.csv", header: "t,tokens,forward_seconds,backward_seconds",
      covers: { rows in keys.isSubset(of: Set(rows.map { Array($0.prefix(2)) })) }
    ) {
      keys.sorted { ($0[1], $0[0]) < ($1[1], $1[0]) }.map { key in
        let s = SinkhornKnopp.timeFloat(n: n, iterations: Int(key[0]), tokens: Int(key[1]), repeats: 11)
        return key + [s.forward, s.backward]
      }
    }
  }

  /// t_max of the isolated projection (a superset of the trained values).
  static let projectionSteps = Array(0...20) + Array(stride(from: 25, through: 100, by: 5))
  var logitScales: [Double] { scales?.values ?? [0.5, 1, 2, 4, 8] }

  /// The projection alone on `matrices` random n×n logit matrices `scale · N(0, 1)` (the same draws
  /// at every scale): `scale, t, median column deviation, worst column deviation, worst row deviation`.
  func projection(n: Int) throws -> [[Double]] {
    let matrices = sweep.preset == .tiny ? 100 : 2000, nn = n * n
    return try table(
      "projection.csv", header: "scale,t,median_column_deviation,worst_column_deviation,worst_row_deviation",
      covers: { rows in Set(logitScales).isSubset(of: Set(rows.map { $0[0] })) }
    ) {
      var rng = Xoshiro(seed: 0)
      let z = (0..<(matrices * nn)).map { _ in rng.normal() }
      return logitScales.flatMap { scale in
        let logits = z.map { Float($0 * scale) }
        return Self.projectionSteps.map { t -> [Double] in
          let h = sinkhornKnopp(logits: logits, n: n, iterations: t)
          let columns = (0..<matrices).map {
            StochasticDeviation.measure(Array(h[($0 * nn)..<(($0 + 1) * nn)]), n: n).column
          }.sorted()
          return [
            scale, Double(t), columns[matrices / 2], columns[matrices - 1], StochasticDeviation.measure(h, n: n).row,
          ]
        }
      }
    }
  }

  // MARK: Figures and summary

  func report(_ all: [LoadedRun]) throws {
    let index = RunIndex(all)
    let ds = depths(), timing = try timings(ds)
    let cells = ds.map { d in
      tValues.map { t in
        let tokens = Double(d.config.batch * d.config.seq)
        let s = timing.first { $0[0] == Double(t) && $0[1] == tokens }.map { $0[2] + $0[3] } ?? .nan
        return Cell(
          t: t, runs: (0..<d.seeds).compactMap { index[run(d, t: t, seed: $0).id] },
          sinkhornSeconds: s * Double(2 * d.config.layers))
      }
    }
    let proj = try projection(n: ds[0].config.streams)
    let dir = sweep.plots

    // t_max on a log axis: plotted at t + 1, labelled t; a cross at the bottom, in the depth's colour,
    // where runs diverged (the summary counts them).
    func x(_ t: Int) -> Double { Double(t + 1) }
    var tAxis = [
      "set xtics (" + tValues.map { "'\($0)' \(x($0))" }.joined(separator: ", ") + ")",
      "set xrange [0.8:\(x(tValues.max() ?? 50) * 1.3)]",
    ]
    for (di, d) in ds.enumerated() {
      for c in cells[di] where c.diverged > 0 {
        tAxis.append(
          "set label '✗' at first \(x(c.t)), graph \(0.04 + 0.06 * Double(di)) center textcolor rgb '\(d.color)' font ',16' front"
        )
      }
    }
    let anyDiverged = cells.joined().contains { $0.diverged > 0 }
    let tLabel = "t_max (Sinkhorn iterations; log scale)" + (anyDiverged ? "    ✗ = runs diverged" : "")
    /// Empty space above the curves for the key.
    let headroom = ["set offsets graph 0, graph 0, graph 0.3, graph 0"]
    /// One line per depth: `f` of each t_max (missing values leave a gap; log panels drop values ≤ 0).
    func lines(_ f: (Cell) -> Double?, log: Bool = false, dash: Int = 1, suffix: String = "") -> [Series] {
      zip(ds, cells).map { d, cs in
        Series(
          "\(d.label) (\(2 * d.config.layers) sublayers)\(suffix)", color: d.color,
          points: cs.map { (x($0.t), f($0) ?? .nan) }.filter { !log || $0.1 > 0 }, style: "linespoints", dash: dash)
      }
    }
    let logY = ["set format y '%g'"]
    let one = logY + [Gnuplot.horizontalLine(at: "1")]
    let epsilon =
      logY + [
        "set yrange [1e-8:*]",
        Gnuplot.horizontalLine(at: "1.19e-7"),
        "set label 'float32 ε' at graph 0.98, first 1.19e-7 right offset 0, 0.6 textcolor rgb '#888888' font ',9'",
      ]

    // 1. final loss
    let seedDots = zip(ds, cells).map { d, cs in
      Series(
        "", color: d.color, points: cs.flatMap { c in c.values { $0.summary.finalEvalLoss }.map { (x(c.t), $0) } },
        style: "points")
    }
    // Beside it, each t_max against the reference paired by seed: the mean gap (solid) and its 95%
    // interval (dashed; none with one seed).
    var gapSeries: [Series] = []
    for (d, cs) in zip(ds, cells) {
      let gaps = gapsToReference(cs)
      func at(_ f: (PairedComparison) -> Double) -> [(Double, Double)] {
        zip(cs, gaps).compactMap { c, g in
          c.t == referenceT ? (x(c.t), 0) : g.flatMap { g in g.n < 1 ? nil : (x(c.t), f(g)) }
        }
      }
      gapSeries.append(Series("\(d.label), mean gap", color: d.color, points: at(\.mean), style: "linespoints"))
      let lower = at { $0.differences.lower }.filter { $0.1.isFinite }
      let upper = at { $0.differences.upper }.filter { $0.1.isFinite }
      if lower.count > 1 {
        gapSeries.append(Series("\(d.label), 95% interval", color: d.color, points: lower, dash: 2, width: 1))
        gapSeries.append(Series("", color: d.color, points: upper, dash: 2, width: 1))
      }
    }
    let zero = [Gnuplot.horizontalLine(at: "0")]
    try Gnuplot.render(
      Chart.figure(
        "sinkhorn-iterations-loss",
        panels: [
          Panel(
            title: "final validation loss (line: mean over seeds, dots: single seeds)", xlabel: tLabel,
            ylabel: "loss (nats/byte)", logx: true,
            series: lines { $0.mean { $0.summary.finalEvalLoss } } + seedDots, extra: tAxis),
          Panel(
            title: "final loss − that of t_max = \(referenceT), paired by seed (mean and 95% interval)",
            xlabel: tLabel,
            ylabel: "loss gap (nats/byte)", logx: true, series: gapSeries, extra: tAxis + zero + headroom),
        ], width: 1300, height: 560), in: dir)

    // 2. deviation from doubly stochastic
    func perSublayer(_ di: Int) -> Panel {
      let seed0 = tValues.indices.compactMap { i in cells[di][i].runs.first.map { (tValues[i], $0) } }
      return Panel(
        title: "|column sum − 1| per sublayer, \(ds[di].label), seed 0", xlabel: "sublayer",
        ylabel: "max over tokens", logy: true,
        series: seed0.enumerated().map { k, tr in
          Series(
            "t=\(tr.0)", color: ramp(k, of: seed0.count),
            points: tr.1.finalGains.map { (Double($0.sublayer + 1), $0.deviation.column) }.filter { $0.1 > 0 },
            style: "linespoints")
        }, extra: epsilon + ["set key outside right samplen 4", "set xtics 1"])
    }
    try Gnuplot.render(
      Chart.figure(
        "sinkhorn-iterations-deviation",
        title: "learned H_res vs doubly stochastic (last evaluation; worst over tokens and sublayers; mean over seeds)",
        panels: [
          Panel(
            title: "max |column sum − 1|", xlabel: tLabel, ylabel: "deviation", logx: true, logy: true,
            series: lines({ $0.mean { $0.summary.maxColumnDeviation } }, log: true), extra: tAxis + epsilon + headroom),
          Panel(
            title: "max |row sum − 1|", xlabel: tLabel, ylabel: "deviation", logx: true, logy: true,
            series: lines({ $0.mean { $0.summary.maxRowDeviation } }, log: true), extra: tAxis + epsilon + headroom),
          perSublayer(0), perSublayer(1),
        ], columns: 2, width: 1300, height: 960), in: dir)

    // 3. Amax gains
    func gainPanel(
      _ direction: String, composite: @escaping (RunSummary) -> Double?, single: @escaping (RunSummary) -> Double?
    ) -> Panel {
      let series =
        lines({ $0.mean { composite($0.summary) } }, log: true, suffix: ", composite")
        + lines({ $0.mean { single($0.summary) } }, log: true, dash: 2, suffix: ", single layer")
      let floor = min(0.5, (series.flatMap(\.points).map(\.1).min() ?? 1) / 2)  // keeps gain 1 off the axis
      return Panel(
        title: "\(direction) gain (largest over sublayers)", xlabel: tLabel, ylabel: "Amax gain", logx: true,
        logy: true,
        series: series, extra: tAxis + one + headroom + ["set yrange [\(floor):*]"])
    }
    try Gnuplot.render(
      Chart.figure(
        "sinkhorn-iterations-gain",
        title: "Amax gain magnitude of the learned H_res (last evaluation, token average; doubly stochastic = 1)",
        panels: [
          gainPanel("backward", composite: \.maxCompositeBackwardGain, single: \.maxSingleBackwardGain),
          gainPanel("forward", composite: \.maxCompositeForwardGain, single: \.maxSingleForwardGain),
        ], width: 1300, height: 560), in: dir)

    // 4. time
    try Gnuplot.render(
      Chart.figure(
        "sinkhorn-iterations-step-time",
        panels: [
          Panel(
            title: "time per training step (solid: whole step, median; dashed: Sinkhorn fwd+bwd alone)",
            xlabel: tLabel, ylabel: "milliseconds", logx: true, logy: true,
            series: lines({ $0.stepSeconds * 1000 }, log: true, suffix: " step")
              + lines({ $0.sinkhornSeconds * 1000 }, log: true, dash: 2, suffix: " Sinkhorn"),
            extra: tAxis + logY + headroom + ["set key top left"]),
          Panel(
            title: "Sinkhorn share of the step", xlabel: tLabel, ylabel: "% of step time", logx: true,
            series: lines { 100 * $0.sinkhornSeconds / $0.stepSeconds },
            extra: tAxis + ["set yrange [0:*]", "set key top left"]),
        ], width: 1300, height: 560), in: dir)

    // 5. the projection alone
    let scaleList = Array(Set(proj.map { $0[0] })).sorted().filter(logitScales.contains)
    func convergence(_ column: Int, dash: Int, _ what: String) -> [Series] {
      scaleList.enumerated().map { k, s in
        Series(
          "σ=\(cell(s, 3)), \(what)", color: ramp(k, of: scaleList.count),
          points: proj.filter { $0[0] == s && $0[1] >= 1 && $0[column] > 0 }.map { ($0[1], $0[column]) },
          style: "lines", dash: dash)
      }
    }
    try Gnuplot.render(
      Chart.figure(
        "sinkhorn-iterations-convergence",
        panels: [
          Panel(
            title:
              "Sinkhorn-Knopp alone on random logits σ·N(0,1), n=\(ds[0].config.streams), t_max ≥ 1 (straight line = geometric convergence)",
            xlabel: "t_max (iterations)", ylabel: "max |column sum − 1|", logy: true,
            series: convergence(3, dash: 1, "worst matrix") + convergence(2, dash: 2, "median matrix"),
            extra: epsilon + ["set key outside right samplen 4", "set xrange [0:\(Self.projectionSteps.last!)]"])
        ], width: 1100, height: 600), in: dir)

    try ExperimentSummary.write(
      summary(ds, cells, proj: proj, scales: scaleList), experiment: "sinkhorn-iterations", options: sweep,
      figures: "sinkhorn-iterations-*.png")
  }

  func summary(_ ds: [Depth], _ cells: [[Cell]], proj: [[Double]], scales: [Double]) -> String {
    let quickNote =
      "The quick preset uses the reference model with seq 64 × batch 8 (¼ of the reference tokens per "
      + "step) to keep the sweep short.\n"
    let referenceNote = referenceT == 20 ? " (the paper's)" : " (the largest trained; 20 was not)"
    var text = """
      # sinkhorn-iterations — \(sweep.preset.rawValue) preset

      mHC, n=\(ds[0].config.streams), uniform bias init, trained for every t_max ∈ {\(tValues.map(String.init).joined(separator: ", "))}:
      C=\(ds[0].config.width), heads \(ds[0].config.heads), seq \(ds[0].config.seq), batch \(ds[0].config.batch), \(ds[0].config.steps) steps, lr \(ds[0].config.lr),
      at \(ds.map { "\($0.label) (\($0.seeds) seed\($0.seeds == 1 ? "" : "s"))" }.joined(separator: " and ")).
      \(sweep.preset == .quick ? quickNote : "")
      Deviation and gains are those of the last evaluation (first validation batch): deviation is the largest over tokens and sublayers,
      gains are token averages, largest over sublayers; both are means over the completed seeds. Step time is the median training step;
      "Sinkhorn" is the projection's forward + backward for one batch, timed alone, times \(2 * ds[0].config.layers) (or \(2 * ds[1].config.layers)) sublayers.

      \(finalEvaluationNote(cells.joined().flatMap(\.runs)))
      Every t_max is compared with t_max = \(referenceT)\(referenceNote) \
      at the same depth: the baseline of each gap below is the t_max = \(referenceT) run of the same seed. The sweep has \
      no residual runs, so there is no gap to the residual here (see `stability` and `components`).


      """
    for (d, cs) in zip(ds, cells) {
      var t = MarkdownTable([
        "t_max", "final val loss (mean ± 95%)", "max row dev", "max column dev",
        "single fwd / bwd gain", "composite fwd / bwd gain", "Sinkhorn ms/step", "step ms",
        "Sinkhorn share", "diverged",
      ])
      for c in cs {
        func pair(_ f: (RunSummary) -> Double?, _ g: (RunSummary) -> Double?) -> String {
          "\(cell(c.mean { f($0.summary) }, 4)) / \(cell(c.mean { g($0.summary) }, 4))"
        }
        t.add([
          "\(c.t)", c.interval { $0.summary.finalEvalLoss }.text(4),
          cell(c.mean { $0.summary.maxRowDeviation }, 2), cell(c.mean { $0.summary.maxColumnDeviation }, 2),
          pair(\.maxSingleForwardGain, \.maxSingleBackwardGain),
          pair(\.maxCompositeForwardGain, \.maxCompositeBackwardGain),
          cell(c.sinkhornSeconds * 1000, 3), cell(c.stepSeconds * 1000, 3),
          c.share, "\(c.diverged) of \(c.runs.count)",
        ])
      }
      var g = MarkdownTable(["t_max", "gap to t_max = \(referenceT)"] + PairedComparison.tableHeader.dropFirst())
      for (c, gap) in zip(cs, gapsToReference(cs)) {
        if c.t == referenceT {
          g.add(["\(c.t)", "reference"] + PairedComparison.tableHeader.dropFirst().map { _ in "" })
        } else if let gap {
          g.add(["\(c.t)"] + gap.tableCells)
        }
      }
      text += "## \(d.label) (\(2 * d.config.layers) sublayers)\n\n\(t.text)\n"
      text += "Final loss against t_max = \(referenceT), paired by seed:\n\n\(g.text)\n"
    }
    for (d, cs) in zip(ds, cells) {
      let seed0 = cs.compactMap { c in c.runs.first.map { (c.t, $0.finalGains) } }
      var t = MarkdownTable(["sublayer"] + seed0.map { "t=\($0.0)" })
      for k in 0..<(seed0.map(\.1.count).max() ?? 0) {
        t.add(["\(k + 1)"] + seed0.map { cell($0.1.first { $0.sublayer == k }?.deviation.column, 2) })
      }
      text += "## |column sum − 1| per sublayer, \(d.label), seed 0 (max over tokens)\n\n\(t.text)\n"
    }
    let shown = [1, 3, 10, 20, 50]
    var p = MarkdownTable(
      ["logit σ"] + shown.map { "median at t=\($0)" } + [
        "worst at t=20", "t for worst < 1e-3", "t for worst < 1e-6", "median factor per iteration",
      ])
    for s in scales {
      let rows = proj.filter { $0[0] == s }
      func at(_ t: Int, _ col: Int) -> Double? { rows.first { $0[1] == Double(t) }?[col] }
      func reach(_ level: Double) -> String {
        rows.first { $0[3] < level }.map { "\(Int($0[1]))" } ?? "> \(Self.projectionSteps.last!)"
      }
      p.add(
        ["\(cell(s, 3))"] + shown.map { cell(at($0, 2), 2) } + [
          cell(at(20, 3), 2), reach(1e-3), reach(1e-6), cell(rate(rows), 3),
        ])
    }
    text += """
      ## The projection alone (no training)

      \(sweep.preset == .tiny ? 100 : 2000) random \(ds[0].config.streams)×\(ds[0].config.streams) logit matrices σ·N(0,1) (the same draws at every σ), column deviation after t_max iterations
      (rows are exact after every iteration: the largest |row sum − 1| for t_max ≥ 1 is \(cell(proj.filter { $0[1] >= 1 }.map { $0[4] }.max(), 2))). "Median factor per iteration" is the geometric rate of the median curve between
      t=1 and the last t where it is above 1e-5 (values near float32 rounding, ~1e-7, are not informative).

      \(p.text)
      ## What this shows

      \(findings(ds, cells))
      Figures: `plots/sinkhorn-iterations-loss.png`, `plots/sinkhorn-iterations-deviation.png`, `plots/sinkhorn-iterations-gain.png`,
      `plots/sinkhorn-iterations-step-time.png`, `plots/sinkhorn-iterations-convergence.png`.

      """
    return text
  }

  /// The headline numbers, one bullet per depth: the smallest t_max, the reference and the largest;
  /// each t_max's verdict against the reference; from which t_max on none is resolved worse than
  /// it; and where runs diverged.
  func findings(_ ds: [Depth], _ cells: [[Cell]]) -> String {
    zip(ds, cells).map { d, cs -> String in
      let picked = [cs.first, cs.first { $0.t == referenceT }, cs.last].compactMap { $0 }
      let shown = picked.enumerated().filter { i, c in !picked[..<i].contains { $0.t == c.t } }.map(\.1)
      let parts = shown.map { c in
        "t_max=\(c.t): loss \(c.completed.isEmpty ? "diverged" : c.interval { $0.summary.finalEvalLoss }.text(4)), "
          + "composite backward gain \(cell(c.mean { $0.summary.maxCompositeBackwardGain }, 3)), "
          + "column deviation \(cell(c.mean { $0.summary.maxColumnDeviation }, 2)), Sinkhorn \(c.share) of the step"
      }
      let diverged = cs.filter { $0.diverged > 0 }.map { "t_max=\($0.t) (\($0.diverged) of \($0.runs.count))" }
      return "- \(d.label): " + parts.joined(separator: "; ") + "."
        + (diverged.isEmpty ? "" : " Diverged: " + diverged.joined(separator: ", ") + ".")
        + "\n  " + verdicts(cs)
    }.joined(separator: "\n") + "\n"
  }

  /// Each t_max's verdict against the reference, grouped, and the t_max from which on no smaller
  /// one is resolved worse (stated with the largest upper end of those intervals, the penalty the
  /// seeds still allow), or why there is no such statement.
  func verdicts(_ cs: [Cell]) -> String {
    let gaps = gapsToReference(cs)
    let others = zip(cs, gaps).compactMap { c, g in g.map { (t: c.t, gap: $0) } }
    guard !others.isEmpty else { return "Against t_max=\(referenceT): not trained at this depth, no comparison." }
    func group(_ v: Verdict) -> [(t: Int, gap: PairedComparison)] { others.filter { $0.gap.verdict == v } }
    func list(_ v: Verdict, _ item: (Int, PairedComparison) -> String = { t, _ in "\(t)" }) -> String {
      group(v).map { item($0.t, $0.gap) }.joined(separator: ", ")
    }
    var parts: [String] = []
    if !group(.worse).isEmpty { parts.append("worse at t_max " + list(.worse)) }
    if !group(.better).isEmpty { parts.append("better at t_max " + list(.better)) }
    if !group(.notResolved).isEmpty {
      parts.append(
        "not resolved at t_max "
          + list(.notResolved) { t, g in
            "\(t) (±\(String(format: "%.3f", g.halfWidth)))"
          })
    }
    if !group(.tooFewSeeds).isEmpty {
      parts.append("no interval (fewer than two paired seeds) at t_max " + list(.tooFewSeeds))
    }
    var text = "Against t_max=\(referenceT), paired by seed: " + parts.joined(separator: "; ") + "."
    // The smallest t_max below the reference from which on every t_max below it has an interval
    // and is not resolved worse.
    let below = others.filter { $0.t < referenceT }.sorted { $0.t < $1.t }
    var from: Int?
    for i in below.indices.reversed() {
      let g = below[i].gap
      guard g.n >= 2, g.verdict != .worse, g.verdict != .tooFewSeeds else { break }
      from = i
    }
    if let i = from {
      let upper = below[i...].map(\.gap.differences.upper).max() ?? .nan
      text +=
        " From t_max=\(below[i].t) on, no t_max below \(referenceT) is resolved worse than t_max=\(referenceT) "
        + "at these seeds; the largest upper end of their intervals, \(signed(upper)) nats/byte, is the loss penalty "
        + "they still allow. Not resolved is not the same as equal."
    } else if !below.isEmpty {
      text +=
        below.last!.gap.n < 2
        ? " With one seed there is no verdict on how few iterations suffice (`--seeds`)."
        : " The largest t_max below \(referenceT) (\(below.last!.t)) is resolved worse: no smaller t_max is shown "
          + "to suffice."
    }
    return text
  }
}

/// Geometric convergence rate of the median column deviation (`scale, t, median, …` rows): the
/// per-iteration factor between t=1 and the last t where the median is above 1e-5.
func rate(_ rows: [[Double]]) -> Double? {
  guard let a = rows.first(where: { $0[1] == 1 }), let b = rows.last(where: { $0[1] > 1 && $0[2] > 1e-5 }), a[2] > 0
  else { return nil }
  return exp((log(b[2]) - log(a[2])) / (b[1] - a[1]))
}

func median(_ x: [Double]) -> Double? { x.isEmpty ? nil : x.sorted()[x.count / 2] }

/// The `i`-th of `count` colours from dark blue through green, gold and orange to dark red, for ordered families of curves.
func ramp(_ i: Int, of count: Int) -> String {
  let stops: [[Double]] = [[49, 54, 149], [26, 152, 80], [222, 160, 0], [244, 109, 67], [165, 0, 38]]
  let x = count > 1 ? Double(i) / Double(count - 1) * Double(stops.count - 1) : 0
  let k = min(Int(x), stops.count - 2), f = x - Double(k)
  let rgb = (0..<3).map { Int((stops[k][$0] * (1 - f) + stops[k + 1][$0] * f).rounded()) }
  return String(format: "#%02x%02x%02x", rgb[0], rgb[1], rgb[2])
}

SinkhornIterations.main()
