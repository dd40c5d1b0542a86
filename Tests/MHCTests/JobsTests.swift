import Foundation
import MHC
import MHCHarness
import Testing

/// `--jobs` and `--precision`: the same bits side by side, and the two-stage rule's seed counts.
@Suite struct JobsTests {
  /// Every file of every run, with what measures time or threads taken out: the metrics must match byte for byte.
  static func numbers(_ folder: String) throws -> [String: String] {
    var out: [String: String] = [:]
    let fm = FileManager.default
    for run in try fm.contentsOfDirectory(atPath: folder).sorted() {
      let dir = folder + "/" + run
      var isDir: ObjCBool = false
      guard fm.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else { continue }
      for file in try fm.contentsOfDirectory(atPath: dir) where file.hasSuffix(".csv") {
        var lines = try String(contentsOfFile: dir + "/" + file, encoding: .utf8).split(separator: "\n").map(String.init)
        if let i = lines.first?.split(separator: ",", omittingEmptySubsequences: false).firstIndex(of: "step_seconds") {
          lines = lines.map { l in
            var f = l.split(separator: ",", omittingEmptySubsequences: false)
            f.remove(at: i)
            return f.joined(separator: ",")
          }
        }
        out[run + "/" + file] = lines.joined(separator: "\n")
      }
      let s = try RunFiles.readJSON(RunSummary.self, from: dir + "/summary.json")
      out[run + "/summary"] = "\(s.status) \(s.steps) \(s.finalEvalLoss.map { "\($0.bitPattern)" } ?? "-")"
    }
    return out
  }

