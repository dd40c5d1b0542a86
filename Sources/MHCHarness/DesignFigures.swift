import Foundation
import MHC

// What any declaration's results give by cell and variant beyond the summary's tables: a value
// over the seeds, the run a per-run figure shows, a paired gap of any value, mean curves, and the
// standard figure of every comparison as bars with their 95% intervals.

extension DesignSummary {
  /// Every finished run of `cell`, variant by variant.
  public func runs(_ cell: D.Cell) -> [LoadedRun] { design.variants(cell).flatMap { runs(cell, $0) } }

  /// The runs of `variant` in `cell` that completed (a diverged run has no final values), by seed.
  public func completed(_ cell: D.Cell, _ variant: D.Variant) -> [LoadedRun] {
    runs(cell, variant).filter { $0.summary.status == .completed }
  }

  /// `value` of the completed runs of `variant` in `cell` (with `diverged`, of every finished run: a
  /// diverged run's step time and memory are measured too): mean and 95% interval over the seeds
  /// (non-finite values left out).
  ///
  /// ```swift
  /// let page = DesignSummary(ExpansionDesign(preset: .quick), runs: [], options: try SweepOptions.parse([]))
  /// let seconds = page.over(.rates, .mhc(4)) { $0.medianStepSeconds }
  /// print(seconds.text(3))
  /// ```
  public func over(
    _ cell: D.Cell, _ variant: D.Variant, diverged: Bool = false, _ value: (LoadedRun) -> Double?
  ) -> SeedInterval {
    SeedInterval((diverged ? runs(cell, variant) : completed(cell, variant)).compactMap(value).filter(\.isFinite))
  }

  /// The mean of ``over(_:_:diverged:_:)``, nil without a value.
  public func mean(_ cell: D.Cell, _ variant: D.Variant, _ value: (LoadedRun) -> Double?) -> Double? {
    let i = over(cell, variant, value)
    return i.n == 0 ? nil : i.mean
  }

  /// The run a per-run figure shows: the lowest seed that completed (seed 0 unless it diverged).
  public func shown(_ cell: D.Cell, _ variant: D.Variant) -> LoadedRun? { completed(cell, variant).first }

  /// `value` of `variant` − `baseline` in `cell`, paired by seed (`lowerIsBetter` for the verdict).
  public func gap(
    _ cell: D.Cell, _ variant: D.Variant, vs baseline: D.Variant, value: @escaping (LoadedRun) -> Double?,
    lowerIsBetter: Bool
  ) -> PairedComparison {
    .paired(runs(cell, variant), baseline: runs(cell, baseline), value: value, lowerIsBetter: lowerIsBetter)
  }

  /// The final loss of `variant` over `baseline`'s in `cell`, per seed where both completed.
  public func ratio(_ cell: D.Cell, _ variant: D.Variant, vs baseline: D.Variant) -> SeedInterval {
    let base = Dictionary(
      completed(cell, baseline).compactMap { r in r.summary.finalEvalLoss.map { (r.config.seed, $0) } },
      uniquingKeysWith: { a, _ in a })
    return SeedInterval(
      completed(cell, variant).compactMap { r in
        r.summary.finalEvalLoss.flatMap { l in base[r.config.seed].map { l / $0 } }
      })
  }

  /// `value` over training of each variant of `cell`: the mean over its completed seeds (one series
  /// per variant, in the variant's colour).
  public func meanCurves(
    _ cell: D.Cell, _ variants: [D.Variant]? = nil, _ value: (MetricsRow) -> Double?
  ) -> [Series] {
    (variants ?? design.variants(cell)).map { v in
      Series(design.name(v), points: meanCurve(completed(cell, v), value), style: "linespoints")
    }
  }

  /// The standard figure of a declaration's comparisons: a group of bars per cell, a bar per
  /// comparison that `include` keeps, each the mean gap with its 95% interval; with one cell, a bar
  /// per comparison. `value` (default: the final loss, two-stage sized) says what is compared.
  ///
  /// ```swift
  /// let page = DesignSummary(VisionDesign(preset: .quick), runs: [], options: try SweepOptions.parse([]))
  /// let figure = page.gapBars("vision-loss-gap", title: "test loss gap", ylabel: "nats/image", label: \.label)
  /// try Gnuplot.render(figure, in: "plots")
  /// ```
  public func gapBars(
    _ name: String, title: String, xlabel: String = "", ylabel: String = "loss gap (nats/byte)",
    label: ((D.Cell) -> String)? = nil, variantLabel: ((D.Variant) -> String)? = nil,
    include: (D.Variant, D.Variant) -> Bool = { _, _ in true },
    color: ((D.Variant, D.Variant) -> String)? = nil,
    value: ((D.Cell, D.Variant, D.Variant) -> PairedComparison)? = nil,
    width: Int = 1100, height: Int = 620
  ) -> GnuplotFigure {
    let cells = trainedCells, label = label ?? design.title
    func compare(_ c: D.Cell, _ v: D.Variant, _ b: D.Variant) -> Bar { (value?(c, v, b) ?? gap(c, v, vs: b)).bar }
    let pairs = (cells.first.map(design.comparisons) ?? []).filter { include($0.variant, $0.baseline) }
    let colors = pairs.map {
      color?($0.variant, $0.baseline) ?? PlotStyle.color(for: comparisonName($0.variant, $0.baseline))
    }
    if cells.count == 1, let c = cells.first {
      return barChart(
        name, title: title, xlabel: xlabel, groups: pairs.map { (variantLabel ?? design.name)($0.variant) },
        series: [
          (
            "gap", color == nil ? PlotStyle.color(for: "mhc") : colors.first ?? "",
            pairs.map { compare(c, $0.variant, $0.baseline) }
          )
        ],
        yLabel: ylabel, signedValues: true, width: width, height: height)
    }
    // against one baseline, a series is named by its variant
    let oneBaseline = Set(pairs.map { design.name($0.baseline) }).count == 1
    return barChart(
      name, title: title, xlabel: xlabel, groups: cells.map(label),
      series: zip(pairs, colors).map { p, color in
        (
          oneBaseline ? design.name(p.variant) : comparisonName(p.variant, p.baseline), color,
          cells.map { compare($0, p.variant, p.baseline) }
        )
      }, yLabel: ylabel, signedValues: true, width: width, height: height)
  }
}

/// How many of some runs had loss spikes, gradient spikes, or diverged (`summary.json` → `instability`
/// and `status`).
public struct SpikeCounts {
  public let runs: Int, lossSpikes: Int, gradSpikes: Int, diverged: Int

  public init(_ runs: [LoadedRun]) {
    let r = runs.compactMap(\.summary.instability)
    self.runs = runs.count
    lossSpikes = r.filter { $0.lossSpikes > 0 }.count
    gradSpikes = r.filter { $0.gradSpikes > 0 }.count
    diverged = runs.filter { $0.summary.instability?.divergedStep != nil || $0.summary.status == .diverged }.count
  }

  /// "S 1/3 G 2/3 D 0/3" (loss spikes, gradient spikes, diverged), "–" without runs.
  public var compact: String {
    runs == 0 ? "–" : "S \(lossSpikes)/\(runs) G \(gradSpikes)/\(runs) D \(diverged)/\(runs)"
  }
}
