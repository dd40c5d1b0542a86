// components — the paper's Table 1: which of the three mappings carry the gain?
//
// HC and mHC with the learned mappings none / res / res+pre / res+pre+post (a mapping that is
// not learned is fixed at its neutral value: H_pre = 1/n, H_post = 1, H_res = I), each compared
// with the residual baseline of the same seed; plus the question the community argues about for
// mHC: `uniform` vs `identity` bias init, crossed with static vs dynamic mappings.
//
//   swift run -c release components                 # quick preset (~10 min on 2 cores)
//   swift run -c release components --preset paper  # deeper and longer (hours)
//   swift run -c release components --replot        # figures + summary.md from results/ only
import ArgumentParser
import Foundation
import MHC
import MHCHarness

BLASRuntime.ensureFastKernel()

/// Which mappings are learned: one row of the paper's Table 1.
struct Learned: Sendable {
  var name: String
  var res: Bool, pre: Bool, post: Bool
  /// The paper's absolute loss gap for HC with these mappings learned (27B MoE; "none" is the baseline).
  var paperGap: Double
}

/// One trained variant; every seed trains each.
struct Variant: Sendable {
  var kind: ConnectionKind
  var learned = Components.table1[3]
  var biasInit = BiasInit.uniform
  var dynamic = true
}

