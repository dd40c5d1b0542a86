import Foundation
import MHC

// The figure kit: what the experiments' figures draw from finished runs — curves over training,
// profiles over sublayers, means over seeds, means with 95% whiskers, H_res heat maps — so that
// an experiment's figure code is only its layout (which panels, which titles).

extension LoadedRun {
  /// The connection's name ("residual", "hc", "mhc"): a series title, and the key of its colour.
  public var kindName: String { config.model.connection.kind.rawValue }

  /// `value` of every metrics row that has one, against the step.
  ///
  /// ```swift
  /// let run = try LoadedRun.load("results/stability/mhc-n4-t20-s0")
  /// let series = Series("mhc", points: run.curve { $0.valLoss }, style: "linespoints")
  /// ```
  public func curve(_ value: (MetricsRow) -> Double?) -> [(Double, Double)] {
    metrics.compactMap { m in value(m).map { (Double(m.step), $0) } }
  }

  /// `value` of every step as a trailing moving average over `window` steps (x: 1, 2, …).
  public func smoothed(_ value: (MetricsRow) -> Double, window: Int = 25) -> [(Double, Double)] {
    smooth(metrics.map(value), window: window).enumerated().map { (Double($0.offset + 1), $0.element) }
  }

  /// Training loss minus `baseline`'s, both as trailing moving averages over `window` steps (x: 1, 2, …).
  public func trainLossGap(to baseline: LoadedRun, window: Int = 25) -> [(Double, Double)] {
    let a = smooth(metrics.map(\.trainLoss), window: window),
      b = smooth(baseline.metrics.map(\.trainLoss), window: window)
    return (0..<min(a.count, b.count)).map { (Double($0 + 1), a[$0] - b[$0]) }
  }

  /// Validation loss minus `baseline`'s at every evaluation both made.
  public func validationLossGap(to baseline: LoadedRun) -> [(Double, Double)] {
    let base = Dictionary(baseline.curve { $0.valLoss }.map { (Int($0.0), $0.1) }, uniquingKeysWith: { a, _ in a })
    return curve { $0.valLoss }.compactMap { s, v in base[Int(s)].map { (s, v - $0) } }
  }

  /// `pick` of each sublayer's gains at the last evaluation, against the sublayer (1, 2, …).
  public func profile(_ pick: (GainRow) -> Double) -> [(Double, Double)] {
    finalGains.map { (Double($0.sublayer + 1), pick($0)) }
  }

  /// The largest composite backward gain over the sublayers at every evaluation, against the step.
  public var compositeGainOverTraining: [(Double, Double)] {
    Dictionary(grouping: gains, by: \.step).map {
      (Double($0.key), $0.value.map(\.gains.composite.backward).max() ?? 1)
    }
    .sorted { $0.0 < $1.0 }
  }

  /// The token-averaged `H_res` of the sublayers `picks` (default: all) and, unless `composite` is
  /// nil, of their composite, titled `"<label> sublayer k"` and `"<label> <composite>"`; nil without
  /// `hres.json`.
  public func heatMaps(label: String, picks: (Int) -> [Int] = { Array(0..<$0) }, composite: String?) -> [HeatMap]? {
    guard let m = mappings, !m.sublayers.isEmpty else { return nil }
    return picks(m.sublayers.count).map {
      HeatMap(title: "\(label) sublayer \($0 + 1)", n: m.n, values: m.sublayers[$0])
    }
      + (composite.map { [HeatMap(title: "\(label) \($0)", n: m.n, values: m.composite)] } ?? [])
  }

  /// The median training-step time: robust to the occasional slow step of a shared machine.
  public var medianStepSeconds: Double {
    let t = metrics.map(\.stepSeconds).sorted()
    return t.isEmpty ? .nan : t[t.count / 2]
  }
}

/// `value` at every step where each of `runs` has one: the mean over the runs (seeds).
public func meanCurve(_ runs: [LoadedRun], _ value: (MetricsRow) -> Double?) -> [(Double, Double)] {
  let curves = runs.map { r in Dictionary(r.curve(value).map { (Int($0.0), $0.1) }, uniquingKeysWith: { a, _ in a }) }
  let steps = Set(curves.flatMap(\.keys)).sorted()
  return steps.compactMap { s in
    let v = curves.compactMap { $0[s] }
    return v.count == runs.count && !v.isEmpty ? (Double(s), SeedInterval(v).mean) : nil
  }
}

/// Variants as a mean over seeds (a line), every seed (dots) and the 95% interval (a whisker) at
/// each x; the y range covers all three.
///
/// ```swift
/// let small = SeedInterval([-0.04, -0.05, -0.03]), large = SeedInterval([-0.02, -0.06, -0.01])  // gaps per seed
/// var w = Whiskers()
/// w.add("mhc", [(1e12, small), (4e12, large)])
/// let panel = Panel(xlabel: "FLOPs", ylabel: "gap", series: w.series, extra: [w.yrange(including: 0)] + w.arrows)
/// ```
public struct Whiskers {
  public private(set) var series: [Series] = []
  /// One gnuplot `set arrow` per interval.
  public private(set) var arrows: [String] = []
  var ys: [Double] = []
  public init() {}

