import MHC
import MHCHarness

/// `stability`: residual / HC / mHC at one configuration, paired by seed (paper Fig. 2, 3, 5, 7, 8),
/// and a stress sweep over depth ×{1, 2, 4} and peak learning rate ×{1, 3, 10}.
///
/// quick: the reference model (C 128, 4 layers, seq 128, batch 16), 300 steps, 3 seeds; the stress
/// sweep (C 64, seq 64, batch 8, 150 steps) only with `stress`. paper: C 256, 12 layers, 8 heads,
/// batch 32, 3000 steps, 8 seeds, the stress sweep at that size for 1000 steps.
public struct StabilityDesign: ExperimentDesign {
  public static let experiment = "stability"
  public enum Cell: Hashable, Sendable {
    /// The main comparison.
    case main
    /// A stress cell: `depth` × the main model's layers, `lrx` × its peak learning rate.
    case stress(depth: Int, lrx: Int)
  }
  public typealias Variant = ConnectionKind

  public var preset: Preset
  public var seedCount: Int, stressSeeds: Int
  public var steps: Int?
  public var stress: Bool

  public init(preset: Preset, seeds: Int? = nil, steps: Int? = nil, stress: Bool = false) {
    self.preset = preset; self.steps = steps; self.stress = stress
    seedCount = seeds ?? preset.pick(quick: 3, paper: 8, tiny: 2)
    stressSeeds = seeds ?? preset.pick(quick: 3, paper: 8, tiny: 1)
  }

  /// The main comparison's configuration.
  public var base: TrainConfig {
    var base = preset.baseConfig
    base.steps = steps ?? preset.pick(quick: 300, paper: 3000, tiny: 8)
    base.evalEvery = preset.pick(quick: 25, paper: 100, tiny: 4)
    if preset == .paper { base.model.width = 256; base.model.layers = 12; base.model.heads = 8; base.batch = 32 }
    return base
  }

  /// The stress cells (quick: only with `stress`).
  public var stressCells: [Cell] {
    guard stress || preset != .quick else { return [] }
    return [1, 2, 4].flatMap { d in [1, 3, 10].map { Cell.stress(depth: d, lrx: $0) } }
  }
  public var cells: [Cell] { [.main] + stressCells }
  public func variants(_ cell: Cell) -> [Variant] { [.residual, .hc, .mhc] }
  public func seeds(_ cell: Cell) -> Int { cell == .main ? seedCount : stressSeeds }
  public func comparisons(_ cell: Cell) -> [(variant: Variant, baseline: Variant)] {
    [(.hc, .residual), (.mhc, .residual), (.mhc, .hc)]
  }
  public func title(_ cell: Cell) -> String {
    switch cell {
    case .main: "main"
    case .stress(let d, let k): "stress: \(base.model.layers * d) layers, lr × \(k)"
    }
  }
  public func name(_ variant: Variant) -> String { variant.rawValue }
  public func config(_ cell: Cell, _ variant: Variant, seed: Int) -> TrainConfig {
    var c = base
    if case .stress(let depth, let lrx) = cell {
      c.steps = preset.pick(quick: 150, paper: 1000, tiny: 4)
      c.evalEvery = preset.pick(quick: 50, paper: 250, tiny: 4)
      if preset == .quick { c.model.width = 64; c.model.heads = 2; c.model.seq = 64; c.batch = 8 }
      c.model.layers = base.model.layers * depth; c.lr = base.lr * Double(lrx)
    }
    c.model.connection.kind = variant; c.seed = UInt64(seed)
    return c
  }
  /// Stress runs keep the sweep's older names: `stress-<preset>-<kind>-L<layers>-lrx<k>[-s<seed>]`.
  public func runID(_ cell: Cell, _ variant: Variant, seed: Int) -> String? {
    guard case .stress(let depth, let lrx) = cell else { return nil }
    return "stress-\(preset.rawValue)-\(variant.rawValue)-L\(base.model.layers * depth)-lrx\(lrx)"
      + (seed == 0 ? "" : "-s\(seed)")
  }
}
