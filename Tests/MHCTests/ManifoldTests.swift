import Foundation
import MHC
import MHCHarness
import Testing

/// The residual manifolds: properties, exact backward (finite differences in Double), the
/// DeepSeek-V4 member against a literal transcription of its released code, and whole models.
@Suite struct ManifoldTests {
  func run(_ m: ResidualManifold, _ logits: [Double], n: Int, iterations: Int) -> [Double] {
    let count = logits.count / m.logitCount(n: n)
    var out = [Double](repeating: 0, count: count * n * n)
    let scratch = UnsafeMutablePointer<Double>.allocate(capacity: m.scratchCount(n: n, iterations: iterations))
    defer { scratch.deallocate() }
    m.forward(logits: logits, output: &out, count: count, n: n, iterations: iterations, scratch: scratch)
    return out
  }

  func vjp(_ m: ResidualManifold, _ logits: [Double], _ cot: [Double], n: Int, iterations: Int) -> [Double] {
    let count = logits.count / m.logitCount(n: n)
    var d = [Double](repeating: 0, count: logits.count)
    let scratch = UnsafeMutablePointer<Double>.allocate(capacity: m.scratchCount(n: n, iterations: iterations))
    defer { scratch.deallocate() }
    m.backward(logits: logits, dOutput: cot, dLogits: &d, count: count, n: n, iterations: iterations, scratch: scratch)
    return d
  }

  @Test func permutationTables() {
    for n in 1...6 {
      let count = BirkhoffMixture.permutationCount(n)
      let perms = (0..<count).map { BirkhoffMixture.permutation($0, n: n) }
      #expect(Set(perms).count == count && perms.allSatisfy { Set($0) == Set(0..<n) })
      #expect(perms[0] == Array(0..<n), "k = 0 is the identity")
    }
    #expect(BirkhoffMixture.permutationCount(4) == 24 && ResidualManifold.birkhoff.logitCount(n: 4) == 24)
  }

  /// Birkhoff: exactly doubly stochastic for any logits (even spread 200), so every Amax gain is 1.
  @Test(arguments: [2, 3, 4, 5])
  func birkhoffIsDoublyStochastic(n: Int) {
    let p = BirkhoffMixture.permutationCount(n)
    for scale in [0.1, 3.0, 100.0] {
      let logits = randomArray(5 * p, seed: UInt64(n), scale: scale)
      let h = run(.birkhoff, logits, n: n, iterations: 0)
      for t in 0..<5 {
        let m = Array(h[(t * n * n)..<((t + 1) * n * n)])
        for i in 0..<n {
          let row = (0..<n).reduce(0.0) { $0 + m[i * n + $1] }, col = (0..<n).reduce(0.0) { $0 + m[$1 * n + i] }
          #expect(abs(row - 1) < 1e-12 && abs(col - 1) < 1e-12)
        }
        #expect(m.allSatisfy { $0 >= 0 })
        let g = m.withUnsafeBufferPointer { AmaxGain.of($0.baseAddress!, n: n) }
        #expect(abs(g.forward - 1) < 1e-12 && abs(g.backward - 1) < 1e-12)
      }
    }
    // uniform logits: the mean of all permutation matrices is J/n
    let j = run(.birkhoff, [Double](repeating: 0, count: p), n: n, iterations: 0)
    #expect(j.allSatisfy { abs($0 - 1 / Double(n)) < 1e-14 })
  }

