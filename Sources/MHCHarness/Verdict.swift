import Foundation
import MHC

// Paired statistics over seeds, in one place: every summary table, bar chart and verdict of the
// experiments and of `report` comes from here.
//
// The rule. Two variants trained with the same seed share their initial weights (every tensor
// is drawn from its own generator seeded by the run's seed and the tensor's name), their batches
// and their final evaluation windows, so the seed-by-seed difference d_s = variant_s − baseline_s
// removes what the seeds have in common. Over n paired seeds:
//
//     mean d̄,   sd s (n − 1 in the denominator),   95% interval  d̄ ± t(0.975, n − 1) · s / √n
//
// (Student's t with n − 1 degrees of freedom, two-sided). A loss gap is "better" only when the
// whole interval is below 0, "worse" only when it is above 0, and otherwise "not resolved
// (±half-width)". One seed has no interval and is never a verdict.

/// Student's t distribution with `df` degrees of freedom.
///
///     StudentT.quantile(0.975, df: 2)    // 4.3027
///     StudentT.cdf(2.0, df: 10)          // 0.9633
public enum StudentT {
  /// P(T ≤ t), through the regularised incomplete beta function:
  /// for t ≥ 0, 1 − ½·I_{df/(df+t²)}(df/2, ½).
  public static func cdf(_ t: Double, df: Double) -> Double {
    precondition(df > 0, "degrees of freedom must be positive")
    if t.isNaN { return .nan }
    if t.isInfinite { return t > 0 ? 1 : 0 }
    let tail = 0.5 * regularizedBeta(df / (df + t * t), a: df / 2, b: 0.5)
    return t >= 0 ? 1 - tail : tail
  }

  /// The t with P(T ≤ t) = p, for 0 < p < 1 (bisection on ``cdf(_:df:)`` to 1e-12).
  public static func quantile(_ p: Double, df: Double) -> Double {
    precondition(p > 0 && p < 1, "probability must be in (0, 1)")
    if p == 0.5 { return 0 }
    if p < 0.5 { return -quantile(1 - p, df: df) }
    var lo = 0.0, hi = 1.0
    while cdf(hi, df: df) < p { hi *= 2 }
    for _ in 0..<200 {
      let mid = 0.5 * (lo + hi)
      if cdf(mid, df: df) < p { lo = mid } else { hi = mid }
      if hi - lo < 1e-12 * max(1, hi) { break }
    }
    return 0.5 * (lo + hi)
  }

  /// I_x(a, b), by the continued fraction of the incomplete beta (modified Lentz), using the
  /// symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges slowly.
  static func regularizedBeta(_ x: Double, a: Double, b: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let lnBeta: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
    let lnPowers: Double = a * Foundation.log(x) + b * Foundation.log(1 - x)
    let lnFront = lnBeta + lnPowers
    if x > (a + 1) / (a + b + 2) { return 1 - regularizedBeta(1 - x, a: b, b: a) }
    let tiny = 1e-300
    var c = 1.0, d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var f = d
    for m in 1...500 {
      let m = Double(m)
      // even step
      var num = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
      d = 1 + num * d; if abs(d) < tiny { d = tiny }
      c = 1 + num / c; if abs(c) < tiny { c = tiny }
      d = 1 / d; f *= d * c
      // odd step
      num = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
      d = 1 + num * d; if abs(d) < tiny { d = tiny }
      c = 1 + num / c; if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      f *= delta
      if abs(delta - 1) < 1e-15 { break }
    }
    return Foundation.exp(lnFront) * f / a
  }
}

/// The mean of values over seeds and its 95% Student-t interval.
///
/// ```swift
/// let i = SeedInterval([0.177, 0.120, 0.126, -0.113, -0.152, -0.199])
/// i.mean          // -0.0068
/// i.halfWidth     // 0.171    (t(0.975, 5) = 2.571 · sd 0.163 / √6)
/// ```
public struct SeedInterval: Codable, Sendable, Equatable {
  public var values: [Double]
  /// A half-width fixed by the rule that sized the seeds (Stein's two-stage t₀.₉₇₅,n₀−1 · s₀ / √n,
  /// ``TwoStage``), used instead of the t interval of these values; nil for the t interval.
  public var statedHalfWidth: Double?
  public init(_ values: [Double]) { self.values = values }

