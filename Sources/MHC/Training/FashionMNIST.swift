import CZlib
import Foundation

/// Zalando's Fashion-MNIST (Debian's `dataset-fashion-mnist`): 60 000 training and 10 000 test
/// images of 28 × 28 grey pixels in 10 classes, as four gzip-compressed IDX files.
///
/// The splits: the **first 55 000** training images train, the **last 5 000** are the fixed
/// validation split (evaluations during training, model selection), and the 10 000 test images
/// are only for the final number. Pixels are standardised by ``PatchEmbedding`` with the
/// training set's mean and standard deviation of `pixel / 255`, ``mean`` = 0.2860 and ``std`` =
/// 0.3530 (over all 60 000 × 784 training pixels: 0.28604 and 0.35302, checked by a test).
///
/// IDX (big-endian): images `0x00000803`, count, rows, columns, then count·rows·columns bytes;
/// labels `0x00000801`, count, then count bytes. Files are read through zlib (`gzread`, which
/// also reads an uncompressed file as is); a missing, short, damaged or inconsistent file is a
/// one-line error naming it.
///
/// ```swift
/// let data = try FashionMNIST(path: FashionMNIST.defaultPath)
/// print(data.train.count, data.validation.count, data.test.count)   // 55000 5000 10000
/// ```
public struct FashionMNIST: Sendable {
  public static let defaultPath = "/usr/share/datasets/fashion-mnist"
  public static let side = 28
  public static let classes = 10
  public static let mean = 0.2860
  public static let std = 0.3530
  /// Training images held out, from the end of the training file.
  public static let validationCount = 5000
  public static let classNames = [
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
  ]

  /// Images `[count][784]` and their labels.
  public struct Split: Sendable {
    public let pixels: [UInt8]
    public let labels: [UInt8]
    public var count: Int { labels.count }

    /// Inputs and targets of the images at `indices`, as ``Transformer/forward(inputs:targets:)`` reads them.
    public func batch<S: Sequence<Int>>(_ indices: S) -> (inputs: [Int32], targets: [Int32]) {
      let size = FashionMNIST.side * FashionMNIST.side
      var x: [Int32] = [], y: [Int32] = []
      for i in indices {
        x += pixels[(i * size)..<((i + 1) * size)].map { Int32($0) }
        y.append(Int32(labels[i]))
      }
      return (x, y)
    }
  }

  public let path: String
  public let train: Split, validation: Split, test: Split

  public init(path: String = defaultPath) throws {
    let fm = FileManager.default
    var isDir: ObjCBool = false
    guard fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
      throw MHCError(
        "Fashion-MNIST folder \(path) does not exist; install it with `sudo apt-get install dataset-fashion-mnist` "
          + "(or run scripts/install-deps.sh), or pass --data FOLDER"
      )
    }
    func file(_ stem: String) throws -> String {
      for name in [stem + ".gz", stem] {
        let full = (path as NSString).appendingPathComponent(name)
        if fm.fileExists(atPath: full) { return full }
      }
      throw MHCError("\(path) has no \(stem).gz (nor \(stem)); it should hold the four Fashion-MNIST IDX files")
    }
    let trainPixels = try Self.images(file("train-images-idx3-ubyte"))
    let trainLabels = try Self.labels(file("train-labels-idx1-ubyte"), images: trainPixels.count)
    let testPixels = try Self.images(file("t10k-images-idx3-ubyte"))
    let testLabels = try Self.labels(file("t10k-labels-idx1-ubyte"), images: testPixels.count)
    let n = trainLabels.count, size = Self.side * Self.side
    try MHCError.check(
      !testLabels.isEmpty,
      "\(path): the test files hold 0 images; at least 1 is needed (the final evaluation is on the test set)")
    try MHCError.check(
      n > Self.validationCount,
      "\(path): the training file holds \(n) images; more than \(Self.validationCount) are needed (the validation "
        + "split)"
    )
    let cut = n - Self.validationCount
    self.path = path
    train = Split(pixels: Array(trainPixels.bytes[..<(cut * size)]), labels: Array(trainLabels[..<cut]))
    validation = Split(pixels: Array(trainPixels.bytes[(cut * size)...]), labels: Array(trainLabels[cut...]))
    test = Split(pixels: testPixels.bytes, labels: testLabels)
  }

  /// The whole file, decompressed (a plain file is read as is).
  public static func gunzip(_ file: String) throws -> [UInt8] {
    guard let gz = gzopen(file, "rb") else { throw MHCError("\(file) cannot be opened") }
    defer { gzclose(gz) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let got = chunk.withUnsafeMutableBytes { gzread(gz, $0.baseAddress, UInt32($0.count)) }
      if got < 0 { throw MHCError("\(file) is damaged: \(zlibError(gz))") }
      if got == 0 { break }
      out += chunk[..<Int(got)]
    }
    var code: Int32 = 0
    _ = gzerror(gz, &code)
    if code == Z_BUF_ERROR { throw MHCError("\(file) is truncated: its gzip stream ends early") }
    if code != Z_OK { throw MHCError("\(file) is damaged: \(zlibError(gz))") }
    return out
  }

  static func zlibError(_ gz: gzFile) -> String {
    var code: Int32 = 0
    return gzerror(gz, &code).map { String(cString: $0) } ?? "zlib error \(code)"
  }

  /// The first `words` big-endian 32-bit words, the first of which must be `magic` (an IDX `kind` file).
  static func header(_ b: [UInt8], _ words: Int, magic: Int, kind: String, file: String) throws -> [Int] {
    try MHCError.check(b.count >= 4 * words, "\(file) holds \(b.count) bytes; too short for an IDX header")
    let h = (0..<words).map { w in (0..<4).reduce(0) { $0 << 8 | Int(b[4 * w + $1]) } }
    try MHCError.check(
      h[0] == magic,
      "\(file) starts with the magic number 0x\(String(h[0], radix: 16)); an IDX \(kind) file starts with "
        + "0x\(String(magic, radix: 16))"
    )
    return h
  }

  static func images(_ file: String) throws -> (bytes: [UInt8], count: Int) {
    let b = try gunzip(file)
    let h = try header(b, 4, magic: 0x803, kind: "image", file: file)
    try MHCError.check(
      h[2] == side && h[3] == side, "\(file) holds \(h[2])×\(h[3]) images; Fashion-MNIST images are \(side)×\(side)")
    let size = h[1] * side * side
    try MHCError.check(
      b.count == 16 + size,
      "\(file) holds \(b.count - 16) pixel bytes; its header promises \(h[1]) images (\(size) bytes)")
    return (Array(b[16...]), h[1])
  }

  static func labels(_ file: String, images: Int) throws -> [UInt8] {
    let b = try gunzip(file)
    let h = try header(b, 2, magic: 0x801, kind: "label", file: file)
    try MHCError.check(
      h[1] == images, "\(file) holds \(h[1]) labels but its image file holds \(images) images")
    try MHCError.check(
      b.count == 8 + h[1], "\(file) holds \(b.count - 8) label bytes; its header promises \(h[1])")
    let labels = Array(b[8...])
    if let bad = labels.firstIndex(where: { Int($0) >= classes }) {
      throw MHCError("\(file): label \(labels[bad]) of image \(bad) is invalid; labels are 0…\(classes - 1)")
    }
    return labels
  }
}
