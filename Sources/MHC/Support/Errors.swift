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
