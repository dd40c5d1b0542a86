// bench: training-step time of residual, HC and mHC at the reference configuration.
//
//   swift run -c release bench            # table
//   swift run -c release bench --json     # {"residual": {"step_seconds": …}, …}
//   swift run -c release bench --connections residual,mhc,mhc:birkhoff,mhc:deepseek-v4
//   swift run -c release bench --task fashion-mnist --width 64 --layers 4 --batch 128   # the ViT (images/s)
import ArgumentParser
import Foundation
import MHC
import MHCHarness

BLASRuntime.ensureFastKernel()


struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Time training steps (forward + backward + AdamW) of residual, HC and mHC.")

  @Option(
    help: "bytes (the language model) | fashion-mnist (the vision transformer: 49 tokens per image; --seq is ignored).")
  var task: ModelTask = .bytes
  @OptionGroup(title: "Model") var model: ModelOptions
  @Option(
    help: ArgumentHelp(
      "Recomputation block size for hc and mhc (0 = off): keep every K-th sublayer's streams, recompute the "
        + "connections in the backward.",
      valueName: "K"))
  var recompute = 0
  @Option(help: "Timed steps per connection (the median is reported).") var steps = 40
  @Option(help: "Untimed warm-up steps per connection.") var warmupSteps = 2
  @Option(
    help:
      "Connections to time, comma separated: residual, hc, mhc, or mhc:MANIFOLD (\(ModelOptions.manifoldNames)).")
  var connections = "residual,hc,mhc"
  @Flag(help: "Print one JSON object instead of the table.") var json = false

  var width: Int { model.width }
  var layers: Int { model.layers }
  var heads: Int { model.heads }
  var seq: Int { model.seq }
  var batch: Int { model.batch }
  var streams: Int { model.streams }
  var iterations: Int { model.iterations }

  func validate() throws {
    guard steps >= 1 else { throw ValidationError("--steps \(steps) is invalid; must be ≥ 1") }
    guard recompute >= 0 else { throw ValidationError("--recompute \(recompute) is invalid; must be ≥ 0 (0 = off)") }
    guard warmupSteps >= 0 else { throw ValidationError("--warmup-steps \(warmupSteps) is invalid; must be ≥ 0") }
    _ = try entries()
  }

  /// The `--connections` entries: a label, the connection and mHC's manifold.
  func entries() throws -> [(label: String, kind: ConnectionKind, manifold: ResidualManifold)] {
    try connections.split(separator: ",").map { entry in
      let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
      guard let kind = ConnectionKind(rawValue: parts[0]) else {
        throw ValidationError("--connections '\(entry)' is not one of residual, hc, mhc, mhc:MANIFOLD")
      }
      guard parts.count == 2 else { return (String(entry), kind, .sinkhorn) }
      guard kind == .mhc, let m = ResidualManifold(rawValue: parts[1]) else {
        throw ValidationError(
          "--connections '\(entry)': only mhc takes a manifold, one of "
            + "\(ResidualManifold.allCases.map(\.rawValue).joined(separator: ", "))"
        )
      }
      return (String(entry), kind, m)
    }
  }

  /// sgemm GFLOP/s on the model's largest projection shape (the ideal's denominator), over `reps` products.
  func sgemmRate(reps: Int) -> Double {
    let m = batch * (task.tokens ?? seq), n = 2 * SwiGLU<Float>.hiddenSize(width: width), k = width
    let a = [Float](repeating: 0.01, count: m * k), b = [Float](repeating: 0.02, count: n * k)
    var c = [Float](repeating: 0, count: m * n)
    gemm(false, true, m: m, n: n, k: k, a: a, lda: k, b: b, ldb: k, c: &c, ldc: n)
    let t0 = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<reps { gemm(false, true, m: m, n: n, k: k, a: a, lda: k, b: b, ldb: k, c: &c, ldc: n) }
    let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
    return 2 * Double(m * n * k * reps) / dt * 1e-9
  }

  func run() throws {
    let list = try entries()
    let configs = list.map { entry in
      var config = TrainConfig()
      model.apply(to: &config)
      config.model.connection.kind = entry.kind; config.model.connection.manifold = entry.manifold
      config.model.task = task; config.model.recompute = recompute
      return config
    }
    do {  // flag values that cannot make a model are usage errors (64); failures while measuring are runtime ones (1)
      for c in configs { try c.validate() }
    } catch let e as MHCError {
      throw ValidationError(e.description)
    }
    let results: [(String, StepBenchmark)]
    var rates: [Double] = []  // sgemm GFLOP/s, measured after every round of steps
    do {
      results = Array(
        zip(
          list.map(\.label),
          try StepBenchmark.measure(configs, steps: steps, warmup: warmupSteps) {
            rates.append(sgemmRate(reps: 5))
          }))
    } catch let e as MHCError {
      throw RuntimeFailure(e)
    }
    let peak = rates.sorted()[rates.count / 2]  // median, like the step times
    let images = task.tokens  // tokens per image (vision), for images/s
    let rss = ProcessMemory.peak ?? 0
    let base = results.first { $0.0 == "residual" }?.1
    // mHC's cost from its parts, for the first mHC entry (after the timed rounds: it allocates 128 MiB)
    let floor = zip(list, configs).first { $0.0.kind == .mhc }.map { ConnectionFloor.measure($0.1) }
    if json {
      var object: [String: Any] = ["blas_core": BLASRuntime.coreName, "sgemm_gflops": peak, "peak_resident_bytes": rss]
      for (k, r) in results {
        var entry: [String: Any] = [
          "step_seconds": r.stepSeconds, "tokens_per_second": r.tokensPerSecond, "gflops": r.gflops,
          "forward_seconds": r.forwardSeconds, "backward_seconds": r.backwardSeconds,
          "optimizer_seconds": r.optimizerSeconds, "gemm_seconds": r.gemmSeconds, "flops_per_step": r.flopsPerStep,
          "parameters": r.parameters, "training_bytes": r.trainingBytes, "connection_seconds": r.connectionSeconds,
        ]
        if let images { entry["images_per_second"] = r.tokensPerSecond / Double(images) }
        if let base {
          entry["ratio_to_residual"] = r.stepSeconds / base.stepSeconds
          entry["paired_ratio_to_residual"] = r.pairedRatio(to: base)
          entry["memory_ratio_to_residual"] = Double(r.trainingBytes) / Double(base.trainingBytes)
        }
        object[k] = entry
      }
      if let floor {
        var entry: [String: Any] = [
          "seconds": floor.seconds, "phi_seconds": floor.phiSeconds, "phi_gflops_one_thread": floor.phiGFLOPS,
          "manifold_seconds": floor.manifoldSeconds, "elements_per_token": floor.elementsPerToken,
          "bandwidth_gbs": floor.bandwidthGBs, "traffic_seconds": floor.trafficSeconds,
        ]
        if let base { entry["ratio_to_residual"] = (base.stepSeconds + floor.seconds) / base.stepSeconds }
        object["mhc_floor"] = entry
      }
      let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
      print(String(decoding: data, as: UTF8.self))
      return
    }
    print(
      "BLAS: \(BLASRuntime.summary)   \(task == .bytes ? "" : "task=\(task.rawValue) ")C=\(width) L=\(layers) "
        + "heads=\(heads) seq=\(task.tokens ?? seq) batch=\(batch) n=\(streams) t_max=\(iterations) "
        + "recompute=\(recompute)"
    )
    let w = max(10, results.map(\.0.count).max() ?? 0)
    func label(_ s: String) -> String { s.padding(toLength: w, withPad: " ", startingAt: 0) }
    print(
      label("connection")
        + "  s/step  tokens/s  GFLOP/s  forward  backward  AdamW   in gemm  vs residual   memory   vs residual")
    for (k, r) in results {
      let ratio = base.map { String(format: "%.3f×", r.pairedRatio(to: $0)) } ?? "-"
      let mem = base.map { String(format: "%.3f×", Double(r.trainingBytes) / Double($0.trainingBytes)) } ?? "-"
      print(
        label(k)
          + String(
            format: " %7.4f %9.0f %8.1f %8.4f %9.4f %6.4f %9.4f  ", r.stepSeconds, r.tokensPerSecond,
            r.gflops, r.forwardSeconds, r.backwardSeconds, r.optimizerSeconds, r.gemmSeconds)
          + ratio.padding(toLength: 8, withPad: " ", startingAt: 0)
          + String(format: "%8.1f MiB  ", Double(r.trainingBytes) / 1_048_576) + mem)
    }
    let phases = ConnectionProfile.Phase.allCases
    print("(vs residual: median over rounds of the step-time ratio within the round)")
    if let images {
      print(
        results.map { String(format: "%@ %.0f images/s", $0.0, $0.1.tokensPerSecond / Double(images)) }.joined(
          separator: ", "))
    }
    print("\nconnection passes, ms per step over all sublayers, GEMMs inside them included (ConnectionProfile):")
    print(
      label("connection")
        + phases.map {
          String(repeating: " ", count: max(1, 13 - ConnectionProfile.shortNames[$0]!.count))
            + ConnectionProfile.shortNames[$0]!
        }.joined())
    for (k, r) in results where k != "residual" {
      print(label(k) + phases.map { String(format: "%13.1f", (r.connectionSeconds[$0.rawValue] ?? 0) * 1e3) }.joined())
    }
    print("")
    if let r = base {
      let ideal = r.flopsPerStep / (peak * 1e9)
      print(
        String(
          format:
            "ideal residual step = %.3g FLOP / %.1f GFLOP/s (sgemm %dx%dx%d, median of one measurement per round) = "
              + "%.4f s; residual measured %.4f s = %.2f× ideal",
          r.flopsPerStep, peak, batch * (task.tokens ?? seq), 2 * SwiGLU<Float>.hiddenSize(width: width), width, ideal,
          r.stepSeconds, r.stepSeconds / ideal))
    }
    for m in Set(list.filter { $0.kind == .mhc }.map(\.manifold)).sorted(by: { $0.rawValue < $1.rawValue }) {
      let t = m.timeFloat(n: streams, iterations: iterations, tokens: batch * (task.tokens ?? seq))
      print(
        String(
          format:
            "%@ projection alone, one thread (n=%d, t_max=%d, %d tokens): forward %.2f ms, backward %.2f ms per "
              + "sublayer; ×%d sublayers = %.1f ms per step (split over the threads in training)",
          m.rawValue, streams, iterations, batch * (task.tokens ?? seq), t.forward * 1e3, t.backward * 1e3, 2 * layers,
          (t.forward + t.backward) * Double(2 * layers) * 1e3))
    }
    if let floor {
      let ratio = base.map { String(format: "%.3f×", ($0.stepSeconds + floor.seconds) / $0.stepSeconds) } ?? "-"
      print(
        String(
          format:
            "mHC floor from its parts timed alone, added: Φ products %.1f ms (%.1f GFLOP/s per thread at the block "
              + "shapes) + projection %.1f ms + stream traffic %.1f ms (%d elements per token and sublayer at %.1f "
              + "GB/s) = %.1f ms per step; residual + floor = %@ the residual",
          floor.phiSeconds * 1e3, floor.phiGFLOPS, floor.manifoldSeconds * 1e3, floor.trafficSeconds * 1e3,
          floor.elementsPerToken, floor.bandwidthGBs, floor.seconds * 1e3, ratio))
    }
    print(String(format: "peak resident memory (whole process): %.1f MiB", Double(rss) / 1_048_576))
  }
}

Bench.main()
