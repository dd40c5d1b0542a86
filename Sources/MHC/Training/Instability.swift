import Foundation

/// What counts as a spike and as divergence in a training curve.
///
/// The defaults were set from every committed run of the toolkit (59 079 post-warmup steps):
/// at the reference batch (16 × 128 bytes) the training loss exceeds its running median by more
/// than 0.3 nats/byte only 5 times, and the 4 steps above 0.5 are all early surges of 3–5
/// nats/byte right after warmup (HC at the reference config, step 19). So a *loss spike*
/// is an excess above `lossExcess` = 0.5 nats/byte; a *gradient spike* is a pre-clip norm more
/// than `gradRatio` = 5 times its running median.
public struct SpikeCriteria: Codable, Sendable, Equatable {
  /// Steps of history the running median looks back over (the step itself excluded).
  public var window = 50
  /// A loss spike: training loss − running median > this (nats/byte).
  public var lossExcess = 0.5
  /// A gradient spike: gradient norm / running median > this.
  public var gradRatio = 5.0
  /// Divergence without NaN: the median of the last `divergenceWindow` training losses is above
  /// the first step's loss (the untrained model's), i.e. the run has lost all it learned and stays there.
  public var divergenceWindow = 10

  public init() {}

  enum CodingKeys: String, CodingKey {
    case window
    case lossExcess = "loss_excess"
    case gradRatio = "grad_ratio"
    case divergenceWindow = "divergence_window"
  }
}

/// Loss spikes, gradient-norm spikes and divergence of one training curve (`summary.json` →
/// `instability`). Spikes are counted after warmup as *events*: consecutive spiking steps are
/// one event, whose step is its first.
///
/// ```swift
/// let losses = (0..<300).map { 5.5 - Double($0) / 100 }, norms = [Double](repeating: 1, count: 300)
/// let report = InstabilityReport(loss: losses, gradNorm: norms, warmup: 15)
/// if let s = report.firstLossSpikeStep { print("first loss spike at step \(s)") }
/// ```
public struct InstabilityReport: Codable, Sendable, Equatable {
  public var criteria: SpikeCriteria
  /// Loss spike events after warmup.
  public var lossSpikes: Int
  public var firstLossSpikeStep: Int?
  /// The largest training loss − running median after warmup, and its step.
  public var maxLossExcess: Double?
  public var maxLossExcessStep: Int?
  /// Gradient spike events after warmup.
  public var gradSpikes: Int
  public var firstGradSpikeStep: Int?
  /// The largest gradient norm / running median after warmup, and its step.
  public var maxGradRatio: Double?
  public var maxGradRatioStep: Int?
  /// First step of divergence, and its kind: `non-finite` (NaN/inf loss or gradient),
  /// `above-initial` (see ``SpikeCriteria/divergenceWindow``) or `dead` (the loss of uniform
  /// predictions, ln V, with a zero gradient for ``Instability/deadSteps`` steps: a network
  /// that will never learn again; its first step is the step given).
  public var divergedStep: Int?
  public var divergence: String?

  enum CodingKeys: String, CodingKey {
    case criteria
    case lossSpikes = "loss_spikes"
    case firstLossSpikeStep = "first_loss_spike_step"
    case maxLossExcess = "max_loss_excess"
    case maxLossExcessStep = "max_loss_excess_step"
    case gradSpikes = "grad_spikes"
    case firstGradSpikeStep = "first_grad_spike_step"
    case maxGradRatio = "max_grad_ratio"
    case maxGradRatioStep = "max_grad_ratio_step"
    case divergedStep = "diverged_step"
    case divergence
  }

  /// Analyses a curve: `loss[i]` and `gradNorm[i]` belong to step `i + 1`; spikes are looked
  /// for from step `warmup + 1` on (and never before there are `min(10, window)` steps of history).
  /// `vocab` sets the loss of a dead network (ln vocab, see ``Instability/deadSince(_:_:vocab:)``).
  public init(
    loss: [Double], gradNorm: [Double], warmup: Int, vocab: Int = 256, criteria: SpikeCriteria = SpikeCriteria()
  ) {
    precondition(loss.count == gradNorm.count, "one gradient norm per loss")
    self.criteria = criteria
    lossSpikes = 0; gradSpikes = 0
    let lossMedian = Instability.runningMedians(loss, window: criteria.window)
    let gradMedian = Instability.runningMedians(gradNorm, window: criteria.window)
    let first = max(warmup, min(10, criteria.window))
    var inLoss = false, inGrad = false
    for i in loss.indices {
      let step = i + 1
      if divergedStep == nil && (!loss[i].isFinite || !gradNorm[i].isFinite) {
        divergedStep = step; divergence = "non-finite"
      }
      if divergedStep == nil && i >= warmup && i + 1 >= criteria.divergenceWindow, let start = loss.first,
        let m = Instability.median(loss[(i + 1 - criteria.divergenceWindow)...i]), m > start
      {
        divergedStep = step; divergence = "above-initial"
      }
      if divergedStep == nil, i + 1 >= Instability.deadSteps,
        Instability.isDead(
          loss[(i + 1 - Instability.deadSteps)...i], gradNorm[(i + 1 - Instability.deadSteps)...i], vocab: vocab)
      {
        divergedStep = i + 2 - Instability.deadSteps; divergence = "dead"
      }
      guard i >= first else { continue }
      if let med = lossMedian[i], loss[i].isFinite {
        let excess = loss[i] - med
        if excess > (maxLossExcess ?? -.infinity) { maxLossExcess = excess; maxLossExcessStep = step }
        let spike = excess > criteria.lossExcess
        if spike && !inLoss { lossSpikes += 1; firstLossSpikeStep = firstLossSpikeStep ?? step }
        inLoss = spike
      }
      if let med = gradMedian[i], gradNorm[i].isFinite, med > 0 {
        let ratio = gradNorm[i] / med
        if ratio > (maxGradRatio ?? -.infinity) { maxGradRatio = ratio; maxGradRatioStep = step }
        let spike = ratio > criteria.gradRatio
        if spike && !inGrad { gradSpikes += 1; firstGradSpikeStep = firstGradSpikeStep ?? step }
        inGrad = spike
      }
    }
  }
}

