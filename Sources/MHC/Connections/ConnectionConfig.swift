import RealModule

/// How a sublayer is wired into the residual stream.
public enum ConnectionKind: String, Codable, CaseIterable, Sendable {
  /// `x + F(x)`, one stream.
  case residual
  /// Dynamic Hyper-Connections (Zhu et al.), unconstrained `H_res`.
  case hc
  /// Manifold-constrained Hyper-Connections: `H_res` projected onto the doubly stochastic matrices.
  case mhc
}

/// Initial biases of the mHC mappings (the paper does not state them).
public enum BiasInit: String, Codable, CaseIterable, Sendable {
  /// `b = 0`: `H_pre = ½`, `H_post = 1`, `H_res ≈ J/n` (NVIDIA Megatron's choice).
  case uniform
  /// `b_res = +3` on the diagonal, −3 off it (`H_res ≈ 0.997·I` at n = 4 after Sinkhorn-Knopp);
  /// with it, by default, a home-stream `H_pre` (``PreInit/home``); `b_post = 0`.
  case identity
  /// `b_res = 1` on the diagonal, 0 off it (`H_res ≈ 0.475` on / 0.175 off the diagonal at
  /// n = 4: lucidrains' choice); `b_pre = b_post = 0`.
  case eye
}

/// Initial bias of mHC's `H_pre = σ(α·p + b_pre)`.
public enum PreInit: String, Codable, CaseIterable, Sendable {
  /// `b_pre = 0`: `H_pre = ½` on every stream.
  case uniform
  /// `b_pre = +3` on the sublayer's home stream `k mod n`, −3 elsewhere (`H_pre ≈ 0.95 / 0.05`), as HC's `e_{k mod n}`.
  case home
}

/// How the `n` streams are formed from the token embedding (the default of a ``TrainConfig``
/// is `embeddings`; see ``TrainConfig/init()`` for the evidence).
public enum StreamInit: String, Codable, CaseIterable, Sendable {
  /// `n` identical copies (the HC paper): while they stay identical mHC's `H_res` gets no gradient.
  case copies
  /// copies plus a learned per-stream vector `e_j ∈ R^C` (N(0, 0.02), no weight decay), so the
  /// streams differ from the first sublayer on.
  case embeddings
}

/// Everything that defines one connection.
public struct ConnectionConfig: Codable, Sendable, Equatable {
  public var kind: ConnectionKind
  /// Expansion rate `n` (number of residual streams); 1 for `residual`.
  public var streams: Int
  /// Width `C` of each stream.
  public var width: Int
  /// Sinkhorn-Knopp iterations `t_max` (mHC only).
  public var iterations: Int = 20
  /// Learn `H_pre` (else fixed at `1/n`).
  public var learnPre: Bool = true
  /// Learn `H_post` (else fixed at 1).
  public var learnPost: Bool = true
  /// Learn `H_res` (else fixed at `I`).
  public var learnRes: Bool = true
  /// Input-dependent mappings (`θ` / `Φ` trained); `false` freezes them at 0 (static variant).
  public var dynamic: Bool = true
  /// mHC bias initialisation of `H_res` (and, for `identity`, by default of `H_pre`).
  public var biasInit: BiasInit = .uniform
  /// mHC `H_pre` bias; `nil`: `home` for `identity`, `uniform` otherwise.
  public var preInit: PreInit? = nil
  /// Learning-rate multiplier of the connection's `α` and `b` (Φ/θ keep the base rate); one name
  /// everywhere: `connLRMult` here and in `TrainConfig` (`config.json`), `--conn-lr-mult` on the command line.
  public var connLRMult: Double = 1
  /// Index `k` of the wrapped sublayer (sets the home stream `k mod n`).
  public var index: Int = 0
  /// Initial `α` of all three mappings.
  public var alphaInit: Double = 0.01
  /// Standard deviation of the initial `Φ` (mHC).
  public var phiStd: Double = 0.02
  /// mHC: how `H_res` is built from its logits (``ResidualManifold``).
  public var manifold: ResidualManifold = .sinkhorn

  public init(
    kind: ConnectionKind, streams: Int, width: Int, iterations: Int = 20, learnPre: Bool = true,
    learnPost: Bool = true, learnRes: Bool = true, dynamic: Bool = true, biasInit: BiasInit = .uniform,
    index: Int = 0
  ) {
    self.kind = kind; self.streams = streams; self.width = width; self.iterations = iterations
    self.learnPre = learnPre; self.learnPost = learnPost; self.learnRes = learnRes
    self.dynamic = dynamic; self.biasInit = biasInit; self.index = index
  }

  /// Checks the configuration; the error names the bad value and what is allowed.
  public func validate() throws {
    try MHCError.check(streams >= 1, "streams = \(streams) is invalid; the expansion rate n must be ≥ 1")
    try MHCError.check(width >= 1, "width = \(width) is invalid; must be ≥ 1")
    try MHCError.check(iterations >= 0, "iterations = \(iterations) is invalid; t_max must be ≥ 0")
    try MHCError.check(
      kind != .residual || streams == 1,
      "streams = \(streams) with connection 'residual': the plain residual has exactly 1 stream "
        + "(TrainConfig.resolved() sets it)"
    )
    try MHCError.check(alphaInit.isFinite, "alpha init \(alphaInit) is invalid; must be a finite number")
    try MHCError.check(
      connLRMult > 0 && connLRMult.isFinite,
      "--conn-lr-mult \(connLRMult) is invalid; the connections' learning-rate multiplier must be a positive number")
    if kind == .mhc { try manifold.validate(n: streams) }
  }

  /// The `H_pre` bias init in effect.
  public var resolvedPreInit: PreInit { preInit ?? impliedPreInit }
  /// The `H_pre` bias init the `H_res` init implies when none is given.
  public var impliedPreInit: PreInit { biasInit == .identity ? .home : .uniform }

  /// Mappings per token: `2n + r` (pre, post, then the `r` logits of `H_res`: `n²` row-major, or
  /// for mHC ``ResidualManifold/logitCount(n:)``).
  public var mappingCount: Int { 2 * streams + resLogitCount }
  /// Logits of `H_res` per token: `n²` (HC; mHC on most manifolds) or `n!` (mHC, ``ResidualManifold/birkhoff``).
  public var resLogitCount: Int { kind == .mhc ? manifold.logitCount(n: streams) : streams * streams }

  /// Whether `Θ` / `Φ` stay at their initial values: static mappings, or none learned.
  public var frozenProjection: Bool { !dynamic || !(learnPre || learnPost || learnRes) }

  /// Trainable values of one connection (``ConnectionLayout/parameterCount(_:)`` of its kind).
  public var parameterCount: Int { kind.layout.parameterCount(self) }
}
