// mixing — which residual mixings can each manifold express? A synthetic task that isolates H_res
// (commands: README.md).
import ArgumentParser
import Experiments
import Foundation
import MHC
import MHCHarness

struct Mixing: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Synthetic stream mixing: learn H_res alone towards fixed targets, under each manifold and HC.")
  @Option(help: "Seeds per (connection, target, mode).") var seeds = 3
  @Option(help: "AdamW steps per training.") var steps = 600
  @Option(help: "Peak learning rate (constant).") var lr = 0.05
  @Option(help: "Width C of each stream.") var width = 16
  @Option(help: "Tokens per step.") var tokens = 128
  @Flag(help: "Figure and summary.md from results/mixing/results.json only; no training.") var replot = false
  @Flag(help: "Plain progress lines.") var plain = false
  @Option(help: "Results folder.") var results = "results"
  @Option(help: "Figures folder.") var plots = "plots"
  @OptionGroup var fixed: FixedRunOptions

  func validate() throws {
    try fixed.check("mixing", jobsWhy: "its tasks train in one process in about a minute")
  }

  var task: MixingTask { MixingTask(steps: steps, lr: lr, width: width, tokens: tokens) }
  typealias Task = MixingTask

  func run() throws {
    let store = StoredMeasurement(path: "\(results)/mixing/results.json", replot: replot, force: true)
    let stored = try store.json(Stored.self) {
      var stored = Stored(n: Task.n, width: width, steps: steps, lr: lr, outcomes: [])
      let total = Task.members.count * Task.targets.count * 2 * seeds, start = Date()
      for member in Task.members {
        for dynamic in [false, true] {
          for target in Task.targets {
            for seed in 0..<seeds {
              stored.outcomes.append(try task.train(member, target, dynamic: dynamic, seed: seed))
            }
          }
          print(
            "mixing: \(member.label) \(dynamic ? "dynamic" : "static") done (\(stored.outcomes.count)/\(total), "
              + String(format: "%.0f s)", Date().timeIntervalSince(start)))
        }
      }
      return stored
    }
    try report(stored)
  }

  // MARK: Figure and summary

  func report(_ s: Stored) throws {
    let targets = Task.targets.map(\.name), members = Task.members.map(\.label)
    func outcomes(_ m: String, _ t: String, _ mode: String) -> [Outcome] {
      s.outcomes.filter { $0.member == m && $0.target == t && $0.mode == mode }
    }
    /// Mean of log10(final error) over the seeds.
    func logError(_ o: [Outcome]) -> Double? {
      o.isEmpty ? nil : SeedInterval(o.map { log10(max($0.finalError, 1e-16)) }).mean
    }
    /// "1e-2.3" and the mean steps to 1% error ("120 st"), or how many seeds reached it ("2/3 <1%").
    func note(_ o: [Outcome], below: String = "<1%", _ join: (String, String) -> String) -> String? {
      guard let l = logError(o) else { return nil }
      let steps = o.compactMap(\.stepsToOnePercent)
      let reach =
        steps.count == o.count
        ? "\(Int(SeedInterval(steps.map(Double.init)).mean)) st" : "\(steps.count)/\(o.count) \(below)"
      return join(String(format: "1e%.1f", l), reach)
    }
    let panels = ["static", "dynamic"].map { mode in
      PhasePanel(
        title: "\(mode) mappings: log10 relative error (white = 1%)", rowLabels: members, columnLabels: targets,
        values: members.map { m in targets.map { t in logError(outcomes(m, t, mode)).map { $0 + 2 } } },
        notes: members.map { m in targets.map { t in note(outcomes(m, t, mode)) { $0 + "\n" + $1 } ?? "" } })
    }
    let figure = Chart.phaseMaps(
      "mixing",
      title: "learning a fixed mixing y = M*x with H_res alone (n = \(s.n), \(s.steps) AdamW steps, mean "
        + "of \(seeds) seeds)",
      panels: panels, xlabel: "target M*", ylabel: "connection", range: 6, cellWidth: 120, cellHeight: 56)
    try Gnuplot.render(figure, in: plots)

    var text = """
      # mixing — which targets can each residual mixing reach?

      n = \(s.n) streams of width \(s.width), \(s.steps) AdamW steps of \(tokens) tokens at lr \(s.lr), \(seeds) \
      seeds. How to read the tables: `experiments/mixing/README.md`.

      | target | M* |
      | --- | --- |

      """
    for t in Task.targets { text += "| \(t.name) | \(t.about) |\n" }
    for mode in ["static", "dynamic"] {
      var table = MarkdownTable(["connection"] + targets)
      for m in members {
        table.add([m] + targets.map { t in note(outcomes(m, t, mode), below: "< 1%") { "\($0) (\($1))" } ?? "–" })
      }
      text += "\n## \(mode.capitalized) mappings: final relative error (steps to 1%)\n\n\(table.text)"
    }
    text +=
      "\nFigure: `plots/mixing.png` (blue: below 1% error, red: above); every seed: `results/mixing/results.json`.\n"
    try ExperimentSummary.write(
      text, experiment: "mixing",
      options: try SweepOptions.parse(["--results", results, "--plots", plots]), figures: "mixing.png")
  }
}

Mixing.launch()
