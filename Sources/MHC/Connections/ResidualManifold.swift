/// Where mHC puts its residual mixing `H_res`: how a token's `H_res` logits become the `n×n`
/// matrix, and in the backward how `∂L/∂H_res` becomes `∂L/∂logits` exactly.
///
/// The paper presents mHC as a framework: project the residual mixing onto a manifold that keeps
/// the identity-mapping property. Each member here is one way to do it; ``Connection`` calls
/// ``forward(logits:output:count:n:iterations:scratch:)`` and
/// ``backward(logits:dOutput:dLogits:count:n:iterations:scratch:)`` and knows nothing else of it
/// except the number of logits (``logitCount(n:)``, the width of `Φ`'s `H_res` part).
///
/// An enum rather than a protocol: the set is closed and part of a `Codable` configuration
/// (`config.json`, run ids), each member is a few pure functions over flat buffers that the
/// per-token loops call without existential dispatch, and the math of each lives in its own
/// file (`Sinkhorn.swift`, `Birkhoff.swift`, `DeepSeekV4.swift`).
///
/// ```swift
/// let m = ResidualManifold.birkhoff
/// m.logitCount(n: 4)                   // 24: one weight per permutation
/// m.forward(logits: z, output: h, count: tokens, n: 4, iterations: 0, scratch: s)
/// ```
public enum ResidualManifold: String, Codable, CaseIterable, Sendable {
  /// mHC: `exp` then `t_max` Sinkhorn-Knopp iterations (columns, then rows), exact backward
  /// through the truncated iterates (``SinkhornKnopp``). The default.
  case sinkhorn
  /// mHC-lite (arXiv 2601.05732): `H_res = Σ_k softmax(ℓ)_k P_k` over the `n!` permutation
  /// matrices — exactly doubly stochastic by construction (Birkhoff–von Neumann), no iteration.
  case birkhoff
  /// DeepSeek-V4's production variant (``DeepSeekV4Projection``): a softmax, then `t_max`
  /// alternating normalisations with ε in every denominator, and `H_pre = σ(·) + ε`.
  case deepseekV4 = "deepseek-v4"
  /// The unconstrained control: `H_res = exp(logits)` with no projection (``sinkhorn`` at `t_max = 0`).
  case none

  /// Largest `n` that ``birkhoff`` accepts: `n!` logits per token (720 at n = 6; 5040 at 7).
  public static let birkhoffMaxStreams = 6

  /// Logits per token of the `H_res` part: `n²`, or `n!` for ``birkhoff``.
  public func logitCount(n: Int) -> Int {
    self == .birkhoff ? BirkhoffMixture.permutationCount(n) : n * n
  }

  /// Rejects an `n` the member cannot handle, naming it and what is allowed.
  public func validate(n: Int) throws {
    try MHCError.check(self != .birkhoff || n <= Self.birkhoffMaxStreams,
      "--manifold birkhoff needs n ≤ \(Self.birkhoffMaxStreams) (it learns one weight per permutation: n! = \(n <= 12 ? "\(BirkhoffMixture.permutationCount(n))" : "more than 4·10⁸") at n = \(n)); use --streams \(Self.birkhoffMaxStreams) or fewer, or another manifold")
  }

  /// Projection iterations in effect (``none`` never iterates).
  func effectiveIterations(_ iterations: Int) -> Int { self == .none ? 0 : iterations }

  /// Scratch elements one thread needs for blocks of up to ``SinkhornKnopp/block`` tokens.
  public func scratchCount(n: Int, iterations: Int) -> Int {
    switch self {
    case .sinkhorn, .none: return SinkhornKnopp.scratchCount(n: n, iterations: effectiveIterations(iterations))
    case .birkhoff: return BirkhoffMixture.scratchCount(n: n)
    case .deepseekV4: return DeepSeekV4Projection.scratchCount(n: n, iterations: iterations)
    }
  }

  /// Added to `H_pre = σ(·)` (DeepSeek-V4's ε; 0 for the others).
  public var preEpsilon: Double { self == .deepseekV4 ? DeepSeekV4Projection.epsilon : 0 }

  /// `H_res` (`count` row-major `n×n` blocks) from `count` consecutive blocks of
  /// ``logitCount(n:)`` logits.
  public func forward<T: Scalar>(logits: UnsafePointer<T>, output: UnsafeMutablePointer<T>, count: Int, n: Int,
                                 iterations: Int, scratch: UnsafeMutablePointer<T>) {
    switch self {
    case .sinkhorn, .none:
      SinkhornKnopp.forward(logits: logits, output: output, count: count, n: n,
                            iterations: effectiveIterations(iterations), scratch: scratch)
    case .birkhoff:
      BirkhoffMixture.forward(logits: logits, output: output, count: count, n: n, scratch: scratch)
    case .deepseekV4:
      DeepSeekV4Projection.forward(logits: logits, output: output, count: count, n: n, iterations: iterations,
                                   scratch: scratch)
    }
  }

  /// `∂L/∂logits` (overwritten) from `∂L/∂H_res`, for the logits of the matching forward.
  public func backward<T: Scalar>(logits: UnsafePointer<T>, dOutput: UnsafePointer<T>, dLogits: UnsafeMutablePointer<T>,
                                  count: Int, n: Int, iterations: Int, scratch: UnsafeMutablePointer<T>) {
    switch self {
    case .sinkhorn, .none:
      SinkhornKnopp.backward(logits: logits, dOutput: dOutput, dLogits: dLogits, count: count, n: n,
                             iterations: effectiveIterations(iterations), scratch: scratch)
    case .birkhoff:
      BirkhoffMixture.backward(logits: logits, dOutput: dOutput, dLogits: dLogits, count: count, n: n, scratch: scratch)
    case .deepseekV4:
      DeepSeekV4Projection.backward(logits: logits, dOutput: dOutput, dLogits: dLogits, count: count, n: n,
                                    iterations: iterations, scratch: scratch)
    }
  }
}
