import Experiments
import Foundation
import MHC
import MHCHarness
import Testing

/// Experiments as declarations: every committed result is found through one, a cell's `--only`
/// patterns select exactly its runs, and a declared run says what it is.
struct DesignTests {
  static let results = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("results").path

  /// Every finished run folder under `results/` of a declared experiment is a run some preset of
  /// its declaration names: no committed result depends on an id that only a parser would find.
  @Test(arguments: ExperimentRegistry.experiments)
  func everyCommittedRunIsDeclared(_ experiment: String) throws {
    let dir = Self.results + "/" + experiment
    guard FileManager.default.fileExists(atPath: dir) else { return }
    let declared = ExperimentRegistry.declaredIDs(experiment)
    let finished = try FileManager.default.contentsOfDirectory(atPath: dir).filter {
      TrainingRun.finishedSummary(in: dir + "/" + $0) != nil
    }
    #expect(!finished.isEmpty)
    let unknown = finished.filter { !declared.contains($0) }.sorted()
    #expect(unknown.isEmpty, "\(experiment): runs no declaration names: \(unknown)")
  }

  /// The patterns of each cell select its runs and no other declared run of the sweep.
  @Test func onlyPatternsSelectExactlyTheirCell() {
    let d = InstabilityDesign(preset: .paper, seeds: 2)
    let all = d.cells.flatMap { c in d.variants(c).flatMap { v in (0..<2).map { d.run(c, v, seed: $0).id } } }
    for cell in d.cells {
      let mine = Set(d.variants(cell).flatMap { v in (0..<2).map { d.run(cell, v, seed: $0).id } })
      let patterns = d.onlyPatterns(cell)
      let picked = Set(all.filter { id in patterns.contains { id.contains($0) } })
      #expect(picked == mine, "\(d.title(cell)): \(patterns)")
    }
    #expect(d.onlyPatterns(.init(layers: 8, lr: 3e-2)) == ["L8-lr.03-s"])
  }

  /// A declared run carries its experiment, cell and variant (written to `meta.json`), and its
  /// id is the one its configuration derives.
  @Test func declaredRunsSayWhatTheyAre() {
    let d = InstabilityDesign(preset: .paper)
    let r = d.run(.init(layers: 16, lr: 1e-2), .mhc, seed: 3)
    #expect(r.id == "mhc-n4-t20-L16-lr.01-s3")
    #expect(r.design == RunDesign(experiment: "instability", cell: "16 layers, lr 0.01", variant: "mhc"))
    #expect(d.key(.init(layers: 16, lr: 1e-2), .mhc) == "mhc-n4-t20-L16-lr.01")
    // the reference cell of the grid is stability's quick comparison, run for run
    let s = StabilityDesign(preset: .quick)
    for k in [ConnectionKind.residual, .hc, .mhc] {
      #expect(s.run(.main, k, seed: 5).id == d.run(InstabilityDesign.reference, k, seed: 5).id)
      #expect(s.config(.main, k, seed: 5).sameRun(as: d.config(InstabilityDesign.reference, k, seed: 5)))
    }
  }

  /// The paired cells a declaration hands the sweep compare what it declares, by variant name.
  @Test func pairedCellsFollowTheDeclaration() {
    let d = SinkhornDesign(preset: .quick)
    let cells = d.pairedCells
    #expect(cells.map(\.name) == ["L=4", "L=8"])
    #expect(cells[0].comparisons.map { "\($0.variant)−\($0.baseline)" }.contains("t5−t20"))
    #expect(cells[0].run("t5", seed: 1).id == "mhc-n4-t5-T64-B8-s1")
    #expect(cells[1].seeds == 3)
  }
}
