import ArgumentParser
import Foundation
import MHC

#if canImport(Glibc)
  import Glibc
#endif

// `--jobs N`: a sweep's runs side by side, each in a child process of the same executable with
// one thread. Measured on 2 cores, two one-thread runs take 1.5× the steps per second of one
// two-thread run (the elementwise passes and small products do not scale to a second core as
// well as a second run does). A child trains exactly the run it is handed (its configuration
// and folder in the environment), so its metrics are those of the same run in a sequential
// sweep: nothing in a run depends on its thread count.

/// The protocol between a sweep and the child processes that train its runs.
enum SweepChild {
  /// The run's resolved configuration (JSON), its folder and its progress label.
  static let configVariable = "MHC_SWEEP_CONFIG"
  static let directoryVariable = "MHC_SWEEP_DIR"
  static let labelVariable = "MHC_SWEEP_LABEL"
  /// The run's ``RunDesign`` (JSON), when a declaration made it.
  static let designVariable = "MHC_SWEEP_DESIGN"
  /// Starts a step line of a child's output: never the first byte of an ordinary line.
  static let stepMark = "\u{1E}step "

  /// The run this process was started to train, if it is a sweep's child. Read once; the
  /// variables are then removed, so a process this one starts is never taken for a child.
  static let assignment: Assignment? = {
    let env = ProcessInfo.processInfo.environment
    defer { for v in [configVariable, directoryVariable, labelVariable, designVariable] { unsetenv(v) } }
    guard let json = env[configVariable], let dir = env[directoryVariable] else { return nil }
    guard let config = try? JSONDecoder().decode(TrainConfig.self, from: Data(json.utf8)) else { return nil }
    let design = env[designVariable].flatMap { try? JSONDecoder().decode(RunDesign.self, from: Data($0.utf8)) }
    return Assignment(config: config, directory: dir, label: env[labelVariable] ?? dir, design: design)
  }()

  struct Assignment {
    var config: TrainConfig
    var directory: String
    var label: String
    var design: RunDesign?
  }

  /// Whether this executable can serve as a child: an experiment (or `jobs-bench`), not a test
  /// runner, which would run its whole suite again instead of the run it was handed.
  static let executableCanServe: Bool = !CommandLine.arguments[0].contains(".xctest")

  /// Trains the assigned run (a child's whole life): step lines for the parent's display, then
  /// the usual one-line result. An interruption exits with 128 + the signal number.
  static func train(_ a: Assignment, options: SweepOptions) throws {
    Interruption.install()
    let run = try TrainingRun(config: a.config, directory: a.directory)
    run.maxMemory = options.maxMemory
    run.design = a.design
    run.observers.append(StepLines(label: a.label, tokensPerExample: a.config.model.task.tokens))
    do {
      let summary = try run.run()
      if let code = Interruption.exitCode, summary.status == .interrupted { throw ExitCodeError(code: code) }
    } catch let busy as RunInUse {
      print("\(a.label): in use by another process (\(busy.holder)), skipped")
    }
  }

  /// One machine-readable line per step (`step steps seconds`), then the console's result line.
  final class StepLines: TrainingObserver {
    let console: ConsoleProgress
    init(label: String, tokensPerExample: Int?) {
      console = ConsoleProgress(label: label, interactive: false, tokensPerExample: tokensPerExample)
    }
    func stepEnded(_ row: MetricsRow, of steps: Int) {
      print("\(SweepChild.stepMark)\(row.step) \(steps) \(row.stepSeconds)")
      fflush(nil)
    }
    func evaluated(step: Int, loss: Double, gains: [SublayerGains]) {}
    func finished(_ summary: RunSummary) {
      console.finished(summary)
      fflush(nil)
    }
  }
}

/// A child's exit status to pass on (an interruption's 128 + signal).
struct ExitCodeError: Error { let code: Int32 }

/// One run waiting for, or in, a child process.
struct PendingRun {
  var id: String
  var label: String
  var config: TrainConfig
  var directory: String
  var design: RunDesign? = nil
  /// ``TrainingMemory`` estimate at one thread, plus the checkpoint's copy of weights and moments.
  var bytes: Int {
    let m = TrainingMemory.bytes(config.model, batch: config.batch, threads: 1)
    let p = TrainingMemory.parameters(config.model)
    return m == .max ? .max : m + 3 * p * MemoryLayout<Float>.stride + 64 << 20
  }
}

/// Runs child processes side by side, at most `jobs` at a time and within a memory budget, with
/// one live line for the whole sweep (runs done / running / left, and an ETA from measured step times).
///
/// ```swift
/// let options = try SweepOptions.parse(["--jobs", "2"])   // a JobPool of 2 child processes
/// let runs = [1e-3, 3e-3].map { lr in var c = TrainConfig(); c.lr = lr; return SweepRun(c) }
/// try Sweep(experiment: "stability", runs: runs).execute(options) { _ in }
/// ```
struct JobPool {
  let jobs: Int
  /// Bytes all concurrent runs may use together (`--max-memory`, else what is available now).
  let budget: Int?
  let interactive: Bool

