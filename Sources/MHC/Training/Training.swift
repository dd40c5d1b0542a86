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
/// let model = try Transformer<Float>(ModelConfig(), batch: 16, seed: 0)
/// var adam = AdamW<Float>(parameterCount: model.parameters.count)
/// let x = [Int32](repeating: 65, count: 16 * 128), y = x   // batch · seq bytes and their next bytes
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
/// var config = TrainConfig(); config.model.connection.kind = .mhc; config.steps = 300
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
  /// The experiment, cell and variant a sweep trains this run as; recorded in `meta.json`.
  public var design: RunDesign?

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
      "--batch \(c.batch) --seq \(c.model.seq) --width \(c.model.width) --layers \(c.model.layers) --heads "
        + "\(c.model.heads)"
      + (c.model.connection.kind == .residual ? "" : " --streams \(c.model.connection.streams)")
    throw MHCError(
      "\(flags) needs an estimated \(need == .max ? "more than 100 PiB" : TrainingMemory.describe(need)) to train "
        + "but the limit is \(TrainingMemory.describe(limit.bytes)) (\(limit.source)); lower --batch, --seq, "
        + "--layers or --width, or set the limit with --max-memory SIZE (e.g. 64G)"
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
          "\(cfgPath) holds a different configuration (\(differingKeys(old, config).joined(separator: ", "))); use "
            + "another folder or delete it"
        )
      }
    }
    try RunFiles.writeJSON(config, to: cfgPath)

    let session = try TrainingSession(self)
    try session.restore()
    try session.train()
    return try session.finish()
  }
}
