// train: one training run with every knob as a flag.
//
//   swift run -c release train --connection mhc --steps 300 --out results/train/mhc
//   swift run -c release train --task fashion-mnist --width 64 --layers 6 --batch 128 --steps 1290 --out results/train/vit
import ArgumentParser
import Foundation
import MHC
import MHCHarness

BLASRuntime.ensureFastKernel()

struct Train: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract:
      "Train one byte-level language model (or, with --task fashion-mnist, a vision transformer) with a residual, HC "
      + "or mHC connection.",
    discussion: "Writes config.json, meta.json, metrics.csv, gains.csv, hres.json and summary.json to --out.")

  @Option(
    help: ArgumentHelp(
      "bytes (byte-level language model on --corpus) | fashion-mnist (vision transformer on 28×28 images, 49 patches "
        + "of 4×4, 10 classes; --seq is ignored).")
  )
  var task: ModelTask = .bytes
  @Option(help: "Fashion-MNIST folder (--task fashion-mnist): the four IDX files, gzip-compressed or not.")
  var data = FashionMNIST.defaultPath
  @Option(help: "residual | hc | mhc") var connection: ConnectionKind = .mhc
  @OptionGroup(title: "Model") var model: ModelOptions
  @Option(parsing: .unconditional, help: "Training steps.") var steps = 300
  @Option(help: "Peak learning rate.") var lr = 3e-3
  @Option(help: "Warmup steps (default 5% of --steps).") var warmup: Int?
  @Option(
    help: ArgumentHelp(
      "mHC's residual manifold: "
        + ResidualManifold.allCases.map { "\($0.rawValue) (\($0.help))" }.joined(separator: " | ") + "."))
  var manifold: ResidualManifold = .sinkhorn
  @Option(
    help: ArgumentHelp(
      "How the streams are reduced before the final norm (hc, mhc): sum (the papers) | learned (DeepSeek-V4's σ(s·m "
        + "+ b) + ε weights).")
  )
  var collapse: Collapse = .sum
  @Option(
    help:
      "mHC H_res bias init: uniform (b = 0, H_res ≈ J/n) | identity (±3, H_res ≈ I) | eye (1 on the diagonal, 0 off).")
  var `init`: BiasInit = .uniform
  @Option(
    help: ArgumentHelp(
      "mHC H_pre bias init: uniform (b = 0, H_pre = ½) | home (±3 on the home stream k mod n). Default: home with "
        + "--init identity, else uniform.")
  )
  var preInit: PreInit?
  @Option(
    help: ArgumentHelp(
      "Streams at expansion (hc, mhc): embeddings (default: n copies of the token embedding + a learned per-stream "
        + "vector) | copies (the HC paper's n copies).")
  )
  var streamInit: StreamInit?
  @Option(help: "Initial α of every HC/mHC mapping.") var alphaInit = 0.01
  @Option(help: "Learning-rate multiplier for the connections' α and b (Φ/θ keep the base rate).") var connLrMult = 1.0
  @Option(help: "Learned mappings, comma separated from pre,post,res (others fixed: pre 1/n, post 1, res I).")
  var learn = "pre,post,res"
  @Flag(help: "Static mappings: freeze θ/Φ at 0.") var `static` = false
  @Option(
    help: ArgumentHelp(
      "Recompute the connections in the backward (hc, mhc): keep the streams entering every K-th sublayer only. 0 = "
        + "off. Saves memory, costs time, changes no number; about √(n·2L/(n+2)) is the paper's optimum.",
      valueName: "K"))
  var recompute = 0
  @Option(help: "Random seed (init and data order).") var seed: UInt64 = 0
  @Option(help: "Corpus file or folder.") var corpus = ByteCorpus.defaultPath
  @Option(help: "Evaluate every N steps.") var evalEvery = 50
  @Option(help: "Validation batches per evaluation during training.") var evalBatches = 4
  @Option(
    help: ArgumentHelp(
      "Windows of the final evaluation: disjoint windows tiling the validation split, the same for every run "
        + "(default 2048, or all the split holds).")
  )
  var finalEvalWindows: Int?
  @Option(
    help: ArgumentHelp(
      "Start from these weights (.safetensors with every parameter of this model; F32 or F64) instead of the seeded "
        + "init. Not with --resume.")
  )
  var initFrom: String?
  @Option(
    help: ArgumentHelp(
      "Also write model-step<k>.safetensors before training and every K steps (model.safetensors is always written "
        + "at the end).",
      valueName: "K"))
  var saveEvery: Int?
  @Option(
    help: ArgumentHelp(
      "Replay: take every step's token windows from this .safetensors file (I32 'windows' [steps][batch][seq+1]) "
        + "instead of sampling.")
  )
  var batches: String?
  @Option(help: "Write the token windows this run trains on to FILE (the format --batches reads).")
  var dumpBatches: String?
  @Option(help: "Output folder.") var out = "results/train/run"
  @Flag(help: "Continue the run in --out from its checkpoint.") var resume = false
  @Option(
    help: ArgumentHelp(
      "Most memory the run may use, e.g. 64G (default: what the machine has available).", valueName: "size"),
    transform: TrainingMemory.limit)
  var maxMemory: Int?

  func config() throws -> TrainConfig {
    guard manifold == .sinkhorn || connection == .mhc else {
      throw ValidationError(
        "--manifold \(manifold.rawValue) needs --connection mhc (the manifold is where mHC projects H_res)")
    }
    guard collapse == .sum || connection != .residual else {
      throw ValidationError("--collapse learned needs --connection hc or mhc; the residual network has one stream")
    }
    if let s = streamInit, connection == .residual, s != .copies {
      throw ValidationError(
        "--stream-init \(s.rawValue) needs --connection hc or mhc; the residual network has one stream")
    }
    var c = TrainConfig()
    model.apply(to: &c)
    c.model.task = task
    c.model.collapse = collapse; c.model.recompute = recompute
    if let s = streamInit { c.model.streamInit = s }
    c.model.connection.kind = connection  // resolved(): 1 stream for the residual
    c.model.connection.biasInit = `init`
    c.model.connection.preInit = preInit; c.model.connection.manifold = manifold
    c.model.connection.dynamic = !`static`
    c.model.connection.alphaInit = alphaInit; c.model.connection.connLRMult = connLrMult
    c.data = task == .bytes || data == FashionMNIST.defaultPath ? nil : data
    c.steps = steps; c.lr = lr; c.warmup = warmup; c.seed = seed; c.corpus = corpus
    c.evalEvery = evalEvery; c.evalBatches = evalBatches; c.finalEvalWindows = finalEvalWindows
    c.batchesFile = batches
    let parts = Set(learn.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    let known: Set<String> = ["pre", "post", "res", "none"]
    if let bad = parts.subtracting(known).first {
      throw ValidationError("--learn '\(bad)' is not a mapping; use a comma-separated subset of pre,post,res (or none)")
    }
    c.model.connection.learnPre = parts.contains("pre")
    c.model.connection.learnPost = parts.contains("post")
    c.model.connection.learnRes = parts.contains("res")
    return c
  }

  func run() throws {
    // Flag values that cannot make a run are usage errors (exit 64, with the usage); what goes
    // wrong after that is a runtime error (exit 1, one line).
    let config: TrainConfig
    do {
      config = try self.config()
      try config.validate()
      if resume && initFrom != nil {
        throw MHCError("--init-from and --resume are exclusive: a resumed run continues from its checkpoint")
      }
      if let k = saveEvery, k < 1 {
        throw MHCError("--save-every \(k) is invalid; must be ≥ 1 (steps between saved weights)")
      }
    } catch let e as MHCError {
      throw ValidationError(e.description)
    }
    do {
      let fm = FileManager.default
      let summaryPath = (out as NSString).appendingPathComponent("summary.json")
      if !resume
        && (fm.fileExists(atPath: summaryPath)
          || fm.fileExists(atPath: (out as NSString).appendingPathComponent("checkpoint.bin")))
      {
        throw MHCError(
          "--out \(out) already holds a run; pass --resume to continue or show it, or choose another --out")
      }
      if resume, let done = TrainingRun.finishedSummary(in: out) {
        print(
          "\(out): already \(done.status) after \(done.steps) steps (val loss "
            + "\(done.finalEvalLoss.map { String($0) } ?? "n/a"))"
        )
        return
      }
      let run = try TrainingRun(config: config, directory: out)
      let m = run.config.model  // as it takes effect
      print(
        "train: \(task == .bytes ? "" : "\(task.rawValue) ")\(m.connection.kind) n=\(m.connection.streams) "
          + "C=\(m.width) L=\(m.layers) steps=\(config.steps) → \(out)  [BLAS \(BLASRuntime.summary)]"
      )
      run.maxMemory = maxMemory
      run.initFrom = initFrom; run.saveEvery = saveEvery; run.dumpBatches = dumpBatches
      run.observers.append(
        ConsoleProgress(label: config.model.connection.kind.rawValue, tokensPerExample: config.model.task.tokens))
      Interruption.install()
      let summary = try run.run()
      if let code = Interruption.exitCode, summary.status == .interrupted {
        print(
          "train: stopped by \(Interruption.name) after step \(summary.steps); checkpoint in \(out); resume with the "
            + "same command and --resume"
        )
        throw ExitCode(code)
      }
    } catch let e as MHCError {
      throw RuntimeFailure(e)
    }
  }
}

Train.main()
