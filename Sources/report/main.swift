// report — the paper's claims in one page: reads every committed result, judges each claim by a
// fixed rule and writes REPORT.md and plots/report-gaps.png. It never trains.
//
//   swift run -c release report                      # results/ → REPORT.md, plots/report-gaps.png
//   swift run -c release report --results R --out X  # another results root / output file
import ArgumentParser
import Experiments
import Foundation
import MHC
import MHCHarness

struct Report: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Write REPORT.md: each claim of the mHC paper, the toolkit's number with seeds and a 95% interval, a verdict.")
  @Option(help: "Results root folder.") var results = "results"
  @Option(help: "Figures folder.") var plots = "plots"
  @Option(help: "The report to write.") var out = "REPORT.md"
  @Flag(help: "Accepted for symmetry with the experiments: the report only ever reads results.") var replot = false
  @Flag(
    help: ArgumentHelp(
      "First re-derive every finished run's status from its metrics under the current divergence rules (summary.json "
        + "and meta.json; no training).")
  )
  var restatus = false
  @Option(help: "An earlier REPORT.md to compare the verdicts with (default: the newest in results/report-history/).")
  var since: String?

  func run() throws {
    guard FileManager.default.fileExists(atPath: results) else {
      throw ValidationError(
        "--results \(results) does not exist; run an experiment first (e.g. swift run -c release stability)")
    }
    if restatus {
      let changes = try Restatus.apply(root: results)
      print("report --restatus: \(changes.count) run(s) changed status")
      for c in changes { print("  " + c) }
    }
    let store = ResultStore(root: results)
    let claims = Claims(store: store)
    let rows = claims.rows(), gaps = claims.lossGaps(), noise = claims.noise()
    if !gaps.isEmpty { try Gnuplot.render(forest(gaps), in: plots) }
    let evaluation = finalEvaluationText(store)
    var text = page(rows, noise: noise, evaluation: evaluation, figure: !gaps.isEmpty)
    if let earlier = try earlierReport() { text += "\n" + earlier.markdown(rows) }
    try RunFiles.write(text, to: out)
    let counts = Dictionary(grouping: rows, by: \.verdict).mapValues(\.count)
    print(
      "report: \(rows.count) claims → \(out) ("
        + [ClaimVerdict.reproduced, .contradicted, .notResolved, .notRun]
        .map { "\(counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ") + ")")
  }

  // MARK: The page

  /// `--since`, or the newest file of `<results>/report-history/` (nil when there is none).
  func earlierReport() throws -> ReportHistory? {
    if let since { return try ReportHistory(contentsOf: since) }
    let dir = "\(results)/report-history"
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".md") }
      .sorted()
    return try names.last.map { try ReportHistory(contentsOf: "\(dir)/\($0)") }
  }

  /// The fixed final evaluation of every language-model run under the results root: its window
  /// counts and the standard errors of the runs' final losses against the 0.01 target.
  func finalEvaluationText(_ store: ResultStore) -> String {
    let experiments = ((try? FileManager.default.contentsOfDirectory(atPath: results)) ?? []).sorted()
    let runs = experiments.flatMap { store.runs($0) }.filter {
      $0.config.model.task == .bytes && $0.summary.finalEvalStandardError != nil
    }
    let windows = Set(runs.compactMap(\.summary.finalEvalWindows)).sorted().map(String.init)
    return "\(windows.joined(separator: " or ")) windows; " + finalEvaluationErrorNote(runs)
  }

  /// What training longer did to the spread: each noise row of a cell trained with more steps
  /// beside the same cell of the grid.
  func longerRuns(_ noise: [Claims.NoiseRow]) -> String {
    let byCell = Dictionary(noise.map { ($0.cell, $0) }, uniquingKeysWith: { a, _ in a })
    let pairs = noise.compactMap { r -> String? in
      guard let twin = r.longerThan, let base = byCell[twin], let long = r.fixedSet, let short = base.fixedSet
      else { return nil }
      return "\(r.cell) (\(r.seeds) seeds): the gap's spread on the fixed set is "
        + String(format: "%.3f against %.3f at 300 steps (%d seeds)", long, short, base.seeds)
    }
    return pairs.isEmpty
      ? "Longer runs were not tried in this release."
      : "Longer runs — " + pairs.joined(separator: "; ")
        + " (for n = 4 a spread's own 95% interval runs from 0.57× to 3.7× the estimate, so only a large change "
        + "counts)."
  }

  func page(_ rows: [ClaimRow], noise: [Claims.NoiseRow], evaluation: String, figure: Bool) -> String {
    var t = MarkdownTable([
      "#", "claim", "paper", "toolkit (mean, 95% interval)", "seeds", "cell", "verdict", "regenerate",
    ])
    for (i, r) in rows.enumerated() {
      t.add(["\(i + 1)", r.claim, r.paper, r.toolkit, r.seeds, r.cell, "**\(r.verdict.rawValue)**", r.command])
    }
    let rules = rows.enumerated().map { "\($0 + 1). \($1.claim): \($1.rule). Figure: `\($1.figure)`." }.joined(
      separator: "\n")
    var n = MarkdownTable([
      "cell", "seeds", "last evaluation (4 batches)", "mean of last 3 evaluations",
      "fixed set (~2000 windows)", "training loss, last 10%", "evaluation noise: fixed set",
      "evaluation noise: a few batches",
    ])
    for r in noise {
      func f(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "–" }
      n.add([
        r.cell, "\(r.seeds)", f(r.lastEval), f(r.lastThreeEvals), f(r.fixedSet), f(r.trainTail),
        f(r.fixedSetEvaluationNoise), f(r.smallSetEvaluationNoise) + " (\(r.smallWindows) windows)",
      ])
    }
    let noiseText =
      noise.isEmpty
      ? "No cell has three current paired seeds yet."
      : n.text + """

        The first four columns are the standard deviation over seeds of the paired mHC − residual gap when the final
        loss is measured that way (with n seeds that standard deviation is itself uncertain: for n = 3 its 95% interval
        runs from 0.52× to 6.3× the estimate, for n = 6 from 0.62× to 2.5×). The last two are the evaluation's own share
        of it: on the fixed set, the standard error of the mean per-window difference of the two runs (averaged over
        seeds); on a few batches, the same scaled to that many windows (it grows as 1/√windows). The fixed set makes the
        evaluation's share negligible; what is left is the spread of training itself between seeds, which only more
        seeds shrink (the interval narrows as 1/√seeds). \(longerRuns(noise))
        """
    return """
      # The mHC paper's claims, checked at laptop scale

      Generated by `swift run -c release report` from the runs under `\(results)/` (it never trains). Every loss
      comparison is paired by seed — the compared variants share their initial weights for every shared tensor, their
      batches and their final evaluation windows — and reported as the mean difference with its 95% Student-t
      interval over the seeds (n − 1 degrees of freedom). A verdict needs at least \(minimumSeedsForVerdict) paired
      seeds; a loss claim is **reproduced** only when the interval excludes 0 on the claimed side, **contradicted**
      only when it excludes 0 on the other, and otherwise **not resolved at this scale**; a claim without enough
      current runs is **not run**, with the command that runs it. The final loss of every language run is measured on
      one fixed set of disjoint validation windows (\(evaluation)) Runs evaluated before that set existed are left out.

      The paper trains 3B–27B mixture-of-experts models for thousands of steps; these are byte-level models of
      ≈ 1M parameters trained for a few hundred steps on 2 CPU cores. A claim "not resolved at this scale" says
      exactly that, and nothing about the paper.

      \(t.text)
      ## The rules

      \(rules)

      \(figure ? "## Every loss gap at once\n\n![paired loss gaps with 95% intervals](\(plots)/report-gaps.png)\n\nEach line is a paired gap with its 95% interval; a line that crosses 0 is not resolved.\n" : "")
      ## The noise: what a paired gap varies by between seeds

      \(noiseText)
      """
  }

  /// All loss gaps on one axis, with their 95% intervals (a forest plot).
  func forest(_ gaps: [(label: String, gap: PairedComparison)]) -> GnuplotFigure {
    let rows = gaps.enumerated().map { i, g in
      [g.gap.mean, Double(gaps.count - 1 - i), g.gap.differences.lower, g.gap.differences.upper]
    }
    let tics = gaps.enumerated().map { i, g in "\(Chart.quote("\(g.label) (n=\(g.gap.n))")) \(gaps.count - 1 - i)" }
    let body = [
      "set title 'paired final-loss gaps, mean and 95% interval over seeds (a line crossing 0: not resolved)'",
      "set xlabel 'loss gap (nats/byte); negative: the first variant is better'",
      "set ytics (" + tics.joined(separator: ", ") + ") font ',9'",
      "set yrange [-1:\(gaps.count)]",
      "set grid xtics",
      "set lmargin 48",
      "set arrow from first 0, graph 0 to first 0, graph 1 nohead lc rgb '#888888' dt 2",
      "plot $gaps using 1:2:3:4 with xerrorbars pt 7 ps 1.2 lc rgb '#1f77b4' notitle",
    ].joined(separator: "\n")
    return GnuplotFigure(
      name: "report-gaps", body: body, datablocks: [.init(name: "gaps", rows: rows)],
      width: 1200, height: max(400, 60 + 34 * gaps.count))
  }
}

Report.main()
