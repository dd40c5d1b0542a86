/// One way to build mHC's residual mixing `H_res` from a token's logits: the forward, its exact
/// backward, and what the connection must know about it (its logit count, scratch, initial
/// logits). A member is a type with static functions over flat buffers of `count` consecutive
/// tokens; ``ResidualManifold`` registers it under its ``name``.
///
/// Adding a manifold is one new file with a conforming type (and, for the shorthand
/// `.myManifold`, an `extension ResidualManifold { static let … }` beside it) plus one line in
/// ``ResidualManifold/registry``. The registry is all the rest of the toolkit reads: `--manifold`,
/// `bench --connections`, the `manifolds` and `mixing` experiments and the gradient, projection and
/// Float-range tests take every member from it.
///
/// ```swift
/// enum Identity: ManifoldProjection {
///   static let name = "identity", help = "H_res = I, no logits used"
///   static func scratchCount(n: Int, iterations: Int) -> Int { 0 }
///   static func forward<T: Scalar>(logits: UnsafePointer<T>, output: UnsafeMutablePointer<T>, count: Int, n: Int,
///                                  iterations: Int, scratch: UnsafeMutablePointer<T>) {
///     for t in 0..<count { for i in 0..<n { for j in 0..<n { output[(t * n + i) * n + j] = i == j ? 1 : 0 } } }
///   }
///   static func backward<T: Scalar>(logits: UnsafePointer<T>, dOutput: UnsafePointer<T>,
///                                   dLogits: UnsafeMutablePointer<T>, count: Int, n: Int, iterations: Int,
///                                   scratch: UnsafeMutablePointer<T>) {
///     dLogits.update(repeating: 0, count: count * n * n)
///   }
/// }
/// ```
public protocol ManifoldProjection: SendableMetatype {
  /// The name in `--manifold`, `config.json` and run ids.
  static var name: String { get }
  /// One line for `--help`.
  static var help: String { get }
  /// What its source publishes about it (a paper's result, where it ships), for `manifolds`' table.
  static var published: String { get }
  /// Whether `H_res` stays bounded (every row's absolute sum ≤ √n) for any finite logits (at t_max ≥ 1 where it iterates).
  static var bounded: Bool { get }
  /// Whether `t_max` changes the result (run ids then carry `t<t_max>`).
  static var iterates: Bool { get }
  /// Logits per token (the width of `Φ`'s `H_res` part); `n²` unless the member says otherwise.
  static func logitCount(n: Int) -> Int
  /// Rejects an `n` the member cannot handle, naming it and what is allowed.
  static func validate(n: Int) throws
  /// Scratch elements one thread needs for blocks of up to ``SinkhornKnopp/block`` tokens.
  static func scratchCount(n: Int, iterations: Int) -> Int
  /// Added to `H_pre = σ(·)` (0 unless the member says otherwise).
  static var preEpsilon: Double { get }
  /// The `H_res` part of the bias `b` for an initialisation: `identity` should give
  /// `H_res ≈ I`, `eye` a softer diagonal, `uniform` all zeros.
  static func initialLogits(_ bias: BiasInit, n: Int) -> [Double]
  /// `H_res` (`count` row-major `n×n` blocks) from `count` consecutive blocks of logits.
  static func forward<T: Scalar>(
    logits: UnsafePointer<T>, output: UnsafeMutablePointer<T>, count: Int, n: Int,
    iterations: Int, scratch: UnsafeMutablePointer<T>)
  /// `∂L/∂logits` (overwritten) from `∂L/∂H_res`, for the logits of the matching forward.
  static func backward<T: Scalar>(
    logits: UnsafePointer<T>, dOutput: UnsafePointer<T>, dLogits: UnsafeMutablePointer<T>,
    count: Int, n: Int, iterations: Int, scratch: UnsafeMutablePointer<T>)
}

