// mixing — which residual mixings can each manifold express? A synthetic task that isolates H_res.
//
// Streams x ∈ R^{n×C} are drawn at random every step and the target is y = M*·x for a fixed
// matrix M* (the identity, permutations, J/n, a random doubly stochastic matrix, a rotation).
// One connection learns H_res alone — H_pre and H_post fixed, the sublayer F ≡ 0, so its output
// is exactly H_res·x — by AdamW on the mean squared error, with static mappings (the bias b_res
// only) or input-dependent ones (Φ too). The final relative error and the steps to reach 1% say,
// in seconds, which targets each constraint can reach and how fast.
//
//   swift run -c release mixing               # 9 connections × 7 targets × 2 modes × 3 seeds (~1 min)
//   swift run -c release mixing --replot      # figure and summary.md from results/mixing/results.json
import ArgumentParser
import Foundation
import MHC
import MHCHarness

BLASRuntime.ensureFastKernel()

/// `F ≡ 0`: the connection's output is `H_res · x`.
final class ZeroSublayer: Sublayer {
  typealias T = Double
  let width: Int
  init(width: Int) { self.width = width }
  func forward(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, tokens: Int) {
    y.update(repeating: 0, count: tokens * width)
  }
  func backward(_ dy: UnsafePointer<Double>, _ dx: UnsafeMutablePointer<Double>, tokens: Int) {
    dx.update(repeating: 0, count: tokens * width)
  }
}

/// A connection whose `H_res` is learned: HC (unconstrained) or mHC on one manifold.
struct Member: Sendable {
  var label: String
  var kind: ConnectionKind
  var manifold = ResidualManifold.sinkhorn
}

/// A target mixing `M*` (row-major n×n) and what it is.
struct Target: Sendable {
  var name: String
  var matrix: [Double]
  var about: String
}

/// One training of one member on one target.
struct Outcome: Codable, Sendable {
  var member: String
  var target: String
  var mode: String
  var seed: Int
  /// `‖H x − M* x‖² / ‖M* x‖²` on a fixed evaluation batch after the last step.
  var finalError: Double
  /// First evaluated step (every 10) with an error below 1%.
  var stepsToOnePercent: Int?
  enum CodingKeys: String, CodingKey {
    case member, target, mode, seed, finalError = "final_error", stepsToOnePercent = "steps_to_1pct"
  }
}

struct Stored: Codable { var n: Int; var width: Int; var steps: Int; var lr: Double; var outcomes: [Outcome] }