  final class Child {
    let run: PendingRun
    let pid: pid_t
    let fd: Int32
    var buffer: [UInt8] = []
    var open = true
    var exited: Int32?  // raw wait status
    var step = 0
    var steps: Int
    var seconds = 0.0
    var tail: [String] = []
    init(run: PendingRun, pid: pid_t, fd: Int32) {
      self.run = run; self.pid = pid; self.fd = fd; steps = run.config.steps
    }
    var secondsPerStep: Double? { step > 0 ? seconds / Double(step) : nil }
  }

  /// Trains every run; returns the ids that failed (with their last lines printed). Throws
  /// ``ExitCodeError`` after an interruption, once every child has stopped at a checkpoint.
  func run(_ pending: [PendingRun], experiment: String) throws -> [String] {
    var queue = pending[...]
    var running: [Child] = []
    var done = 0
    var failed: [String] = []
    var forwarded = false
    var measured: [Double] = []  // seconds per unit of work, from finished and running runs
    var lastPlain = Date()
    var widest = 0  // most runs that were side by side at once (the memory budget may hold it below `jobs`)
    let start = Date()

    func work(_ c: TrainConfig) -> Double { StepCost.units(c) }
    func eta() -> Double? {
      let rates = measured + running.compactMap { c in c.secondsPerStep.map { $0 / work(c.run.config) } }
      guard !rates.isEmpty else { return nil }
      let rate = rates.reduce(0, +) / Double(rates.count)
      let left =
        running.reduce(0.0) { $0 + Double($1.steps - $1.step) * ($1.secondsPerStep ?? rate * work($1.run.config)) }
        + queue.reduce(0.0) { $0 + Double($1.config.steps) * rate * work($1.config) }
      return left / Double(max(1, min(jobs, running.count + queue.count)))
    }
    func status() -> String {
      let now = running.map { "\($0.run.id) \($0.step)/\($0.steps)" }.joined(separator: ", ")
      let e = eta().map { " · ETA \(Self.duration($0))" } ?? ""
      return "\(experiment): \(done) done · \(running.count) running · \(queue.count) left\(e) · \(now)"
    }
    func emit(_ line: String) {
      if interactive { print("\r\u{1B}[K", terminator: "") }
      print(line)
      fflush(nil)  // a log file sees each line as it happens
    }

    while !queue.isEmpty || !running.isEmpty {
      if let sig = Interruption.requested, !forwarded {
        forwarded = true
        queue.removeAll()
        for c in running where c.exited == nil { kill(c.pid, sig) }
      }
      // Start runs while a slot and the memory allow (one run always may start alone).
      while let next = queue.first, running.count < jobs, Interruption.requested == nil {
        let inUse = running.reduce(0) { $0 &+ $1.run.bytes }
        if let budget, !running.isEmpty, next.bytes > budget - min(inUse, budget) { break }
        queue.removeFirst()
        // The last runs get the cores no other run will take (metrics do not depend on the thread count).
        let threads = queue.isEmpty ? max(1, jobs - running.count) : 1
        running.append(try Self.spawn(next, threads: threads))
        widest = max(widest, running.count)
      }
      // Read what the children wrote, for at most a quarter second.
      var polls = running.filter(\.open).map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
      if !polls.isEmpty { _ = poll(&polls, nfds_t(polls.count), 250) } else { usleep(50_000) }
      for c in running where c.open {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
          let n = chunk.withUnsafeMutableBytes { read(c.fd, $0.baseAddress, 65536) }
          if n > 0 {
            c.buffer += chunk[0..<n]
            continue
          }
          if n == 0 || (errno != EAGAIN && errno != EINTR) { c.open = false; close(c.fd) }
          break
        }
        while let nl = c.buffer.firstIndex(of: 10) {
          let line = String(decoding: c.buffer[..<nl], as: UTF8.self)
          c.buffer.removeSubrange(...nl)
          if line.hasPrefix(SweepChild.stepMark) {
            let f = line.dropFirst(SweepChild.stepMark.count).split(separator: " ")
            if f.count == 3, let s = Int(f[0]), let n = Int(f[1]), let t = Double(f[2]) {
              c.step = s; c.steps = n; c.seconds += t
            }
          } else {
            c.tail = Array((c.tail + [line]).suffix(12))
            emit(line)
          }
        }
      }
      // Reap the children that ended.
      for c in running where c.exited == nil {
        var st: Int32 = 0
        if waitpid(c.pid, &st, WNOHANG) == c.pid { c.exited = st }
      }
      for c in running where c.exited != nil && !c.open {
        let st = c.exited!
        let code = (st & 0x7f) == 0 ? (st >> 8) & 0xff : 128 + (st & 0x7f)
        if let r = c.secondsPerStep { measured.append(r / work(c.run.config)) }
        if code == 0 {
          done += 1
        } else if forwarded && code >= 128 {
          emit("\(c.run.label): stopped at a checkpoint (\(Interruption.name))")
        } else {
          failed.append(c.run.id)
          emit("\(c.run.label): failed (exit \(code))")
        }
      }
      running.removeAll { $0.exited != nil && !$0.open }
      if interactive {
        print("\r\u{1B}[K" + String(status().prefix(150)), terminator: "")
        fflush(nil)
      } else if Date().timeIntervalSince(lastPlain) >= 60 {
        lastPlain = Date()
        print(status())
        fflush(nil)
      }
    }
    if interactive { print("\r\u{1B}[K", terminator: "") }
    fflush(nil)
    print(
      "\(experiment): \(done) of \(pending.count) runs trained in \(Self.duration(Date().timeIntervalSince(start))), "
        + "at most \(widest) side by side"
        + (widest < min(jobs, pending.count)
          ? " (the memory budget held the rest "
            + "back)" : ""))
    if let code = Interruption.exitCode { throw ExitCodeError(code: code) }
    return failed
  }

  /// Starts the child for `run`: this executable with the same arguments and the run in its
  /// environment, `threads` threads, in its own process group (so Ctrl-C reaches the sweep, which
  /// passes it on exactly once), stdout and stderr into one pipe.
  static func spawn(_ run: PendingRun, threads: Int) throws -> Child {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { throw MHCError("--jobs: cannot create a pipe (errno \(errno))") }
    _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
    _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
    _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
    posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
    var attr = posix_spawnattr_t()
    posix_spawnattr_init(&attr)
    defer { posix_spawnattr_destroy(&attr) }
    posix_spawnattr_setpgroup(&attr, 0)
    posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP))
    let json = String(decoding: try JSONEncoder().encode(run.config), as: UTF8.self)
    var env = ProcessInfo.processInfo.environment
    env[SweepChild.configVariable] = json
    env[SweepChild.directoryVariable] = run.directory
    env[SweepChild.labelVariable] = run.label
    if let d = run.design, let j = try? JSONEncoder().encode(d) {
      env[SweepChild.designVariable] = String(decoding: j, as: UTF8.self)
    }
    env["MHC_THREADS"] = "\(threads)"
    let argv: [UnsafeMutablePointer<CChar>?] = CommandLine.arguments.map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for p in argv + envp { free(p) } }
    var pid = pid_t()
    let rc = posix_spawn(&pid, "/proc/self/exe", &actions, &attr, argv, envp)
    close(fds[1])
    guard rc == 0 else {
      close(fds[0])
      throw MHCError("--jobs: cannot start a child process for \(run.id) (error \(rc))")
    }
    return Child(run: run, pid: pid, fd: fds[0])
  }

  /// "42s", "3m05s", "1h12m".
  static func duration(_ s: Double) -> String {
    let t = Int(s.rounded())
    if t < 60 { return "\(t)s" }
    if t < 3600 { return String(format: "%dm%02ds", t / 60, t % 60) }
    return String(format: "%dh%02dm", t / 3600, (t % 3600) / 60)
  }
}

