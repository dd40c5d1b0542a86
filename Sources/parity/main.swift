// parity — the same training run in Float and in Double, step by step: how far float32 training
// drifts from float64 at a given depth (the toolkit against itself; another implementation is
// compared the same way from `train --save-every` and `--dump-batches` files).
//
//   swift run -c release parity --connection mhc --layers 8 --lr 1e-2 --steps 150
import ArgumentParser
import Foundation
import MHC
import MHCHarness

BLASRuntime.ensureFastKernel()

struct Parity: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Train one configuration in Float and in Double from the same weights and batches; print the loss gap per step.")
  @Option(help: "residual | hc | mhc") var connection: ConnectionKind = .mhc
  @OptionGroup(title: "Model") var model: ModelOptions
  @Option(help: "Training steps.") var steps = 150
  @Option(help: "Peak learning rate.") var lr = 1e-2
  @Option(help: "Random seed.") var seed: UInt64 = 0
  @Option(help: "Corpus file or folder.") var corpus = ByteCorpus.defaultPath
  @Option(help: "Print every N-th step.") var every = 10

  func run() throws {
    var c = TrainConfig()
    model.apply(to: &c)
    c.model.connection.kind = connection; c.steps = steps; c.lr = lr; c.seed = seed; c.corpus = corpus
    do { try c.validate() } catch let e as MHCError { throw ValidationError(e.description) }  // a usage error (64)
    do {
      c = c.resolved()  // the model as it takes effect (the residual: one stream)
      let data = try ByteCorpus(path: corpus, minimumSplit: c.model.seq + 1)
      let f = try Transformer<Float>(c.model, batch: c.batch, seed: seed)
      let d = try Transformer<Double>(c.model, batch: c.batch, seed: seed)
      // the Double model starts from exactly the Float model's weights
      for info in f.parameters.infos {
        try d.parameters.set(info.name, f.parameters.values(named: info.name)!.map(Double.init))
      }
      var adamF = AdamW<Float>(parameterCount: f.parameters.count, weightDecay: c.weightDecay)
      var adamD = AdamW<Double>(parameterCount: d.parameters.count, weightDecay: c.weightDecay)
      var sampler = WindowSampler(data.train, seed: seed &+ 0x5EED)
      let schedule = c.schedule
      print(
        "parity: \(connection.rawValue) C=\(c.model.width) L=\(c.model.layers) lr \(lr), \(steps) steps, Float vs "
          + "Double from the same weights and batches"
      )
      print("step    loss (Float)   loss (Double)   |Δ loss|    |Δ grad norm| / norm")
      var worst = 0.0, worstStep = 0
      for step in 0..<steps {
        let (x, y) = sampler.batch(c.batch, seq: c.model.seq)
        let rate = schedule.rate(at: step)
        let a = trainingStep(f, optimizer: &adamF, inputs: x, targets: y, lr: rate, clip: c.clip)
        let b = trainingStep(d, optimizer: &adamD, inputs: x, targets: y, lr: rate, clip: c.clip)
        let gap = abs(a.loss - b.loss)
        if gap > worst || !gap.isFinite { worst = gap; worstStep = step + 1 }
        if (step + 1) % every == 0 || step == 0 || step + 1 == steps {
          print(
            String(
              format: "%4d    %.6f       %.6f        %.2e    %.2e", step + 1, a.loss, b.loss, gap,
              abs(a.gradNorm - b.gradNorm) / max(b.gradNorm, 1e-30)))
        }
      }
      print(String(format: "parity: largest |Δ loss| %.2e at step %d of %d", worst, worstStep, steps))
    } catch let e as MHCError {
      throw RuntimeFailure(e)
    }
  }
}

Parity.main()
