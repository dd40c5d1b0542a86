/// The data side of a task, as the training loop sees it: a seeded sampler of training batches,
/// fixed held-out batches for the evaluations during training, and the fixed final evaluation
/// set. The loop never knows whether it trains on bytes or images.
///
/// ```swift
/// var data = try TrainConfig().taskData()
/// let (x, y) = data.trainingBatch(16)
/// ```
public protocol TaskData {
  /// The training sampler's generator (a checkpoint saves it, so a resume draws the same batches).
  var rng: Xoshiro { get set }
  /// The next training batch of `batch` examples.
  mutating func trainingBatch(_ batch: Int) -> (inputs: [Int32], targets: [Int32])
  /// `count` batches of held-out examples, the same for every run of the task.
  func evaluationBatches(_ count: Int, batch: Int) -> [(inputs: [Int32], targets: [Int32])]
  /// The final evaluation on the fixed set (at most `limit` examples), `batch` examples per forward.
  func finalEvaluation<T: Scalar>(_ model: Transformer<T>, batch: Int, limit: Int) -> FinalEvaluation
}

/// Byte-level language modelling: random windows of the corpus's training split; the in-training
/// evaluations on windows drawn with a fixed seed from the validation split; the final one on
/// ``EvaluationSet`` (disjoint windows tiling the validation split).
public struct ByteData: TaskData {
  public let corpus: ByteCorpus
  public let seq: Int
  var sampler: WindowSampler

  public init(corpus: ByteCorpus, seq: Int, seed: UInt64) {
    self.corpus = corpus; self.seq = seq
    sampler = WindowSampler(corpus.train, seed: seed &+ 0x5EED)
  }

  public var rng: Xoshiro {
    get { sampler.rng }
    set { sampler.rng = newValue }
  }

  public mutating func trainingBatch(_ batch: Int) -> (inputs: [Int32], targets: [Int32]) {
    sampler.batch(batch, seq: seq)
  }

  public func evaluationBatches(_ count: Int, batch: Int) -> [(inputs: [Int32], targets: [Int32])] {
    var evalSampler = WindowSampler(corpus.validation, seed: 0xE7A1)  // same windows for every run
    return (0..<count).map { _ in evalSampler.batch(batch, seq: seq) }
  }

  public func finalEvaluation<T: Scalar>(_ model: Transformer<T>, batch: Int, limit: Int) -> FinalEvaluation {
    EvaluationSet(validation: corpus.validation, seq: seq, limit: limit).evaluate(model, batch: batch)
  }
}

/// Fashion-MNIST classification: training images drawn uniformly with replacement from the
/// 55 000-image training split; the in-training evaluations on the first images of the 5 000-image
/// validation split, in order; the final one on the 10 000 test images (or the first `limit`).
public struct ImageData: TaskData {
  public let data: FashionMNIST
  public var rng: Xoshiro

  public init(data: FashionMNIST, seed: UInt64) {
    self.data = data
    rng = Xoshiro(seed: seed &+ 0x5EED)
  }

  public mutating func trainingBatch(_ batch: Int) -> (inputs: [Int32], targets: [Int32]) {
    let n = data.train.count
    var picks: [Int] = []
    for _ in 0..<batch { picks.append(rng.below(n)) }
    return data.train.batch(picks)
  }

  public func evaluationBatches(_ count: Int, batch: Int) -> [(inputs: [Int32], targets: [Int32])] {
    let n = data.validation.count
    return (0..<count).map { b in data.validation.batch((0..<batch).map { (b * batch + $0) % n }) }
  }

  public func finalEvaluation<T: Scalar>(_ model: Transformer<T>, batch: Int, limit: Int) -> FinalEvaluation {
    let n = min(limit, data.test.count)
    var losses: [Double] = [], correct: [Bool] = []
    var first = 0
    while first < n {
      let group = first..<min(first + batch, n)
      let (x, y) = data.test.batch(group)
      model.forward(inputs: x, targets: y)
      losses += model.sequenceLosses()
      correct += model.output.exampleCorrect() ?? []
      first = group.upperBound
    }
    return FinalEvaluation(perWindow: losses, seq: model.config.seq, correct: correct)
  }
}

extension TrainConfig {
  /// The data of this run's task (reads the corpus or the image files).
  public func taskData() throws -> any TaskData {
    switch model.task {
    case .bytes:
      ByteData(corpus: try ByteCorpus(path: corpus, minimumSplit: model.seq + 1), seq: model.seq, seed: seed)
    case .fashionMNIST:
      ImageData(data: try FashionMNIST(path: data ?? FashionMNIST.defaultPath), seed: seed)
    }
  }
}
