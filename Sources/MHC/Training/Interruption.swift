import Foundation
import Synchronization

/// Stop requests from the outside: SIGTERM (a scheduler's time limit, preemption or
/// `scancel`) and SIGINT (Ctrl-C).
///
/// After ``install()``, the first such signal only sets a flag. A ``TrainingRun`` polls it at the
/// end of every step: it then writes its logs and a checkpoint, marks `meta.json` `interrupted`
/// and returns, and the command exits with status 128 + the signal number (143 for SIGTERM, 130
/// for SIGINT). Re-running the same command (`train` with `--resume`) resumes, and ends with the
/// metrics an uninterrupted run would have. A second signal ends the process at once.
///
/// ```swift
/// import ArgumentParser
///
/// let run = try TrainingRun(config: TrainConfig(), directory: "runs/mhc")
/// Interruption.install()
/// try run.run()
/// if let code = Interruption.exitCode { throw ExitCode(code) }
/// ```
public enum Interruption {
  static let signalNumber = Atomic<Int32>(0)

  /// Routes SIGTERM and SIGINT to the flag (idempotent).
  public static func install() {
    // Initialise the atomic here, not lazily inside the handler (swift_once is not async-signal-safe).
    _ = signalNumber.load(ordering: .relaxed)
    // A parent may hand the signals down blocked (some process launchers do); unblock them here.
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGTERM); sigaddset(&set, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
    for sig in [SIGTERM, SIGINT] {
      signal(sig) { s in
        // Only async-signal-safe work here: an atomic exchange, and _exit on a repeat.
        if Interruption.signalNumber.exchange(s, ordering: .relaxed) != 0 { _exit(128 + s) }
      }
    }
  }

  /// The signal that asked to stop, if one did.
  public static var requested: Int32? {
    let s = signalNumber.load(ordering: .relaxed)
    return s == 0 ? nil : s
  }

  /// The exit status after an interruption: 128 + signal number.
  public static var exitCode: Int32? { requested.map { 128 + $0 } }

  /// "SIGTERM", "SIGINT" or "signal N".
  public static var name: String {
    switch requested {
    case SIGTERM: return "SIGTERM"
    case SIGINT: return "SIGINT"
    case let s?: return "signal \(s)"
    case nil: return "none"
    }
  }

  /// Clears the flag (tests).
  public static func reset() { signalNumber.store(0, ordering: .relaxed) }
}
