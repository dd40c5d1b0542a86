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
  /// The experiment, cell and variant, when a declaration (``ExperimentDesign``) made the run: `meta.json` records it.
  public var design: RunDesign?
  public init(id: String, config: TrainConfig, design: RunDesign? = nil) {
    self.id = id; self.config = config; self.design = design
  }

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

  public static func short(_ x: Double) -> String {
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
    parsing: .unconditional,
    help: ArgumentHelp(
      "Seeds of every compared variant (default: the preset's, at least 3 in quick, 8 in paper). Runs are paired by "
        + "seed.",
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
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Runs side by side, one thread each (default: one per core, at most 8; 1 inside a Slurm task).",
      valueName: "N"))
  public var jobs: Int?
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Train seeds until every paired final-loss comparison's 95% interval is ±H (Stein's two-stage rule).",
      valueName: "H"))
  public var precision: Double?
  @Option(parsing: .unconditional, help: ArgumentHelp("Pilot seeds of --precision (n₀).", valueName: "N"))
  public var pilot = 4
  @Option(parsing: .unconditional, help: ArgumentHelp("Most seeds --precision trains per variant.", valueName: "N"))
  public var maxSeeds = 32
  @OptionGroup(title: "Slurm") public var slurm: SlurmOptions

  public init() {}

  public mutating func validate() throws {
    if let n = seeds, n < 1 {
      throw ValidationError("--seeds \(n) is invalid; must be ≥ 1 (seeds per compared variant)")
    }
    if let j = jobs, j < 1 || j > 256 {
      throw ValidationError("--jobs \(j) is invalid; must be 1…256 (runs side by side)")
    }
    if let h = precision, !(h > 0 && h.isFinite) {
      throw ValidationError("--precision \(h) is invalid; must be a positive half-width, e.g. 0.02 (nats/byte)")
    }
    if pilot < 2 || pilot > 1000 {
      throw ValidationError("--pilot \(pilot) is invalid; must be 2…1000 (a spread needs two seeds)")
    }
    if maxSeeds < pilot || maxSeeds > 1000 {
      throw ValidationError("--max-seeds \(maxSeeds) is invalid; must be at least --pilot (\(pilot)) and at most 1000")
    }
  }

  /// `--jobs`, or one run per core (see ``DefaultJobs``).
  public var jobCount: Int { jobs ?? DefaultJobs.count }

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
    let metrics = try MetricsRow.readFinished(p("metrics.csv"))
    guard metrics.count == summary.steps else {
      throw MHCError("\(p("metrics.csv")) has \(metrics.count) rows; summary.json says \(summary.steps) steps")
    }
    let gains = RunFiles.exists(p("gains.csv")) ? try GainRow.read(p("gains.csv")) : []
    let mappings = try? RunFiles.readJSON(ResidualMappings.self, from: p("hres.json"))
    let initial = try? RunFiles.readJSON(ResidualMappings.self, from: p("hres-init.json"))
    let rows = RunFiles.exists(p("mappings.csv")) ? try MappingRow.read(p("mappings.csv")) : []
    return LoadedRun(
      id: (directory as NSString).lastPathComponent, directory: directory, config: config,
      summary: summary, metrics: metrics, gains: gains, mappings: mappings, initialMappings: initial,
      mappingRows: rows)
  }

  /// A run folder read back: nil while it has not finished (no `summary.json`, or one that says
  /// running / interrupted), the run when it has, or why its files cannot be read — a
  /// `summary.json` that is not valid, a cut or damaged `metrics.csv`, a missing file.
  public static func finished(_ directory: String) -> Result<LoadedRun, MHCError>? {
    let path = (directory as NSString).appendingPathComponent("summary.json")
    guard RunFiles.exists(path) else { return nil }
    let summary: RunSummary
    do { summary = try RunFiles.readJSON(RunSummary.self, from: path) } catch {
      return .failure(MHCError("summary.json is not a valid run summary"))
    }
    guard summary.status == .completed || summary.status == .diverged else { return nil }
    do { return .success(try load(directory)) } catch let e as MHCError { return .failure(e) } catch {
      return .failure(MHCError("\(error)"))
    }
  }

  /// Names the runs `reader` could not read, once, in one line (nothing when there are none).
  public static func reportUnreadable(_ failures: [(id: String, why: String)], in experiment: String) {
    guard !failures.isEmpty else { return }
    print(
      "\(experiment): \(failures.count) finished run(s) cannot be read and are left out of every table: "
        + failures.map { "\($0.id) (\($0.why))" }.joined(separator: "; "))
  }

  /// Gains of the last evaluation, one entry per sublayer.
  public var finalGains: [GainRow] { gains.filter { $0.step == gains.last?.step } }
}

