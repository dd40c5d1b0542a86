import Foundation

/// One run while it trains: what ``TrainingRun/run()`` builds once the folder is locked and its
/// configuration written, in four steps —
///
/// 1. ``init(_:)``: the task's data, the model, AdamW, the evaluation batches;
/// 2. ``restore()``: resume from the checkpoint (or start from `--init-from`), `meta.json`, the
///    weights before training and `H_res` before training (`hres-init.json`);
/// 3. ``train()``: the loop — sample a batch → ``trainingStep`` → log → evaluate → divergence →
///    checkpoint — until the last step, a divergence or an interruption;
/// 4. ``finish()``: the final evaluation, the final weights, then `summary.json` and `meta.json`.
///
/// The loop takes its batches and evaluation sets from ``TaskData`` and the loss (and accuracy)
/// from the model's ``OutputHead``; it asks which task it trains only to log accuracy (a
/// classification task) and to refuse `--dump-batches` outside the bytes task.
final class TrainingSession {
  let run: TrainingRun
  let config: TrainConfig
  var data: any TaskData
  let model: Transformer<Float>
  var store: ParameterStore<Float> { model.parameters }
  var optimizer: AdamW<Float>
  let replay: ReplayBatches?
  let evalBatches: [(inputs: [Int32], targets: [Int32])]
  let tokensPerStep: Int
  let classification: Bool
  let hasMappings: Bool

  var metrics: [MetricsRow] = []
  var gainRows: [GainRow] = []
  var mappingRows: [MappingRow] = []
  var start = 0, step = 0
  var elapsed = 0.0
  /// `meta.json`; started once the data and the model are ready.
  var meta: RunMeta
  /// The token windows trained on (`--dump-batches`).
  var dumped: [Int32] = []
  /// Token-averaged `H_res` of every sublayer before training: the reference of `drift`.
  var initialMeans: [[Double]]?
  /// Where a non-finite evaluation loss first came from, and the last evaluation's accuracy.
  var evalSource: String?
  var evalAccuracy: Double?
  var status = RunStatus.completed
  var divergedStep: Int?, divergedReason: String?, divergedSource: String?

  init(_ run: TrainingRun) throws {
    let config = run.config
    self.run = run
    self.config = config
    data = try config.taskData()
    model = try Transformer<Float>(config.model, batch: config.batch, seed: config.seed)
    optimizer = AdamW<Float>(parameterCount: model.parameters.count, weightDecay: config.weightDecay)
    replay = try config.batchesFile.map { try ReplayBatches(path: $0, config: config) }
    evalBatches = data.evaluationBatches(config.evalBatches, batch: config.batch)
    tokensPerStep = config.batch * config.model.seq
    classification = config.model.task != .bytes
    hasMappings = config.model.connection.kind != .residual
    meta = RunMeta.current(status: .running)
    meta.design = run.design
  }

  func path(_ name: String) -> String { run.path(name) }

  /// Resumes from the checkpoint (or loads `--init-from`), writes `meta.json`, and records the
  /// weights and the mappings before training.
  func restore() throws {
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
    if run.dumpBatches != nil && classification {
      throw MHCError("--dump-batches is for the bytes task only; the \(config.model.task.rawValue) task samples images")
    }
    if start == 0, let file = run.initFrom {
      try store.load(Safetensors.read(file).tensors, from: file)
      meta.initFrom = file
    } else if start > 0 && (run.initFrom != nil || run.dumpBatches != nil) {
      throw MHCError(
        "\(run.directory) resumes from its checkpoint at step \(start); --init-from and --dump-batches need a run "
          + "that starts at step 0"
      )
    }
    try RunFiles.writeJSON(meta, to: path("meta.json"))
    step = start
    if start == 0, run.saveEvery != nil { try saveWeights("model-step0.safetensors") }

    // H_res before training on the first evaluation batch: the reference of `drift`.
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
  }

