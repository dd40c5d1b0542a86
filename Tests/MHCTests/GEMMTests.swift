import MHC
import Testing

@Suite struct GEMMTests {
  func check<T: Scalar>(_: T.Type, tol: Double) {
    // Odd shapes, all transposes, padded strides, non-trivial alpha/beta.
    // The last two are large enough to be split over threads (rows, then columns of C).
    for (m, n, k) in [(1, 1, 1), (3, 5, 7), (17, 4, 33), (64, 65, 9), (2, 129, 31), (301, 70, 53), (40, 333, 97)] {
      for ta in [false, true] {
        for tb in [false, true] {
          let lda = (ta ? m : k) + 3, ldb = (tb ? k : n) + 2, ldc = n + 1
          let a = randomArray((ta ? k : m) * lda, seed: 1).map { T($0) }
          let b = randomArray((tb ? n : k) * ldb, seed: 2).map { T($0) }
          var c1 = randomArray(m * ldc, seed: 3).map { T($0) }
          var c2 = c1
          gemm(ta, tb, m: m, n: n, k: k, alpha: T(0.7), a: a, lda: lda, b: b, ldb: ldb, beta: T(0.3), c: &c1, ldc: ldc)
          naiveGemm(
            ta, tb, m: m, n: n, k: k, alpha: T(0.7), a: a, lda: lda, b: b, ldb: ldb, beta: T(0.3), c: &c2, ldc: ldc)
          let err = maxRelError(c1.map { Double($0) }, c2.map { Double($0) })
          #expect(
            err < tol * Double(k), "m=\(m) n=\(n) k=\(k) ta=\(ta) tb=\(tb) err=\(err) core=\(BLASRuntime.coreName)")
        }
      }
    }
  }

  @Test func floatMatchesNaive() { check(Float.self, tol: 2e-6) }
  @Test func doubleMatchesNaive() { check(Double.self, tol: 1e-14) }

  /// `beta = 0` ignores what `C` held (NaN included) and leaves the padding beyond `n` alone,
  /// in one call and split over threads.
  @Test func betaZeroOverwritesOnlyC() {
    for (m, n, k) in [(5, 3, 4), (301, 70, 53), (40, 333, 97)] {
      let ldc = n + 2
      let a = randomArray(m * k, seed: 6).map { Float($0) }, b = randomArray(k * n, seed: 7).map { Float($0) }
      var c = [Float](repeating: .nan, count: m * ldc), ref = [Float](repeating: 0, count: m * ldc)
      gemm(false, false, m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, c: &c, ldc: ldc)
      naiveGemm(false, false, m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, c: &ref, ldc: ldc)
      for i in 0..<m {
        for j in 0..<ldc {
          if j < n {
            #expect(abs(c[i * ldc + j] - ref[i * ldc + j]) <= 2e-6 * Float(k), "m=\(m) C[\(i)][\(j)]")
          } else {
            #expect(c[i * ldc + j].isNaN, "m=\(m): padding C[\(i)][\(j)] was written")
          }
        }
      }
    }
  }

  @Test func stridedBatchMatchesLoop() {
    let m = 3, n = 4, k = 5, batch = 3
    let a = randomArray(batch * m * k, seed: 4), b = randomArray(batch * k * n, seed: 5)
    var c = [Double](repeating: 0, count: batch * m * n)
    gemmStridedBatched(
      false, false, batch: batch, m: m, n: n, k: k, a: a, lda: k, strideA: m * k, b: b, ldb: n,
      strideB: k * n, c: &c, ldc: n, strideC: m * n)
    for i in 0..<batch {
      var ref = [Double](repeating: 0, count: m * n)
      naiveGemm(
        false, false, m: m, n: n, k: k, a: Array(a[(i * m * k)...]), lda: k, b: Array(b[(i * k * n)...]),
        ldb: n, c: &ref, ldc: n)
      #expect(maxRelError(Array(c[(i * m * n)..<((i + 1) * m * n)]), ref) < 1e-14)
    }
  }

  @Test func shapeProblemsAreNamed() {
    #expect(gemmShapeProblem(false, false, m: -1, n: 2, k: 2, lda: 2, ldb: 2, ldc: 2)?.contains("m=-1") == true)
    #expect(gemmShapeProblem(false, false, m: 2, n: 2, k: 3, lda: 2, ldb: 2, ldc: 2)?.contains("lda=2") == true)
    #expect(gemmShapeProblem(false, true, m: 2, n: 4, k: 3, lda: 3, ldb: 2, ldc: 4)?.contains("ldb=2") == true)
    #expect(gemmShapeProblem(false, false, m: 2, n: 4, k: 3, lda: 3, ldb: 4, ldc: 3)?.contains("ldc=3") == true)
    #expect(gemmShapeProblem(true, true, m: 2, n: 4, k: 3, lda: 2, ldb: 3, ldc: 4) == nil)
  }

  @Test func kernelSelectionRules() {
    let avx512: Set<String> = ["avx2", "fma", "avx512f", "avx512bw", "avx512vl"]
    #expect(BLASRuntime.recommendedCore(loaded: "Prescott", flags: avx512) == "SkylakeX")
    #expect(BLASRuntime.recommendedCore(loaded: "Prescott", flags: ["avx2", "fma"]) == "Haswell")
    #expect(BLASRuntime.recommendedCore(loaded: "Prescott", flags: ["sse3"]) == nil)
    #expect(BLASRuntime.recommendedCore(loaded: "Cooperlake", flags: avx512) == nil)
    #expect(BLASRuntime.recommendedCore(loaded: "SkylakeX", flags: avx512) == nil)
    #expect(BLASRuntime.recommendedCore(loaded: "Haswell", flags: avx512) == nil)
    #expect(!BLASRuntime.coreName.isEmpty)
  }
}
