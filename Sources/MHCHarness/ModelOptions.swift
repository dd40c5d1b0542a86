import ArgumentParser
import MHC

extension ConnectionKind: ExpressibleByArgument {}
extension ResidualManifold: ExpressibleByArgument {}
extension ModelTask: ExpressibleByArgument {}
extension BiasInit: ExpressibleByArgument {}
extension PreInit: ExpressibleByArgument {}
extension StreamInit: ExpressibleByArgument {}
extension Collapse: ExpressibleByArgument {}

/// The model's shape flags, shared by `train`, `bench` and `parity` with one set of defaults: the
/// reference model (`TrainConfig()`: C 128, 4 layers, 4 heads, seq 128, batch 16, n 4, t_max 20).
///
/// ```swift
/// import ArgumentParser
///
/// struct Train: ParsableCommand {
///   @OptionGroup(title: "Model") var model: ModelOptions
///   func run() throws {
///     var c = TrainConfig(); model.apply(to: &c)
///     try TrainingRun(config: c, directory: "runs/mhc").run()
///   }
/// }
/// ```
public struct ModelOptions: ParsableArguments {
  @Option(help: "Model width C.") public var width = TrainConfig().model.width
  @Option(help: "Transformer blocks (2 sublayers each).") public var layers = TrainConfig().model.layers
  @Option(help: "Attention heads.") public var heads = TrainConfig().model.heads
  @Option(help: "Sequence length (ignored by the vision task: 49 patches).") public var seq = TrainConfig().model.seq
  @Option(help: "Sequences (images) per batch.") public var batch = TrainConfig().batch
  @Option(help: "Expansion rate n (streams) of HC and mHC; the residual has one.")
  public var streams = TrainConfig().model.connection.streams
  @Option(help: "Sinkhorn-Knopp iterations t_max (mHC on an iterating manifold).")
  public var iterations = TrainConfig().model.connection.iterations

  public init() {}

  /// Sets the model's shape, n and t_max on `c` (the connection's kind is the caller's).
  public func apply(to c: inout TrainConfig) {
    c.model.width = width; c.model.layers = layers; c.model.heads = heads; c.model.seq = seq; c.batch = batch
    c.model.connection.streams = streams; c.model.connection.iterations = iterations
  }

  /// One line for `--connections` help: every registered manifold by name.
  public static var manifoldNames: String { ResidualManifold.allCases.map(\.rawValue).joined(separator: ", ") }
}