  @Test func twoJobsGiveTheBitsOfOne() throws {
    let dir = try temporaryFolder("jobs")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var outputs: [[String: String]] = []
    for jobs in ["1", "2"] {
      let args = [
        "--preset", "tiny", "--jobs", jobs, "--results", "\(dir)/j\(jobs)/results", "--plots", "\(dir)/j\(jobs)/plots",
        "--plain",
      ]
      let (status, output) = try runTool("instability", args)
      #expect(status == 0, "instability --jobs \(jobs) failed: \(output.suffix(2000))")
      if jobs == "2" { #expect(output.contains("up to 2 side by side"), "\(output.prefix(500))") }
      outputs.append(try Self.numbers("\(dir)/j\(jobs)/results/instability"))
    }
    #expect(outputs[0].keys.filter { $0.hasSuffix("/summary") }.count == 18, "18 runs: \(outputs[0].keys.sorted())")
    #expect(outputs[0] == outputs[1], "a 2-job sweep's metrics differ from a 1-job sweep's")
  }

  /// The memory guard counts every concurrent run: a budget that holds one run's estimate runs one at a time.
  @Test func memoryBudgetHoldsRunsBack() throws {
    let dir = try temporaryFolder("jobs-memory")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let args = ["--preset", "tiny", "--jobs", "2", "--max-memory", "100M", "--results", dir + "/r", "--plots", dir + "/p", "--plain"]
    let (status, output) = try runTool("instability", args)
    #expect(status == 0 && output.contains("at most 1 side by side (the memory budget held the rest back)"), "\(output.suffix(800))")
  }

  @Test func badValuesGetOneLineErrors() throws {
    for (args, needle) in [
      (["--jobs", "0"], "--jobs 0 is invalid"), (["--precision", "-1"], "--precision -1.0 is invalid"), (["--jobs", "-2"], "--jobs -2 is invalid"),
      (["--precision", "0.02", "--pilot", "4", "--max-seeds", "3"], "--max-seeds 3 is invalid"),
      (["--pilot", "1"], "--pilot 1 is invalid"),
    ] {
      let (status, output) = try runTool("stability", args + ["--list"])
      #expect(status != 0)
      #expect(output.contains(needle), "\(args): \(output)")
    }
    let (status, output) = try runTool("overhead", ["--precision", "0.02"])
    #expect(status != 0 && output.contains("no paired seed comparisons"), "\(output)")
    let mixing = try runTool("mixing", ["--jobs", "2"])
    #expect(mixing.status != 0 && mixing.output.contains("--jobs 2 is invalid for mixing"), "\(mixing.output)")
  }

  /// Stein's rule from a known pilot: N = max(n₀, ⌊(t·s₀/h)²⌋ + 1) with t = t_{0.975, n₀−1}.
  @Test func twoStageRuleChoosesTheSeeds() {
    let t3 = 3.182446305284263  // t_{0.975, 3} (scipy.stats.t.ppf(0.975, 3))
    #expect(abs(TwoStage.t(pilot: 4) - t3) < 1e-9)
    // s₀ = 0.04, h = 0.02: (3.1824·2)² = 40.51 → 41 seeds
    #expect(TwoStage.seeds(pilotSD: 0.04, pilot: 4, halfWidth: 0.02) == 41)
    // a tight pilot keeps its n₀
    #expect(TwoStage.seeds(pilotSD: 0.001, pilot: 4, halfWidth: 0.02) == 4)
    #expect(TwoStage.seeds(pilotSD: 0, pilot: 4, halfWidth: 0.02) == 4)
    // s₀ = 0.02, h = 0.02, n₀ = 8: t_{0.975,7} = 2.3646 → 5.59 → max(8, 6) = 8
    #expect(TwoStage.seeds(pilotSD: 0.02, pilot: 8, halfWidth: 0.02) == 8)
    // … and n₀ = 4: 10.13 → 11
    #expect(TwoStage.seeds(pilotSD: 0.02, pilot: 4, halfWidth: 0.02) == 11)
    // the stated half-width never exceeds the target at the chosen N
    for s in stride(from: 0.005, through: 0.2, by: 0.005) {
      let n = TwoStage.seeds(pilotSD: s, pilot: 4, halfWidth: 0.02)
      #expect(TwoStage.halfWidth(pilotSD: s, pilot: 4, seeds: n) <= 0.02)
      #expect(n == 4 || TwoStage.halfWidth(pilotSD: s, pilot: 4, seeds: n - 1) > 0.02)
    }
  }

  /// The whole procedure on tiny runs: a pilot, then exactly the seeds its spread asks for.
  @Test func precisionTrainsWhatThePilotAsksFor() throws {
    let dir = try temporaryFolder("precision")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let args = [
      "--preset", "tiny", "--precision", "0.05", "--pilot", "3", "--max-seeds", "6", "--jobs", "2",
      "--results", "\(dir)/results", "--plots", "\(dir)/plots", "--plain",
    ]
    let (status, output) = try runTool("components", args)
    #expect(status == 0, "components --precision failed: \(output.suffix(3000))")
    let rows = try RunFiles.readJSON([PrecisionRow].self, from: "\(dir)/results/components/precision.json")
    #expect(!rows.isEmpty)
    // Every comparison's seeds follow the rule from its own pilot spread, capped at 6; a variant
    // gets the most any of its comparisons asks for, and a comparison pairs the seeds both have.
    var seedsOf: [String: Int] = [:]
    for row in rows {
      guard let s0 = row.pilotSD, let needed = row.needed else {
        Issue.record("\(row.cell) \(row.variant): pilot unfinished")
        continue
      }
      #expect(row.pilot == 3)
      #expect(needed == TwoStage.seeds(pilotSD: s0, pilot: 3, halfWidth: 0.05))
      for v in [row.variant, row.baseline] { seedsOf[v] = max(seedsOf[v] ?? 0, min(needed, 6)) }
    }
    for row in rows {
      guard let s0 = row.pilotSD, let v = seedsOf[row.variant], let b = seedsOf[row.baseline] else { continue }
      #expect(row.used == min(v, b), "\(row.variant) − \(row.baseline): used \(row.used), seeds \(v) and \(b)")
      #expect(row.reached == (TwoStage.halfWidth(pilotSD: s0, pilot: 3, seeds: row.used) <= 0.05))
    }
    // … and exactly those runs were trained (no more): seed folders per variant.
    let folders = try FileManager.default.contentsOfDirectory(atPath: "\(dir)/results/components")
    let trained = folders.filter { $0.range(of: "-s[0-9]+$", options: .regularExpression) != nil }
    #expect(trained.count == seedsOf.values.reduce(0, +), "\(trained.sorted()) vs \(seedsOf)")
    #expect(output.contains("Seeds to a target precision"))
  }

  /// SIGTERM to a `--jobs 2` sweep reaches every running child once: each stops at a checkpoint,
  /// the sweep exits 143, and the same command resumes and finishes them.
  @Test func sigtermStopsEveryRunningRunAtACheckpoint() throws {
    let dir = try temporaryFolder("jobs-signal")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let args = [
      "--preset", "tiny", "--steps", "400", "--only", "t0-", "--jobs", "2", "--results", dir + "/results", "--plots",
      dir + "/plots", "--plain",
    ]
    let p = Process()
    p.executableURL = try toolURL("sinkhorn-iterations")
    p.arguments = args
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try p.run()
    // wait until both children have written their first metrics, then stop the sweep
    let folder = dir + "/results/sinkhorn-iterations"
    let deadline = Date().addingTimeInterval(120)
    while Date() < deadline {
      let started = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter {
        FileManager.default.fileExists(atPath: "\(folder)/\($0)/metrics.csv")
      }
      if started.count >= 2 { break }
      usleep(100_000)
    }
    kill(p.processIdentifier, SIGTERM)
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 143, "\(output.suffix(1500))")
    let runs = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasSuffix(".md") }
    #expect(runs.count == 2, "two runs were running: \(runs)")
    for r in runs {
      let meta = try RunFiles.readJSON(RunMeta.self, from: "\(folder)/\(r)/meta.json")
      #expect(meta.status == .interrupted, "\(r): \(meta.status)")
      #expect(FileManager.default.fileExists(atPath: "\(folder)/\(r)/checkpoint.bin"), "\(r) has no checkpoint")
    }
    let resumed = try runTool("sinkhorn-iterations", args)
    #expect(resumed.status == 0, "\(resumed.output.suffix(1500))")
    for r in runs { #expect(TrainingRun.finishedSummary(in: "\(folder)/\(r)")?.status == .completed) }
  }
}
