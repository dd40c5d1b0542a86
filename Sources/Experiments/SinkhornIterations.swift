import MHC
import MHCHarness

/// `sinkhorn-iterations`: mHC with t_max ∈ {0, 1, 2, 3, 5, 10, 20, 50} Sinkhorn iterations at two
/// depths, each t_max compared by seed with the paper's t_max = 20 (or the largest trained).
///
/// quick: 4 and 8 layers at C 128, seq 64, batch 8, 300 steps. paper: 4 and 12 layers at the
/// reference seq 128, batch 16, 2000 steps. Evaluation on 8 batches.
public struct SinkhornDesign: ExperimentDesign {
  public static let experiment = "sinkhorn-iterations"
  /// One model depth: every t_max is trained at it.
  public struct Cell: Hashable, Sendable {
    public var layers: Int
    public init(layers: Int) { self.layers = layers }
  }
  /// t_max.
  public typealias Variant = Int

  public var preset: Preset
  public var iterations: [Int]
  public var seedCount: Int, deepSeeds: Int
  public var steps: Int?, batch: Int?, seq: Int?, lr: Double?, deepLayers: Int?

  public init(
    preset: Preset, iterations: [Int]? = nil, seeds: Int? = nil, deepSeeds: Int? = nil, steps: Int? = nil,
    batch: Int? = nil, seq: Int? = nil, lr: Double? = nil, deepLayers: Int? = nil
  ) {
    self.preset = preset
    self.iterations = iterations ?? (preset == .tiny ? [0, 1, 5, 20] : [0, 1, 2, 3, 5, 10, 20, 50])
    seedCount = seeds ?? preset.pick(quick: 3, paper: 8, tiny: 2)
    self.deepSeeds = deepSeeds ?? seeds ?? preset.pick(quick: 3, paper: 8, tiny: 1)
    self.steps = steps; self.batch = batch; self.seq = seq; self.lr = lr; self.deepLayers = deepLayers
  }

  /// The shallow depth's configuration (t_max and seed aside).
  public var base: TrainConfig {
    var base = preset.baseConfig
    if preset == .quick { base.model.seq = 64; base.batch = 8 }  // quick: ¼ of the reference tokens per step
    base.steps = steps ?? preset.pick(quick: 300, paper: 2000, tiny: 8)
    base.evalEvery = preset.pick(quick: 100, paper: 500, tiny: 4)
    base.evalBatches = preset == .tiny ? 1 : 8
    base.batch = batch ?? base.batch; base.model.seq = seq ?? base.model.seq; base.lr = lr ?? base.lr
    return base
  }

  /// The shallow depth (the reference's 4 layers), where the claims are judged.
  public var reference: Cell { Cell(layers: base.model.layers) }
  public var cells: [Cell] {
    [reference, Cell(layers: deepLayers ?? preset.pick(quick: 8, paper: 12, tiny: 2))]
  }
  public func variants(_ cell: Cell) -> [Variant] { iterations }
  public func seeds(_ cell: Cell) -> Int { cell == reference ? seedCount : deepSeeds }
  /// The t_max every other one is compared with: the paper's 20, or the largest trained t_max without it.
  public var referenceT: Int { iterations.contains(20) ? 20 : iterations.max() ?? 20 }
  public func comparisons(_ cell: Cell) -> [(variant: Variant, baseline: Variant)] {
    iterations.filter { $0 != referenceT }.map { ($0, referenceT) }
  }
  public func title(_ cell: Cell) -> String { "L=\(cell.layers)" }
  public func name(_ variant: Variant) -> String { "t\(variant)" }
  public func config(_ cell: Cell, _ variant: Variant, seed: Int) -> TrainConfig {
    var c = base
    c.model.layers = cell.layers; c.model.connection.iterations = variant; c.seed = UInt64(seed)
    return c
  }
}