extension ManifoldProjection {
  public static var published: String { "" }
  public static var bounded: Bool { true }
  public static var iterates: Bool { true }
  public static func logitCount(n: Int) -> Int { n * n }
  public static func validate(n: Int) throws {}
  public static var preEpsilon: Double { 0 }
  /// `n²` row-major logits: `identity` ±3 (on / off the diagonal), `eye` 1 on the diagonal.
  public static func initialLogits(_ bias: BiasInit, n: Int) -> [Double] {
    var b = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      for j in 0..<n {
        switch bias {
        case .uniform: break
        case .identity: b[i * n + j] = i == j ? 3 : -3
        case .eye: b[i * n + j] = i == j ? 1 : 0
        }
      }
    }
    return b
  }
}

/// The manifold of an mHC connection, by name: a handle on a registered ``ManifoldProjection``
/// that is `Codable` as its name (`config.json`, run ids, `--manifold`).
///
/// ```swift
/// let m = ResidualManifold.birkhoff, tokens = 64
/// m.logitCount(n: 4)                   // 24: one weight per permutation
/// let z = [Float](repeating: 0, count: tokens * m.logitCount(n: 4))
/// var h = [Float](repeating: 0, count: tokens * 16)
/// var s = [Float](repeating: 0, count: m.scratchCount(n: 4, iterations: 0))
/// m.forward(logits: z, output: &h, count: tokens, n: 4, iterations: 0, scratch: &s)
/// ResidualManifold(rawValue: "sinkhorn") == .sinkhorn
/// ```
public struct ResidualManifold: RawRepresentable, Codable, CaseIterable, Hashable, Sendable, CustomStringConvertible {
  /// Every member, in the order `--help` lists them. A new manifold adds its line here.
  public static let registry: [ResidualManifold] = [
    ResidualManifold(SinkhornKnopp.self),
    ResidualManifold(BirkhoffMixture.self),
    ResidualManifold(DeepSeekV4Projection.self),
    ResidualManifold(Unconstrained.self),
    ResidualManifold(KroneckerProjection.self),
    ResidualManifold(OrthostochasticProjection.self),
    ResidualManifold(CirculantProjection.self),
    ResidualManifold(CayleyProjection.self),
  ]

  public static var allCases: [ResidualManifold] { registry }
  public let rawValue: String
  public var description: String { rawValue }
  let kernels: Kernels

  public init?(rawValue: String) {
    guard let m = Self.registry.first(where: { $0.rawValue == rawValue }) else { return nil }
    self = m
  }

  /// Registers a member (``registry`` holds them all).
  public init<M: ManifoldProjection>(_ member: M.Type) {
    rawValue = M.name
    kernels = Kernels(member)
  }

  public static func == (a: Self, b: Self) -> Bool { a.rawValue == b.rawValue }
  public func hash(into h: inout Hasher) { h.combine(rawValue) }

  public var help: String { kernels.help }
  /// What its source publishes about it ("" when nothing).
  public var published: String { kernels.published }
  /// Whether `H_res` stays bounded for any finite logits.
  public var bounded: Bool { kernels.bounded }
  /// Whether `t_max` changes the result.
  public var iterates: Bool { kernels.iterates }
  /// Logits per token of the `H_res` part.
  public func logitCount(n: Int) -> Int { kernels.logitCount(n) }
  public func validate(n: Int) throws { try kernels.validate(n) }
  public func scratchCount(n: Int, iterations: Int) -> Int { kernels.scratchCount(n, iterations) }
  /// Added to `H_pre = σ(·)`.
  public var preEpsilon: Double { kernels.preEpsilon }
  public func initialLogits(_ bias: BiasInit, n: Int) -> [Double] { kernels.initialLogits(bias, n) }

  /// `H_res` from the logits of `count` tokens (``ManifoldProjection/forward(logits:output:count:n:iterations:scratch:)``).
  public func forward<T: Scalar>(
    logits: UnsafePointer<T>, output: UnsafeMutablePointer<T>, count: Int, n: Int,
    iterations: Int, scratch: UnsafeMutablePointer<T>
  ) {
    if T.self == Float.self {
      kernels.forwardFloat(cast(logits), cast(output), count, n, iterations, cast(scratch))
    } else {
      precondition(T.self == Double.self, "ResidualManifold: Float and Double only")
      kernels.forwardDouble(cast(logits), cast(output), count, n, iterations, cast(scratch))
    }
  }

