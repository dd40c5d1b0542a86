import Foundation
import MHC
import MHCHarness

// The `mixing` task: streams x ∈ R^{n×C} drawn at random every step, a fixed target mixing M*, and
// one connection that learns H_res alone (H_pre and H_post fixed, the sublayer F ≡ 0, so its
// output is exactly H_res·x) by AdamW on the mean squared error.

/// `F ≡ 0`: the connection's output is `H_res · x`.
public final class ZeroSublayer: Sublayer {
  public typealias T = Double
  public let width: Int
  public init(width: Int) { self.width = width }
  public func forward(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, tokens: Int) {
    y.update(repeating: 0, count: tokens * width)
  }
  public func backward(_ dy: UnsafePointer<Double>, _ dx: UnsafeMutablePointer<Double>, tokens: Int) {
    dx.update(repeating: 0, count: tokens * width)
  }
}

/// A connection whose `H_res` is learned: HC (unconstrained) or mHC on one manifold.
public struct MixingMember: Sendable {
  public var label: String
  public var kind: ConnectionKind
  public var manifold = ResidualManifold.sinkhorn
}

/// A target mixing `M*` (row-major n×n) and what it is.
public struct MixingTarget: Sendable {
  public var name: String
  public var matrix: [Double]
  public var about: String
}

/// One training of one member on one target.
public struct Outcome: Codable, Sendable {
  public var member: String
  public var target: String
  public var mode: String
  public var seed: Int
  /// `‖H x − M* x‖² / ‖M* x‖²` on a fixed evaluation batch after the last step.
  public var finalError: Double
  /// First evaluated step (every 10) with an error below 1%.
  public var stepsToOnePercent: Int?
  enum CodingKeys: String, CodingKey {
    case member, target, mode, seed, finalError = "final_error", stepsToOnePercent = "steps_to_1pct"
  }
}

/// `results/mixing/results.json`.
public struct Stored: Codable, Sendable {
  public var n: Int, width: Int, steps: Int, lr: Double, outcomes: [Outcome]
  public init(n: Int, width: Int, steps: Int, lr: Double, outcomes: [Outcome]) {
    self.n = n; self.width = width; self.steps = steps; self.lr = lr; self.outcomes = outcomes
  }
}

/// The task's settings; ``train(_:_:dynamic:seed:)`` runs one training.
public struct MixingTask: Sendable {
  public var steps: Int, lr: Double, width: Int, tokens: Int
  public init(steps: Int, lr: Double, width: Int, tokens: Int) {
    self.steps = steps; self.lr = lr; self.width = width; self.tokens = tokens
  }

  public static let n = 4

  /// HC, then mHC on every registered manifold.
  public static let members: [MixingMember] = [MixingMember(label: "hc (unconstrained)", kind: .hc)]
    + ResidualManifold.allCases.map { MixingMember(label: $0.rawValue, kind: .mhc, manifold: $0) }

  public static var targets: [MixingTarget] {
    let n = n
    func permutation(_ p: [Int]) -> [Double] { (0..<(n * n)).map { p[$0 / n] == $0 % n ? 1 : 0 } }
    var rng = Xoshiro(seed: 77)
    let logits = (0..<(n * n)).map { _ in rng.normal() }
    let doubly = (try? SinkhornKnopp.project(logits: logits, n: n, iterations: 500)) ?? []
    let skew = (0..<(n * (n - 1) / 2)).map { _ in rng.normal() }
    var rotation = [Double](repeating: 0, count: n * n)
    var scratch = [Double](repeating: 0, count: CayleyProjection.scratchCount(n: n, iterations: 0))
    CayleyProjection.forward(logits: skew, output: &rotation, count: 1, n: n, iterations: 0, scratch: &scratch)
    return [
      MixingTarget(name: "identity", matrix: permutation([0, 1, 2, 3]), about: "I"),
      MixingTarget(name: "cyclic shift", matrix: permutation([1, 2, 3, 0]), about: "out_i = x_{i+1 mod 4}"),
      MixingTarget(name: "pair swap", matrix: permutation([1, 0, 3, 2]), about: "a bit flip: a Kronecker product of "
        + "swaps"),
      MixingTarget(name: "permutation", matrix: permutation([2, 0, 3, 1]), about: "neither cyclic nor a bit flip"),
      MixingTarget(name: "J/n", matrix: [Double](repeating: 1 / Double(n), count: n * n), about: "uniform averaging"),
      MixingTarget(name: "doubly stochastic", matrix: doubly, about: "Sinkhorn of N(0,1) logits (500 iterations)"),
      MixingTarget(name: "rotation", matrix: rotation, about: "Cayley transform of a random skew matrix (has "
        + "negative entries)"),
    ]
  }

  /// Trains `member` towards `target` and returns its outcome.
  public func train(_ member: MixingMember, _ target: MixingTarget, dynamic: Bool, seed: Int) throws -> Outcome {
    let n = Self.n, c = width, count = tokens
    var config = ConnectionConfig(kind: member.kind, streams: n, width: c, iterations: 20, learnPre: false,
                                  learnPost: false, learnRes: true, dynamic: dynamic)
    config.manifold = member.manifold
    let store = ParameterStore<Double>()
    let conn = try config.make(store: store, prefix: "c", capacity: max(count, 512))
    store.allocate(seed: UInt64(seed))
    var adam = AdamW<Double>(parameterCount: store.count, weightDecay: 0)
    let zero = ZeroSublayer(width: c)
    var rng = Xoshiro(seed: UInt64(1000 + seed))
    func batch(_ rng: inout Xoshiro, _ t: Int) -> (x: [Double], y: [Double]) {
      let x = (0..<(t * n * c)).map { _ in rng.normal() }
      var y = [Double](repeating: 0, count: x.count)
      for k in 0..<t {
        for i in 0..<n {
          for j in 0..<n where target.matrix[i * n + j] != 0 {
            for q in 0..<c { y[(k * n + i) * c + q] += target.matrix[i * n + j] * x[(k * n + j) * c + q] }
          }
        }
      }
      return (x, y)
    }
    var evalRNG = Xoshiro(seed: 999)
    let evaluation = batch(&evalRNG, 512)
    func error() -> Double {
      var out = [Double](repeating: 0, count: evaluation.x.count)
      evaluation.x.withUnsafeBufferPointer { conn.forward($0.baseAddress!, &out, tokens: 512, sublayer: zero) }
      let num = zip(out, evaluation.y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
      return num / evaluation.y.reduce(0) { $0 + $1 * $1 }
    }
    var reached: Int?
    var out = [Double](repeating: 0, count: count * n * c), dx = out, dOut = out
    for step in 1...steps {
      let (x, y) = batch(&rng, count)
      x.withUnsafeBufferPointer { xp in
        conn.forward(xp.baseAddress!, &out, tokens: count, sublayer: zero)
        let scale = 2 / Double(out.count)
        for q in 0..<out.count { dOut[q] = scale * (out[q] - y[q]) }
        store.zeroGrads()
        conn.backward(dOut, &dx, tokens: count, sublayer: zero, input: xp.baseAddress!)
      }
      adam.step(store, lr: lr)
      if reached == nil && step % 10 == 0 && error() < 0.01 { reached = step }
    }
    return Outcome(member: member.label, target: target.name, mode: dynamic ? "dynamic" : "static", seed: seed,
                   finalError: error(), stepsToOnePercent: reached)
  }

}