  /// A literal transcription of DeepSeek-V4's `hc_split_sinkhorn` (in `comb` orientation:
  /// softmax over the last axis, + eps, divide by column sums + eps, then t − 1 rounds of rows
  /// and columns), transposed: what ``DeepSeekV4Projection`` must equal.
  func deepseekReference(_ l: [Double], n: Int, iterations: Int) -> [Double] {
    let eps = 1e-6
    // comb[j][k] = logit of H_res[k][j]
    var comb = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for j in 0..<n { for k in 0..<n { comb[j][k] = l[k * n + j] } }
    for j in 0..<n {  // comb.softmax(-1) + eps
      let top = comb[j].max()!, e = comb[j].map { Foundation.exp($0 - top) }, s = e.reduce(0, +)
      comb[j] = e.map { $0 / s + eps }
    }
    func cols() {
      for k in 0..<n { let s = (0..<n).reduce(0.0) { $0 + comb[$1][k] }; for j in 0..<n { comb[j][k] /= s + eps } }
    }
    func rows() { for j in 0..<n { let s = comb[j].reduce(0, +); for k in 0..<n { comb[j][k] /= s + eps } } }
    if iterations >= 1 {
      cols()
      for _ in 0..<(iterations - 1) { rows(); cols() }
    }
    var h = [Double](repeating: 0, count: n * n)
    for i in 0..<n { for j in 0..<n { h[i * n + j] = comb[j][i] } }  // H_res = combᵀ
    return h
  }

