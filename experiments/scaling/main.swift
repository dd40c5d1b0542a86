// scaling — does mHC's advantage over the residual baseline survive scale? (paper Fig. 6)
//
// Compute scaling: model sizes whose width and depth grow together, each trained on a token
// budget proportional to its non-embedding parameters, for residual, HC and mHC (the same seeds
// at every size); final loss vs training FLOPs, a power law per variant, and the loss gap
// and ratio of HC/mHC to the baseline per size. Token scaling: the smallest size trained `--long`
// times longer, its gap and ratio followed over training (the paper follows its 3B model).
//
//   swift run -c release scaling                  # quick preset (~12 min on 2 cores)
//   swift run -c release scaling --preset paper   # 4 sizes up to 6.4M parameters (~7 h; or --shard K/3 on 3 machines)
//   swift run -c release scaling --replot         # figures + summary.md from results/ only
import ArgumentParser
import Foundation
import MHC
import MHCHarness

BLASRuntime.ensureFastKernel()

let variants: [ConnectionKind] = [.residual, .hc, .mhc]

struct Scaling: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Compute and token scaling of residual, HC and mHC: loss vs FLOPs, power-law fits, loss gap and ratio to the baseline."
  )
  @OptionGroup var sweep: SweepOptions
  @Option(
    help: "Model sizes WIDTHxLAYERS, comma separated (default: 64x2,96x3,128x4 quick; 96x3,128x4,192x6,256x8 paper).")
  var sizes: String?
  @Option(help: "Training tokens per non-embedding parameter of the residual model (default: 2).")
  var tokensPerParameter: Double?
  var seeds: Int? { sweep.seeds }
  @Option(help: "Token scaling: the smallest size trained this many times its compute-scaling budget (default: 8).")
  var long: Double?
  @Option(help: "Expansion rate n of HC and mHC.") var streams = 4

  // MARK: Config: the runs of each preset

  /// The preset's settings after the flags.
  struct Plan {
    var base: TrainConfig
    var sizes: [ModelSize]
    var tokensPerParameter: Double
    var seeds: Int
    var long: Double
  }

  func plan() throws -> Plan {
    let paper = sweep.preset == .paper, tiny = sweep.preset == .tiny
    var base = sweep.preset.baseConfig  // batch 16 × seq 128 = 2048 tokens per step, lr 3e-3, t_max 20
    base.streams = streams
    let defaultSizes = tiny ? "16x1,24x1,32x2" : paper ? "96x3,128x4,192x6,256x8" : "64x2,96x3,128x4"
    let plan = Plan(
      base: base, sizes: try ModelSize.parse(sizes ?? defaultSizes),
      tokensPerParameter: tokensPerParameter ?? (tiny ? 0.05 : 2), seeds: sweep.seedCount(tiny: 2),
      long: long ?? (tiny ? 2 : 8))
    guard plan.tokensPerParameter > 0, plan.seeds >= 1, plan.long > 0 else {
      throw ValidationError("--tokens-per-parameter and --long must be > 0 and --seeds ≥ 1")
    }
    return plan
  }

  /// `kind` at `size`, trained on `budget` × the size's token budget.
  func config(_ kind: ConnectionKind, _ size: ModelSize, seed: Int, budget: Double, plan p: Plan) -> TrainConfig {
    var c = p.base
    c.connection = kind; c.width = size.width; c.layers = size.layers; c.heads = size.heads; c.seed = UInt64(seed)
    var residual = c; residual.connection = .residual  // every variant gets the baseline's budget, so the same FLOPs
    let tokens = p.tokensPerParameter * budget * Double(residual.model.nonEmbeddingParameters)
    c.steps = max(4, Int((tokens / Double(c.batch * c.seq)).rounded()))
    c.evalEvery = max(1, c.steps / (budget > 1 ? 32 : 8))  // the long runs are followed closely
    return c
  }

  /// Ids name every difference from the reference configuration (size, steps), so presets that
  /// share a results folder never mistake each other's runs for their own.
  func runs(_ p: Plan) -> [SweepRun] {
    var list: [SweepRun] = []
    for size in p.sizes {
      for seed in 0..<p.seeds {
        for kind in variants { list.append(SweepRun(config(kind, size, seed: seed, budget: 1, plan: p))) }
      }
    }
    for kind in variants {
      let c = config(kind, p.sizes[0], seed: 0, budget: p.long, plan: p)
      list.append(SweepRun(id: "long-" + RunID.derive(c), config: c))
    }
    return list
  }

  func run() throws {
    let p = try plan()
    try Sweep(experiment: "scaling", runs: runs(p)).execute(sweep) { try report($0, plan: p) }
  }

  // MARK: Figures and summary

  func report(_ all: [LoadedRun], plan p: Plan) throws {
    let long = all.filter { $0.id.hasPrefix("long-") }
    let results = Dictionary(grouping: all.filter { !$0.id.hasPrefix("long-") }) { ModelSize($0.config) }
      .map { SizeResult(size: $0.key, runs: $0.value) }.sorted { $0.compute < $1.compute }
    let fits = Dictionary(
      uniqueKeysWithValues: variants.compactMap { k in
        PowerLaw(results.map { ($0.compute, $0.loss(k).mean) }).map { (k, $0) }
      })
    try Gnuplot.render(computeFigure(results, fits: fits), in: sweep.plots)
    try Gnuplot.render(tokenFigure(long), in: sweep.plots)
    try ExperimentSummary.write(
      summary(results, fits: fits, long: long, all: all, plan: p), experiment: "scaling", options: sweep,
      figures: "scaling-*.png")
  }

  /// Final loss vs compute with the fitted power laws; gap and ratio to the baseline per size.
  func computeFigure(_ results: [SizeResult], fits: [ConnectionKind: PowerLaw]) -> GnuplotFigure {
    let compute = results.map(\.compute)
    let lo = (compute.min() ?? 1) / 1.5, hi = (compute.max() ?? 1) * 1.5
    let grid = (0...24).map { lo * pow(hi / lo, Double($0) / 24) }
    // Each size is named on the top axis: width/depth and non-embedding parameters of the baseline.
    let sizeTics = results.map { "\"\($0.size.label)\\n\(millions($0.parameters(.residual)))\" \($0.compute)" }
    let xaxis = [
      "set xrange [\(lo):\(hi)]", "set x2range [\(lo):\(hi)]", "set logscale x2", "set format x '%.0e'",
      "set x2tics (\(sizeTics.joined(separator: ", "))) font ',9' textcolor rgb '#555555'",
      "set tmargin 6", "set title offset 0,1.2",
    ]
    func line(at y: Int) -> String {
      Gnuplot.horizontalLine(at: "\(y)")
    }
    /// The mean over seeds (line) and every seed (dots) of `value` for `kind`, per size, at `shift` × the compute.
    func series(
      _ kind: ConnectionKind, _ mean: (SizeResult) -> Double, _ seeds: (SizeResult) -> [Double],
      shift: Double = 1
    ) -> [Series] {
      [
        Series(
          kind.rawValue, points: results.map { ($0.compute * shift, mean($0)) }.filter { $0.1.isFinite },
          style: "linespoints"),
        Series(
          "", color: PlotStyle.color(for: kind.rawValue),
          points: results.flatMap { r in seeds(r).map { (r.compute * shift, $0) } }, style: "points"),
      ]
    }
    /// HC and mHC against the residual per size: mean (line), each seed (dots) and the 95% interval (whiskers), HC just
    /// left of each size and mHC just right; `reference` is the no-difference level.
    func versus(
      _ interval: (SizeResult, ConnectionKind) -> SeedInterval,
      reference: Int
    ) -> (series: [Series], extra: [String]) {
      var out: [Series] = [], whiskers: [String] = [], ys = [Double(reference)]
      for (kind, shift) in [(ConnectionKind.hc, 1 / 1.04), (.mhc, 1.04)] {
        out += series(kind, { interval($0, kind).mean }, { interval($0, kind).values }, shift: shift)
        for r in results {
          let i = interval(r, kind)
          ys += i.values
          guard i.halfWidth.isFinite else { continue }
          ys += [i.lower, i.upper]
          let x = r.compute * shift
          whiskers.append(
            "set arrow from first \(x), first \(i.lower) to first \(x), first \(i.upper)"
              + " heads size screen 0.006,90 lc rgb '\(PlotStyle.color(for: kind.rawValue))' lw 1.5 front")
        }
      }
      let y = ys.filter(\.isFinite), lo = y.min() ?? 0, hi = y.max() ?? 0, pad = max(hi - lo, 0.005) * 0.12
      return (out, ["set yrange [\(lo - pad):\(hi + pad)]", line(at: reference)] + whiskers)
    }
    var lossSeries: [Series] = []
    for kind in variants {
      lossSeries += series(kind, { $0.loss(kind).mean }, { $0.loss(kind).values })
      if let f = fits[kind] {
        lossSeries.append(
          Series(
            "\(kind.rawValue) fit \(cell(f.a, 3))·C^-\(cell(f.b, 3))", color: PlotStyle.color(for: kind.rawValue),
            points: grid.map { ($0, f($0)) }, dash: 2, width: 1))
      }
    }
    let gaps = versus({ $0.gap($1).differences }, reference: 0), ratios = versus({ $0.ratio($1) }, reference: 1)
    let seeds = Set(results.map(\.seeds)).sorted().map(String.init).joined(separator: "/")
    let diverged = results.flatMap(\.runs).filter { $0.summary.status != .completed }.count
    return Chart.figure(
      "scaling-compute",
      title: "compute scaling: each size trained on tokens ∝ its parameters; "
        + "mean and 95% interval over \(seeds) seed(s) per size (paired by seed)"
        + (diverged > 0 ? " (\(diverged) diverged runs have no point)" : ""),
      panels: [
        Panel(
          title: "final validation loss (dashed: power-law fit)", xlabel: "training compute (FLOPs)",
          ylabel: "loss (nats/byte)",
          logx: true, logy: true, series: lossSeries,
          extra: xaxis + ["set key bottom left"]
            + logAxis(results.flatMap { r in variants.flatMap { r.losses($0).values } })),
        Panel(
          title: "absolute loss gap: variant − residual (whiskers: 95% interval; dots: seeds)",
          xlabel: "training compute (FLOPs)", ylabel: "loss gap (nats/byte)", logx: true, series: gaps.series,
          extra: xaxis + gaps.extra),
        Panel(
          title: "relative loss ratio: variant / residual (whiskers: 95% interval; dots: seeds)",
          xlabel: "training compute (FLOPs)", ylabel: "loss ratio", logx: true, series: ratios.series,
          extra: xaxis + ratios.extra),
      ], columns: 3, width: 1800, height: 560)
  }

  /// Validation loss, gap and ratio to the baseline over the long runs' training.
  func tokenFigure(_ long: [LoadedRun]) -> GnuplotFigure {
    func curve(_ r: LoadedRun) -> [(Double, Double)] {
      r.metrics.compactMap { m in m.valLoss.map { (Double(m.tokens), $0) } }
    }
    let residual = long.first { $0.config.connection == .residual }
    let baseline = Dictionary(residual.map(curve) ?? [], uniquingKeysWith: { a, _ in a })
    func versus(_ kind: ConnectionKind, _ f: (Double, Double) -> Double) -> Series {
      let points = long.first { $0.config.connection == kind }.map(curve) ?? []
      return Series(kind.rawValue, points: points.compactMap { t, l in baseline[t].map { (t, f(l, $0)) } })
    }
    let total = Double((residual?.config.steps ?? 0) * (residual.map { $0.config.batch * $0.config.seq } ?? 0))
    // The step decay of the learning rate (×0.316 at 80%, ×0.1 at 90% of training) shows in every curve.
    let decay =
      [0.8, 0.9].map {
        "set arrow from first \($0 * total), graph 0 to first \($0 * total), graph 1 nohead lc rgb '#aaaaaa' dt 3"
      }
      + [
        "set label 'lr decay' at first \(0.8 * total), graph 0.97 right offset -0.5,0 font ',9' textcolor rgb '#888888'",
        "set format x '%.1s%c'",
      ]
    /// y range fitted to the last 80% of training (and `reference`), so the large early differences do not flatten the rest.
    func zoom(_ series: [Series], around reference: Double) -> String {
      let ys = series.flatMap { $0.points.filter { $0.0 >= 0.2 * total }.map(\.1) }.filter(\.isFinite) + [reference]
      let lo = ys.min() ?? 0, hi = ys.max() ?? 1, pad = max(0.15 * (hi - lo), 1e-3)
      return "set yrange [\(lo - pad):\(hi + pad)]"
    }
    let gaps = [versus(.hc, -), versus(.mhc, -)], ratios = [versus(.hc, /), versus(.mhc, /)]
    let sizeNote =
      residual.map { " (\(ModelSize($0.config).label), \(millions($0.config.model.nonEmbeddingParameters)) params)" }
      ?? ""
    let seeds = Set(long.map(\.config.seed)).sorted().map(String.init).joined(separator: ", ")
    return Chart.figure(
      "scaling-tokens",
      title: "token scaling: the smallest size trained long" + sizeNote
        + "; one run per variant (seed \(seeds)): no interval",
      panels: [
        Panel(
          title: "validation loss", xlabel: "tokens seen", ylabel: "loss (nats/byte)",
          series: variants.map { k in
            Series(k.rawValue, points: long.first { $0.config.connection == k }.map(curve) ?? [])
          }, extra: decay),
        Panel(
          title: "absolute loss gap: variant − residual (y: last 80%)", xlabel: "tokens seen",
          ylabel: "loss gap (nats/byte)", series: gaps,
          extra: decay + [
            zoom(gaps, around: 0), Gnuplot.horizontalLine(at: "0"),
          ]),
        Panel(
          title: "relative loss ratio: variant / residual (y: last 80%)", xlabel: "tokens seen", ylabel: "loss ratio",
          series: ratios,
          extra: decay + [
            zoom(ratios, around: 1), Gnuplot.horizontalLine(at: "1"),
          ]),
      ], columns: 3, width: 1800, height: 560)
  }

  func summary(
    _ results: [SizeResult], fits: [ConnectionKind: PowerLaw], long: [LoadedRun], all: [LoadedRun], plan p: Plan
  ) -> String {
    var sizes = MarkdownTable(
      [
        "size", "heads", "non-emb params (res / hc / mhc)", "steps", "tokens", "tokens/param",
        "compute (FLOPs)", "seeds",
      ] + variants.map { "\($0.rawValue) loss (mean ± 95%)" }
        + ["hc / res (mean ± 95%)", "mhc / res (mean ± 95%)"])
    for r in results {
      sizes.add(
        [
          r.size.label, "\(r.size.heads)", variants.map { millions(r.parameters($0)) }.joined(separator: " / "),
          "\(r.steps)",
          millions(r.tokens), cell(Double(r.tokens) / Double(r.parameters(.residual)), 3), cell(r.compute, 3),
          "\(r.seeds)",
        ]
          + variants.map { r.loss($0).text(4) } + [r.ratio(.hc).text(4), r.ratio(.mhc).text(4)])
    }
    var gapTable = MarkdownTable(["size", "variant − residual"] + PairedComparison.tableHeader)
    for r in results {
      for k in [ConnectionKind.hc, .mhc] { gapTable.add([r.size.label, k.rawValue] + r.gap(k).tableCells) }
    }
    var fitTable = MarkdownTable([
      "variant", "a", "b ± standard error", "R² (log-log)", "points", "L at the largest compute: measured / fitted",
    ])
    for k in variants {
      guard let f = fits[k], let top = results.last else {
        fitTable.add([k.rawValue, "–", "–", "–", "–", "–"]); continue
      }
      fitTable.add([
        k.rawValue, cell(f.a, 4), "\(cell(f.b, 3)) ± \(cell(f.standardError, 2))", cell(f.r2, 4), "\(f.count)",
        "\(cell(top.loss(k).mean)) / \(cell(f(top.compute)))",
      ])
    }
    // Every seed of every size: the paired differences behind the gap table.
    var seedTable = MarkdownTable(["size", "seed"] + variants.map(\.rawValue) + ["hc − res", "mhc − res"])
    for r in results {
      for s in Set(r.runs.map(\.config.seed)).sorted() {
        let l = variants.map { r.losses($0)[s] }
        seedTable.add(
          [r.size.label, "\(s)"] + l.map { cell($0) } + [l[1], l[2]].map { cell(compare($0, l[0], -), 3) })
      }
    }
    // Token scaling: the long runs at eight points of training.
    var tokenTable = MarkdownTable(
      ["tokens", "step"] + variants.map(\.rawValue) + ["mhc − res", "mhc / res", "hc − res", "hc / res"])
    let curves = variants.map { k in
      long.first { $0.config.connection == k }.map { r in
        Dictionary(r.metrics.compactMap { m in m.valLoss.map { (m.step, $0) } }, uniquingKeysWith: { a, _ in a })
      } ?? [:]
    }
    let evalSteps = curves[0].keys.sorted()
    let picks = evalSteps.isEmpty ? [] : Set((1...8).map { evalSteps[max(0, $0 * evalSteps.count / 8 - 1)] }).sorted()
    let tokensPerStep = long.first.map { $0.config.batch * $0.config.seq } ?? 0
    for step in picks {
      let l = curves.map { $0[step] }
      tokenTable.add(
        [millions(step * tokensPerStep), "\(step)"] + l.map { cell($0) }
          + [l[2], l[1]].flatMap { [cell(compare($0, l[0], -), 3), cell(compare($0, l[0], /), 4)] })
    }
    let longSeeds = Set(long.map(\.config.seed)).sorted().map { "seed \($0)" }.joined(separator: ", ")
    let statusLine = ExperimentSummary.status(
      all, consequence: "and are left out of means, gaps and fits", reasons: true)
    let phi = phiShare(results.last).map { cell(100 * $0, 2) + "%" } ?? "–"
    let seedCounts = Set(results.map(\.seeds)).sorted()
    let seedsLine =
      seedCounts.count == 1
      ? "\(seedCounts[0]) seed(s) at every size"
      : "seeds per size as in the table ("
        + results.map { "\($0.size.label): \($0.seeds)" }.joined(separator: ", ") + ")"
    return """
      # scaling — \(sweep.preset.rawValue) preset

      Compute scaling: \(results.count) sizes (width and depth together; heads = max(2, width/32)), each trained on \
      \(cell(p.tokensPerParameter, 3)) tokens per non-embedding parameter of its residual model (HC and mHC get the \
      same steps, so the same compute); batch \(p.base.batch) × seq \(p.base.seq), lr \(p.base.lr) with the paper's \
      step decay, n = \(streams), t_max = \(p.base.iterations); \(seedsLine). Compute = training FLOPs of the \
      transformer's matmuls (6 × tokens × (weights + attention), head included), the same for all three variants: the \
      connections' own work is not counted (mHC's Φ projection adds \(phi) at the largest size). Losses are final \
      validation nats/byte; ratios are variant / residual per seed, then mean ± 95% half-width.

      \(finalEvaluationNote(results.flatMap(\.runs)))

      \(statusLine)

      \(sizes.text)
      ## Gap to the residual per size (paired by seed)

      \(gapTable.text)
      ## Power-law fits, L(C) = a · C^(−b)

      Least squares of log L on log C over the sizes' mean losses (one point per size). With \(results.count) points a \
      fit with an irreducible term would have as many parameters as points, so none is fitted; R² is in log space, and \
      the slope's standard error has \(max(results.count - 2, 0)) degree(s) of freedom.

      \(fitTable.text)
      \(slopeSentence(fits))

      ## Seeds

      \(seedTable.text)
      ## Token scaling (\(long.first.map { "\(ModelSize($0.config).label), \($0.config.steps) steps, \(cell(p.long, 3))× its compute budget" } ?? "–"))

      One run per variant (\(longSeeds.isEmpty ? "none finished" : longSeeds)): the differences below are single runs \
      with no interval, and no verdict is drawn from them. Values are the in-training validation loss \
      (\(long.first.map { "\($0.config.evalBatches)" } ?? "–") random validation batches per evaluation), not the final \
      evaluation.

      \(tokenTable.text)
      ## Where these models sit, and what can be concluded

      \(context(results))

      Figures: `plots/scaling-compute.png` (loss vs compute with fits; gap and ratio per size with 95% intervals), \
      `plots/scaling-tokens.png` (loss, gap and ratio over the long runs, one seed).

      """
  }

  /// One sentence comparing the fitted slopes of mHC and the residual baseline: their difference with an approximate
  /// 95% Student-t interval (combined standard error, points − 2 degrees of freedom).
  func slopeSentence(_ fits: [ConnectionKind: PowerLaw]) -> String {
    guard let m = fits[.mhc], let r = fits[.residual] else { return "Too few completed sizes for a fit." }
    let db = m.b - r.b, se = (m.standardError * m.standardError + r.standardError * r.standardError).squareRoot()
    let df = min(m.count, r.count) - 2
    let head = "mHC's exponent b minus the baseline's: \(signed(db))"
    guard se.isFinite, df >= 1 else {
      return head + "; with \(min(m.count, r.count)) points the exponents have no standard error, "
        + "so the fits do not compare the slopes."
    }
    let h = StudentT.quantile(0.975, df: Double(df)) * se
    let interval = " (approximate 95% interval [\(signed(db - h)), \(signed(db + h))], \(df) degree(s) of freedom)"
    guard db - h > 0 || db + h < 0 else {
      return head + interval + ": not resolved (±" + String(format: "%.3f", h)
        + "), so the fits do not distinguish the two slopes."
    }
    return head + interval + ": the interval excludes 0; taken at face value mHC's loss falls "
      + (db > 0 ? "faster" : "more slowly") + " with compute than the baseline's."
  }

  /// Where our sizes sit relative to the paper's 3B/9B/27B, and which conclusions the per-size verdicts support.
  func context(_ results: [SizeResult]) -> String {
    guard let small = results.first, let large = results.last else { return "No completed sizes." }
    let mhc = results.map { ($0.size.label, $0.gap(.mhc)) }, hc = results.map { ($0.size.label, $0.gap(.hc)) }
    let ahead = mhc.filter { $0.1.verdict == .better }.map(\.0)
    let holds: String
    if results.count > 1 && ahead.count == results.count {
      holds =
        "mHC is resolved ahead of the baseline at every size, so across this "
        + "\(cell(large.compute / small.compute, 3))× compute range its advantage holds as compute grows "
        + "(at these sizes and budgets)."
    } else if ahead.isEmpty {
      holds =
        "mHC is resolved ahead of the baseline at no size: these runs do not show an advantage, and so "
        + "cannot say whether one holds as compute grows."
    } else {
      holds =
        "mHC is resolved ahead of the baseline only at \(ahead.joined(separator: ", ")) "
        + "of \(results.count) sizes: "
        + "these runs do not show the advantage holding across the compute range."
    }
    let g0 = small.gap(.mhc), g1 = large.gap(.mhc), largest = Double(large.parameters(.residual))
    let orders = "\(cell(log10(3e9 / largest), 2))–\(cell(log10(27e9 / largest), 2))"
    let trend: String
    if results.count < 2 {
      trend = "one size: no trend with compute."
    } else if g0.n < 2 || g1.n < 2 {
      trend = "fewer than two paired seeds at the smallest or the largest size: no interval, so no trend is read."
    } else if g1.differences.upper < g0.differences.lower || g1.differences.lower > g0.differences.upper {
      trend =
        "the 95% intervals at \(small.size.label) \(g0.intervalText) and \(large.size.label) \(g1.intervalText) "
        + "do not overlap: the gap is \(g1.mean < g0.mean ? "more negative" : "less negative or positive") "
        + "at the largest size (a conservative reading: different sizes are not paired with each other)."
    } else {
      trend =
        "the 95% intervals at \(small.size.label) \(g0.intervalText) and \(large.size.label) \(g1.intervalText) "
        + "overlap: whether the gap grows or shrinks with compute is not resolved."
    }
    return """
      - Scale: our non-embedding parameters run from \(millions(small.parameters(.residual))) to \(millions(large.parameters(.residual))); the paper's models have 3B, 9B and 27B parameters (mixture-of-experts), about \(cell(3e9 / Double(large.parameters(.residual)), 2))× our largest and more. Our training compute spans \(cell(small.compute, 2))–\(cell(large.compute, 2)) FLOPs, a factor \(cell(large.compute / small.compute, 3)) (the paper's three sizes span about 9× in parameters, with billions of training tokens each). Byte-level models on one small corpus at \(cell(Double(large.tokens) / Double(large.parameters(.residual)), 2)) tokens per parameter are far from the paper's regime, and far from compute-optimal.
      - mHC − residual per size: \(verdictList(mhc)) (the paper reports mHC ahead at all three of its sizes and \
      throughout the 3B model's training).
      - HC − residual per size: \(verdictList(hc)).
      - Across compute: \(holds) Gap trend, smallest to largest size: \(trend)
      - Can be concluded: the per-size verdicts above, at these sizes and budgets; a gap that is not resolved means \
      no difference was detected at its ±half-width, not that there is none.
      - Cannot be concluded: anything about 3B–27B models (\(orders) orders of magnitude of extrapolation in \
      parameters); the shape of the loss-compute law (\(results.count) points fit a straight line in log-log almost \
      regardless); compute-optimal behaviour (our token budgets are fixed multiples of the parameters, not tuned); any \
      gap inside its interval; anything from the token-scaling runs beyond a description (one seed).
      """
  }
}

