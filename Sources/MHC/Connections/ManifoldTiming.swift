import Dispatch

extension SinkhornKnopp {
  /// Seconds for one forward and one backward projection of `tokens` Float matrices
  /// (median of `repeats`), measured here so the Float code is the specialised one.
  public static func timeFloat(
    n: Int, iterations: Int, tokens: Int, repeats: Int = 5
  ) -> (forward: Double, backward: Double) {
    ResidualManifold.sinkhorn.timeFloat(n: n, iterations: iterations, tokens: tokens, repeats: repeats)
  }
}

extension ResidualManifold {
  /// Seconds for one forward and one backward projection of `tokens` Float logit blocks on
  /// one thread (median of `repeats`), measured here so the Float code is the specialised one.
  public func timeFloat(n: Int, iterations: Int, tokens: Int, repeats: Int = 5) -> (forward: Double, backward: Double) {
    var rng = Xoshiro(seed: 3)
    let logits = (0..<(tokens * logitCount(n: n))).map { _ in Float(rng.normal()) }
    let dOut = (0..<(tokens * n * n)).map { _ in Float(rng.normal()) }
    var out = [Float](repeating: 0, count: dOut.count), dl = [Float](repeating: 0, count: logits.count)
    var scratch = [Float](repeating: 0, count: scratchCount(n: n, iterations: iterations))
    var f: [Double] = [], b: [Double] = []
    for _ in 0..<repeats {
      let t0 = DispatchTime.now().uptimeNanoseconds
      forward(logits: logits, output: &out, count: tokens, n: n, iterations: iterations, scratch: &scratch)
      let t1 = DispatchTime.now().uptimeNanoseconds
      backward(
        logits: logits, dOutput: dOut, dLogits: &dl, count: tokens, n: n, iterations: iterations, scratch: &scratch)
      let t2 = DispatchTime.now().uptimeNanoseconds
      f.append(Double(t1 - t0) * 1e-9); b.append(Double(t2 - t1) * 1e-9)
    }
    return (f.sorted()[repeats / 2], b.sorted()[repeats / 2])
  }
}
