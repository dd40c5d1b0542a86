/// A list of sublayers, each wrapped by a connection, over `n` residual streams: the part of
/// the model that owns the schedule — which passes fuse, and which streams are kept or
/// recomputed for the backward.
///
/// Forward, per sublayer `k`: the connection's forward block (unless it already ran inside the
/// previous mixing), the sublayer, the mixing — fused with connection `k + 1`'s forward block
/// when that one ``StreamConnection/fusesWithPreviousMixing``. Backward, per sublayer from the
/// last: the backward mixing (unless the later connection's block pass already ran it), the
/// sublayer, the block pass — fused with connection `k − 1`'s backward mixing when this one
/// ``StreamConnection/fusesWithPreviousBackwardMixing`` — and the sums. Fusion changes which
/// pass touches a token block when, never the arithmetic: the results are bit-identical.
///
/// With recomputation (block size `K > 0`) only some streams have buffers of their own
/// (``ModelConfig/keepsStream(_:)``); the backward of each block first replays its connections'
/// forward passes from the block's first stream, without running a sublayer.
///
/// ```swift
/// let store = ParameterStore<Float>(), pool = BufferPool<Float>(), t = 128, n = 4, c = 64
/// let subs: [any Sublayer<Float>] = [SwiGLU(width: c, layers: 1, capacity: t, store: store, prefix: "subs.1")]
/// let conns = try subs.indices.map {
///   try ConnectionConfig(kind: .mhc, streams: n, width: c).make(store: store, prefix: "conns.\($0)", capacity: t)
/// }
/// store.allocate(seed: 0)
/// let buffers = (0...subs.count).map { _ in pool.buffer(t * n * c) }, d = pool.buffer(t * n * c)
/// let stack = ResidualStack(sublayers: subs, connections: conns, streams: buffers, gradient: d, recomputeBlock: 0)
/// stack.forward(tokens: t)                   // streams[0] in, streams[subs.count] out
/// stack.backward(tokens: t) { /* re-embed streams[0] */ }   // ∂ of the last streams in d, ∂ of streams[0] out
/// ```
public final class ResidualStack<T: Scalar> {
  public let sublayers: [any Sublayer<T>]
  public let connections: [any StreamConnection<T>]
  /// `streams[k]` enters sublayer `k`, `[tokens][n][C]`; `streams[count]` leaves the last.
  let streams: [UnsafeMutablePointer<T>]
  /// `∂L/∂streams`, back-propagated in place through every connection.
  let gradient: UnsafeMutablePointer<T>
  /// Recomputation block size `K` (0: every stream and cache is kept).
  let recomputeBlock: Int
  /// Fuse passes across neighbouring connections (default; off only to test that both give the same bits).
  public var fusion = true
  /// Whether the caches and working streams still hold the last forward's final block.
  var lastBlockIntact = false

  public init(
    sublayers: [any Sublayer<T>], connections: [any StreamConnection<T>], streams: [UnsafeMutablePointer<T>],
    gradient: UnsafeMutablePointer<T>, recomputeBlock: Int
  ) {
    precondition(
      sublayers.count == connections.count && streams.count == sublayers.count + 1,
      "ResidualStack: one connection per sublayer and one stream buffer more than sublayers")
    self.sublayers = sublayers; self.connections = connections; self.streams = streams
    self.gradient = gradient; self.recomputeBlock = recomputeBlock
  }

  public var count: Int { sublayers.count }

  /// The connection after `k` if its forward block runs inside `k`'s mixing.
  func fusedNext(_ k: Int) -> (any StreamConnection<T>)? {
    fusion && k + 1 < count && connections[k + 1].fusesWithPreviousMixing ? connections[k + 1] : nil
  }

  /// Streams `0` → `count` for `tokens` rows.
  public func forward(tokens: Int) {
    var prepared = false
    for k in 0..<count {
      let conn = connections[k], next = fusedNext(k)
      if !prepared { conn.prepare(streams[k], tokens: tokens, profiled: true) }
      conn.runSublayer(sublayers[k], input: streams[k], tokens: tokens)
      conn.mix(streams[k], streams[k + 1], tokens: tokens, then: next, profiled: true)
      prepared = next != nil
    }
    lastBlockIntact = true
  }

  /// From ``gradient`` holding `∂L/∂streams[count]` to it holding `∂L/∂streams[0]`, adding every
  /// parameter gradient. `remakeInput` refills `streams[0]` when the recomputation did not keep it.
  public func backward(tokens: Int, remakeInput: () -> Void) {
    let block = recomputeBlock
    for start in stride(from: block == 0 ? 0 : (count - 1) / block * block, through: 0, by: -max(block, 1)) {
      let end = block == 0 ? count : min(start + block, count)
      // Recomputation: refill the block's caches and inner streams from its first stream
      // (the final block is still intact right after the forward).
      if block > 0 && !(end == count && lastBlockIntact) {
        if start == 0 && !keepsInput { remakeInput() }
        for k in start..<end { connections[k].replay(streams[k], k + 1 < end ? streams[k + 1] : nil, tokens: tokens) }
      }
      var mixed = false
      for k in stride(from: end - 1, through: start, by: -1) {
        let conn = connections[k]
        if !mixed { conn.backwardMixing(gradient, gradient, input: streams[k], tokens: tokens) }
        conn.runSublayerBackward(sublayers[k], gradient: gradient, tokens: tokens)
        let previous = k > start && fusion && conn.fusesWithPreviousBackwardMixing ? connections[k - 1] : nil
        conn.backwardBlock(
          gradient, input: streams[k], tokens: tokens, then: previous,
          previousInput: previous == nil ? nil : streams[k - 1])
        conn.backwardSums(gradient, input: streams[k], tokens: tokens)
        mixed = previous != nil
      }
    }
    lastBlockIntact = false
  }

  /// Whether `streams[0]` has a buffer of its own (with recomputation it may share one).
  var keepsInput: Bool { !(recomputeBlock >= 2 && recomputeBlock < count) }

  /// Calls `body(k)` for every sublayer in order, with connection `k`'s cache and the streams
  /// entering and leaving it holding the last forward's values (replayed first with
  /// recomputation: bit-identical, no sublayer runs).
  public func visit(tokens: Int, remakeInput: () -> Void, _ body: (Int) -> Void) {
    let replaying = recomputeBlock > 0 && tokens > 0
    if replaying && !keepsInput { remakeInput() }
    for k in 0..<count {
      if replaying {  // every stream again: the buffers of x_0 and x_last may hold something else by now
        connections[k].replay(streams[k], streams[k + 1], tokens: tokens)
        lastBlockIntact = false
      }
      body(k)
    }
  }
}
