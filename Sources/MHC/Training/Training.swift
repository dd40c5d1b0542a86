import Foundation

/// One row of `metrics.csv`: the state after training step `step` (1-based).
public struct MetricsRow: Sendable, Equatable {
  public var step: Int
  public var tokens: Int
  public var lr: Double
  public var trainLoss: Double
  public var gradNorm: Double
  public var stepSeconds: Double
  /// Validation loss, on evaluation steps only.
  public var valLoss: Double?
  /// Training loss − the median of the previous 50 (``SpikeCriteria/window``) steps; empty on step 1.
  public var lossExcess: Double?
  /// Gradient norm / the median of the previous 50 steps; empty on step 1.
  public var gradRatio: Double?

  public static let header = "step,tokens,lr,train_loss,grad_norm,step_seconds,val_loss,loss_excess,grad_ratio"

  public var csv: String {
    "\(step),\(tokens),\(fmt(lr)),\(fmt(trainLoss)),\(fmt(gradNorm)),\(String(format: "%.6f", stepSeconds)),"
      + [valLoss, lossExcess, gradRatio].map { $0.map(fmt) ?? "" }.joined(separator: ",")
  }

  public init(step: Int, tokens: Int, lr: Double, trainLoss: Double, gradNorm: Double, stepSeconds: Double,
              valLoss: Double? = nil) {
    self.step = step; self.tokens = tokens; self.lr = lr; self.trainLoss = trainLoss; self.gradNorm = gradNorm
    self.stepSeconds = stepSeconds; self.valLoss = valLoss
  }

  public init?(csv line: Substring) {
    let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    guard f.count == 7 || f.count == 9, let s = Int(f[0]), let t = Int(f[1]) else { return nil }  // 7: before the spike columns
    func optional(_ k: Int) -> Double? { k < f.count && !f[k].isEmpty ? parse(f[k]) : nil }
    self.init(step: s, tokens: t, lr: parse(f[2]), trainLoss: parse(f[3]), gradNorm: parse(f[4]),
              stepSeconds: parse(f[5]), valLoss: optional(6))
    lossExcess = optional(7); gradRatio = optional(8)
  }

  /// Fills ``lossExcess`` and ``gradRatio`` of consecutive rows from step 1 on.
  static func withSpikeColumns(_ rows: [MetricsRow], criteria: SpikeCriteria = SpikeCriteria()) -> [MetricsRow] {
    let lm = Instability.runningMedians(rows.map(\.trainLoss), window: criteria.window)
    let gm = Instability.runningMedians(rows.map(\.gradNorm), window: criteria.window)
    return rows.indices.map { i in
      var r = rows[i]
      r.lossExcess = lm[i].map { r.trainLoss - $0 }
      r.gradRatio = gm[i].flatMap { $0 > 0 ? r.gradNorm / $0 : nil }
      return r
    }
  }

  /// Reads the rows of steps 1…`step` of a run's `metrics.csv` for a resume, strictly: every row
  /// must have all columns and the steps must count up from 1. A last line cut short (no final
  /// newline, as a truncated copy leaves it) is dropped when it lies beyond `step`; any other
  /// damage, or fewer rows than `step`, is a one-line error naming the file, so that a damaged
  /// log is never read as a different one.
  public static func readForResume(_ path: String, through step: Int) throws -> [MetricsRow] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw MHCError("\(path) cannot be read; the checkpoint is at step \(step): delete the run folder to start over")
    }
    let lines = RunFiles.completeLines(text)
    guard lines.first.map(String.init) == header else { throw MHCError("\(path) has no metrics header; cannot resume from it") }
    let columns = header.split(separator: ",").count
    var rows: [MetricsRow] = []
    for (i, line) in lines.dropFirst().enumerated() {
      guard line.split(separator: ",", omittingEmptySubsequences: false).count == columns, let r = MetricsRow(csv: line),
        r.step == i + 1 else {
        throw MHCError("\(path) line \(i + 2) is damaged ('\(line.prefix(60))'); cannot resume from it")
      }
      if r.step <= step { rows.append(r) }
    }
    guard rows.count == step else {
      throw MHCError("\(path) has \(rows.count) rows but the checkpoint is at step \(step); delete the run folder to start over")
    }
    return rows
  }

  /// Reads a `metrics.csv`.
  public static func read(_ path: String) throws -> [MetricsRow] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw MHCError("cannot read \(path)") }
    return RunFiles.completeLines(text).dropFirst().compactMap { MetricsRow(csv: $0) }
  }
}

