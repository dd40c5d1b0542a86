import Foundation
import MHC
import MHCHarness
import Testing

/// Runs a built executable of this package (`swift build --build-tests` builds them next to
/// the test bundle) and returns its exit status and output.
/// The package's executable `name`, built next to the tests.
func toolURL(_ name: String) throws -> URL {
  let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  var url = dir.appendingPathComponent(name)
  if !FileManager.default.fileExists(atPath: url.path) {  // xctest bundle layouts differ by platform
    url = dir.deletingLastPathComponent().appendingPathComponent(name)
  }
  guard FileManager.default.fileExists(atPath: url.path) else {
    throw MHCError(
      "executable \(name) not found next to the tests (\(dir.path)); run `swift build --build-tests` first")
  }
  return url
}

func runTool(
  _ name: String, _ arguments: [String], environment: [String: String] = [:]
) throws
  -> (status: Int32, output: String)
{
  try runProcess(toolURL(name), arguments, environment: environment)
}

/// Runs `executable` to completion; its exit status and its stdout and stderr together.
func runProcess(
  _ executable: URL, _ arguments: [String], environment: [String: String] = [:]
) throws
  -> (status: Int32, output: String)
{
  let p = Process()
  p.executableURL = executable
  p.arguments = arguments
  if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
  let pipe = Pipe()
  p.standardOutput = pipe
  p.standardError = pipe
  try p.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

func temporaryFolder(_ tag: String) throws -> String {
  let d = FileManager.default.temporaryDirectory.appendingPathComponent("mhc-\(tag)-\(UUID().uuidString)").path
  try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
  return d
}

@Suite struct HarnessTests {
  @Test func runIDsAreStableAndReadable() {
    var c = TrainConfig()
    #expect(RunID.derive(c) == "mhc-n4-t20-s0")
    c.model.connection.kind = .hc; c.seed = 2
    #expect(RunID.derive(c) == "hc-n4-s2")
    c.model.connection.kind = .residual; c.model.connection.streams = 1
    #expect(RunID.derive(c) == "residual-s2")
    c = TrainConfig(); c.model.layers = 8; c.lr = 0.009; c.model.connection.biasInit = .identity;
    c.model.connection.learnPost = false
    #expect(RunID.derive(c) == "mhc-n4-t20-init-identity-learn-pre+res-L8-lr.009-s0")
    c = TrainConfig(); c.model.connection.dynamic = false; c.model.connection.learnPre = false;
    c.model.connection.learnPost = false; c.model.connection.learnRes = false
    #expect(RunID.derive(c) == "mhc-n4-t20-learn-none-static-s0")
  }

  @Test func shardsPartitionTheSweep() throws {
    let runs = (0..<7).map { i -> SweepRun in
      var c = TrainConfig(); c.seed = UInt64(i); return SweepRun(c)
    }
    let sweep = try Sweep(experiment: "x", runs: runs)
    for n in 1...4 {
      var seen: [String] = []
      for k in 0..<n {
        var o = try SweepOptions.parse(["--shard", "\(k)/\(n)"])
        o.results = "/tmp"
        seen += sweep.selected(o).map(\.id)
      }
      #expect(seen.sorted() == runs.map(\.id).sorted(), "shards of \(n) must cover the sweep exactly once")
    }
    #expect(throws: (any Error).self) { _ = try SweepOptions.parse(["--shard", "3/3"]) }
    #expect(throws: (any Error).self) { _ = try SweepOptions.parse(["--shard", "x"]) }
    #expect(
      try sweep.selected(SweepOptions.parse(["--only", "s1,s3"])).map(\.id) == ["mhc-n4-t20-s1", "mhc-n4-t20-s3"])
    #expect(throws: (any Error).self) { _ = try Sweep(experiment: "x", runs: runs + [runs[0]]) }
  }

  @Test func sweepSkipsFinishedRunsAndResumesInterruptedOnes() throws {
    let (config, dir) = try tinyRun(.mhc, steps: 6)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var other = config; other.model.connection.kind = .hc
    let sweep = try Sweep(experiment: "demo", runs: [SweepRun(config, base: config), SweepRun(other, base: config)])
    let options = try SweepOptions.parse(["--results", dir + "/results", "--plots", dir + "/plots", "--plain"])
    // Interrupt the mhc run half way: it leaves a checkpoint and no finished summary.
    let cut = try TrainingRun(config: config, directory: sweep.directory(sweep.runs[0], options: options))
    cut.stopAfterStep = 3
    #expect(try cut.run().status == .interrupted)
    var reported: [String] = []
    try sweep.execute(options) { reported = $0.map(\.id).sorted() }
    #expect(reported == ["hc-n2-s0", "mhc-n2-t20-s0"])
    let first = try LoadedRun.load(sweep.directory(sweep.runs[0], options: options))
    #expect(first.metrics.count == 6)
    let meta = try String(contentsOfFile: first.directory + "/meta.json", encoding: .utf8)
    #expect(meta.contains("\"resumed_from_step\" : 3"))
    // Re-running trains nothing: the summaries stay byte-identical.
    let before = try String(contentsOfFile: first.directory + "/summary.json", encoding: .utf8)
    try sweep.execute(options) { _ in }
    #expect(try String(contentsOfFile: first.directory + "/summary.json", encoding: .utf8) == before)
  }

  @Test func twoProcessesCannotRunTheSameFolder() throws {
    let dir = try temporaryFolder("lock")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let held = try RunLock(directory: dir)
    #expect(throws: RunInUse.self) { _ = try RunLock(directory: dir) }
    withExtendedLifetime(held) {}
  }

  @Test func stabilityTinyPresetEndToEnd() throws {
    let dir = try temporaryFolder("stability")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let args = ["--preset", "tiny", "--results", dir + "/results", "--plots", dir + "/plots", "--plain"]
    let (status, output) = try runTool("stability", args)
    #expect(status == 0, "stability failed: \(output.suffix(2000))")
    for name in ["loss-gap", "grad-norm", "gains", "gain-over-training", "hres-heatmaps", "stress"] {
      #expect(FileManager.default.fileExists(atPath: "\(dir)/plots/stability-\(name).png"), "missing \(name).png")
      #expect(FileManager.default.fileExists(atPath: "\(dir)/plots/stability-\(name).gp"), "missing \(name).gp")
    }
    let summary = try String(contentsOfFile: dir + "/results/stability/summary.md", encoding: .utf8)
    #expect(summary.contains("| mhc |") && summary.contains("| mhc − residual |") && summary.contains("## stress:"))
    // --replot rebuilds the figures from results/ alone, and a re-run trains nothing.
    try FileManager.default.removeItem(atPath: "\(dir)/plots/stability-gains.png")
    let replot = try runTool("stability", args + ["--replot"])
    #expect(replot.status == 0 && FileManager.default.fileExists(atPath: "\(dir)/plots/stability-gains.png"))
    let again = try runTool("stability", args)
    #expect(again.output.contains("skipped") && !again.output.contains("step 8/8"))
  }

  @Test func compareTabulatesRuns() throws {
    let (config, dir) = try tinyRun(.mhc, steps: 4)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var hc = config; hc.model.connection.kind = .hc
    try TrainingRun(config: config, directory: dir + "/runs/a").run()
    try TrainingRun(config: hc, directory: dir + "/runs/b").run()
    let (status, out) = try runTool("compare", [dir + "/runs/*", "--plot", "cmp", "--plots", dir + "/plots"])
    #expect(status == 0, "\(out)")
    #expect(out.contains("| run | connection |") && out.contains("| hc |") && out.contains("| mhc |"))
    #expect(FileManager.default.fileExists(atPath: dir + "/plots/cmp.png"))
    let missing = try runTool("compare", [dir + "/nothing*"])
    #expect(missing.status != 0 && missing.output.contains("no finished runs"))
    // An absolute --plot path is that file; rows sort naturally (t2 before t10).
    try TrainingRun(config: config, directory: dir + "/runs/t10").run()
    try TrainingRun(config: config, directory: dir + "/runs/t2").run()
    let abs = try runTool("compare", [dir + "/runs/t*", "--plot", dir + "/elsewhere/curves.png"])
    #expect(abs.status == 0, "\(abs.output)")
    #expect(
      FileManager.default.fileExists(atPath: dir + "/elsewhere/curves.png")
        && FileManager.default.fileExists(atPath: dir + "/elsewhere/curves.gp"))
    let t2 = abs.output.range(of: "/runs/t2 |"), t10 = abs.output.range(of: "/runs/t10 |")
    #expect(t2 != nil && t10 != nil && t2!.lowerBound < t10!.lowerBound, "\(abs.output)")
    // A bad --plot fails before the table is printed.
    let bad = try runTool("compare", [dir + "/runs/*", "--plot", "/proc/no/such/place.png"])
    #expect(bad.status != 0 && !bad.output.contains("| run |"), "\(bad.output)")
  }

  @Test func naturalOrder() {
    #expect(
      ["t20", "t10", "t2", "t1", "t0", "t5", "t50", "t3"].sorted(by: naturalLess)
        == ["t0", "t1", "t2", "t3", "t5", "t10", "t20", "t50"])
    #expect(
      ["mhc-L16", "mhc-L4", "hc-L8", "mhc-L8"].sorted(by: naturalLess) == ["hc-L8", "mhc-L4", "mhc-L8", "mhc-L16"])
    #expect(naturalLess("a", "a1") && !naturalLess("a1", "a") && !naturalLess("x", "x"))
  }
}

