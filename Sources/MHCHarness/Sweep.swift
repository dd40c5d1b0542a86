import ArgumentParser
import Foundation
import MHC

/// `quick` finishes in minutes on a laptop; `paper` is the full-size version (hours);
/// `tiny` runs the whole pipeline on toy models in seconds (tests, smoke checks).
public enum Preset: String, CaseIterable, ExpressibleByArgument, Codable, Sendable {
  case quick, paper, tiny
}

extension TrainConfig {
  /// A toy model for the `tiny` preset: the same code path in seconds.
  public static var tiny: TrainConfig {
    var c = TrainConfig()
    c.model.width = 16; c.model.layers = 1; c.model.heads = 2; c.model.seq = 16; c.batch = 2; c.steps = 8;
    c.evalEvery = 4; c.evalBatches = 1
    c.finalEvalWindows = 32
    return c
  }
}

/// One run of a sweep: a readable, stable id (its folder name) and its configuration.
public struct SweepRun: Sendable {
  public var id: String
  public var config: TrainConfig
  public init(id: String, config: TrainConfig) { self.id = id; self.config = config }

  /// A run whose id is derived from how `config` differs from `base` (see ``RunID``).
  public init(_ config: TrainConfig, base: TrainConfig = TrainConfig()) {
    self.init(id: RunID.derive(config, base: base), config: config)
  }
}

/// Run ids: derived from the configuration, so the same run always gets the same folder.
///
///     mhc-n4-t20-s0          hc-n4-s1          residual-s0          mhc-n4-t20-L8-lr0.009-s0
///
/// The connection always comes first, then `n` (HC/mHC), `t` (mHC), every other key that
/// differs from `base` in a fixed order, and the seed last.
public enum RunID {
  public static func derive(_ c: TrainConfig, base: TrainConfig = TrainConfig()) -> String {
    let m = c.model, k = m.connection, b = base.model
    var parts = [k.kind.rawValue]
    if k.kind != .residual { parts.append("n\(k.streams)") }
    if k.kind == .mhc {  // the manifold (the default goes unnamed), and t_max where it iterates
      if k.manifold != .sinkhorn { parts.append(k.manifold.rawValue) }
      if k.manifold.iterates { parts.append("t\(k.iterations)") }
    }
    if k.kind == .mhc && k.biasInit != .uniform { parts.append("init-\(k.biasInit.rawValue)") }
    if k.kind == .mhc, let p = k.preInit, p != k.impliedPreInit { parts.append("pre-\(p.rawValue)") }
    if k.kind != .residual {
      if m.streamInit != b.streamInit { parts.append("streams-\(m.streamInit.rawValue)") }
      if k.alphaInit != b.connection.alphaInit { parts.append("alpha\(short(k.alphaInit))") }
      if k.connLRMult != b.connection.connLRMult { parts.append("connlr\(short(k.connLRMult))") }
      if m.collapse == .learned { parts.append("collapse-learned") }
      let learned = [("pre", k.learnPre), ("post", k.learnPost), ("res", k.learnRes)].filter(\.1).map(\.0)
      if learned.count < 3 { parts.append("learn-" + (learned.isEmpty ? "none" : learned.joined(separator: "+"))) }
      if !k.dynamic { parts.append("static") }
    }
    if m.width != b.width { parts.append("C\(m.width)") }
    if m.layers != b.layers { parts.append("L\(m.layers)") }
    if m.heads != b.heads { parts.append("H\(m.heads)") }
    if m.seq != b.seq { parts.append("T\(m.seq)") }
    if c.batch != base.batch { parts.append("B\(c.batch)") }
    if c.steps != base.steps { parts.append("steps\(c.steps)") }
    if c.lr != base.lr { parts.append("lr\(short(c.lr))") }
    parts.append("s\(c.seed)")
    return parts.joined(separator: "-")
  }

  static func short(_ x: Double) -> String {
    var s = String(format: "%g", x)
    if s.hasPrefix("0.") { s = String(s.dropFirst()) }
    return s
  }
}

/// `--shard K/N`: this process runs sweep entries `K, K+N, K+2N, …` (K counts from 0).
public struct Shard: ExpressibleByArgument, Sendable, Equatable {
  public let index: Int
  public let count: Int
  public init(index: Int, count: Int) { self.index = index; self.count = count }
  public init?(argument: String) {
    let p = argument.split(separator: "/")
    guard p.count == 2, let k = Int(p[0]), let n = Int(p[1]), n >= 1, k >= 0, k < n else { return nil }
    self.init(index: k, count: n)
  }
  public static var defaultValueDescription: String { "K/N with 0 ≤ K < N" }
  public func contains(_ position: Int) -> Bool { position % count == index }
}

