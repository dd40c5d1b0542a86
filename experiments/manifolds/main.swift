// manifolds — other ways to build mHC's H_res, on the same harness (paper §3, "general framework"):
// Sinkhorn (mHC), exact Birkhoff mixtures of permutations (mHC-lite), DeepSeek-V4's σ+ε variant
// (with its learned collapse head in the paper preset), the unconstrained exp(logits) control, and
// the 2026 members — Kronecker (KromHC), orthostochastic, circulant, Cayley — beside the residual
// baseline, at the reference configuration and in a deep, hot stress cell; plus how far the
// product of every H_res drifts towards uniform averaging (stream collapse).
//
//   swift run -c release manifolds                  # quick preset (~20 min on 2 cores)
//   swift run -c release manifolds --preset paper   # 3000 steps, 3 seeds, stress at the reference width
//   swift run -c release manifolds --replot         # figures + summary.md from results/ only
//
// This page: config → runs → report (with the figures). Results.swift: what is read from a
// manifold's runs; Summary.swift: summary.md.
import ArgumentParser
import Foundation
import MHC
import MHCHarness

BLASRuntime.ensureFastKernel()

struct Manifolds: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "mHC's residual manifolds side by side: loss gap, composite gain, column deviation, step time.")
  @OptionGroup var sweep: SweepOptions
  var seeds: Int? { sweep.seeds }

  /// One member of the comparison: a manifold, or the residual baseline (`nil`).
  struct Member {
    let name: String
    let manifold: ResidualManifold?
    var collapse: Collapse = .sum
    var claim: String
    var color: String
    /// Trained by the paper preset only (keeps the quick preset within its time).
    var paperOnly = false
  }

  /// The members this preset trains.
  var members: [Member] { Self.allMembers.filter { sweep.preset == .paper || !$0.paperOnly } }

  /// The residual, then every registered manifold (``ResidualManifold/registry``) in its order,
  /// with DeepSeek-V4's learned collapse beside its manifold in the paper preset.
  static let allMembers: [Member] = {
    var list = [Member(name: "residual", manifold: nil, claim: "baseline", color: PlotStyle.color(for: "residual"))]
    for (i, m) in ResidualManifold.allCases.enumerated() {
      list.append(Member(name: m.rawValue, manifold: m, claim: m.published.isEmpty ? "–" : m.published, color: palette[i % palette.count]))
      if m == .deepseekV4 {
        list.append(
          Member(
            name: "deepseek-v4 + learned collapse", manifold: .deepseekV4, collapse: .learned,
            claim: "DeepSeek-V4 as shipped: learned σ(s·m+b)+ε head instead of the sum of streams", color: "#e377c2",
            paperOnly: true))
      }
    }
    return list
  }()
  /// One color per registered manifold, in registry order.
  static let palette = [
    PlotStyle.color(for: "mhc"), "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#bcbd22", "#7f7f7f",
    "#1f77b4", "#aec7e8",
  ]

  // MARK: Config

  /// The two settings: the reference configuration and a deep, hot stress cell.
  func settings() -> [(name: String, config: TrainConfig)] {
    let paper = sweep.preset == .paper, tiny = sweep.preset == .tiny
    var reference = sweep.preset.baseConfig
    reference.steps = sweep.preset.pick(quick: 300, paper: 3000, tiny: 8)
    reference.evalEvery = sweep.preset.pick(quick: 50, paper: 250, tiny: 4)
    if sweep.preset == .quick { reference.model.seq = 64; reference.batch = 8 }  // ¼ of the reference tokens per step
    var stress = reference
    if tiny {
      stress.model.layers = 2; stress.lr = 3e-2
    } else if paper {
      stress.model.layers = 16; stress.lr = 1e-2; stress.steps = 1000  // the reference width, as in `instability`
    } else {  // the deepest cell of stability's quick stress sweep: C 64, 16 layers, lr 3e-2
      stress.model.width = 64; stress.model.heads = 2; stress.model.seq = 64; stress.batch = 8
      stress.model.layers = 16; stress.lr = 3e-2; stress.steps = 150
    }
    return [("reference", reference), ("stress", stress)]
  }

  /// Member `m` in `setting` with `seed`.
  func run(_ m: Member, _ setting: TrainConfig, seed: Int) -> SweepRun {
    var c = setting; c.seed = UInt64(seed)
    c.model.connection.kind = m.manifold == nil ? .residual : .mhc
    c.model.connection.manifold = m.manifold ?? .sinkhorn; c.model.collapse = m.collapse
    return SweepRun(c)
  }

  func run() throws {
    let cells = settings().map { setting in
      let byName = Dictionary(members.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
      let baseline = members.first { $0.manifold == nil }?.name ?? members[0].name
      return PairedCell(
        name: setting.name, variants: members.map(\.name), seeds: sweep.seedCount(tiny: 1),
        comparisons: members.map(\.name).filter { $0 != baseline }.map { ($0, baseline) }
      ) { v, seed in run(byName[v]!, setting.config, seed: seed) }
    }
    try Sweep(experiment: "manifolds", cells: cells).execute(sweep) { try report($0) }
  }

  // MARK: Figures and summary

  func runs(of m: Member, in setting: TrainConfig, _ all: [LoadedRun]) -> [LoadedRun] {
    all.filter { r in
      r.config.model.layers == setting.model.layers && r.config.model.width == setting.model.width
        && r.config.lr == setting.lr
        && (m.manifold == nil
          ? r.config.model.connection.kind == .residual
          : r.config.model.connection.kind == .mhc && r.config.model.connection.manifold == m.manifold
            && r.config.model.collapse == m.collapse)
    }.sorted { $0.config.seed < $1.config.seed }
  }

  func report(_ all: [LoadedRun]) throws {
    let sets = settings(), members = self.members.dropFirst()
    func baseline(_ s: TrainConfig) -> [LoadedRun] { runs(of: self.members[0], in: s, all) }
    let seeds = Set(all.map(\.config.seed)).count
    // 1. loss gap to the residual, per setting
    try Gnuplot.render(
      barChart(
        "manifolds-loss",
        title: "final validation loss − residual: mean and 95% interval over \(seeds) seed(s) (paired by seed)",
        xlabel: "",
        groups: sets.map {
          "\($0.name): \($0.config.model.layers) layers, C \($0.config.model.width), lr \(cell($0.config.lr, 2))"
        },
        series: members.map { m in
          (
            m.name, m.color,
            sets.map { s in
              PairedComparison.finalLoss(runs(of: m, in: s.config, all), baseline: baseline(s.config)).bar
            }
          )
        }), in: sweep.plots)
    // 2. composite gain and column deviation per sublayer (seed 0)
    var panels: [Panel] = []
    for s in sets {
      func series(_ pick: (GainRow) -> Double) -> [Series] {
        members.compactMap { m in
          runs(of: m, in: s.config, all).first.map { r in
            Series(
              m.name, color: m.color, points: r.finalGains.map { (Double($0.sublayer + 1), pick($0)) },
              style: "linespoints")
          }
        }
      }
      let unit = Gnuplot.horizontalLine(at: "1")
      panels.append(
        Panel(
          title: "\(s.name): composite backward gain", xlabel: "sublayer", ylabel: "gain", logy: true,
          series: series { $0.gains.composite.backward },
          extra: [unit, "set key top left", "set xtics \(s.config.model.layers > 8 ? 4 : 1)"]))
      panels.append(
        Panel(
          title: "\(s.name): column deviation max_j |Σ_i H_ij − 1|", xlabel: "sublayer", ylabel: "deviation",
          logy: true, series: series { max($0.deviation.column, 1e-9) },
          extra: ["set key top left", "set xtics \(s.config.model.layers > 8 ? 4 : 1)", "set format y '%.0e'"]))
    }
    try Gnuplot.render(
      Chart.figure(
        "manifolds-gains",
        title: "at the end of training (seed 0, evaluation batch; deviations below 1e-9 drawn at 1e-9)",
        panels: panels, columns: 2), in: sweep.plots)
    // 3. stream collapse: the composite H_res over depth, against J/n and I (last evaluation, mean over seeds)
    var collapse: [Panel] = []
    for s in sets {
      for (what, pick) in [("J/n", \MappingRow.compositeDistanceUniform), ("I", \MappingRow.compositeDistanceIdentity)]
      {
        collapse.append(
          Panel(
            title: "\(s.name): ‖H⁽ˡ⁾···H⁽¹⁾ − \(what)‖_F of the composite", xlabel: "sublayer l",
            ylabel: "distance (mean over seeds)", logy: true,
            series: members.compactMap { m in
              let curve = depthCurve(runs(of: m, in: s.config, all), pick)
              return curve.isEmpty ? nil : Series(m.name, color: m.color, points: curve, style: "linespoints")
            },
            extra: ["set key outside right", "set xtics \(s.config.model.layers > 8 ? 4 : 1)"]
              + ["set format y '%.0e'"]))
      }
    }
    try Gnuplot.render(
      Chart.figure(
        "manifolds-collapse",
        title: "stream collapse: how far the product of every H_res so far is from uniform averaging J/n and from I",
        panels: collapse, columns: 2), in: sweep.plots)
    // 3b. the collapse over training: the composite after the last sublayer, at every evaluation
    try Gnuplot.render(
      Chart.figure(
        "manifolds-collapse-training",
        title:
          "stream collapse over training: ‖composite of every H_res − J/n‖_F after the last sublayer (mean over seeds)",
        panels: sets.map { s in
          Panel(
            title: "\(s.name) (\(2 * s.config.model.layers) sublayers)", xlabel: "step", ylabel: "distance from J/n",
            logy: true,
            series: members.compactMap { m in
              let curve = trainingCurve(runs(of: m, in: s.config, all), \.compositeDistanceUniform)
              return curve.isEmpty ? nil : Series(m.name, color: m.color, points: curve, style: "linespoints")
            }, extra: ["set key outside right", "set format y '%.0e'"])
        }, columns: 1, width: 1100, height: 900), in: sweep.plots)
    // 4. step time
    try Gnuplot.render(
      barChart(
        "manifolds-time",
        title: "training step time (s) per run: mean and 95% interval over \(seeds) seed(s)",
        xlabel: "", groups: sets.map(\.name),
        series: self.members.map { m in
          (
            m.name, m.color,
            sets.map { s in
              let t = stepTimes(runs(of: m, in: s.config, all))
              return Bar(value: t.n == 0 ? .nan : t.mean, error: t.halfWidth, note: "")
            }
          )
        }, yLabel: "seconds per step"), in: sweep.plots)
    try ExperimentSummary.write(summary(all), experiment: "manifolds", options: sweep, figures: "manifolds-*.png")
  }
}

Manifolds.main()
