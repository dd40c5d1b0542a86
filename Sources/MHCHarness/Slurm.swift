import ArgumentParser
import Foundation
import MHC

/// Options of `--slurm`: run a sweep as a Slurm job array.
public struct SlurmOptions: ParsableArguments {
  @Flag(
    help: "Write results/<experiment>/slurm/{array.sbatch,replot.sbatch,submit.sh} and submit them (if sbatch exists).")
  public var slurm = false
  @Flag(help: "Write and print the Slurm scripts without submitting.") public var slurmDryRun = false
  @Option(help: "Array tasks (default: one per run); task K runs --shard K/N.") public var slurmTasks: Int?
  @Option(help: "Time limit of each array task (sbatch --time).") public var slurmTime = "12:00:00"
  @Option(help: "CPUs per task (sbatch --cpus-per-task; the run uses as many threads).") public var slurmCpus = 2
  @Option(help: "Partition (sbatch --partition); default: the cluster's.") public var slurmPartition: String?

  public init() {}

  public var enabled: Bool { slurm || slurmDryRun }

  /// The flags that belong to the submitting command only (with whether each takes a value).
  static let submitOnly: [String: Bool] = [
    "--slurm": false, "--slurm-dry-run": false, "--slurm-tasks": true, "--slurm-time": true, "--slurm-cpus": true,
    "--slurm-partition": true, "--shard": true, "--list": false, "--force": false, "--replot": false, "--plain": false,
    "--jobs": true,
  ]
}

/// Writes (and submits) a sweep as a Slurm job array plus a replot job that waits for it.
///
/// Every array task runs the same executable with the same arguments plus `--shard K/N`, so a
/// finished run is skipped, an interrupted or requeued one resumes from its checkpoint, and two
/// tasks never train one run at once (``RunLock``; a busy run is skipped). Tasks get SIGTERM two
/// minutes before their time limit (`--signal=B:TERM@120`) and checkpoint; running `submit.sh`
/// again (or `scontrol requeue`, which `--requeue` allows) resumes them.
///
/// ```swift
/// let options = try SweepOptions.parse(["--preset", "paper", "--slurm"])
/// let job = try SlurmJob(sweep: InstabilityDesign(preset: .paper).sweep(), options: options, slurm: options.slurm)
/// try job.write()      // results/instability/slurm/submit.sh …
/// try job.submit()     // array job 1234 (one task per run), replot job 1235
/// ```
public struct SlurmJob {
  public let experiment: String
  public let folder: String
  public let tasks: Int
  public let runs: Int
  /// Memory per task: the largest ``TrainingMemory`` estimate of the runs at `--slurm-cpus` threads, plus
  /// the checkpoint's copy of the weights and AdamW moments (`3·P` values), +10% and 512 MiB for the process.
  public let memoryMiB: Int
  public let options: SlurmOptions
  let arguments: [String]
  let executable: String

  public init(
    sweep: Sweep, options: SweepOptions, slurm: SlurmOptions, arguments: [String] = CommandLine.arguments
  ) throws {
    var whole = options
    whole.shard = nil  // the array does the sharding
    let chosen = sweep.selected(whole)
    guard !chosen.isEmpty else { throw MHCError("--slurm: no runs are selected (check --only)") }
    if let t = slurm.slurmTasks, t < 1 { throw MHCError("--slurm-tasks \(t) is invalid; must be ≥ 1") }
    guard slurm.slurmCpus >= 1 else { throw MHCError("--slurm-cpus \(slurm.slurmCpus) is invalid; must be ≥ 1") }
    let time = slurm.slurmTime.split(separator: ":")
    guard (1...3).contains(time.count) || slurm.slurmTime.contains("-"),
      time.allSatisfy({ Int($0.split(separator: "-").last ?? "") != nil })
    else {
      throw MHCError("--slurm-time '\(slurm.slurmTime)' is not a time limit; use MM, HH:MM:SS or D-HH:MM:SS")
    }
    experiment = sweep.experiment
    folder = "\(options.results)/\(sweep.experiment)/slurm"
    runs = chosen.count
    tasks = min(slurm.slurmTasks ?? chosen.count, chosen.count)
    self.options = slurm
    let bytes =
      chosen.map { r -> Int in
        let m = r.config.resolved().model
        return TrainingMemory.bytes(m, batch: r.config.batch, threads: slurm.slurmCpus) + 3
          * TrainingMemory.parameters(m) * 4
      }.max() ?? 0
    memoryMiB = Int((Double(bytes) * 1.1 / 1_048_576).rounded(.up)) + 512
    executable =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? URL(fileURLWithPath: arguments[0]).standardizedFileURL.path
    self.arguments = Self.taskArguments(Array(arguments.dropFirst()))
  }