/// One row of `gains.csv`: the gains and stochastic deviation of one sublayer at one evaluation.
public struct GainRow: Sendable, Equatable {
  public var step: Int
  public var sublayer: Int
  public var gains: SublayerGains
  public var deviation: StochasticDeviation
  /// mHC: the largest `max − min` of one token's `H_res` logits (empty otherwise); above
  /// ``SinkhornKnopp/fastSpread`` the projection runs in the log domain.
  public var logitSpread: Double?

  public static let header = "step,sublayer,forward_gain,backward_gain,composite_forward_gain,composite_backward_gain,row_deviation,column_deviation,min_entry,logit_spread"

  public var csv: String {
    [fmt(gains.single.forward), fmt(gains.single.backward), fmt(gains.composite.forward),
     fmt(gains.composite.backward), fmt(deviation.row), fmt(deviation.column), fmt(deviation.minEntry),
     logitSpread.map(fmt) ?? ""]
      .reduce("\(step),\(sublayer)") { $0 + "," + $1 }
  }

  public init(step: Int, sublayer: Int, gains: SublayerGains, deviation: StochasticDeviation,
              logitSpread: Double? = nil) {
    self.step = step; self.sublayer = sublayer; self.gains = gains; self.deviation = deviation
    self.logitSpread = logitSpread
  }

  /// Parses a row; files written before the `logit_spread` column (9 fields) still read.
  public init?(csv line: Substring) {
    let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    guard f.count == 9 || f.count == 10, let s = Int(f[0]), let k = Int(f[1]) else { return nil }
    self.init(step: s, sublayer: k,
              gains: SublayerGains(single: AmaxGain(forward: parse(f[2]), backward: parse(f[3])),
                                   composite: AmaxGain(forward: parse(f[4]), backward: parse(f[5]))),
              deviation: StochasticDeviation(row: parse(f[6]), column: parse(f[7]), minEntry: parse(f[8])),
              logitSpread: f.count == 10 && !f[9].isEmpty ? parse(f[9]) : nil)
  }

  public static func read(_ path: String) throws -> [GainRow] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw MHCError("cannot read \(path)") }
    return RunFiles.completeLines(text).dropFirst().compactMap { GainRow(csv: $0) }
  }
}

/// The token-averaged learned `H_res` of every sublayer and of their composite, at the last evaluation.
public struct ResidualMappings: Codable, Sendable {
  public var step: Int
  public var n: Int
  /// Row-major `n×n` per sublayer.
  public var sublayers: [[Double]]
  public var composite: [Double]
}

/// `summary.json`.
public struct RunSummary: Codable, Sendable {
  /// `completed`, `diverged` or `running` (interrupted).
  public var status: String
  public var steps: Int
  public var tokens: Int
  public var seconds: Double
  public var params: Int
  /// Completed runs: the loss on the fixed final evaluation set (``EvaluationSet``); diverged
  /// runs: the last in-training evaluation (as ``lastValLoss``).
  public var finalEvalLoss: Double?
  /// Standard error of ``finalEvalLoss`` over the windows of the final evaluation set.
  public var finalEvalStandardError: Double?
  /// Windows of the final evaluation set.
  public var finalEvalWindows: Int?
  /// The last in-training evaluation (`evalBatches` random validation batches).
  public var lastValLoss: Double?
  public var finalTrainLoss: Double?
  /// Mean training loss of the last 10% of steps (less noisy than the last step).
  public var finalTrainLossAverage: Double?
  public var divergedStep: Int?
  public var divergedReason: String?
  /// The first non-finite quantity (``Transformer/firstNonFinite(gradients:)``) of a diverged run.
  public var divergedSource: String?
  public var maxCompositeForwardGain: Double?
  public var maxCompositeBackwardGain: Double?
  public var maxSingleForwardGain: Double?
  public var maxSingleBackwardGain: Double?
  public var maxColumnDeviation: Double?
  public var maxRowDeviation: Double?
  /// mHC: the largest per-token `H_res` logit spread at the last evaluation.
  public var maxLogitSpread: Double?
  /// Loss and gradient spikes and divergence over the training curve.
  public var instability: InstabilityReport?
  public var meanStepSeconds: Double
  public var tokensPerSecond: Double
  public var flopsPerStep: Double
  /// Bytes held by the model, its gradients, AdamW state and activations.
  public var trainingBytes: Int?
  /// Peak resident memory of the process when the run ended (includes earlier runs of the same process).
  public var peakResidentBytes: Int?