/// A run's relative cost per step, for ETAs across runs of different sizes: the multiply-adds
/// of one step (weights and attention) times the token count, with the streams' extra passes.
enum StepCost {
  static func units(_ c: TrainConfig) -> Double {
    let m = c.model, w = Double(m.width), s = Double(m.seq), tokens = Double(c.batch) * s
    let perLayer = 12 * w * w + 2 * s * w + 8 * Double(m.connection.streams) * w
    return tokens * (Double(m.layers) * perLayer + w * Double(m.vocab)) * 1e-9
  }
}

/// The default `--jobs`: one run per core at one thread each (at most 8), or 1 inside a Slurm task
/// (one run per task) and in a test runner (which cannot serve as a child).
public enum DefaultJobs {
  public static var count: Int {
    if ProcessInfo.processInfo.environment["SLURM_JOB_ID"] != nil || !SweepChild.executableCanServe { return 1 }
    return max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
  }
}

/// `--jobs` and `--precision` of the experiments that are not sweeps of training runs: `overhead`
/// times steps (a run beside it would share the cores it measures) and `mixing` trains its tiny
/// synthetic tasks in one process in about a minute. They take the flags so every experiment
/// answers them, and refuse values that would not mean what they say.
public struct FixedRunOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Runs side by side: only 1 here (see the experiment's README).", valueName: "N"))
  public var jobs = 1
  @Option(help: ArgumentHelp("Not available here: no paired final-loss comparisons to size.", valueName: "H"))
  public var precision: Double?
  public init() {}

  /// Throws a one-line error for `--jobs` other than 1 (`why`: what side-by-side runs would break) or any `--precision`.
  public func check(_ experiment: String, jobsWhy: String) throws {
    if jobs != 1 {
      throw ValidationError("--jobs \(jobs) is invalid for \(experiment): only 1 is allowed (\(jobsWhy))")
    }
    if precision != nil {
      throw ValidationError(
        "--precision: \(experiment) has no paired seed comparisons of final losses to size; drop --precision")
    }
  }
}
