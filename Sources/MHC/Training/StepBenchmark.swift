import Dispatch

/// Times full training steps (forward + backward + clip + AdamW) on random bytes.
///
/// It lives in the library, not in `bench`, so that the `Float` model code is specialised
/// here (generic code called from another module would run unspecialised and far slower).
///
/// ```swift
/// let mhc = TrainConfig()                  // mHC, n = 4, the reference model
/// var residual = mhc; residual.model.connection.kind = .residual
/// let t = try StepBenchmark.measure([residual, mhc], steps: 10, warmup: 2)
/// print(t[1].stepSeconds / t[0].stepSeconds)
/// ```
public struct StepBenchmark: Codable, Sendable {
  /// Median seconds per step.
  public var stepSeconds: Double
  /// Seconds of every timed step, in round order (round `r` of every model ran back to back).
  public var stepTimes: [Double]
  public var forwardSeconds: Double
  public var backwardSeconds: Double
  public var optimizerSeconds: Double
  /// Time spent inside gemm calls, per step.
  public var gemmSeconds: Double
  public var flopsPerStep: Double
  public var tokensPerStep: Int
  public var parameters: Int
  /// Bytes the model holds for training (``Transformer/trainingBytes``: parameters, gradients,
  /// AdamW moments, activations and scratch) — this model's own peak, unlike the process's.
  public var trainingBytes: Int
  /// Seconds per step in each connection pass (``ConnectionProfile``), summed over sublayers.
  public var connectionSeconds: [String: Double]

  public var tokensPerSecond: Double { Double(tokensPerStep) / stepSeconds }

  /// The median over rounds of this model's step time divided by `base`'s in the same round:
  /// steadier than a ratio of medians when the machine's speed drifts.
  public func pairedRatio(to base: StepBenchmark) -> Double {
    let r = zip(stepTimes, base.stepTimes).map { $0 / $1 }.sorted()
    return r.isEmpty
      ? stepSeconds / base.stepSeconds : r.count % 2 == 1 ? r[r.count / 2] : (r[r.count / 2 - 1] + r[r.count / 2]) / 2
  }
  public var gflops: Double { flopsPerStep / stepSeconds * 1e-9 }

  /// Times `configs` side by side: every round runs one step of each model in turn, so a
  /// slow spell of the machine hits all of them alike and their ratios stay comparable.
  /// `eachRound` runs after every timed round (bench measures the sgemm rate there, under
  /// the same conditions as the steps). Models that would not fit in the memory available
  /// together (``TrainingMemory``) are refused before any is built.
  public static func measure(
    _ configs: [TrainConfig], steps: Int, warmup: Int,
    eachRound: () -> Void = {}
  ) throws -> [StepBenchmark] {
    let need = configs.map { TrainingMemory.bytes($0.model, batch: $0.batch) }
      .reduce(0) { $0 > Int.max - $1 ? Int.max : $0 + $1 }
    if let free = TrainingMemory.available, need > free.bytes {
      throw MHCError(
        "\(configs.count) models timed together need \(TrainingMemory.describe(need)) but "
          + "\(TrainingMemory.describe(free.bytes)) is available (\(free.source)); time fewer models at once")
    }
    let benches = try configs.map { try Bench($0) }
    for _ in 0..<warmup { for b in benches { b.step() } }
    for b in benches { b.parts = [0, 0, 0]; b.times = [] }
    GEMMProfile.reset()
    GEMMProfile.enabled = true
    ConnectionProfile.enabled = true
    defer { GEMMProfile.enabled = false; ConnectionProfile.enabled = false }
    var gemm = [Double](repeating: 0, count: benches.count)
    var passes = [[String: Double]](repeating: [:], count: benches.count)
    for _ in 0..<steps {
      for (i, b) in benches.enumerated() {
        let before = GEMMProfile.seconds
        ConnectionProfile.reset()
        b.step()
        gemm[i] += GEMMProfile.seconds - before
        for (phase, t) in ConnectionProfile.seconds { passes[i][phase.rawValue, default: 0] += t / Double(steps) }
      }
      GEMMProfile.enabled = false
      eachRound()
      GEMMProfile.enabled = true
    }
    return benches.enumerated().map { i, b in
      let s = Double(steps)
      return StepBenchmark(
        stepSeconds: b.times.sorted()[b.times.count / 2],  // median: robust to a stray slow step
        stepTimes: b.times,
        forwardSeconds: b.parts[0] / s, backwardSeconds: b.parts[1] / s,
        optimizerSeconds: b.parts[2] / s, gemmSeconds: gemm[i] / s,
        flopsPerStep: b.model.trainingFLOPs(tokens: b.tokens), tokensPerStep: b.tokens,
        parameters: b.model.parameters.trainableCount, trainingBytes: b.model.trainingBytes,
        connectionSeconds: passes[i])
    }
  }

  /// One model, its optimizer and a fixed random batch.
  final class Bench {
    let config: TrainConfig
    let model: Transformer<Float>
    var optimizer: AdamW<Float>
    let x, y: [Int32]
    var parts = [0.0, 0.0, 0.0]
    var times: [Double] = []
    var tokens: Int { config.batch * config.model.seq }

    init(_ config: TrainConfig) throws {
      try config.validate()
      self.config = config.resolved()
      model = try Transformer<Float>(self.config.model, batch: self.config.batch, seed: self.config.seed)
      optimizer = AdamW<Float>(parameterCount: model.parameters.count, weightDecay: self.config.weightDecay)
      var rng = Xoshiro(seed: 1)  // random bytes (pixel values) and targets (bytes or classes) of the task's shapes
      let b = self.config.batch, classes = self.config.model.outputs
      x = (0..<(b * model.input.inputsPerExample)).map { _ in Int32(rng.below(256)) }
      y = (0..<(b * model.output.targetsPerExample)).map { _ in Int32(rng.below(classes)) }
    }

    func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }

    func step() {
      let t0 = now()
      model.forward(inputs: x, targets: y)
      let t1 = now()
      model.parameters.zeroGrads()
      model.backward()
      let t2 = now()
      clipGradients(model.parameters, maxNorm: config.clip)
      optimizer.step(model.parameters, lr: config.lr * 0.01)
      let t3 = now()
      parts[0] += t1 - t0; parts[1] += t2 - t1; parts[2] += t3 - t2
      times.append(t3 - t0)
    }
  }
}