/// A model size: width and depth grow together; the head size stays 32 (at least two heads).
struct ModelSize: Hashable {
  var width: Int, layers: Int
  var heads: Int { max(2, width / 32) }
  var label: String { "C\(width)/L\(layers)" }

  init(width: Int, layers: Int) { self.width = width; self.layers = layers }
  init(_ config: TrainConfig) { self.init(width: config.width, layers: config.layers) }

  /// Parses `64x2,96x3,128x4`, smallest model first.
  static func parse(_ list: String) throws -> [ModelSize] {
    let sizes = try list.split(separator: ",").map { item in
      let p = item.split(separator: "x").compactMap { Int($0) }
      guard p.count == 2, p[0] >= 2, p[1] >= 1 else {
        throw ValidationError("--sizes '\(item)' is invalid; write WIDTHxLAYERS, e.g. 128x4")
      }
      let size = ModelSize(width: p[0], layers: p[1])
      guard size.width % size.heads == 0, (size.width / size.heads) % 2 == 0 else {
        throw ValidationError(
          "--sizes '\(item)': width \(size.width) does not split into \(size.heads) heads of even size; use a multiple of 32 (or 4 below 64)"
        )
      }
      return size
    }
    guard !sizes.isEmpty, Set(sizes).count == sizes.count else {
      throw ValidationError("--sizes '\(list)' must list distinct sizes")
    }
    return sizes.sorted { ($0.width * $0.width * $0.layers) < ($1.width * $1.width * $1.layers) }
  }
}

