import Foundation

/// Console progress for a training run: a live bar with loss and tokens/s on a terminal,
/// plain lines every ~5% of the run otherwise (logs, CI, pipes).
///
/// ```swift
/// run.observers.append(ConsoleProgress(label: "mhc"))
/// ```
public final class ConsoleProgress: TrainingObserver {
  let label: String
  let interactive: Bool
  var tokens = 0
  var seconds = 0.0
  var lastVal: Double?

  public init(label: String, interactive: Bool = standardOutputIsTerminal) {
    self.label = label
    self.interactive = interactive
  }

  public func stepEnded(_ row: MetricsRow, of steps: Int) {
    seconds += row.stepSeconds
    tokens = row.tokens
    let rate = Double(row.tokens) / max(seconds, 1e-9)
    let val = lastVal.map { String(format: " val %.4f", $0) } ?? ""
    if interactive {
      let width = 24, filled = width * row.step / steps
      let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
      print(
        String(
          format: "\r%@ %@ %d/%d loss %.4f%@ %.1fk tok/s ", label, bar, row.step, steps, row.trainLoss, val,
          rate / 1000), terminator: "")
      if row.step == steps { print("") }
      fflush(nil)
    } else if row.step == 1 || row.step == steps || row.step % max(1, steps / 20) == 0 {
      print(
        String(
          format: "%@ step %d/%d loss %.4f grad %.3f%@ %.1fk tok/s", label, row.step, steps, row.trainLoss,
          row.gradNorm, val, rate / 1000))
      fflush(nil)
    }
  }

  public func evaluated(step: Int, loss: Double, gains: [SublayerGains]) { lastVal = loss }

  public func finished(_ summary: RunSummary) {
    if interactive && summary.status != .completed { print("") }
    var line = "\(label): \(summary.status.rawValue) after \(summary.steps) steps"
    if let v = summary.finalEvalLoss {
      line += String(format: ", val loss %.4f", v)
      if let se = summary.finalEvalStandardError, let w = summary.finalEvalWindows {
        line += String(format: " ± %.4f (standard error, %d fixed windows)", se, w)
      }
    }
    if let g = summary.maxCompositeBackwardGain { line += String(format: ", max composite gain %.3g", g) }
    if let s = summary.divergedStep { line += " (diverged at step \(s): \(summary.divergedReason ?? ""))" }
    line += String(format: ", %.1fs", summary.seconds)
    print(line)
  }
}
