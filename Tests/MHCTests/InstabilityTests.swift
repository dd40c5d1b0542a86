import Foundation
import MHC
import Testing

/// Spike and divergence metrics on synthetic training curves.
@Suite struct InstabilityTests {
  /// A smooth curve: exponential decay from ln 256 towards 2 with ±0.05 noise (a fixed LCG),
  /// gradient norms decaying from 3 towards 0.5 with ±10% noise.
  func smooth(_ steps: Int = 300) -> (loss: [Double], grad: [Double]) {
    var state: UInt64 = 12345
    func noise() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53) * 2 - 1
    }
    let loss = (0..<steps).map { i in 2 + 3.55 * exp(-Double(i) / 40) + 0.05 * noise() }
    let grad = (0..<steps).map { i in (0.5 + 2.5 * exp(-Double(i) / 60)) * (1 + 0.1 * noise()) }
    return (loss, grad)
  }

  @Test func smoothCurveHasNoSpikes() {
    let (loss, grad) = smooth()
    let r = InstabilityReport(loss: loss, gradNorm: grad, warmup: 15)
    #expect(r.lossSpikes == 0 && r.firstLossSpikeStep == nil)
    #expect(r.gradSpikes == 0 && r.firstGradSpikeStep == nil)
    #expect(r.divergedStep == nil && r.divergence == nil)
    #expect(r.maxLossExcess! < 0.15 && r.maxGradRatio! < 1.5)
  }

  @Test func lossAndGradientSpikesAreFoundAsEvents() {
    var (loss, grad) = smooth()
    // A 3-step loss surge at steps 151–153 and a separate one at step 221; a gradient spike at 200.
    for i in 150...152 { loss[i] += 1.2 }
    loss[220] += 0.8
    grad[199] *= 12
    let r = InstabilityReport(loss: loss, gradNorm: grad, warmup: 15)
    #expect(r.lossSpikes == 2)
    #expect(r.firstLossSpikeStep == 151)
    #expect(r.maxLossExcessStep == 151 || r.maxLossExcessStep == 152 || r.maxLossExcessStep == 153)
    #expect(r.maxLossExcess! > 1.1)
    #expect(r.gradSpikes == 1 && r.firstGradSpikeStep == 200 && r.maxGradRatioStep == 200)
    #expect(r.maxGradRatio! > 9)
    #expect(r.divergedStep == nil)  // the surges stay below the initial loss and recover
  }

  @Test func spikesDuringWarmupAreNotCounted() {
    var (loss, grad) = smooth()
    loss[11] += 2; grad[11] *= 20
    let during = InstabilityReport(loss: loss, gradNorm: grad, warmup: 15)
    #expect(during.lossSpikes == 0 && during.gradSpikes == 0)
    let after = InstabilityReport(loss: loss, gradNorm: grad, warmup: 10)
    #expect(after.firstLossSpikeStep == 12 && after.firstGradSpikeStep == 12)
  }

  @Test func nonFiniteLossIsDivergence() {
    var (loss, grad) = smooth(120)
    loss[99] = .nan; grad[99] = .nan
    let r = InstabilityReport(loss: loss, gradNorm: grad, warmup: 15)
    #expect(r.divergedStep == 100 && r.divergence == "non-finite")
    let inf = InstabilityReport(
      loss: Array(loss.prefix(99)) + [.infinity], gradNorm: Array(grad.prefix(100)), warmup: 15)
    #expect(inf.divergedStep == 100 && inf.divergence == "non-finite")
  }

  /// A loss that climbs back above the untrained model's and stays there diverged without NaN;
  /// a single surge above it is a spike, not divergence.
  @Test func sustainedLossAboveInitialIsDivergence() {
    var (loss, grad) = smooth()
    loss[100] = 8  // one surge above ln 256 ≈ 5.55: a spike
    let surge = InstabilityReport(loss: loss, gradNorm: grad, warmup: 15)
    #expect(surge.divergedStep == nil && surge.lossSpikes == 1 && surge.firstLossSpikeStep == 101)
    for i in 180..<300 { loss[i] = 6 + 0.01 * Double(i - 180) }
    let r = InstabilityReport(loss: loss, gradNorm: grad, warmup: 15)
    // The median of the last 10 losses passes the initial loss once 6 of them are above it.
    #expect(r.divergedStep == 186 && r.divergence == "above-initial")
  }

  @Test func runningMedianIgnoresNonFiniteValuesAndLooksBack() {
    let m = Instability.runningMedians([1, 5, .nan, 3, 100], window: 3)
    #expect(m[0] == nil && m[1] == 1 && m[2] == 3 && m[3] == 3 && m[4] == 4)
  }

  /// A training run writes the report into summary.json and the two columns into metrics.csv,
  /// and metrics.csv files written before the columns existed still read.
  @Test func trainingRunRecordsInstability() throws {
    let (config, dir) = try tinyRun(.hc, steps: 12)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let s = try TrainingRun(config: config, directory: dir + "/r").run()
    let report = try #require(s.instability)
    let rows = try MetricsRow.read(dir + "/r/metrics.csv")
    #expect(report == InstabilityReport(loss: rows.map(\.trainLoss), gradNorm: rows.map(\.gradNorm), warmup: 1))
    #expect(rows[0].lossExcess == nil && rows[1].lossExcess == rows[1].trainLoss - rows[0].trainLoss)
    #expect(rows[2].gradRatio == rows[2].gradNorm / (0.5 * (rows[0].gradNorm + rows[1].gradNorm)))
    let old = MetricsRow(csv: "3,48,0.01,5.1,2.5,0.001000,")
    #expect(old?.trainLoss == 5.1 && old?.lossExcess == nil)
    let text = try String(contentsOfFile: dir + "/r/summary.json", encoding: .utf8)
    #expect(text.contains("\"loss_spikes\"") && text.contains("\"max_grad_ratio\""))
  }
}