/// A list of runs that belong to one experiment, and how to execute them.
///
/// ```swift
/// let options = try SweepOptions.parse(["--preset", "quick"])
/// let runs = [ConnectionKind.residual, .mhc].map { kind in
///   var c = TrainConfig(); c.model.connection.kind = kind; return SweepRun(c)
/// }
/// let sweep = try Sweep(experiment: "stability", runs: runs)
/// try sweep.execute(options) { results in print(ExperimentSummary.status(results)) }   // then figures, summary.md
/// ```
///
/// Declared with ``PairedCell``s, a sweep also knows which runs are compared by seed, and
/// `--precision H` sizes each cell's seeds with ``TwoStage``.
public struct Sweep {
  public let experiment: String
  public var runs: [SweepRun]
  /// The paired comparisons (empty: the experiment has none, and `--precision` is refused).
  public let cells: [PairedCell]

  public init(experiment: String, runs: [SweepRun]) throws {
    try self.init(experiment: experiment, runs: runs, cells: [])
  }

  /// The runs of `cells` with their preset seeds, then `others` (runs no comparison sizes).
  public init(experiment: String, cells: [PairedCell], others: [SweepRun] = []) throws {
    try self.init(experiment: experiment, runs: cells.flatMap(\.presetRuns) + others, cells: cells)
  }

  init(experiment: String, runs: [SweepRun], cells: [PairedCell]) throws {
    self.experiment = experiment
    self.runs = runs
    self.cells = cells
    var seen = Set<String>()
    for r in runs {
      guard seen.insert(r.id).inserted else { throw MHCError("sweep \(experiment) lists run id '\(r.id)' twice") }
    }
  }

  public func directory(_ run: SweepRun, options: SweepOptions) -> String {
    "\(options.results)/\(experiment)/\(run.id)"
  }

  /// The runs this process should handle under `--only` and `--shard`.
  public func selected(_ options: SweepOptions) -> [SweepRun] { selected(runs, options) }

  func selected(_ list: [SweepRun], _ options: SweepOptions) -> [SweepRun] {
    let patterns = options.only?.split(separator: ",").map(String.init) ?? []
    // --only first, then --shard over what it kept, so N shards of a filtered sweep are balanced
    let kept = list.filter { r in patterns.isEmpty || patterns.contains { r.id.contains($0) } }
    return kept.enumerated().filter { i, _ in options.shard?.contains(i) ?? true }.map(\.1)
  }

  /// Loads every run of the sweep that has finished (completed or diverged), naming on the
  /// console each finished run whose files cannot be read (it is left out, never half-read).
  public func load(_ options: SweepOptions) -> [LoadedRun] {
    var failed: [(id: String, why: String)] = []
    let loaded = runs.compactMap { r -> LoadedRun? in
      switch LoadedRun.finished(directory(r, options: options)) {
      case .success(let run)?: return run
      case .failure(let e)?: failed.append((r.id, e.description)); return nil
      case nil: return nil
      }
    }
    LoadedRun.reportUnreadable(failed, in: experiment)
    return loaded
  }

  /// Whether this process was started by a sweep's `--jobs` to train one run (``execute(_:report:)`` then trains only it).
  public static var isChild: Bool { SweepChild.assignment != nil }

  /// Lists, trains (skipping finished runs, resuming interrupted ones) and then calls
  /// `report` with the finished runs, or only calls `report` under `--replot`.
  /// Figures are made when every run of the sweep has finished.
  public func execute(_ options: SweepOptions, report: ([LoadedRun]) throws -> Void) throws {
    do {
      if let child = SweepChild.assignment {  // a child of `--jobs`: train the one run, nothing else
        try SweepChild.train(child, options: options)
        return
      }
      try executeThrowingMHCErrors(options, report: report)
    } catch let e as MHCError {
      throw RuntimeFailure(e)
    } catch let e as ExitCodeError {
      throw ExitCode(e.code)
    }
  }