struct Mixing: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Synthetic stream mixing: learn H_res alone towards fixed targets, under each manifold and HC.")
  @Option(help: "Seeds per (connection, target, mode).") var seeds = 3
  @Option(help: "AdamW steps per training.") var steps = 600
  @Option(help: "Peak learning rate (constant).") var lr = 0.05
  @Option(help: "Width C of each stream.") var width = 16
  @Option(help: "Tokens per step.") var tokens = 128
  @Flag(help: "Figure and summary.md from results/mixing/results.json only; no training.") var replot = false
  @Flag(help: "Plain progress lines.") var plain = false
  @Option(help: "Results folder.") var results = "results"
  @Option(help: "Figures folder.") var plots = "plots"
  @OptionGroup var fixed: FixedRunOptions

  func validate() throws {
    try fixed.check("mixing", jobsWhy: "its tasks train in one process in about a minute")
  }

  static let n = 4

  // MARK: Config

  static let members: [Member] = [Member(label: "hc (unconstrained)", kind: .hc)]
    + ResidualManifold.allCases.map { Member(label: $0.rawValue, kind: .mhc, manifold: $0) }

  static var targets: [Target] {
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
      Target(name: "identity", matrix: permutation([0, 1, 2, 3]), about: "I"),
      Target(name: "cyclic shift", matrix: permutation([1, 2, 3, 0]), about: "out_i = x_{i+1 mod 4}"),
      Target(name: "pair swap", matrix: permutation([1, 0, 3, 2]), about: "a bit flip: a Kronecker product of swaps"),
      Target(name: "permutation", matrix: permutation([2, 0, 3, 1]), about: "neither cyclic nor a bit flip"),
      Target(name: "J/n", matrix: [Double](repeating: 1 / Double(n), count: n * n), about: "uniform averaging"),
      Target(name: "doubly stochastic", matrix: doubly, about: "Sinkhorn of N(0,1) logits (500 iterations)"),
      Target(name: "rotation", matrix: rotation, about: "Cayley transform of a random skew matrix (has negative entries)"),
    ]
  }

  // MARK: Runs

  /// Trains `member` towards `target` and returns its outcome.
  func train(_ member: Member, _ target: Target, dynamic: Bool, seed: Int) throws -> Outcome {
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

  func run() throws {
    let path = "\(results)/mixing/results.json"
    var stored: Stored
    if replot {
      guard let s = try? RunFiles.readJSON(Stored.self, from: path) else {
        throw ValidationError("mixing --replot: no \(path); run `swift run -c release mixing` first")
      }
      stored = s
    } else {
      stored = Stored(n: Self.n, width: width, steps: steps, lr: lr, outcomes: [])
      let total = Self.members.count * Self.targets.count * 2 * seeds
      let start = Date()
      for member in Self.members {
        for dynamic in [false, true] {
          for target in Self.targets {
            for seed in 0..<seeds { stored.outcomes.append(try train(member, target, dynamic: dynamic, seed: seed)) }
          }
          print("mixing: \(member.label) \(dynamic ? "dynamic" : "static") done (\(stored.outcomes.count)/\(total), "
                + String(format: "%.0f s)", Date().timeIntervalSince(start)))
        }
      }
      try FileManager.default.createDirectory(atPath: "\(results)/mixing", withIntermediateDirectories: true)
      try RunFiles.writeJSON(stored, to: path)
    }
    try report(stored)
  }

  // MARK: Figure and summary

  func report(_ s: Stored) throws {
    let targets = Self.targets.map(\.name), members = Self.members.map(\.label)
    func outcomes(_ m: String, _ t: String, _ mode: String) -> [Outcome] {
      s.outcomes.filter { $0.member == m && $0.target == t && $0.mode == mode }
    }
    /// Mean of log10(final error) over the seeds.
    func logError(_ o: [Outcome]) -> Double? {
      o.isEmpty ? nil : SeedInterval(o.map { log10(max($0.finalError, 1e-16)) }).mean
    }
    func note(_ o: [Outcome]) -> String {
      guard let l = logError(o) else { return "" }
      let steps = o.compactMap(\.stepsToOnePercent)
      let reach = steps.count == o.count ? "\(Int(SeedInterval(steps.map(Double.init)).mean)) st" : "\(steps.count)/\(o.count) <1%"
      return String(format: "1e%.1f", l) + "\n" + reach
    }
    let panels = ["static", "dynamic"].map { mode in
      PhasePanel(
        title: "\(mode) mappings: log10 relative error (white = 1%)", rowLabels: members, columnLabels: targets,
        values: members.map { m in targets.map { t in logError(outcomes(m, t, mode)).map { $0 + 2 } } },
        notes: members.map { m in targets.map { t in note(outcomes(m, t, mode)) } })
    }
    let figure = Chart.phaseMaps(
      "mixing", title: "learning a fixed mixing y = M*x with H_res alone (n = \(s.n), \(s.steps) AdamW steps, mean of \(seeds) seeds)",
      panels: panels, xlabel: "target M*", ylabel: "connection", range: 6, cellWidth: 120, cellHeight: 56)
    try Gnuplot.render(figure, in: plots)

    var text = """
      # mixing — which targets can each residual mixing reach?

      Streams x ∈ R^{\(s.n)×\(s.width)} drawn from N(0, 1) every step; target y = M*·x; one connection learns
      H_res alone (H_pre = 1/n and H_post = 1 fixed, the sublayer F ≡ 0, so the output is H_res·x) by AdamW
      (lr \(s.lr), no weight decay) on the mean squared error, \(s.steps) steps of \(tokens) tokens. Static: the
      bias b_res only (Φ frozen at 0); dynamic: Φ learned too (input-dependent). Error: ‖H x − M* x‖² / ‖M* x‖²
      on 512 fixed evaluation tokens, mean of log10 over \(seeds) seeds; "st": mean steps to reach 1% (evaluated
      every 10), or how many seeds reached it. mHC starts from b = 0 (`--init uniform`: J/n where the member can
      express it, I for cayley), HC from its own init (b_res = I).

      | target | M* |
      | --- | --- |

      """
    for t in Self.targets { text += "| \(t.name) | \(t.about) |\n" }
    for mode in ["static", "dynamic"] {
      var table = MarkdownTable(["connection"] + targets)
      for m in members {
        table.add([m] + targets.map { t in
          let o = outcomes(m, t, mode)
          guard let l = logError(o) else { return "–" }
          let steps = o.compactMap(\.stepsToOnePercent)
          return String(format: "1e%.1f", l) + (steps.count == o.count ? " (\(Int(SeedInterval(steps.map(Double.init)).mean)) st)" : " (\(steps.count)/\(o.count) < 1%)")
        })
      }
      text += "\n## \(mode.capitalized) mappings: final relative error (steps to 1%)\n\n\(table.text)"
    }
    text += """

      Figure: `plots/mixing.png` (blue: below 1% error, red: above; each cell the mean log error and the steps to 1%).
      Results: `results/mixing/results.json` (every seed). A target a constraint cannot express stays red however
      long it trains; one it can express only at the boundary of its set (a permutation for a doubly stochastic
      member: logits → ∞) turns blue slowly.

      """
    try ExperimentSummary.write(
      text, experiment: "mixing",
      options: try SweepOptions.parse(["--results", results, "--plots", plots]), figures: "mixing.png")
  }
}

Mixing.main()
