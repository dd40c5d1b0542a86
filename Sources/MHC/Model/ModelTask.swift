/// What a model reads and predicts: the one switch over tasks. The trunk — streams, the
/// ``ResidualStack`` of attention and SwiGLU sublayers with their connections, the collapse and
/// the final RMSNorm — is the same for every task; a task supplies the ``InputEmbedding`` that
/// makes each example's tokens and the ``OutputHead`` that turns the normed tokens into a loss.
///
/// | task | input per example | tokens | attention | head, loss |
/// |---|---|---|---|---|
/// | `bytes` | `seq` bytes | `seq` | causal, RoPE | next byte: linear C → 256, cross-entropy per token |
/// | `fashion-mnist` | 28 × 28 grey pixels | 49 patches of 4 × 4 | bidirectional, no RoPE | mean pool, linear C → 10, cross-entropy per image |
///
/// ```swift
/// var m = ModelConfig(); m.task = .fashionMNIST; m.seq = ModelTask.fashionMNIST.tokens ?? 0
/// let vit = try Transformer<Float>(m, batch: 128, seed: 0)
/// ```
public enum ModelTask: String, Codable, CaseIterable, Sendable {
  /// Byte-level language modelling (the paper's setting, scaled down).
  case bytes
  /// Fashion-MNIST image classification with a vision transformer.
  case fashionMNIST = "fashion-mnist"

  /// Causal attention with rotary positions (language) or bidirectional attention over learned
  /// position embeddings (vision).
  public var causal: Bool { self == .bytes }

  /// Tokens per example when the task fixes them (49 patches for Fashion-MNIST); `nil`: `seq`.
  public var tokens: Int? { self == .bytes ? nil : PatchEmbedding<Float>.patches }

  /// Classes the head predicts: the 256 byte values, or the 10 Fashion-MNIST classes.
  public func outputs(vocab: Int) -> Int { self == .bytes ? vocab : FashionMNIST.classes }

  /// Which examples a loss is measured over, in words ("byte", "image").
  public var unit: String { self == .bytes ? "byte" : "image" }

  /// The input module (declares its parameters first, so they lead the flat parameter vector).
  func makeInput<T: Scalar>(_ m: ModelConfig, capacity: Int, store: ParameterStore<T>) -> any InputEmbedding<T> {
    switch self {
    case .bytes: ByteEmbedding(vocab: m.vocab, width: m.width, seq: m.seq, store: store)
    case .fashionMNIST: PatchEmbedding(width: m.width, capacity: capacity, store: store)
    }
  }

  /// The output module (declares its parameters last).
  func makeOutput<T: Scalar>(_ m: ModelConfig, capacity: Int, store: ParameterStore<T>) -> any OutputHead<T> {
    switch self {
    case .bytes: NextByteHead(vocab: m.vocab, width: m.width, seq: m.seq, capacity: capacity, store: store)
    case .fashionMNIST:
      ClassifierHead(classes: FashionMNIST.classes, width: m.width, tokens: m.seq, capacity: capacity, store: store)
    }
  }

  /// Element counts of the input and output modules' buffers for `capacity` tokens.
  func bufferCounts(_ m: ModelConfig, capacity: Int) -> [Int] {
    switch self {
    case .bytes:
      ByteEmbedding<Float>.bufferCounts() + NextByteHead<Float>.bufferCounts(vocab: m.vocab, capacity: capacity)
    case .fashionMNIST:
      PatchEmbedding<Float>.bufferCounts(width: m.width, capacity: capacity)
        + ClassifierHead<Float>.bufferCounts(
          classes: FashionMNIST.classes, width: m.width, examples: capacity / m.seq)
    }
  }

  /// Parameters of the input and output modules.
  func parameterCount(_ m: ModelConfig) -> Int {
    switch self {
    case .bytes: 2 * m.vocab * m.width
    case .fashionMNIST:
      PatchEmbedding<Float>.parameterCount(width: m.width) + FashionMNIST.classes * m.width
    }
  }

  /// Matmul weights each token passes through outside the blocks (per-token FLOPs / 2): the head
  /// for language (every token is predicted), the patch projection and the head's share for vision.
  func outsideWeightsPerToken(_ m: ModelConfig) -> Double {
    switch self {
    case .bytes: Double(m.width) * Double(m.vocab)
    case .fashionMNIST:
      Double(PatchEmbedding<Float>.values * m.width) + Double(FashionMNIST.classes * m.width) / Double(m.seq)
    }
  }
}

/// The first module of a model: turns one batch's inputs into a vector per token.
///
/// The model gives it the first stream of every token (`out + t · stride`, `stride = n·C`) to
/// write into and copies that into the other streams; in the backward it receives the gradient
/// of all `n` streams of every token (`d + t · stride + j · C`) and adds the parameters' gradients.
public protocol InputEmbedding<T>: AnyObject {
  associatedtype T: Scalar
  /// Input values per example (`seq` bytes; 784 pixels).
  var inputsPerExample: Int { get }
  /// Activation and scratch buffers.
  var pool: BufferPool<T> { get }
  /// Writes the vector of every token of `inputs` (`tokens` of them) into `out + t · stride`.
  func forward(_ inputs: [Int32], _ out: UnsafeMutablePointer<T>, stride: Int, tokens: Int)
  /// Adds `∂L/∂θ` given `∂L/∂(every copy)`: `copies` rows of `C` at `d + t · stride`.
  func backward(_ inputs: [Int32], _ d: UnsafePointer<T>, stride: Int, copies: Int, tokens: Int)
}

/// The last module of a model: from the final-normed tokens `[tokens][C]` to a mean loss.
public protocol OutputHead<T>: AnyObject {
  associatedtype T: Scalar
  /// Targets per example (`seq` next bytes; one label).
  var targetsPerExample: Int { get }
  /// Activation and scratch buffers.
  var pool: BufferPool<T> { get }
  /// Mean cross-entropy over the targets; caches what ``backward(_:tokens:)`` needs.
  func forward(_ x: UnsafePointer<T>, targets: [Int32], tokens: Int) -> Double
  /// Writes `∂L/∂x` into `dx` `[tokens][C]` and adds the head's parameter gradients.
  func backward(_ dx: UnsafeMutablePointer<T>, tokens: Int)
  /// Mean cross-entropy of each example of the last forward (nats per byte, or per image).
  func exampleLosses() -> [Double]
  /// Whether each example's most likely class was its label (classification), else `nil`.
  func exampleCorrect() -> [Bool]?
}
