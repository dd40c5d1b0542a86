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

/// docs/design.md states how many places each extension touches; these check the code keeps it.
struct ExtensionPlacesTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

  static func read(_ path: String) throws -> String { try String(contentsOfFile: root + "/" + path, encoding: .utf8) }

  static func swiftFiles(_ folder: String) -> [String] {
    let e = FileManager.default.enumerator(atPath: root + "/" + folder)
    return (e?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".swift") }.map { folder + "/" + $0 }
  }

  /// The number docs/design.md states after "`kind` touches **N places**".
  static func stated(_ kind: String) throws -> Int? {
    let doc = try read("docs/design.md")
    guard let r = doc.range(of: "\(kind) touches **") else { return nil }
    return Int(doc[r.upperBound...].prefix { $0.isNumber })
  }

  /// A manifold: its own file and one registry line. Every registered member has a conforming type
  /// in Connections/, and no other source file lists three or more members by hand.
  @Test func aManifoldTouchesTwoPlaces() throws {
    #expect(try Self.stated("A manifold") == 2)
    let members = ResidualManifold.allCases.map(\.rawValue)
    let conformers = try Self.swiftFiles("Sources/MHC/Connections").filter {
      try Self.read($0).split(separator: "\n").contains { $0.hasPrefix("public enum ") && $0.hasSuffix(": ManifoldProjection {") }
    }
    #expect(conformers.count == members.count, "\(conformers) vs \(members)")
    // the shorthand names a hand-written list would use
    let shorthands = [".sinkhorn", ".birkhoff", ".deepseekV4", ".kronecker", ".circulant", ".cayley", ".orthostochastic"]
    for file in Self.swiftFiles("Sources") + Self.swiftFiles("experiments")
    where !file.hasPrefix("Sources/MHC/Connections/") {
      let text = try Self.read(file)
      let named = shorthands.filter { text.contains($0 + ",") || text.contains($0 + "]") || text.contains($0 + ")") }
      #expect(named.count < 3, "\(file) lists the manifolds \(named) by hand; read ResidualManifold.allCases")
    }
  }

  /// An experiment: its declaration, its registry entry, its folder (main.swift and README.md) and its
  /// Package.swift line — for every declared experiment.
  @Test(arguments: ExperimentRegistry.experiments)
  func anExperimentTouchesFourPlaces(_ name: String) throws {
    #expect(try Self.stated("An experiment") == 4)
    let declarations = try Self.swiftFiles("Sources/Experiments").filter {
      try Self.read($0).contains("public static let experiment = \"\(name)\"")
    }
    #expect(declarations.count == 1, "\(name): declarations \(declarations)")
    #expect(ExperimentRegistry.experiments.filter { $0 == name }.count == 1, "\(name): one registry entry")
    for file in ["main.swift", "README.md"] {
      #expect(FileManager.default.fileExists(atPath: "\(Self.root)/experiments/\(name)/\(file)"), "\(name)/\(file)")
    }
    #expect(try Self.read("Package.swift").contains("experiment(\"\(name)\")"))
    // the page builds its sweep from the declaration, not from configs of its own
    let page = try Self.read("experiments/\(name)/main.swift")
    #expect(page.contains(".sweep()"), "\(name)/main.swift does not build its sweep from its declaration")
    #expect(!page.contains("SweepRun("), "\(name)/main.swift makes runs by hand")
  }
}

