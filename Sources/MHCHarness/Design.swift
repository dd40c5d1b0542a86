import Foundation
import MHC

/// An experiment as data: the cells it trains (the settings that vary), the variants of each cell
/// (residual / HC / mHC, a manifold, an option), the seeds each preset gives them, which variants
/// are compared by seed, and how one (cell, variant, seed) becomes a configuration.
///
/// One declaration serves the executable that trains it (``pairedCells``, ``sweep()``) and every
/// reader of its results (``ResultStore/runs(_:_:_:)``, `report`'s claims): both find a run by
/// the id its configuration derives (``RunID``), so a cell that is renamed or removed is a
/// compile error where it is named, never a silently empty lookup.
///
/// ```swift
/// let store = ResultStore(root: "results")
/// let design = InstabilityDesign(preset: .paper)
/// let cell = InstabilityDesign.Cell(layers: 8, lr: 3e-2)
/// let gap = store.gap(design, cell, .mhc, vs: .residual)     // paired by seed
/// ```
public protocol ExperimentDesign {
  associatedtype Cell: Hashable
  associatedtype Variant: Hashable
  /// The results folder (`results/<experiment>/`).
  static var experiment: String { get }
  /// The cells of this preset, in table order.
  var cells: [Cell] { get }
  func variants(_ cell: Cell) -> [Variant]
  /// Seeds of every variant of `cell` without `--precision`.
  func seeds(_ cell: Cell) -> Int
  /// (variant, baseline) pairs compared by seed: variant − baseline.
  func comparisons(_ cell: Cell) -> [(variant: Variant, baseline: Variant)]
  func config(_ cell: Cell, _ variant: Variant, seed: Int) -> TrainConfig
  /// The configuration run ids are derived against (default: the reference `TrainConfig()`).
  var idBase: TrainConfig { get }
  /// A short title of `cell` ("8 layers, lr 0.03").
  func title(_ cell: Cell) -> String
  /// A short name of `variant` ("hc", "t5"); unique within a cell.
  func name(_ variant: Variant) -> String
  /// Runs of the sweep that no comparison sizes (long runs of one seed).
  var others: [SweepRun] { get }
  /// Cells no preset trains whose committed runs are still read (a longer-trained cell, a retired one).
  var archivedCells: [Cell] { get }
  /// A run's folder name when it is not the id ``RunID`` derives against ``idBase`` (older sweeps'
  /// names, kept so that their committed runs are still found); `nil`: derived.
  func runID(_ cell: Cell, _ variant: Variant, seed: Int) -> String?
}

extension ExperimentDesign {
  public var idBase: TrainConfig { TrainConfig() }
  public var others: [SweepRun] { [] }
  public var archivedCells: [Cell] { [] }
  public func runID(_ cell: Cell, _ variant: Variant, seed: Int) -> String? { nil }
  public var experiment: String { Self.experiment }

  /// The run of `variant` in `cell` with `seed`; its id names every difference from ``idBase``.
  public func run(_ cell: Cell, _ variant: Variant, seed: Int) -> SweepRun {
    var r = SweepRun(config(cell, variant, seed: seed), base: idBase)
    if let id = runID(cell, variant, seed: seed) { r.id = id }
    r.design = RunDesign(experiment: Self.experiment, cell: title(cell), variant: name(variant))
    return r
  }

  /// The cell's runs of `variant` without the seed: the seed-0 id minus `-s0` (`mhc-n4-t20-L8-lr.03`).
  public func key(_ cell: Cell, _ variant: Variant) -> String {
    let id = run(cell, variant, seed: 0).id
    return id.hasSuffix("-s0") ? String(id.dropLast(3)) : id
  }

