// stability — the H_res heat maps and the stress figure (the report draws the other figures).

import Foundation
import MHC
import MHCHarness

extension Stability {
  /// Fig. 8: the token-averaged H_res of every sublayer and the composite, HC above mHC.
  /// (mHC's composite is J/n as soon as one factor is, so the per-sublayer maps carry the information.)
  func heatmaps(hc: LoadedRun, mhc: LoadedRun) -> GnuplotFigure {
    let rows = [hc, mhc].compactMap { r in
      r.heatMaps(label: r.kindName.uppercased(), composite: "composite")
    }
    return Chart.heatmaps(
      "stability-hres-heatmaps",
      title: "token-averaged H_res of every sublayer and their composite at the end of training, seed 0 "
        + "(row i: output stream i; column j: input stream j)",
      rows: rows, cellWidth: 260, cellHeight: 290)
  }

  /// The stress sweep as curves over the learning rate, one per connection and depth: seed 0 (one
  /// run per point); the title counts the diverged runs of every seed, and summary.md pairs the seeds.
  func stressFigure(_ stress: [LoadedRun]) -> GnuplotFigure {
    let seed0 = stress.filter { $0.config.seed == 0 }, depths = Set(stress.map(\.config.model.layers)).sorted()
    /// One line per connection (not the residual where `residual` is false) and depth: `value` over the lr.
    func lines(residual: Bool = true, _ value: @escaping (LoadedRun) -> Double?) -> [Series] {
      (residual ? [ConnectionKind.residual, .hc, .mhc] : [.hc, .mhc]).flatMap { kind in
        depths.enumerated().map { di, depth in
          Series(
            "\(kind.rawValue) L=\(depth)", color: PlotStyle.color(for: kind.rawValue),
            points: seed0.filter { $0.config.model.connection.kind == kind && $0.config.model.layers == depth }
              .sorted { $0.config.lr < $1.config.lr }.map { ($0.config.lr, value($0) ?? .nan) },
            style: "linespoints", dash: di + 1)
        }
      }
    }
    let diverged = stress.filter { $0.summary.status == .diverged }, lrs = stress.map(\.config.lr)
    let xrange = "set xrange [\((lrs.min() ?? 1e-3) / 1.5):\((lrs.max() ?? 1e-1) * 1.5)]"
    let marks = diverged.filter { $0.config.seed == 0 }.map { d in
      "set label 'diverged: \(d.config.model.connection.kind.rawValue) L=\(d.config.model.layers) "
        + "@\(d.summary.divergedStep ?? 0)' at first \(d.config.lr), graph 0.95 center textcolor rgb '#b2182b' "
        + "font ',8'"
    }
    let seeds = Set(stress.map(\.config.seed)).count
    return Chart.figure(
      "stability-stress",
      title: "stress sweep: depth × learning rate, seed 0 "
        + "(over \(seeds) seed\(seeds == 1 ? "" : "s"): \(diverged.count) of \(stress.count) runs diverged)",
      panels: [
        Panel(
          title: "final validation loss (diverged runs have no point)", xlabel: "peak learning rate",
          ylabel: "loss (nats/byte)", logx: true,
          series: lines { $0.summary.status == .diverged ? .nan : $0.summary.finalEvalLoss },
          extra: marks + ["set key outside right", xrange]),
        Panel(
          title: "largest composite backward gain", xlabel: "peak learning rate", ylabel: "gain", logx: true,
          logy: true, series: lines(residual: false) { $0.summary.maxCompositeBackwardGain },
          extra: ["set key outside right", "set format y '%.0e'", xrange]),
      ], columns: 1, width: 1100, height: 1000)
  }
}
