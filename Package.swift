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
      ]
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
