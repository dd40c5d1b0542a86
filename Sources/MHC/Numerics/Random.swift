import RealModule

/// A small, fully specified random number generator (xoshiro256**, seeded by SplitMix64),
/// so the same seed gives the same initialisation and data order on every platform.
///
/// ```swift
/// var rng = Xoshiro(seed: 0)
/// let u = rng.uniform()          // [0, 1)
/// let z = rng.normal()           // N(0, 1), Box-Muller
/// ```
public struct Xoshiro: RandomNumberGenerator, Codable, Sendable, Equatable {
  public var state: [UInt64]

  public init(seed: UInt64) {
    var s = seed
    func splitmix() -> UInt64 {
      s &+= 0x9E37_79B9_7F4A_7C15
      var z = s
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    state = [splitmix(), splitmix(), splitmix(), splitmix()]
  }

  @inline(__always) static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  public mutating func next() -> UInt64 {
    let result = Xoshiro.rotl(state[1] &* 5, 7) &* 9
    let t = state[1] << 17
    state[2] ^= state[0]; state[3] ^= state[1]; state[1] ^= state[2]; state[0] ^= state[3]
    state[2] ^= t
    state[3] = Xoshiro.rotl(state[3], 45)
    return result
  }

  /// Uniform in [0, 1) with 53 random bits.
  public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// Uniform integer in `0..<bound` (bound > 0), without modulo bias.
  public mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0)
    let b = UInt64(bound)
    let limit = UInt64.max - UInt64.max % b
    while true { let r = next(); if r < limit { return Int(r % b) } }
  }

  /// Standard normal (Box-Muller, one value per call).
  public mutating func normal() -> Double {
    let u1 = 1 - uniform(), u2 = uniform()
    return (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
  }
}

@inline(__always) private func _log(_ x: Double) -> Double { Double.log(x) }
@inline(__always) private func _cos(_ x: Double) -> Double { Double.cos(x) }
