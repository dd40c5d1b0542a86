import Foundation
import MHC
import MHCHarness

/// `vision`: a small ViT on Fashion-MNIST (49 patches of 4×4 pixels, mean pooling, 10 classes) with a
/// residual, HC or mHC connection, in a reference cell and stress cells (deeper, higher peak lr),
/// every connection compared by seed with the residual, and mHC with HC.
///
/// quick: C 64, 4 blocks for one epoch (430 steps of 128 images), 3 seeds; one stress cell (C 32,
/// 8 blocks, lr 3e-2, half an epoch). paper: C 64, 6 blocks for five epochs, 8 seeds, and C 32 ×
/// {4, 8, 16} blocks × lr {1e-2, 3e-2} for half an epoch. The final loss is over the 10 000 test images.
public struct VisionDesign: ExperimentDesign {
  public static let experiment = "vision"
  /// A model size and peak learning rate, trained for `steps` steps of 128 images.
  public struct Cell: Hashable, Sendable {
    public var width: Int, layers: Int, lr: Double, steps: Int
    public var isReference = false
    public init(width: Int, layers: Int, lr: Double, steps: Int, isReference: Bool = false) {
      self.width = width; self.layers = layers; self.lr = lr; self.steps = steps; self.isReference = isReference
    }
    public var label: String { "C\(width) L\(layers) lr \(VisionDesign.scientific(lr)), \(steps) steps" }
  }
  public typealias Variant = ConnectionKind

  /// 0.003 → "3e-3".
  public static func scientific(_ x: Double) -> String {
    let e = Int((log10(x)).rounded(.down)), m = x / pow(10, Double(e))
    return abs(m - m.rounded()) < 1e-9 ? "\(Int(m.rounded()))e\(e)" : String(format: "%g", x)
  }

  public static let batch = 128
  /// Steps per pass over the 55 000 training images at batch 128.
  public static let epoch = 430
  /// Epochs of the paper preset's reference cell: five, where the residual passes 85% test accuracy.
  public static let referenceEpochs = 5

  public var preset: Preset
  public var seedCount: Int
  public var data: String?

  public init(preset: Preset, seeds: Int? = nil, data: String? = nil) {
    self.preset = preset; self.data = data
    seedCount = seeds ?? preset.pick(quick: 3, paper: 8, tiny: 2)
  }

  /// The reference cell of `preset`.
  public static func reference(_ p: Preset) -> Cell {
    Cell(
      width: p.pick(quick: 64, paper: 64, tiny: 16), layers: p.pick(quick: 4, paper: 6, tiny: 1), lr: 3e-3,
      steps: p.pick(quick: epoch, paper: referenceEpochs * epoch, tiny: 6), isReference: true)
  }

  /// Cells no preset trains any more whose committed runs the claims still read: the paper
  /// reference at three epochs, before it became five.
  public static let retired = [Cell(width: 64, layers: 6, lr: 3e-3, steps: 3 * epoch, isReference: true)]
  public var archivedCells: [Cell] { Self.retired }

  public var cells: [Cell] {
    let p = preset
    let stress: [Cell] = p.pick(
      quick: [Cell(width: 32, layers: 8, lr: 3e-2, steps: Self.epoch / 2)],
      paper: [4, 8, 16].flatMap { l in [1e-2, 3e-2].map { Cell(width: 32, layers: l, lr: $0, steps: Self.epoch / 2) } },
      tiny: [Cell(width: 16, layers: 2, lr: 3e-2, steps: 6)])
    return [Self.reference(p)] + stress
  }
  public func variants(_ cell: Cell) -> [Variant] { [.residual, .hc, .mhc] }
  public func seeds(_ cell: Cell) -> Int { seedCount }
  public func comparisons(_ cell: Cell) -> [(variant: Variant, baseline: Variant)] {
    [(.hc, .residual), (.mhc, .residual), (.mhc, .hc)]
  }
  public func title(_ cell: Cell) -> String { "C\(cell.width) L\(cell.layers) lr \(cell.lr)" }
  public func name(_ variant: Variant) -> String { variant.rawValue }

  /// The configuration every run starts from: the vision task at batch 128 (ids name differences from it).
  public var idBase: TrainConfig {
    var c = TrainConfig()
    c.model.task = .fashionMNIST; c.data = data; c.model.seq = 49; c.batch = preset == .tiny ? 8 : Self.batch
    c.model.heads = 4; c.evalBatches = preset == .tiny ? 1 : 8
    c.finalEvalWindows = preset == .tiny ? 64 : 10_000  // the whole test set
    return c
  }

  public func config(_ cell: Cell, _ variant: Variant, seed: Int) -> TrainConfig {
    var c = idBase
    c.model.connection.kind = variant; c.seed = UInt64(seed)
    c.model.width = cell.width; c.model.layers = cell.layers; c.lr = cell.lr; c.steps = cell.steps
    c.model.heads = cell.width >= 64 ? 4 : 2
    c.evalEvery = max(1, cell.steps / 10)
    if preset == .tiny { c.model.heads = 2 }
    return c
  }
}
