/// What HC and mHC share: `n` streams mixed by per-token `H_pre`, `H_post`, `H_res`.
///
///     h      = Σ_j H_pre[j] · x_j
///     out_i  = Σ_j H_res[i][j] · x_j + H_post[i] · F(h)
///
/// This class runs the passes over the streams — `h`, the mixing, and their backward — token
/// block by token block; a subclass says how the mappings come from the streams
/// (``projectAll(_:tokens:)``, ``projectBlock(_:_:)``, ``mappings(_:part:)``) and how their
/// gradients go back (``mappingGradients(_:part:)``, ``projectBlockBackward(_:_:_:part:)``,
/// ``sums(_:_:tokens:)``). Only the `α`, `b` sums cross tokens, in token order.
///
/// A mapping that is not learned is fixed at its neutral value (pre `1/n`, post 1, res `I`).
public class MixingConnection<T: Scalar>: StreamConnection {
  public let config: ConnectionConfig
  public let capacity: Int
  unowned let store: ParameterStore<T>
  /// `a = [α_pre, α_post, α_res]` and `b` (`2n + r`: pre, post, then res), declared after the
  /// subclass's projection (`Θ` / `Φ`), with the connection learning-rate multiplier.
  let alpha, bias: ParameterRef
  /// What the forward leaves for the backward and the diagnostics (shared between the
  /// connections of a recomputation block, see ``ResidualStack``).
  public let cache: ConnectionCache<T>
  /// Backward scratch, shared by all the connections of a model (they run one at a time).
  public let workspace: ConnectionWorkspace<T>
  /// The sublayer's output `F(h)`, `[T][C]`, kept until the backward.
  let y: UnsafeMutablePointer<T>
  /// This connection's own buffers (`y`).
  public let pool = BufferPool<T>()

  // Views of the cache and the workspace.
  var h: UnsafeMutablePointer<T> { cache.h }
  var hpre: UnsafeMutablePointer<T> { cache.hpre }
  var hpost: UnsafeMutablePointer<T> { cache.hpost }
  var hres: UnsafeMutablePointer<T> { cache.hres }
  var normed: UnsafeMutablePointer<T> { cache.normed }
  var invRMS: UnsafeMutablePointer<T> { cache.invRMS }
  var z: UnsafeMutablePointer<T> { cache.z }
  var logits: UnsafeMutablePointer<T> { cache.logits }
  var dh: UnsafeMutablePointer<T> { workspace.dh }
  var dy: UnsafeMutablePointer<T> { workspace.dy }
  var dhpre: UnsafeMutablePointer<T> { workspace.dhpre }
  var dhpost: UnsafeMutablePointer<T> { workspace.dhpost }
  var dhres: UnsafeMutablePointer<T> { workspace.dhres }
  var dz: UnsafeMutablePointer<T> { workspace.dz }
  var g: UnsafeMutablePointer<T> { workspace.g }
  var dnormed: UnsafeMutablePointer<T> { workspace.dnormed }
  var dlogits: UnsafeMutablePointer<T> { workspace.dlogits }
  var phiPartials: UnsafeMutablePointer<T> { workspace.phiPartials }
  var manifoldScratch: UnsafeMutablePointer<T> { workspace.manifoldScratch }

  init(
    _ config: ConnectionConfig, store: ParameterStore<T>, prefix: String, capacity: Int, cache: ConnectionCache<T>,
    workspace: ConnectionWorkspace<T>, initialBias: [Double]
  ) {
    alpha = store.declare(
      "\(prefix).a", shape: [3], initialiser: .constant(config.alphaInit), lrScale: config.connLRMult)
    bias = store.declare(
      "\(prefix).b", shape: [config.mappingCount], initialiser: .values(initialBias), lrScale: config.connLRMult)
    self.config = config; self.capacity = capacity; self.store = store
    self.cache = cache; self.workspace = workspace
    y = pool.buffer(capacity * config.width)
  }

  public var ownedBytes: Int { pool.bytes }
  public var residualMapping: UnsafePointer<T>? { UnsafePointer(hres) }

  /// Token blocks per thread hand-off (a multiple of the Sinkhorn-Knopp block).
  static var tokenGrain: Int { SinkhornKnopp.block }

  // MARK: Hooks (the mappings)

