import Foundation
import MHC

/// The house style for figures: one colour per variant everywhere, one font, one size, one preamble.
///
/// ```swift
/// let body = "plot $loss using 1:2 with lines lc rgb '\(PlotStyle.color(for: "mhc"))' title 'mHC'"
/// ```
public enum PlotStyle {
  /// The colour of `variant` as `#rrggbb`: fixed for `residual`, `hc` and `mhc`; any other name gets a
  /// palette entry chosen by a stable (FNV-1a) hash of the name, so it is the same in every run.
  public static func color(for variant: String) -> String {
    switch variant.lowercased() {
    case "residual": return "#4d4d4d"
    case "hc": return "#d62728"
    case "mhc": return "#1f77b4"
    default:
      var hash: UInt64 = 0xcbf2_9ce4_8422_2325
      for byte in variant.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
      return palette[Int(hash % UInt64(palette.count))]
    }
  }

  /// Colours for variants without a fixed colour (none of them close to the fixed three).
  static let palette = ["#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22"]

  /// The `i`-th of 13 distinct colours (matplotlib's ten, then three dark ones), for families of
  /// unordered curves; wraps around.
  public static func categorical(_ i: Int) -> String { categories[i % categories.count] }
  static let categories = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    "#393b79", "#637939", "#843c39",
  ]

  /// The figure font, as gnuplot's `font` option wants it.
  public static let font = "Helvetica,11"

  /// The default figure size in pixels.
  public static let size = (width: 900, height: 560)

  /// The common preamble: pngcairo terminal with size and font, the output path, a light grid,
  /// a boxless key and a left/bottom border with outward tics.
  ///
  /// ```swift
  /// let head = PlotStyle.preamble(output: "figures/loss.png")  // starts with "set terminal pngcairo …"
  /// ```
  public static func preamble(output: String, width: Int = size.width, height: Int = size.height) -> String {
    """
    set terminal pngcairo noenhanced size \(width),\(height) font '\(font)' linewidth 1.5
    set output \(quoted(output))
    set encoding utf8
    set border 3 lw 1 lc rgb '#333333'
    set tics nomirror out
    set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'
    set key top right nobox noopaque samplen 2 spacing 1.1
    set style data lines
    """
  }

  /// Axis styling, repeated per panel after `reset session` in multi-panel figures.
  public static let axesStyle = [
    "set border 3 lw 1 lc rgb '#333333'",
    "set tics nomirror out",
    "set grid xtics ytics lt 1 lw 0.6 lc rgb '#dddddd'",
    "set key top right nobox noopaque samplen 2 spacing 1.1",
    "set style data lines",
  ]

  /// `text` as a single-quoted gnuplot string (a quote inside is doubled).
  static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}

/// A gnuplot figure: named data blocks plus a script body, rendered by ``Gnuplot/render(_:in:)``.
///
/// ```swift
/// let fig = GnuplotFigure(name: "loss", body: "set xlabel 'step'\nplot $loss using 1:2 title 'mHC'",
///                         datablocks: [.init(name: "loss", rows: [[0, 2.3], [1, 1.9]])])
/// try Gnuplot.render(fig, in: "figures")   // figures/loss.gp and figures/loss.png
/// ```
public struct GnuplotFigure: Sendable {
  /// A data block sent inline as `$name << EOD … EOD`. Each row is one line of space-separated
  /// numbers; an empty row is an empty line (the data-set separator of heat maps and `splot`
  /// grids); non-finite values are written as `NaN`, which gnuplot treats as missing.
  public struct Datablock: Sendable {
    /// The block's name, without the `$`.
    public var name: String
    public var rows: [[Double]]
    public init(name: String, rows: [[Double]]) { self.name = name; self.rows = rows }
  }

  /// The file stem: rendering writes `<dir>/<name>.gp` and `<dir>/<name>.png`.
  public var name: String
  public var datablocks: [Datablock]
  /// The gnuplot commands that follow the preamble and the data blocks.
  public var body: String
  public var width: Int, height: Int

  public init(
    name: String, body: String, datablocks: [Datablock] = [],
    width: Int = PlotStyle.size.width, height: Int = PlotStyle.size.height
  ) {
    self.name = name; self.body = body; self.datablocks = datablocks
    self.width = width; self.height = height
  }