  func saveWeights(_ name: String) throws {
    try RunFiles.write(
      Safetensors.encode(
        store.safetensors(),
        metadata: [
          "format": "mhc-toolkit weights",
          "step": "\(step)",
        ]), to: path(name))
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
  func evaluate(step: Int) throws -> Double {
    var total = 0.0, right = 0, seen = 0
    for (i, b) in evalBatches.enumerated() {
      let batchLoss = model.forward(inputs: b.inputs, targets: b.targets)
      if let c = model.output.exampleCorrect() { right += c.filter { $0 }.count; seen += c.count }
      if !batchLoss.isFinite && evalSource == nil {
        evalSource = model.firstNonFinite(gradients: false) ?? "none found (loss reduction)"
      }
      total += batchLoss
      if i == 0 && hasMappings { try recordMappings(step: step) }
    }
    let loss = total / Double(evalBatches.count)
    evalAccuracy = classification ? Double(right) / Double(max(seen, 1)) : nil
    let last = gainRows.filter { $0.step == step }.map(\.gains)
    for o in run.observers { o.evaluated(step: step, loss: loss, gains: last) }
    return loss
  }

  /// Gains, deviations, logit spreads and mapping metrics of the last forward (`gains.csv`,
  /// `mappings.csv`), and its token-averaged `H_res` (`hres.json`).
  func recordMappings(step: Int) throws {
    let gains = model.gains(), devs = model.stochasticDeviations(), spreads = model.logitSpreads()
    for k in 0..<gains.count {
      gainRows.append(GainRow(step: step, sublayer: k, gains: gains[k], deviation: devs[k], logitSpread: spreads[k]))
    }
    mappingRows += model.mappingMetrics(step: step, initial: initialMeans)
    let mean = model.meanResidualMappings()
    try RunFiles.writeJSON(
      ResidualMappings(
        step: step, n: config.model.connection.streams, sublayers: mean.perSublayer, composite: mean.composite),
      to: path("hres.json"))
  }

  /// Records a divergence.
  func diverge(at step: Int, reason: String, source: String) {
    status = .diverged; divergedStep = step; divergedReason = reason; divergedSource = source
  }

  /// Steps until the last, a divergence or an interruption; writes the logs at the end.
  func train() throws {
    let schedule = config.schedule
    while step < config.steps {
      let t0 = DispatchTime.now().uptimeNanoseconds
      let lr = schedule.rate(at: step)
      let (x, y) = replay?.batch(step) ?? data.trainingBatch(config.batch)
      if run.dumpBatches != nil { dumped += ReplayBatches.windows(inputs: x, targets: y, seq: config.model.seq) }
      let (loss, norm) = trainingStep(model, optimizer: &optimizer, inputs: x, targets: y, lr: lr, clip: config.clip)
      let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
      elapsed += dt
      step += 1
      var row = MetricsRow(
        step: step, tokens: step * tokensPerStep, lr: lr, trainLoss: loss, gradNorm: norm, stepSeconds: dt)
      row.classification = classification
      if !loss.isFinite || !norm.isFinite {
        let source = model.firstNonFinite(gradients: loss.isFinite) ?? "none found (loss reduction)"
        diverge(
          at: step,
          reason: (!loss.isFinite ? "training loss \(loss)" : "gradient norm \(norm)")
            + "; first non-finite: \(source)", source: source)
        metrics.append(row)
        break
      }
      if step % config.evalEvery == 0 || step == config.steps {
        let v = try evaluate(step: step)
        row.valLoss = v
        row.valAccuracy = evalAccuracy
        if !v.isFinite {
          let source = evalSource ?? "none found (loss reduction)"
          diverge(at: step, reason: "validation loss \(v); first non-finite: \(source)", source: source)
        }
      }
      metrics.append(row)
      for o in run.observers { o.stepEnded(row, of: config.steps) }
      let losses = metrics.map(\.trainLoss)  // both rules below read the curve so far
      if status != .diverged,
        let dead = Instability.deadSince(losses, metrics.map(\.gradNorm), vocab: config.model.outputs)
      {
        diverge(
          at: dead,
          reason:
            "dead network: training loss ln \(config.model.outputs) with a zero gradient for "
              + "\(Instability.deadSteps) steps from step \(dead)",
          source: "none (finite, but nothing left to learn from)")
      }
      if status != .diverged, Divergence.aboveNow(losses, warmup: config.warmup!, vocab: config.model.outputs) {
        diverge(
          at: step, reason: Divergence.aboveReason(losses, at: step, vocab: config.model.outputs),
          source: "none (finite, but above where it started)")
      }
      if status == .diverged { break }
      let interrupt = (run.stopAfterStep.map { step >= $0 } ?? false) || Interruption.requested != nil
      if (step % config.checkpointEvery! == 0 || interrupt) && step < config.steps {
        try writeLogs()
        try Checkpoint.save(
          path("checkpoint.bin"), store: store, optimizer: optimizer, step: step,
          sampler: data.rng, seconds: elapsed, config: config)
      }
      if let k = run.saveEvery, step % k == 0 { try saveWeights("model-step\(step).safetensors") }
      if interrupt && step < config.steps { status = .interrupted; break }
    }
    try writeLogs()
  }

  /// The final evaluation (the fixed large set, the same windows or images for every run of the
  /// task), the final weights, then `summary.json` and `meta.json`; the checkpoint is removed last.
  func finish() throws -> RunSummary {
    var final: FinalEvaluation?
    if status == .completed {
      let result = data.finalEvaluation(model, batch: config.batch, limit: config.finalEvalWindows!)
      try RunFiles.write(result.csv, to: path("final-eval.csv"))
      final = result
      if !result.loss.isFinite {
        diverge(
          at: config.steps, reason: "final evaluation loss \(result.loss)",
          source: model.firstNonFinite(gradients: false) ?? "none found (loss reduction)")
      } else if let first = metrics.first?.trainLoss,
        Divergence.endedAbove(final: result.loss, initial: first, vocab: config.model.outputs)
      {
        diverge(
          at: config.steps,
          reason: Divergence.endedReason(final: result.loss, initial: first, vocab: config.model.outputs),
          source: "none (finite, but above where it started)")
      }
    }
    let summary = summary(final)
    // Every file a finished run promises is written before `summary.json` says it finished: a
    // process killed (or a disk filled) before that point leaves a run that resumes from its
    // checkpoint and writes them all, never a "completed" run without its weights.
    if status != .interrupted {
      try saveWeights("model.safetensors")
      if let file = run.dumpBatches {
        let steps = dumped.count / (config.batch * (config.model.seq + 1))
        try RunFiles.write(
          Safetensors.encode(
            [("windows", .init(dumped, shape: [steps, config.batch, config.model.seq + 1]))],
            metadata: ["format": "mhc-toolkit batches"]), to: file)
      }
    }
    try RunFiles.writeJSON(summary, to: path("summary.json"))
    meta.stopped = timestamp()
    meta.status = status
    try RunFiles.writeJSON(meta, to: path("meta.json"))
    if status != .interrupted { Checkpoint.remove(path("checkpoint.bin")) }
    for o in run.observers { o.finished(summary) }
    return summary
  }

  /// `summary.json`: the final evaluation (or, without one, the last in-training evaluation), the
  /// gains of the last evaluation, the instability report, speed and memory.
  func summary(_ final: FinalEvaluation?) -> RunSummary {
    let lastVal = metrics.last { $0.valLoss != nil }?.valLoss
    let last = gainRows.filter { $0.step == gainRows.last?.step }
    let tail = metrics.suffix(max(1, config.steps / 10)).map(\.trainLoss)
    return RunSummary(
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
  }
}
