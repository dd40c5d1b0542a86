/// Every error the toolkit reports. Each message is one line that names the bad value
/// and says what is allowed.
public struct MHCError: Error, CustomStringConvertible, Equatable, Sendable {
  public let description: String
  public init(_ description: String) { self.description = description }

  /// Fails with `message` unless `condition` holds.
  @inlinable public static func check(_ condition: Bool, _ message: @autoclosure () -> String) throws {
    if !condition { throw MHCError(message()) }
  }
}

/// A failure while running (a damaged file, a full disk, a run folder that cannot be written, a
/// conflicting run) as opposed to a bad command line: the command prints `Error: <the line>` and
/// exits with status 1, without the usage lines ArgumentParser adds to a usage error (status 64).
/// An interruption exits with 128 + the signal number.
///
/// ```swift
/// let run = try TrainingRun(config: TrainConfig(), directory: "runs/mhc")
/// do { try run.run() } catch let e as MHCError { throw RuntimeFailure(e) }
/// ```
public struct RuntimeFailure: Error, CustomStringConvertible, Sendable {
  public let description: String
  public init(_ error: MHCError) { description = error.description }
}
