import Foundation

/// A byte corpus: a file, or a folder read as its regular files sorted by name and
/// concatenated (`.dat` files, symlinks and hidden files skipped). The first 90% of the
/// bytes train, the last 10% validate.
///
/// ```swift
/// let corpus = try ByteCorpus(path: ByteCorpus.defaultPath)
/// var sampler = WindowSampler(corpus.train, seed: 0)
/// let (x, y) = sampler.batch(16, seq: 128)
/// ```
public struct ByteCorpus: Sendable {
  /// Debian's `fortunes` package: about 2.6 MB of English.
  public static let defaultPath = "/usr/share/games/fortunes"
  public let path: String
  public let files: [String]
  public let train: [UInt8]
  public let validation: [UInt8]

  /// Loads `path`; `minimumSplit` is the fewest bytes each split must hold (seq + 1).
  public init(path: String, minimumSplit: Int = 2) throws {
    let fm = FileManager.default
    var isDir: ObjCBool = false
    guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
      if path == Self.defaultPath {
        throw MHCError(
          "corpus \(path) does not exist; install the default with `sudo apt-get install fortunes`, or pass --corpus "
            + "FILE|FOLDER"
        )
      }
      throw MHCError("corpus \(path) does not exist; pass --corpus with a text file or a folder of text files")
    }
    var list: [String] = []
    if isDir.boolValue {
      let names = (try fm.contentsOfDirectory(atPath: path)).sorted()
      for name in names where !name.hasPrefix(".") && !name.hasSuffix(".dat") {
        let full = (path as NSString).appendingPathComponent(name)
        let attrs = try fm.attributesOfItem(atPath: full)
        if attrs[.type] as? FileAttributeType == .typeRegular { list.append(full) }
      }
    } else {
      list = [path]
    }
    var bytes: [UInt8] = []
    for f in list {
      guard let d = fm.contents(atPath: f) else { throw MHCError("corpus file \(f) cannot be read") }
      bytes.append(contentsOf: d)
    }
    let cut = bytes.count * 9 / 10
    let needed = minimumSplit * 10
    guard cut >= minimumSplit, bytes.count - cut >= minimumSplit else {
      throw MHCError(
        "corpus \(path) has \(bytes.count) bytes in \(list.count) file(s); at least \(needed) are needed so that the "
          + "10% validation split holds one window of \(minimumSplit) bytes (install `fortunes` or pass a larger "
          + "--corpus)"
      )
    }
    self.path = path
    files = list
    train = Array(bytes[..<cut])
    validation = Array(bytes[cut...])
  }
}

/// Draws random windows of `seq + 1` bytes from a split with a seeded generator; input
/// bytes are the first `seq`, targets the last `seq`.
public struct WindowSampler: Sendable {
  public let data: [UInt8]
  public var rng: Xoshiro

  public init(_ data: [UInt8], seed: UInt64) { self.data = data; rng = Xoshiro(seed: seed) }

  public mutating func batch(_ batch: Int, seq: Int) -> (inputs: [Int32], targets: [Int32]) {
    var x = [Int32](), y = [Int32]()
    x.reserveCapacity(batch * seq); y.reserveCapacity(batch * seq)
    for _ in 0..<batch {
      let start = rng.below(data.count - seq)
      for i in 0..<seq { x.append(Int32(data[start + i])); y.append(Int32(data[start + i + 1])) }
    }
    return (x, y)
  }
}