  enum CodingKeys: String, CodingKey {
    case status, steps, tokens, seconds, params
    case finalEvalLoss = "final_eval_loss", finalEvalStandardError = "final_eval_se"
    case finalEvalWindows = "final_eval_windows", lastValLoss = "last_val_loss"
    case finalTrainLoss = "final_train_loss"
    case finalTrainLossAverage = "final_train_loss_avg"
    case divergedStep = "diverged_step", divergedReason = "diverged_reason", divergedSource = "diverged_source"
    case maxCompositeForwardGain = "max_composite_forward_gain"
    case maxCompositeBackwardGain = "max_composite_backward_gain"
    case maxSingleForwardGain = "max_single_forward_gain", maxSingleBackwardGain = "max_single_backward_gain"
    case maxColumnDeviation = "max_column_deviation", maxRowDeviation = "max_row_deviation"
    case maxLogitSpread = "max_logit_spread", instability
    case meanStepSeconds = "mean_step_seconds", tokensPerSecond = "tokens_per_second"
    case flopsPerStep = "flops_per_step"
    case trainingBytes = "training_bytes", peakResidentBytes = "peak_resident_bytes"
  }
}

/// `meta.json`: where and how a run ran.
public struct RunMeta: Codable, Sendable {
  public var gitRevision: String
  /// Uncommitted changes to the code (`Package.swift`, `Sources`, `experiments`) when the run started.
  public var gitDirty: Bool
  public var host: String
  public var blasCore: String
  public var blasSelection: String
  /// Threads a large product runs on.
  public var blasThreads: Int
  /// How products use the cores: `split` (the toolkit's threads, OpenBLAS single-threaded)
  /// or `openblas` (OpenBLAS's own threads); see ``GEMMThreading``.
  public var products: String?
  /// Threads of the per-token passes (``Parallel/threads``).
  public var threads: Int?
  public var precision: String
  public var started: String
  public var stopped: String?
  /// `running`, `completed`, `diverged`, or `interrupted` (stopped early by a signal or
  /// ``TrainingRun/stopAfterStep``; a re-run resumes from its checkpoint).
  public var status: String
  public var resumedFromStep: Int?
  /// Set when the newest checkpoint was damaged or missing and the run resumed from the previous one.
  public var resumeNote: String?
  /// The `.safetensors` file the weights started from (`train --init-from`).
  public var initFrom: String?

  enum CodingKeys: String, CodingKey {
    case gitRevision = "git_revision", gitDirty = "git_dirty", host
    case blasCore = "blas_core", blasSelection = "blas_selection", blasThreads = "blas_threads", products, threads
    case precision, started, stopped, status, resumedFromStep = "resumed_from_step", resumeNote = "resume_note"
    case initFrom = "init_from"
  }

