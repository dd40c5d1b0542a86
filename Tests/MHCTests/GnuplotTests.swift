import Foundation
import MHC
import MHCHarness
import Testing

/// A fresh, uniquely named directory under the temporary directory, removed by `cleanUp()`.
private struct ScratchDirectory {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("mhc-gnuplot-\(UUID().uuidString)").path
  func cleanUp() { try? FileManager.default.removeItem(atPath: path) }
}

private func fileSize(_ path: String) throws -> Int {
  try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
}

@Suite struct GnuplotTests {
  @Test(.enabled(if: Gnuplot.isAvailable)) func rendersAndScriptRebuildsFigure() throws {
    let dir = ScratchDirectory()
    defer { dir.cleanUp() }
    let steps = (0..<50).map(Double.init)
    let figure = GnuplotFigure(
      name: "loss",
      body: """
        set xlabel 'step'
        plot $mhc using 1:2 lc rgb '\(PlotStyle.color(for: "mhc"))' title 'mHC', \\
             $hc using 1:2 lc rgb '\(PlotStyle.color(for: "hc"))' title 'HC'
        """,
      datablocks: [
        .init(name: "mhc", rows: steps.map { [$0, 3 * exp(-$0 / 20)] }),
        .init(name: "hc", rows: steps.map { [$0, 3 * exp(-$0 / 30)] }),
      ])
    let png = try Gnuplot.render(figure, in: dir.path)
    #expect(png == dir.path + "/loss.png")
    let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
    #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

    let gp = dir.path + "/loss.gp"
    let script = try String(contentsOfFile: gp, encoding: .utf8)
    #expect(script == figure.script(outputPath: png))
    #expect(script.contains("pngcairo"))
    #expect(script.contains("$mhc << EOD\n0.0 3.0\n"))
    #expect(script.contains("$hc << EOD\n"))

    // The script alone rebuilds the same figure.
    try FileManager.default.removeItem(atPath: png)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["gnuplot", gp]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(try fileSize(png) == bytes.count)
  }

  @Test(.enabled(if: Gnuplot.isAvailable)) func gnuplotErrorsReachTheCaller() throws {
    let dir = ScratchDirectory()
    defer { dir.cleanUp() }
    let figure = GnuplotFigure(
      name: "broken", body: "plot $d using 1:2 with nonsense_style",
      datablocks: [.init(name: "d", rows: [[0, 1], [1, 2]])])
    let error = try #require(throws: MHCError.self) { try Gnuplot.render(figure, in: dir.path) }
    // gnuplot says: "<dir>/broken.gp" line 11: unrecognized plot type
    #expect(error.description.contains("unrecognized plot type"))
    #expect(error.description.contains("nonsense_style"))
    #expect(error.description.contains(dir.path + "/broken.gp"))
    #expect(!error.description.contains("\n"))
  }

  @Test(.enabled(if: Gnuplot.isAvailable), .timeLimit(.minutes(1))) func chattyGnuplotDoesNotBlock() throws {
    let dir = ScratchDirectory()
    defer { dir.cleanUp() }
    // gnuplot's `print` writes to stderr: ~700 KB, far more than a pipe buffer holds.
    let figure = GnuplotFigure(
      name: "chatty",
      body: """
        do for [i=1:20000] { print sprintf("%d some text to fill the pipe", i) }
        plot $d using 1:2 title 'd'
        """,
      datablocks: [.init(name: "d", rows: [[0, 1], [1, 2]])])
    let start = ContinuousClock.now
    let png = try Gnuplot.render(figure, in: dir.path)
    #expect(ContinuousClock.now - start < .seconds(10))
    #expect(FileManager.default.fileExists(atPath: png))
  }

  @Test func coloursAreStable() {
    #expect(PlotStyle.color(for: "residual") == "#4d4d4d")
    #expect(PlotStyle.color(for: "hc") == "#d62728")
    #expect(PlotStyle.color(for: "mhc") == "#1f77b4")
    let other = PlotStyle.color(for: "mhc-lite")
    #expect(other == PlotStyle.color(for: "mhc-lite"))
    #expect(other.count == 7 && other.hasPrefix("#"))
    #expect(!["#4d4d4d", "#d62728", "#1f77b4"].contains(other))
  }

  @Test func datablocksSerialiseNaNAndBlankLines() {
    let figure = GnuplotFigure(
      name: "grid", body: "plot $g using 1:2:3 with image",
      datablocks: [
        .init(name: "g", rows: [[0, 0, 1.5], [1, 0, .nan], [], [0, 1, -2], [1, 1, .infinity]]),
        .init(name: "empty", rows: []),
      ])
    let script = figure.script(outputPath: "out/grid.png")
    #expect(script.contains("$g << EOD\n0.0 0.0 1.5\n1.0 0.0 NaN\n\n0.0 1.0 -2.0\n1.0 1.0 NaN\nEOD\n"))
    #expect(script.contains("$empty << EOD\nEOD\n"))
    #expect(script.hasPrefix("set terminal pngcairo"))
    #expect(script.contains("set output 'out/grid.png'\n"))
    #expect(script.hasSuffix("plot $g using 1:2:3 with image\nunset output\n"))
  }
}
