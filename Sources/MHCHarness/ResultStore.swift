import Foundation
import MHC

/// Every finished run under a results root, by experiment and cell, for reading results back
/// without the experiment that made them (``Claims``, `report`).
///
/// A *cell* is a run id without its seed: `mhc-n4-t20-L8-lr.01-s3` is seed 3 of cell
/// `mhc-n4-t20-L8-lr.01` (ids from ``RunID``; ids that end without a seed are seed 0 of
/// themselves). Runs whose final loss predates the fixed evaluation set (no standard error in
/// `summary.json`) are *stale*: they are listed, but ``cell(_:_:)`` leaves them out.
///
/// ```swift
/// let store = ResultStore(root: "results")
/// let mhc = store.cell("stability", "mhc-n4-t20"), res = store.cell("stability", "residual")
/// print(PairedComparison.finalLoss(mhc, baseline: res).text)
/// ```
public final class ResultStore {
  public let root: String
  private var cache: [String: [LoadedRun]] = [:]
  private var indexes: [String: [String: LoadedRun]] = [:]
  private var precision: [String: [PrecisionRow]] = [:]
  /// `experiment/run` of every finished run that could not be read (named on the console as found).
  public private(set) var unreadable: [String] = []

  public init(root: String) { self.root = root }

  /// Every finished run of `experiment` (completed or diverged), sorted by id.
  public func runs(_ experiment: String) -> [LoadedRun] {
    if let r = cache[experiment] { return r }
    let dir = (root as NSString).appendingPathComponent(experiment)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
    var failed: [(id: String, why: String)] = []
    let runs = names.sorted().compactMap { name -> LoadedRun? in
      switch LoadedRun.finished((dir as NSString).appendingPathComponent(name)) {
      case .success(let run)?: return run
      case .failure(let e)?: failed.append((name, e.description)); return nil
      case nil: return nil
      }
    }
    LoadedRun.reportUnreadable(failed, in: "report: " + experiment)
    unreadable += failed.map { "\(experiment)/\($0.id)" }
    cache[experiment] = runs
    return runs
  }

  /// Every finished run of `experiment` by id.
  public func index(_ experiment: String) -> [String: LoadedRun] {
    if let i = indexes[experiment] { return i }
    let i = Dictionary(runs(experiment).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    indexes[experiment] = i
    return i
  }

  /// The rows of `experiment`'s `precision.json` (read once).
  public func precisionRows(_ experiment: String) -> [PrecisionRow] {
    if let r = precision[experiment] { return r }
    let r = PrecisionRow.read(results: root, experiment: experiment)
    precision[experiment] = r
    return r
  }

  /// The two-stage row of `variant − baseline` (cell keys) in `experiment`'s `precision.json`, if `--precision` sized it.
  public func twoStage(_ experiment: String, variant: String, baseline: String) -> PrecisionRow? {
    precisionRows(experiment).first {
      $0.variantKey == variant && $0.baselineKey == baseline
    }
  }

  /// The final-loss gap `variant − baseline` (cell keys) paired by seed, with the two-stage
  /// half-width where `--precision` sized it.
  public func gap(_ experiment: String, variant: String, baseline: String) -> PairedComparison {
    let v = cell(experiment, variant), b = cell(experiment, baseline)
    return PairedComparison.finalLoss(v, baseline: b)
      .sized(by: precisionRows(experiment), variant: v, baseline: b)
  }

  /// The cell of a run: its id without the trailing `-s<seed>`.
  public static func cellKey(_ run: LoadedRun) -> String {
    let suffix = "-s\(run.config.seed)"
    return run.id.hasSuffix(suffix) ? String(run.id.dropLast(suffix.count)) : run.id
  }

  /// The current (not stale) runs of one cell, by seed.
  public func cell(_ experiment: String, _ key: String) -> [LoadedRun] {
    runs(experiment).filter { Self.cellKey($0) == key && !Self.isStale($0) }.sorted { $0.config.seed < $1.config.seed }
  }

  /// Runs of the cell whose final loss predates the fixed evaluation set.
  public func staleCount(_ experiment: String, _ key: String) -> Int {
    runs(experiment).filter { Self.cellKey($0) == key && Self.isStale($0) }.count
  }

  /// A completed run without a final-evaluation standard error was evaluated on a few random batches.
  public static func isStale(_ run: LoadedRun) -> Bool {
    run.summary.status == .completed && run.summary.finalEvalStandardError == nil
  }

  /// Cells of an experiment, in natural order.
  public func cells(_ experiment: String) -> [String] {
    Array(Set(runs(experiment).map(Self.cellKey))).sorted(by: naturalLess)
  }
}

/// The largest composite Amax gain of a run over every evaluation and sublayer (forward or
/// backward, whichever is larger): the peak the paper's Fig. 3/7 report.
public func peakCompositeGain(_ run: LoadedRun) -> Double? {
  run.gains.map { max($0.gains.composite.forward, $0.gains.composite.backward) }.filter(\.isFinite).max()
}

/// Loss and gradient spike events after warmup (``InstabilityReport``) of a run.
public func spikeEvents(_ run: LoadedRun) -> Double? {
  run.summary.instability.map { Double($0.lossSpikes + $0.gradSpikes) }
}
