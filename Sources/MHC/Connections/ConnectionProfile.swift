import Dispatch

/// Wall-clock seconds the connections spend in each of their passes, summed over all
/// connections while ``enabled`` (`bench` turns it on; off, it costs one branch per pass).
///
/// | phase | what runs |
/// |---|---|
/// | ``Phase/forwardBlock`` | (HC) `x̃`, `Θx̃`; per token block: (mHC) `ρ`, `z = vΦ·ρ`, the mappings and the projection of `H_res`, `h = H_pre·x` |
/// | ``Phase/mixing`` | `out = H_res·x + H_post·F(h)` |
/// | ``Phase/mixingFused`` | the mixing fused with the next mHC connection's forward block (``StreamConnection/mix(_:_:tokens:then:profiled:)``) |
/// | ``Phase/backwardMixing`` | `∂H_post`, `∂H_res`, `∂F(h)` and the `H_res` share of `∂x` |
/// | ``Phase/backwardBlock`` | per token block: `∂H_pre` and its share of `∂x`, the mappings' backward, (mHC) `sΦᵀ` and `vᵀs` into `∂x`, `∂Φ` |
/// | ``Phase/backwardBlockFused`` | the backward block fused with the previous mHC connection's backward mixing |
/// | ``Phase/sums`` | `∂α`, `∂b` over tokens; `∂Φ` blocks summed in order (HC: `∂Θ`, `∂x̃`, RMS norm backward) |
/// | ``Phase/recompute`` | the forward passes replayed in the backward (``Transformer`` with `recompute`) |
///
/// ```swift
/// let model = try Transformer<Float>(ModelConfig(), batch: 16, seed: 0)
/// let x = [Int32](repeating: 65, count: 16 * 128), y = x   // batch · seq bytes
/// ConnectionProfile.reset(); ConnectionProfile.enabled = true
/// model.forward(inputs: x, targets: y); model.backward()
/// print(ConnectionProfile.seconds[.mixing] ?? 0)
/// ```
public enum ConnectionProfile {
  public enum Phase: String, CaseIterable, Sendable, Codable {
    case forwardBlock = "forward_block", mixing, mixingFused = "mixing+next_forward_block", backwardMixing =
      "backward_mixing", backwardBlock = "backward_block"
    case backwardBlockFused = "backward_block+previous_backward_mixing", sums, recompute
  }

  nonisolated(unsafe) public static var enabled = false

  /// Column titles for tables.
  public static let shortNames: [Phase: String] = [
    .forwardBlock: "fwd", .mixing: "mix", .mixingFused: "mix+fwd", .backwardMixing: "bmix", .backwardBlock: "bblock",
    .backwardBlockFused: "bblock+bmix", .sums: "sums", .recompute: "recompute",
  ]
  nonisolated(unsafe) public private(set) static var seconds: [Phase: Double] = [:]

  public static func reset() { seconds = [:] }

  /// Runs `body`, adding its time to `phase` when profiling (and `counted`).
  @inline(__always)
  static func measure<R>(_ phase: Phase, _ counted: Bool = true, _ body: () -> R) -> R {
    guard enabled && counted else { return body() }
    let t0 = DispatchTime.now().uptimeNanoseconds
    let r = body()
    seconds[phase, default: 0] += Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
    return r
  }
}