  /// The complete, self-contained script: the preamble (terminal, output), the data blocks inline,
  /// the body, and `unset output`.
  ///
  /// ```swift
  /// let fig = GnuplotFigure(name: "loss", body: "plot sin(x)")
  /// print(fig.script(outputPath: "figures/loss.png"))
  /// ```
  public func script(outputPath: String) -> String {
    var lines = [PlotStyle.preamble(output: outputPath, width: width, height: height)]
    for block in datablocks {
      lines.append("$\(block.name) << EOD")
      for row in block.rows {
        lines.append(row.map { $0.isFinite ? "\($0)" : "NaN" }.joined(separator: " "))
      }
      lines.append("EOD")
    }
    lines.append(body)
    lines.append("unset output")
    return lines.joined(separator: "\n") + "\n"
  }
}

/// Renders ``GnuplotFigure``s with the `gnuplot` executable.
///
/// ```swift
/// let fig = GnuplotFigure(name: "loss", body: "plot sin(x)")
/// if Gnuplot.isAvailable { try Gnuplot.render(fig, in: "figures") }
/// ```
public enum Gnuplot {
  /// Whether a `gnuplot` executable is on `PATH`.
  public static var isAvailable: Bool { executable != nil }

  /// The first executable `gnuplot` in the `PATH` entries, if any.
  static var executable: String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    return path.split(separator: ":").lazy.map { ($0.isEmpty ? "." : String($0)) + "/gnuplot" }
      .first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Writes `<directory>/<name>.gp` atomically (its data inline, and its `set output` naming
  /// `<directory>/<name>.png` exactly as `directory` was given, so `gnuplot <directory>/<name>.gp`
  /// from the same working directory rebuilds the figure), creating `directory` if needed, then
  /// runs gnuplot on it, and returns the PNG's path.
  ///
  /// Throws ``MHCError`` if gnuplot is not on `PATH`, or if it exits with a non-zero status or prints
  /// anything containing "error"; the message then quotes gnuplot's own words and names the script.
  ///
  /// ```swift
  /// let fig = GnuplotFigure(name: "loss", body: "plot sin(x)")
  /// let png = try Gnuplot.render(fig, in: "figures")   // "figures/loss.png"
  /// ```
  @discardableResult
  public static func render(_ figure: GnuplotFigure, in directory: String) throws -> String {
    let stem = (directory.isEmpty ? "" : directory.hasSuffix("/") ? directory : directory + "/") + figure.name
    let scriptPath = stem + ".gp", pngPath = stem + ".png"
    do {
      if !directory.isEmpty {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      }
      try figure.script(outputPath: pngPath).write(toFile: scriptPath, atomically: true, encoding: .utf8)
    } catch {
      throw MHCError("cannot write \(scriptPath): \(error.localizedDescription)")
    }
    guard let gnuplot = executable else {
      throw MHCError(
        "gnuplot not found on PATH; install it with: sudo apt-get install gnuplot-nox (the .gp script was written to "
          + "\(scriptPath))"
      )
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: gnuplot)
    process.arguments = [scriptPath]
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch {
      throw MHCError("cannot run \(gnuplot) on \(scriptPath): \(error.localizedDescription)")
    }
    // Read both pipes on their own threads while gnuplot runs, so it can never block on a full pipe.
    let outDrain = Drain(out.fileHandleForReading), errDrain = Drain(err.fileHandleForReading)
    process.waitUntilExit()
    _ = outDrain.wait()
    let stderr = String(decoding: errDrain.wait(), as: UTF8.self)
    if process.terminationStatus != 0 || stderr.lowercased().contains("error") {
      let lines = stderr.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty && $0 != "^" }
      // gnuplot stops at its first error, so on failure its message is the tail of stderr:
      // the offending command, then `"file" line N: what went wrong` (and perhaps a system error).
      let quote =
        process.terminationStatus != 0
        ? Array(lines.suffix(3))
        : Array(lines.filter { $0.lowercased().contains("error") }.prefix(3))
      let text = quote.joined(separator: "; ")
      throw MHCError(
        "gnuplot failed (exit status \(process.terminationStatus)) on \(scriptPath): "
          + (text.isEmpty ? "no message" : text))
    }
    return pngPath
  }
}

/// Reads a file handle to its end on a background thread.
private final class Drain: @unchecked Sendable {
  private var data = Data()
  private let done = DispatchSemaphore(value: 0)

  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      data = handle.readDataToEndOfFile()  // published to `wait()` by the semaphore
      done.signal()
    }
  }

  func wait() -> Data { done.wait(); return data }
}