/// The compute-scaling runs of one model size.
struct SizeResult {
  let size: ModelSize
  let runs: [LoadedRun]

  func runs(_ kind: ConnectionKind) -> [LoadedRun] { runs.filter { $0.config.connection == kind } }
  var steps: Int { runs.first?.config.steps ?? 0 }
  var tokens: Int { runs.first.map { $0.config.steps * $0.config.batch * $0.config.seq } ?? 0 }
  var seeds: Int { Set(runs.map(\.config.seed)).count }
  /// Training FLOPs of the budget: the transformer's matmuls, the same for every variant.
  var compute: Double { runs.map { Double($0.config.steps) * $0.summary.flopsPerStep }.max() ?? .nan }
  func parameters(_ kind: ConnectionKind) -> Int { runs(kind).first?.config.model.nonEmbeddingParameters ?? 0 }

  /// Final validation loss by seed, of the runs that completed (a diverged run has none).
  func losses(_ kind: ConnectionKind) -> [UInt64: Double] {
    Dictionary(
      runs(kind).compactMap { r in
        r.summary.status == .completed ? r.summary.finalEvalLoss.map { (r.config.seed, $0) } : nil
      }, uniquingKeysWith: { a, _ in a })
  }
  /// Final validation loss over the completed seeds.
  func loss(_ kind: ConnectionKind) -> SeedInterval {
    SeedInterval(losses(kind).sorted { $0.key < $1.key }.map(\.value))
  }
  /// `compare(variant, residual)` for every seed where both completed, in seed order.
  func paired(_ kind: ConnectionKind, _ compare: (Double, Double) -> Double) -> [Double] {
    let base = losses(.residual)
    return losses(kind).sorted { $0.key < $1.key }.compactMap { s, l in base[s].map { compare(l, $0) } }
  }
  /// Final loss of `kind` minus the residual's, paired by seed.
  func gap(_ kind: ConnectionKind) -> PairedComparison { .finalLoss(runs(kind), baseline: runs(.residual)) }
  /// Final loss of `kind` over the residual's, per paired seed.
  func ratio(_ kind: ConnectionKind) -> SeedInterval { SeedInterval(paired(kind, /)) }
}

