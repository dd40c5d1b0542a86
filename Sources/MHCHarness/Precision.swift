import Foundation
import MHC

/// Stein's two-stage procedure: how many paired seeds give a 95% interval of half-width ±h.
///
/// A pilot of n₀ seeds measures the spread s₀ of the paired differences. The total is then
///
///     N = max(n₀, ⌊(t · s₀ / h)²⌋ + 1),   t = t_{0.975, n₀ − 1}
///
/// and the interval over all N seeds is  mean ± t · s₀ / √N  — with the *pilot's* s₀ and its
/// n₀ − 1 degrees of freedom, not the spread of all N. Because N depends on the data only
/// through s₀, which is independent of the mean of normal differences, that interval covers the
/// true gap with probability exactly 95%, and its half-width is below h by construction
/// (Stein, 1945). Training "until the interval excludes 0" would not be: stopping when a look
/// happens to be significant makes a false "better" far more likely than 5%.
///
/// ```swift
/// TwoStage.seeds(pilotSD: 0.04, pilot: 4, halfWidth: 0.02)   // 65: ⌊(3.182·0.04/0.02)²⌋ + 1
/// ```
public enum TwoStage {
  /// t_{0.975, n₀ − 1}.
  public static func t(pilot n0: Int) -> Double { StudentT.quantile(0.975, df: Double(n0 - 1)) }

  /// N for a pilot of `n0` seeds with spread `s0` and target half-width `h` (uncapped).
  public static func seeds(pilotSD s0: Double, pilot n0: Int, halfWidth h: Double) -> Int {
    precondition(n0 >= 2 && h > 0)
    let x = (t(pilot: n0) * s0 / h) * (t(pilot: n0) * s0 / h)
    guard x.isFinite, x < 1e9 else { return Int(1e9) }
    return max(n0, Int(x.rounded(.down)) + 1)
  }

  /// The two-stage interval's half-width with `n` seeds: t_{n₀−1} · s₀ / √n.
  public static func halfWidth(pilotSD s0: Double, pilot n0: Int, seeds n: Int) -> Double {
    t(pilot: n0) * s0 / Double(n).squareRoot()
  }
}

/// The paired comparisons of a sweep, by cell: what `--precision` sizes the seeds of.
///
/// A cell is one setting (say 8 layers at lr 3e-2); its variants (residual, HC, mHC) are trained
/// with the same seeds and compared by seed. ``Sweep`` trains the pilot seeds of every cell, sizes
/// each comparison with ``TwoStage``, trains what is missing and writes `precision.md`.
///
/// ```swift
/// let cell = PairedCell(name: "L8 lr 3e-2", variants: ["residual", "hc", "mhc"], seeds: 3,
///                       comparisons: [("hc", "residual"), ("mhc", "residual")]) { v, s in
///   var c = TrainConfig(); c.model.layers = 8; c.lr = 3e-2; c.seed = UInt64(s)
///   c.model.connection.kind = ConnectionKind(rawValue: v)!
///   return SweepRun(c)
/// }
/// ```
public struct PairedCell {
  public var name: String
  public var variants: [String]
  /// The preset's seeds (what a sweep without `--precision` trains).
  public var seeds: Int
  /// (variant, baseline) pairs: variant − baseline, paired by seed.
  public var comparisons: [(variant: String, baseline: String)]
  let make: (String, Int) -> SweepRun

  public init(
    name: String, variants: [String], seeds: Int, comparisons: [(variant: String, baseline: String)],
    run: @escaping (String, Int) -> SweepRun
  ) {
    self.name = name; self.variants = variants; self.seeds = seeds; self.comparisons = comparisons; make = run
  }

  /// The run of `variant` with `seed`.
  public func run(_ variant: String, seed: Int) -> SweepRun { make(variant, seed) }

  /// Every variant of seeds `range`, seed-major.
  public func runs(_ range: Range<Int>) -> [SweepRun] { range.flatMap { s in variants.map { make($0, s) } } }

  /// Every variant with the preset's seeds.
  public var presetRuns: [SweepRun] { runs(0..<seeds) }
}

/// What `--precision` decided and reached for one comparison.
public struct PrecisionRow: Codable, Sendable {
  public var cell: String
  public var variant: String
  public var baseline: String
  public var pilot: Int
  public var pilotSD: Double?
  /// Seeds the two-stage rule asks for (uncapped), `nil` while the pilot is unfinished.
  public var needed: Int?
  /// Paired seeds used (needed, capped by `--max-seeds`, or more if more were on disk).
  public var used: Int
  public var mean: Double?
  public var halfWidth: Double?
  public var target: Double
  /// The two variants' run ids without the seed (`mhc-n4-t20-L8-lr.03`), as ``ResultStore/cellKey(_:)`` names them.
  public var variantKey: String?
  public var baselineKey: String?

  public var reached: Bool { (halfWidth ?? .infinity) <= target }

  public var cells: [String] {
    func f(_ x: Double?, _ d: Int = 3) -> String { x.map { String(format: "%+.\(d)f", $0) } ?? "–" }
    let interval = mean.flatMap { m in halfWidth.map { String(format: "[%+.3f, %+.3f]", m - $0, m + $0) } } ?? "–"
    let state =
      needed == nil
      ? "pilot unfinished"
      : reached
        ? "±\(String(format: "%.3f", target)) reached"
        : "not reached: "
          + "±\(String(format: "%.3f", halfWidth ?? .nan))"
    return [
      cell, "\(variant) − \(baseline)", "\(pilot)", pilotSD.map { String(format: "%.3f", $0) } ?? "–",
      needed.map(String.init) ?? "–", "\(used)", f(mean), interval, state,
    ]
  }

