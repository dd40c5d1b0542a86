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
//
// This page: config → runs → report. SizeResult.swift: sizes, per-size results, the power law;
// Figures.swift and Summary.swift: the figures and summary.md.
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
    base.model.connection.streams = streams
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
    c.model.connection.kind = kind; c.model.width = size.width; c.model.layers = size.layers;
    c.model.heads = size.heads; c.seed = UInt64(seed)
    var residual = c; residual.model.connection.kind = .residual  // every variant gets the baseline's budget, so the same FLOPs
    let tokens = p.tokensPerParameter * budget * Double(residual.model.nonEmbeddingParameters)
    c.steps = max(4, Int((tokens / Double(c.batch * c.model.seq)).rounded()))
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
    let cells = p.sizes.map { size in
      PairedCell(
        name: "C\(size.width) L\(size.layers)", variants: variants.map(\.rawValue), seeds: p.seeds,
        comparisons: variants.filter { $0 != .residual }.map { ($0.rawValue, "residual") }
          + (variants.contains(.hc) && variants.contains(.mhc) ? [("mhc", "hc")] : [])
      ) { v, seed in SweepRun(config(ConnectionKind(rawValue: v)!, size, seed: seed, budget: 1, plan: p)) }
    }
    let long = runs(p).filter { $0.id.hasPrefix("long-") }
    try Sweep(experiment: "scaling", cells: cells, others: long).execute(sweep) { try report($0, plan: p) }
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
}

Scaling.main()
