// components — the paper's Table 1: which of the three mappings carry the gain?
//
// HC and mHC with the learned mappings none / res / res+pre / res+pre+post (a mapping that is
// not learned is fixed at its neutral value: H_pre = 1/n, H_post = 1, H_res = I), each compared
// with the residual baseline of the same seed; plus the question the community argues about for
// mHC: `uniform` vs `identity` bias init, crossed with static vs dynamic mappings.
//
//   swift run -c release components                 # quick preset (~10 min on 2 cores)
//   swift run -c release components --preset paper  # deeper and longer (hours)
//   swift run -c release components --replot        # figures + summary.md from results/ only
//
// This page: config → runs. Report.swift: Table 1's figures and summary.md.
import ArgumentParser
import Foundation
import MHC
import MHCHarness

BLASRuntime.ensureFastKernel()

/// Which mappings are learned: one row of the paper's Table 1.
struct Learned: Sendable {
  var name: String
  var res: Bool, pre: Bool, post: Bool
  /// The paper's absolute loss gap for HC with these mappings learned (27B MoE; "none" is the baseline).
  var paperGap: Double
}

/// One trained variant; every seed trains each.
struct Variant: Sendable {
  var kind: ConnectionKind
  var learned = Components.table1[3]
  var biasInit = BiasInit.uniform
  var dynamic = true
}

struct Components: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Paper Table 1 (learned mappings none/res/res+pre/res+pre+post, for HC and mHC) and mHC bias init × static/dynamic."
  )
  @OptionGroup var sweep: SweepOptions
  var seeds: Int? { sweep.seeds }
  @Option(help: "Training steps (default: 300 quick, 2000 paper).") var steps: Int?
  @Option(help: "Layers (default: 4 quick, 8 paper).") var layers: Int?
  @Option(help: "Sequences per batch (default: 8 quick, 16 paper).") var batch: Int?
  @Option(help: "Sequence length (default: 64 quick, 128 paper).") var seq: Int?
  @Option(help: "Peak learning rate (default: 3e-3).") var lr: Double?

  // MARK: Config: the runs of each preset

  static let table1 = [
    Learned(name: "none", res: false, pre: false, post: false, paperGap: 0),
    Learned(name: "res", res: true, pre: false, post: false, paperGap: -0.022),
    Learned(name: "res+pre", res: true, pre: true, post: false, paperGap: -0.025),
    Learned(name: "res+pre+post", res: true, pre: true, post: true, paperGap: -0.027),
  ]
  static let residual = Variant(kind: .residual)
  /// mHC with every mapping learned: [bias init][dynamic, static]. Uniform + dynamic is Table 1's last mHC row.
  static let initGrid = [BiasInit.uniform, .identity].map { i in
    [true, false].map { Variant(kind: .mhc, biasInit: i, dynamic: $0) }
  }
  static let variants =
    [residual] + [ConnectionKind.hc, .mhc].flatMap { k in table1.map { Variant(kind: k, learned: $0) } }
    + initGrid.joined().filter { $0.biasInit != .uniform || !$0.dynamic }

  func base() -> TrainConfig {
    let preset = sweep.preset
    var c = preset.baseConfig  // the reference configuration
    if preset == .quick { c.model.seq = 64; c.batch = 8 }  // quick: ¼ of the reference tokens per step
    if preset == .paper { c.model.layers = 8 }
    c.steps = steps ?? preset.pick(quick: 300, paper: 2000, tiny: 8)
    c.evalEvery = preset.pick(quick: 100, paper: 500, tiny: 4)
    c.evalBatches = preset == .tiny ? 1 : 16  // the gaps are small: evaluate on more windows
    c.model.layers = layers ?? c.model.layers; c.batch = batch ?? c.batch; c.model.seq = seq ?? c.model.seq;
    c.lr = lr ?? c.lr
    return c
  }

  var seedCount: Int { sweep.seedCount(tiny: 2) }

  /// Every variant × seed. Ids are derived against the reference configuration, so different
  /// presets never share a run folder.
  var grid: SeedGrid<Variant> {
    let base = base()
    return SeedGrid(variants: Self.variants, seeds: seedCount) { v, seed in
      var c = base
      c.model.connection.kind = v.kind; c.model.connection.learnRes = v.learned.res;
      c.model.connection.learnPre = v.learned.pre; c.model.connection.learnPost = v.learned.post
      c.model.connection.biasInit = v.biasInit; c.model.connection.dynamic = v.dynamic; c.seed = UInt64(seed)
      return SweepRun(c, base: TrainConfig())
    }
  }

  func run() throws {
    let grid = grid
    try Sweep(experiment: "components", cells: [grid.cell("components", against: Self.residual)]).execute(sweep) {
      try report(grid, $0)
    }
  }

  // MARK: Figures and summary
}

Components.main()