  public static let header = [
    "cell", "comparison", "pilot n₀", "pilot sd", "seeds needed", "seeds used", "mean gap",
    "95% two-stage interval", "target",
  ]
}

extension PairedComparison {
  /// This gap with the two-stage half-width of the row of `rows` that sized it (`precision.json`):
  /// the row naming the cells of `variant` and `baseline` (``ResultStore/cellKey(_:)``) over the
  /// same number of pairs. Unchanged when no row sized it.
  public func sized(by rows: [PrecisionRow], variant: [LoadedRun], baseline: [LoadedRun]) -> PairedComparison {
    guard let v = variant.first.map(ResultStore.cellKey), let b = baseline.first.map(ResultStore.cellKey),
      let row = rows.first(where: { $0.variantKey == v && $0.baselineKey == b }), row.used == n, let h = row.halfWidth
    else { return self }
    var out = self
    out.differences.statedHalfWidth = h
    return out
  }
}

extension PrecisionRow {
  /// The rows of `<results>/<experiment>/precision.json`, or none.
  public static func read(results: String, experiment: String) -> [PrecisionRow] {
    (try? RunFiles.readJSON([PrecisionRow].self, from: "\(results)/\(experiment)/precision.json")) ?? []
  }
}

/// `precision.md`: the two-stage table of an experiment, written beside its summary.
public enum PrecisionReport {
  public static func markdown(_ rows: [PrecisionRow], target: Double, maxSeeds: Int) -> String {
    var s = "## Seeds to a target precision (±\(String(format: "%.3f", target)) on the final loss)\n\n"
    s += "Stein's two-stage procedure (docs/verdicts.md): a pilot of n₀ seeds, then N = max(n₀, ⌊(t·s₀/h)²⌋ + 1) "
    s += "seeds, capped at \(maxSeeds); the interval is mean ± t·s₀/√N with the pilot's spread s₀ and t at n₀ − 1 "
    s += "degrees of freedom.\n\n"
    s += "| " + PrecisionRow.header.joined(separator: " | ") + " |\n"
    s += "|" + String(repeating: "---|", count: PrecisionRow.header.count) + "\n"
    for r in rows { s += "| " + r.cells.joined(separator: " | ") + " |\n" }
    return s
  }
}

extension Sweep {
  /// The paired seeds already finished for `c` (seed 0 upwards, both variants finished), and their runs.
  func finishedPairs(
    _ cell: PairedCell, variant: String, baseline: String, options: SweepOptions, limit: Int
  )
    -> (variant: [LoadedRun], baseline: [LoadedRun])
  {
    var v: [LoadedRun] = [], b: [LoadedRun] = []
    for s in 0..<limit {
      let dv = directory(cell.run(variant, seed: s), options: options)
      let db = directory(cell.run(baseline, seed: s), options: options)
      guard TrainingRun.finishedSummary(in: dv) != nil, TrainingRun.finishedSummary(in: db) != nil,
        let lv = try? LoadedRun.load(dv), let lb = try? LoadedRun.load(db)
      else { break }
      v.append(lv); b.append(lb)
    }
    return (v, b)
  }

  /// Seeds per variant of `cell` after its pilot: the largest N of the comparisons it is in
  /// (`nil` if the pilot has not finished), and each comparison's row so far.
  func plan(_ cell: PairedCell, options: SweepOptions, target h: Double) -> (seeds: [String: Int], rows: [PrecisionRow])
  {
    let n0 = options.pilot, cap = options.maxSeeds
    var seeds: [String: Int] = [:]
    var rows: [PrecisionRow] = []
    for (v, b) in cell.comparisons {
      let (lv, lb) = finishedPairs(cell, variant: v, baseline: b, options: options, limit: max(cap, 256))
      var row = PrecisionRow(
        cell: cell.name, variant: v, baseline: b, pilot: n0, used: min(lv.count, lb.count), target: h)
      row.variantKey = String(cell.run(v, seed: 0).id.dropLast(3))
      row.baselineKey = String(cell.run(b, seed: 0).id.dropLast(3))
      if lv.count >= n0 {
        let pilot = PairedComparison.finalLoss(Array(lv.prefix(n0)), baseline: Array(lb.prefix(n0)))
        if pilot.n >= 2 {  // pairs with a diverged run are left out, so the pilot may be smaller than n₀
          let s0 = pilot.sd, m0 = pilot.n
          let need = TwoStage.seeds(pilotSD: s0, pilot: m0, halfWidth: h)
          row.pilot = m0
          row.pilotSD = s0
          row.needed = need
          let n = max(min(need, cap), lv.count)
          for x in [v, b] { seeds[x] = max(seeds[x] ?? 0, min(need, cap)) }
          let all = PairedComparison.finalLoss(Array(lv.prefix(n)), baseline: Array(lb.prefix(n)))
          row.used = all.n
          row.mean = all.mean
          row.halfWidth = TwoStage.halfWidth(pilotSD: s0, pilot: m0, seeds: all.n)
        }
      }
      rows.append(row)
    }
    return (seeds, rows)
  }
}
