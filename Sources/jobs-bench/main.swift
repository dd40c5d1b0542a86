// jobs-bench: a sweep's runs per hour one after another (`--jobs 1`) and side by side (`--jobs N`).
//
//   swift run -c release jobs-bench                      # 4 mHC runs at the reference config, 100 steps
//   swift run -c release jobs-bench --runs 6 --steps 300 # a longer sweep
//
// Each mode trains the same runs into its own temporary folder, timed from start to the last
// summary (final evaluation included), then the final losses of the two are compared bit for bit.
import ArgumentParser
import Foundation
import MHC
import MHCHarness

BLASRuntime.ensureFastKernel()

struct JobsBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "jobs-bench", abstract: "Runs per hour of a small sweep with --jobs 1 and --jobs N.")
  @Option(help: "Runs in the sweep (mHC at the reference config, one seed each).") var runs = 4
  @Option(help: "Training steps per run.") var steps = 100
  @Option(help: "Runs side by side in the parallel mode (default: one per core).") var jobs: Int?
  @Option(help: "Folder for the two sweeps (removed afterwards).") var scratch =
    NSTemporaryDirectory() + "mhc-jobs-bench"

  func validate() throws {
    guard runs >= 2 else { throw ValidationError("--runs \(runs) is invalid; must be ≥ 2 (runs side by side)") }
    guard steps >= 1 else { throw ValidationError("--steps \(steps) is invalid; must be ≥ 1") }
    if let j = jobs, j < 2 { throw ValidationError("--jobs \(j) is invalid; must be ≥ 2 (compared with 1)") }
  }

  func sweep() throws -> Sweep {
    try Sweep(
      experiment: "jobs-bench",
      runs: (0..<runs).map { s in
        var c = TrainConfig(); c.steps = steps; c.evalEvery = max(1, steps / 4); c.seed = UInt64(s)
        return SweepRun(c)
      })
  }

  func run() throws {
    let sweep = try sweep()
    if Sweep.isChild {  // a run handed to this process by the parallel mode below
      try sweep.execute(SweepOptions.parse([])) { _ in }
      return
    }
    let n = jobs ?? DefaultJobs.count
    var rate: [Int: Double] = [:], losses: [Int: [UInt64]] = [:]
    for j in [1, n] {
      let root = "\(scratch)/jobs\(j)"
      try? FileManager.default.removeItem(atPath: root)
      let options = try SweepOptions.parse(["--jobs", "\(j)", "--results", root, "--plots", root + "/plots", "--plain"])
      let start = Date()
      try sweep.execute(options) { _ in }
      let seconds = Date().timeIntervalSince(start)
      rate[j] = Double(runs) / seconds * 3600
      losses[j] = sweep.load(options).map { $0.summary.finalEvalLoss?.bitPattern ?? 0 }
      print(String(format: "--jobs %d: %d runs in %.1f s → %.1f runs per hour", j, runs, seconds, rate[j]!))
    }
    try? FileManager.default.removeItem(atPath: scratch)
    let cpu = BLASRuntime.cpuModel + (BLASRuntime.cpuFlags().contains("avx512f") ? " (AVX-512)" : "")
    print(
      String(
        format: "ratio (--jobs %d / --jobs 1): %.2f× runs per hour; final losses bit-identical: %@; CPU: %@, BLAS %@",
        n, rate[n]! / rate[1]!, losses[1] == losses[n] ? "yes" : "NO", cpu, BLASRuntime.coreName))
  }
}

JobsBench.main()
