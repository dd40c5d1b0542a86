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
  /// One cell: the main comparison.
  public enum Cell: Hashable, Sendable { case main }
  public typealias Variant = ConnectionKind

  public var preset: Preset
  public var seedCount: Int
  public var steps: Int?
  public var stress: Bool

  public init(preset: Preset, seeds: Int? = nil, steps: Int? = nil, stress: Bool = false) {
    self.preset = preset; self.steps = steps; self.stress = stress
    seedCount = seeds ?? preset.pick(quick: 3, paper: 8, tiny: 2)
    stressSeeds = seeds ?? preset.pick(quick: 3, paper: 8, tiny: 1)
  }
  var stressSeeds: Int

  /// The main comparison's configuration.
  public var base: TrainConfig {
    var base = preset.baseConfig
    base.steps = steps ?? preset.pick(quick: 300, paper: 3000, tiny: 8)
    base.evalEvery = preset.pick(quick: 25, paper: 100, tiny: 4)
    if preset == .paper { base.model.width = 256; base.model.layers = 12; base.model.heads = 8; base.batch = 32 }
    return base
  }

  public var cells: [Cell] { [.main] }
  public func variants(_ cell: Cell) -> [Variant] { [.residual, .hc, .mhc] }
  public func seeds(_ cell: Cell) -> Int { seedCount }
  public func comparisons(_ cell: Cell) -> [(variant: Variant, baseline: Variant)] {
    [(.hc, .residual), (.mhc, .residual), (.mhc, .hc)]
  }
  public func title(_ cell: Cell) -> String { "main" }
  public func name(_ variant: Variant) -> String { variant.rawValue }
  public func config(_ cell: Cell, _ variant: Variant, seed: Int) -> TrainConfig {
    var c = base
    c.model.connection.kind = variant; c.seed = UInt64(seed)
    return c
  }

  /// The stress sweep (quick: only with `stress`): ids `stress-<preset>-<kind>-L<layers>-lrx<k>[-s<seed>]`.
  public var stressRuns: [SweepRun] {
    guard stress || preset != .quick else { return [] }
    var s = base
    s.steps = preset.pick(quick: 150, paper: 1000, tiny: 4)
    s.evalEvery = preset.pick(quick: 50, paper: 250, tiny: 4)
    if preset == .quick { s.model.width = 64; s.model.heads = 2; s.model.seq = 64; s.batch = 8 }
    var list: [SweepRun] = []
    for seed in 0..<stressSeeds {
      for depth in [1, 2, 4] {
        for lrx in [1.0, 3.0, 10.0] {
          for kind in [ConnectionKind.residual, .hc, .mhc] {
            var c = s
            c.model.connection.kind = kind; c.model.layers = s.model.layers * depth; c.lr = base.lr * lrx
            c.seed = UInt64(seed)
            let id = "stress-\(preset.rawValue)-\(kind.rawValue)-L\(c.model.layers)-lrx\(Int(lrx))"
            list.append(
              SweepRun(
                id: id + (seed == 0 ? "" : "-s\(seed)"), config: c,
                design: RunDesign(
                  experiment: Self.experiment, cell: "stress L\(c.model.layers) lr×\(Int(lrx))", variant: kind.rawValue)))
          }
        }
      }
    }
    return list
  }
  public var others: [SweepRun] { stressRuns }
}
