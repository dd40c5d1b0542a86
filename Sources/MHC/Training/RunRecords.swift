import Foundation

/// Where a run stands, in `meta.json` and `summary.json`.
public enum RunStatus: String, Codable, Sendable, CaseIterable {
  /// Training (or killed without a chance to say so: a re-run resumes from its checkpoint).
  case running
  /// All steps done and the final evaluation written.
  case completed
  /// Stopped by a non-finite or runaway loss, or a dead network (``InstabilityReport``).
  case diverged
  /// Stopped early by a signal or ``TrainingRun/stopAfterStep``; a re-run resumes from its checkpoint.
  case interrupted
}

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
  /// Classification runs: the top-1 accuracy on the validation batches (evaluation steps only).
  public var valAccuracy: Double?
  /// Whether the row has the `val_accuracy` column (classification runs).
  public var classification = false

  public static let header = "step,tokens,lr,train_loss,grad_norm,step_seconds,val_loss,loss_excess,grad_ratio"
  /// The header of a classification run's `metrics.csv`.
  public static let classificationHeader = header + ",val_accuracy"

  public var csv: String {
    "\(step),\(tokens),\(fmt(lr)),\(fmt(trainLoss)),\(fmt(gradNorm)),\(String(format: "%.6f", stepSeconds)),"
      + [valLoss, lossExcess, gradRatio].map { $0.map(fmt) ?? "" }.joined(separator: ",")
      + (classification ? "," + (valAccuracy.map(fmt) ?? "") : "")
  }

  public init(
    step: Int, tokens: Int, lr: Double, trainLoss: Double, gradNorm: Double, stepSeconds: Double,
    valLoss: Double? = nil
  ) {
    self.step = step; self.tokens = tokens; self.lr = lr; self.trainLoss = trainLoss; self.gradNorm = gradNorm
    self.stepSeconds = stepSeconds; self.valLoss = valLoss
  }

  public init?(csv line: Substring) {
    let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    // 7: before the spike columns; 10: a classification run's
    guard f.count == 7 || f.count == 9 || f.count == 10, let s = Int(f[0]), let t = Int(f[1]) else { return nil }
    func optional(_ k: Int) -> Double? { k < f.count && !f[k].isEmpty ? parse(f[k]) : nil }
    self.init(
      step: s, tokens: t, lr: parse(f[2]), trainLoss: parse(f[3]), gradNorm: parse(f[4]),
      stepSeconds: parse(f[5]), valLoss: optional(6))
    lossExcess = optional(7); gradRatio = optional(8)
    if f.count == 10 { classification = true; valAccuracy = optional(9) }
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
    guard let first = lines.first.map(String.init), first == header || first == classificationHeader else {
      throw MHCError("\(path) has no metrics header; cannot resume from it")
    }
    let columns = first.split(separator: ",").count
    var rows: [MetricsRow] = []
    for (i, line) in lines.dropFirst().enumerated() {
      guard line.split(separator: ",", omittingEmptySubsequences: false).count == columns,
        let r = MetricsRow(csv: line),
        r.step == i + 1
      else {
        throw MHCError("\(path) line \(i + 2) is damaged ('\(line.prefix(60))'); cannot resume from it")
      }
      if r.step <= step { rows.append(r) }
    }
    guard rows.count == step else {
      throw MHCError(
        "\(path) has \(rows.count) rows but the checkpoint is at step \(step); delete the run folder to start over")
    }
    return rows
  }

  /// Reads a `metrics.csv`: the complete lines that parse (a run still writing it may have a cut last line).
  public static func read(_ path: String) throws -> [MetricsRow] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw MHCError("cannot read \(path)") }
    return RunFiles.completeLines(text).dropFirst().compactMap { MetricsRow(csv: $0) }
  }

  /// Reads a finished run's `metrics.csv`, refusing any damage with one line: a cut last line, a row
  /// that does not parse or has the wrong number of columns, steps that do not count 1, 2, 3, …
  public static func readFinished(_ path: String) throws -> [MetricsRow] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw MHCError("cannot read \(path)") }
    if !text.isEmpty && !text.hasSuffix("\n") {
      throw MHCError("\(path) ends in a cut line ('\(text.suffix(40).split(separator: "\n").last ?? "")')")
    }
    let lines = RunFiles.completeLines(text)
    // the current headers, or an older one with fewer trailing columns (committed parity runs)
    guard let first = lines.first.map(String.init), first.hasPrefix("step,tokens,lr,train_loss,grad_norm") else {
      throw MHCError("\(path) has no metrics header")
    }
    let columns = first.split(separator: ",", omittingEmptySubsequences: false).count
    var rows: [MetricsRow] = []
    for (i, line) in lines.dropFirst().enumerated() {
      guard line.split(separator: ",", omittingEmptySubsequences: false).count == columns,
        let r = MetricsRow(csv: line),
        r.step == i + 1
      else { throw MHCError("\(path) line \(i + 2) is damaged ('\(line.prefix(60))')") }
      rows.append(r)
    }
    return rows
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

  public static let header =
    "step,sublayer,forward_gain,backward_gain,composite_forward_gain,composite_backward_gain,row_deviation,column_deviation,min_entry,logit_spread"

  public var csv: String {
    [
      fmt(gains.single.forward), fmt(gains.single.backward), fmt(gains.composite.forward),
      fmt(gains.composite.backward), fmt(deviation.row), fmt(deviation.column), fmt(deviation.minEntry),
      logitSpread.map(fmt) ?? "",
    ]
    .reduce("\(step),\(sublayer)") { $0 + "," + $1 }
  }

  public init(
    step: Int, sublayer: Int, gains: SublayerGains, deviation: StochasticDeviation,
    logitSpread: Double? = nil
  ) {
    self.step = step; self.sublayer = sublayer; self.gains = gains; self.deviation = deviation
    self.logitSpread = logitSpread
  }

  /// Parses a row; files written before the `logit_spread` column (9 fields) still read.
  public init?(csv line: Substring) {
    let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    guard f.count == 9 || f.count == 10, let s = Int(f[0]), let k = Int(f[1]) else { return nil }
    self.init(
      step: s, sublayer: k,
      gains: SublayerGains(
        single: AmaxGain(forward: parse(f[2]), backward: parse(f[3])),
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
  /// `completed`, `diverged`, or `interrupted` (a re-run resumes).
  public var status: RunStatus
  public var steps: Int
  public var tokens: Int
  public var seconds: Double
  public var params: Int
  /// Classification runs: top-1 accuracy on the final evaluation set (the test images), its
  /// standard error, and the last in-training validation accuracy.
  public var finalEvalAccuracy: Double?
  public var finalEvalAccuracyStandardError: Double?
  public var lastValAccuracy: Double?
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
    case finalEvalLoss = "final_eval_loss"
    case finalEvalStandardError = "final_eval_se"
    case finalEvalWindows = "final_eval_windows"
    case finalEvalAccuracy = "final_eval_accuracy"
    case finalEvalAccuracyStandardError = "final_eval_accuracy_se"
    case lastValAccuracy = "last_val_accuracy"
    case lastValLoss = "last_val_loss"
    case finalTrainLoss = "final_train_loss"
    case finalTrainLossAverage = "final_train_loss_avg"
    case divergedStep = "diverged_step"
    case divergedReason = "diverged_reason"
    case divergedSource = "diverged_source"
    case maxCompositeForwardGain = "max_composite_forward_gain"
    case maxCompositeBackwardGain = "max_composite_backward_gain"
    case maxSingleForwardGain = "max_single_forward_gain"
    case maxSingleBackwardGain = "max_single_backward_gain"
    case maxColumnDeviation = "max_column_deviation"
    case maxRowDeviation = "max_row_deviation"
    case maxLogitSpread = "max_logit_spread"
    case instability
    case meanStepSeconds = "mean_step_seconds"
    case tokensPerSecond = "tokens_per_second"
    case flopsPerStep = "flops_per_step"
    case trainingBytes = "training_bytes"
    case peakResidentBytes = "peak_resident_bytes"
  }
}

/// Which experiment, cell and variant a run belongs to: written to its `meta.json`, so a run
/// folder says what it is without its id being parsed.
public struct RunDesign: Codable, Sendable, Hashable {
  public var experiment: String
  public var cell: String
  public var variant: String
  public init(experiment: String, cell: String, variant: String) {
    self.experiment = experiment; self.cell = cell; self.variant = variant
  }
}

/// `meta.json`: where and how a run ran.
public struct RunMeta: Codable, Sendable {
  public var gitRevision: String
  /// Uncommitted changes to the code (`Package.swift`, `Sources`, `experiments`) when the run started.
  public var gitDirty: Bool
  public var host: String
  /// The CPU's model name (``BLASRuntime/cpuModel``), so runs from different machine kinds can be told
  /// apart (absent in older runs).
  public var cpu: String?
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
  /// ``RunStatus``: `running` while it trains.
  public var status: RunStatus
  public var resumedFromStep: Int?
  /// Set when the newest checkpoint was damaged or missing and the run resumed from the previous one.
  public var resumeNote: String?
  /// The `.safetensors` file the weights started from (`train --init-from`).
  public var initFrom: String?
  /// The experiment, cell and variant of a run a sweep trained (absent for `train` and older runs).
  public var design: RunDesign?

  enum CodingKeys: String, CodingKey {
    case gitRevision = "git_revision"
    case gitDirty = "git_dirty"
    case host, cpu
    case blasCore = "blas_core"
    case blasSelection = "blas_selection"
    case blasThreads = "blas_threads"
    case products, threads
    case precision, started, stopped, status
    case resumedFromStep = "resumed_from_step"
    case resumeNote = "resume_note"
    case initFrom = "init_from"
    case design
  }

  public static func current(status: RunStatus) -> RunMeta {
    let rev = RunFiles.commandOutput(["git", "rev-parse", "HEAD"]) ?? "unknown"
    // dirty = the code differs from the revision; results/ and plots/ (which runs write) do not count
    let dirty =
      !(RunFiles.commandOutput([
        "git", "status", "--porcelain", "--untracked-files=no", "--",
        "Package.swift", "Sources", "experiments",
      ]) ?? "").isEmpty
    return RunMeta(
      gitRevision: rev, gitDirty: dirty, host: ProcessInfo.processInfo.hostName, cpu: BLASRuntime.cpuModel,
      blasCore: BLASRuntime.coreName, blasSelection: BLASRuntime.selection,
      blasThreads: BLASRuntime.threads, products: GEMMThreading.split ? "split" : "openblas",
      threads: Parallel.threads, precision: Float.precisionName, started: timestamp(),
      stopped: nil, status: status, resumedFromStep: nil)
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