  public static func current(status: String) -> RunMeta {
    let rev = RunFiles.commandOutput(["git", "rev-parse", "HEAD"]) ?? "unknown"
    // dirty = the code differs from the revision; results/ and plots/ (which runs write) do not count
    let dirty = !(RunFiles.commandOutput(["git", "status", "--porcelain", "--untracked-files=no", "--",
                                          "Package.swift", "Sources", "experiments"]) ?? "").isEmpty
    return RunMeta(gitRevision: rev, gitDirty: dirty, host: ProcessInfo.processInfo.hostName,
                   blasCore: BLASRuntime.coreName, blasSelection: BLASRuntime.selection,
                   blasThreads: BLASRuntime.threads, products: GEMMThreading.split ? "split" : "openblas",
                   threads: Parallel.threads, precision: Float.precisionName, started: timestamp(),
                   stopped: nil, status: status, resumedFromStep: nil)
  }
}

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
    let flags = "--batch \(c.batch) --seq \(c.seq) --width \(c.width) --layers \(c.layers) --heads \(c.heads)"
      + (c.connection == .residual ? "" : " --streams \(c.streams)")
    throw MHCError("\(flags) needs an estimated \(need == .max ? "more than 100 PiB" : TrainingMemory.describe(need)) to train but the limit is \(TrainingMemory.describe(limit.bytes)) (\(limit.source)); lower --batch, --seq, --layers or --width, or set the limit with --max-memory SIZE (e.g. 64G)")
  }

  /// The summary of a finished (completed or diverged) run in `directory`, if any.
  public static func finishedSummary(in directory: String) -> RunSummary? {
    let p = (directory as NSString).appendingPathComponent("summary.json")
    guard let s = try? RunFiles.readJSON(RunSummary.self, from: p), s.status != "running" else { return nil }
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
        throw MHCError("\(cfgPath) holds a different configuration (\(differingKeys(old, config).joined(separator: ", "))); use another folder or delete it")
      }
    }
    try RunFiles.writeJSON(config, to: cfgPath)

    let corpus = try ByteCorpus(path: config.corpus, minimumSplit: config.seq + 1)
    let model = try Transformer<Float>(config.model, batch: config.batch, seed: config.seed)
    let store = model.parameters
    var optimizer = AdamW<Float>(parameterCount: store.count, weightDecay: config.weightDecay)
    var sampler = WindowSampler(corpus.train, seed: config.seed &+ 0x5EED)
    let replay = try config.batchesFile.map { try ReplayBatches(path: $0, config: config) }
    var evalSampler = WindowSampler(corpus.validation, seed: 0xE7A1)  // same windows for every run
    let evalBatches = (0..<config.evalBatches).map { _ in evalSampler.batch(config.batch, seq: config.seq) }
    let schedule = config.schedule
    let tokensPerStep = config.batch * config.seq

    var metrics: [MetricsRow] = []
    var gainRows: [GainRow] = []
    var mappingRows: [MappingRow] = []
    let hasMappings = config.connection != .residual
    var start = 0
    var elapsed = 0.0
    var meta = RunMeta.current(status: "running")
    if let restored = try Checkpoint.resume(path("checkpoint.bin"), into: store, optimizer: &optimizer, config: config) {
      let ck = restored.header
      start = ck.step
      sampler.rng = ck.sampler
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
    if start == 0, let file = initFrom {
      try store.load(Safetensors.read(file).tensors, from: file)
      meta.initFrom = file
    } else if start > 0 && (initFrom != nil || dumpBatches != nil) {
      throw MHCError("\(directory) resumes from its checkpoint at step \(start); --init-from and --dump-batches need a run that starts at step 0")
    }
    try RunFiles.writeJSON(meta, to: path("meta.json"))
    var dumped: [Int32] = []
    func saveWeights(_ name: String) throws {
      try RunFiles.write(Safetensors.encode(store.safetensors(), metadata: ["format": "mhc-toolkit weights",
                                                                           "step": "\(step)"]), to: path(name))
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
        try RunFiles.writeJSON(ResidualMappings(step: 0, n: config.model.connection.streams, sublayers: mean.perSublayer,
                                                composite: mean.composite), to: path("hres-init.json"))
        mappingRows = model.mappingMetrics(step: 0, initial: initialMeans)
      } else {
        initialMeans = (try? RunFiles.readJSON(ResidualMappings.self, from: path("hres-init.json")))?.sublayers
      }
    }

    func writeLogs() throws {
      metrics = MetricsRow.withSpikeColumns(metrics)
      try RunFiles.write(([MetricsRow.header] + metrics.map(\.csv)).joined(separator: "\n") + "\n", to: path("metrics.csv"))
      try RunFiles.write(([GainRow.header] + gainRows.map(\.csv)).joined(separator: "\n") + "\n", to: path("gains.csv"))
      if hasMappings {
        try RunFiles.write(([MappingRow.header] + mappingRows.map(\.csv)).joined(separator: "\n") + "\n",
                           to: path("mappings.csv"))
      }
    }

    /// Validation loss, recording gains on the first evaluation batch (and, for a
    /// non-finite batch loss, where it came from in `evalSource`).
    var evalSource: String?
    func evaluate(step: Int) throws -> Double {
      var total = 0.0
      for (i, b) in evalBatches.enumerated() {
        let batchLoss = model.forward(inputs: b.inputs, targets: b.targets)
        if !batchLoss.isFinite && evalSource == nil {
          evalSource = model.firstNonFinite(gradients: false) ?? "none found (loss reduction)"
        }
        total += batchLoss
        if i == 0 && config.connection != .residual {
          let gains = model.gains(), devs = model.stochasticDeviations(), spreads = model.logitSpreads()
          for k in 0..<gains.count {
            gainRows.append(GainRow(step: step, sublayer: k, gains: gains[k], deviation: devs[k],
                                    logitSpread: spreads[k]))
          }
          mappingRows += model.mappingMetrics(step: step, initial: initialMeans)
          let mean = model.meanResidualMappings()
          try RunFiles.writeJSON(ResidualMappings(step: step, n: config.model.connection.streams,
                                                  sublayers: mean.perSublayer, composite: mean.composite),
                                 to: path("hres.json"))
        }
      }
      let loss = total / Double(evalBatches.count)
      let last = gainRows.filter { $0.step == step }.map(\.gains)
      for o in observers { o.evaluated(step: step, loss: loss, gains: last) }
      return loss
    }

    var status = "completed"
    var divergedStep: Int?, divergedReason: String?, divergedSource: String?
    while step < config.steps {
      let t0 = DispatchTime.now().uptimeNanoseconds
      let lr = schedule.rate(at: step)
      let (x, y) = replay?.batch(step) ?? sampler.batch(config.batch, seq: config.seq)
      if dumpBatches != nil { dumped += ReplayBatches.windows(inputs: x, targets: y, seq: config.seq) }
      let (loss, norm) = trainingStep(model, optimizer: &optimizer, inputs: x, targets: y, lr: lr, clip: config.clip)
      let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
      elapsed += dt
      step += 1
      var row = MetricsRow(step: step, tokens: step * tokensPerStep, lr: lr, trainLoss: loss, gradNorm: norm,
                           stepSeconds: dt)
      if !loss.isFinite || !norm.isFinite {
        status = "diverged"; divergedStep = step
        divergedSource = model.firstNonFinite(gradients: loss.isFinite) ?? "none found (loss reduction)"
        divergedReason = (!loss.isFinite ? "training loss \(loss)" : "gradient norm \(norm)")
          + "; first non-finite: \(divergedSource!)"
        metrics.append(row)
        break
      }
      if step % config.evalEvery == 0 || step == config.steps {
        let v = try evaluate(step: step)
        row.valLoss = v
        if !v.isFinite {
          status = "diverged"; divergedStep = step
          divergedSource = evalSource ?? "none found (loss reduction)"
          divergedReason = "validation loss \(v); first non-finite: \(divergedSource!)"
        }
      }
      metrics.append(row)
      for o in observers { o.stepEnded(row, of: config.steps) }
      if status != "diverged", let dead = Instability.deadSince(metrics.map(\.trainLoss), metrics.map(\.gradNorm),
                                                                vocab: config.model.vocab) {
        status = "diverged"; divergedStep = dead
        divergedReason = "dead network: training loss ln \(config.model.vocab) with a zero gradient for \(Instability.deadSteps) steps from step \(dead)"
        divergedSource = "none (finite, but nothing left to learn from)"
      }
      if status == "diverged" { break }
      let interrupt = (stopAfterStep.map { step >= $0 } ?? false) || Interruption.requested != nil
      if (step % config.checkpointEvery! == 0 || interrupt) && step < config.steps {
        try writeLogs()
        try Checkpoint.save(path("checkpoint.bin"), store: store, optimizer: optimizer, step: step,
                            sampler: sampler.rng, seconds: elapsed, config: config)
      }
      if let k = saveEvery, step % k == 0 { try saveWeights("model-step\(step).safetensors") }
      if interrupt && step < config.steps { status = "running"; break }
    }
    try writeLogs()

    // The final evaluation: the fixed large set, the same windows for every run of this corpus and seq.
    var final: FinalEvaluation?
    if status == "completed" {
      let set = EvaluationSet(validation: corpus.validation, seq: config.seq, limit: config.finalEvalWindows!)
      let result = set.evaluate(model, batch: config.batch)
      try RunFiles.write(result.csv, to: path("final-eval.csv"))
      final = result
      if !result.loss.isFinite {
        status = "diverged"; divergedStep = config.steps
        divergedReason = "final evaluation loss \(result.loss)"
        divergedSource = model.firstNonFinite(gradients: false) ?? "none found (loss reduction)"
      }
    }
    let lastVal = metrics.last { $0.valLoss != nil }?.valLoss

    let last = gainRows.filter { $0.step == gainRows.last?.step }
    let tail = metrics.suffix(max(1, config.steps / 10)).map(\.trainLoss)
    let summary = RunSummary(
      status: status, steps: metrics.count, tokens: metrics.count * tokensPerStep, seconds: elapsed,
      params: store.trainableCount, finalEvalLoss: final?.loss ?? lastVal,
      finalEvalStandardError: final?.standardError, finalEvalWindows: final?.windows, lastValLoss: lastVal,
      finalTrainLoss: metrics.last?.trainLoss, finalTrainLossAverage: tail.reduce(0, +) / Double(tail.count),
      divergedStep: divergedStep, divergedReason: divergedReason, divergedSource: divergedSource,
      maxCompositeForwardGain: last.map(\.gains.composite.forward).max(),
      maxCompositeBackwardGain: last.map(\.gains.composite.backward).max(),
      maxSingleForwardGain: last.map(\.gains.single.forward).max(),
      maxSingleBackwardGain: last.map(\.gains.single.backward).max(),
      maxColumnDeviation: last.map(\.deviation.column).max(), maxRowDeviation: last.map(\.deviation.row).max(),
      maxLogitSpread: last.compactMap(\.logitSpread).max(),
      instability: InstabilityReport(loss: metrics.map(\.trainLoss), gradNorm: metrics.map(\.gradNorm),
                                     warmup: config.warmup!, vocab: config.model.vocab),
      meanStepSeconds: elapsed / Double(max(metrics.count, 1)),
      tokensPerSecond: Double(metrics.count * tokensPerStep) / max(elapsed, 1e-9),
      flopsPerStep: model.trainingFLOPs(tokens: tokensPerStep), trainingBytes: model.trainingBytes,
      peakResidentBytes: ProcessMemory.peak)
    try RunFiles.writeJSON(summary, to: path("summary.json"))
    meta.stopped = timestamp()
    meta.status = status == "running" ? "interrupted" : status  // stopped early, resumable from the checkpoint
    try RunFiles.writeJSON(meta, to: path("meta.json"))
    if status != "running" {
      try saveWeights("model.safetensors")
      if let file = dumpBatches {
        let steps = dumped.count / (config.batch * (config.seq + 1))
        try RunFiles.write(Safetensors.encode([("windows", .init(dumped, shape: [steps, config.batch, config.seq + 1]))],
                                              metadata: ["format": "mhc-toolkit batches"]), to: file)
      }
      Checkpoint.remove(path("checkpoint.bin"))
    }
    for o in observers { o.finished(summary) }
    return summary
  }
}

/// Names of the keys whose values differ between two configurations.
public func differingKeys<V: Encodable>(_ a: V, _ b: V) -> [String] {
  let enc = JSONEncoder()
  guard let da = try? enc.encode(a), let db = try? enc.encode(b),
    let ja = try? JSONSerialization.jsonObject(with: da) as? [String: Any],
    let jb = try? JSONSerialization.jsonObject(with: db) as? [String: Any]
  else { return [] }
  return Set(ja.keys).union(jb.keys).sorted().filter { k in
    "\(ja[k] ?? "nil")" != "\(jb[k] ?? "nil")"
  }.map { "\($0): \(ja[$0] ?? "none") → \(jb[$0] ?? "none")" }
}

func fmt(_ x: Double) -> String {
  if x.isNaN { return "nan" }
  if x.isInfinite { return x > 0 ? "inf" : "-inf" }
  return "\(x)"
}

func parse(_ s: String) -> Double {
  switch s {
  case "nan": return .nan
  case "inf": return .infinity
  case "-inf": return -.infinity
  default: return Double(s) ?? .nan
  }
}

func timestamp() -> String {
  let f = ISO8601DateFormatter()
  return f.string(from: Date())
}
