import Dispatch
import Foundation

/// Splits independent per-row work over the machine's cores, deterministically.
///
/// The rows `0..<count` are cut into at most ``threads`` contiguous ranges and `body`
/// runs once per range, concurrently. Callers only use it for work whose result for a
/// row does not depend on which range the row falls in (per-token elementwise passes,
/// per-column accumulations in token order), so the output is bit-identical for any
/// thread count, including 1. Reductions across rows stay on one thread, in row order.
///
/// ```swift
/// let tokens = 2048
/// Parallel.rows(tokens) { range in
///   for t in range { /* row t only */ }
/// }
/// Parallel.parts(tokens) { part, range in /* part indexes per-thread scratch */ }
/// ```
public enum Parallel {
  /// Threads used: the active processor count, capped at 8, or `MHC_THREADS` if set (≥ 1).
  public static let threads: Int = {
    if let s = ProcessInfo.processInfo.environment["MHC_THREADS"], let v = Int(s), v >= 1 { return v }
    return Swift.max(1, Swift.min(8, ProcessInfo.processInfo.activeProcessorCount))
  }()

  /// Runs `body(range)` over contiguous ranges covering `0..<count`; below `grain` rows per
  /// thread the split is not worth a thread hand-off and `body` runs once, inline.
  @inlinable
  public static func rows(_ count: Int, grain: Int = 16, _ body: (Range<Int>) -> Void) {
    parts(count, grain: grain) { _, range in body(range) }
  }

  /// Like ``rows(_:grain:_:)``, passing the part index `0..<partCount(count, grain:)` too.
  @inlinable
  public static func parts(_ count: Int, grain: Int = 16, _ body: (Int, Range<Int>) -> Void) {
    let p = partCount(count, grain: grain)
    if p <= 1 {
      if count > 0 { body(0, 0..<count) }
      return
    }
    withoutActuallyEscaping(body) { body in
      nonisolated(unsafe) let work = body
      DispatchQueue.concurrentPerform(iterations: p) { k in
        work(k, count * k / p..<count * (k + 1) / p)
      }
    }
  }

  /// Cuts `0..<count` into fixed blocks `[q·block, (q+1)·block)` (the last one shorter),
  /// hands each thread a contiguous run of blocks and calls `body(part, rows)` per block,
  /// so a block's data stays in cache from one step of a fused pass to the next. Block
  /// boundaries do not depend on the thread count: per-block partial sums, added in
  /// block order, give the same bits on any machine.
  @inlinable
  public static func blocks(_ count: Int, block: Int, _ body: (Int, Range<Int>) -> Void) {
    let blockCount = (count + block - 1) / block
    parts(blockCount, grain: 1) { part, run in
      for q in run { body(part, (q * block)..<Swift.min((q + 1) * block, count)) }
    }
  }

  /// How many parts ``parts(_:grain:_:)`` splits `count` rows into.
  @inlinable
  public static func partCount(_ count: Int, grain: Int = 16) -> Int {
    Swift.max(1, Swift.min(threads, count / Swift.max(1, grain)))
  }
}