  /// `∂L/∂logits` from `∂L/∂H_res` (``ManifoldProjection/backward(logits:dOutput:dLogits:count:n:iterations:scratch:)``).
  public func backward<T: Scalar>(
    logits: UnsafePointer<T>, dOutput: UnsafePointer<T>, dLogits: UnsafeMutablePointer<T>,
    count: Int, n: Int, iterations: Int, scratch: UnsafeMutablePointer<T>
  ) {
    if T.self == Float.self {
      kernels.backwardFloat(cast(logits), cast(dOutput), cast(dLogits), count, n, iterations, cast(scratch))
    } else {
      precondition(T.self == Double.self, "ResidualManifold: Float and Double only")
      kernels.backwardDouble(cast(logits), cast(dOutput), cast(dLogits), count, n, iterations, cast(scratch))
    }
  }
}

@inline(__always) private func cast<T, U>(_ p: UnsafePointer<T>) -> UnsafePointer<U> {
  UnsafeRawPointer(p).assumingMemoryBound(to: U.self)
}

@inline(__always) private func cast<T, U>(_ p: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<U> {
  UnsafeMutableRawPointer(p).assumingMemoryBound(to: U.self)
}

extension ResidualManifold {
  /// A member's functions, specialised for `Float` and `Double` when it is registered (so the
  /// per-token loops never run unspecialised generic code).
  struct Kernels: Sendable {
    typealias Forward<T> =
      @Sendable (
        UnsafePointer<T>, UnsafeMutablePointer<T>, Int, Int, Int,
        UnsafeMutablePointer<T>
      ) -> Void
    typealias Backward<T> =
      @Sendable (
        UnsafePointer<T>, UnsafePointer<T>, UnsafeMutablePointer<T>, Int, Int, Int,
        UnsafeMutablePointer<T>
      ) -> Void
    let help: String
    let published: String
    let bounded: Bool
    let iterates: Bool
    let preEpsilon: Double
    let logitCount: @Sendable (Int) -> Int
    let validate: @Sendable (Int) throws -> Void
    let scratchCount: @Sendable (Int, Int) -> Int
    let initialLogits: @Sendable (BiasInit, Int) -> [Double]
    let forwardFloat: Forward<Float>
    let forwardDouble: Forward<Double>
    let backwardFloat: Backward<Float>
    let backwardDouble: Backward<Double>

    init<M: ManifoldProjection>(_ m: M.Type) {
      help = M.help; published = M.published; bounded = M.bounded; iterates = M.iterates; preEpsilon = M.preEpsilon
      logitCount = { M.logitCount(n: $0) }
      validate = { try M.validate(n: $0) }
      scratchCount = { M.scratchCount(n: $0, iterations: $1) }
      initialLogits = { M.initialLogits($0, n: $1) }
      forwardFloat = { M.forward(logits: $0, output: $1, count: $2, n: $3, iterations: $4, scratch: $5) }
      forwardDouble = { M.forward(logits: $0, output: $1, count: $2, n: $3, iterations: $4, scratch: $5) }
      backwardFloat = {
        M.backward(logits: $0, dOutput: $1, dLogits: $2, count: $3, n: $4, iterations: $5, scratch: $6)
      }
      backwardDouble = {
        M.backward(logits: $0, dOutput: $1, dLogits: $2, count: $3, n: $4, iterations: $5, scratch: $6)
      }
    }
  }
}

extension ResidualManifold {
  /// mHC: `exp` then `t_max` Sinkhorn-Knopp iterations (``SinkhornKnopp``). The default.
  public static let sinkhorn = ResidualManifold(SinkhornKnopp.self)
  /// The unconstrained control: `H_res = exp(logits)` (``Unconstrained``).
  public static let none = ResidualManifold(Unconstrained.self)
}