/// Running statistics of training curves.
public enum Instability {
  /// Consecutive steps of ln V loss and zero gradient that make a network dead.
  public static let deadSteps = 10
  /// |loss − ln V| below this counts as the uniform prediction's loss.
  public static let deadLossTolerance = 1e-3
  /// A gradient norm below this counts as zero (a live network at ln V has a norm of order 1).
  public static let deadGradient = 1e-6

  /// Whether every step of the window predicts uniformly (loss within ``deadLossTolerance`` of
  /// ln `vocab`) with a zero gradient (norm below ``deadGradient``).
  public static func isDead<C: Collection<Double>>(_ loss: C, _ gradNorm: C, vocab: Int) -> Bool {
    let uniform = Foundation.log(Double(vocab))
    return !loss.isEmpty && loss.allSatisfy { abs($0 - uniform) < deadLossTolerance }
      && gradNorm.allSatisfy { $0.isFinite && $0 < deadGradient }
  }

  /// The first step (1-based) of a dead stretch ending at the last step, if the last
  /// ``deadSteps`` steps are dead.
  public static func deadSince(_ loss: [Double], _ gradNorm: [Double], vocab: Int) -> Int? {
    guard loss.count >= deadSteps, isDead(loss.suffix(deadSteps), gradNorm.suffix(deadSteps), vocab: vocab) else {
      return nil
    }
    return loss.count - deadSteps + 1
  }

  /// The median of the finite values among the `window` entries before each index
  /// (`nil` where there are none). O(count · window · log window).
  public static func runningMedians(_ x: [Double], window: Int) -> [Double?] {
    x.indices.map { i in median(x[max(0, i - window)..<i]) }
  }

  /// The median of the finite values of `x`, or `nil` if there are none.
  public static func median<C: Collection<Double>>(_ x: C) -> Double? {
    let v = x.filter(\.isFinite).sorted()
    guard !v.isEmpty else { return nil }
    return v.count % 2 == 1 ? v[v.count / 2] : 0.5 * (v[v.count / 2 - 1] + v[v.count / 2])
  }
}

/// When a run has lost everything it learned: the training-time rule that stops a run as
/// `diverged` (`above-initial`), and the end-of-run rule that keeps a run whose final loss is
/// above where it started from being called `completed`.
///
/// The ceiling is the smaller of the first step's training loss (the untrained model's) and
/// ln V (uniform predictions over the V outputs). A run stops once the median of its last
/// ``stretch`` training losses, after warmup, is above the ceiling by more than ``margin`` —
/// a surge that the run then stays in, not a spike. Over every committed run this flags exactly
/// the three Cayley runs of `manifolds`' stress cell, and no vision run that later recovers (a
/// ViT at lr 3e-2 hovers near ln 10 before learning; the margin keeps that from counting).
///
/// ```swift
/// let losses = [5.55, 5.2, 4.8] + [Double](repeating: 6.5, count: 60)   // training loss per step
/// if let step = Divergence.aboveInitial(losses, warmup: 20, vocab: 256) { print("diverged at step \(step)") }
/// ```
public enum Divergence {
  /// Training steps whose median is compared with the ceiling.
  public static let stretch = 50
  /// How far above the ceiling (nats) that median must be.
  public static let margin = 0.5

  /// min(first step's loss, ln V).
  public static func ceiling(initial: Double, vocab: Int) -> Double { min(initial, log(Double(max(vocab, 2)))) }

  /// Whether the window ending at the last step of `loss` meets the rule (the run stops here).
  public static func aboveNow(_ loss: [Double], warmup: Int, vocab: Int) -> Bool {
    guard loss.count > warmup, loss.count >= stretch, let first = loss.first,
      let m = Instability.median(loss.suffix(stretch))
    else { return false }
    return m > ceiling(initial: first, vocab: vocab) + margin
  }

  /// The first step (1-based) at which the rule is met, if any (a whole curve, e.g. a committed run's).
  public static func aboveInitial(_ loss: [Double], warmup: Int, vocab: Int) -> Int? {
    guard loss.count >= max(stretch, warmup + 1), let first = loss.first else { return nil }
    let c = ceiling(initial: first, vocab: vocab) + margin
    for n in max(stretch, warmup + 1)...loss.count {
      if let m = Instability.median(loss[(n - stretch)..<n]), m > c { return n }
    }
    return nil
  }

  /// Whether a final loss ended above the ceiling.
  public static func endedAbove(final: Double, initial: Double, vocab: Int) -> Bool {
    final > ceiling(initial: initial, vocab: vocab)
  }

  /// The reason line of each rule.
  public static func aboveReason(_ loss: [Double], at step: Int, vocab: Int) -> String {
    let m = Instability.median(loss[(step - stretch)..<step]) ?? .nan
    return String(
      format: "training loss above its initial loss: median %.3f of steps %d–%d > %.3f + %.1f (min of step 1's loss "
        + "and ln %d)",
      m, step - stretch + 1, step, ceiling(initial: loss[0], vocab: vocab), margin, vocab)
  }
  public static func endedReason(final: Double, initial: Double, vocab: Int) -> String {
    String(
      format: "final loss %.3f above its initial loss %.3f (min of step 1's training loss and ln %d)", final,
      ceiling(initial: initial, vocab: vocab), vocab)
  }
}
