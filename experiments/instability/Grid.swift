// instability — the grid read through its declaration: the cells trained, the runs of a cell, the
// HC / mHC / residual trio of the run where HC fails most clearly.

import Experiments
import Foundation
import MHC
import MHCHarness

/// The summary of the grid (``DesignSummary``): `runs(cell, kind)` and `gap(cell, kind, vs:)` by cell.
typealias Grid = DesignSummary<InstabilityDesign>

extension DesignSummary where D == InstabilityDesign {
  /// Every finished run of the trained cells, cell by cell, each connection's by seed.
  var all: [LoadedRun] { trainedCells.flatMap(runs) }
  var depths: [Int] { Set(trainedCells.map(\.layers)).sorted() }
  var lrs: [Double] { Set(trainedCells.map(\.lr)).sorted() }
  /// The trained cell at `layers` and `lr` (nil: none trained there).
  func cell(_ layers: Int, _ lr: Double) -> D.Cell? { trainedCells.first { $0.layers == layers && $0.lr == lr } }

  /// The HC run that failed most clearly: diverged, then most loss spikes, then the largest loss excess.
  var mostUnstable: LoadedRun? {
    func score(_ r: LoadedRun) -> (Int, Int, Double, Double) {
      let i = r.summary.instability
      return (i?.divergedStep == nil ? 0 : 1, i?.lossSpikes ?? 0, i?.maxLossExcess ?? -.infinity, i?.maxGradRatio ?? 0)
    }
    return trainedCells.flatMap { runs($0, .hc) }.filter { trio($0) != nil }.max { score($0) < score($1) }
  }

  /// The residual, HC and mHC runs of `hc`'s cell and seed (nil unless all three finished).
  func trio(_ hc: LoadedRun) -> Trio? {
    let c = D.Cell(layers: hc.config.model.layers, lr: hc.config.lr, steps: hc.config.steps)
    func pick(_ k: ConnectionKind) -> LoadedRun? { runs(c, k).first { $0.config.seed == hc.config.seed } }
    guard let residual = pick(.residual), let mhc = pick(.mhc) else { return nil }
    return Trio(residual: residual, hc: hc, mhc: mhc)
  }
}

struct Trio {
  let residual: LoadedRun, hc: LoadedRun, mhc: LoadedRun
  var all: [LoadedRun] { [residual, hc, mhc] }
  var label: String { "\(hc.config.model.layers) layers, peak lr \(cell(hc.config.lr, 2)), seed \(hc.config.seed)" }
}
