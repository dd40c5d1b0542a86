import Foundation
import MHC
import MHCHarness
import Testing

/// Divergence is a status: a run that surges above where it started and stays there stops as
/// `diverged`, and a run whose final loss ends above its start is never `completed`.
@Suite struct DivergenceTests {
  @Test func ruleOnSyntheticCurves() {
    let lnV = log(256.0)
    // learning: 5.5 falling to 2 — never
    let learning = (0..<300).map { 5.5 - 3.5 * Double($0) / 299 }
    #expect(Divergence.aboveInitial(learning, warmup: 15, vocab: 256) == nil)
    // a surge to 7 from step 100 on: the median of 50 steps passes 5.5 + 0.5 once 26 of them are above
    var surge = learning
    for i in 99..<300 { surge[i] = 7 }
    #expect(Divergence.aboveInitial(surge, warmup: 15, vocab: 256) == 125)
    // a one-step spike is not a stretch
    var spike = learning
    spike[150] = 1000
    #expect(Divergence.aboveInitial(spike, warmup: 15, vocab: 256) == nil)
    // a plateau at ln V (a model that has not started learning) is not above it
    let plateau = [lnV] + [Double](repeating: lnV + 0.3, count: 200)
    #expect(Divergence.aboveInitial(plateau, warmup: 10, vocab: 256) == nil)
    // the ceiling is ln V when the first loss is above it
    #expect(Divergence.ceiling(initial: 9, vocab: 256) == lnV)
    #expect(Divergence.endedAbove(final: 5.6, initial: 5.5, vocab: 256))
    #expect(!Divergence.endedAbove(final: 5.4, initial: 5.5, vocab: 256))
  }

  /// `--lr 10` on a small model: the loss climbs to hundreds; the run stops as diverged, says so on
  /// the console and in summary.json and meta.json.
  @Test func hugeLearningRateEndsDiverged() throws {
    let dir = try temporaryFolder("lr10")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (status, output) = try runTool(
      "train",
      ["--steps", "200", "--width", "32", "--layers", "2", "--seq", "32", "--batch", "4", "--lr", "10", "--out", dir + "/run"])
    #expect(status == 0, "\(output.suffix(1000))")
    #expect(output.contains("diverged") && output.contains("above its initial loss"), "\(output.suffix(1000))")
    let s = try RunFiles.readJSON(RunSummary.self, from: dir + "/run/summary.json")
    #expect(s.status == .diverged && s.divergenceKind == "above-initial" && s.steps < 200)
    let m = try RunFiles.readJSON(RunMeta.self, from: dir + "/run/meta.json")
    #expect(m.status == .diverged && m.cpu == BLASRuntime.cpuModel, "the machine kind is recorded")
  }

  /// No committed result is `completed` under the current rules (`report --restatus` applied them).
  @Test func committedResultsCarryTheirStatus() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("results").path
    guard FileManager.default.fileExists(atPath: root) else { return }
    let stale = try Restatus.apply(root: root, write: false)
    #expect(stale.isEmpty, "runs labelled completed that the divergence rules stop: \(stale)")
  }
}