  @Test(arguments: [(2, 1), (3, 5), (4, 20), (4, 0)])
  func deepseekV4MatchesItsReleasedCode(n: Int, iterations: Int) {
    for scale in [0.5, 4.0, 40.0] {
      let logits = randomArray(3 * n * n, seed: UInt64(7 * n + iterations), scale: scale)
      let h = run(.deepseekV4, logits, n: n, iterations: iterations)
      for t in 0..<3 {
        let ref = deepseekReference(Array(logits[(t * n * n)..<((t + 1) * n * n)]), n: n, iterations: iterations)
        #expect(
          maxRelError(Array(h[(t * n * n)..<((t + 1) * n * n)]), ref) < 1e-13, "n \(n) t \(iterations) scale \(scale)")
      }
    }
    // near doubly stochastic after 20 rounds: the last pass normalises rows (sums 1 − O(ε))
    let h = run(.deepseekV4, randomArray(16, seed: 3), n: 4, iterations: 20)
    for i in 0..<4 {
      #expect(abs((0..<4).reduce(0.0) { $0 + h[i * 4 + $1] } - 1) < 1e-5)
      #expect(abs((0..<4).reduce(0.0) { $0 + h[$1 * 4 + i] } - 1) < 1e-3)
    }
  }

  /// Every registered manifold (``ResidualManifold/registry``) at each n of `ns` it accepts, with
  /// `t_max` where it iterates: a member added to the registry is checked without being listed here.
  static func everyMember(n ns: [Int], iterations t: Int) -> [(ResidualManifold, Int, Int)] {
    ResidualManifold.allCases.flatMap { m in
      ns.filter { (try? m.validate(n: $0)) != nil }.map { (m, $0, m.iterates ? t : 0) }
    }
  }

  @Test(
    arguments: everyMember(n: [2, 3, 4], iterations: 5) + [
      (ResidualManifold.deepseekV4, 4, 20), (.deepseekV4, 2, 1), (.kronecker, 8, 0), (.orthostochastic, 4, 20),
    ])
  func backwardMatchesFiniteDifferences(m: ResidualManifold, n: Int, iterations: Int) {
    let r = m.logitCount(n: n), count = 3
    var logits = randomArray(count * r, seed: 11, scale: 1.5)
    let cot = randomArray(count * n * n, seed: 12)
    let analytic = vjp(m, logits, cot, n: n, iterations: iterations)
    let err = logits.withUnsafeMutableBufferPointer { p in
      finiteDifferenceError(p.baseAddress!, count: count * r, analytic: analytic) {
        zip(run(m, Array(p), n: n, iterations: iterations), cot).reduce(0) { $0 + $1.0 * $1.1 }
      }
    }
    #expect(err < 1e-7, "\(m) n \(n) t \(iterations): FD error \(err)")
    #expect(analytic.map(abs).max()! > 1e-4, "gradients are not all tiny")
  }

  /// Blocked members (V4 works on blocks of 64 tokens): many tokens at once — crossing block
  /// boundaries, a partial last block — give exactly what each token gives alone, forward and
  /// backward, in Double and in Float.
  @Test(arguments: everyMember(n: [4], iterations: 20) + [(ResidualManifold.deepseekV4, 3, 1)])
  func manyTokensEqualOneAtATime(m: ResidualManifold, n: Int, iterations: Int) {
    let r = m.logitCount(n: n), count = 150
    let logits = randomArray(count * r, seed: 21, scale: 3), cot = randomArray(count * n * n, seed: 22)
    let h = run(m, logits, n: n, iterations: iterations), d = vjp(m, logits, cot, n: n, iterations: iterations)
    for t in [0, 1, 63, 64, 127, 128, 149] {
      let l = Array(logits[(t * r)..<((t + 1) * r)]), c = Array(cot[(t * n * n)..<((t + 1) * n * n)])
      #expect(run(m, l, n: n, iterations: iterations) == Array(h[(t * n * n)..<((t + 1) * n * n)]), "\(m) token \(t)")
      #expect(vjp(m, l, c, n: n, iterations: iterations) == Array(d[(t * r)..<((t + 1) * r)]), "\(m) token \(t)")
    }
    // Float: the same path, close to Double
    let lf = logits.map(Float.init), cf = cot.map(Float.init)
    var hf = [Float](repeating: 0, count: count * n * n), df = [Float](repeating: 0, count: count * r)
    var scratch = [Float](repeating: 0, count: m.scratchCount(n: n, iterations: iterations))
    m.forward(logits: lf, output: &hf, count: count, n: n, iterations: iterations, scratch: &scratch)
    m.backward(logits: lf, dOutput: cf, dLogits: &df, count: count, n: n, iterations: iterations, scratch: &scratch)
    // relative to the largest entry: the unconstrained member's exp reaches e^10
    #expect(zip(hf, h).map { abs(Double($0) - $1) }.max()! < 1e-5 * max(1, h.map(abs).max()!), "\(m)")
    // relative to the largest gradient: 20 Newton–Schulz steps (orthostochastic) amplify Float rounding
    #expect(zip(df, d).map { abs(Double($0) - $1) }.max()! < 1e-4 * max(1, d.map(abs).max()!), "\(m)")
  }

  /// Row and column sums of every token's `H` (n×n blocks): the largest deviation from 1.
  func stochasticError(_ h: [Double], n: Int) -> Double {
    var worst = 0.0
    for t in 0..<(h.count / (n * n)) {
      let m = Array(h[(t * n * n)..<((t + 1) * n * n)])
      for i in 0..<n {
        worst = max(worst, abs((0..<n).reduce(0.0) { $0 + m[i * n + $1] } - 1))
        worst = max(worst, abs((0..<n).reduce(0.0) { $0 + m[$1 * n + i] } - 1))
      }
    }
    return worst
  }

  /// Kronecker and circulant: doubly stochastic by construction for any logits (spread 200
  /// too), non-negative, every Amax gain 1; uniform logits give `J/n`, the identity init ≈ `I`.
  @Test(arguments: [
    (ResidualManifold.kronecker, 2), (.kronecker, 4), (.kronecker, 8), (.circulant, 3), (.circulant, 5),
  ])
  func exactMembersAreDoublyStochastic(m: ResidualManifold, n: Int) {
    let r = m.logitCount(n: n)
    for scale in [0.1, 3.0, 100.0] {
      let h = run(m, randomArray(6 * r, seed: UInt64(n), scale: scale), n: n, iterations: 0)
      #expect(stochasticError(h, n: n) < 1e-12 && h.allSatisfy { $0 >= 0 }, "\(m) n \(n) scale \(scale)")
    }
    let j = run(m, [Double](repeating: 0, count: r), n: n, iterations: 0)
    #expect(j.allSatisfy { abs($0 - 1 / Double(n)) < 1e-14 })
    let id = run(m, m.initialLogits(.identity, n: n), n: n, iterations: 0)
    #expect((0..<n).allSatisfy { id[$0 * n + $0] > 0.85 }, "\(m): identity init \(id)")
  }

  @Test func kroneckerIsAProductOfTwoByTwoFactors() {
    let l = [0.3, -1.2]  // n = 4: F₁ ⊗ F₂
    let p = l.map { 1 / (1 + Foundation.exp(-$0)) }
    let f = p.map { [[$0, 1 - $0], [1 - $0, $0]] }
    let h = run(.kronecker, l, n: 4, iterations: 0)
    for i in 0..<4 { for j in 0..<4 { #expect(abs(h[i * 4 + j] - f[0][i / 2][j / 2] * f[1][i % 2][j % 2]) < 1e-15) } }
    #expect(throws: MHCError.self) { try ResidualManifold.kronecker.validate(n: 6) }
    #expect(ResidualManifold.kronecker.logitCount(n: 8) == 3 && ResidualManifold.kronecker.logitCount(n: 1) == 0)
  }

  /// Cayley: orthogonal for any logits, `A = 0` is `I`; gains between 1 and √n (it has negative entries).
  @Test(arguments: [2, 3, 4, 6])
  func cayleyIsOrthogonal(n: Int) {
    let r = ResidualManifold.cayley.logitCount(n: n)
    #expect(r == n * (n - 1) / 2)
    for scale in [0.1, 3.0, 100.0] {
      let h = run(.cayley, randomArray(5 * r, seed: UInt64(n), scale: scale), n: n, iterations: 0)
      for t in 0..<5 {
        let m = Array(h[(t * n * n)..<((t + 1) * n * n)])
        for i in 0..<n {
          for j in 0..<n {
            let dot = (0..<n).reduce(0.0) { $0 + m[i * n + $1] * m[j * n + $1] }
            #expect(abs(dot - (i == j ? 1 : 0)) < 1e-10, "n \(n) scale \(scale)")
          }
        }
        let g = m.withUnsafeBufferPointer { AmaxGain.of($0.baseAddress!, n: n) }
        #expect(g.forward >= 1 - 1e-12 && g.forward <= Double(n).squareRoot() + 1e-12)
      }
    }
    let id = run(.cayley, [Double](repeating: 0, count: r), n: n, iterations: 0)
    #expect((0..<(n * n)).allSatisfy { id[$0] == ($0 % (n + 1) == 0 ? 1 : 0) })
  }

  /// Orthostochastic: doubly stochastic once Newton–Schulz has converged; truncated before.
  @Test func orthostochasticConvergesToDoublyStochastic() {
    let logits = randomArray(20 * 16, seed: 8)
    #expect(stochasticError(run(.orthostochastic, logits, n: 4, iterations: 40), n: 4) < 1e-9)
    #expect(stochasticError(run(.orthostochastic, logits, n: 4, iterations: 2), n: 4) > 1e-3)
    let u = run(.orthostochastic, ResidualManifold.orthostochastic.initialLogits(.uniform, n: 4), n: 4, iterations: 20)
    #expect(u.allSatisfy { abs($0 - 0.25) < 1e-12 }, "I − J/2 squared is J/4: \(u)")
    let id = run(
      .orthostochastic, ResidualManifold.orthostochastic.initialLogits(.identity, n: 3), n: 3, iterations: 20)
    #expect((0..<9).allSatisfy { abs(id[$0] - ($0 % 4 == 0 ? 1 : 0)) < 1e-9 })
  }

  /// Float, logits far beyond `exp`'s range: every bounded member stays finite with rows of
  /// absolute sum ≤ √n (doubly stochastic rows sum to 1, orthogonal rows have norm 1).
  @Test(arguments: ResidualManifold.allCases.filter(\.bounded))
  func floatLargeLogitsStayFinite(m: ResidualManifold) {
    let n = (try? m.validate(n: 4)) != nil ? 4 : 2, r = m.logitCount(n: n), count = 70
    let logits = randomArray(count * r, seed: 31, scale: 200).map(Float.init)
    var h = [Float](repeating: 0, count: count * n * n), d = [Float](repeating: 0, count: count * r)
    var scratch = [Float](repeating: 0, count: m.scratchCount(n: n, iterations: 30))
    m.forward(logits: logits, output: &h, count: count, n: n, iterations: 30, scratch: &scratch)
    m.backward(logits: logits, dOutput: h, dLogits: &d, count: count, n: n, iterations: 30, scratch: &scratch)
    #expect(h.allSatisfy(\.isFinite) && d.allSatisfy(\.isFinite), "\(m)")
    let rows = (0..<(count * n)).map { q in (0..<n).reduce(Float(0)) { $0 + abs(h[q * n + $1]) } }
    #expect(rows.allSatisfy { $0 < Float(n).squareRoot() + 1e-3 }, "\(m): row sums \(rows.max()!)")
  }

  @Test func noneIsSinkhornWithoutIterations() {
    let logits = randomArray(4 * 9, seed: 5)
    #expect(run(.none, logits, n: 3, iterations: 20) == run(.sinkhorn, logits, n: 3, iterations: 0))
    #expect(run(.none, logits, n: 3, iterations: 20) == logits.map { Foundation.exp($0) })
  }

  /// Whole models in Double, every parameter against finite differences: each manifold with
  /// learned mappings, plus birkhoff with the identity init and V4 at t_max = 20.
  @Test(
    arguments: ResidualManifold.allCases.map { m in
      let n = (try? m.validate(n: 3)) != nil ? 3 : 2
      return ("\(m) n\(n)", m, n, m.iterates ? 3 : 0, BiasInit.uniform)
    } + [
      ("birkhoff identity n2", ResidualManifold.birkhoff, 2, 3, BiasInit.identity),
      ("deepseek-v4 n3 t20", .deepseekV4, 3, 20, .eye), ("kronecker identity n4", .kronecker, 4, 0, .identity),
      ("circulant n3 eye", .circulant, 3, 0, .eye),
    ])
  func wholeModelGradients(label: String, manifold: ResidualManifold, n: Int, iterations: Int, bias: BiasInit) throws {
    var config = ModelConfig()
    config.width = 8; config.layers = 2; config.heads = 2; config.seq = 5
    config.connection = ConnectionConfig(kind: .mhc, streams: n, width: 8, iterations: iterations, biasInit: bias)
    config.connection.manifold = manifold
    config.streamInit = .embeddings
    try checkWholeModelGradients(config, label: label)
    // the estimate of the memory guard still equals the allocation
    let model = try Transformer<Float>(config, batch: 2, seed: 0)
    #expect(TrainingMemory.bytes(config, batch: 2) == model.trainingBytes)
  }

  /// DeepSeek-V4's learned collapse head, under HC and mHC: every parameter against finite differences.
  @Test(arguments: [ConnectionKind.hc, .mhc])
  func learnedCollapseGradients(kind: ConnectionKind) throws {
    var config = ModelConfig()
    config.width = 8; config.layers = 1; config.heads = 2; config.seq = 5
    config.connection = ConnectionConfig(kind: kind, streams: 3, width: 8, iterations: 4)
    config.connection.manifold = kind == .mhc ? .deepseekV4 : .sinkhorn
    config.streamInit = .embeddings
    config.collapse = .learned
    try checkWholeModelGradients(config, label: "\(kind) collapse learned")
    let model = try Transformer<Float>(config, batch: 2, seed: 0)
    #expect(TrainingMemory.bytes(config, batch: 2) == model.trainingBytes)
    #expect(model.parameters.infos.contains { $0.name == "head.collapse.phi" && $0.shape == [24, 3] })
  }

  @Test func birkhoffRefusesLargeN() throws {
    var c = ConnectionConfig(kind: .mhc, streams: 7, width: 8)
    c.manifold = .birkhoff
    let e = #expect(throws: MHCError.self) { try c.validate() }
    #expect(e?.description.contains("n ≤ 6") == true && e?.description.contains("5040") == true)
    c.streams = 6
    try c.validate()
    #expect(c.mappingCount == 12 + 720)
  }

  @Test func trainWithEachManifold() throws {
    for m in [ResidualManifold.birkhoff, .deepseekV4, .none] {
      var (config, dir) = try tinyRun(.mhc, steps: 4)
      defer { try? FileManager.default.removeItem(atPath: dir) }
      config.model.connection.manifold = m
      let s = try TrainingRun(config: config, directory: dir + "/r").run()
      #expect(s.status == .completed, "\(m)")
      let stored = try RunFiles.readJSON(TrainConfig.self, from: dir + "/r/config.json")
      #expect(stored.model.connection.manifold == m)
      #expect(RunID.derive(config).contains(m.rawValue))
    }
    var (learned, dir) = try tinyRun(.hc, steps: 4)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    learned.model.collapse = .learned
    #expect(try TrainingRun(config: learned, directory: dir + "/c").run().status == .completed)
    #expect(RunID.derive(learned).contains("collapse-learned"))
    var sink = TrainConfig(); sink.model.connection.manifold = .sinkhorn
    let written = try JSONSerialization.jsonObject(with: RunFiles.json(sink.resolved())) as! [String: Any]
    #expect(RunID.derive(sink) == "mhc-n4-t20-s0" && written["manifold"] == nil)  // the default, written as before
    let bad = try runTool("train", ["--connection", "hc", "--manifold", "birkhoff", "--out", "/tmp/never"])
    #expect(bad.status != 0 && bad.output.contains("--manifold birkhoff needs --connection mhc"))
  }
}

/// The mixing-shape metrics of the `manifolds` summary.
@Suite struct MixingShapeTests {
  @Test func nearestPermutationAndEffectiveRank() {
    let p: [Double] = [0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0]  // a cyclic shift
    let d = MixingShape.nearestPermutation(p, n: 4)
    #expect(d.distance < 1e-12 && d.permutation == [1, 3, 0, 2])
    #expect(abs(MixingShape.effectiveRank(p, n: 4) - 4) < 1e-12)
    let uniform = [Double](repeating: 0.25, count: 16)
    #expect(abs(MixingShape.effectiveRank(uniform, n: 4) - 1) < 1e-9)
    #expect(abs(MixingShape.nearestPermutation(uniform, n: 4).distance - 3.0.squareRoot()) < 1e-12)  // ‖J/4 − P‖² = 1 − 2 + 4
    // singular values of diag(3, 2) rotated: 3, 2; Σσ² = ‖M‖² for a random matrix
    let c = 0.6, s = 0.8
    let rotated = [3 * c, -2 * s, 3 * s, 2 * c]
    let sv = MixingShape.singularValues(rotated, n: 2)
    #expect(abs(sv[0] - 3) < 1e-12 && abs(sv[1] - 2) < 1e-12)
    var r = Xoshiro(seed: 3)
    let m = (0..<25).map { _ in r.normal() }
    let sum = MixingShape.singularValues(m, n: 5).reduce(0) { $0 + $1 * $1 }
    #expect(abs(sum - m.reduce(0) { $0 + $1 * $1 }) < 1e-10)
    // near a permutation: the distance is the perturbation's norm
    var q = p
    q[1] -= 0.1; q[0] += 0.1
    #expect(abs(MixingShape.nearestPermutation(q, n: 4).distance - 0.02.squareRoot()) < 1e-12)
  }
}