/// The other experiments' tiny presets, end to end: training, figures, summary, `--replot`.
@Suite struct ExperimentTests {
  func runTiny(_ name: String) throws -> (dir: String, args: [String]) {
    let dir = try temporaryFolder(name)
    let args = ["--preset", "tiny", "--results", dir + "/results", "--plots", dir + "/plots", "--plain"]
    let (status, output) = try runTool(name, args)
    #expect(status == 0, "\(name) failed: \(output.suffix(2000))")
    return (dir, args)
  }

  func finishedRuns(_ folder: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder)
      .filter { FileManager.default.fileExists(atPath: "\(folder)/\($0)/summary.json") }
  }

  func expectFigures(_ dir: String, _ names: [String]) {
    for name in names {
      for ext in ["png", "gp"] {
        #expect(FileManager.default.fileExists(atPath: "\(dir)/plots/\(name).\(ext)"), "missing \(name).\(ext)")
      }
    }
  }

  /// `overhead`: measurements saved per group, figure and summary, memory exactly as computed,
  /// `--replot` from the saved measurements alone, a second run measuring nothing new.
  @Test func overhead() throws {
    let dir = try temporaryFolder("overhead")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let args = ["--preset", "tiny", "--results", dir + "/results", "--plots", dir + "/plots"]
    let (status, output) = try runTool("overhead", args)
    #expect(status == 0, "\(output.suffix(2000))")
    expectFigures(dir, ["overhead"])
    let json = try String(contentsOfFile: dir + "/results/overhead/measurements.json", encoding: .utf8)
    #expect(json.contains("\"C=32\"") && json.contains("\"C=64\"") && json.contains("\"recompute\""))
    let summary = try String(contentsOfFile: dir + "/results/overhead/summary.md", encoding: .utf8)
    #expect(summary.contains("| C=64 | mhc n=4 K=2 |") && summary.contains("n = 4, C=32: mHC"))
    var m = ModelConfig(); m.width = 32; m.layers = 2; m.heads = 2; m.seq = 32; m.recompute = 2
    #expect(
      summary.contains("| C=32 | mhc n=4 K=2 | ")
        && summary.contains(TrainingMemory.describe(TrainingMemory.bytes(m, batch: 2))))
    let again = try runTool("overhead", args)
    #expect(again.status == 0 && !again.output.contains("timing"), "a finished group is not measured again")
    try FileManager.default.removeItem(atPath: dir + "/plots/overhead.png")
    #expect(try runTool("overhead", args + ["--replot"]).status == 0)
    expectFigures(dir, ["overhead"])
    let bad = try runTool("overhead", ["--widths", "0", "--results", dir + "/x"])
    #expect(bad.status != 0)
  }

  @Test func sinkhornIterations() throws {
    let (dir, args) = try runTiny("sinkhorn-iterations")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    expectFigures(dir, ["loss", "deviation", "gain", "step-time", "convergence"].map { "sinkhorn-iterations-\($0)" })
    let results = dir + "/results/sinkhorn-iterations"
    for file in ["summary.md", "projection.csv", "timing.json"] {
      #expect(FileManager.default.fileExists(atPath: "\(results)/\(file)"), "missing \(file)")
    }
    #expect(try finishedRuns(results).count == 12)  // t_max 0, 1, 5, 20 × (2 seeds at L=1 + 1 seed at L=2)
    let summary = try String(contentsOfFile: results + "/summary.md", encoding: .utf8)
    #expect(summary.contains("| 20 |") && summary.contains("The projection alone"))
    try FileManager.default.removeItem(atPath: "\(dir)/plots/sinkhorn-iterations-convergence.png")
    let replot = try runTool("sinkhorn-iterations", args + ["--replot"])
    #expect(replot.status == 0, "\(replot.output.suffix(2000))")
    #expect(FileManager.default.fileExists(atPath: "\(dir)/plots/sinkhorn-iterations-convergence.png"))
  }

  @Test func components() throws {
    let (dir, args) = try runTiny("components")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    expectFigures(dir, ["components-table1", "components-init"])
    let results = dir + "/results/components"
    #expect(try finishedRuns(results).count == 24)  // 12 variants × 2 seeds
    let summary = try String(contentsOfFile: results + "/summary.md", encoding: .utf8)
    #expect(summary.contains("| none | ✗ | ✗ | ✗ | 0.0 (baseline) |"))
    #expect(summary.contains("| res+pre+post | ✓ | ✓ | ✓ | −0.027 |"))
    try FileManager.default.removeItem(atPath: "\(dir)/plots/components-table1.png")
    let replot = try runTool("components", args + ["--replot"])
    #expect(replot.status == 0 && FileManager.default.fileExists(atPath: "\(dir)/plots/components-table1.png"))
  }

  @Test func scaling() throws {
    let (dir, _) = try runTiny("scaling")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    expectFigures(dir, ["scaling-compute", "scaling-tokens"])
    let results = dir + "/results/scaling"
    let summary = try String(contentsOfFile: results + "/summary.md", encoding: .utf8)
    // the engine's status line counts the declared cells' 18 runs; the 3 long runs have their own table
    #expect(summary.hasPrefix("# scaling — tiny preset") && summary.contains("All 18 runs completed."))
    for section in [
      "## C16 L1", "## Verdicts over the 3 cells", "## Sizes", "## Power-law fits", "## Token scaling", "## Every run",
    ] {
      #expect(summary.contains(section))
    }
    let runs = try finishedRuns(results)
    #expect(runs.count == 21 && runs.filter { $0.hasPrefix("long-") }.count == 3)  // 3 sizes × 2 seeds × 3, 3 long
  }

  @Test func mappings() throws {
    let (dir, args) = try runTiny("mappings")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    expectFigures(dir, ["mappings-hres", "mappings-over-training", "mappings-loss"])
    let results = dir + "/results/mappings"
    let runs = try finishedRuns(results)
    #expect(runs.count == 26)  // 13 variants × 2 seeds
    for id in runs where !id.hasPrefix("residual") {
      #expect(FileManager.default.fileExists(atPath: "\(results)/\(id)/mappings.csv"), "\(id)")
    }
    let summary = try String(contentsOfFile: results + "/summary.md", encoding: .utf8)
    #expect(
      summary.hasPrefix("# mappings — tiny preset") && summary.contains("| mHC uniform + home pre + stream emb |"))
    try FileManager.default.removeItem(atPath: "\(dir)/plots/mappings-hres.png")
    let replot = try runTool("mappings", args + ["--replot"])
    #expect(replot.status == 0 && FileManager.default.fileExists(atPath: "\(dir)/plots/mappings-hres.png"))
  }

  @Test func expansion() throws {
    let (dir, _) = try runTiny("expansion")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    expectFigures(dir, ["expansion"])
    let summary = try String(contentsOfFile: dir + "/results/expansion/summary.md", encoding: .utf8)
    #expect(summary.hasPrefix("# expansion — tiny preset") && summary.contains("All 9 runs completed."))
    for n in [1, 2, 4, 8] { #expect(summary.contains("| hc | \(n) |") && summary.contains("| mhc | \(n) |")) }
    #expect(summary.contains("| residual | 1 |"))
  }

  /// The synthetic mixing task end to end, tiny: every connection, target and mode trains; the
  /// ones that start at their target (HC and Cayley at I, Sinkhorn at J/n) stay there exactly,
  /// Cayley cannot leave the rotations (a cyclic shift of 4 streams has determinant −1), and
  /// `--replot` draws from the stored results.
  @Test func mixingTask() throws {
    let dir = try temporaryFolder("mixing")
    let args = [
      "--seeds", "1", "--steps", "20", "--width", "4", "--tokens", "16",
      "--results", dir + "/results", "--plots", dir + "/plots",
    ]
    let (status, output) = try runTool("mixing", args)
    #expect(status == 0, "mixing failed: \(output.suffix(2000))")
    let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/results/mixing/results.json"))
    let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    let outcomes = json["outcomes"] as! [[String: Any]]
    // HC and every registered manifold × every target × static and dynamic: a new manifold needs no edit here
    #expect(outcomes.count == (1 + ResidualManifold.allCases.count) * 7 * 2)
    func error(_ member: String, _ target: String, _ mode: String = "static") -> Double {
      outcomes.first {
        $0["member"] as? String == member && $0["target"] as? String == target
          && $0["mode"] as? String == mode
      }!["final_error"] as! Double
    }
    #expect(error("hc (unconstrained)", "identity") < 1e-20 && error("cayley", "identity") < 1e-20)
    #expect(error("sinkhorn", "J/n") < 1e-20)
    #expect(error("cayley", "cyclic shift") > 0.5)
    expectFigures(dir, ["mixing"])
    let summary = try String(contentsOfFile: dir + "/results/mixing/summary.md", encoding: .utf8)
    #expect(summary.contains("| kronecker |") && summary.contains("## Dynamic mappings"))
    try FileManager.default.removeItem(atPath: dir + "/plots/mixing.png")
    #expect(try runTool("mixing", args + ["--replot"]).status == 0)
    expectFigures(dir, ["mixing"])
  }
}
