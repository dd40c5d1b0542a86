import Foundation

/// The final evaluation of a run: one fixed, large set of held-out windows, the same for every
/// run that shares a corpus and a sequence length.
///
/// The set tiles the validation split from its first byte with disjoint windows of `seq + 1`
/// bytes (window `w` starts at byte `w · (seq + 1)`), up to `limit` of them; it depends on
/// nothing else (not on the seed, the connection or the batch size), so the final losses of the
/// runs an experiment compares are measured on the same text and their paired gaps carry no
/// window-sampling noise of their own. With the `fortunes` corpus and `seq` 128 the split holds
/// 1 997 such windows (of its 257 668 bytes).
///
/// The loss is the mean over windows of each window's mean cross-entropy (equal to the mean over
/// tokens, since all windows have `seq` targets); its standard error is the sample standard
/// deviation of the per-window losses over √windows — the evaluation's own noise, treating the
/// windows as independent draws of text.
///
/// ```swift
/// let corpus = try ByteCorpus(path: ByteCorpus.defaultPath)
/// let model = try Transformer<Float>(ModelConfig(), batch: 16, seed: 0)
/// let set = EvaluationSet(validation: corpus.validation, seq: 128, limit: 2048)
/// let result = set.evaluate(model, batch: 16)
/// print(result.loss, result.standardError)      // e.g. 2.0913 0.0071
/// ```
public struct EvaluationSet: Sendable {
  /// Start of each window in the validation split.
  public let starts: [Int]
  public let seq: Int
  let data: [UInt8]

  public init(validation: [UInt8], seq: Int, limit: Int) {
    let fit = validation.count / (seq + 1)
    starts = (0..<max(0, min(fit, limit))).map { $0 * (seq + 1) }
    self.seq = seq
    data = validation
  }

  public var count: Int { starts.count }

  /// Runs the model over the set, `batch` windows per forward pass (the last one may be shorter).
  public func evaluate<T: Scalar>(_ model: Transformer<T>, batch: Int) -> FinalEvaluation {
    var perWindow: [Double] = []
    perWindow.reserveCapacity(count)
    var first = 0
    while first < count {
      let group = starts[first..<min(first + batch, count)]
      var x: [Int32] = [], y: [Int32] = []
      x.reserveCapacity(group.count * seq); y.reserveCapacity(group.count * seq)
      for s in group {
        for i in 0..<seq { x.append(Int32(data[s + i])); y.append(Int32(data[s + i + 1])) }
      }
      model.forward(inputs: x, targets: y)
      perWindow += model.sequenceLosses()
      first += group.count
    }
    return FinalEvaluation(perWindow: perWindow, seq: seq)
  }
}

/// The losses of one run on its ``EvaluationSet`` (`final-eval.csv`), and their mean and standard error.
public struct FinalEvaluation: Sendable, Equatable {
  /// Mean cross-entropy of each window (nats/byte), or of each image, in the set's order.
  public var perWindow: [Double]
  public var seq: Int
  /// Classification: whether each image's most likely class was its label.
  public var correct: [Bool]?

  public init(perWindow: [Double], seq: Int, correct: [Bool]? = nil) {
    self.perWindow = perWindow; self.seq = seq; self.correct = correct
  }

  /// Top-1 accuracy (classification), and its standard error `√(a(1 − a)/N)`.
  public var accuracy: Double? { correct.map { Double($0.filter { $0 }.count) / Double(max($0.count, 1)) } }
  public var accuracyStandardError: Double? {
    accuracy.map { a in (a * (1 - a) / Double(max(windows, 1))).squareRoot() }
  }

  public var windows: Int { perWindow.count }
  /// Mean over windows (NaN when any window's loss is not finite).
  public var loss: Double { perWindow.reduce(0, +) / Double(max(windows, 1)) }
  /// Sample standard deviation of the per-window losses / √windows (NaN for fewer than two).
  public var standardError: Double {
    guard windows >= 2 else { return .nan }
    let m = loss
    let ss = perWindow.reduce(0) { $0 + ($1 - m) * ($1 - m) }
    return (ss / Double(windows - 1)).squareRoot() / Double(windows).squareRoot()
  }

  /// Standard error of the mean per-window difference `self − other` on the same windows: the
  /// evaluation noise left in a paired gap (nil when the sets differ).
  public func pairedStandardError(against other: FinalEvaluation) -> Double? {
    guard other.windows == windows, other.seq == seq, windows >= 2 else { return nil }
    let d = zip(perWindow, other.perWindow).map { $0 - $1 }
    let m = d.reduce(0, +) / Double(windows)
    let ss = d.reduce(0) { $0 + ($1 - m) * ($1 - m) }
    return (ss / Double(windows - 1)).squareRoot() / Double(windows).squareRoot()
  }

