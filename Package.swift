// swift-tools-version:6.0
//
// The mHC toolkit: Manifold-Constrained Hyper-Connections on CPU.
//
// Layout (grouped the way swift-numerics groups its manifest):
//   public API          — the `MHC` library: numerics core, connections, model, training, harness
//   implementation      — `COpenBLAS`, the system-library shim over OpenBLAS's CBLAS
//   tools & experiments — thin `main.swift` programs over `MHC`
//   tests               — `MHCTests`
import PackageDescription

let package = Package(
  name: "mhc",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "MHC", targets: ["MHC"]),
    .executable(name: "train", targets: ["train"]),
    .executable(name: "bench", targets: ["bench"]),
    .executable(name: "gemm-bench", targets: ["gemm-bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
  ],
  targets: [
    // MARK: Public API
    .target(
      name: "MHC",
      dependencies: [
        "COpenBLAS",
        .product(name: "RealModule", package: "swift-numerics"),
      ],
      swiftSettings: vectorISA
    ),

    // MARK: Implementation details
    .systemLibrary(
      name: "COpenBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"])]
    ),

    // MARK: Tools
    .executableTarget(name: "train", dependencies: ["MHC", argumentParser]),
    .executableTarget(name: "bench", dependencies: ["MHC", argumentParser]),
    .executableTarget(name: "gemm-bench", dependencies: ["MHC", argumentParser]),

    // MARK: Tests
    .testTarget(
      name: "MHCTests",
      dependencies: ["MHC", .product(name: "RealModule", package: "swift-numerics")],
      exclude: ["Fixtures"]
    ),
  ]
)

var argumentParser: Target.Dependency {
  .product(name: "ArgumentParser", package: "swift-argument-parser")
}

/// Let the compiler use the AVX2/FMA vector units of AVX2 CPUs (Intel Haswell, 2013, and
/// later; every AMD Zen) for the elementwise kernels. `MHC_PORTABLE=1 swift build` builds
/// for baseline x86-64 instead.
var vectorISA: [SwiftSetting] {
  #if arch(x86_64)
    if Context.environment["MHC_PORTABLE"] == "1" { return [] }
    return [.unsafeFlags(["-target-cpu", "haswell"])]
  #else
    return []
  #endif
}
