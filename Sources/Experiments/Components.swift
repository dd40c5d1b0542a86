import MHC
import MHCHarness

/// `components`: the paper's Table 1 — HC and mHC with the learned mappings none / res / res+pre /
/// res+pre+post (a mapping not learned is fixed at its neutral value: H_pre = 1/n, H_post = 1,
/// H_res = I) — and mHC's bias init (uniform / identity) × static / dynamic mappings, each variant
/// compared by seed with the residual.
///
/// quick: C 128, 4 layers, seq 64, batch 8, 300 steps. paper: 8 layers, seq 128, batch 16, 2000 steps.
/// Evaluation on 16 batches (the gaps are small).
public struct ComponentsDesign: ExperimentDesign {
  public static let experiment = "components"
  /// Which mappings are learned: one row of the paper's Table 1, with its loss gap (27B MoE).
  public struct Learned: Hashable, Sendable {
    public var name: String
    public var res: Bool, pre: Bool, post: Bool
    public var paperGap: Double
  }
  public static let none = Learned(name: "none", res: false, pre: false, post: false, paperGap: 0)
  public static let res = Learned(name: "res", res: true, pre: false, post: false, paperGap: -0.022)
  public static let resPre = Learned(name: "res+pre", res: true, pre: true, post: false, paperGap: -0.025)
  public static let all = Learned(name: "res+pre+post", res: true, pre: true, post: true, paperGap: -0.027)
  public static let table1 = [none, res, resPre, all]

  public struct Variant: Hashable, Sendable {
    public var kind: ConnectionKind
    public var learned = ComponentsDesign.all
    public var biasInit = BiasInit.uniform
    public var dynamic = true
    public init(
      kind: ConnectionKind, learned: Learned = ComponentsDesign.all, biasInit: BiasInit = .uniform, dynamic: Bool = true
    ) {
      self.kind = kind; self.learned = learned; self.biasInit = biasInit; self.dynamic = dynamic
    }
  }
  public static let residual = Variant(kind: .residual)
  /// mHC with every mapping learned: [bias init][dynamic, static]. Uniform + dynamic is Table 1's last mHC row.
  public static let initGrid = [BiasInit.uniform, .identity].map { i in
    [true, false].map { Variant(kind: .mhc, biasInit: i, dynamic: $0) }
  }
  public enum Cell: Hashable, Sendable { case all }

  public var preset: Preset
  public var seedCount: Int
  public var steps: Int?, layers: Int?, batch: Int?, seq: Int?, lr: Double?

  public init(
    preset: Preset, seeds: Int? = nil, steps: Int? = nil, layers: Int? = nil, batch: Int? = nil, seq: Int? = nil,
    lr: Double? = nil
  ) {
    self.preset = preset; self.steps = steps; self.layers = layers; self.batch = batch; self.seq = seq; self.lr = lr
    seedCount = seeds ?? preset.pick(quick: 3, paper: 8, tiny: 2)
  }

  public var base: TrainConfig {
    var c = preset.baseConfig
    if preset == .quick { c.model.seq = 64; c.batch = 8 }  // quick: ¼ of the reference tokens per step
    if preset == .paper { c.model.layers = 8 }
    c.steps = steps ?? preset.pick(quick: 300, paper: 2000, tiny: 8)
    c.evalEvery = preset.pick(quick: 100, paper: 500, tiny: 4)
    c.evalBatches = preset == .tiny ? 1 : 16
    c.model.layers = layers ?? c.model.layers; c.batch = batch ?? c.batch; c.model.seq = seq ?? c.model.seq
    c.lr = lr ?? c.lr
    return c
  }

  public var cells: [Cell] { [.all] }
  public func variants(_ cell: Cell) -> [Variant] {
    [Self.residual] + [ConnectionKind.hc, .mhc].flatMap { k in Self.table1.map { Variant(kind: k, learned: $0) } }
      + Self.initGrid.joined().filter { $0.biasInit != .uniform || !$0.dynamic }
  }
  public func seeds(_ cell: Cell) -> Int { seedCount }
  /// Every variant against the residual; mHC against HC per Table 1 row; each Table 1 row against
  /// the row above (the paper's ordering); bias init and static / dynamic against each other.
  public func comparisons(_ cell: Cell) -> [(variant: Variant, baseline: Variant)] {
    let t = Self.table1, g = Self.initGrid
    func hc(_ l: Learned) -> Variant { Variant(kind: .hc, learned: l) }
    func mhc(_ l: Learned) -> Variant { Variant(kind: .mhc, learned: l) }
    return variants(cell).filter { $0 != Self.residual }.map { ($0, Self.residual) }
      + t.map { (mhc($0), hc($0)) }
      + [hc, mhc].flatMap { v in (1..<t.count).map { (v(t[$0]), v(t[$0 - 1])) } }
      + [(g[1][0], g[0][0]), (g[1][1], g[0][1]), (g[0][1], g[0][0]), (g[1][1], g[1][0])]
  }
  public func title(_ cell: Cell) -> String { "components" }
  /// The variant's run id without the settings every variant shares (`hc-n4-learn-res`).
  public func name(_ v: Variant) -> String {
    let id = SweepRun(config(.all, v, seed: 0)).id, base = SweepRun(config(.all, Self.residual, seed: 0)).id
    let shared = String(base.dropFirst("residual".count))  // "-T64-B8-s0"
    return String(id.dropLast(shared.count))
  }
  public func config(_ cell: Cell, _ v: Variant, seed: Int) -> TrainConfig {
    var c = base
    c.model.connection.kind = v.kind; c.model.connection.learnRes = v.learned.res
    c.model.connection.learnPre = v.learned.pre; c.model.connection.learnPost = v.learned.post
    c.model.connection.biasInit = v.biasInit; c.model.connection.dynamic = v.dynamic; c.seed = UInt64(seed)
    return c
  }
}