  public var n: Int { values.count }
  /// NaN with no value.
  public var mean: Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(n) }
  /// Sample standard deviation (n − 1); NaN for fewer than two values.
  public var sd: Double {
    guard n >= 2 else { return .nan }
    let m = mean
    return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)).squareRoot()
  }
  /// t(0.975, n − 1) · sd / √n; NaN for fewer than two values.
  public var halfWidth: Double {
    if let h = statedHalfWidth { return h }
    return n < 2 ? .nan : StudentT.quantile(0.975, df: Double(n - 1)) * sd / Double(n).squareRoot()
  }
  public var lower: Double { mean - halfWidth }
  public var upper: Double { mean + halfWidth }
  /// A bar: the mean with the interval's half-width as its error bar.
  public var bar: Bar { Bar(value: mean, error: halfWidth, note: "") }

  /// Seeds needed so that an effect of size `effect` is resolved with probability `power`, for
  /// the spread measured here: the smallest m ≥ 2 with (t(0.975, m − 1) + t(power, m − 1)) · sd / √m ≤ |effect|
  /// (the usual normal-approximation power rule with t quantiles). Power ½ asks only that the
  /// interval's half-width be at most the effect. Nil without a spread, or beyond 100 000 seeds.
  public func seedsNeeded(effect: Double, power: Double = 0.8) -> Int? {
    let s = sd
    guard s.isFinite, effect != 0 else { return nil }
    if s == 0 { return 2 }
    var m = 2
    while m <= 100_000 {
      let df = Double(m - 1)
      let z = StudentT.quantile(0.975, df: df) + (power == 0.5 ? 0 : StudentT.quantile(power, df: df))
      if z * s / Double(m).squareRoot() <= abs(effect) { return m }
      m += m < 200 ? 1 : m / 50
    }
    return nil
  }

  /// "2.0913 ± 0.0071" (mean ± half-width; the mean alone for one value).
  public func text(_ digits: Int = 3) -> String {
    guard n > 0 else { return "–" }
    let m = String(format: "%.\(digits)f", mean)
    return n < 2 ? m : m + " ± " + String(format: "%.\(digits)f", halfWidth)
  }
}

/// Which way a comparison came out under the rule above.
public enum Verdict: String, Codable, Sendable {
  /// The whole interval is on the better side of 0.
  case better
  /// The whole interval is on the worse side of 0.
  case worse
  /// The interval contains 0.
  case notResolved = "not resolved"
  /// Fewer than two paired seeds: no interval.
  case tooFewSeeds = "too few seeds"
}

/// A variant against a baseline, paired by seed: the per-seed differences, their interval, the
/// verdict, and what the measured spread says about the seeds an effect would need.
///
/// ```swift
/// let store = ResultStore(root: "results")
/// let mhcRuns = store.cell("stability", "mhc-n4-t20"), residualRuns = store.cell("stability", "residual")
/// let gap = PairedComparison.finalLoss(mhcRuns, baseline: residualRuns)
/// print(gap.text)           // "−0.045 [−0.071, −0.019] 3 seeds: better"
/// gap.seedsNeeded(for: 0.02)  // from the measured spread, at 80% power
/// ```
public struct PairedComparison: Codable, Sendable {
  /// variant − baseline, per paired seed.
  public var differences: SeedInterval
  /// The seeds of ``differences``, in the same order.
  public var seeds: [UInt64]
  /// Seeds where the variant / the baseline diverged (those pairs are left out of the interval).
  public var variantDiverged: Int
  public var baselineDiverged: Int
  /// Whether a smaller difference is better (losses; false for e.g. accuracy).
  public var lowerIsBetter: Bool

  public init(
    differences: [Double], seeds: [UInt64], variantDiverged: Int = 0, baselineDiverged: Int = 0,
    lowerIsBetter: Bool = true
  ) {
    self.differences = SeedInterval(differences); self.seeds = seeds
    self.variantDiverged = variantDiverged; self.baselineDiverged = baselineDiverged; self.lowerIsBetter = lowerIsBetter
  }

  /// Pairs `variant` and `baseline` runs by seed on `value` (default: the final evaluation loss),
  /// over the seeds where both completed.
  public static func paired(
    _ variant: [LoadedRun], baseline: [LoadedRun],
    value: (LoadedRun) -> Double? = { $0.summary.finalEvalLoss },
    lowerIsBetter: Bool = true
  ) -> PairedComparison {
    let base = Dictionary(baseline.map { ($0.config.seed, $0) }, uniquingKeysWith: { a, _ in a })
    var d: [Double] = [], s: [UInt64] = []
    var vd = 0, bd = 0
    for r in variant.sorted(by: { $0.config.seed < $1.config.seed }) {
      guard let b = base[r.config.seed] else { continue }
      let vOK = r.summary.status == .completed, bOK = b.summary.status == .completed
      if !vOK { vd += 1 }
      if !bOK { bd += 1 }
      guard vOK, bOK, let x = value(r), let y = value(b), x.isFinite, y.isFinite else { continue }
      d.append(x - y); s.append(r.config.seed)
    }
    return PairedComparison(
      differences: d, seeds: s, variantDiverged: vd, baselineDiverged: bd, lowerIsBetter: lowerIsBetter)
  }

