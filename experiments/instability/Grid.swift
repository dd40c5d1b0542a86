// instability — the grid of runs by cell and connection, and the HC / mHC / residual trio of a cell.

import Foundation
import MHC
import MHCHarness

/// The finished runs of the grid, by connection, depth, learning rate and seed.
struct Grid {
  let all: [LoadedRun]
  /// The two-stage rows of `--precision` (precision.json): the gaps they sized take their half-width.
  let sized: [PrecisionRow]
  init(_ runs: [LoadedRun], sized: [PrecisionRow] = []) { all = runs; self.sized = sized }
  var depths: [Int] { Set(all.map(\.config.model.layers)).sorted() }
  var lrs: [Double] { Set(all.map(\.config.lr)).sorted() }

  func runs(_ kind: ConnectionKind, layers: Int, lr: Double) -> [LoadedRun] {
    all.filter { $0.config.model.connection.kind == kind && $0.config.model.layers == layers && $0.config.lr == lr }
      .sorted { $0.config.seed < $1.config.seed }
  }

  /// Final-loss gap of `kind` to `baseline` (default: the residual) in one cell, paired by seed.
  func gap(
    _ kind: ConnectionKind, to baseline: ConnectionKind = .residual, layers: Int,
    lr: Double
  ) -> PairedComparison {
    let v = runs(kind, layers: layers, lr: lr), b = runs(baseline, layers: layers, lr: lr)
    return PairedComparison.finalLoss(v, baseline: b).sized(by: sized, variant: v, baseline: b)
  }

  /// The HC run that failed most clearly: diverged, then most loss spikes, then the largest loss excess.
  var mostUnstable: LoadedRun? {
    func score(_ r: LoadedRun) -> (Int, Int, Double, Double) {
      let i = r.summary.instability
      return (i?.divergedStep == nil ? 0 : 1, i?.lossSpikes ?? 0, i?.maxLossExcess ?? -.infinity, i?.maxGradRatio ?? 0)
    }
    return all.filter { $0.config.model.connection.kind == .hc && trioExists($0) }.max { score($0) < score($1) }
  }

  func trioExists(_ r: LoadedRun) -> Bool {
    [ConnectionKind.residual, .mhc].allSatisfy { k in
      runs(k, layers: r.config.model.layers, lr: r.config.lr).contains { $0.config.seed == r.config.seed }
    }
  }

  /// The residual, HC and mHC runs of `hc`'s cell and seed.
  func trio(_ hc: LoadedRun) -> Trio {
    func pick(_ k: ConnectionKind) -> LoadedRun {
      runs(k, layers: hc.config.model.layers, lr: hc.config.lr).first { $0.config.seed == hc.config.seed }!
    }
    return Trio(residual: pick(.residual), hc: hc, mhc: pick(.mhc))
  }

  /// "S 1/3 G 2/3 D 0/3" (or "1/2/0" compact): runs with loss spikes, gradient spikes, divergence.
  static func counts(_ runs: [LoadedRun], compact: Bool = false) -> String {
    guard !runs.isEmpty else { return "–" }
    let r = runs.compactMap(\.summary.instability)
    let s = r.filter { $0.lossSpikes > 0 }.count, g = r.filter { $0.gradSpikes > 0 }.count
    let d = runs.filter { $0.summary.instability?.divergedStep != nil || $0.summary.status == .diverged }.count
    return compact ? "\(s)/\(g)/\(d)" : "S \(s)/\(runs.count) G \(g)/\(runs.count) D \(d)/\(runs.count)"
  }
}

struct Trio {
  let residual: LoadedRun, hc: LoadedRun, mhc: LoadedRun
  var all: [LoadedRun] { [residual, hc, mhc] }
  var label: String { "\(hc.config.model.layers) layers, peak lr \(cell(hc.config.lr, 2)), seed \(hc.config.seed)" }
}
