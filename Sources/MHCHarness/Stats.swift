import Foundation
import MHC

// Number formatting and grouped bar charts shared by the experiments (paired statistics: Verdict.swift).

/// "+0.004" / "−0.022" / "0.000" (three decimals, a true minus sign).
public func signed(_ x: Double) -> String {
  abs(x) < 0.0005 ? "0.000" : String(format: "%+.3f", x).replacingOccurrences(of: "-", with: "−")
}

/// One bar: its value, ± error (NaN: none) and a note printed with it (e.g. "2/3 diverged").
public struct Bar: Sendable {
  public var value: Double
  public var error: Double
  public var note: String
  public init(value: Double, error: Double, note: String) { self.value = value; self.error = error; self.note = note }
}

/// Grouped bars (a group per x label, a bar per series in each group) with ± error bars and each
/// value printed at the bar's end; a missing value (NaN) leaves a gap that shows only its note.
/// Values are printed signed (gaps) unless `yLabel` is given for a quantity that is never negative
/// (times), in which case they are printed plain and the axis starts at 0; `signedValues` says
/// which explicitly (a gap with its own label).
public func barChart(
  _ name: String, title: String, xlabel: String, groups: [String],
  series: [(title: String, color: String, bars: [Bar])], yLabel: String = "loss gap to residual (nats/byte)",
  signedValues: Bool? = nil, width: Int = 1100, height: Int = 620
) -> GnuplotFigure {
  let k = Double(series.count), w = 0.8 / k, gap = signedValues ?? (yLabel == "loss gap to residual (nats/byte)")
  var blocks: [GnuplotFigure.Datablock] = [], plots: [String] = [], labels: [String] = []
  var lo = 0.0, hi = 0.0
  for (si, s) in series.enumerated() {
    let xs = groups.indices.map { Double($0) + (Double(si) - (k - 1) / 2) * w }
    blocks.append(.init(name: "bars\(si)", rows: zip(xs, s.bars).map { [$0, $1.value, $1.error] }))
    plots.append("$bars\(si) using 1:2 with boxes lc rgb '\(s.color)' title \(Chart.quote(s.title))")
    if s.bars.contains(where: { $0.error.isFinite }) {
      plots.append(
        "$bars\(si) using 1:($2-$3):(0):(2*$3) with vectors heads size screen 0.008,90 lc rgb '#333333' lw 1 notitle")
    }
    for (x, b) in zip(xs, s.bars) {
      let e = b.error.isFinite ? b.error : 0, end = b.value.isFinite ? b.value + (b.value < 0 ? -e : e) : 0
      if b.value.isFinite { lo = min(lo, b.value - e); hi = max(hi, b.value + e) }
      let text = gap ? signed(b.value) : String(format: "%.3g", b.value)
      let lines = (b.value.isFinite ? [text] : []) + (b.note.isEmpty ? [] : [b.note])
      let up = end >= 0 && b.value >= 0
      labels.append(
        "set label \"\(lines.joined(separator: "\\n"))\" at first \(x), first \(end) center offset 0, "
          + "\(up ? "" : "-")\(Double(lines.count) * 0.5 + 0.5) font ',9' front"
          + (b.note.isEmpty ? "" : " textcolor rgb '#b2182b'"))
    }
  }
  let pad = max(hi - lo, 0.005) * 0.22
  if !gap { lo = pad }  // the axis starts at 0
  let body =
    [
      "set title \(Chart.quote(title))",
      "set xlabel \(Chart.quote(xlabel))",
      "set ylabel \(Chart.quote(yLabel))",
      "set xtics (" + groups.enumerated().map { "\(Chart.quote($1)) \($0)" }.joined(separator: ", ") + ") scale 0",
      "set xrange [-0.6:\(Double(groups.count) - 0.4)]",
      "set yrange [\(lo - pad):\(hi + pad)]",
      "set grid noxtics ytics",
      "set boxwidth \(w * 0.92) absolute",
      "set style fill solid 0.85 border lc rgb '#333333'",
      "set key top left",
      "set arrow from graph 0, first 0 to graph 1, first 0 nohead lc rgb '#333333'",
    ] + labels + ["plot " + plots.joined(separator: ", \\\n     ")]
  return GnuplotFigure(name: name, body: body.joined(separator: "\n"), datablocks: blocks, width: width, height: height)
}