/// The engine's summary of a declaration: the numbers of its tables are the paired comparisons'.
struct DesignSummaryTests {
  @Test func tablesCarryThePairedComparisons() throws {
    let root = try temporaryFolder("design-summary")
    let d = StabilityDesign(preset: .quick)
    let noise = [0.004, -0.003, 0.001, -0.002]
    var runs: [LoadedRun] = []
    for s in 0..<4 {
      for (kind, loss) in [(ConnectionKind.residual, 2.1), (.hc, 2.1 + [0.09, -0.08, 0.07, -0.06][s]), (.mhc, 2.05 + noise[s])] {
        let r = d.run(.main, kind, seed: s), dir = "\(root)/stability/\(r.id)"
        try RunFiles.makeDirectory(dir)
        try RunFiles.writeJSON(r.config.resolved(), to: dir + "/config.json")
        var summary = try summary(status: "completed", loss: loss + 0.01 * Double(s))
        summary.finalEvalStandardError = 0.006; summary.finalEvalWindows = 2000
        try RunFiles.writeJSON(summary, to: dir + "/summary.json")
        try RunFiles.write(MetricsRow.header + "\n1,1,0.001,5.0,1.0,0.1,\(loss),,\n", to: dir + "/metrics.csv")
        runs.append(try LoadedRun.load(dir))
      }
    }
    let options = try SweepOptions.parse(["--results", root, "--plots", root + "/plots"])
    let page = DesignSummary(d, runs: runs, options: options)
    let mhc = PairedComparison.finalLoss(page.runs(.main, .mhc), baseline: page.runs(.main, .residual))
    #expect(mhc.n == 4 && abs(mhc.mean - (-0.05)) < 1e-12 && mhc.verdict == .better)
    let text = page.markdown(figures: ["stability-loss-gap.png"])
    #expect(text.contains("| mhc − residual | " + mhc.tableCells.joined(separator: " | ") + " |"))
    #expect(text.contains("| hc − residual | ") && text.contains("| mhc − hc | "))
    #expect(text.contains("| mhc | 4 of 4 |"))
    #expect(text.contains("mhc-n4-t20-s3") && text.contains("All 12 runs completed."))
    // no stress cell trained: one cell, no verdict table over cells
    #expect(page.trainedCells == [.main] && !text.contains("## Verdicts over"))
  }

  /// The engine's figure lookups read the same runs as its tables: a variant over its completed
  /// seeds (or every finished one), the run a figure shows, a per-seed loss ratio, a paired gap of
  /// any value, and the bars of every comparison.
  @Test func figureLookupsReadTheSameRuns() throws {
    let root = try temporaryFolder("design-figures")
    let d = StabilityDesign(preset: .quick)
    var runs: [LoadedRun] = []
    for s in 0..<3 {
      for (kind, loss) in [(ConnectionKind.residual, 2.0), (.hc, 2.4), (.mhc, 1.9)] {
        let r = d.run(.main, kind, seed: s), dir = "\(root)/stability/\(r.id)"
        try RunFiles.makeDirectory(dir)
        try RunFiles.writeJSON(r.config.resolved(), to: dir + "/config.json")
        let diverged = kind == .hc && s == 0
        var summary = try summary(status: diverged ? "diverged" : "completed", loss: loss + 0.1 * Double(s))
        summary.finalEvalStandardError = 0.006
        try RunFiles.writeJSON(summary, to: dir + "/summary.json")
        let stepSeconds = 0.5 + Double(s)
        let row = "1,1,0.001,5.0,1.0,\(stepSeconds),\(loss),,"
        try RunFiles.write(MetricsRow.header + "\n" + row + "\n", to: dir + "/metrics.csv")
        runs.append(try LoadedRun.load(dir))
      }
    }
    let options = try SweepOptions.parse(["--results", root, "--plots", root + "/plots"])
    let page = DesignSummary(d, runs: runs, options: options)
    // HC's seed 0 diverged: no final value, the lowest completed seed is shown, its step time still counts
    #expect(page.completed(.main, .hc).map(\.config.seed) == [1, 2] && page.shown(.main, .hc)?.config.seed == 1)
    #expect(page.over(.main, .hc) { $0.summary.finalEvalLoss }.values == [2.5, 2.6])
    #expect(page.over(.main, .hc, diverged: true) { $0.medianStepSeconds }.values == [0.5, 1.5, 2.5])
    #expect(page.mean(.main, .residual) { $0.summary.finalEvalLoss }.map { abs($0 - 2.1) < 1e-12 } == true)
    let ratios = page.ratio(.main, .mhc, vs: .residual).values.map { ($0 * 1e6).rounded() / 1e6 }
    #expect(ratios == [0.95, 0.952381, 0.954545])
    let slower = page.gap(.main, .mhc, vs: .residual, value: { $0.medianStepSeconds }, lowerIsBetter: true)
    #expect(slower.n == 3 && slower.mean == 0)
    #expect(page.runs(.main).count == 9)
    #expect(page.meanCurves(.main) { $0.valLoss }.map(\.title) == ["residual", "hc", "mhc"])
    // the bars: one group per trained cell (one here: a bar per comparison), each the paired gap
    let bars = page.gapBars("gaps", title: "t", include: { $1 == .residual })
    let rows = bars.datablocks.first { $0.name == "bars0" }?.rows ?? []
    #expect(rows.count == 2 && abs(rows[1][1] - page.gap(.main, .mhc, vs: .residual).mean) < 1e-12)
    // another value's tables: one row per variant, one per comparison, the same paired gap
    let tables = page.valueTables("step s", lowerIsBetter: true, effect: 0.5) { $0.medianStepSeconds }
    #expect(tables.contains("| main | hc | 2.00 ± 6.35 | 2 of 3 |"), "\(tables)")
    #expect(tables.contains("| main | mhc − residual | 0.000 | [0.000, 0.000] | 3 |") && tables.contains("seeds for ±0.5"), "\(tables)")
    // publish: every figure rendered (or its script written without gnuplot) and listed in summary.md
    try page.publish([bars, nil], runs: false)
    let summary = try String(contentsOfFile: root + "/stability/summary.md", encoding: .utf8)
    #expect(summary.contains("Figures: `\(root)/plots/gaps.png`.") && !summary.contains("## Every run"))
    #expect(RunFiles.exists(root + "/plots/gaps.gp"))
  }

