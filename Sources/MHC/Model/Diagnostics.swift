/// Where a NaN or infinity first appeared, so that a diverged run says *why*.
///
/// A run that diverges records, in `summary.json` (`diverged_source`) and in its one-line
/// message, the first non-finite quantity in computation order: the embedded streams, then
/// per sublayer the connection's mappings (mHC: the Sinkhorn-Knopp logits, then `H_pre`,
/// `H_post`, `H_res`), the sublayer's input and output, its output streams, then the final
/// norm and logits, and last the parameter gradients in the order the backward pass
/// computes them (head first, embedding last).
///
/// ```swift
/// let model = try Transformer<Float>(ModelConfig(), batch: 16, seed: 0)
/// let x = [Int32](repeating: 65, count: 16 * 128)
/// let loss = model.forward(inputs: x, targets: x)
/// if !loss.isFinite { print(model.firstNonFinite(gradients: false) ?? "loss only") }
/// ```
extension Transformer {
  /// The first non-finite quantity of the last forward (and, with `gradients`, of the
  /// gradients in `parameters.grads`), or `nil` when all are finite.
  public func firstNonFinite(gradients: Bool) -> String? {
    let tokens = lastTokens, c = config.width, nc = n * c
    var found: String?
    visitSublayers { k in
      guard found == nil else { return }
      if k == 0, let i = firstBad(streams[0], tokens * nc) { found = "embedded streams (token \(i / nc))"; return }
      let what = "sublayer \(k) (\(k % 2 == 0 ? "attention" : "MLP"), layer \(k / 2))"
      if let inside = connections[k].firstNonFinite(tokens: tokens) {
        found = "\(inside) of \(what)"
      } else if let i = firstBad(streams[k + 1], tokens * nc) {
        found = "output streams of \(what) (token \(i / nc))"
      }
    }
    if let found { return found }
    if let i = firstBad(summed, tokens * c) {
      return (collapseHead == nil ? "sum of the streams" : "learned collapse of the streams") + " (token \(i / c))"
    }
    if let i = firstBad(xf, tokens * c) { return "final RMSNorm output (token \(i / c))" }
    if gradients {
      let bad = parameters.infos.filter { firstBad(parameters.grads + $0.offset, $0.count) != nil }
      let ordered = bad.sorted { backwardRank($0.name) < backwardRank($1.name) }
      if let first = ordered.first {
        return "gradient of \(first.name)"
          + (ordered.count > 1 ? " (first of \(ordered.count) non-finite gradient tensors in backward order)" : "")
      }
    }
    return nil
  }

  /// Position of a tensor's gradient in the backward pass: head, final norm, the learned
  /// collapse, then sublayers from the last (connection before sublayer), embedding last.
  func backwardRank(_ name: String) -> Int {
    let parts = name.split(separator: ".")
    let sublayers = connections.count
    switch parts.first {
    case "head": return parts.count > 1 && parts[1] == "collapse" ? 2 : 0
    case "norm": return 1
    case "conns": return 3 + 2 * (sublayers - 1 - (Int(parts[1]) ?? 0))
    case "subs": return 4 + 2 * (sublayers - 1 - (Int(parts[1]) ?? 0))
    default: return Int.max
    }
  }

  /// Largest logit spread (`max − min` of one token's Sinkhorn-Knopp logits) of every
  /// sublayer in the last forward; `nil` for connections without a projection. Spreads above
  /// ``SinkhornKnopp/fastSpread`` take the log-domain path.
  public func logitSpreads() -> [Double?] {
    var out: [Double?] = []
    visitSublayers { out.append(connections[$0].maxLogitSpread(tokens: lastTokens)) }
    return out
  }
}

/// Index of the first non-finite value, if any.
@inline(__always) func firstBad<T: Scalar>(_ p: UnsafePointer<T>, _ count: Int) -> Int? {
  for i in 0..<count where !p[i].isFinite { return i }
  return nil
}

/// `max − min` of `count` values (NaN if any is NaN).
func spreadOf<T: Scalar>(_ p: UnsafePointer<T>, _ count: Int) -> Double {
  var lo = Double.infinity, hi = -Double.infinity
  for i in 0..<count {
    let v = Double(p[i])
    if v.isNaN { return .nan }
    lo = Swift.min(lo, v); hi = Swift.max(hi, v)
  }
  return hi - lo
}
