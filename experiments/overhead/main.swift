// overhead — what HC and mHC cost beside the residual: step time and training memory (commands: README.md)
//
// This page: the groups (``OverheadDesign``) → measurements. Report.swift: the figure and summary.md.
import ArgumentParser
import Experiments
import Foundation
import MHC
import MHCHarness

struct Overhead: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "overhead",
    abstract: "Step time and training memory of residual / HC / mHC over n and C, with and without recomputation.")

  @Option(help: "quick (minutes), paper (more timed steps) or tiny (seconds).") var preset = "quick"
  @Option(help: "Widths C, comma separated (default 128,256,512; tiny 32,64).") var widths: CommaList<Int>?
  @Option(help: "Expansion rates n of HC and mHC (default 1,2,4,8).") var streams: CommaList<Int>?
  @Option(help: "Recomputation block sizes for the K sweep at C = 128, n = 4 (default 1,2,3,4,8).") var blocks:
    CommaList<Int>?
  @Option(
    help:
      "Timed steps per model at the widest C (default 10 quick, 30 paper, 2 tiny); narrower widths get up to 3× more.")
  var steps: Int?
  @Flag(help: "Measure again even where results/ has the group.") var force = false
  @Flag(help: "Figures and summary.md from results/ only; no measuring.") var replot = false
  @Option(help: "Results root folder.") var results = "results"
  @Option(help: "Figures folder.") var plots = "plots"
  @OptionGroup var fixed: FixedRunOptions

  func validate() throws {
    try fixed.check(
      "overhead",
      jobsWhy: "it times steps, and a run beside it would share the cores every timing "
        + "measures")
    for (flag, list) in [("--widths", widths), ("--streams", streams), ("--blocks", blocks)] {
      if let bad = list?.values.first(where: { $0 < 1 }) {
        throw ValidationError("\(flag) \(bad) is invalid; every value must be ≥ 1")
      }
    }
    if let s = steps, s < 1 { throw ValidationError("--steps \(s) is invalid; must be ≥ 1") }
  }

  /// The groups of models (``OverheadDesign``).
  var design: OverheadDesign {
    OverheadDesign(
      preset: preset, widths: widths?.values, streams: streams?.values, blocks: blocks?.values, steps: steps)
  }
  var base: TrainConfig { design.base }

  // MARK: Run

  var folder: String { "\(results)/overhead" }

  func run() throws {
    do {
      let path = "\(folder)/measurements.json"
      var stored = try? RunFiles.readJSON(Measurements.self, from: path)
      if !replot {
        try RunFiles.makeDirectory(folder)
        let meta = RunMeta.current(status: .running), settings = design.settings
        if stored == nil || force || stored!.cpu != BLASRuntime.cpuModel || stored!.settings != settings {
          stored = Measurements(
            cpu: BLASRuntime.cpuModel, blas: BLASRuntime.summary, threads: Parallel.threads,
            gitRevision: meta.gitRevision + (meta.gitDirty ? "-dirty" : ""), settings: settings)
        }
        for (name, models, count) in design.groups where stored!.groups[name] == nil {
          print("overhead: \(name): timing \(models.count) models, \(count) steps each, interleaved")
          let bench = try StepBenchmark.measure(models, steps: count, warmup: 1)
          stored!.groups[name] = zip(models, bench).map { c, r in
            var m = c.model.connection
            m.width = c.model.width
            return TimedModel(
              group: name, connection: c.model.connection.kind, n: m.streams, width: c.model.width,
              recompute: c.model.recompute,
              // K ≥ 2L replays nothing
              io: ConnectionIO(m, recompute: (1..<(2 * c.model.layers)).contains(c.model.recompute)),
              result: r)
          }
          try RunFiles.writeJSON(stored!, to: path)  // after every group: an interrupted run keeps what it measured
        }
      }
      guard let data = stored else { throw MHCError("\(path) is missing; run without --replot to measure") }
      try report(data)
    } catch let e as MHCError {
      throw RuntimeFailure(e)
    }
  }
}

Overhead.launch()