  /// Each cell as a ``PairedCell`` (what ``Sweep`` trains and `--precision` sizes).
  public var pairedCells: [PairedCell] {
    cells.map { cell in
      let vs = variants(cell)
      let byName = Dictionary(vs.map { (name($0), $0) }, uniquingKeysWith: { a, _ in a })
      return PairedCell(
        name: title(cell), variants: vs.map(name), seeds: seeds(cell),
        comparisons: comparisons(cell).map { (name($0.variant), name($0.baseline)) }
      ) { v, s in self.run(cell, byName[v]!, seed: s) }
    }
  }

  /// The sweep of this declaration: every cell's runs with its seeds, then ``others``.
  public func sweep() throws -> Sweep {
    try Sweep(experiment: Self.experiment, cells: pairedCells, others: others)
  }

  /// The finished runs of `variant` in `cell` among `index`, in seed order (seeds beyond the
  /// preset's too: `--precision` trains past them).
  public func loaded(_ cell: Cell, _ variant: Variant, in index: RunIndex) -> [LoadedRun] {
    (0..<max(seeds(cell), index.seedBound)).compactMap { index[run(cell, variant, seed: $0).id] }
  }

  /// `--only` patterns that select exactly `cell`'s runs among every run of this declaration.
  public func onlyPatterns(_ cell: Cell) -> [String] {
    let mine = variants(cell).map { run(cell, $0, seed: 0).id }
    let all = cells.flatMap { c in variants(c).map { run(c, $0, seed: 0).id } } + others.map(\.id)
    func selectsMine(_ p: String) -> Bool { all.allSatisfy { $0.contains(p) == mine.contains($0) } }
    // the settings the variants share ("-L8-lr.03-s"), else one pattern per variant ("hc-n4-s")
    var shared = mine.count > 1 ? mine[0] : ""
    for id in mine { while !shared.isEmpty && !id.hasSuffix(shared) { shared.removeFirst() } }
    while !shared.isEmpty && !shared.hasPrefix("-") { shared.removeFirst() }
    let seedless = String(shared.dropLast(1))
    if seedless.count > 3, selectsMine(String(seedless.dropFirst())) { return [String(seedless.dropFirst())] }
    return mine.map { String($0.dropLast(1)) }
  }
}

extension ResultStore {
  /// The current runs of `variant` in `cell`, by seed (stale runs left out, as ``cell(_:_:)``).
  public func runs<D: ExperimentDesign>(_ design: D, _ cell: D.Cell, _ variant: D.Variant) -> [LoadedRun] {
    let byID = index(D.experiment)
    return (0..<Self.seedsLookedFor).compactMap { byID[design.run(cell, variant, seed: $0).id] }
      .filter { !Self.isStale($0) }
  }

  /// Runs of the cell whose final loss predates the fixed evaluation set.
  public func staleCount<D: ExperimentDesign>(_ design: D, _ cell: D.Cell, _ variant: D.Variant) -> Int {
    let byID = index(D.experiment)
    return (0..<Self.seedsLookedFor).compactMap { byID[design.run(cell, variant, seed: $0).id] }
      .filter(Self.isStale).count
  }

  /// The final-loss gap `variant − baseline` in `cell`, paired by seed, with the two-stage
  /// half-width where `--precision` sized it.
  public func gap<D: ExperimentDesign>(
    _ design: D, _ cell: D.Cell, _ variant: D.Variant, vs baseline: D.Variant
  ) -> PairedComparison {
    let v = runs(design, cell, variant), b = runs(design, cell, baseline)
    return PairedComparison.finalLoss(v, baseline: b)
      .sized(by: precisionRows(D.experiment), variant: v, baseline: b)
  }

  /// The two-stage row of `variant − baseline` in `cell`, if `--precision` sized it.
  public func twoStage<D: ExperimentDesign>(
    _ design: D, _ cell: D.Cell, _ variant: D.Variant, vs baseline: D.Variant
  ) -> PrecisionRow? {
    twoStage(D.experiment, variant: design.key(cell, variant), baseline: design.key(cell, baseline))
  }

  /// The most seeds a lookup by design tries.
  public static let seedsLookedFor = 64
}
