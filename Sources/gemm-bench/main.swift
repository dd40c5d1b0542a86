// gemm-bench: sgemm throughput per shape on the kernel the toolkit selects.
//
//   swift run -c release gemm-bench            # the model's shapes at the reference config
//   MHC_BLAS_AUTO=0 swift run -c release gemm-bench   # OpenBLAS's own choice, to compare
import ArgumentParser
import Foundation
import MHC

BLASRuntime.ensureFastKernel()

struct GemmBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gemm-bench", abstract: "Print sgemm GFLOP/s per shape for the selected OpenBLAS kernel.")

  @Option(
    help: ArgumentHelp(
      "Extra shapes as [OP:]MxNxK (comma separated; OP is nn, nt, tn or tt, default nn), e.g. "
        + "2048x384x128,tn:512x24x64.")
  )
  var shapes: String = ""
  @Option(help: "Seconds to spend per shape (≥ 0.05).")
  var seconds: Double = 0.5
  @Option(
    help: ArgumentHelp(
      "Hand threading to OpenBLAS with this many threads instead of splitting products over the toolkit's threads (0 "
        + "= split, the default).")
  )
  var openblasThreads: Int = 0

  func validate() throws {
    guard seconds >= 0.05 else { throw ValidationError("--seconds \(seconds) is too short; use at least 0.05") }
    guard openblasThreads >= 0 else {
      throw ValidationError("--openblas-threads \(openblasThreads) is invalid; must be ≥ 0")
    }
  }

  func run() throws {
    if openblasThreads > 0 { GEMMThreading.useOpenBLASThreads(openblasThreads) }
    print(
      "OpenBLAS core: \(BLASRuntime.summary); products "
        + "\(GEMMThreading.split ? "split over the toolkit's threads" : "threaded by OpenBLAS")"
    )
    // (label, transA, transB, m, n, k): the products of one training step at C=128, T=2048 tokens.
    var list: [(String, Bool, Bool, Int, Int, Int)] = [
      ("square 1024", false, false, 1024, 1024, 1024),
      ("qkv fwd  x·Wᵀ", false, true, 2048, 384, 128),
      ("mlp fwd  x·Wᵀ", false, true, 2048, 704, 128),
      ("mlp down x·Wᵀ", false, true, 2048, 128, 352),
      ("head fwd x·Wᵀ", false, true, 2048, 256, 128),
      ("dW  dyᵀ·x", true, false, 704, 128, 2048),
      ("dX  dy·W", false, false, 2048, 128, 704),
      ("attn QKᵀ", false, true, 128, 128, 32),
      ("mhc v·Φ", false, false, 2048, 24, 512),
    ]
    for spec in shapes.split(separator: ",") {
      let parts = spec.split(separator: ":", maxSplits: 1)
      let op = parts.count == 2 ? String(parts[0]) : "nn"
      let d = parts.last!.split(separator: "x").compactMap { Int($0) }
      guard ["nn", "nt", "tn", "tt"].contains(op), d.count == 3, d.allSatisfy({ $0 > 0 }) else {
        throw ValidationError(
          "--shapes entry '\(spec)' is not [OP:]MxNxK with OP one of nn, nt, tn, tt and positive integers")
      }
      list.append(("\(op) \(parts.last!)", op.first == "t", op.last == "t", d[0], d[1], d[2]))
    }
    print("shape                       m     n     k   GFLOP/s")
    for (label, ta, tb, m, n, k) in list {
      let gf = measure(ta, tb, m, n, k)
      print(
        label.padding(toLength: 22, withPad: " ", startingAt: 0) + String(format: " %6d %5d %5d %9.1f", m, n, k, gf))
    }
  }

  func measure(_ ta: Bool, _ tb: Bool, _ m: Int, _ n: Int, _ k: Int) -> Double {
    let a = [Float](unsafeUninitializedCapacity: m * k) { b, c in
      for i in 0..<(m * k) { b[i] = Float(i % 7) * 0.01 }; c = m * k
    }
    let b = [Float](unsafeUninitializedCapacity: k * n) { b, c in
      for i in 0..<(k * n) { b[i] = Float(i % 5) * 0.01 }; c = k * n
    }
    var c = [Float](repeating: 0, count: m * n)
    let lda = ta ? m : k, ldb = tb ? k : n
    func once() { gemm(ta, tb, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: &c, ldc: n) }
    once()
    var reps = 0
    let start = DispatchTime.now().uptimeNanoseconds
    var elapsed = 0.0
    repeat {
      once(); reps += 1
      elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
    } while elapsed < seconds
    return 2.0 * Double(m) * Double(n) * Double(k) * Double(reps) / elapsed * 1e-9
  }
}

GemmBench.main()