  /// Final evaluation loss of `variant` minus `baseline`, paired by seed.
  public static func finalLoss(_ variant: [LoadedRun], baseline: [LoadedRun]) -> PairedComparison {
    paired(variant, baseline: baseline)
  }

  public var n: Int { differences.n }
  public var mean: Double { differences.mean }
  public var sd: Double { differences.sd }
  /// Half-width of the 95% interval: also the smallest effect these seeds resolve (an effect of
  /// this size, measured, lands with its interval just touching 0).
  public var halfWidth: Double { differences.halfWidth }

  /// Differences smaller than this (nats/byte for losses) are no effect: below the three decimals
  /// every table prints, and what two runs of one configuration differ by when only the float
  /// rounding of a different code path separates them.
  public static let negligible = 5e-4

  public var verdict: Verdict {
    guard n >= 2, halfWidth.isFinite else { return .tooFewSeeds }
    if abs(mean) < Self.negligible && halfWidth < Self.negligible { return .notResolved }
    if differences.upper < 0 { return lowerIsBetter ? .better : .worse }
    if differences.lower > 0 { return lowerIsBetter ? .worse : .better }
    return .notResolved
  }

  /// Seeds an effect of `effect` needs at this spread, with 80% power (see ``SeedInterval/seedsNeeded(effect:power:)``).
  public func seedsNeeded(for effect: Double, power: Double = 0.8) -> Int? {
    differences.seedsNeeded(effect: effect, power: power)
  }

  /// "better", "worse", "not resolved (±0.171)", "one seed" or "no paired seed".
  public var verdictText: String {
    switch verdict {
    case .better, .worse: return verdict.rawValue
    case .notResolved: return "not resolved (±" + String(format: "%.3f", halfWidth) + ")"
    case .tooFewSeeds: return n == 1 ? "one seed: no interval" : "no paired seed"
    }
  }

  /// "[−0.071, −0.019]" (empty for fewer than two seeds).
  public var intervalText: String {
    n < 2 ? "" : "[" + signed(differences.lower) + ", " + signed(differences.upper) + "]"
  }

  /// Divergences, e.g. "variant diverged 2/4" (empty when none).
  public var divergenceNote: String {
    var parts: [String] = []
    let total = n + max(variantDiverged, baselineDiverged)
    if variantDiverged > 0 { parts.append("variant diverged \(variantDiverged)/\(total)") }
    if baselineDiverged > 0 { parts.append("baseline diverged \(baselineDiverged)/\(total)") }
    return parts.joined(separator: ", ")
  }

  /// One table cell: "−0.045 [−0.071, −0.019] n=3 better".
  public var text: String {
    guard n > 0 else { return divergenceNote.isEmpty ? "–" : divergenceNote }
    var s = signed(mean)
    if n >= 2 { s += " " + intervalText }
    s += " n=\(n) " + verdictText
    if !divergenceNote.isEmpty { s += " (" + divergenceNote + ")" }
    return s
  }

  /// A bar: the mean, the interval's half-width as its error bar, and the verdict or divergences as its note.
  public var bar: Bar {
    let note = [n >= 2 && verdict != .notResolved ? verdict.rawValue : "", divergenceNote]
      .filter { !$0.isEmpty }.joined(separator: "; ")
    return Bar(value: n == 0 ? .nan : mean, error: halfWidth, note: note)
  }

  /// The columns ``tableCells`` fills, for a Markdown table.
  public static let tableHeader = ["mean gap", "95% interval", "seeds", "verdict", "resolves ±", "seeds for ±0.02"]

  /// Mean, interval, seeds, verdict, the smallest effect these seeds resolve, and the seeds an
  /// effect of 0.02 nats/byte would need at 80% power with the spread measured here.
  public var tableCells: [String] { tableCells(effect: 0.02) }

  /// ``tableCells`` with the seeds that an effect of `effect` (in the compared quantity's unit) would need.
  public func tableCells(effect: Double) -> [String] {
    [
      n == 0 ? "–" : signed(mean), intervalText.isEmpty ? "–" : intervalText,
      "\(n)" + (divergenceNote.isEmpty ? "" : " (\(divergenceNote))"), verdictText,
      halfWidth.isFinite ? String(format: "%.3f", halfWidth) : "–",
      seedsNeeded(for: effect).map(String.init) ?? "–",
    ]
  }
}

// MARK: Sentences for the summaries

extension SeedInterval {
  /// "2.091 ± 0.012" with significant digits (`cell`), the mean alone for one value, "–" for none.
  public var significantText: String {
    n == 0 ? "–" : cell(mean, 4) + (n < 2 ? "" : " ± " + cell(halfWidth, 2))
  }
}