  /// Several variants over the same x values, side by side on a log x axis: variant k of m drawn at
  /// x · spread^(2k − (m − 1)), evenly either side of x, so their intervals do not overlap.
  /// `colors`: one per group (default: the house colour of its title).
  public init(
    sideBySide groups: [(title: String, points: [(x: Double, interval: SeedInterval)])], spread: Double,
    colors: [String]? = nil
  ) {
    for (k, g) in groups.enumerated() {
      let shift = pow(spread, Double(2 * k - (groups.count - 1)))
      add(g.title, color: colors?[k], g.points.map { ($0.x * shift, $0.interval) })
    }
  }

  public mutating func add(_ title: String, color: String? = nil, _ points: [(x: Double, interval: SeedInterval)]) {
    let color = color ?? PlotStyle.color(for: title)
    series.append(
      Series(
        title, color: color, points: points.map { ($0.x, $0.interval.mean) }.filter { $0.1.isFinite },
        style: "linespoints"))
    series.append(
      Series("", color: color, points: points.flatMap { p in p.interval.values.map { (p.x, $0) } }, style: "points"))
    for (x, i) in points {
      ys += i.values
      guard i.halfWidth.isFinite else { continue }
      ys += [i.lower, i.upper]
      arrows.append(
        "set arrow from first \(x), first \(i.lower) to first \(x), first \(i.upper)"
          + " heads size screen 0.006,90 lc rgb '\(color)' lw 1.5 front")
    }
  }

  /// `set yrange` over every mean, seed and interval end and `reference`, padded by 12% of the span
  /// (at least `minimumSpan`).
  public func yrange(including reference: Double, minimumSpan: Double = 0.005) -> String {
    let y = (ys + [reference]).filter(\.isFinite), lo = y.min() ?? 0, hi = y.max() ?? 0
    let pad = max(hi - lo, minimumSpan) * 0.12
    return "set yrange [\(lo - pad):\(hi + pad)]"
  }

  /// A panel's settings: the y range (with `reference`), a dashed line at `reference` where `line`, the whiskers.
  public func extra(reference: Double, line: Bool = true, minimumSpan: Double = 0.005) -> [String] {
    [yrange(including: reference, minimumSpan: minimumSpan)]
      + (line ? [Gnuplot.horizontalLine(at: String(format: "%g", reference))] : []) + arrows
  }
}

/// y range and tics for a log axis spanning `values`: gnuplot labels only powers of ten, none
/// within a decade, so the tics are set by hand (1, 2 or 5 × a power of ten, about five of them).
public func logAxis(_ values: [Double]) -> [String] {
  let v = values.filter { $0.isFinite && $0 > 0 }
  guard let lo = v.min().map({ $0 / 1.03 }), let hi = v.max().map({ $0 * 1.03 }) else { return [] }
  let raw = (hi - lo) / 5, magnitude = pow(10, floor(log10(raw)))
  let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
  let tics = stride(from: (lo / step).rounded(.up) * step, through: hi, by: step).map { String(format: "%g", $0) }
  return ["set yrange [\(lo):\(hi)]", "set ytics (\(tics.joined(separator: ", ")))"]
}

/// The `i`-th of `count` colours from dark blue through green, gold and orange to dark red, for
/// ordered families of curves (t_max = 1, 2, 5, …).
public func ramp(_ i: Int, of count: Int) -> String {
  let stops: [[Double]] = [[49, 54, 149], [26, 152, 80], [222, 160, 0], [244, 109, 67], [165, 0, 38]]
  let x = count > 1 ? Double(i) / Double(count - 1) * Double(stops.count - 1) : 0
  let k = min(Int(x), stops.count - 2), f = x - Double(k)
  let rgb = (0..<3).map { Int((stops[k][$0] * (1 - f) + stops[k + 1][$0] * f).rounded()) }
  return String(format: "#%02x%02x%02x", rgb[0], rgb[1], rgb[2])
}

/// What the mappings do (`mappings.csv`) at every evaluation: `value` of each row — of every
/// sublayer, or with `lastSublayer` of the last one only (the composite of all) — mean over the
/// rows and the runs (seeds); non-finite values left out.
public func mappingCurve(
  _ runs: [LoadedRun], lastSublayer: Bool = false, _ value: (MappingRow) -> Double?
) -> [(Double, Double)] {
  let rows = runs.flatMap { r in
    let last = r.mappingRows.map(\.sublayer).max() ?? 0
    return r.mappingRows.filter { !lastSublayer || $0.sublayer == last }
  }
  let byStep = Dictionary(grouping: rows, by: \.step)
  return byStep.keys.sorted().compactMap { s in
    let v = byStep[s]!.compactMap(value).filter(\.isFinite)
    return v.isEmpty ? nil : (Double(s), SeedInterval(v).mean)
  }
}

/// `value` of each sublayer's mapping row at each run's last evaluation, mean over the runs
/// (seeds), by sublayer (0-based); non-finite values left out.
public func finalMappingProfile(_ runs: [LoadedRun], _ value: (MappingRow) -> Double?) -> [Int: Double] {
  let last = runs.flatMap { r in
    r.mappingRows.map(\.step).max().map { s in r.mappingRows.filter { $0.step == s } } ?? []
  }
  return Dictionary(grouping: last, by: \.sublayer).compactMapValues { rows in
    let v = rows.compactMap(value).filter(\.isFinite)
    return v.isEmpty ? nil : SeedInterval(v).mean
  }
}