  /// Variants side by side: variant k of m at x · spread^(2k − (m − 1)), each with its seeds and whisker.
  @Test func whiskersSideBySide() {
    let a = SeedInterval([1, 2, 3]), b = SeedInterval([4])
    let w = Whiskers(sideBySide: [("hc", [(x: 10, interval: a)]), ("mhc", [(x: 10, interval: b)])], spread: 2)
    #expect(w.series.map(\.title) == ["hc", "", "mhc", ""])
    #expect(w.series[0].points.map(\.0) == [5] && w.series[2].points.map(\.0) == [20])
    #expect(w.series[1].points.map(\.1) == [1, 2, 3] && w.arrows.count == 1, "one seed has no whisker")
    let extra = w.extra(reference: 0)
    #expect(extra.count == 3 && extra[1].contains("first 0 to graph 1, first 0"))
  }

  /// A measurement under results/: made once, then read while it covers the request; `--replot`
  /// never measures, `force` measures again.
  @Test func storedMeasurementIsMadeOnceAndRead() throws {
    let root = try temporaryFolder("stored-measurement"), path = root + "/m/table.csv"
    var made = 0
    func rows(_ n: Int, replot: Bool = false, force: Bool = false) throws -> [[Double]] {
      try StoredMeasurement(path: path, replot: replot, force: force).table(
        header: "i,square", covers: { $0.count >= n }
      ) {
        made += 1
        return (0..<n).map { [Double($0), Double($0 * $0)] }
      }
    }
    #expect(throws: MHCError.self) { try rows(2, replot: true) }
    #expect(try rows(3) == [[0, 0], [1, 1], [2, 4]] && made == 1)
    #expect(try rows(2) == [[0, 0], [1, 1], [2, 4]] && made == 1, "covered: read, not made")
    #expect(try rows(2, replot: true, force: true).count == 3 && made == 1, "--replot only reads")
    #expect(try rows(4).count == 4 && made == 2, "not covered: made again")
    #expect(try rows(4, force: true).count == 4 && made == 3)
    // a damaged file (a short row, a word) is measured again, and refused under --replot
    for damage in ["i,square\n0,0\n1\n", "i,square\n0,zero\n"] {
      try RunFiles.write(damage, to: path)
      #expect(throws: MHCError.self) { try rows(1, replot: true) }
      #expect(try rows(1) == [[0, 0]])
    }
    let json = StoredMeasurement(path: root + "/m/v.json", replot: false, force: false)
    #expect(try json.json([Int].self) { [1, 2] } == [1, 2])
    #expect(try json.json([Int].self) { [3] } == [1, 2], "read back")
    #expect(try json.json([Int].self, covers: { $0.count > 2 }) { [3, 4, 5] } == [3, 4, 5])
  }
}
