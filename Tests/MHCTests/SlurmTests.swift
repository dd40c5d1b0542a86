import Foundation
import MHC
import Testing

/// Sweeps through a real Slurm: the one-node cluster of `scripts/local-slurm.sh` (started here if
/// it is not running; `.ci/run` installs it).
@Suite(.serialized) struct SlurmTests {
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("scripts/local-slurm.sh").path

  func shell(_ arguments: [String]) throws -> (status: Int32, output: String) {
    try runProcess(URL(fileURLWithPath: "/usr/bin/env"), arguments)
  }

  func startCluster() throws {
    let (status, output) = try shell(["bash", Self.script, "start"])
    try #require(status == 0, "scripts/local-slurm.sh start failed: \(output)")
  }

  /// Waits until none of `jobs` is queued or running.
  func wait(_ jobs: [String], timeout: TimeInterval = 600) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      let (status, output) = try shell(["squeue", "-h", "-j", jobs.joined(separator: ","), "-o", "%i %T"])
      if status == 0 && output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return }
      usleep(500_000)
    }
    Issue.record("jobs \(jobs) still in the queue after \(Int(timeout)) s")
  }

  func jobIDs(_ output: String) -> [String] {
    // "array job 12 (1 tasks), replot job 13"
    let words = output.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "," }).map(String.init)
    return words.indices.filter { words[$0] == "job" && $0 + 1 < words.count && Int(words[$0 + 1]) != nil }.map {
      words[$0 + 1]
    }
  }

  /// The tiny `stability` sweep submitted twice at once, as one-task arrays over the same folder:
  /// the two tasks walk the same run list, the run lock makes each run train exactly once, and
  /// the replot jobs (afterany) make the figures.
  @Test func stabilityTinyArrayThroughSlurm() throws {
    try startCluster()
    let dir = try temporaryFolder("slurm")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let args = [
      "--preset", "tiny", "--results", dir + "/results", "--plots", dir + "/plots",
      "--slurm", "--slurm-tasks", "1", "--slurm-cpus", "1", "--slurm-time", "15:00",
    ]
    let first = try runTool("stability", args), second = try runTool("stability", args)
    #expect(first.status == 0 && second.status == 0, "\(first.output)\n\(second.output)")
    let jobs = jobIDs(first.output) + jobIDs(second.output)
    try #require(jobs.count == 4, "expected two array and two replot job ids: \(first.output) \(second.output)")
    let script = try String(contentsOfFile: dir + "/results/stability/slurm/array.sbatch", encoding: .utf8)
    #expect(
      script.contains("#SBATCH --array=0-0") && script.contains("--shard \"${SLURM_ARRAY_TASK_ID}/1\"")
        && script.contains("#SBATCH --mem=") && script.contains("#SBATCH --time=15:00"))
    try wait(jobs)
    let fm = FileManager.default
    let runs = try fm.contentsOfDirectory(atPath: dir + "/results/stability").filter {
      $0 != "slurm" && !$0.hasSuffix(".md")
    }
    #expect(runs.count == 33)  // tiny: 2 seeds × 3 connections + 27 stress runs (1 seed)
    for r in runs {
      let s = try RunFiles.readJSON(RunSummary.self, from: "\(dir)/results/stability/\(r)/summary.json")
      let meta = try String(contentsOfFile: "\(dir)/results/stability/\(r)/meta.json", encoding: .utf8)
      #expect(s.status == .completed && !meta.contains("resumed_from_step"), "\(r): trained once, start to end")
    }
    let logs = try fm.contentsOfDirectory(atPath: dir + "/results/stability/slurm/logs")
    #expect(
      logs.filter { $0.hasPrefix("task-") }.count == 2 && logs.filter { $0.hasPrefix("replot-") }.count == 2, "\(logs)")
    let text = try logs.map { try String(contentsOfFile: dir + "/results/stability/slurm/logs/" + $0, encoding: .utf8) }
      .joined(separator: "\n")
    #expect(!text.contains("Error"), "\(text)")
    if ProcessInfo.processInfo.activeProcessorCount >= 2 {  // both one-CPU tasks run at once
      #expect(text.contains("in use by another process"), "the two tasks met on a run and one skipped it")
    }
    for fig in ["stability-gains.png", "stability-stress.png", "stability-loss-gap.png"] {
      #expect(fm.fileExists(atPath: dir + "/plots/" + fig), "\(fig)")
    }
    // The dry run prints a valid script and submits nothing.
    let dry = try runTool(
      "stability", ["--preset", "paper", "--results", dir + "/paper", "--slurm", "--slurm-dry-run"])
    #expect(
      dry.status == 0 && dry.output.contains("#SBATCH --array=0-239")  // 8 seeds × (3 + 27 stress)
        && dry.output.contains("submit with: bash"), "\(dry.output)")
    let (syntax, err) = try shell(["bash", "-n", dir + "/paper/stability/slurm/array.sbatch"])
    #expect(syntax == 0, "\(err)")
  }

  /// `scancel --signal=TERM` on a running job: the run checkpoints and says interrupted;
  /// resubmitting resumes and ends with the metrics of an uninterrupted run.
  @Test func scancelTermThenResubmitResumes() throws {
    try startCluster()
    let (_, dir) = try tinyRun(.mhc)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let train = try toolURL("train").path
    let args = [
      "--connection", "mhc", "--streams", "2", "--width", "32", "--layers", "2", "--heads", "2", "--seq", "32",
      "--batch", "4", "--steps", "200", "--eval-every", "5", "--eval-batches", "1", "--lr", "0.01",
      "--corpus", dir + "/corpus.txt",
    ]
    func submit(_ extra: [String]) throws -> String {
      let command = "exec " + ([train] + args + extra).joined(separator: " ")
      let (status, out) = try shell([
        "sbatch", "--parsable", "-c", "1", "--mem", "1G", "-o", dir + "/slurm-%j.out",
        "--wrap", command,
      ])
      try #require(status == 0, "\(out)")
      return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let job = try submit(["--out", dir + "/cut"])
    let deadline = Date().addingTimeInterval(300)
    while !FileManager.default.fileExists(atPath: dir + "/cut/checkpoint.bin") && Date() < deadline { usleep(20_000) }
    let (sc, scOut) = try shell(["scancel", "--batch", "--signal=TERM", job])
    #expect(sc == 0, "\(scOut)")
    try wait([job])
    let log = try String(contentsOfFile: "\(dir)/slurm-\(job).out", encoding: .utf8)
    #expect(log.contains("stopped by SIGTERM"), "\(log)")
    #expect(try String(contentsOfFile: dir + "/cut/meta.json", encoding: .utf8).contains("\"interrupted\""))
    let stoppedAt = try MetricsRow.read(dir + "/cut/metrics.csv").count
    #expect(stoppedAt >= 5 && stoppedAt < 200)
    let again = try submit(["--out", dir + "/cut", "--resume"])
    try wait([again])
    let (whole, output) = try runTool("train", args + ["--out", dir + "/whole"])
    #expect(whole == 0, "\(output)")
    let a = try deterministicColumns(dir + "/whole/metrics.csv"), b = try deterministicColumns(dir + "/cut/metrics.csv")
    #expect(a.count == 200 && a == b)
  }
}
