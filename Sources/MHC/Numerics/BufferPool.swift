/// Owns the activation and scratch buffers of one module: zero-initialised, 64-byte aligned
/// (a cache line, and whole AVX-512 vectors), freed together when the pool goes away.
///
/// ```swift
/// let tokens = 2048, width = 128
/// let pool = BufferPool<Float>()
/// let h = pool.buffer(tokens * width)
/// ```
public final class BufferPool<T: Scalar> {
  private var pointers: [UnsafeMutableRawPointer] = []
  public private(set) var bytes = 0

  public init() {}

  /// A zeroed buffer of `count` elements (at least one).
  public func buffer(_ count: Int) -> UnsafeMutablePointer<T> {
    let n = Swift.max(count, 1)
    let raw = UnsafeMutableRawPointer.allocate(byteCount: n * MemoryLayout<T>.stride, alignment: 64)
    let p = raw.bindMemory(to: T.self, capacity: n)
    p.initialize(repeating: 0, count: n)
    pointers.append(raw)
    bytes += n * MemoryLayout<T>.stride
    return p
  }

  deinit { for p in pointers { p.deallocate() } }
}