  func executeThrowingMHCErrors(_ options: SweepOptions, report: ([LoadedRun]) throws -> Void) throws {
    if options.precision != nil && cells.isEmpty {
      throw MHCError("--precision: \(experiment) has no paired seed comparisons to size; drop --precision")
    }
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
    var sweep = self
    if let h = options.precision, !options.list, !options.replot {
      Interruption.install()
      try sweep.trainToPrecision(h, options)
    } else if let h = options.precision {
      sweep.runs = sweep.precisionRuns(options, target: h).runs
    }
    try sweep.trainAndReport(options, report: report)
  }

  /// Trains the pilots, sizes every cell, trains the second stage and writes `precision.md`;
  /// afterwards ``runs`` holds every run the comparisons use.
  mutating func trainToPrecision(_ h: Double, _ options: SweepOptions) throws {
    let n0 = options.pilot
    let pilot = cells.flatMap { $0.runs(0..<n0) }
    // the cells this process was asked for (`--only`, `--shard`), not every cell of the sweep
    let asked = Set(cells.filter { !selected($0.runs(0..<n0), options).isEmpty }.map(\.name))
    print("\(experiment): --precision \(h): pilot of \(n0) seeds per variant in \(asked.count) cell(s)")
    try train(selected(pilot, options), options, of: pilot.count)
    let plan = precisionRuns(options, target: h)
    let extra = selected(plan.runs.filter { r in !pilot.contains { $0.id == r.id } }, options)
    if !extra.isEmpty {
      print("\(experiment): the pilot's spread asks for \(extra.count) more runs (second stage)")
      try train(extra, options, of: extra.count)
    }
    let rows = precisionRuns(options, target: h).rows.filter { asked.contains($0.cell) }
    let text = PrecisionReport.markdown(rows, target: h, maxSeeds: options.maxSeeds)
    try RunFiles.write(text, to: "\(options.results)/\(experiment)/precision.md")
    try RunFiles.writeJSON(rows, to: "\(options.results)/\(experiment)/precision.json")
    print(text)
    runs = precisionRuns(options, target: h).runs
  }

  /// The runs `--precision` needs as far as the finished pilots tell (every cell's pilot, then
  /// each variant's second-stage seeds), the other runs of the sweep, and the comparisons' rows.
  func precisionRuns(_ options: SweepOptions, target h: Double) -> (runs: [SweepRun], rows: [PrecisionRow]) {
    var list: [SweepRun] = [], rows: [PrecisionRow] = []
    for cell in cells {
      let (seeds, r) = plan(cell, options: options, target: h)
      rows += r
      let n = options.pilot
      list += cell.runs(0..<n)
      for s in n..<max(n, seeds.values.max() ?? 0) {
        list += cell.variants.filter { (seeds[$0] ?? 0) > s }.map { cell.run($0, seed: s) }
      }
    }
    var seen = Set(list.map(\.id))
    for r in runs where seen.insert(r.id).inserted { list.append(r) }
    return (list, rows)
  }

  /// `--list`, or trains the selected runs; then the report once every run has finished.
  func trainAndReport(_ options: SweepOptions, report: ([LoadedRun]) throws -> Void) throws {
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
    if !options.replot && options.precision == nil {
      Interruption.install()
      try train(chosen, options)
    }
    let loaded = load(options)
    if loaded.count < runs.count {
      print(
        "\(experiment): \(loaded.count) of \(runs.count) runs finished; figures are made once all have (then "
          + "`--replot`)."
      )
      return
    }
    try RunFiles.makeDirectory(options.plots)
    try report(loaded + laterSeeds(options))
  }

  /// The finished runs of every cell's seeds beyond the sweep's own (`--precision` or `--seeds` trained
  /// them earlier), so a summary uses every seed on disk.
  func laterSeeds(_ options: SweepOptions) -> [LoadedRun] {
    let listed = Set(runs.map(\.id))
    let later = cells.flatMap { cell in
      (cell.seeds..<ResultStore.seedsLookedFor).flatMap { s in cell.variants.map { cell.run($0, seed: s) } }
    }.filter { !listed.contains($0.id) }
    return later.compactMap { r in
      guard case .success(let run)? = LoadedRun.finished(directory(r, options: options)) else { return nil }
      return run
    }
  }

