// instability — where HC's gain actually breaks training at laptop scale, and whether mHC holds
// (paper Fig. 2): residual / HC / mHC over a depth × learning-rate grid at the reference width
// (C 128, seq 128, batch 16, 300 steps), with loss spikes, gradient spikes and divergence per run.
//
//   swift run -c release instability                 # quick: the 8-layer cell at lr 1e-2, 3 seeds
//   swift run -c release instability --preset paper  # the full grid, 8 seeds (many hours)
//   swift run -c release instability --replot        # figures + summary.md from results/ only
//
// Both presets share run folders (same configurations, same ids), so the paper grid extends the
// quick one, and the figures use every finished run of the full grid that is on disk.
import ArgumentParser
import Foundation
import MHC
import MHCHarness

BLASRuntime.ensureFastKernel()

struct InstabilityExperiment: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "instability",
    abstract: "Loss and gradient spikes, divergence and gains of residual / HC / mHC over depth × learning rate.")
  @OptionGroup var sweep: SweepOptions
  @Option(help: "Training steps of every run (default: 300).") var steps = 300

  // MARK: Config: the grid of each preset

  /// (layers, peak lr, seeds) of each cell. The quick preset runs one cell with 3 seeds: 8 layers at
  /// 1e-2, whose verdict flipped between seeds 0–2 and 3–5 (`docs/verdicts.md`); two cells did not fit
  /// in about 25 minutes (18 runs took 41 min of training on 2 shared cores, these 9 took 28). The paper preset is
  /// the whole grid, and the figures use every finished run of it on disk.
  func cells(_ preset: Preset) -> [(layers: Int, lr: Double, seeds: Int)] {
    let n = sweep.seedCount(tiny: 2)
    switch preset {
    case .tiny: return [(1, 3e-3, n), (1, 3e-2, n), (2, 3e-2, n)]
    case .quick: return [(8, 1e-2, n)]
    case .paper: return [4, 8, 16, 32].flatMap { l in [3e-3, 1e-2, 3e-2].map { (l, $0, n) } }
    }
  }

  func runs(_ preset: Preset) -> [SweepRun] {
    var base = preset.baseConfig  // the reference width (`TrainConfig()`)
    base.steps = preset == .tiny ? 8 : steps
    base.evalEvery = preset == .tiny ? 4 : 25
    var list: [SweepRun] = []
    for cell in cells(preset) {
      for seed in 0..<cell.seeds {
        for kind in [ConnectionKind.residual, .hc, .mhc] {
          var c = base; c.connection = kind; c.layers = cell.layers; c.lr = cell.lr; c.seed = UInt64(seed)
          list.append(SweepRun(c))
        }
      }
    }
    return list
  }

  func run() throws {
    try Sweep(experiment: "instability", runs: runs(sweep.preset)).execute(sweep) { _ in
      let grid = sweep.preset == .tiny ? runs(.tiny) : runs(.paper)  // every finished run of the grid
      try report(Sweep(experiment: "instability", runs: grid).load(sweep))
    }
  }

  // MARK: Figures and summary

  func report(_ all: [LoadedRun]) throws {
    let g = Grid(all)
    guard let worst = g.mostUnstable else {
      throw MHCError("instability: no finished HC run in \(sweep.results)/instability")
    }
    let runsAt = g.trio(worst)
    try Gnuplot.render(fig2(runsAt, criteria: worst.summary.instability?.criteria ?? SpikeCriteria()), in: sweep.plots)
    try Gnuplot.render(phaseMap(g), in: sweep.plots)
    try Gnuplot.render(gainFigure(runsAt), in: sweep.plots)
    try ExperimentSummary.write(
      summary(g, worst: worst), experiment: "instability", options: sweep, figures: "instability-*.png")
  }

  /// (a) The paper's Fig. 2 at the most unstable cell: loss gap to the residual above, gradient norms below.
  func fig2(_ t: Trio, criteria: SpikeCriteria) -> GnuplotFigure {
    func gap(_ r: LoadedRun) -> [(Double, Double)] {
      let a = smooth(r.metrics.map(\.trainLoss), window: 10),
        b = smooth(t.residual.metrics.map(\.trainLoss), window: 10)
      return (0..<min(a.count, b.count)).map { (Double($0 + 1), a[$0] - b[$0]) }
    }
    func spikes(_ r: LoadedRun, _ pick: (MetricsRow) -> Bool, value: (MetricsRow) -> Double) -> [(Double, Double)] {
      r.metrics.filter { $0.step > (r.config.warmup ?? 0) && pick($0) }.map { (Double($0.step), value($0)) }
    }
    var gradSeries = [t.residual, t.hc, t.mhc].map { r in
      Series(r.config.connection.rawValue, points: r.metrics.map { (Double($0.step), $0.gradNorm) }, width: 1.2)
    }
    var gapSeries = [t.hc, t.mhc].map { Series($0.config.connection.rawValue, points: gap($0)) }
    for r in [t.residual, t.hc, t.mhc] {
      let k = r.config.connection.rawValue
      let g = spikes(r, { ($0.gradRatio ?? 0) > criteria.gradRatio }) { $0.gradNorm }
      if !g.isEmpty {
        gradSeries.append(Series("\(k) gradient spike", color: PlotStyle.color(for: k), points: g, style: "points"))
      }
      if r.config.connection != .residual {
        let base = Dictionary(gap(r).map { (Int($0.0), $0.1) }, uniquingKeysWith: { a, _ in a })
        let l = spikes(r, { ($0.lossExcess ?? 0) > criteria.lossExcess }) { base[$0.step] ?? .nan }
        if !l.isEmpty {
          gapSeries.append(Series("\(k) loss spike", color: PlotStyle.color(for: k), points: l, style: "points"))
        }
      }
    }
    let zero = [Gnuplot.horizontalLine(at: "0")]
    return Chart.figure(
      "instability-fig2", title: "most unstable cell: \(t.label)",
      panels: [
        Panel(
          title: "training loss − residual (moving average, 10 steps); dots: loss spikes", xlabel: "step",
          ylabel: "loss gap (nats/byte)", series: gapSeries, extra: zero),
        Panel(
          title: "gradient norm before clipping; dots: > \(cell(criteria.gradRatio, 2))× its 50-step median",
          xlabel: "step",
          ylabel: "‖g‖₂", logy: true, series: gradSeries),
      ], columns: 1, width: 1000, height: 900)
  }

  /// (b) Depth × learning rate: final loss relative to the residual (mean gap over the paired seeds
  /// and its verdict), with spike and divergence counts.
  func phaseMap(_ g: Grid) -> GnuplotFigure {
    let depths = g.depths, lrs = g.lrs
    var gaps: [Double] = []
    let panels = [ConnectionKind.residual, .hc, .mhc].map { kind -> PhasePanel in
      var values: [[Double?]] = [], notes: [[String]] = []
      for d in depths {
        var vrow: [Double?] = [], nrow: [String] = []
        for lr in lrs {
          let cellRuns = g.runs(kind, layers: d, lr: lr)
          guard !cellRuns.isEmpty else { vrow.append(nil); nrow.append(""); continue }
          if kind == .residual {
            vrow.append(0)  // white
            let done = cellRuns.filter { $0.summary.status == .completed }
            let loss = SeedInterval(done.compactMap(\.summary.finalEvalLoss))
            nrow.append([loss.n == 0 ? "–" : cell(loss.mean, 4), Grid.counts(cellRuns)].joined(separator: "\n"))
            continue
          }
          let gap = g.gap(kind, layers: d, lr: lr)
          if gap.n > 0 { gaps.append(gap.mean) }
          vrow.append(gap.n > 0 ? gap.mean : nil)
          let head = gap.n > 0 ? signed(gap.mean) : "–"
          let verdict = gap.n > 0 ? gap.verdictText : gap.divergenceNote.isEmpty ? "no paired seed" : gap.divergenceNote
          nrow.append([head, verdict, Grid.counts(cellRuns)].joined(separator: "\n"))
        }
        values.append(vrow); notes.append(nrow)
      }
      let title =
        kind == .residual
        ? "residual: final validation loss (mean over seeds)"
        : "\(kind.rawValue.uppercased()) − residual (paired by seed): mean gap, verdict"
      return PhasePanel(
        title: title, rowLabels: depths.map { "\($0)" }, columnLabels: lrs.map { cell($0, 2) },
        values: values, notes: notes)
    }
    let range = max(0.05, gaps.map(abs).max() ?? 0.05)
    let c = g.all.first?.config
    return Chart.phaseMaps(
      "instability-phase",
      title: "final validation loss over depth × peak learning rate (C \(c?.width ?? 0), \(c?.steps ?? 0) steps); "
        + "verdict from the 95% interval over paired seeds; S: runs with loss spikes, G: gradient spikes, D: diverged",
      panels: panels, xlabel: "peak learning rate", ylabel: "layers", range: range, cellHeight: 120)
  }

  /// (c) HC's composite gain over training at the most unstable cell, beside its loss.
  func gainFigure(_ t: Trio) -> GnuplotFigure {
    func gain(_ r: LoadedRun) -> [(Double, Double)] {
      Dictionary(grouping: r.gains, by: \.step).map {
        (Double($0.key), $0.value.map(\.gains.composite.backward).max() ?? 1)
      }
      .sorted { $0.0 < $1.0 }
    }
    var marks: [String] = []
    if let s = t.hc.summary.instability?.firstLossSpikeStep {
      marks.append(Gnuplot.verticalLine(at: "\(s)", color: "#d62728", dash: 3))
      marks.append(
        "set label 'HC first loss spike (step \(s))' at first \(s), graph 0.95 left offset 0.5,0 textcolor rgb '#d62728'"
      )
    }
    if let s = t.hc.summary.instability?.maxGradRatioStep {
      marks.append(Gnuplot.verticalLine(at: "\(s)", color: "#d62728", dash: 2))
      marks.append(
        "set label 'HC largest gradient spike (step \(s))' at first \(s), graph 0.85 left offset 0.5,0 textcolor rgb '#d62728'"
      )
    }
    let unit = Gnuplot.horizontalLine(at: "1")
    return Chart.figure(
      "instability-gain", title: "composite gain and loss over training: \(t.label)",
      panels: [
        Panel(
          title: "largest composite backward gain over the sublayers (evaluation batch)", xlabel: "step",
          ylabel: "gain",
          logy: true,
          series: [
            Series("hc", points: gain(t.hc), style: "linespoints"),
            Series("mhc", points: gain(t.mhc), style: "linespoints"),
          ], extra: marks + [unit]),
        Panel(
          title: "training loss", xlabel: "step", ylabel: "loss (nats/byte)",
          series: [t.residual, t.hc, t.mhc].map { r in
            Series(r.config.connection.rawValue, points: r.metrics.map { (Double($0.step), $0.trainLoss) }, width: 1.2)
          }, extra: marks),
      ], columns: 1, width: 1000, height: 900)
  }

  func summary(_ g: Grid, worst: LoadedRun) -> String {
    var rates = MarkdownTable([
      "connection", "runs", "with loss spikes", "with gradient spikes", "diverged",
      "largest loss excess", "largest gradient ratio", "largest composite gain",
    ])
    for kind in [ConnectionKind.residual, .hc, .mhc] {
      let rs = g.all.filter { $0.config.connection == kind }
      let rep = rs.compactMap(\.summary.instability)
      func frac(_ n: Int) -> String { "\(n)/\(rs.count)" }
      rates.add([
        kind.rawValue, "\(rs.count)", frac(rep.filter { $0.lossSpikes > 0 }.count),
        frac(rep.filter { $0.gradSpikes > 0 }.count),
        frac(rs.filter { $0.summary.instability?.divergedStep != nil || $0.summary.status == .diverged }.count),
        cell(rep.compactMap(\.maxLossExcess).max(), 3), cell(rep.compactMap(\.maxGradRatio).max(), 3),
        kind == .residual ? "1" : cell(rs.compactMap(\.summary.maxCompositeBackwardGain).max(), 3),
      ])
    }
    var cells = MarkdownTable([
      "layers", "lr", "seeds", "residual loss (mean ± 95%)", "HC − residual",
      "mHC − residual", "residual S/G/D", "HC S/G/D", "mHC S/G/D", "HC max gain",
      "mHC max gain",
    ])
    let comparisons: [(name: String, kind: ConnectionKind, baseline: ConnectionKind)] =
      [("HC − residual", .hc, .residual), ("mHC − residual", .mhc, .residual), ("mHC − HC", .mhc, .hc)]
    var gapTable = MarkdownTable(["layers", "lr", "comparison"] + PairedComparison.tableHeader)
    var tally: [String: [Verdict: Int]] = [:]
    var cellCount = 0
    for d in g.depths {
      for lr in g.lrs {
        let res = g.runs(.residual, layers: d, lr: lr), hc = g.runs(.hc, layers: d, lr: lr),
          mhc = g.runs(.mhc, layers: d, lr: lr)
        guard !res.isEmpty || !hc.isEmpty else { continue }
        cellCount += 1
        let pairs = comparisons.map { g.gap($0.kind, to: $0.baseline, layers: d, lr: lr) }
        for (c, p) in zip(comparisons, pairs) {
          gapTable.add(["\(d)", cell(lr, 2), c.name] + p.tableCells)
          tally[c.name, default: [:]][p.verdict, default: 0] += 1
        }
        let loss = SeedInterval(res.filter { $0.summary.status == .completed }.compactMap(\.summary.finalEvalLoss))
        cells.add([
          "\(d)", cell(lr, 2), "\(max(res.count, hc.count, mhc.count))", loss.text(4),
          pairs[0].text, pairs[1].text,
          Grid.counts(res, compact: true), Grid.counts(hc, compact: true), Grid.counts(mhc, compact: true),
          cell(hc.compactMap(\.summary.maxCompositeBackwardGain).max(), 3),
          cell(mhc.compactMap(\.summary.maxCompositeBackwardGain).max(), 3),
        ])
      }
    }
    /// "better in 1, worse in 0, not resolved in 2, no interval in 1 of 4 cells".
    func verdicts(_ name: String) -> String {
      let v = tally[name] ?? [:]
      return "better in \(v[.better] ?? 0), worse in \(v[.worse] ?? 0), not resolved in \(v[.notResolved] ?? 0), "
        + "no interval (fewer than two paired seeds) in \(v[.tooFewSeeds] ?? 0) of \(cellCount) cells"
    }
    let t = g.trio(worst)
    func describe(_ r: LoadedRun) -> String {
      let i = r.summary.instability
      var parts = ["final validation loss \(cell(r.summary.finalEvalLoss, 4))"]
      if let i {
        parts.append(
          i.lossSpikes == 0
            ? "no loss spike (largest excess \(cell(i.maxLossExcess, 2)))"
            : "\(i.lossSpikes) loss spike(s), the first at step \(i.firstLossSpikeStep!), largest +\(cell(i.maxLossExcess, 3)) nats/byte at step \(i.maxLossExcessStep!)"
        )
        parts.append(
          "largest gradient norm \(cell(i.maxGradRatio, 3))× its median (step \(i.maxGradRatioStep.map(String.init) ?? "–"))"
        )
        if let d = i.divergedStep { parts.append("diverged (\(i.divergence!)) at step \(d)") }
      }
      if r.config.connection != .residual {
        parts.append("composite gain \(cell(r.summary.maxCompositeBackwardGain, 3)) at the end")
      }
      return parts.joined(separator: ", ")
    }
    let hcSpiked = g.all.filter { $0.config.connection == .hc && ($0.summary.instability?.lossSpikes ?? 0) > 0 }
    let verdict =
      hcSpiked.isEmpty
      ? "**HC never had a loss spike in this budget.** Grid tried: layers \(g.depths.map(String.init).joined(separator: ", ")) × peak lr \(g.lrs.map { cell($0, 2) }.joined(separator: ", ")), \(g.all.first?.config.steps ?? 0) steps, seeds as in the table. The cell shown is \(worst.summary.instability?.divergedStep != nil || worst.summary.status == .diverged ? "an HC run that diverged" : "the HC run with the largest loss excess")."
      : "HC had loss spikes in \(hcSpiked.count) of \(g.all.filter { $0.config.connection == .hc }.count) runs; the cell shown is the HC run that failed most clearly (diverged first, then most spikes, then the largest excess)."
    let c = worst.summary.instability?.criteria ?? SpikeCriteria()
    let at = (layers: worst.config.layers, lr: worst.config.lr)
    let here = comparisons.map { k in
      "- "
        + reading(
          g.gap(k.kind, to: k.baseline, layers: at.layers, lr: at.lr),
          k.kind == .hc ? "HC" : "mHC", k.baseline == .hc ? "HC" : "the residual") + "."
    }.joined(separator: "\n")
    let mhcRuns = g.all.filter { $0.config.connection == .mhc }.count
    let mhcSpiked = g.all.filter { $0.config.connection == .mhc && ($0.summary.instability?.lossSpikes ?? 0) > 0 }.count
    return """
      # instability — \(sweep.preset.rawValue) preset (figures use every finished run of the full grid on disk)

      Width C=\(worst.config.width), heads \(worst.config.heads), seq \(worst.config.seq), batch \(worst.config.batch), n=4, t_max=20, \(worst.config.steps) steps, warmup \(worst.config.warmup ?? 0), step decay at 80% and 90%.
      Definitions (after warmup, as in `summary.json` → `instability`): a **loss spike** is a training loss more than \(cell(c.lossExcess, 2)) nats/byte above the median of the previous \(c.window) steps; a **gradient spike** a pre-clip gradient norm more than \(cell(c.gradRatio, 2))× that median; consecutive spiking steps are one event. **Divergence**: a non-finite loss or gradient, or the median of the last \(c.divergenceWindow) losses above the first step's loss. S/G/D in the tables: runs with loss spikes / gradient spikes / divergence.

      \(finalEvaluationNote(g.all))

      ## Rates per connection

      \(rates.text)
      ## Where HC fails most clearly: \(t.label)

      \(verdict)

      - HC: \(describe(t.hc)).
      - mHC: \(describe(t.mhc)).
      - residual: \(describe(t.residual)).

      Final loss over every seed of this cell (\(at.layers) layers, peak lr \(cell(at.lr, 2))), paired by seed:

      \(here)

      ## The grid

      Gaps: final validation loss minus the baseline's of the same seed; each cell gives the mean gap, its 95% interval, \
      the paired seeds and the verdict.

      \(cells.text)
      ### Every gap, paired by seed

      \(gapTable.text)
      Verdicts over the cells: HC − residual \(verdicts("HC − residual")); \
      mHC − residual \(verdicts("mHC − residual")); mHC − HC \(verdicts("mHC − HC")).

      ## Beside the paper

      | claim (paper, 27B MoE, Fig. 2–3) | here |
      |---|---|
      | HC's loss surges mid-training (≈ 12k steps) with a spike in the gradient norm | \(hcSpiked.isEmpty ? "no HC loss spike in the grid" : "HC loss spikes in \(hcSpiked.count) runs") |
      | mHC trains smoothly | mHC runs with loss spikes: \(mhcSpiked) of \(mhcRuns) |
      | mHC's final loss is below the residual's (−0.021) | mHC − residual: \(verdicts("mHC − residual")) |
      | HC composite gain peaks ≈ 3000 | largest here \(cell(g.all.filter { $0.config.connection == .hc }.compactMap(\.summary.maxCompositeBackwardGain).max(), 3)) |
      | mHC composite gain ≈ 1.6 | largest here \(cell(g.all.filter { $0.config.connection == .mhc }.compactMap(\.summary.maxCompositeBackwardGain).max(), 4)) |

      Figures: `plots/instability-fig2.png` (loss gap and gradient norm at the cell above), \
      `plots/instability-phase.png` (depth × learning rate: mean gap and verdict per cell), \
      `plots/instability-gain.png` (HC's composite gain over training beside its loss).

      """
  }
}

