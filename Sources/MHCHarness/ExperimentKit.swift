import ArgumentParser
import Foundation
import MHC

// The parts every experiment's `main.swift` shares: the preset's value picked in one call, the
// grid of variants × seeds with its runs read back by variant, reference lines for figures, and
// the summary written in one place. An experiment then reads as a page: config → runs →
// figures → summary.

extension ParsableCommand {
  /// An experiment's entry point: makes sure OpenBLAS runs the fastest kernel it has for this CPU
  /// (``BLASRuntime/ensureFastKernel(arguments:)`` re-executes the process once if not, and never
  /// overrides an `OPENBLAS_CORETYPE` that is set), then parses the command line and runs.
  public static func launch() {
    BLASRuntime.ensureFastKernel()
    main()
  }
}

extension Preset {
  /// This preset's value of a setting.
  ///
  /// ```swift
  /// let sweep = try SweepOptions.parse(["--preset", "paper"])
  /// var c = sweep.preset.baseConfig
  /// c.steps = sweep.preset.pick(quick: 300, paper: 2000, tiny: 8)
  /// ```
  public func pick<V>(quick: V, paper: V, tiny: V) -> V {
    switch self {
    case .quick: quick
    case .paper: paper
    case .tiny: tiny
    }
  }

  /// The configuration an experiment starts from: the reference model, or the toy one of `tiny`.
  public var baseConfig: TrainConfig { self == .tiny ? .tiny : TrainConfig() }
}

/// The runs of an experiment: every variant trained with every seed (paired by seed: the same
/// seed gives every variant the same shared initial tensors, batches and evaluation windows),
/// and the finished runs read back by variant — so a summary never matches run ids by hand.
///
/// ```swift
/// let sweep = try SweepOptions.parse(["--preset", "quick"])
/// let grid = SeedGrid(variants: [ConnectionKind.residual, .mhc], seeds: 3) { kind, seed in
///   var c = TrainConfig(); c.model.connection.kind = kind; c.seed = UInt64(seed)
///   return SweepRun(c)
/// }
/// try Sweep(experiment: "components", runs: grid.runs).execute(sweep) { all in
///   let runs = RunIndex(all)
///   let gap = grid.gap(.mhc, to: .residual, in: runs)     // PairedComparison over the seeds
///   print(gap.text)
/// }
/// ```
public struct SeedGrid<Variant> {
  public let variants: [Variant]
  public let seeds: Int
  let make: (Variant, Int) -> SweepRun

  public init(variants: [Variant], seeds: Int, run: @escaping (Variant, Int) -> SweepRun) {
    self.variants = variants; self.seeds = seeds; make = run
  }

  /// The run of `variant` with `seed`.
  public func run(_ variant: Variant, seed: Int) -> SweepRun { make(variant, seed) }

  /// Seed-major: every variant of seed 0, then of seed 1, … (a partial sweep holds whole pairs first).
  public var runs: [SweepRun] { (0..<seeds).flatMap { s in variants.map { make($0, s) } } }

  /// The finished runs of `variant`, one per seed that has one, in seed order — the grid's
  /// seeds, and any later seed the sweep loaded (`--precision` trains past the preset's).
  public func loaded(_ variant: Variant, in index: RunIndex) -> [LoadedRun] {
    (0..<max(seeds, index.seedBound)).compactMap { index[make(variant, $0).id] }
  }

  /// Every seed's run of `variant`, `nil` where it has none.
  public func bySeed(_ variant: Variant, in index: RunIndex) -> [LoadedRun?] {
    (0..<max(seeds, index.seedBound)).map { index[make(variant, $0).id] }
  }

  /// The final-loss gap of `variant` to `base`, paired by seed (``PairedComparison``).
  public func gap(_ variant: Variant, to base: Variant, in index: RunIndex) -> PairedComparison {
    .finalLoss(loaded(variant, in: index), baseline: loaded(base, in: index))
  }
}

/// Loaded runs by id.
public struct RunIndex {
  let byID: [String: LoadedRun]
  /// One past the largest seed of any run.
  public let seedBound: Int
  public init(_ runs: [LoadedRun]) {
    byID = Dictionary(runs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    seedBound = Int(min(runs.map(\.config.seed).max().map { $0 + 1 } ?? 0, 1000))
  }
  public subscript(id: String) -> LoadedRun? { byID[id] }
}

extension Gnuplot {
  /// A dashed horizontal reference line across the plot at `y` (a gnuplot number, written as given).
  public static func horizontalLine(at y: String, color: String = "#888888", dash: Int = 2) -> String {
    "set arrow from graph 0, first \(y) to graph 1, first \(y) nohead lc rgb '\(color)' dt \(dash)"
  }

  /// A dashed vertical reference line up the plot at `x` (a gnuplot number, written as given).
  public static func verticalLine(at x: String, color: String = "#888888", dash: Int = 2) -> String {
    "set arrow from first \(x), graph 0 to first \(x), graph 1 nohead lc rgb '\(color)' dt \(dash)"
  }
}

/// An experiment's `summary.md`, written atomically into `<results>/<experiment>/`, with the one
/// line every experiment prints at the end.
public enum ExperimentSummary {
  /// "All 18 runs completed." or which runs did not complete (and where they stopped), with
  /// `consequence` saying what that means for the tables (e.g. "and have no loss").
  ///
  /// ```swift
  /// let all = ResultStore(root: "results").runs("stability")
  /// print(ExperimentSummary.status(all, consequence: "and have no loss"))
  /// ```
  public static func status(_ all: [LoadedRun], consequence: String = "", reasons: Bool = false) -> String {
    let unfinished = all.filter { $0.summary.status != .completed }
    guard !unfinished.isEmpty else { return "All \(all.count) runs completed." }
    let which = unfinished.map {
      "`\($0.id)` (\($0.summary.status) at step \($0.summary.divergedStep ?? $0.summary.steps)"
        + (reasons ? ": \($0.summary.divergedReason ?? "–")" : "") + ")"
    }
    return "\(unfinished.count) of \(all.count) runs did not complete"
      + (consequence.isEmpty ? "" : " " + consequence) + ": " + which.joined(separator: ", ") + "."
  }

  /// Writes `text` and prints where the figures (`<plots>/<figures>`) and the summary are.
  public static func write(_ text: String, experiment: String, options: SweepOptions, figures: String) throws {
    let path = "\(options.results)/\(experiment)/summary.md"
    // `--precision` leaves its table beside the summary: the summary carries it, on every replot too
    let precision = try? String(contentsOfFile: "\(options.results)/\(experiment)/precision.md", encoding: .utf8)
    try RunFiles.write(text + (precision.map { "\n" + $0 } ?? ""), to: path)
    print(
      "\(experiment): \(figures.contains("*") ? "figures" : "figure") in \(options.plots)/\(figures), summary in "
        + "\(path)"
    )
  }
}