/// Trailing moving average over `window` points (the first points average what there is).
public func smooth(_ x: [Double], window: Int = 25) -> [Double] {
  var out: [Double] = [], sum = 0.0
  for i in 0..<x.count {
    sum += x[i]
    if i >= window { sum -= x[i - window] }
    out.append(sum / Double(min(i + 1, window)))
  }
  return out
}

/// Natural order: runs of digits compare as numbers, so `t2` < `t10` < `t20` and `L4` < `L16`;
/// the rest compares as text.
///
/// ```swift
/// ["t10", "t2", "t1"].sorted(by: naturalLess)   // ["t1", "t2", "t10"]
/// ```
public func naturalLess(_ a: String, _ b: String) -> Bool {
  func chunks(_ s: String) -> [(text: Substring, number: Double?)] {
    var out: [(Substring, Double?)] = []
    var i = s.startIndex
    while i < s.endIndex {
      let digit = s[i].isASCII && s[i].isNumber
      var j = i
      while j < s.endIndex && (s[j].isASCII && s[j].isNumber) == digit { j = s.index(after: j) }
      let part = s[i..<j]
      out.append((part, digit ? Double(part) : nil))
      i = j
    }
    return out
  }
  let x = chunks(a), y = chunks(b)
  for (p, q) in zip(x, y) {
    if let m = p.number, let n = q.number {
      if m != n { return m < n }
    } else if p.text != q.text {
      return p.text < q.text
    }
  }
  return x.count != y.count ? x.count < y.count : a < b
}

/// L(C) = a · C^(−b), fitted by least squares of log L on log C (points with a non-positive or
/// non-finite coordinate left out; nil with fewer than two).
///
/// ```swift
/// let fit = PowerLaw([(1e12, 2.1), (4e12, 1.9), (1.6e13, 1.75)])!
/// fit(3e13)   // the fitted loss at 3e13 FLOPs
/// ```
public struct PowerLaw: Sendable {
  public var a: Double, b: Double
  /// Coefficient of determination of the log-log fit.
  public var r2: Double
  /// Standard error of the exponent b (NaN with two points).
  public var standardError: Double
  public var count: Int

  public init?(_ points: [(Double, Double)]) {
    let p = points.filter { $0.0 > 0 && $0.1 > 0 && $0.0.isFinite && $0.1.isFinite }.map { (log($0.0), log($0.1)) }
    guard p.count >= 2 else { return nil }
    let n = Double(p.count), mx = p.map(\.0).reduce(0, +) / n, my = p.map(\.1).reduce(0, +) / n
    let sxx = p.map { ($0.0 - mx) * ($0.0 - mx) }.reduce(0, +), syy = p.map { ($0.1 - my) * ($0.1 - my) }.reduce(0, +)
    guard sxx > 0 else { return nil }
    let slope = p.map { ($0.0 - mx) * ($0.1 - my) }.reduce(0, +) / sxx
    let ssr = p.map { (x, y) -> Double in
      let e = y - (my + slope * (x - mx)); return e * e
    }.reduce(0, +)
    a = exp(my - slope * mx); b = -slope; count = p.count
    r2 = syy > 0 ? 1 - ssr / syy : 1
    standardError = p.count > 2 ? (ssr / (n - 2) / sxx).squareRoot() : .nan
  }

  public func callAsFunction(_ c: Double) -> Double { a * pow(c, -b) }

  /// `self.b − other.b` with an approximate 95% Student-t half-width (the standard errors combined,
  /// min(points) − 2 degrees of freedom); `halfWidth` is NaN with fewer than three points.
  public func exponentDifference(from other: PowerLaw) -> (difference: Double, halfWidth: Double, df: Int) {
    let se = (standardError * standardError + other.standardError * other.standardError).squareRoot()
    let df = min(count, other.count) - 2
    return (b - other.b, se.isFinite && df >= 1 ? StudentT.quantile(0.975, df: Double(df)) * se : .nan, df)
  }
}
