import MHC
import MHCHarness

/// `mappings`: what mHC's H_res learns as the stream symmetries are broken (per-stream embeddings, a
/// home-stream H_pre, the H_res bias init, a ×10 connection learning rate), beside HC and the
/// residual; every variant against the residual, and each option with against without.
///
/// quick: C 64, 3 layers, 2 heads, seq 64, batch 8, 1000 steps. paper: the reference width, 4 layers,
/// 5000 steps. Evaluation on 8 batches.
public struct MappingsDesign: ExperimentDesign {
  public static let experiment = "mappings"
  /// One way of setting up the connections.
  public struct Variant: Hashable, Sendable {
    public var label: String
    /// Axis label of the loss chart.
    public var short: String
    public var kind: ConnectionKind
    public var biasInit = BiasInit.uniform
    public var preInit: PreInit? = nil
    public var streams = StreamInit.copies
    public var connLR = 1.0
  }
  public enum Cell: Hashable, Sendable { case all }

  public static let residual = Variant(label: "residual", short: "res", kind: .residual)
  static let hcCopies = Variant(label: "HC (copies)", short: "HC", kind: .hc)
  static let hcEmb = Variant(label: "HC + stream emb", short: "HC+e", kind: .hc, streams: .embeddings)
  static let u = Variant(label: "mHC uniform (copies)", short: "u", kind: .mhc)
  static let ue = Variant(
    label: "mHC uniform + stream emb (default)", short: "u+e (default)", kind: .mhc, streams: .embeddings)
  static let uh = Variant(label: "mHC uniform + home pre", short: "u+h", kind: .mhc, preInit: .home)
  static let uhe = Variant(
    label: "mHC uniform + home pre + stream emb", short: "u+h+e", kind: .mhc, preInit: .home, streams: .embeddings)
  static let id = Variant(label: "mHC identity (home pre)", short: "id", kind: .mhc, biasInit: .identity)
  static let ide = Variant(
    label: "mHC identity (home pre) + stream emb", short: "id+e", kind: .mhc, biasInit: .identity, streams: .embeddings)
  static let uFast = Variant(label: "mHC uniform, conn lr ×10", short: "u lr×10", kind: .mhc, connLR: 10)
  static let uheFast = Variant(
    label: "mHC uniform + home pre + stream emb, conn lr ×10", short: "u+h+e lr×10", kind: .mhc, preInit: .home,
    streams: .embeddings, connLR: 10)
  /// The ladder: HC, the symmetry breakers at uniform init, the H_res inits, the faster connection lr.
  public static let variants: [Variant] = [
    residual, hcCopies, hcEmb, u, ue, uh, uhe,
    Variant(label: "mHC eye", short: "eye", kind: .mhc, biasInit: .eye),
    Variant(
      label: "mHC eye + home pre + stream emb", short: "eye+h+e", kind: .mhc, biasInit: .eye, preInit: .home,
      streams: .embeddings),
    id, ide, uFast, uheFast,
  ]

  public var preset: Preset
  public var seedCount: Int
  public var steps: Int?, layers: Int?, width: Int?, lr: Double?

  public init(
    preset: Preset, seeds: Int? = nil, steps: Int? = nil, layers: Int? = nil, width: Int? = nil, lr: Double? = nil
  ) {
    self.preset = preset; self.steps = steps; self.layers = layers; self.width = width; self.lr = lr
    seedCount = seeds ?? preset.pick(quick: 3, paper: 8, tiny: 2)
  }

  public var base: TrainConfig {
    var c = preset.baseConfig
    if preset == .quick { c.model.width = 64; c.model.layers = 3; c.model.heads = 2; c.model.seq = 64; c.batch = 8 }
    c.steps = steps ?? preset.pick(quick: 1000, paper: 5000, tiny: 8)
    c.evalEvery = preset.pick(quick: 100, paper: 500, tiny: 4)
    c.evalBatches = preset == .tiny ? 1 : 8
    c.model.width = width ?? c.model.width; c.model.layers = layers ?? c.model.layers; c.lr = lr ?? c.lr
    return c
  }

  public var cells: [Cell] { [.all] }
  public func variants(_ cell: Cell) -> [Variant] { Self.variants }
  public func seeds(_ cell: Cell) -> Int { seedCount }
  /// Every variant against the residual; stream embeddings and the ×10 connection lr with − without.
  public func comparisons(_ cell: Cell) -> [(variant: Variant, baseline: Variant)] {
    Self.variants.dropFirst().map { ($0, Self.residual) }
      + [(Self.hcEmb, Self.hcCopies), (Self.ue, Self.u), (Self.uhe, Self.uh), (Self.ide, Self.id)]
      + [(Self.uFast, Self.u), (Self.uheFast, Self.uhe)]
  }
  public func title(_ cell: Cell) -> String { "mappings" }
  public func name(_ v: Variant) -> String { v.label }
  public func config(_ cell: Cell, _ v: Variant, seed: Int) -> TrainConfig {
    var c = base
    c.model.connection.kind = v.kind; c.model.connection.biasInit = v.biasInit; c.model.connection.preInit = v.preInit
    c.model.streamInit = v.streams; c.model.connection.connLRMult = v.connLR; c.seed = UInt64(seed)
    return c
  }
}
