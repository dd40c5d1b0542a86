import Foundation

/// Resident memory of this process from `/proc/self/status` (Linux), in bytes.
public enum ProcessMemory {
  /// Peak resident set size (`VmHWM`).
  public static var peak: Int? { field("VmHWM") }
  /// Current resident set size (`VmRSS`).
  public static var current: Int? { field("VmRSS") }

  static func field(_ name: String) -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
      let digits = line.split(separator: " ").compactMap { Int($0) }
      if let kb = digits.first { return kb * 1024 }
    }
    return nil
  }
}
