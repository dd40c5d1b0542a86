// compare: side-by-side table of finished runs, optionally with their loss curves overlaid.
//
//   swift run -c release compare 'results/stability/*'
//   swift run -c release compare results/a results/b --plot my-comparison
import ArgumentParser
import Foundation
import MHC
import MHCHarness

#if canImport(Glibc)
  import Glibc
#endif

struct Compare: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Compare finished runs: differing config keys and summary metrics as a Markdown table.")

  @Argument(help: "Run folders or glob patterns (quote globs to let compare expand them).") var runs: [String]
  @Option(
    help: ArgumentHelp(
      "Also overlay the loss curves: NAME → plots/NAME.png (with plots/NAME.gp); a path (with a /) → that file, e.g. "
        + "/tmp/cmp.png.",
      valueName: "name-or-path"))
  var plot: String?
  @Option(help: "Figures folder.") var plots = "plots"

  func expand(_ pattern: String) -> [String] {
    var g = glob_t()
    defer { globfree(&g) }
    guard glob(pattern, 0, nil, &g) == 0 else { return [] }
    return (0..<Int(g.gl_pathc)).compactMap { g.gl_pathv[$0].map { String(cString: $0) } }
  }

  func run() throws {
    let folders = runs.flatMap { FileManager.default.fileExists(atPath: $0) ? [$0] : expand($0) }
      .filter { FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent("summary.json")) }
    guard !folders.isEmpty else {
      throw ValidationError("no finished runs (folders with summary.json) match \(runs.joined(separator: " "))")
    }
    let loaded = try folders.sorted(by: naturalLess).map { try LoadedRun.load($0) }
    // keys whose values differ between the runs
    let dicts = try loaded.map { r -> [String: String] in
      let obj = try JSONSerialization.jsonObject(with: JSONEncoder().encode(r.config)) as! [String: Any]
      return obj.mapValues { "\($0)" }
    }
    let keys = Set(dicts.flatMap(\.keys)).sorted().filter { k in Set(dicts.map { $0[k] ?? "" }).count > 1 }
    var table = MarkdownTable(
      ["run"] + keys + ["status", "steps", "final val loss", "final train loss", "max composite gain (bwd)", "s/step"])
    for (r, d) in zip(loaded, dicts) {
      let s = r.summary
      table.add(
        [r.directory] + keys.map { d[$0] ?? "" } + [
          s.status.rawValue + (s.divergedStep.map { " @\($0)" } ?? ""), "\(s.steps)", cell(s.finalEvalLoss),
          cell(s.finalTrainLossAverage),
          cell(s.maxCompositeBackwardGain), cell(s.meanStepSeconds, 3),
        ])
    }
    // Everything that can fail happens before anything is printed.
    let figure = try plot.map { try render($0, loaded) }
    print(table.text, terminator: "")
    if let figure { print("figure: \(figure)") }
  }

  /// Renders the loss curves to `plot` (a name in `plots`, or a path) and returns the PNG's path.
  func render(_ plot: String, _ loaded: [LoadedRun]) throws -> String {
    var dir = plots, name = plot
    if plot.contains("/") {
      dir = (plot as NSString).deletingLastPathComponent
      name = (plot as NSString).lastPathComponent
      if dir.isEmpty { dir = "/" }
    }
    if name.hasSuffix(".png") || name.hasSuffix(".gp") { name = (name as NSString).deletingPathExtension }
    guard !name.isEmpty, !name.hasPrefix(".") else {
      throw ValidationError(
        "--plot '\(plot)' has no file name; give a name (e.g. cmp) or a path ending in one (e.g. /tmp/cmp.png)")
    }
    let names = loaded.map(\.id)
    let unique = Set(names).count == names.count
    func title(_ r: LoadedRun) -> String { unique ? r.id : r.directory }
    let val = loaded.map { r in
      Series(
        title(r), color: PlotStyle.color(for: title(r)),
        points: r.metrics.compactMap { m in m.valLoss.map { (Double(m.step), $0) } }, style: "linespoints")
    }
    let train = loaded.map { r in
      Series(
        title(r), color: PlotStyle.color(for: title(r)), points: r.metrics.map { (Double($0.step), $0.trainLoss) },
        width: 1)
    }
    do { try RunFiles.makeDirectory(dir) } catch {
      throw ValidationError("--plot '\(plot)': cannot create the folder \(dir)")
    }
    return try Gnuplot.render(
      Chart.figure(
        name,
        panels: [
          Panel(title: "validation loss", xlabel: "step", ylabel: "nats/byte", series: val),
          Panel(title: "training loss", xlabel: "step", ylabel: "nats/byte", series: train),
        ], columns: 1, height: 900), in: dir)
  }
}

Compare.main()
