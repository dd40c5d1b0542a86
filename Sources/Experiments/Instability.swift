import MHC
import MHCHarness

/// `instability`: residual / HC / mHC over depth × peak learning rate at the reference width
/// (C 128, seq 128, batch 16, 300 steps, evaluation every 25), paired by seed (paper Fig. 2).
///
/// quick: 8 layers at lr 1e-2 (3 seeds). paper: layers 4, 8, 16, 32 × lr 3e-3, 1e-2, 3e-2
/// (8 seeds). The quick cell is a paper cell, so the presets share run folders.
public struct InstabilityDesign: ExperimentDesign {
  public static let experiment = "instability"
  public struct Cell: Hashable, Sendable {
    public var layers: Int, lr: Double, steps: Int
    public init(layers: Int, lr: Double, steps: Int = 300) { self.layers = layers; self.lr = lr; self.steps = steps }
  }
  public typealias Variant = ConnectionKind

  public var preset: Preset
  public var seedCount: Int
  public var steps: Int

  public init(preset: Preset, seeds: Int? = nil, steps: Int = 300) {
    self.preset = preset; self.steps = steps
    seedCount = seeds ?? preset.pick(quick: 3, paper: 8, tiny: 2)
  }

  /// The reference configuration as a cell of the grid: 4 layers at lr 3e-3 (the same runs as
  /// `stability`'s quick preset, bit for bit).
  public static let reference = Cell(layers: 4, lr: 3e-3)
  /// A cell trained twice as long (`--steps 600`), to see whether the seeds' spread falls.
  public static let longer = [Cell(layers: 4, lr: 1e-2, steps: 600)]
  public var archivedCells: [Cell] { Self.longer }

  public var cells: [Cell] {
    switch preset {
    case .tiny: [(1, 3e-3), (1, 3e-2), (2, 3e-2)].map { Cell(layers: $0.0, lr: $0.1, steps: 8) }
    case .quick: [Cell(layers: 8, lr: 1e-2, steps: steps)]
    case .paper: [4, 8, 16, 32].flatMap { l in [3e-3, 1e-2, 3e-2].map { Cell(layers: l, lr: $0, steps: steps) } }
    }
  }
  public func variants(_ cell: Cell) -> [Variant] { [.residual, .hc, .mhc] }
  public func seeds(_ cell: Cell) -> Int { seedCount }
  public func comparisons(_ cell: Cell) -> [(variant: Variant, baseline: Variant)] {
    [(.hc, .residual), (.mhc, .residual), (.mhc, .hc)]
  }
  public func title(_ cell: Cell) -> String {
    "\(cell.layers) layers, lr 0\(RunID.short(cell.lr))" + (cell.steps == 300 ? "" : ", \(cell.steps) steps")
  }
  public func name(_ variant: Variant) -> String { variant.rawValue }
  public func config(_ cell: Cell, _ variant: Variant, seed: Int) -> TrainConfig {
    var c = preset.baseConfig
    c.steps = cell.steps
    c.evalEvery = preset == .tiny ? 4 : 25
    c.model.connection.kind = variant; c.model.layers = cell.layers; c.lr = cell.lr; c.seed = UInt64(seed)
    return c
  }
}
