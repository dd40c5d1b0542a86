// bench: training-step time of residual, HC and mHC at the reference configuration.
//
//   swift run -c release bench            # table
//   swift run -c release bench --json     # {"residual": {"step_seconds": …}, …}
import ArgumentParser
import Foundation
import MHC

BLASRuntime.ensureFastKernel()

struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Time training steps (forward + backward + AdamW) of residual, HC and mHC.")

  @Option(help: "Model width C.") var width = 128
  @Option(help: "Transformer blocks.") var layers = 4
  @Option(help: "Attention heads.") var heads = 4
  @Option(help: "Sequence length.") var seq = 128
  @Option(help: "Sequences per batch.") var batch = 16
  @Option(help: "Expansion rate n for HC and mHC.") var streams = 4
  @Option(help: "Sinkhorn-Knopp iterations t_max.") var iterations = 20
  @Option(help: "Timed steps per connection.") var steps = 10
  @Option(help: "Untimed warm-up steps per connection.") var warmupSteps = 2
  @Option(help: "Connections to time, comma separated.") var connections = "residual,hc,mhc"
  @Flag(help: "Print one JSON object instead of the table.") var json = false

  struct Result: Codable {
    var stepSeconds: Double
    var tokensPerSecond: Double
    var gflops: Double
    var gemmSeconds: Double
    var otherSeconds: Double
    var flopsPerStep: Double
    var parameters: Int
    enum CodingKeys: String, CodingKey {
      case stepSeconds = "step_seconds", tokensPerSecond = "tokens_per_second", gflops = "gflops"
      case gemmSeconds = "gemm_seconds", otherSeconds = "other_seconds", flopsPerStep = "flops_per_step"
      case parameters
    }
  }

  func validate() throws {
    guard steps >= 1 else { throw ValidationError("--steps \(steps) is invalid; must be ≥ 1") }
    guard warmupSteps >= 0 else { throw ValidationError("--warmup-steps \(warmupSteps) is invalid; must be ≥ 0") }
    for c in connections.split(separator: ",") where ConnectionKind(rawValue: String(c)) == nil {
      throw ValidationError("--connections '\(c)' is not one of residual, hc, mhc")
    }
  }

  func time(_ kind: ConnectionKind) throws -> Result {
    var config = TrainConfig()
    config.connection = kind; config.streams = kind == .residual ? 1 : streams
    config.width = width; config.layers = layers; config.heads = heads; config.seq = seq; config.batch = batch
    config.iterations = iterations
    try config.validate()
    let model = try Transformer<Float>(config.model, batch: batch, seed: 0)
    var opt = AdamW<Float>(parameterCount: model.parameters.count)
    var rng = Xoshiro(seed: 1)
    let x = (0..<(batch * seq)).map { _ in Int32(rng.below(256)) }
    let y = (0..<(batch * seq)).map { _ in Int32(rng.below(256)) }
    func step() {
      model.forward(inputs: x, targets: y)
      model.parameters.zeroGrads()
      model.backward()
      clipGradients(model.parameters, maxNorm: 1)
      opt.step(model.parameters, lr: 1e-4)
    }
    for _ in 0..<warmupSteps { step() }
    GEMMProfile.reset(); GEMMProfile.enabled = true
    let t0 = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<steps { step() }
    let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9 / Double(steps)
    GEMMProfile.enabled = false
    let gemm = GEMMProfile.seconds / Double(steps)
    let flops = model.trainingFLOPs(tokens: batch * seq)
    return Result(stepSeconds: dt, tokensPerSecond: Double(batch * seq) / dt, gflops: flops / dt * 1e-9,
                  gemmSeconds: gemm, otherSeconds: dt - gemm, flopsPerStep: flops,
                  parameters: model.parameters.trainableCount)
  }

  /// sgemm throughput on the model's largest projection shape: the ideal's denominator.
  func peakGemm() -> Double {
    let m = batch * seq, n = 2 * SwiGLU<Float>.hiddenSize(width: width), k = width
    let a = [Float](repeating: 0.01, count: m * k), b = [Float](repeating: 0.02, count: n * k)
    var c = [Float](repeating: 0, count: m * n)
    for _ in 0..<3 { gemm(false, true, m: m, n: n, k: k, a: a, lda: k, b: b, ldb: k, c: &c, ldc: n) }
    let reps = 30
    let t0 = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<reps { gemm(false, true, m: m, n: n, k: k, a: a, lda: k, b: b, ldb: k, c: &c, ldc: n) }
    let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
    return 2 * Double(m * n * k * reps) / dt * 1e-9
  }

  func run() throws {
    let kinds = connections.split(separator: ",").compactMap { ConnectionKind(rawValue: String($0)) }
    var results: [String: Result] = [:]
    for k in kinds { results[k.rawValue] = try time(k) }
    let peak = peakGemm()
    let rss = ProcessMemory.peak ?? 0
    if json {
      struct Out: Codable {
        var results: [String: Result]
        var blasCore: String
        var sgemmGflops: Double
        var peakResidentBytes: Int
      }
      let enc = JSONEncoder()
      enc.outputFormatting = [.prettyPrinted, .sortedKeys]
      var object = try JSONSerialization.jsonObject(with: enc.encode(results)) as! [String: Any]
      object["blas_core"] = BLASRuntime.coreName
      object["sgemm_gflops"] = peak
      object["peak_resident_bytes"] = rss
      let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
      print(String(decoding: data, as: UTF8.self))
      return
    }
    print("BLAS: \(BLASRuntime.summary)   config: C=\(width) L=\(layers) heads=\(heads) seq=\(seq) batch=\(batch) n=\(streams) t_max=\(iterations)")
    print("connection   s/step   tokens/s   GFLOP/s   gemm s   other s   vs residual")
    for k in kinds {
      let r = results[k.rawValue]!
      let ratio = results["residual"].map { String(format: "%.3f×", r.stepSeconds / $0.stepSeconds) } ?? "-"
      print(String(format: "%-10@ %8.4f %10.0f %9.1f %8.4f %9.4f   %@", k.rawValue as NSString, r.stepSeconds,
                   r.tokensPerSecond, r.gflops, r.gemmSeconds, r.otherSeconds, ratio as NSString))
    }
    if let r = results["residual"] {
      let ideal = r.flopsPerStep / (peak * 1e9)
      print(String(format: "ideal residual step = %.3g FLOP / %.1f GFLOP/s (sgemm %dx%dx%d) = %.4f s; measured %.4f s = %.2f× ideal",
                   r.flopsPerStep, peak, batch * seq, 2 * SwiGLU<Float>.hiddenSize(width: width), width, ideal,
                   r.stepSeconds, r.stepSeconds / ideal))
    }
    print(String(format: "peak resident memory: %.1f MiB", Double(rss) / 1_048_576))
  }
}

Bench.main()
