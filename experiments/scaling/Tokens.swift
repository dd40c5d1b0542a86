// scaling — the token-scaling figure: the long runs of the smallest size, their loss, gap and ratio
// to the residual over training (one seed).

import Experiments
import Foundation
import MHC
import MHCHarness

extension Scaling {
  /// Validation loss, gap and ratio to the baseline over the long runs' training.
  func tokenFigure(_ long: [LoadedRun]) -> GnuplotFigure {
    func curve(_ k: ConnectionKind) -> [(Double, Double)] {
      (long.first { $0.config.model.connection.kind == k }?.metrics ?? []).compactMap { m in
        m.valLoss.map { (Double(m.tokens), $0) }
      }
    }
    let residual = long.first { $0.config.model.connection.kind == .residual }
    let baseline = Dictionary(curve(.residual), uniquingKeysWith: { a, _ in a })
    func versus(_ kind: ConnectionKind, _ f: (Double, Double) -> Double) -> Series {
      Series(kind.rawValue, points: curve(kind).compactMap { t, l in baseline[t].map { (t, f(l, $0)) } })
    }
    let total = Double((residual?.config.steps ?? 0) * (residual.map { $0.config.batch * $0.config.model.seq } ?? 0))
    // The step decay of the learning rate (×0.316 at 80%, ×0.1 at 90% of training) shows in every curve.
    let decay =
      [0.8, 0.9].map { Gnuplot.verticalLine(at: "\($0 * total)", color: "#aaaaaa", dash: 3) }
      + [
        "set label 'lr decay' at first \(0.8 * total), graph 0.97 right offset -0.5,0 font ',9' textcolor rgb "
          + "'#888888'",
        "set format x '%.1s%c'",
      ]
    /// y range fitted to the last 80% of training (and `reference`), so the large early differences do not
    /// flatten the rest.
    func zoom(_ series: [Series], around reference: Double) -> String {
      let ys = series.flatMap { $0.points.filter { $0.0 >= 0.2 * total }.map(\.1) }.filter(\.isFinite) + [reference]
      let lo = ys.min() ?? 0, hi = ys.max() ?? 1, pad = max(0.15 * (hi - lo), 1e-3)
      return "set yrange [\(lo - pad):\(hi + pad)]"
    }
    let gaps = [versus(.hc, -), versus(.mhc, -)], ratios = [versus(.hc, /), versus(.mhc, /)]
    let sizeNote =
      residual.map { " (\(ModelSize($0.config).label), \(millions($0.config.model.nonEmbeddingParameters)) params)" }
      ?? ""
    let seeds = Set(long.map(\.config.seed)).sorted().map(String.init).joined(separator: ", ")
    return Chart.figure(
      "scaling-tokens",
      title: "token scaling: the smallest size trained long" + sizeNote
        + "; one run per variant (seed \(seeds)): no interval",
      panels: [
        Panel(
          title: "validation loss", xlabel: "tokens seen", ylabel: "loss (nats/byte)",
          series: variants.map { Series($0.rawValue, points: curve($0)) }, extra: decay),
        Panel(
          title: "absolute loss gap: variant − residual (y: last 80%)", xlabel: "tokens seen",
          ylabel: "loss gap (nats/byte)", series: gaps,
          extra: decay + [
            zoom(gaps, around: 0), Gnuplot.horizontalLine(at: "0"),
          ]),
        Panel(
          title: "relative loss ratio: variant / residual (y: last 80%)", xlabel: "tokens seen", ylabel: "loss ratio",
          series: ratios,
          extra: decay + [
            zoom(ratios, around: 1), Gnuplot.horizontalLine(at: "1"),
          ]),
      ], columns: 3, width: 1800, height: 560)
  }
}