  /// Trains `chosen` (skipping finished runs, resuming interrupted ones): side by side in child
  /// processes under `--jobs N` with N > 1 and more than one run to train, else one after another here.
  func train(_ chosen: [SweepRun], _ options: SweepOptions, of total: Int? = nil) throws {
    let jobs = options.jobCount
    print(
      "\(experiment) (\(options.preset.rawValue)): \(chosen.count) of \(total ?? runs.count) runs in this process"
        + (jobs > 1 ? ", up to \(jobs) side by side" : "") + "; BLAS \(BLASRuntime.summary)")
    fflush(nil)
    var pending: [PendingRun] = []
    for (i, r) in chosen.enumerated() {
      var config = r.config
      if let c = options.corpus { config.corpus = c }
      let dir = directory(r, options: options)
      let label = "[\(i + 1)/\(chosen.count)] \(r.id)"
      if let done = TrainingRun.finishedSummary(in: dir) {
        let stored = try RunFiles.readJSON(TrainConfig.self, from: dir + "/config.json")
        if !stored.sameRun(as: config.resolved()) && !options.force {
          throw MHCError(
            "\(dir) holds a finished run of a different configuration "
              + "(\(differingKeys(stored, config.resolved()).joined(separator: ", "))); pass --force to replace it "
              + "or --results to use another folder"
          )
        }
        if !options.force {
          print("\(label): \(done.status.rawValue), skipped")
          continue
        }
        try FileManager.default.removeItem(atPath: dir)
      }
      do { try config.validate() } catch let e as MHCError { throw ValidationError(e.description) }  // flags: 64
      pending.append(PendingRun(id: r.id, label: label, config: config, directory: dir, design: r.design))
    }
    if jobs > 1 && pending.count > 1 {
      guard SweepChild.executableCanServe else {
        throw MHCError(
          "--jobs \(jobs): this executable cannot train a sweep's runs side by side (a test runner); "
            + "use --jobs 1")
      }
      let budget = options.maxMemory ?? TrainingMemory.available?.bytes
      let pool = JobPool(jobs: jobs, budget: budget, interactive: !options.plain && standardOutputIsTerminal)
      let failed = try pool.run(pending, experiment: experiment)
      if !failed.isEmpty {
        throw MHCError(
          "\(experiment): \(failed.count) run(s) failed: \(failed.joined(separator: ", ")) (their output is above); "
            + "re-run to retry")
      }
      return
    }
    for p in pending {
      if let code = Interruption.exitCode {  // stopped between runs: start no new one
        print("\(experiment): stopped by \(Interruption.name) before \(p.id); re-run the same command to continue")
        throw ExitCode(code)
      }
      let run = try TrainingRun(config: p.config, directory: p.directory)
      run.maxMemory = options.maxMemory
      run.design = p.design
      run.observers.append(
        ConsoleProgress(
          label: p.label, interactive: !options.plain && standardOutputIsTerminal,
          tokensPerExample: p.config.model.task.tokens))
      do {
        let summary = try run.run()
        if let code = Interruption.exitCode, summary.status == .interrupted {
          print(
            "\(experiment): stopped by \(Interruption.name) in \(p.id) after step \(summary.steps); re-run the same "
              + "command to resume"
          )
          throw ExitCode(code)
        }
      } catch let busy as RunInUse {
        print("\(p.label): in use by another process (\(busy.holder)), skipped")
      }
    }
  }
}

/// A comma separated option value, e.g. `--iterations 0,1,2,20` or `--widths 128,512`.
public struct CommaList<Element: LosslessStringConvertible & Sendable>: ExpressibleByArgument, Sendable {
  public var values: [Element]
  public init(_ values: [Element]) { self.values = values }
  public var defaultValueDescription: String { values.map(\.description).joined(separator: ",") }
  public init?(argument: String) {
    let parsed = argument.split(separator: ",").map { Element($0.trimmingCharacters(in: .whitespaces)) }
    guard !parsed.isEmpty, !parsed.contains(where: { $0 == nil }) else { return nil }
    values = parsed.compactMap { $0 }
  }
}