/// L(C) = a · C^(−b), fitted by least squares of log L on log C.
struct PowerLaw {
  var a: Double, b: Double
  /// Coefficient of determination of the log-log fit.
  var r2: Double
  /// Standard error of the exponent b (NaN with two points).
  var standardError: Double
  var count: Int

  init?(_ points: [(Double, Double)]) {
    let p = points.filter { $0.0 > 0 && $0.1 > 0 && $0.0.isFinite && $0.1.isFinite }.map { (log($0.0), log($0.1)) }
    guard p.count >= 2 else { return nil }
    let n = Double(p.count), mx = p.map(\.0).reduce(0, +) / n, my = p.map(\.1).reduce(0, +) / n
    let sxx = p.map { ($0.0 - mx) * ($0.0 - mx) }.reduce(0, +), syy = p.map { ($0.1 - my) * ($0.1 - my) }.reduce(0, +)
    guard sxx > 0 else { return nil }
    let slope = p.map { ($0.0 - mx) * ($0.1 - my) }.reduce(0, +) / sxx
    let ssr = p.map { (x, y) -> Double in
      let e = y - (my + slope * (x - mx)); return e * e
    }.reduce(0, +)
    a = exp(my - slope * mx); b = -slope; count = p.count
    r2 = syy > 0 ? 1 - ssr / syy : 1
    standardError = p.count > 2 ? (ssr / (n - 2) / sxx).squareRoot() : .nan
  }

