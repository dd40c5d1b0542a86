import Foundation
import MHC

// What an experiment measures without training (a projection timed alone, a synthetic task) is
// kept under results/ like a run, so `--replot` recomputes nothing: read when it is there and
// covers the request, else measured and written atomically. (overhead keeps its timing groups the
// same way, group by group, so an interrupted measurement keeps what it timed.)

/// A measurement kept in one file under results/: read when present (and, for a table, covering
/// what is asked), else made and written — never under `--replot`, which only reads.
///
/// ```swift
/// let store = StoredMeasurement(path: "results/sinkhorn-iterations/projection.csv", replot: false, force: false)
/// let rows = try store.table(header: "t,deviation", covers: { $0.count == 3 }) {
///   (0..<3).map { [Double($0), 1 / Double($0 + 1)] }
/// }
/// ```
public struct StoredMeasurement {
  public let path: String
  /// Only read (a missing or short file is an error naming the command that measures it).
  public let replot: Bool
  /// Measure again even where the file has the values (ignored under `replot`).
  public let force: Bool

  public init(path: String, replot: Bool, force: Bool) {
    self.path = path; self.replot = replot; self.force = force
  }

  var reuse: Bool { RunFiles.exists(path) && (!force || replot) }

  /// Refuses under `--replot`; else makes the folder the measurement goes to.
  func prepare() throws {
    try MHCError.check(
      !replot, "\(path) is missing or lacks values this command needs; run it without --replot to measure them")
    try RunFiles.makeDirectory((path as NSString).deletingLastPathComponent)
  }

  /// A numeric CSV table: a header line, then rows of numbers, one per header column. A damaged
  /// file (a row of another length, a value that is not a number) counts as missing.
  public func table(header: String, covers: ([[Double]]) -> Bool, make: () throws -> [[Double]]) throws -> [[Double]] {
    if reuse {
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw MHCError("cannot read \(path)") }
      let columns = header.split(separator: ",").count
      let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Double($0) } }
      if rows.allSatisfy({ $0.count == columns && !$0.contains(nil) }) {
        let numbers = rows.map { $0.compactMap { $0 } }
        if covers(numbers) { return numbers }
      }
    }
    try prepare()
    let rows = try make()
    try RunFiles.write(
      ([header] + rows.map { $0.map { "\($0)" }.joined(separator: ",") }).joined(separator: "\n") + "\n", to: path)
    return rows
  }

  /// A `Codable` value in JSON (`covers` says whether a stored value answers this request).
  public func json<T: Codable>(
    _ type: T.Type, covers: (T) -> Bool = { _ in true }, make: () throws -> T
  ) throws -> T {
    if reuse, let stored = try? RunFiles.readJSON(type, from: path), covers(stored) { return stored }
    try prepare()
    let value = try make()
    try RunFiles.writeJSON(value, to: path)
    return value
  }
}

/// Debian packages an experiment can install for itself (its data set), as the README's commands do.
public enum DebianPackage {
  /// Installs `package` with `apt-get` when `path` is missing, through `sudo -n` (never waiting for a
  /// password) unless this is root; `otherwise` says what the user can do when that fails (a
  /// ``RuntimeFailure``: one line, no usage text).
  public static func ensure(_ package: String, provides path: String, otherwise: String) throws {
    guard !FileManager.default.fileExists(atPath: path) else { return }
    let sudo = getuid() == 0 ? "" : "sudo -n "
    let command =
      sudo + "apt-get update -qq && " + sudo + "env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \(package)"
    print("\(path) is missing; installing it: \(command)")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", command]
    try p.run()
    p.waitUntilExit()
    guard p.terminationStatus == 0, FileManager.default.fileExists(atPath: path) else {
      throw RuntimeFailure(MHCError(
        "could not install \(package) (`\(command)` exited with \(p.terminationStatus)); install it yourself or "
          + otherwise))
    }
  }
}
