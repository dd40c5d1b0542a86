import Foundation
import MHC
import MHCHarness

/// One timed model of `overhead`: its measurement and what it is.
public struct TimedModel: Codable, Sendable {
  public var group: String  // "C=128" or "recompute"
  public var connection: ConnectionKind
  public var n: Int
  public var width: Int
  public var recompute: Int
  public var io: ConnectionIO
  public var result: StepBenchmark
  public init(
    group: String, connection: ConnectionKind, n: Int, width: Int, recompute: Int, io: ConnectionIO,
    result: StepBenchmark
  ) {
    self.group = group; self.connection = connection; self.n = n; self.width = width; self.recompute = recompute
    self.io = io; self.result = result
  }
  public var label: String {
    connection == .residual ? "residual" : "\(connection.rawValue) n=\(n)" + (recompute > 0 ? " K=\(recompute)" : "")
  }
}

/// `results/overhead/measurements.json`: every group measured so far, and where.
public struct Measurements: Codable, Sendable {
  public var cpu: String
  public var blas: String
  public var threads: Int
  public var gitRevision: String
  public var settings: String
  public var groups: [String: [TimedModel]] = [:]

  public init(cpu: String, blas: String, threads: Int, gitRevision: String, settings: String) {
    self.cpu = cpu; self.blas = blas; self.threads = threads; self.gitRevision = gitRevision; self.settings = settings
  }

  /// The model of `group` with this connection, n and recomputation block (the residual: any n).
  public func find(_ group: String, _ kind: ConnectionKind, n: Int = 1, k: Int = 0) -> TimedModel? {
    groups[group]?.first { $0.connection == kind && ($0.connection == .residual || $0.n == n) && $0.recompute == k }
  }
}

/// `overhead`: step time and training memory of residual / HC / mHC for every n × C, with and
/// without recomputation (the paper's block K = √(n·2L/(n+2))), every model of a width timed in
/// one interleaved loop; then the recomputation block K at the reference configuration.
public struct OverheadDesign: Sendable {
  public static let experiment = "overhead"
  public var preset: String
  public var widths: [Int], streams: [Int], blocks: [Int]
  public var timedSteps: Int

  public init(preset: String, widths: [Int]? = nil, streams: [Int]? = nil, blocks: [Int]? = nil, steps: Int? = nil) {
    self.preset = preset
    let tiny = preset == "tiny"
    self.widths = widths ?? (tiny ? [32, 64] : [128, 256, 512])
    self.streams = streams ?? [1, 2, 4, 8]
    self.blocks = blocks ?? [1, 2, 3, 4, 8]
    timedSteps = steps ?? (preset == "paper" ? 30 : tiny ? 2 : 10)
  }

  /// The reference configuration (tiny: a toy).
  public var base: TrainConfig {
    var c = TrainConfig()
    if preset == "tiny" { c.model.layers = 2; c.model.seq = 32; c.batch = 2; c.model.heads = 2 }
    return c
  }

  /// Timed steps at width `w`: ``timedSteps`` at the widest, more for narrower models (widest / w times, at most 3×).
  public func steps(width w: Int) -> Int {
    let widest = Double(widths.max() ?? w), f = min(3, widest / Double(w))
    return max(timedSteps, Int((Double(timedSteps) * f).rounded()))
  }

  /// The paper's optimal block, `√(n·L/(n+2))` with L = sublayers here (each has a connection).
  public func optimalBlock(n: Int) -> Int {
    n > 1 ? max(1, Int((Double(n * 2 * base.model.layers) / Double(n + 2)).squareRoot().rounded())) : 0
  }

  public func model(_ kind: ConnectionKind, n: Int, width: Int, recompute: Int = 0) -> TrainConfig {
    var c = base
    c.model.connection.kind = kind; c.model.connection.streams = kind == .residual ? 1 : n; c.model.width = width
    c.model.recompute = recompute
    return c
  }

  /// The models of each group, timed together: every width (residual, HC and mHC at every n, with
  /// and without recomputation), then the K sweep of mHC n = 4 at the reference width.
  public var groups: [(name: String, models: [TrainConfig], steps: Int)] {
    var out = widths.map { w -> (String, [TrainConfig], Int) in
      var models = [model(.residual, n: 1, width: w)]
      for kind in [ConnectionKind.hc, .mhc] {
        for n in streams {
          models.append(model(kind, n: n, width: w))
          if n > 1 { models.append(model(kind, n: n, width: w, recompute: optimalBlock(n: n))) }
        }
      }
      return ("C=\(w)", models, steps(width: w))
    }
    let w = base.model.width
    out.append(
      (
        "recompute",
        [model(.residual, n: 1, width: w), model(.mhc, n: 4, width: w)]
          + blocks.map { model(.mhc, n: 4, width: w, recompute: $0) }, steps(width: w)
      ))
    return out
  }

  /// What the measurements were taken with (a change re-measures).
  public var settings: String {
    "L=\(base.model.layers) seq=\(base.model.seq) batch=\(base.batch) t_max=\(base.model.connection.iterations), "
      + widths.map { "\(steps(width: $0)) timed steps at C = \($0)" }.joined(separator: ", ")
  }
}
