/// The plain residual connection `out = x + F(x)`: one stream, no parameters.
///
/// In the passes of a ``StreamConnection``: nothing to prepare (the sublayer reads `x`), the
/// mixing adds, and the backward is `∂x = ∂out + ∂F/∂x · ∂out`. The sublayer output lives in the
/// shared workspace: nothing after the forward needs it.
///
/// ```swift
/// let store = ParameterStore<Float>()
/// let res = try ConnectionConfig(kind: .residual, streams: 1, width: 128).make(store: store, prefix: "conns.0",
///                                                                                capacity: 2048)
/// ```
public final class ResidualConnection<T: Scalar>: StreamConnection, ConnectionLayout {
  public let config: ConnectionConfig
  public let capacity: Int
  let workspace: ConnectionWorkspace<T>

  init(_ config: ConnectionConfig, capacity: Int, workspace: ConnectionWorkspace<T>) {
    self.config = config; self.capacity = capacity; self.workspace = workspace
  }

  public var ownedBytes: Int { 0 }
  public var residualMapping: UnsafePointer<T>? { nil }
  public var fusesWithPreviousMixing: Bool { false }
  public var fusesWithPreviousBackwardMixing: Bool { false }

  @_specialize(where T == Float) @_specialize(where T == Double)
  public func prepare(_ x: UnsafePointer<T>, tokens: Int, profiled: Bool) { checkTokens(tokens) }
  public func prepareBlock(_ x: UnsafePointer<T>, _ range: Range<Int>, part: Int) {}

  @_specialize(where T == Float) @_specialize(where T == Double)
  public func runSublayer(_ sublayer: any Sublayer<T>, input x: UnsafePointer<T>, tokens: Int) {
    checkTokens(tokens)
    sublayer.forward(x, workspace.y, tokens: tokens)
  }

  /// `out = x + F(x)`.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public func mix(
    _ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, tokens: Int,
    then next: (any StreamConnection<T>)?, profiled: Bool
  ) {
    checkTokens(tokens)
    precondition(next == nil, "mix: nothing fuses into the residual's addition")
    let y = workspace.y, c = config.width
    Parallel.rows(tokens) { range in
      for i in (range.lowerBound * c)..<(range.upperBound * c) { out[i] = x[i] + y[i] }
    }
  }

  public func replay(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>?, tokens: Int) {
    preconditionFailure("replay: the residual connection keeps nothing to recompute")
  }

  /// `∂x = ∂out` so far (a copy unless `dx` is `dOut`); the sublayer's share follows in the block pass.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public func backwardMixing(
    _ dOut: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, input x: UnsafePointer<T>,
    tokens: Int
  ) {
    checkTokens(tokens)
    if UnsafePointer(dx) != dOut { dx.update(from: dOut, count: tokens * config.width) }
  }

  public func backwardMixingRows(
    _ dOut: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, _ x: UnsafePointer<T>,
    _ range: Range<Int>
  ) {
    preconditionFailure("backwardMixingRows: the residual's backward does not fuse")
  }

  /// `∂F(x)` is `∂out` itself.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public func runSublayerBackward(_ sublayer: any Sublayer<T>, gradient dOut: UnsafePointer<T>, tokens: Int) {
    checkTokens(tokens)
    sublayer.backward(dOut, workspace.dh, tokens: tokens)
  }

  /// `∂x += ∂F/∂x · ∂out`.
  @_specialize(where T == Float) @_specialize(where T == Double)
  public func backwardBlock(
    _ dx: UnsafeMutablePointer<T>, input x: UnsafePointer<T>, tokens: Int,
    then previous: (any StreamConnection<T>)?, previousInput: UnsafePointer<T>?
  ) {
    checkTokens(tokens)
    precondition(previous == nil, "backwardBlock: nothing fuses into the residual's backward")
    let dh = workspace.dh, c = config.width
    Parallel.rows(tokens) { range in
      for i in (range.lowerBound * c)..<(range.upperBound * c) { dx[i] = dx[i] + dh[i] }
    }
  }

  public func backwardSums(_ dx: UnsafeMutablePointer<T>, input x: UnsafePointer<T>, tokens: Int) {}

  /// Its output is not kept: the output streams say it.
  public func firstNonFinite(tokens: Int) -> String? { nil }
  public func maxLogitSpread(tokens: Int) -> Double? { nil }

  // MARK: Layout

  public static func parameterCount(_ config: ConnectionConfig) -> Int { 0 }
  public static func projectionCount(_ config: ConnectionConfig) -> Int { 0 }
  public static func cacheCounts(_ config: ConnectionConfig, capacity: Int) -> [Int] { [Int](repeating: 0, count: 8) }

  /// `y` (the sublayer output) and `dh`.
  public static func workspaceCounts(_ config: ConnectionConfig, capacity cap: Int, threads: Int) -> [Int] {
    [cap * config.width, cap * config.width, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
  }

  public static func ownedElements(_ config: ConnectionConfig, capacity: Int) -> Int { 0 }

  /// `2C` read (`x`, `y`) and `C` written forward, the same backward.
  public static func io(_ config: ConnectionConfig, recompute: Bool, fused: Bool) -> ConnectionIO {
    let c = config.width
    return ConnectionIO(forwardRead: 2 * c, forwardWrite: c, backwardRead: 2 * c, backwardWrite: c)
  }
}
