import MHC
import MHCHarness

/// `manifolds`: mHC with every registered residual manifold (``ResidualManifold/registry``) beside
/// the residual, at the reference setting and a deep, hot stress setting; every member against the
/// residual and every other manifold against Sinkhorn (mHC's own).
///
/// quick: C 128, 4 layers, seq 64, batch 8, 300 steps; stress: C 64, 16 layers, lr 3e-2, 150 steps
/// (the deepest cell of `stability`'s stress sweep). paper: 3000 steps; stress at the reference
/// width, 16 layers, lr 1e-2, 1000 steps; DeepSeek-V4's learned collapse as one more member.
public struct ManifoldsDesign: ExperimentDesign {
  public static let experiment = "manifolds"
  /// A manifold (with the stream collapse it is trained with), or the residual baseline (`nil`).
  public struct Member: Hashable, Sendable {
    public let name: String
    public let manifold: ResidualManifold?
    public var collapse: Collapse = .sum
    /// What its source publishes (``ResidualManifold/published``).
    public var claim: String
    /// Trained by the paper preset only.
    public var paperOnly = false
  }
  public typealias Variant = Member
  public enum Cell: String, Hashable, Sendable { case reference, stress }

  public static let residual = Member(name: "residual", manifold: nil, claim: "baseline")
  /// The residual, then every registered manifold in its order, DeepSeek-V4's learned collapse beside its manifold.
  public static let allMembers: [Member] = {
    var list = [residual]
    for m in ResidualManifold.allCases {
      list.append(Member(name: m.rawValue, manifold: m, claim: m.published.isEmpty ? "–" : m.published))
      if m == .deepseekV4 {
        list.append(
          Member(
            name: "deepseek-v4 + learned collapse", manifold: .deepseekV4, collapse: .learned,
            claim: "DeepSeek-V4 as shipped: learned σ(s·m+b)+ε head instead of the sum of streams", paperOnly: true))
      }
    }
    return list
  }()

  public var preset: Preset
  public var seedCount: Int

  public init(preset: Preset, seeds: Int? = nil) {
    self.preset = preset
    seedCount = seeds ?? preset.pick(quick: 3, paper: 8, tiny: 1)
  }

  public var members: [Member] { Self.allMembers.filter { preset == .paper || !$0.paperOnly } }
  public var cells: [Cell] { [.reference, .stress] }
  public func variants(_ cell: Cell) -> [Variant] { members }
  public func seeds(_ cell: Cell) -> Int { seedCount }
  public func comparisons(_ cell: Cell) -> [(variant: Variant, baseline: Variant)] {
    let sinkhorn = members.first { $0.manifold == .sinkhorn && $0.collapse == .sum }!
    return members.dropFirst().map { ($0, Self.residual) } + members.dropFirst(2).map { ($0, sinkhorn) }
  }
  public func title(_ cell: Cell) -> String { cell.rawValue }
  public func name(_ v: Variant) -> String { v.name }

  /// The setting of `cell` (connection and seed aside).
  public func setting(_ cell: Cell) -> TrainConfig {
    var reference = preset.baseConfig
    reference.steps = preset.pick(quick: 300, paper: 3000, tiny: 8)
    reference.evalEvery = preset.pick(quick: 50, paper: 250, tiny: 4)
    if preset == .quick { reference.model.seq = 64; reference.batch = 8 }  // ¼ of the reference tokens per step
    guard cell == .stress else { return reference }
    var stress = reference
    switch preset {
    case .tiny: stress.model.layers = 2; stress.lr = 3e-2
    case .paper: stress.model.layers = 16; stress.lr = 1e-2; stress.steps = 1000  // the reference width
    case .quick:  // the deepest cell of stability's quick stress sweep
      stress.model.width = 64; stress.model.heads = 2; stress.model.layers = 16; stress.lr = 3e-2; stress.steps = 150
    }
    return stress
  }

  public func config(_ cell: Cell, _ m: Variant, seed: Int) -> TrainConfig {
    var c = setting(cell)
    c.seed = UInt64(seed)
    c.model.connection.kind = m.manifold == nil ? .residual : .mhc
    c.model.connection.manifold = m.manifold ?? .sinkhorn; c.model.collapse = m.collapse
    return c
  }
}
