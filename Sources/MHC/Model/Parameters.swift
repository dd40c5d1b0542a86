/// All trainable tensors of a model in one flat buffer, llm.c style, with a matching
/// gradient buffer and a registry of names and shapes.
///
/// Modules *declare* their tensors (``declare(_:shape:initialiser:decay:frozen:)``), then
/// ``allocate(seed:)`` lays them out and initialises each from its own generator, seeded by
/// the run's seed and the tensor's name. A module reads its tensors through ``ParameterRef`` offsets, so the
/// optimizer, gradient clipping and checkpoints see a single contiguous array.
///
/// ```swift
/// let store = ParameterStore<Float>()
/// let w = store.declare("mlp.w1", shape: [352, 128], initialiser: .normal(0.02))
/// store.allocate(seed: 0)
/// let p = store.value(w)          // UnsafeMutablePointer<Float>, 352·128 values
/// ```
public final class ParameterStore<T: Scalar> {
  public enum Initialiser: Sendable {
    case normal(Double)
    case constant(Double)
    case values([Double])
  }

  public struct Info: Codable, Sendable, Equatable {
    public var name: String
    public var shape: [Int]
    public var offset: Int
    public var count: Int
    /// AdamW weight decay applies (matrices only).
    public var decay: Bool
    /// Not trained: the optimizer skips it and its gradient stays zero.
    public var frozen: Bool
    /// Multiplies the learning rate of this tensor (1 for all but a connection's `α`, `b`
    /// under `--conn-lr-mult`).
    public var lrScale: Double = 1
  }

  public private(set) var infos: [Info] = []
  private var initialisers: [Initialiser] = []
  public private(set) var count = 0
  public private(set) var values: UnsafeMutablePointer<T>
  public private(set) var grads: UnsafeMutablePointer<T>
  public private(set) var isAllocated = false

  public init() {
    values = .allocate(capacity: 1)
    grads = .allocate(capacity: 1)
  }

  deinit {
    values.deallocate()
    grads.deallocate()
  }

  /// Declares a tensor; valid until ``allocate(seed:)``.
  public func declare(
    _ name: String, shape: [Int], initialiser: Initialiser, decay: Bool = false,
    frozen: Bool = false, lrScale: Double = 1
  ) -> ParameterRef {
    precondition(!isAllocated, "ParameterStore: declare '\(name)' after allocate")
    let n = shape.reduce(1, *)
    infos.append(
      Info(name: name, shape: shape, offset: count, count: n, decay: decay, frozen: frozen, lrScale: lrScale))
    initialisers.append(initialiser)
    defer { count += n }
    return ParameterRef(offset: count, count: n)
  }

  /// Lays out and initialises every declared tensor; gradients start at zero.
  public func allocate(seed: UInt64) {
    precondition(!isAllocated)
    values.deallocate(); grads.deallocate()
    values = .allocate(capacity: max(count, 1))
    grads = .allocate(capacity: max(count, 1))
    grads.initialize(repeating: 0, count: max(count, 1))
    for (info, ini) in zip(infos, initialisers) {
      // One stream per tensor, keyed by its name: a tensor's initial values do not depend on
      // which other tensors exist, so residual, HC and mHC models share every common weight.
      var rng = Xoshiro(seed: seed ^ Self.nameHash(info.name))
      let p = values + info.offset
      switch ini {
      case .normal(let std): for i in 0..<info.count { p[i] = T(rng.normal() * std) }
      case .constant(let c): for i in 0..<info.count { p[i] = T(c) }
      case .values(let v):
        precondition(v.count == info.count, "initial values of '\(info.name)': \(v.count) for \(info.count)")
        for i in 0..<info.count { p[i] = T(v[i]) }
      }
    }
    isAllocated = true
  }

  /// FNV-1a of the name's UTF-8 bytes (stable across runs and platforms).
  static func nameHash(_ name: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in name.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return h
  }

  @inline(__always) public func value(_ r: ParameterRef) -> UnsafeMutablePointer<T> { values + r.offset }
  @inline(__always) public func grad(_ r: ParameterRef) -> UnsafeMutablePointer<T> { grads + r.offset }

  /// Sets every gradient to zero.
  public func zeroGrads() { grads.update(repeating: 0, count: count) }

  /// The registry entry named `name`.
  public func info(named name: String) -> Info? { infos.first { $0.name == name } }

  /// Copies of the values / gradients of the tensor named `name`.
  public func values(named name: String) -> [T]? {
    guard let i = info(named: name) else { return nil }
    return Array(UnsafeBufferPointer(start: values + i.offset, count: i.count))
  }
  public func grads(named name: String) -> [T]? {
    guard let i = info(named: name) else { return nil }
    return Array(UnsafeBufferPointer(start: grads + i.offset, count: i.count))
  }

  /// Overwrites the tensor named `name`.
  public func set(_ name: String, _ v: [T]) throws {
    guard let i = info(named: name) else { throw MHCError("no parameter named '\(name)'") }
    try MHCError.check(v.count == i.count, "parameter '\(name)' has \(i.count) values, got \(v.count)")
    for k in 0..<i.count { values[i.offset + k] = v[k] }
  }

  /// The number of trainable (not frozen) scalars.
  public var trainableCount: Int { infos.filter { !$0.frozen }.reduce(0) { $0 + $1.count } }
}

/// Where a tensor lives in its ``ParameterStore``.
public struct ParameterRef: Sendable, Equatable {
  public let offset: Int
  public let count: Int
}
