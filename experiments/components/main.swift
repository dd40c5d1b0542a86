// components — the paper's Table 1: which of the three mappings carry the gain?
//
//   swift run -c release components                 # quick preset (~10 min on 2 cores)
//   swift run -c release components --preset paper  # deeper and longer (hours)
//   swift run -c release components --replot        # figures + summary.md from results/ only
//
// This page: config → runs. Report.swift: Table 1's figures and summary.md.
import ArgumentParser
import Experiments
import Foundation
import MHC
import MHCHarness

typealias Variant = ComponentsDesign.Variant

struct Components: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Paper Table 1 (learned mappings none/res/res+pre/res+pre+post, for HC and mHC) and mHC bias init × "
      + "static/dynamic."
  )
  @OptionGroup var sweep: SweepOptions
  @Option(help: "Training steps (default: 300 quick, 2000 paper).") var steps: Int?
  @Option(help: "Layers (default: 4 quick, 8 paper).") var layers: Int?
  @Option(help: "Sequences per batch (default: 8 quick, 16 paper).") var batch: Int?
  @Option(help: "Sequence length (default: 64 quick, 128 paper).") var seq: Int?
  @Option(help: "Peak learning rate (default: 3e-3).") var lr: Double?

  static let table1 = ComponentsDesign.table1
  static let residual = ComponentsDesign.residual
  static let initGrid = ComponentsDesign.initGrid

  /// The runs (``ComponentsDesign``): every variant × seed against the residual.
  var design: ComponentsDesign {
    ComponentsDesign(
      preset: sweep.preset, seeds: sweep.seeds, steps: steps, layers: layers, batch: batch, seq: seq, lr: lr)
  }

  func run() throws {
    try design.sweep().execute(sweep) { try report($0) }
  }

  // MARK: Figures and summary
}

Components.launch()
