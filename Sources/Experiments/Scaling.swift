import ArgumentParser
import MHC
import MHCHarness

/// A model size: width and depth grow together; the head size stays 32 (at least two heads).
public struct ModelSize: Hashable, Sendable {
  public var width: Int, layers: Int
  public var heads: Int { max(2, width / 32) }
  public var label: String { "C\(width)/L\(layers)" }

  public init(width: Int, layers: Int) { self.width = width; self.layers = layers }
  public init(_ config: TrainConfig) { self.init(width: config.model.width, layers: config.model.layers) }

  /// Parses `64x2,96x3,128x4`, smallest model first.
  public static func parse(_ list: String) throws -> [ModelSize] {
    let sizes = try list.split(separator: ",").map { item in
      let p = item.split(separator: "x").compactMap { Int($0) }
      guard p.count == 2, p[0] >= 2, p[1] >= 1 else {
        throw ValidationError("--sizes '\(item)' is invalid; write WIDTHxLAYERS, e.g. 128x4")
      }
      let size = ModelSize(width: p[0], layers: p[1])
      guard size.width % size.heads == 0, (size.width / size.heads) % 2 == 0 else {
        throw ValidationError(
          "--sizes '\(item)': width \(size.width) does not split into \(size.heads) heads of even size; "
            + "use a multiple of 32 (or 4 below 64)")
      }
      return size
    }
    guard !sizes.isEmpty, Set(sizes).count == sizes.count else {
      throw ValidationError("--sizes '\(list)' must list distinct sizes")
    }
    return sizes.sorted { ($0.width * $0.width * $0.layers) < ($1.width * $1.width * $1.layers) }
  }
}

/// `scaling`: residual / HC / mHC at growing model sizes, each trained on the same number of tokens
/// per non-embedding parameter of the residual model (so every variant of a size gets the same
/// FLOPs), compared by seed; plus the smallest size trained `long` times longer (token scaling).
///
/// quick: 64x2, 96x3, 128x4, 2 tokens per parameter, 3 seeds. paper: 96x3 … 256x8, 8 seeds.
public struct ScalingDesign: ExperimentDesign {
  public static let experiment = "scaling"
  public typealias Cell = ModelSize
  public typealias Variant = ConnectionKind

  public var preset: Preset
  public var sizes: [ModelSize]
  public var tokensPerParameter: Double
  public var seedCount: Int
  public var long: Double
  public var streams: Int

  public init(
    preset: Preset, sizes: [ModelSize]? = nil, tokensPerParameter: Double? = nil, seeds: Int? = nil,
    long: Double? = nil, streams: Int = 4
  ) {
    let tiny = preset == .tiny
    self.preset = preset
    self.sizes =
      sizes
      ?? (try? ModelSize.parse(
        preset.pick(quick: "64x2,96x3,128x4", paper: "96x3,128x4,192x6,256x8", tiny: "16x1,24x1,32x2")))
      ?? []
    self.tokensPerParameter = tokensPerParameter ?? (tiny ? 0.05 : 2)
    seedCount = seeds ?? preset.pick(quick: 3, paper: 8, tiny: 2)
    self.long = long ?? (tiny ? 2 : 8)
    self.streams = streams
  }

  public var cells: [Cell] { sizes }
  public func variants(_ cell: Cell) -> [Variant] { [.residual, .hc, .mhc] }
  public func seeds(_ cell: Cell) -> Int { seedCount }
  public func comparisons(_ cell: Cell) -> [(variant: Variant, baseline: Variant)] {
    [(.hc, .residual), (.mhc, .residual), (.mhc, .hc)]
  }
  public func title(_ cell: Cell) -> String { "C\(cell.width) L\(cell.layers)" }
  public func name(_ variant: Variant) -> String { variant.rawValue }
  public func config(_ cell: Cell, _ variant: Variant, seed: Int) -> TrainConfig {
    config(variant, cell, seed: seed, budget: 1)
  }

  /// `kind` at `size`, trained on `budget` × the size's token budget.
  public func config(_ kind: ConnectionKind, _ size: ModelSize, seed: Int, budget: Double) -> TrainConfig {
    var c = preset.baseConfig  // batch 16 × seq 128 = 2048 tokens per step, lr 3e-3, t_max 20
    c.model.connection.streams = streams
    c.model.connection.kind = kind; c.model.width = size.width; c.model.layers = size.layers
    c.model.heads = size.heads; c.seed = UInt64(seed)
    var residual = c
    residual.model.connection.kind = .residual  // every variant gets the baseline's budget: the same FLOPs
    let tokens = tokensPerParameter * budget * Double(residual.model.nonEmbeddingParameters)
    c.steps = max(4, Int((tokens / Double(c.batch * c.model.seq)).rounded()))
    c.evalEvery = max(1, c.steps / (budget > 1 ? 32 : 8))  // the long runs are followed closely
    return c
  }

  /// Token scaling: the smallest size of every variant trained `long` times its budget (`long-<id>`).
  public var longRuns: [SweepRun] {
    guard let smallest = sizes.first else { return [] }
    return variants(smallest).map { kind in
      let c = config(kind, smallest, seed: 0, budget: long)
      return SweepRun(
        id: "long-" + RunID.derive(c), config: c,
        design: RunDesign(experiment: Self.experiment, cell: "long \(title(smallest))", variant: kind.rawValue))
    }
  }
  public var others: [SweepRun] { longRuns }
}
