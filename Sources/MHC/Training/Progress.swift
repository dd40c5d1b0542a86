import Foundation

/// Console progress for a training run: a live bar with loss and tokens/s (images/s and the
/// validation accuracy for a classification run) on a terminal, plain lines every ~5% of the
/// run otherwise (logs, CI, pipes).
///
/// ```swift
/// let run = try TrainingRun(config: TrainConfig(), directory: "runs/mhc")
/// run.observers.append(ConsoleProgress(label: "mhc"))
/// ```
public final class ConsoleProgress: TrainingObserver {
  let label: String
  let interactive: Bool
  var tokens = 0
  var seconds = 0.0
  var lastVal: Double?
  var lastAccuracy: Double?
  /// Tokens per image of a classification run (the rate is then shown in images/s); `nil`: tokens/s.
  let tokensPerExample: Int?

  public init(label: String, interactive: Bool = standardOutputIsTerminal, tokensPerExample: Int? = nil) {
    self.label = label
    self.interactive = interactive
    self.tokensPerExample = tokensPerExample
  }

  /// `12.3k tok/s`, or `1.2k img/s`.
  func rateText(_ tokensPerSecond: Double) -> String {
    guard let per = tokensPerExample else { return String(format: "%.1fk tok/s", tokensPerSecond / 1000) }
    return String(format: "%.2fk img/s", tokensPerSecond / Double(per) / 1000)
  }

  public func stepEnded(_ row: MetricsRow, of steps: Int) {
    seconds += row.stepSeconds
    tokens = row.tokens
    let rate = Double(row.tokens) / max(seconds, 1e-9)
    if let a = row.valAccuracy { lastAccuracy = a }
    let val =
      (lastVal.map { String(format: " val %.4f", $0) } ?? "")
      + (lastAccuracy.map { String(format: " acc %.1f%%", 100 * $0) } ?? "")
    if interactive {
      let width = 24, filled = width * row.step / steps
      let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
      print(
        String(
          format: "\r%@ %@ %d/%d loss %.4f%@ %@ ", label, bar, row.step, steps, row.trainLoss, val,
          rateText(rate)), terminator: "")
      if row.step == steps { print("") }
      fflush(nil)
    } else if row.step == 1 || row.step == steps || row.step % max(1, steps / 20) == 0 {
      print(
        String(
          format: "%@ step %d/%d loss %.4f grad %.3f%@ %@", label, row.step, steps, row.trainLoss,
          row.gradNorm, val, rateText(rate)))
      fflush(nil)
    }
  }

  public func evaluated(step: Int, loss: Double, gains: [SublayerGains]) { lastVal = loss }

  public func finished(_ summary: RunSummary) {
    if interactive && summary.status != .completed { print("") }
    var line = "\(label): \(summary.status.rawValue) after \(summary.steps) steps"
    if let v = summary.finalEvalLoss {
      line += String(format: tokensPerExample == nil ? ", val loss %.4f" : ", test loss %.4f", v)
      if let se = summary.finalEvalStandardError, let w = summary.finalEvalWindows {
        line += String(
          format: " ± %.4f (standard error, %d %@)", se, w, tokensPerExample == nil ? "fixed windows" : "test images")
      }
    }
    if let a = summary.finalEvalAccuracy { line += String(format: ", test accuracy %.2f%%", 100 * a) }
    if let g = summary.maxCompositeBackwardGain { line += String(format: ", max composite gain %.3g", g) }
    if let s = summary.divergedStep { line += " (diverged at step \(s): \(summary.divergedReason ?? ""))" }
    line += String(format: ", %.1fs", summary.seconds)
    print(line)
  }
}