struct Components: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Paper Table 1 (learned mappings none/res/res+pre/res+pre+post, for HC and mHC) and mHC bias init × static/dynamic.")
  @OptionGroup var sweep: SweepOptions
  var seeds: Int? { sweep.seeds }
  @Option(help: "Training steps (default: 300 quick, 2000 paper).") var steps: Int?
  @Option(help: "Layers (default: 4 quick, 8 paper).") var layers: Int?
  @Option(help: "Sequences per batch (default: 8 quick, 16 paper).") var batch: Int?
  @Option(help: "Sequence length (default: 64 quick, 128 paper).") var seq: Int?
  @Option(help: "Peak learning rate (default: 3e-3).") var lr: Double?

  // MARK: Config: the runs of each preset

  static let table1 = [
    Learned(name: "none", res: false, pre: false, post: false, paperGap: 0),
    Learned(name: "res", res: true, pre: false, post: false, paperGap: -0.022),
    Learned(name: "res+pre", res: true, pre: true, post: false, paperGap: -0.025),
    Learned(name: "res+pre+post", res: true, pre: true, post: true, paperGap: -0.027),
  ]
  static let residual = Variant(kind: .residual)
  /// mHC with every mapping learned: [bias init][dynamic, static]. Uniform + dynamic is Table 1's last mHC row.
  static let initGrid = [BiasInit.uniform, .identity].map { i in [true, false].map { Variant(kind: .mhc, biasInit: i, dynamic: $0) } }
  static let variants = [residual] + [ConnectionKind.hc, .mhc].flatMap { k in table1.map { Variant(kind: k, learned: $0) } }
    + initGrid.joined().filter { $0.biasInit != .uniform || !$0.dynamic }

  func base() -> TrainConfig {
    let paper = sweep.preset == .paper, tiny = sweep.preset == .tiny
    var c = tiny ? TrainConfig.tiny : TrainConfig()  // the reference configuration of SPEC.md
    if sweep.preset == .quick { c.seq = 64; c.batch = 8 }  // quick: ¼ of the reference tokens per step
    if paper { c.layers = 8 }
    c.steps = steps ?? (paper ? 2000 : tiny ? 8 : 300)
    c.evalEvery = paper ? 500 : tiny ? 4 : 100
    c.evalBatches = tiny ? 1 : 16  // the gaps are small: evaluate on more windows
    c.layers = layers ?? c.layers; c.batch = batch ?? c.batch; c.seq = seq ?? c.seq; c.lr = lr ?? c.lr
    return c
  }

  var seedCount: Int { sweep.seedCount(tiny: 2) }

  /// Ids are derived against the reference configuration, so different presets never share a run folder.
  func run(_ v: Variant, seed: Int) -> SweepRun {
    var c = base()
    c.connection = v.kind; c.learnRes = v.learned.res; c.learnPre = v.learned.pre; c.learnPost = v.learned.post
    c.biasInit = v.biasInit; c.dynamic = v.dynamic; c.seed = UInt64(seed)
    return SweepRun(c, base: TrainConfig())
  }

  /// Seed by seed, so an interrupted sweep still has complete seeds.
  func runs() -> [SweepRun] { (0..<seedCount).flatMap { s in Self.variants.map { run($0, seed: s) } } }

  func run() throws {
    try Sweep(experiment: "components", runs: runs()).execute(sweep) { try report($0) }
  }

  // MARK: Figures and summary

  func report(_ all: [LoadedRun]) throws {
    let byID = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    func loaded(_ v: Variant) -> [LoadedRun?] { (0..<seedCount).map { byID[run(v, seed: $0).id] } }
    let baseline = loaded(Self.residual)
    func gap(_ v: Variant) -> SeedSpread { .gaps(loaded(v), baseline: baseline) }
    let hc = Self.table1.map { gap(Variant(kind: .hc, learned: $0)) }
    let mhc = Self.table1.map { gap(Variant(kind: .mhc, learned: $0)) }
    let grid = Self.initGrid.map { $0.map(gap) }
    let n = seedCount

    try Gnuplot.render(barChart("components-table1",
      title: "paper Table 1: loss gap to the residual baseline by learned mappings (mean ± sd over \(n) seed\(n == 1 ? "" : "s"); lower is better)",
      xlabel: "learned mappings (the others fixed: H_pre = 1/n, H_post = 1, H_res = I)",
      groups: Self.table1.map(\.name), series: [
        ("paper: HC, 27B", "#f4a582", Self.table1.map { Bar(value: $0.paperGap, error: .nan, note: "") }),
        ("HC (ours)", PlotStyle.color(for: "hc"), hc.map(\.bar)),
        ("mHC (ours)", PlotStyle.color(for: "mhc"), mhc.map(\.bar)),
      ]), in: sweep.plots)
    try Gnuplot.render(barChart("components-init",
      title: "mHC, all mappings learned: bias init × static/dynamic mappings (loss gap to residual, mean ± sd over \(n) seed\(n == 1 ? "" : "s"))",
      xlabel: "mappings (static: Φ frozen at 0, so H depends only on the biases)",
      groups: ["dynamic", "static"], series: [
        ("uniform init (b = 0)", PlotStyle.color(for: "mhc"), grid[0].map(\.bar)),
        ("identity init (b = ±3)", "#ff7f0e", grid[1].map(\.bar)),
      ], width: 900), in: sweep.plots)

    var t1 = MarkdownTable(["learned", "H_res", "H_pre", "H_post", "paper: HC (27B)", "HC (ours)", "mHC (ours)"])
    for (i, l) in Self.table1.enumerated() {
      t1.add([l.name] + [l.res, l.pre, l.post].map { $0 ? "✓" : "✗" } + [i == 0 ? "0.0 (baseline)" : signed(l.paperGap), hc[i].text, mhc[i].text])
    }
    var t2 = MarkdownTable(["bias init", "dynamic", "static"])
    for (i, name) in ["uniform (b = 0)", "identity (b = ±3)"].enumerated() { t2.add([name, grid[i][0].text, grid[i][1].text]) }
    var runs = MarkdownTable(["run", "final val loss", "gap to residual (same seed)", "max composite bwd gain", "status"])
    for v in Self.variants {
      for (s, r) in loaded(v).enumerated() {
        guard let r else { continue }
        let g = r.summary.status == "completed" ? (r.summary.finalEvalLoss ?? .nan) - (baseline[s]?.summary.finalEvalLoss ?? .nan) : .nan
        runs.add([r.id, cell(r.summary.finalEvalLoss), v.kind == .residual ? "0" : (g.isFinite ? signed(g) : "–"),
                  cell(r.summary.maxCompositeBackwardGain, 4), r.summary.status])
      }
    }
    let res = SeedSpread(values: baseline.compactMap { $0?.summary.status == "completed" ? $0?.summary.finalEvalLoss : nil }, diverged: 0, seeds: n)
    let c = base()
    let text = """
    # components — \(sweep.preset.rawValue) preset

    n=\(c.streams), C=\(c.width), L=\(c.layers), heads \(c.heads), seq \(c.seq), batch \(c.batch), \(c.steps) steps, lr \(c.lr), mHC t_max=\(c.iterations), seeds 0–\(n - 1).
    \(sweep.preset == .quick ? "The quick preset uses the reference model with seq 64 × batch 8 (¼ of the reference tokens per step) to fit in about 10 minutes.\n" : "")
    Loss gap = final validation loss − that of the residual baseline with the same seed (same data order, same
    \(c.evalBatches * c.batch) validation windows of \(c.seq) bytes), mean ± sample sd over the seeds; negative = better than the baseline.
    Every weight a variant shares with the baseline starts identical (each tensor has its own seeded random stream), so a
    gap is the effect of the connection and of training noise, not of a different initial draw.
    `*`: |mean| > 2 standard errors (a rough signal with \(n) seeds, not a test). Residual baseline: \(res.values.isEmpty ? "–" : cell(res.mean, 4)) ± \(res.sdText) nats/byte.
    A mapping that is not learned is fixed at its neutral value (H_pre = 1/n, H_post = 1, H_res = I), as in the paper.

    ## Table 1: learned mappings (absolute loss gap to the residual baseline)

    \(t1.text)
    Paper: 27B MoE, HC only, one run each; "none" is the baseline itself there, here it is trained and its gap checks that.

    Reading the rows: the streams enter as n copies of the embedding plus a learned per-stream vector
    (`--stream-init embeddings`, the default since the `mappings` experiment). With H_pre = 1/n and H_post = 1 fixed
    (rows none and res) every stream has the same cotangent (the head sums the streams), so mHC's H_res, which cannot feel
    column-constant cotangents, learns only through its per-token Φ terms, while HC's learns from them directly.
    With `--stream-init copies` (the HC paper's way) the streams of rows none and res would stay identical copies and
    mHC "res" would compute the residual network's function. See `results/mappings/summary.md` for the symmetry argument.

    ## mHC bias init and static vs dynamic mappings (all mappings learned)

    \(t2.text)
    `uniform`: b = 0, so H_pre = ½, H_post = 1, H_res ≈ J/n at init (NVIDIA Megatron's choice). `identity`: b = ±3 on/off the home
    stream and the diagonal, so H_pre ≈ e_{k mod n} and H_res ≈ I at init, as in HC. Static: Φ frozen at 0, so the mappings are
    the same for every token and only their biases learn.

    ## What this shows

    - All mappings learned: HC \(hc[3].text), mHC \(mhc[3].text) (paper, HC at 27B: −0.027).
    - H_res alone: HC \(hc[1].text), mHC \(mhc[1].text) (paper: −0.022, i.e. most of the full gain).
    - Bias init: identity − uniform = \(difference(grid[1][0], grid[0][0])) (dynamic), \(difference(grid[1][1], grid[0][1])) (static);
      static − dynamic = \(difference(grid[0][1], grid[0][0])) (uniform), \(difference(grid[1][1], grid[1][0])) (identity).
    - Seed-to-seed spread of the baseline: sd \(res.sdText); a difference needs to be several standard errors
      (sd/√\(n)) wide to be read as real at this scale.

    ## All runs

    \(runs.text)
    Figures: `plots/components-table1.png`, `plots/components-init.png`.

    """
    try RunFiles.write(text, to: "\(sweep.results)/components/summary.md")
    print("components: figures in \(sweep.plots)/components-*.png, summary in \(sweep.results)/components/summary.md")
  }
}

Components.main()