/// The finished runs of the grid, by connection, depth, learning rate and seed.
struct Grid {
  let all: [LoadedRun]
  init(_ runs: [LoadedRun]) { all = runs }
  var depths: [Int] { Set(all.map(\.config.layers)).sorted() }
  var lrs: [Double] { Set(all.map(\.config.lr)).sorted() }

  func runs(_ kind: ConnectionKind, layers: Int, lr: Double) -> [LoadedRun] {
    all.filter { $0.config.connection == kind && $0.config.layers == layers && $0.config.lr == lr }
      .sorted { $0.config.seed < $1.config.seed }
  }

  /// Final-loss gap of `kind` to `baseline` (default: the residual) in one cell, paired by seed.
  func gap(
    _ kind: ConnectionKind, to baseline: ConnectionKind = .residual, layers: Int,
    lr: Double
  ) -> PairedComparison {
    PairedComparison.finalLoss(runs(kind, layers: layers, lr: lr), baseline: runs(baseline, layers: layers, lr: lr))
  }

  /// The HC run that failed most clearly: diverged, then most loss spikes, then the largest loss excess.
  var mostUnstable: LoadedRun? {
    func score(_ r: LoadedRun) -> (Int, Int, Double, Double) {
      let i = r.summary.instability
      return (i?.divergedStep == nil ? 0 : 1, i?.lossSpikes ?? 0, i?.maxLossExcess ?? -.infinity, i?.maxGradRatio ?? 0)
    }
    return all.filter { $0.config.connection == .hc && trioExists($0) }.max { score($0) < score($1) }
  }

