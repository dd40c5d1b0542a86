import Foundation

/// Receives training events; the console progress display is one.
public protocol TrainingObserver: AnyObject {
  func stepEnded(_ row: MetricsRow, of steps: Int)
  func evaluated(step: Int, loss: Double, gains: [SublayerGains])
  func finished(_ summary: RunSummary)
}

/// One optimisation step, the one every training run takes: forward (mean cross-entropy),
/// backward, global-norm clipping to `clip`, then one `optimizer` update at rate `lr`.
///
/// Returns the loss before the update and the gradient norm before clipping. A non-finite
/// loss skips the backward (the norm is then NaN); a non-finite norm skips the update, so
/// the parameters stay those of the last good step.
///
/// ```swift
/// let (loss, norm) = trainingStep(model, optimizer: &adam, inputs: x, targets: y, lr: 3e-3, clip: 1)
/// ```
public func trainingStep<T: Scalar, O: Optimizer>(
  _ model: Transformer<T>, optimizer: inout O, inputs: [Int32], targets: [Int32], lr: Double, clip: Double
) -> (loss: Double, gradNorm: Double) where O.T == T {
  let store = model.parameters
  let loss = model.forward(inputs: inputs, targets: targets)
  guard loss.isFinite else { return (loss, .nan) }
  store.zeroGrads()
  model.backward()
  let norm = clipGradients(store, maxNorm: clip)
  if norm.isFinite { optimizer.step(store, lr: lr) }
  return (loss, norm)
}

/// One training run in one folder: `config.json`, `meta.json`, `metrics.csv`, `gains.csv`,
/// `hres.json`, `summary.json`, and a `checkpoint.bin` while it is unfinished.
///
/// The loop: sample a batch → forward → backward → clip (pre-clip norm logged) → AdamW →
/// log. Every `evalEvery` steps and at the end it evaluates on fixed validation windows and
/// records per-sublayer gains. A non-finite loss or gradient stops the run as `diverged`,
/// keeping everything logged so far. Checkpoints are written atomically every
/// `checkpointEvery` steps; ``run()`` on a folder with a checkpoint resumes from it and
/// produces the same metrics as an uninterrupted run.
///
/// ```swift
/// var config = TrainConfig(); config.connection = .mhc; config.steps = 300
/// let summary = try TrainingRun(config: config, directory: "results/demo/mhc").run()
/// ```
public final class TrainingRun {
  public let config: TrainConfig
  public let directory: String
  public var observers: [TrainingObserver] = []
  /// The most memory the run may use (bytes); `nil`: what the machine has available
  /// (``TrainingMemory/available``). A configuration estimated to need more is refused before allocating.
  public var maxMemory: Int?
  /// Stop (as an interruption would) after this step, leaving a checkpoint; for tests and
  /// time-boxed jobs. The run's summary then says `running`.
  public var stopAfterStep: Int?
  /// Start from these weights (a `.safetensors` file with every parameter of the model) instead of
  /// the seeded initialisation; only for a run that starts at step 0 (a resume restores its
  /// checkpoint). Recorded in `meta.json`.
  public var initFrom: String?
  /// Write `model-step<k>.safetensors` before training (k = 0) and every this many steps.
  public var saveEvery: Int?
  /// Write the token windows of every step to this file (`windows`, I32 [steps][batch][seq + 1]),
  /// for ``TrainConfig/batchesFile`` of a replay; only for a run that starts at step 0.
  public var dumpBatches: String?

  public init(config: TrainConfig, directory: String) throws {
    try config.validate()
    self.config = config.resolved()
    self.directory = directory
  }

  func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

  /// Refuses a configuration whose ``TrainingMemory`` estimate exceeds ``maxMemory`` or, without
  /// it, the memory available, with one line naming the flags, the estimate and the limit.
  public func checkMemory() throws {
    let need = TrainingMemory.bytes(config.model, batch: config.batch)
    let limit: (bytes: Int, source: String)? = maxMemory.map { ($0, "--max-memory") } ?? TrainingMemory.available
    guard let limit, need > limit.bytes else { return }
    let c = config
    let flags =
      "--batch \(c.batch) --seq \(c.seq) --width \(c.width) --layers \(c.layers) --heads \(c.heads)"
      + (c.connection == .residual ? "" : " --streams \(c.streams)")
    throw MHCError(
      "\(flags) needs an estimated \(need == .max ? "more than 100 PiB" : TrainingMemory.describe(need)) to train but the limit is \(TrainingMemory.describe(limit.bytes)) (\(limit.source)); lower --batch, --seq, --layers or --width, or set the limit with --max-memory SIZE (e.g. 64G)"
    )
  }