  public static let header = "window,loss"
  public static let classificationHeader = "image,loss,correct"

  /// `final-eval.csv`: one row per window (loss to 7 significant digits: the file is for
  /// paired statistics, not for replaying the mean bit for bit, which `summary.json` keeps);
  /// for images `image,loss,correct` (1 or 0).
  public var csv: String {
    let rows = perWindow.enumerated().map { i, l in
      "\(i),\(String(format: "%.7g", l))" + (correct.map { $0[i] ? ",1" : ",0" } ?? "")
    }
    return ([correct == nil ? Self.header : Self.classificationHeader] + rows).joined(separator: "\n") + "\n"
  }

  /// Reads `final-eval.csv`; a short or damaged file is an error naming it.
  public static func read(_ path: String, seq: Int) throws -> FinalEvaluation {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw MHCError("cannot read \(path)") }
    var values: [Double] = [], correct: [Bool] = []
    let lines = RunFiles.completeLines(text)
    let images = lines.first.map(String.init) == classificationHeader
    for (i, line) in lines.dropFirst().enumerated() {
      let f = line.split(separator: ",")
      guard f.count == (images ? 3 : 2), Int(f[0]) == i else {
        throw MHCError("\(path): row \(i + 2) is not '\(images ? classificationHeader : header)' for row \(i)")
      }
      values.append(parse(String(f[1])))
      if images { correct.append(f[2] == "1") }
    }
    return FinalEvaluation(perWindow: values, seq: seq, correct: images ? correct : nil)
  }
}

extension Transformer {
  /// Mean cross-entropy of each sequence of the last ``forward(inputs:targets:)`` (nats/byte),
  /// or of each image.
  public func sequenceLosses() -> [Double] { output.exampleLosses() }
}

/// The token windows of a replayed run: a `.safetensors` file with one I32 tensor `windows` of
/// shape [steps][batch][seq + 1] (byte values 0…255); step `s` trains on inputs `w[s][b][0..<seq]`
/// and targets `w[s][b][1...seq]`. `train --dump-batches FILE` writes the windows a run used, so
/// the same run can be replayed here (`--batches FILE`) or by another implementation.
public struct ReplayBatches: Sendable {
  public let windows: [Int32]
  public let steps: Int, batch: Int, seq: Int

  public init(path: String, config: TrainConfig) throws {
    let (tensors, _) = try Safetensors.read(path)
    guard let t = tensors["windows"], let w = t.int32s, t.shape.count == 3 else {
      throw MHCError("\(path) has no I32 tensor 'windows' of shape [steps][batch][seq + 1]")
    }
    try MHCError.check(
      t.shape[0] >= config.steps && t.shape[1] == config.batch && t.shape[2] == config.model.seq + 1,
      "\(path) holds windows of shape \(t.shape); this run needs [≥ "
        + "\(config.steps)][\(config.batch)][\(config.model.seq + 1)] (--steps, --batch, --seq + 1)"
    )
    if let bad = w.first(where: { $0 < 0 || $0 > 255 }) {
      throw MHCError("\(path) holds the token \(bad); byte tokens are 0…255")
    }
    windows = w; steps = t.shape[0]; batch = t.shape[1]; seq = t.shape[2] - 1
  }

  /// Inputs and targets of step `step` (0-based).
  public func batch(_ step: Int) -> (inputs: [Int32], targets: [Int32]) {
    var x: [Int32] = [], y: [Int32] = []
    x.reserveCapacity(batch * seq); y.reserveCapacity(batch * seq)
    for b in 0..<batch {
      let w = (step * batch + b) * (seq + 1)
      x += windows[w..<(w + seq)]; y += windows[(w + 1)...(w + seq)]
    }
    return (x, y)
  }

  /// The `[batch][seq + 1]` windows behind a batch of inputs and targets.
  public static func windows(inputs: [Int32], targets: [Int32], seq: Int) -> [Int32] {
    var out: [Int32] = []
    out.reserveCapacity(inputs.count + inputs.count / seq)
    for b in 0..<(inputs.count / seq) {
      out += inputs[(b * seq)..<((b + 1) * seq)]
      out.append(targets[(b + 1) * seq - 1])
    }
    return out
  }
}
