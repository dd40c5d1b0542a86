// mappings — what does mHC's H_res learn? (paper Fig. 8, and the init the paper leaves open)
//
// While the n streams are identical copies, the cotangent of H_res is constant along rows,
// and while every stream has the same H_pre the stream cotangents are identical, which makes
// it constant along columns; a converged Sinkhorn-Knopp projection annihilates both, so
// mHC's H_res learns only from what breaks both symmetries (`docs/method.md`, "Symmetry";
// MappingsTests). This sweep crosses the ways of breaking them — per-stream embeddings at
// expansion, a home-stream H_pre, the H_res bias init, a faster connection learning rate —
// and records what H_res then learns, against HC and the residual baseline.
//
//   swift run -c release mappings                 # quick preset (~15 min on 2 cores)
//   swift run -c release mappings --preset paper  # reference width, 4 layers, 5000 steps (hours)
//   swift run -c release mappings --replot        # figures + summary.md from results/ only
//
// This page: config → runs. Report.swift: the figures and summary.md.
import ArgumentParser
import Foundation
import MHC
import MHCHarness

BLASRuntime.ensureFastKernel()

/// One way of setting up the connections; every seed trains each.
struct Variant: Sendable {
  var label: String
  /// Axis label of the loss chart (see its x label for the key).
  var short: String
  var kind: ConnectionKind
  var biasInit = BiasInit.uniform
  var preInit: PreInit? = nil
  var streams = StreamInit.copies
  var connLR = 1.0
}

struct Mappings: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "What mHC's H_res learns: stream-symmetry breaking × bias init × connection learning rate, with HC and the residual for reference."
  )
  @OptionGroup var sweep: SweepOptions
  var seeds: Int? { sweep.seeds }
  @Option(help: "Training steps (default: 1000 quick, 5000 paper).") var steps: Int?
  @Option(help: "Layers (default: 3 quick, 4 paper).") var layers: Int?
  @Option(help: "Model width C (default: 64 quick, 128 paper).") var width: Int?
  @Option(help: "Peak learning rate (default: 3e-3).") var lr: Double?

  // MARK: Config: the runs of each preset

  static let residual = Variant(label: "residual", short: "res", kind: .residual)
  static let variants: [Variant] = [
    residual,
    Variant(label: "HC (copies)", short: "HC", kind: .hc),
    Variant(label: "HC + stream emb", short: "HC+e", kind: .hc, streams: .embeddings),
    // the symmetry-breaking ladder at uniform init
    Variant(label: "mHC uniform (copies)", short: "u", kind: .mhc),
    Variant(label: "mHC uniform + stream emb (default)", short: "u+e (default)", kind: .mhc, streams: .embeddings),
    Variant(label: "mHC uniform + home pre", short: "u+h", kind: .mhc, preInit: .home),
    Variant(
      label: "mHC uniform + home pre + stream emb", short: "u+h+e", kind: .mhc, preInit: .home, streams: .embeddings),
    // H_res inits with both symmetries broken, and as they come
    Variant(label: "mHC eye", short: "eye", kind: .mhc, biasInit: .eye),
    Variant(
      label: "mHC eye + home pre + stream emb", short: "eye+h+e", kind: .mhc, biasInit: .eye, preInit: .home,
      streams: .embeddings),
    Variant(label: "mHC identity (home pre)", short: "id", kind: .mhc, biasInit: .identity),
    Variant(
      label: "mHC identity (home pre) + stream emb", short: "id+e", kind: .mhc, biasInit: .identity,
      streams: .embeddings),
    // a faster connection learning rate (α and b ×10)
    Variant(label: "mHC uniform, conn lr ×10", short: "u lr×10", kind: .mhc, connLR: 10),
    Variant(
      label: "mHC uniform + home pre + stream emb, conn lr ×10", short: "u+h+e lr×10", kind: .mhc, preInit: .home,
      streams: .embeddings, connLR: 10),
  ]

  func base() -> TrainConfig {
    let tiny = sweep.preset == .tiny
    var c = sweep.preset.baseConfig
    if sweep.preset == .quick {
      c.model.width = 64; c.model.layers = 3; c.model.heads = 2; c.model.seq = 64; c.batch = 8
    }
    c.steps = steps ?? sweep.preset.pick(quick: 1000, paper: 5000, tiny: 8)
    c.evalEvery = sweep.preset.pick(quick: 100, paper: 500, tiny: 4)
    c.evalBatches = tiny ? 1 : 8
    c.model.width = width ?? c.model.width; c.model.layers = layers ?? c.model.layers; c.lr = lr ?? c.lr
    return c
  }

  var seedCount: Int { sweep.seedCount(tiny: 2) }

  /// Every variant × seed; ids are derived against the reference configuration.
  var grid: SeedGrid<Variant> {
    let base = base()
    return SeedGrid(variants: Self.variants, seeds: seedCount) { v, seed in
      var c = base
      c.model.connection.kind = v.kind; c.model.connection.biasInit = v.biasInit; c.model.connection.preInit = v.preInit
      c.model.streamInit = v.streams; c.model.connection.connLRMult = v.connLR
      c.seed = UInt64(seed)
      return SweepRun(c, base: TrainConfig())
    }
  }

  func run() throws {
    let grid = grid
    try Sweep(experiment: "mappings", cells: [grid.cell("mappings", against: Self.residual)]).execute(sweep) {
      try report(grid, $0)
    }
  }

  // MARK: Figures and summary
}

Mappings.main()
