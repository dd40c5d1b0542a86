// stability — residual vs HC vs mHC side by side (paper Fig. 2, 3, 5, 7, 8), plus a stress
// sweep over depth and learning rate that records divergence instead of crashing.
//
//   swift run -c release stability                 # quick preset, 3 seeds (~7 min on 2 cores)
//   swift run -c release stability --stress        # … and the stress sweep over depth × lr
//   swift run -c release stability --preset paper  # deep and long (hours)
//   swift run -c release stability --replot --stress  # figures + summary.md from results/ only
//
// This page: the runs (``StabilityDesign``) → figures → summary.md (``DesignSummary``). Figures.swift:
// heat maps and the stress figure; Headline.swift: the three lines the main command ends with.
import ArgumentParser
import Experiments
import Foundation
import MHC
import MHCHarness

BLASRuntime.ensureFastKernel()

struct Stability: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Residual vs HC vs mHC: loss gap, gradient norm, Amax gains, learned H_res, stress sweep.")
  @OptionGroup var sweep: SweepOptions
  @Option(help: "Training steps of the main comparison (default: 300 quick, 3000 paper).") var steps: Int?
  @Flag(help: "Also train the stress sweep (depth × learning rate, 27 runs per seed); the paper preset always does.")
  var stress = false

  /// The runs (``StabilityDesign``): the main comparison, and the stress sweep under `--stress` or `paper`.
  var design: StabilityDesign {
    StabilityDesign(preset: sweep.preset, seeds: sweep.seeds, steps: steps, stress: stress)
  }

  func run() throws {
    try design.sweep().execute(sweep) { try report($0) }
  }

  // MARK: Figures and summary

  func report(_ all: [LoadedRun]) throws {
    let d = design, page = DesignSummary(d, runs: all, options: sweep)
    let main = d.variants(.main).flatMap { page.runs(.main, $0) }
    // Curves, gain profiles and heat maps need one run per connection: seed 0. Tables use every seed.
    let byKind = Dictionary(
      main.filter { $0.config.seed == 0 }.map { ($0.config.model.connection.kind, $0) },
      uniquingKeysWith: { a, _ in a })
    guard let res = byKind[.residual], let hc = byKind[.hc], let mhc = byKind[.mhc] else {
      throw MHCError("stability: the seed-0 residual, hc and mhc runs are missing from \(sweep.results)/stability")
    }
    let dir = sweep.plots
    // 1. loss gap to the baseline (Fig. 2/5a)
    func gap(_ r: LoadedRun, val: Bool) -> [(Double, Double)] {
      if val {
        let base = Dictionary(
          res.metrics.compactMap { m in m.valLoss.map { (m.step, $0) } }, uniquingKeysWith: { a, _ in a })
        return r.metrics.compactMap { m in m.valLoss.flatMap { v in base[m.step].map { (Double(m.step), v - $0) } } }
      }
      let a = smooth(r.metrics.map(\.trainLoss)), b = smooth(res.metrics.map(\.trainLoss))
      return (0..<min(a.count, b.count)).map { (Double($0 + 1), a[$0] - b[$0]) }
    }
    let zero = [Gnuplot.horizontalLine(at: "0")]
    try Gnuplot.render(
      Chart.figure(
        "stability-loss-gap", title: "seed 0 (summary.md pairs every seed)",
        panels: [
          Panel(
            title: "training loss − residual (moving average, 25 steps)", xlabel: "step",
            ylabel: "loss gap (nats/byte)",
            series: [Series("hc", points: gap(hc, val: false)), Series("mhc", points: gap(mhc, val: false))],
            extra: zero),
          Panel(
            title: "validation loss − residual", xlabel: "step", ylabel: "loss gap (nats/byte)",
            series: [
              Series("hc", points: gap(hc, val: true), style: "linespoints"),
              Series("mhc", points: gap(mhc, val: true), style: "linespoints"),
            ], extra: zero),
        ]), in: dir)
    // 2. gradient norm (Fig. 2/5b)
    try Gnuplot.render(
      Chart.figure(
        "stability-grad-norm",
        panels: [
          Panel(
            title: "global gradient norm before clipping (seed 0; moving average, 25 steps)", xlabel: "step",
            ylabel: "‖g‖₂", logy: true,
            series: [res, hc, mhc].map { r in
              Series(
                r.config.model.connection.kind.rawValue,
                points: smooth(r.metrics.map(\.gradNorm)).enumerated().map { (Double($0.0 + 1), $0.1) })
            })
        ]), in: dir)
    // 3. Amax gains per sublayer (Fig. 3 and 7)
    func gainSeries(_ pick: (GainRow) -> Double) -> [Series] {
      [hc, mhc].map { r in
        Series(
          r.config.model.connection.kind.rawValue, points: r.finalGains.map { (Double($0.sublayer + 1), pick($0)) },
          style: "linespoints")
      }
    }
    let unit = Gnuplot.horizontalLine(at: "1")
    let one = [unit, "set xtics 1"]
    let gainsTitle = "Amax gain magnitude at the end of training (seed 0; token average, evaluation batch)"
    try Gnuplot.render(
      Chart.figure(
        "stability-gains", title: gainsTitle,
        panels: [
          Panel(
            title: "single layer, forward (max row sum)", xlabel: "sublayer", ylabel: "gain", logy: true,
            series: gainSeries { $0.gains.single.forward }, extra: one),
          Panel(
            title: "single layer, backward (max column sum)", xlabel: "sublayer", ylabel: "gain", logy: true,
            series: gainSeries { $0.gains.single.backward }, extra: one),
          Panel(
            title: "composite, forward", xlabel: "sublayer", ylabel: "gain", logy: true,
            series: gainSeries { $0.gains.composite.forward }, extra: one),
          Panel(
            title: "composite, backward", xlabel: "sublayer", ylabel: "gain", logy: true,
            series: gainSeries { $0.gains.composite.backward }, extra: one),
        ], columns: 2), in: dir)
    // 3b. composite gain over training
    func overTraining(_ r: LoadedRun) -> [(Double, Double)] {
      Dictionary(grouping: r.gains, by: \.step).map {
        (Double($0.key), $0.value.map(\.gains.composite.backward).max() ?? 1)
      }.sorted { $0.0 < $1.0 }
    }
    try Gnuplot.render(
      Chart.figure(
        "stability-gain-over-training",
        panels: [
          Panel(
            title: "largest composite backward gain over the sublayers, during training (seed 0)", xlabel: "step",
            ylabel: "gain", logy: true,
            series: [
              Series("hc", points: overTraining(hc), style: "linespoints"),
              Series("mhc", points: overTraining(mhc), style: "linespoints"),
            ], extra: [unit])
        ]), in: dir)
    // 4. heat maps (Fig. 8)
    try Gnuplot.render(heatmaps(hc: hc, mhc: mhc), in: dir)
    // 5. stress sweep
    let stress = d.stressCells.flatMap { c in d.variants(c).flatMap { page.runs(c, $0) } }
    if !stress.isEmpty { try Gnuplot.render(stressFigure(stress), in: dir) }
    let figures =
      ["loss-gap", "grad-norm", "gains", "gain-over-training", "hres-heatmaps"] + (stress.isEmpty ? [] : ["stress"])
    try ExperimentSummary.write(
      page.markdown(figures: figures.map { "stability-\($0).png" }), experiment: "stability", options: sweep,
      figures: "stability-*.png")
    print("")
    for line in headline(main: main) { print(line) }
  }
}

Stability.main()
