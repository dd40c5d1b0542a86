// swift-tools-version:6.0
//
// The mHC toolkit: Manifold-Constrained Hyper-Connections on CPU.
//
// Layout (grouped the way swift-numerics groups its manifest):
//   public API          — the `MHC` library: numerics core, connections, model, training, harness
//   implementation      — `COpenBLAS`, the system-library shim over OpenBLAS's CBLAS, and `CZlib`
//                         (zlib, to read the gzip-compressed Fashion-MNIST files)
//   tools & experiments — thin `main.swift` programs over `MHC`
//   tests               — `MHCTests`
import PackageDescription

let package = Package(
  name: "mhc",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "MHC", targets: ["MHC"]),
    .library(name: "MHCHarness", targets: ["MHCHarness"]),
    .library(name: "Experiments", targets: ["Experiments"]),
    .executable(name: "train", targets: ["train"]),
    .executable(name: "bench", targets: ["bench"]),
    .executable(name: "gemm-bench", targets: ["gemm-bench"]),
    .executable(name: "jobs-bench", targets: ["jobs-bench"]),
    .executable(name: "compare", targets: ["compare"]),
    .executable(name: "report", targets: ["report"]),
    .executable(name: "parity", targets: ["parity"]),
    .executable(name: "stability", targets: ["stability"]),
    .executable(name: "sinkhorn-iterations", targets: ["sinkhorn-iterations"]),
    .executable(name: "components", targets: ["components"]),
    .executable(name: "scaling", targets: ["scaling"]),
    .executable(name: "expansion", targets: ["expansion"]),
    .executable(name: "mappings", targets: ["mappings"]),
    .executable(name: "instability", targets: ["instability"]),
    .executable(name: "manifolds", targets: ["manifolds"]),
    .executable(name: "overhead", targets: ["overhead"]),
    .executable(name: "mixing", targets: ["mixing"]),
    .executable(name: "vision", targets: ["vision"]),
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
        "CZlib",
        .product(name: "RealModule", package: "swift-numerics"),
      ],
      swiftSettings: vectorISA
    ),

    .target(
      name: "MHCHarness",
      dependencies: ["MHC", argumentParser]
    ),

    // Every experiment as a declaration (cells, variants, seeds, comparisons), and the paper's
    // claims judged through them: what the experiment executables and `report` share.
    .target(
      name: "Experiments",
      dependencies: ["MHC", "MHCHarness", argumentParser]
    ),

    // MARK: Implementation details
    .systemLibrary(
      name: "COpenBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"])]
    ),
    .systemLibrary(
      name: "CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]
    ),

    // MARK: Tools
    .executableTarget(name: "train", dependencies: ["MHC", "MHCHarness", argumentParser]),
    .executableTarget(name: "bench", dependencies: ["MHC", "MHCHarness", argumentParser]),
    .executableTarget(name: "gemm-bench", dependencies: ["MHC", argumentParser]),
    .executableTarget(name: "jobs-bench", dependencies: ["MHC", "MHCHarness", argumentParser]),
    .executableTarget(name: "compare", dependencies: ["MHC", "MHCHarness", argumentParser]),
    .executableTarget(name: "report", dependencies: ["MHC", "MHCHarness", "Experiments", argumentParser]),
    .executableTarget(name: "parity", dependencies: ["MHC", "MHCHarness", argumentParser]),

    // MARK: Experiments (experiments/<name>/main.swift)
    experiment("stability"),
    experiment("sinkhorn-iterations"),
    experiment("components"),
    experiment("scaling"),
    experiment("expansion"),
    experiment("mappings"),
    experiment("instability"),
    experiment("manifolds"),
    experiment("overhead"),
    experiment("mixing"),
    experiment("vision"),

    // MARK: Tests
    .testTarget(
      name: "MHCTests",
      dependencies: ["MHC", "MHCHarness", "Experiments", "CZlib", .product(name: "RealModule", package: "swift-numerics")],
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

@MainActor func experiment(_ name: String) -> Target {
  .executableTarget(
    name: name, dependencies: ["MHC", "MHCHarness", "Experiments", argumentParser], path: "experiments/\(name)",
    exclude: ["README.md"])
}