  /// Work over all tokens before the per-block forward (HC's normalised copy and `Θ x̃`).
  func projectAll(_ x: UnsafePointer<T>, tokens: Int) {}
  /// Per block: the projection of the streams into the mappings' pre-activations.
  func projectBlock(_ x: UnsafePointer<T>, _ range: Range<Int>) {}
  /// `H_pre`, `H_post`, `H_res` of the tokens in `range` (thread `part`).
  func mappings(_ range: Range<Int>, part: Int) { fatalError("mappings: a subclass defines them") }
  /// From `∂H_pre`, `∂H_post`, `∂H_res` of the tokens in `range`: `g` and `dz`.
  func mappingGradients(_ range: Range<Int>, part: Int) { fatalError("mappingGradients: a subclass defines them") }
  /// Per block, after ``mappingGradients(_:part:)``: the projection's share of `∂x`.
  func projectBlockBackward(_ x: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, _ range: Range<Int>, part: Int) {}
  /// Over all tokens: `∂α`, `∂b`, the projection's gradient (and HC's norm backward into `∂x`).
  func sums(_ x: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, tokens: Int) {}

  public var fusesWithPreviousMixing: Bool { false }
  public var fusesWithPreviousBackwardMixing: Bool { false }

  // MARK: Forward

  @_specialize(where T == Float) @_specialize(where T == Double)
  public func prepare(_ x: UnsafePointer<T>, tokens: Int, profiled: Bool = true) {
    checkTokens(tokens)
    ConnectionProfile.measure(.forwardBlock, profiled) {
      projectAll(x, tokens: tokens)
      Parallel.blocks(tokens, block: Self.tokenGrain) { part, range in prepareBlock(x, range, part: part) }
    }
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  public func prepareBlock(_ x: UnsafePointer<T>, _ range: Range<Int>, part: Int) {
    let n = config.streams, c = config.width
    projectBlock(x, range)
    mappings(range, part: part)
    for t in range {
      Vector.combine(
        h + t * c, weights: hpre + t * n, weightStride: 1, sources: x + t * n * c, sourceStride: c,
        terms: n, count: c)
    }
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  public func runSublayer(_ sublayer: any Sublayer<T>, input x: UnsafePointer<T>, tokens: Int) {
    checkTokens(tokens)
    sublayer.forward(h, y, tokens: tokens)
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  public func mix(
    _ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, tokens: Int,
    then next: (any StreamConnection<T>)? = nil, profiled: Bool = true
  ) {
    checkTokens(tokens)
    precondition(next?.fusesWithPreviousMixing ?? true, "mix: the next connection's forward block does not fuse")
    let n = config.streams, c = config.width
    let (y, hpost, hres) = (y, hpost, hres)
    func rows(_ range: Range<Int>) {
      withUnsafeTemporaryAllocation(of: SIMD8<T>.self, capacity: n) { scratch in
        for t in range {
          let xt = x + t * n * c, res = hres + t * n * n
          if t + 2 < range.upperBound { Vector.prefetch(x + (t + 2) * n * c, count: n * c) }
          Vector.combineMany(
            out + t * n * c, outputStride: c, outputs: n, weights: res, outputWeightStride: n,
            weightStride: 1, sources: xt, sourceStride: c, terms: n, count: c,
            extraWeights: hpost + t * n, extra: y + t * c, scratch: scratch.baseAddress!)
        }
      }
    }
    ConnectionProfile.measure(next == nil ? .mixing : .mixingFused, profiled) {
      if let next {
        Parallel.blocks(tokens, block: Self.tokenGrain) { part, range in
          rows(range)
          next.prepareBlock(out, range, part: part)
        }
      } else {
        Parallel.rows(tokens) { range in rows(range) }
      }
    }
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  public func replay(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>?, tokens: Int) {
    checkTokens(tokens)
    ConnectionProfile.measure(.recompute) {
      prepare(x, tokens: tokens, profiled: false)
      if let out { mix(x, out, tokens: tokens, then: nil, profiled: false) }
    }
  }

  func setIdentity(_ range: Range<Int>) {
    let n = config.streams
    for t in range {
      let res = hres + t * n * n
      for i in 0..<n { for j in 0..<n { res[i * n + j] = i == j ? 1 : 0 } }
    }
  }

  // MARK: Backward

  @_specialize(where T == Float) @_specialize(where T == Double)
  public func backwardMixing(
    _ dOut: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, input x: UnsafePointer<T>,
    tokens: Int
  ) {
    checkTokens(tokens)
    ConnectionProfile.measure(.backwardMixing) {
      Parallel.rows(tokens) { range in backwardMixingRows(dOut, dx, x, range) }
    }
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  public func backwardMixingRows(
    _ dOut: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>, _ x: UnsafePointer<T>,
    _ range: Range<Int>
  ) {
    let n = config.streams, c = config.width, nn = n * n
    withUnsafeTemporaryAllocation(of: SIMD8<T>.self, capacity: n) { scratch in
      for t in range {
        if t + 2 < range.upperBound {
          Vector.prefetch(x + (t + 2) * n * c, count: n * c)
          Vector.prefetch(dOut + (t + 2) * n * c, count: n * c)
        }
        let xt = x + t * n * c, yt = y + t * c, go = dOut + t * n * c, res = hres + t * nn
        let dres = dhres + t * nn, dpost = dhpost + t * n
        for i in 0..<n {
          let gi = go + i * c
          dpost[i] = Vector.dot(gi, yt, count: c)
          var j = 0
          while j + 4 <= n {
            let d = Vector.dot4(gi, xt + j * c, xt + (j + 1) * c, xt + (j + 2) * c, xt + (j + 3) * c, count: c)
            for q in 0..<4 { dres[i * n + j + q] = d[q] }
            j += 4
          }
          while j < n { dres[i * n + j] = Vector.dot(gi, xt + j * c, count: c); j += 1 }
        }
        // dy = Σ_i H_post[i] g_i ;  dx_j = Σ_i H_res[i][j] g_i (column block by column block, so dx may be dOut)
        Vector.combine(
          dy + t * c, weights: hpost + t * n, weightStride: 1, sources: go, sourceStride: c, terms: n,
          count: c)
        Vector.combineMany(
          dx + t * n * c, outputStride: c, outputs: n, weights: res, outputWeightStride: 1,
          weightStride: n, sources: go, sourceStride: c, terms: n, count: c,
          scratch: scratch.baseAddress!)
      }
    }
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  public func runSublayerBackward(_ sublayer: any Sublayer<T>, gradient dOut: UnsafePointer<T>, tokens: Int) {
    checkTokens(tokens)
    sublayer.backward(dy, dh, tokens: tokens)
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  public func backwardBlock(
    _ dx: UnsafeMutablePointer<T>, input x: UnsafePointer<T>, tokens: Int,
    then previous: (any StreamConnection<T>)? = nil, previousInput: UnsafePointer<T>? = nil
  ) {
    checkTokens(tokens)
    precondition(
      previous == nil
        || (fusesWithPreviousBackwardMixing && previousInput != nil
          && (previous as? MixingConnection<T>)?.workspace === workspace),
      "backwardBlock: this connection does not fuse the previous one's backward mixing (same workspace, with its input)"
    )
    let n = config.streams, c = config.width
    let (dh, hpre, dhpre) = (dh, hpre, dhpre)
    ConnectionProfile.measure(previous == nil ? .backwardBlock : .backwardBlockFused) {
      Parallel.blocks(tokens, block: Self.tokenGrain) { part, range in
        for t in range {
          if t + 2 < range.upperBound {
            Vector.prefetch(x + (t + 2) * n * c, count: n * c)
            Vector.prefetch(dx + (t + 2) * n * c, count: n * c)
          }
          let xt = x + t * n * c, dht = dh + t * c, dxt = dx + t * n * c, pre = hpre + t * n, dpre = dhpre + t * n
          for j in 0..<n {
            let xj = xt + j * c, dxj = dxt + j * c, pj = pre[j]
            dpre[j] = Vector.dot(dht, xj, count: c)
            Vector.axpy(dxj, pj, dht, count: c)
          }
        }
        mappingGradients(range, part: part)
        projectBlockBackward(x, dx, range, part: part)
        // the block's ∂H_pre, ∂H_post, ∂H_res are consumed: the previous connection may reuse them
        previous?.backwardMixingRows(dx, dx, previousInput!, range)
      }
    }
  }

  @_specialize(where T == Float) @_specialize(where T == Double)
  public func backwardSums(_ dx: UnsafeMutablePointer<T>, input x: UnsafePointer<T>, tokens: Int) {
    ConnectionProfile.measure(.sums) { sums(x, dx, tokens: tokens) }
  }

  // MARK: Diagnostics

  public func firstNonFinite(tokens: Int) -> String? {
    let n = config.streams, c = config.width, nn = n * n
    if let found = firstNonFiniteLogits(tokens: tokens) { return found }
    if let i = firstBad(hpre, tokens * n) { return "H_pre (token \(i / n))" }
    if let i = firstBad(hpost, tokens * n) { return "H_post (token \(i / n))" }
    if let i = firstBad(hres, tokens * nn) { return "H_res (token \(i / nn)\(nonFiniteResidualNote(token: i / nn)))" }
    if let i = firstBad(h, tokens * c) { return "sublayer input h = H_pre·x (token \(i / c))" }
    if let i = firstBad(y, tokens * c) { return "sublayer output F(h) (token \(i / c))" }
    return nil
  }

  /// A non-finite pre-activation that explains the rest (mHC's logits).
  func firstNonFiniteLogits(tokens: Int) -> String? { nil }
  /// Why `H_res` of `token` is not finite, as "; …" (mHC: which projection path).
  func nonFiniteResidualNote(token: Int) -> String { "" }
  public func maxLogitSpread(tokens: Int) -> Double? { nil }
}