  /// The summary of a finished (completed or diverged) run in `directory`, if any.
  public static func finishedSummary(in directory: String) -> RunSummary? {
    let p = (directory as NSString).appendingPathComponent("summary.json")
    guard let s = try? RunFiles.readJSON(RunSummary.self, from: p), s.status == .completed || s.status == .diverged
    else { return nil }
    return s
  }

  /// Trains (or resumes) and returns the summary. A run already finished returns its summary.
  @discardableResult
  public func run() throws -> RunSummary {
    if Self.finishedSummary(in: directory) == nil { try checkMemory() }  // before anything is allocated or written
    try RunFiles.makeDirectory(directory)
    let lock = try RunLock(directory: directory)
    defer { withExtendedLifetime(lock) {} }
    if let done = Self.finishedSummary(in: directory) { return done }
    let cfgPath = path("config.json")
    if RunFiles.exists(cfgPath) {
      let old = try RunFiles.readJSON(TrainConfig.self, from: cfgPath)
      if !old.sameRun(as: config) {
        throw MHCError(
          "\(cfgPath) holds a different configuration (\(differingKeys(old, config).joined(separator: ", "))); use another folder or delete it"
        )
      }
    }
    try RunFiles.writeJSON(config, to: cfgPath)

    var data = try config.taskData()
    let model = try Transformer<Float>(config.model, batch: config.batch, seed: config.seed)
    let store = model.parameters
    var optimizer = AdamW<Float>(parameterCount: store.count, weightDecay: config.weightDecay)
    let replay = try config.batchesFile.map { try ReplayBatches(path: $0, config: config) }
    let evalBatches = data.evaluationBatches(config.evalBatches, batch: config.batch)
    let schedule = config.schedule
    let tokensPerStep = config.batch * config.seq
    let classification = config.model.task != .bytes

    var metrics: [MetricsRow] = []
    var gainRows: [GainRow] = []
    var mappingRows: [MappingRow] = []
    let hasMappings = config.connection != .residual
    var start = 0
    var elapsed = 0.0
    var meta = RunMeta.current(status: .running)
    if let restored = try Checkpoint.resume(path("checkpoint.bin"), into: store, optimizer: &optimizer, config: config)
    {
      let ck = restored.header
      start = ck.step
      data.rng = ck.sampler
      elapsed = ck.seconds
      metrics = try MetricsRow.readForResume(path("metrics.csv"), through: start)
      gainRows = (try? GainRow.read(path("gains.csv")))?.filter { $0.step <= start } ?? []
      mappingRows = (try? MappingRow.read(path("mappings.csv")))?.filter { $0.step <= start } ?? []
      meta.resumedFromStep = start
      if let why = restored.fallbackReason {
        meta.resumeNote = "\(why); resumed from the previous checkpoint \(restored.path) at step \(start)"
        print("train: \(meta.resumeNote!)")
      }
    }
    if dumpBatches != nil && classification {
      throw MHCError("--dump-batches is for the bytes task only; the \(config.model.task.rawValue) task samples images")
    }
    if start == 0, let file = initFrom {
      try store.load(Safetensors.read(file).tensors, from: file)
      meta.initFrom = file
    } else if start > 0 && (initFrom != nil || dumpBatches != nil) {
      throw MHCError(
        "\(directory) resumes from its checkpoint at step \(start); --init-from and --dump-batches need a run that starts at step 0"
      )
    }
    try RunFiles.writeJSON(meta, to: path("meta.json"))
    var dumped: [Int32] = []
    func saveWeights(_ name: String) throws {
      try RunFiles.write(
        Safetensors.encode(
          store.safetensors(),
          metadata: [
            "format": "mhc-toolkit weights",
            "step": "\(step)",
          ]), to: path(name))
    }
    var step = start
    if start == 0, saveEvery != nil { try saveWeights("model-step0.safetensors") }

    // H_res before training on the first evaluation batch: the reference of `drift`.
    var initialMeans: [[Double]]?
    if hasMappings {
      if start == 0 {
        model.forward(inputs: evalBatches[0].inputs, targets: evalBatches[0].targets)
        let mean = model.meanResidualMappings()
        initialMeans = mean.perSublayer
        try RunFiles.writeJSON(
          ResidualMappings(
            step: 0, n: config.model.connection.streams, sublayers: mean.perSublayer,
            composite: mean.composite), to: path("hres-init.json"))
        mappingRows = model.mappingMetrics(step: 0, initial: initialMeans)
      } else {
        initialMeans = (try? RunFiles.readJSON(ResidualMappings.self, from: path("hres-init.json")))?.sublayers
      }
    }

    func writeLogs() throws {
      metrics = MetricsRow.withSpikeColumns(metrics)
      let header = classification ? MetricsRow.classificationHeader : MetricsRow.header
      try RunFiles.write(([header] + metrics.map(\.csv)).joined(separator: "\n") + "\n", to: path("metrics.csv"))
      try RunFiles.write(([GainRow.header] + gainRows.map(\.csv)).joined(separator: "\n") + "\n", to: path("gains.csv"))
      if hasMappings {
        try RunFiles.write(
          ([MappingRow.header] + mappingRows.map(\.csv)).joined(separator: "\n") + "\n",
          to: path("mappings.csv"))
      }
    }

    /// Validation loss, recording gains on the first evaluation batch (and, for a
    /// non-finite batch loss, where it came from in `evalSource`).
    var evalSource: String?
    var evalAccuracy: Double?
    func evaluate(step: Int) throws -> Double {
      var total = 0.0, right = 0, seen = 0
      for (i, b) in evalBatches.enumerated() {
        let batchLoss = model.forward(inputs: b.inputs, targets: b.targets)
        if let c = model.output.exampleCorrect() { right += c.filter { $0 }.count; seen += c.count }
        if !batchLoss.isFinite && evalSource == nil {
          evalSource = model.firstNonFinite(gradients: false) ?? "none found (loss reduction)"
        }
        total += batchLoss
        if i == 0 && config.connection != .residual {
          let gains = model.gains(), devs = model.stochasticDeviations(), spreads = model.logitSpreads()
          for k in 0..<gains.count {
            gainRows.append(
              GainRow(
                step: step, sublayer: k, gains: gains[k], deviation: devs[k],
                logitSpread: spreads[k]))
          }
          mappingRows += model.mappingMetrics(step: step, initial: initialMeans)
          let mean = model.meanResidualMappings()
          try RunFiles.writeJSON(
            ResidualMappings(
              step: step, n: config.model.connection.streams,
              sublayers: mean.perSublayer, composite: mean.composite),
            to: path("hres.json"))
        }
      }
      let loss = total / Double(evalBatches.count)
      evalAccuracy = classification ? Double(right) / Double(max(seen, 1)) : nil
      let last = gainRows.filter { $0.step == step }.map(\.gains)
      for o in observers { o.evaluated(step: step, loss: loss, gains: last) }
      return loss
    }

    var status = RunStatus.completed
    var divergedStep: Int?, divergedReason: String?, divergedSource: String?
    while step < config.steps {
      let t0 = DispatchTime.now().uptimeNanoseconds
      let lr = schedule.rate(at: step)
      let (x, y) = replay?.batch(step) ?? data.trainingBatch(config.batch)
      if dumpBatches != nil { dumped += ReplayBatches.windows(inputs: x, targets: y, seq: config.seq) }
      let (loss, norm) = trainingStep(model, optimizer: &optimizer, inputs: x, targets: y, lr: lr, clip: config.clip)
      let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
      elapsed += dt
      step += 1
      var row = MetricsRow(
        step: step, tokens: step * tokensPerStep, lr: lr, trainLoss: loss, gradNorm: norm,
        stepSeconds: dt)
      row.classification = classification
      if !loss.isFinite || !norm.isFinite {
        status = .diverged; divergedStep = step
        divergedSource = model.firstNonFinite(gradients: loss.isFinite) ?? "none found (loss reduction)"
        divergedReason =
          (!loss.isFinite ? "training loss \(loss)" : "gradient norm \(norm)")
          + "; first non-finite: \(divergedSource!)"
        metrics.append(row)
        break
      }
      if step % config.evalEvery == 0 || step == config.steps {
        let v = try evaluate(step: step)
        row.valLoss = v
        row.valAccuracy = evalAccuracy
        if !v.isFinite {
          status = .diverged; divergedStep = step
          divergedSource = evalSource ?? "none found (loss reduction)"
          divergedReason = "validation loss \(v); first non-finite: \(divergedSource!)"
        }
      }
      metrics.append(row)
      for o in observers { o.stepEnded(row, of: config.steps) }
      if status != .diverged,
        let dead = Instability.deadSince(
          metrics.map(\.trainLoss), metrics.map(\.gradNorm),
          vocab: config.model.outputs)
      {
        status = .diverged; divergedStep = dead
        divergedReason =
          "dead network: training loss ln \(config.model.outputs) with a zero gradient for \(Instability.deadSteps) steps from step \(dead)"
        divergedSource = "none (finite, but nothing left to learn from)"
      }
      if status == .diverged { break }
      let interrupt = (stopAfterStep.map { step >= $0 } ?? false) || Interruption.requested != nil
      if (step % config.checkpointEvery! == 0 || interrupt) && step < config.steps {
        try writeLogs()
        try Checkpoint.save(
          path("checkpoint.bin"), store: store, optimizer: optimizer, step: step,
          sampler: data.rng, seconds: elapsed, config: config)
      }
      if let k = saveEvery, step % k == 0 { try saveWeights("model-step\(step).safetensors") }
      if interrupt && step < config.steps { status = .interrupted; break }
    }
    try writeLogs()

    // The final evaluation: the fixed large set, the same windows (images) for every run of the task.
    var final: FinalEvaluation?
    if status == .completed {
      let result = data.finalEvaluation(model, batch: config.batch, limit: config.finalEvalWindows!)
      try RunFiles.write(result.csv, to: path("final-eval.csv"))
      final = result
      if !result.loss.isFinite {
        status = .diverged; divergedStep = config.steps
        divergedReason = "final evaluation loss \(result.loss)"
        divergedSource = model.firstNonFinite(gradients: false) ?? "none found (loss reduction)"
      }
    }
    let lastVal = metrics.last { $0.valLoss != nil }?.valLoss

    let last = gainRows.filter { $0.step == gainRows.last?.step }
    let tail = metrics.suffix(max(1, config.steps / 10)).map(\.trainLoss)
    let summary = RunSummary(
      status: status, steps: metrics.count, tokens: metrics.count * tokensPerStep, seconds: elapsed,
      params: store.trainableCount, finalEvalAccuracy: final?.accuracy,
      finalEvalAccuracyStandardError: final?.accuracyStandardError,
      lastValAccuracy: metrics.last { $0.valAccuracy != nil }?.valAccuracy, finalEvalLoss: final?.loss ?? lastVal,
      finalEvalStandardError: final?.standardError, finalEvalWindows: final?.windows, lastValLoss: lastVal,
      finalTrainLoss: metrics.last?.trainLoss, finalTrainLossAverage: tail.reduce(0, +) / Double(tail.count),
      divergedStep: divergedStep, divergedReason: divergedReason, divergedSource: divergedSource,
      maxCompositeForwardGain: last.map(\.gains.composite.forward).max(),
      maxCompositeBackwardGain: last.map(\.gains.composite.backward).max(),
      maxSingleForwardGain: last.map(\.gains.single.forward).max(),
      maxSingleBackwardGain: last.map(\.gains.single.backward).max(),
      maxColumnDeviation: last.map(\.deviation.column).max(), maxRowDeviation: last.map(\.deviation.row).max(),
      maxLogitSpread: last.compactMap(\.logitSpread).max(),
      instability: InstabilityReport(
        loss: metrics.map(\.trainLoss), gradNorm: metrics.map(\.gradNorm),
        warmup: config.warmup!, vocab: config.model.outputs),
      meanStepSeconds: elapsed / Double(max(metrics.count, 1)),
      tokensPerSecond: Double(metrics.count * tokensPerStep) / max(elapsed, 1e-9),
      flopsPerStep: model.trainingFLOPs(tokens: tokensPerStep), trainingBytes: model.trainingBytes,
      peakResidentBytes: ProcessMemory.peak)
    try RunFiles.writeJSON(summary, to: path("summary.json"))
    meta.stopped = timestamp()
    meta.status = status
    try RunFiles.writeJSON(meta, to: path("meta.json"))
    if status != .interrupted {
      try saveWeights("model.safetensors")
      if let file = dumpBatches {
        let steps = dumped.count / (config.batch * (config.seq + 1))
        try RunFiles.write(
          Safetensors.encode(
            [("windows", .init(dumped, shape: [steps, config.batch, config.seq + 1]))],
            metadata: ["format": "mhc-toolkit batches"]), to: file)
      }
      Checkpoint.remove(path("checkpoint.bin"))
    }
    for o in observers { o.finished(summary) }
    return summary
  }
}
