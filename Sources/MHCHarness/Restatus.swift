import Foundation
import MHC

/// Re-derives finished runs' statuses from their `metrics.csv` and final loss under the current
/// divergence rules (``Divergence``), without retraining: a run the rules would have stopped, or
/// whose final loss ended above where it started, becomes `diverged` in `summary.json` and
/// `meta.json` (both written atomically); its metrics stay as they were trained.
///
/// ```swift
/// for change in try Restatus.apply(root: "results") { print(change) }
/// ```
public enum Restatus {
  /// Every run folder under `root/<experiment>/` that changed, with what changed.
  public static func apply(root: String, write: Bool = true) throws -> [String] {
    let fm = FileManager.default
    var changes: [String] = []
    for experiment in ((try? fm.contentsOfDirectory(atPath: root)) ?? []).sorted() {
      let folder = "\(root)/\(experiment)"
      for id in ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).sorted() {
        let dir = "\(folder)/\(id)"
        guard fm.fileExists(atPath: dir + "/summary.json"), fm.fileExists(atPath: dir + "/metrics.csv"),
          var summary = try? RunFiles.readJSON(RunSummary.self, from: dir + "/summary.json"),
          summary.status == .completed
        else { continue }
        let config = try RunFiles.readJSON(TrainConfig.self, from: dir + "/config.json").resolved()
        let loss = try MetricsRow.read(dir + "/metrics.csv").map(\.trainLoss)
        guard let first = loss.first else { continue }
        let vocab = config.model.outputs
        var step: Int?, reason = ""
        if let s = Divergence.aboveInitial(loss, warmup: config.warmup ?? 0, vocab: vocab) {
          step = s
          reason = Divergence.aboveReason(loss, at: s, vocab: vocab) + "; re-derived from metrics.csv (trained on to "
            + "step \(loss.count))"
        } else if let f = summary.finalEvalLoss, Divergence.endedAbove(final: f, initial: first, vocab: vocab) {
          step = loss.count
          reason = Divergence.endedReason(final: f, initial: first, vocab: vocab) + "; re-derived"
        }
        guard let step else { continue }
        summary.status = .diverged
        summary.divergedStep = step
        summary.divergedReason = reason
        summary.divergedSource = "none (finite, but above where it started)"
        changes.append("\(experiment)/\(id): completed → diverged at step \(step) (\(reason))")
        if write {
          try RunFiles.writeJSON(summary, to: dir + "/summary.json")
          if var meta = try? RunFiles.readJSON(RunMeta.self, from: dir + "/meta.json") {
            meta.status = .diverged
            try RunFiles.writeJSON(meta, to: dir + "/meta.json")
          }
        }
      }
    }
    return changes
  }
}

extension RunSummary {
  /// Why a diverged run stopped, in one word: `non-finite`, `above-initial` (``Divergence``'s
  /// training-time rule), `ended-above-initial` (its final loss) or `dead`; nil for a run that did not diverge.
  public var divergenceKind: String? {
    guard status == .diverged else { return nil }
    let r = divergedReason ?? ""
    if r.hasPrefix("training loss above its initial loss") { return "above-initial" }
    if r.hasPrefix("final loss") { return "ended-above-initial" }
    if r.hasPrefix("dead network") { return "dead" }
    return "non-finite"
  }
}
