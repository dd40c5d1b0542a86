extension ConnectionKind: CustomStringConvertible {
  public var description: String { rawValue }
}
extension BiasInit: CustomStringConvertible {
  public var description: String { rawValue }
}