/// The options every experiment executable shares.
public struct SweepOptions: ParsableArguments {
  @Option(help: "quick (minutes), paper (hours) or tiny (seconds, a smoke test).") public var preset: Preset = .quick
  @Flag(help: "Print the runs of the sweep and exit.") public var list = false
  @Option(help: "Only runs whose id contains PATTERN (several: comma separated).") public var only: String?
  @Option(help: ArgumentHelp("Run every N-th run starting at K (0-based), e.g. for a job array.", valueName: "K/N"))
  public var shard: Shard?
  @Option(
    help: ArgumentHelp(
      "Seeds of every compared variant (default: the preset's, at least 3 in quick, 8 in paper). Runs are paired by seed.",
      valueName: "N"))
  public var seeds: Int?
  @Flag(help: "Re-run runs that already finished (their folders are replaced).") public var force = false
  @Flag(help: "Rebuild the figures and summary from results/ only; no training.") public var replot = false
  @Option(help: "Results root folder.") public var results = "results"
  @Option(help: "Figures folder.") public var plots = "plots"
  @Option(help: "Corpus file or folder for every run (default: the fortunes corpus).") public var corpus: String?
  @Flag(help: "Plain progress lines instead of a live bar.") public var plain = false
  @Option(
    help: ArgumentHelp(
      "Most memory a run may use, e.g. 64G (default: what the machine has available).", valueName: "size"),
    transform: TrainingMemory.limit)
  public var maxMemory: Int?
  @OptionGroup(title: "Slurm") public var slurm: SlurmOptions

  public init() {}

  public mutating func validate() throws {
    if let n = seeds, n < 1 {
      throw ValidationError("--seeds \(n) is invalid; must be ≥ 1 (seeds per compared variant)")
    }
  }

  /// `--seeds`, or the preset's default: `quick` and `paper` as given, `tiny` 2 (enough for an interval).
  public func seedCount(quick: Int = 3, paper: Int = 8, tiny: Int = 2) -> Int {
    seeds ?? (preset == .paper ? paper : preset == .tiny ? tiny : quick)
  }
}

/// A run's files, loaded back for plotting and comparison.
public struct LoadedRun: Sendable {
  public var id: String
  public var directory: String
  public var config: TrainConfig
  public var summary: RunSummary
  public var metrics: [MetricsRow]
  public var gains: [GainRow]
  public var mappings: ResidualMappings?
  /// `hres-init.json`: the token-averaged `H_res` before training (HC/mHC runs that record it).
  public var initialMappings: ResidualMappings?
  /// `mappings.csv`: what the mappings do at each evaluation (empty for older runs and the residual).
  public var mappingRows: [MappingRow]

  public init(
    id: String, directory: String, config: TrainConfig, summary: RunSummary, metrics: [MetricsRow],
    gains: [GainRow] = [], mappings: ResidualMappings? = nil, initialMappings: ResidualMappings? = nil,
    mappingRows: [MappingRow] = []
  ) {
    self.id = id; self.directory = directory; self.config = config; self.summary = summary; self.metrics = metrics
    self.gains = gains; self.mappings = mappings; self.initialMappings = initialMappings; self.mappingRows = mappingRows
  }

  /// Loads a run folder that has a `summary.json`.
  public static func load(_ directory: String) throws -> LoadedRun {
    func p(_ f: String) -> String { (directory as NSString).appendingPathComponent(f) }
    let summary = try RunFiles.readJSON(RunSummary.self, from: p("summary.json"))
    let config = try RunFiles.readJSON(TrainConfig.self, from: p("config.json"))
    let metrics = try MetricsRow.read(p("metrics.csv"))
    let gains = RunFiles.exists(p("gains.csv")) ? try GainRow.read(p("gains.csv")) : []
    let mappings = try? RunFiles.readJSON(ResidualMappings.self, from: p("hres.json"))
    let initial = try? RunFiles.readJSON(ResidualMappings.self, from: p("hres-init.json"))
    let rows = RunFiles.exists(p("mappings.csv")) ? try MappingRow.read(p("mappings.csv")) : []
    return LoadedRun(
      id: (directory as NSString).lastPathComponent, directory: directory, config: config,
      summary: summary, metrics: metrics, gains: gains, mappings: mappings, initialMappings: initial,
      mappingRows: rows)
  }

  /// Gains of the last evaluation, one entry per sublayer.
  public var finalGains: [GainRow] { gains.filter { $0.step == gains.last?.step } }
}

/// A list of runs that belong to one experiment, and how to execute them.
///
/// ```swift
/// let sweep = Sweep(experiment: "stability", runs: runs)
/// try sweep.execute(options) { results in try figures(results) }
/// ```
public struct Sweep: Sendable {
  public let experiment: String
  public var runs: [SweepRun]

  public init(experiment: String, runs: [SweepRun]) throws {
    self.experiment = experiment
    self.runs = runs
    var seen = Set<String>()
    for r in runs {
      guard seen.insert(r.id).inserted else { throw MHCError("sweep \(experiment) lists run id '\(r.id)' twice") }
    }
  }

  public func directory(_ run: SweepRun, options: SweepOptions) -> String {
    "\(options.results)/\(experiment)/\(run.id)"
  }

  /// The runs this process should handle under `--only` and `--shard`.
  public func selected(_ options: SweepOptions) -> [SweepRun] {
    let patterns = options.only?.split(separator: ",").map(String.init) ?? []
    // --only first, then --shard over what it kept, so N shards of a filtered sweep are balanced
    let kept = runs.filter { r in patterns.isEmpty || patterns.contains { r.id.contains($0) } }
    return kept.enumerated().filter { i, _ in options.shard?.contains(i) ?? true }.map(\.1)
  }

