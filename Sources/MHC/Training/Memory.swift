import Foundation

/// Resident memory of this process from `/proc/self/status` (Linux), in bytes.
public enum ProcessMemory {
  /// Peak resident set size (`VmHWM`).
  public static var peak: Int? { field("VmHWM") }
  /// Current resident set size (`VmRSS`).
  public static var current: Int? { field("VmRSS") }

  static func field(_ name: String) -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
      let digits = line.split(separator: " ").compactMap { Int($0) }
      if let kb = digits.first { return kb * 1024 }
    }
    return nil
  }
}

/// Bytes a model needs for training, computed from its configuration before anything is allocated.
///
/// It adds up exactly what ``Transformer/init(_:batch:seed:)`` allocates (``Transformer/trainingBytes``:
/// parameters, gradients and the two AdamW moments, `4 · P` values, plus every activation and
/// scratch buffer), so a configuration too large for the machine is refused in microseconds
/// instead of swapping or aborting. `TrainingMemoryTests` checks the two agree byte for byte.
///
/// ```swift
/// var m = ModelConfig(); m.seq = 100_000
/// let bytes = TrainingMemory.bytes(m, batch: 16)   // 2.6 TB: attention keeps batch·heads·seq² probabilities
/// ```
public enum TrainingMemory {
  /// Parameter count of a model.
  public static func parameters(_ m: ModelConfig) -> Int {
    let c = m.width, n = m.connection.streams
    var conn = m.connection
    conn.width = c
    let perLayer =
      Attention<Float>.parameterCount(width: c) + SwiGLU<Float>.parameterCount(width: c)
      + 2 * conn.parameterCount
    return m.task.parameterCount(m) + (m.streamInit == .embeddings ? n * c : 0) + m.layers * perLayer + c
      + (m.collapse == .learned ? CollapseHead<Float>.parameterCount(streams: n, width: c) : 0)
  }

  /// Activation and scratch elements of the whole model for `batch` sequences.
  /// `threads`: the per-thread scratch is sized for this many (``Parallel/threads`` of the process that trains).
  public static func bufferElements(_ m: ModelConfig, batch: Int, threads: Int = Parallel.threads) -> Int {
    func one(_ x: Int) -> Int { max(x, 1) }  // a pool buffer holds at least one element
    let c = m.width, n = m.connection.streams, cap = batch * m.seq, t = threads
    let attention = Attention<Float>.bufferCounts(
      width: c, heads: m.heads, seq: m.seq, capacity: cap, threads: t, causal: m.task.causal
    )
    .map(one).reduce(0, +)
    let mlp = SwiGLU<Float>.bufferCounts(width: c, capacity: cap).map(one).reduce(0, +)
    var template = m.connection
    template.width = c
    let own = template.kind.layout.ownedElements(template, capacity: cap)
    let cache = ConnectionCache<Float>.counts(template, capacity: cap).map(one).reduce(0, +)
    let workspace = ConnectionWorkspace<Float>.counts(template, capacity: cap, threads: t).map(one).reduce(0, +)
    let top =
      (m.streamBuffers + 1) * one(cap * n * c)  // + the gradient's
      + Transformer<Float>.headBufferCounts(m, capacity: cap).map(one).reduce(0, +)
      + m.task.bufferCounts(m, capacity: cap).map(one).reduce(0, +)
      + m.cacheCount * cache + workspace
    let head = m.collapse == .learned ? CollapseHead<Float>.bufferElements(streams: n, width: c, capacity: cap) : 0
    return m.layers * (attention + mlp + 2 * (own == 0 ? 0 : one(own))) + top + head
  }

  /// Bytes for training in `Float`: ``Transformer/trainingBytes`` before the model exists.
  /// Sizes whose element counts would overflow `Int` give `Int.max`.
  public static func bytes(_ m: ModelConfig, batch: Int, threads: Int = Parallel.threads) -> Int {
    let tokens = Double(batch) * Double(m.seq), c = Double(m.width), l = Double(m.layers)
    let rough =
      l * (tokens * Double(m.heads) * Double(m.seq) + 64 * tokens * c * Double(max(m.connection.streams, 4)))
      + tokens * Double(m.vocab) + 64 * l * c * c
    if rough > 1e17 { return .max }
    let f = MemoryLayout<Float>.stride
    return 4 * parameters(m) * f + bufferElements(m, batch: batch, threads: threads) * f
  }

  /// Memory this process may still use: the smaller of `MemAvailable` and the cgroup's limit
  /// (v2 `memory.max`, or v1 `memory.limit_in_bytes`) minus its usage; `nil` if neither is readable.
  public static var available: (bytes: Int, source: String)? {
    var best: (Int, String)?
    func consider(_ b: Int?, _ what: String) {
      if let b, b < (best?.0 ?? .max) { best = (b, what) }
    }
    if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
      let kb = line.split(separator: " ").compactMap({ Int($0) }).first
    {
      consider(kb * 1024, "MemAvailable")
    }
    func read(_ p: String) -> Int? {
      (try? String(contentsOfFile: p, encoding: .utf8)).flatMap {
        Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
      }
    }
    if let limit = read("/sys/fs/cgroup/memory.max") {
      consider(limit - (read("/sys/fs/cgroup/memory.current") ?? 0), "cgroup memory.max")
    } else if let limit = read("/sys/fs/cgroup/memory/memory.limit_in_bytes"), limit < 1 << 60 {
      consider(limit - (read("/sys/fs/cgroup/memory/memory.usage_in_bytes") ?? 0), "cgroup memory.limit_in_bytes")
    }
    return best
  }

  /// "1.5 GiB", "512 MiB", "12 KiB".
  public static func describe(_ bytes: Int) -> String {
    let b = Double(bytes), kib = 1024.0
    if b >= kib * kib * kib * kib { return String(format: "%.1f TiB", b / (kib * kib * kib * kib)) }
    if b >= kib * kib * kib { return String(format: "%.1f GiB", b / (kib * kib * kib)) }
    if b >= kib * kib { return String(format: "%.0f MiB", b / (kib * kib)) }
    return String(format: "%.0f KiB", b / 1024)
  }

  /// `--max-memory SIZE` as bytes, or an error naming the value and what is allowed.
  public static func limit(_ text: String) throws -> Int {
    guard let b = parse(text) else {
      throw MHCError("--max-memory '\(text)' is not a size; use bytes or a number with K, M, G or T, e.g. 64G")
    }
    return b
  }

  /// Parses a size: bytes, or a number with K, M, G or T (powers of 1024), e.g. `12G`, `512M`.
  public static func parse(_ text: String) -> Int? {
    let units: [Character: Double] = ["K": 1024, "M": 1_048_576, "G": 1_073_741_824, "T": 1_099_511_627_776]
    var s = text.uppercased().trimmingCharacters(in: .whitespaces)
    if s.hasSuffix("IB") { s.removeLast(2) } else if s.hasSuffix("B") { s.removeLast() }
    let scale = s.last.flatMap { units[$0] } ?? 1
    if scale != 1 { s.removeLast() }
    guard let v = Double(s), v > 0, v.isFinite, v * scale < 9e18 else { return nil }
    return Int(v * scale)
  }
}
