import Dispatch

/// What mHC's connection must cost per training step on this machine, from its parts each
/// timed alone: the three `Φ` products at the shapes the model runs them (one 64-token block
/// on one thread), the residual-manifold projection, and the stream traffic of
/// ``ConnectionIO`` at the machine's streaming bandwidth. Their sum is the step time an
/// implementation would add over the residual if every pass ran at its isolated speed and
/// nothing overlapped — the yardstick for `bench`'s measured mHC/residual ratio.
///
/// ```swift
/// var config = TrainConfig(); config.model.connection.kind = .mhc
/// let floor = ConnectionFloor.measure(config)
/// print(floor.seconds * 1e3, "ms per step")
/// ```
public struct ConnectionFloor: Codable, Sendable {
  /// The three `Φ` products of all sublayers, split over the threads.
  public var phiSeconds: Double
  /// Their rate, GFLOP/s on one thread.
  public var phiGFLOPS: Double
  /// The manifold's forward and backward of all sublayers, split over the threads.
  public var manifoldSeconds: Double
  /// Elements read and written per token and sublayer (``ConnectionIO``, fused).
  public var elementsPerToken: Int
  /// Streaming bandwidth of all threads (read one buffer, update another, 64 MiB each), GB/s.
  public var bandwidthGBs: Double
  /// The stream traffic of all sublayers at that bandwidth.
  public var trafficSeconds: Double
  /// The sum: seconds per step.
  public var seconds: Double { phiSeconds + manifoldSeconds + trafficSeconds }

  /// Measures the parts for `config`'s mHC connection (`config.model.connection.kind` must be `.mhc`).
  public static func measure(_ config: TrainConfig) -> ConnectionFloor {
    let model = config.resolved().model, n = model.connection.streams, c = model.width
    let connection = model.connection, m = connection.mappingCount, width = n * c
    let tokens = config.batch * model.seq, sublayers = 2 * model.layers, threads = Double(Parallel.threads)
    let block = SinkhornKnopp.block, blocks = (tokens + block - 1) / block

    // Φ products of one block: z = vΦ, ∂Φ_block = vᵀs, u = sΦᵀ.
    var rng = Xoshiro(seed: 5)
    let v = (0..<(block * width)).map { _ in Float(rng.normal()) }
    let phi = (0..<(width * m)).map { _ in Float(rng.normal()) * 0.02 }
    var z = [Float](repeating: 0, count: block * m), dPhi = [Float](repeating: 0, count: width * m)
    var u = [Float](repeating: 0, count: block * width)
    func products() {
      gemm(false, false, m: block, n: m, k: width, a: v, lda: width, b: phi, ldb: m, c: &z, ldc: m, split: false)
      gemm(true, false, m: width, n: m, k: block, a: v, lda: width, b: z, ldb: m, c: &dPhi, ldc: m, split: false)
      gemm(false, true, m: block, n: width, k: m, a: z, lda: m, b: phi, ldb: m, c: &u, ldc: width, split: false)
    }
    products()
    var samples: [Double] = []
    for _ in 0..<7 {
      let t0 = DispatchTime.now().uptimeNanoseconds
      for _ in 0..<20 { products() }
      samples.append(Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9 / 20)
    }
    let perBlock = samples.sorted()[samples.count / 2]
    let flops = 3 * 2 * Double(block * width * m)

    let projection = connection.manifold.timeFloat(n: n, iterations: connection.iterations, tokens: tokens)
    var mhc = connection
    mhc.kind = .mhc; mhc.width = c
    let io = ConnectionIO(mhc)
    let bandwidth = streamingBandwidth()
    let bytes = Double(io.total * MemoryLayout<Float>.stride * tokens * sublayers)
    return ConnectionFloor(
      phiSeconds: perBlock * Double(blocks * sublayers) / threads, phiGFLOPS: flops / perBlock * 1e-9,
      manifoldSeconds: (projection.forward + projection.backward) * Double(sublayers) / threads,
      elementsPerToken: io.total, bandwidthGBs: bandwidth / 1e9, trafficSeconds: bytes / bandwidth)
  }

  /// Bytes per second moved by all threads reading one 64 MiB buffer and updating another
  /// (`b += a`; read `a`, read and write `b`), best of five passes.
  static func streamingBandwidth() -> Double {
    let count = 16 << 20
    let a = BufferPool<Float>(), b = BufferPool<Float>()
    let x = a.buffer(count), y = b.buffer(count)
    var best = Double.infinity
    for _ in 0..<5 {
      let t0 = DispatchTime.now().uptimeNanoseconds
      Parallel.rows(count, grain: 1 << 16) { range in
        Vector.accumulate(y + range.lowerBound, x + range.lowerBound, count: range.count)
      }
      best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9)
    }
    return 3 * Double(count * MemoryLayout<Float>.stride) / best
  }
}