  /// `arguments` without the submit-only flags (`--slurm…`, `--shard`, `--list`, `--force`, `--replot`,
  /// `--plain`, `--jobs`; the scripts add their own `--shard`, `--plain`, `--jobs 1` or `--replot`).
  static func taskArguments(_ arguments: [String]) -> [String] {
    var out: [String] = [], i = 0
    while i < arguments.count {
      let a = arguments[i]
      let name = a.split(separator: "=", maxSplits: 1).first.map(String.init) ?? a
      if let takesValue = SlurmOptions.submitOnly[name] {
        i += takesValue && !a.contains("=") ? 2 : 1
        continue
      }
      out.append(a); i += 1
    }
    return out
  }

  static func shellQuote(_ s: String) -> String {
    s.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:,@%+".contains($0) } && !s.isEmpty
      ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  var logs: String { "\(folder)/logs" }

  /// The array script: one task per shard.
  public var arrayScript: String {
    let cwd = FileManager.default.currentDirectoryPath
    let command = ([executable] + arguments).map(Self.shellQuote).joined(separator: " ")
    return """
      #!/bin/bash
      # \(experiment): \(runs) runs in \(tasks) array tasks (task K runs --shard K/\(tasks)); written by --slurm.
      #SBATCH --job-name=mhc-\(experiment)
      #SBATCH --array=0-\(tasks - 1)
      #SBATCH --cpus-per-task=\(options.slurmCpus)
      #SBATCH --mem=\(memoryMiB)M
      #SBATCH --time=\(options.slurmTime)
      #SBATCH --output=\(absolute(logs))/task-%A_%a.out
      #SBATCH --open-mode=append
      #SBATCH --signal=B:TERM@120
      #SBATCH --requeue
      \(options.slurmPartition.map { "#SBATCH --partition=\($0)" } ?? "# (default partition)")
      set -euo pipefail
      cd \(Self.shellQuote(cwd))
      export MHC_THREADS=${SLURM_CPUS_PER_TASK:-\(options.slurmCpus)}
      echo "task ${SLURM_ARRAY_TASK_ID} of job ${SLURM_ARRAY_JOB_ID} on $(hostname) at $(date -u +%FT%TZ)"
      exec \(command) --plain --jobs 1 --shard "${SLURM_ARRAY_TASK_ID}/\(tasks)"

      """
  }

  /// The replot script: figures and summary once every task has ended (whatever its state).
  public var replotScript: String {
    let cwd = FileManager.default.currentDirectoryPath
    let command = ([executable] + arguments).map(Self.shellQuote).joined(separator: " ")
    return """
      #!/bin/bash
      # \(experiment): figures and summary from results/ after the array (submitted with --dependency=afterany).
      #SBATCH --job-name=mhc-\(experiment)-replot
      #SBATCH --cpus-per-task=1
      #SBATCH --mem=2048M
      #SBATCH --time=00:30:00
      #SBATCH --output=\(absolute(logs))/replot-%j.out
      \(options.slurmPartition.map { "#SBATCH --partition=\($0)" } ?? "# (default partition)")
      set -euo pipefail
      cd \(Self.shellQuote(cwd))
      exec \(command) --replot

      """
  }

  /// Submits the array, then the replot job depending on it; prints both ids.
  public var submitScript: String {
    """
    #!/bin/bash
    # Submits the \(experiment) array (\(tasks) tasks) and its replot job. Re-running it is safe:
    # finished runs are skipped and interrupted ones resume.
    set -euo pipefail
    here="$(cd "$(dirname "$0")" && pwd)"
    mkdir -p "$here/logs"
    array=$(sbatch --parsable "$here/array.sbatch")
    array=${array%%;*}
    replot=$(sbatch --parsable --dependency=afterany:"$array" "$here/replot.sbatch")
    replot=${replot%%;*}
    echo "array job $array (\(tasks) tasks), replot job $replot"
    echo "watch: squeue -j $array,$replot   logs: $here/logs"

    """
  }

  func absolute(_ path: String) -> String {
    path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
  }

  /// Writes the three scripts (atomically) and the logs folder; returns the submit script's path.
  @discardableResult
  public func write() throws -> String {
    try RunFiles.makeDirectory(logs)
    try RunFiles.write(arrayScript, to: "\(folder)/array.sbatch")
    try RunFiles.write(replotScript, to: "\(folder)/replot.sbatch")
    try RunFiles.write(submitScript, to: "\(folder)/submit.sh")
    chmod("\(folder)/submit.sh", 0o755)
    return "\(folder)/submit.sh"
  }

  /// Runs `submit.sh` if `sbatch` is on the PATH; returns its output, or `nil` without Slurm.
  public func submit() throws -> String? {
    guard let sbatch = RunFiles.commandOutput(["sh", "-c", "command -v sbatch"]), !sbatch.isEmpty else { return nil }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/bash")
    p.arguments = ["\(folder)/submit.sh"]
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try p.run()
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
      throw MHCError(
        "sbatch failed (\(folder)/submit.sh exited \(p.terminationStatus)): \(out.split(separator: "\n").last ?? "")")
    }
    return out
  }
}
