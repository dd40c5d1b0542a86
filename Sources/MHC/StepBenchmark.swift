import Dispatch

/// Times full training steps (forward + backward + clip + AdamW) on random bytes.
///
/// It lives in the library, not in `bench`, so that the `Float` model code is specialised
/// here (generic code called from another module would run unspecialised and far slower).
///
/// ```swift
/// let t = try StepBenchmark.measure(config, steps: 10, warmup: 2)
/// print(t.stepSeconds, t.gemmSeconds)
/// ```
public struct StepBenchmark: Codable, Sendable {
  /// Median seconds per step.
  public var stepSeconds: Double
  public var forwardSeconds: Double
  public var backwardSeconds: Double
  public var optimizerSeconds: Double
  /// Time spent inside gemm calls, per step.
  public var gemmSeconds: Double
  public var flopsPerStep: Double
  public var tokensPerStep: Int
  public var parameters: Int

  public var tokensPerSecond: Double { Double(tokensPerStep) / stepSeconds }
  public var gflops: Double { flopsPerStep / stepSeconds * 1e-9 }

  public static func measure(_ config: TrainConfig, steps: Int, warmup: Int) throws -> StepBenchmark {
    try config.validate()
    let c = config.resolved()
    let model = try Transformer<Float>(c.model, batch: c.batch, seed: c.seed)
    var opt = AdamW<Float>(parameterCount: model.parameters.count, weightDecay: c.weightDecay)
    var rng = Xoshiro(seed: 1)
    let x = (0..<(c.batch * c.seq)).map { _ in Int32(rng.below(256)) }
    let y = (0..<(c.batch * c.seq)).map { _ in Int32(rng.below(256)) }
    var parts = [0.0, 0.0, 0.0]
    func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }
    func step() {
      let t0 = now()
      model.forward(inputs: x, targets: y)
      let t1 = now()
      model.parameters.zeroGrads()
      model.backward()
      let t2 = now()
      clipGradients(model.parameters, maxNorm: c.clip)
      opt.step(model.parameters, lr: c.lr * 0.01)
      let t3 = now()
      parts[0] += t1 - t0; parts[1] += t2 - t1; parts[2] += t3 - t2
    }
    for _ in 0..<warmup { step() }
    parts = [0, 0, 0]
    GEMMProfile.reset()
    GEMMProfile.enabled = true
    defer { GEMMProfile.enabled = false }
    var times: [Double] = []
    for _ in 0..<steps { let t0 = now(); step(); times.append(now() - t0) }
    let total = times.sorted()[times.count / 2]  // median: robust to a stray slow step
    let s = Double(steps)
    return StepBenchmark(stepSeconds: total, forwardSeconds: parts[0] / s, backwardSeconds: parts[1] / s,
                         optimizerSeconds: parts[2] / s, gemmSeconds: GEMMProfile.seconds / s,
                         flopsPerStep: model.trainingFLOPs(tokens: c.batch * c.seq), tokensPerStep: c.batch * c.seq,
                         parameters: model.parameters.trainableCount)
  }
}
