import MHC
import MHCHarness

/// `expansion`: HC and mHC at expansion rates n ∈ {1, 2, 4, 8} at the reference configuration,
/// beside the residual, each compared by seed with the residual (HC paper, Table 1).
///
/// quick: 250 steps (evaluation every 50), 3 seeds. paper: 3000 steps (every 250), 8 seeds.
public struct ExpansionDesign: ExperimentDesign {
  public static let experiment = "expansion"
  /// The residual, or HC / mHC at an expansion rate.
  public struct Variant: Hashable, Sendable {
    public var kind: ConnectionKind, rate: Int
    public init(kind: ConnectionKind, rate: Int) { self.kind = kind; self.rate = rate }
    public static let residual = Variant(kind: .residual, rate: 1)
    public static func hc(_ n: Int) -> Variant { Variant(kind: .hc, rate: n) }
    public static func mhc(_ n: Int) -> Variant { Variant(kind: .mhc, rate: n) }
  }
  public enum Cell: Hashable, Sendable { case rates }

  public var preset: Preset
  public var rates: [Int]
  public var seedCount: Int
  public var steps: Int?

  public init(preset: Preset, rates: [Int] = [1, 2, 4, 8], seeds: Int? = nil, steps: Int? = nil) {
    self.preset = preset; self.rates = rates.sorted(); self.steps = steps
    seedCount = seeds ?? preset.pick(quick: 3, paper: 8, tiny: 1)
  }

  public var cells: [Cell] { [.rates] }
  public func variants(_ cell: Cell) -> [Variant] {
    [.residual] + [ConnectionKind.hc, .mhc].flatMap { k in rates.map { Variant(kind: k, rate: $0) } }
  }
  public func seeds(_ cell: Cell) -> Int { seedCount }
  /// Every rate against the residual; each rate against the next smaller one of its connection; and
  /// every rate above 2 against n = 1 (the HC paper's question: does expanding the stream help?).
  public func comparisons(_ cell: Cell) -> [(variant: Variant, baseline: Variant)] {
    let kinds = [ConnectionKind.hc, .mhc]
    return variants(cell).dropFirst().map { ($0, .residual) }
      + kinds.flatMap { k in
        zip(rates, rates.dropFirst()).map { (Variant(kind: k, rate: $1), Variant(kind: k, rate: $0)) }
      }
      + kinds.flatMap { k in
        rates.filter { $0 > 2 && rates.contains(1) }.map { (Variant(kind: k, rate: $0), Variant(kind: k, rate: 1)) }
      }
  }
  public func title(_ cell: Cell) -> String { "expansion" }
  public func name(_ v: Variant) -> String {
    v.kind == .residual ? "residual" : "\(v.kind.rawValue)-n\(v.rate)"
  }
  public func config(_ cell: Cell, _ v: Variant, seed: Int) -> TrainConfig {
    var c = preset.baseConfig
    c.steps = steps ?? preset.pick(quick: 250, paper: 3000, tiny: 8)
    c.evalEvery = preset.pick(quick: 50, paper: 250, tiny: 4)
    c.model.connection.kind = v.kind; c.seed = UInt64(seed)
    if v.kind != .residual { c.model.connection.streams = v.rate }
    return c
  }
}