/// One sentence that claims only what the verdict allows, e.g.
/// "mHC is better than HC: −0.045 [−0.071, −0.019] n=3 better".
public func reading(_ g: PairedComparison, _ variant: String, _ baseline: String) -> String {
  switch g.verdict {
  case .better: return "\(variant) is better than \(baseline): \(g.text)"
  case .worse: return "\(variant) is worse than \(baseline): \(g.text)"
  case .notResolved: return "\(variant) against \(baseline) is not resolved at these seeds: \(g.text)"
  case .tooFewSeeds: return "\(variant) against \(baseline): \(g.text) — no verdict without a second seed (`--seeds`)"
  }
}

/// Comparisons grouped by verdict: "better at a, b; not resolved at c (±0.031); …".
public func verdictList(_ items: [(label: String, gap: PairedComparison)]) -> String {
  let parts: [(String, [String])] = [
    ("better at ", items.filter { $0.gap.verdict == .better }.map(\.label)),
    ("worse at ", items.filter { $0.gap.verdict == .worse }.map(\.label)),
    (
      "not resolved at ",
      items.filter { $0.gap.verdict == .notResolved }
        .map { "\($0.label) (±" + String(format: "%.3f", $0.gap.halfWidth) + ")" }
    ),
    ("no interval (fewer than two paired seeds) at ", items.filter { $0.gap.verdict == .tooFewSeeds }.map(\.label)),
  ]
  let text = parts.filter { !$0.1.isEmpty }.map { $0.0 + $0.1.joined(separator: ", ") }.joined(separator: "; ")
  return text.isEmpty ? "no comparison" : text
}

/// The target for the standard error of one run's final loss on the fixed evaluation set.
public let finalEvaluationErrorTarget = 0.01

/// The standard errors of the final losses of `runs` against ``finalEvaluationErrorTarget``:
/// the largest, and the runs above the target by id with their loss. A run above it is one whose
/// per-window losses spread more (a high or diverged loss). With the fortunes corpus and `seq` 128
/// the set already holds every disjoint window of the validation split (1 997).
public func finalEvaluationErrorNote(_ runs: [LoadedRun]) -> String {
  let recorded = runs.compactMap { r in r.summary.finalEvalStandardError.map { (r, $0) } }
  guard let largest = recorded.map(\.1).max() else {
    return "standard error of the final loss not recorded (older runs)"
  }
  var text = "largest standard error of a run's final loss: " + String(format: "%.4f nats/byte", largest)
  let above = recorded.filter { $0.1 > finalEvaluationErrorTarget }
  if above.isEmpty {
    text += String(format: " (≤ %.2f in all %d runs)", finalEvaluationErrorTarget, recorded.count)
  } else {
    let listed = above.sorted { $0.1 > $1.1 }.prefix(4).map { r, se in
      "`\(r.id)` " + String(format: "%.4f (loss %.3f)", se, r.summary.finalEvalLoss ?? .nan)
    }
    text +=
      String(
        format: "; ≤ %.2f in %d of %d runs, above it in ", finalEvaluationErrorTarget,
        recorded.count - above.count, recorded.count)
      + listed.joined(separator: ", ") + (above.count > listed.count ? " and \(above.count - listed.count) more" : "")
      + " — a high or diverged loss spreads more over the windows; a paired gap's own evaluation noise stays far"
      + " smaller, both runs being measured on the same windows"
  }
  return text + "."
}

/// How the final losses of `runs` were measured and how every gap is read: the windows of the
/// fixed final evaluation set and the largest standard error of a completed run's final loss
/// (older runs did not record them), and the paired-by-seed rule.
public func finalEvaluationNote(_ runs: [LoadedRun]) -> String {
  let done = runs.filter { $0.summary.status == .completed }
  let windows = Set(done.compactMap(\.summary.finalEvalWindows)).sorted()
  let older = done.filter { $0.summary.finalEvalWindows == nil }.count
  var w =
    windows.isEmpty
    ? "windows not recorded (older runs)"
    : "the same fixed set of " + windows.map(String.init).joined(separator: " / ") + " disjoint validation windows"
  if !windows.isEmpty && older > 0 { w += " (not recorded for \(older) older run\(older == 1 ? "" : "s"))" }
  return "Final evaluation of every completed run: \(w); \(finalEvaluationErrorNote(done)) "
    + "Gaps are paired by seed (variant − baseline of the same seed: same initial weights, batches and evaluation "
    + "windows), with a 95% Student-t interval over the paired seeds (n − 1 degrees of freedom). A verdict "
    + "(better / worse) is given only when the interval excludes 0; otherwise \"not resolved (±h)\", h the "
    + "interval's half-width: the smallest effect these seeds resolve. \"seeds for ±0.02\": the seeds an effect "
    + "of 0.02 nats/byte would need at 80% power, at the spread measured. Values of one variant are mean ± 95% "
    + "half-width over seeds."
}