  func trioExists(_ r: LoadedRun) -> Bool {
    [ConnectionKind.residual, .mhc].allSatisfy { k in
      runs(k, layers: r.config.layers, lr: r.config.lr).contains { $0.config.seed == r.config.seed }
    }
  }

  /// The residual, HC and mHC runs of `hc`'s cell and seed.
  func trio(_ hc: LoadedRun) -> Trio {
    func pick(_ k: ConnectionKind) -> LoadedRun {
      runs(k, layers: hc.config.layers, lr: hc.config.lr).first { $0.config.seed == hc.config.seed }!
    }
    return Trio(residual: pick(.residual), hc: hc, mhc: pick(.mhc))
  }

  /// "S 1/3 G 2/3 D 0/3" (or "1/2/0" compact): runs with loss spikes, gradient spikes, divergence.
  static func counts(_ runs: [LoadedRun], compact: Bool = false) -> String {
    guard !runs.isEmpty else { return "–" }
    let r = runs.compactMap(\.summary.instability)
    let s = r.filter { $0.lossSpikes > 0 }.count, g = r.filter { $0.gradSpikes > 0 }.count
    let d = runs.filter { $0.summary.instability?.divergedStep != nil || $0.summary.status == .diverged }.count
    return compact ? "\(s)/\(g)/\(d)" : "S \(s)/\(runs.count) G \(g)/\(runs.count) D \(d)/\(runs.count)"
  }
}

struct Trio {
  let residual: LoadedRun, hc: LoadedRun, mhc: LoadedRun
  var label: String { "\(hc.config.layers) layers, peak lr \(cell(hc.config.lr, 2)), seed \(hc.config.seed)" }
}

InstabilityExperiment.main()