  func callAsFunction(_ c: Double) -> Double { a * pow(c, -b) }
}

/// The share of mHC's Φ projection (2·nC·(n²+2n) FLOPs per token and sublayer, ×3 for training)
/// in the counted training FLOPs of a size.
func phiShare(_ r: SizeResult?) -> Double? {
  guard let run = r?.runs(.mhc).first else { return nil }
  let c = run.config, n = Double(c.streams), tokens = Double(c.batch * c.seq)
  let phi = 3 * Double(2 * c.layers) * 2 * n * Double(c.width) * (n * n + 2 * n) * tokens
  return phi / run.summary.flopsPerStep
}

/// y range and tics for a log axis spanning `values`: gnuplot labels only powers of ten, none within a decade.
func logAxis(_ values: [Double]) -> [String] {
  let v = values.filter { $0.isFinite && $0 > 0 }
  guard let lo = v.min().map({ $0 / 1.03 }), let hi = v.max().map({ $0 * 1.03 }) else { return [] }
  let raw = (hi - lo) / 5, magnitude = pow(10, floor(log10(raw)))
  let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
  let tics = stride(from: (lo / step).rounded(.up) * step, through: hi, by: step).map { String(format: "%g", $0) }
  return ["set yrange [\(lo):\(hi)]", "set ytics (\(tics.joined(separator: ", ")))"]
}

/// `relation(value, base)` when both exist.
func compare(_ value: Double?, _ base: Double?, _ relation: (Double, Double) -> Double) -> Double? {
  guard let value, let base else { return nil }
  return relation(value, base)
}

/// 803968 → "0.804M", 12345 → "12.3k".
func millions(_ x: Int) -> String {
  if x >= 1_000_000 { return "\(cell(Double(x) / 1e6, 3))M" }
  return x >= 1000 ? "\(cell(Double(x) / 1e3, 3))k" : "\(x)"
}

Scaling.main()
