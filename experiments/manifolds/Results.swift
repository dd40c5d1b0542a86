// manifolds — what the report reads from a manifold's runs: gains over depth and training, the collapse,
// step times.

import Foundation
import MHC
import MHCHarness
import Experiments

extension Manifolds {
  /// Per sublayer, `value` of the composite at the last evaluation, mean over `runs` (seeds).
  func depthCurve(_ runs: [LoadedRun], _ value: KeyPath<MappingRow, Double>) -> [(Double, Double)] {
    let last = runs.compactMap { r in r.mappingRows.map(\.step).max().map { s in r.mappingRows.filter { $0.step == s } }
    }
    guard let sublayers = last.map(\.count).max(), sublayers > 0 else { return [] }
    return (0..<sublayers).compactMap { k in
      let v = last.compactMap { rows in rows.first { $0.sublayer == k }?[keyPath: value] }.filter(\.isFinite)
      return v.isEmpty ? nil : (Double(k + 1), max(SeedInterval(v).mean, 1e-9))
    }
  }

  /// `value` of the composite after the last sublayer at every evaluation step, mean over the seeds that
  /// have it (values below 1e-9 drawn at 1e-9 on the log axis).
  func trainingCurve(_ runs: [LoadedRun], _ value: KeyPath<MappingRow, Double>) -> [(Double, Double)] {
    let lastRows = runs.map { r -> [Int: Double] in
      let last = r.mappingRows.map(\.sublayer).max() ?? 0
      return Dictionary(
        r.mappingRows.filter { $0.sublayer == last }.map { ($0.step, $0[keyPath: value]) },
        uniquingKeysWith: { a, _ in a })
    }
    let steps = Set(lastRows.flatMap(\.keys)).sorted()
    return steps.compactMap { step in
      let v = lastRows.compactMap { $0[step] }.filter(\.isFinite)
      return v.isEmpty ? nil : (Double(step), max(SeedInterval(v).mean, 1e-9))
    }
  }

  /// The composite's distance from `J/n` after the last sublayer: mean and 95% interval over seeds.
  func finalCollapse(_ runs: [LoadedRun], _ value: KeyPath<MappingRow, Double>) -> SeedInterval {
    SeedInterval(
      runs.compactMap { r in
        r.mappingRows.max { ($0.step, $0.sublayer) < ($1.step, $1.sublayer) }?[keyPath: value]
      }.filter(\.isFinite))
  }

  /// Each run's mean training step time, over seeds.
  func stepTimes(_ runs: [LoadedRun]) -> SeedInterval { SeedInterval(runs.map(\.summary.meanStepSeconds)) }

  func describe(_ c: TrainConfig) -> String {
    "C \(c.model.width), \(c.model.layers) layers, seq \(c.model.seq), batch \(c.batch), lr \(cell(c.lr, 2)), "
      + "\(c.steps) steps"
  }
}

/// Mean ± 95% with fixed decimals, or three significant digits once `none`'s products run away.
func wide(_ v: SeedInterval) -> String {
  v.n == 0 ? "–" : abs(v.mean) >= 1e4 ? String(format: "%.3g ± %.2g", v.mean, v.halfWidth) : v.text(3)
}