  /// Loads every run of the sweep that has finished (completed or diverged).
  public func load(_ options: SweepOptions) -> [LoadedRun] {
    runs.compactMap { r in
      let d = directory(r, options: options)
      guard TrainingRun.finishedSummary(in: d) != nil else { return nil }
      return try? LoadedRun.load(d)
    }
  }

  /// Lists, trains (skipping finished runs, resuming interrupted ones) and then calls
  /// `report` with the finished runs, or only calls `report` under `--replot`.
  /// Figures are made when every run of the sweep has finished.
  public func execute(_ options: SweepOptions, report: ([LoadedRun]) throws -> Void) throws {
    do {
      try executeThrowingMHCErrors(options, report: report)
    } catch let e as MHCError {
      throw ValidationError(e.description)
    }
  }

  func executeThrowingMHCErrors(_ options: SweepOptions, report: ([LoadedRun]) throws -> Void) throws {
    if options.slurm.enabled {
      let job = try SlurmJob(sweep: self, options: options, slurm: options.slurm)
      let path = try job.write()
      if options.slurm.slurmDryRun {
        print("# \(job.folder)/array.sbatch\n\(job.arrayScript)\n# \(job.folder)/replot.sbatch\n\(job.replotScript)")
        print(
          "\(experiment): \(job.runs) runs in \(job.tasks) tasks, \(job.memoryMiB) MiB each; submit with: bash \(path)")
      } else if let out = try job.submit() {
        print(out, terminator: "")
      } else {
        print("\(experiment): sbatch not found; scripts written, submit on the cluster with: bash \(path)")
      }
      return
    }
    let chosen = selected(options)
    if options.list {
      for (i, r) in runs.enumerated() {
        let mark = chosen.contains { $0.id == r.id } ? " " : "-"
        let state = TrainingRun.finishedSummary(in: directory(r, options: options))?.status.rawValue ?? "todo"
        let id = r.id.count < 40 ? r.id.padding(toLength: 40, withPad: " ", startingAt: 0) : r.id
        print("\(mark) \(String(format: "%3d", i)) \(id) \(state)")
      }
      return
    }
    if !options.replot {
      Interruption.install()
      print(
        "\(experiment) (\(options.preset.rawValue)): \(chosen.count) of \(runs.count) runs in this process; BLAS \(BLASRuntime.summary)"
      )
      for (i, r) in chosen.enumerated() {
        if let code = Interruption.exitCode {  // stopped between runs: start no new one
          print("\(experiment): stopped by \(Interruption.name) before \(r.id); re-run the same command to continue")
          throw ExitCode(code)
        }
        var config = r.config
        if let c = options.corpus { config.corpus = c }
        let dir = directory(r, options: options)
        if let done = TrainingRun.finishedSummary(in: dir) {
          let stored = try RunFiles.readJSON(TrainConfig.self, from: dir + "/config.json")
          if !stored.sameRun(as: config.resolved()) && !options.force {
            throw MHCError(
              "\(dir) holds a finished run of a different configuration (\(differingKeys(stored, config.resolved()).joined(separator: ", "))); pass --force to replace it or --results to use another folder"
            )
          }
          if !options.force {
            print("[\(i + 1)/\(chosen.count)] \(r.id): \(done.status.rawValue), skipped")
            continue
          }
          try FileManager.default.removeItem(atPath: dir)
        }
        let run = try TrainingRun(config: config, directory: dir)
        run.maxMemory = options.maxMemory
        run.observers.append(
          ConsoleProgress(
            label: "[\(i + 1)/\(chosen.count)] \(r.id)",
            interactive: !options.plain && standardOutputIsTerminal, tokensPerExample: config.model.task.tokens))
        do {
          let summary = try run.run()
          if let code = Interruption.exitCode, summary.status == .interrupted {
            print(
              "\(experiment): stopped by \(Interruption.name) in \(r.id) after step \(summary.steps); re-run the same command to resume"
            )
            throw ExitCode(code)
          }
        } catch let busy as RunInUse {
          print("[\(i + 1)/\(chosen.count)] \(r.id): in use by another process (\(busy.holder)), skipped")
        }
      }
    }
    let loaded = load(options)
    if loaded.count < runs.count {
      print(
        "\(experiment): \(loaded.count) of \(runs.count) runs finished; figures are made once all have (then `--replot`)."
      )
      return
    }
    try RunFiles.makeDirectory(options.plots)
    try report(loaded)
  }
}

/// A comma separated option value, e.g. `--iterations 0,1,2,20` or `--widths 128,512`.
public struct CommaList<Element: LosslessStringConvertible & Sendable>: ExpressibleByArgument, Sendable {
  public var values: [Element]
  public init?(argument: String) {
    let parsed = argument.split(separator: ",").map { Element($0.trimmingCharacters(in: .whitespaces)) }
    guard !parsed.isEmpty, !parsed.contains(where: { $0 == nil }) else { return nil }
    values = parsed.compactMap { $0 }
  }
}
