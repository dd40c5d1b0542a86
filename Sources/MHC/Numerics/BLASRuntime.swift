import COpenBLAS
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Which OpenBLAS kernel runs, and making sure it is the fast one.
///
/// Debian's OpenBLAS is built with `DYNAMIC_ARCH` and picks its kernel when the library
/// loads. On CPUs it does not recognise (some AMD EPYC models among them) it falls back to
/// the generic *Prescott* kernel, 5–10× slower than the AVX-512 *SkylakeX* kernel the CPU
/// could run. `OPENBLAS_CORETYPE` forces a kernel, but only when set before the library
/// loads, so ``ensureFastKernel(arguments:)`` re-executes the program once with it set.
///
/// Rules:
/// - `OPENBLAS_CORETYPE` already set (by the user or the machine): never touched.
/// - `MHC_BLAS_AUTO=0`: opt out; the kernel OpenBLAS chose is kept.
/// - otherwise, if the loaded core is a generic one and the CPU has AVX-512 (→ `SkylakeX`)
///   or AVX2+FMA (→ `Haswell`), the process re-executes itself with that core and says so
///   in one line on standard error.
///
/// ```swift
/// BLASRuntime.ensureFastKernel()          // first line of every executable's main
/// print(BLASRuntime.coreName)             // "SkylakeX"
/// ```
public enum BLASRuntime {
  /// The kernel OpenBLAS loaded, as `openblas_get_corename()` reports it.
  public static var coreName: String {
    guard let p = openblas_get_corename() else { return "unknown" }
    return String(cString: p).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Threads a large matrix product runs on (see ``GEMMThreading``).
  public static var threads: Int { GEMMThreading.threads }

  /// The build configuration string of the loaded OpenBLAS.
  public static var config: String {
    guard let p = openblas_get_config() else { return "unknown" }
    return String(cString: p).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// How the kernel was chosen: "auto" (re-executed with a faster core), "env" (set
  /// outside), "default" (OpenBLAS's own choice kept), "opt-out" (`MHC_BLAS_AUTO=0`).
  public static var selection: String {
    if getenv("MHC_BLAS_SELECTED") != nil { return "auto" }
    if getenv("OPENBLAS_CORETYPE") != nil { return "env" }
    if let v = getenv("MHC_BLAS_AUTO"), String(cString: v) == "0" { return "opt-out" }
    return "default"
  }

  /// One-line description for logs and `meta.json`.
  public static var summary: String { "\(coreName) (\(selection), \(threads) threads)" }

  /// The CPU's model name from `/proc/cpuinfo` ("AMD EPYC", "Intel(R) Xeon(R) …"), or "unknown CPU".
  public static var cpuModel: String {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown CPU" }
    for line in text.split(separator: "\n") where line.hasPrefix("model name") {
      if let colon = line.firstIndex(of: ":") {
        return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      }
    }
    return "unknown CPU"
  }

  /// CPU feature flags from `/proc/cpuinfo` (empty where that file does not exist).
  public static func cpuFlags() -> Set<String> {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return [] }
    for line in text.split(separator: "\n") where line.hasPrefix("flags") {
      if let colon = line.firstIndex(of: ":") {
        return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
      }
    }
    return []
  }

  /// The core to force given what loaded and what the CPU can do, or `nil` to keep it.
  public static func recommendedCore(loaded: String, flags: Set<String>) -> String? {
    let generic: Set<String> = [
      "prescott", "core2", "penryn", "dunnington", "nehalem", "atom",
      "katmai", "coppermine", "northwood", "banias", "unknown", "generic",
      "barcelona", "opteron", "athlon", "bobcat", "sandybridge",
    ]
    let name = loaded.lowercased()
    guard generic.contains(name) else { return nil }
    if flags.contains("avx512f") && flags.contains("avx512bw") && flags.contains("avx512vl") {
      return "SkylakeX"
    }
    if flags.contains("avx2") && flags.contains("fma") { return "Haswell" }
    return nil
  }

  /// Re-executes the current program with a faster `OPENBLAS_CORETYPE` when OpenBLAS
  /// loaded a generic kernel on a CPU that can run a better one (see the type's rules).
  /// Returns only if no re-execution happened.
  public static func ensureFastKernel(arguments: [String] = CommandLine.arguments) {
    guard getenv("OPENBLAS_CORETYPE") == nil else { return }
    if let v = getenv("MHC_BLAS_AUTO"), String(cString: v) == "0" { return }
    let loaded = coreName
    guard let core = recommendedCore(loaded: loaded, flags: cpuFlags()) else { return }
    let line =
      "mhc: OpenBLAS loaded its generic '\(loaded)' kernel on a CPU with "
      + "\(core == "SkylakeX" ? "AVX-512" : "AVX2"); re-running with OPENBLAS_CORETYPE=\(core) "
      + "(set OPENBLAS_CORETYPE yourself to choose, or MHC_BLAS_AUTO=0 to keep '\(loaded)')"
    printError(line)
    setenv("OPENBLAS_CORETYPE", core, 1)
    setenv("MHC_BLAS_SELECTED", "1", 1)
    fflush(nil)
    var cargs: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
    cargs.append(nil)
    execv("/proc/self/exe", cargs)
    // execv returned: it failed. Carry on with the slow kernel rather than stop.
    printError("mhc: re-executing failed (errno \(errno)); continuing with '\(loaded)'")
    unsetenv("MHC_BLAS_SELECTED")
  }
}
