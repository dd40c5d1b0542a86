import Foundation
import MHCHarness

/// What changed between an earlier `REPORT.md` and the rows judged now: each claim's cell matched by
/// its claim and cell, its seeds and verdict then and now. The earlier report is read back from its
/// table, so nothing is re-worded by hand.
public struct ReportHistory {
  public struct Entry: Sendable {
    public var claim: String, cell: String, seeds: String, verdict: String
  }
  public let name: String
  public let entries: [Entry]

  /// Reads the table of an earlier `REPORT.md` (columns `# | claim | paper | toolkit | seeds | cell | verdict | …`).
  public init(contentsOf path: String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    name = (path as NSString).lastPathComponent
    entries = text.split(separator: "\n").compactMap { line -> Entry? in
      let c = line.split(separator: "|", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard c.count >= 9, Int(c[1]) != nil else { return nil }
      return Entry(claim: c[2], cell: c[6], seeds: c[5], verdict: c[7].replacingOccurrences(of: "**", with: ""))
    }
  }

  /// "## What changed since …": one row per claim and cell of either report.
  public func markdown(_ rows: [ClaimRow]) -> String {
    var t = MarkdownTable(["claim", "cell", "seeds then → now", "verdict then", "verdict now", ""])
    var moved = 0, held = 0, added = 0
    for r in rows {
      guard let old = entries.first(where: { $0.claim == r.claim && $0.cell == r.cell }) else {
        added += 1
        t.add([r.claim, r.cell, "– → \(r.seeds)", "–", r.verdict.rawValue, "new"])
        continue
      }
      let same = old.verdict == r.verdict.rawValue
      if same { held += 1 } else { moved += 1 }
      t.add([
        r.claim, r.cell, "\(old.seeds) → \(r.seeds)", old.verdict, r.verdict.rawValue, same ? "held" : "**moved**",
      ])
    }
    let gone = entries.filter { e in !rows.contains { $0.claim == e.claim && $0.cell == e.cell } }
    for e in gone { t.add([e.claim, e.cell, "\(e.seeds) → –", e.verdict, "–", "no longer a row"]) }
    return "## What changed since `\(name)`\n\n"
      + "Each row of that earlier report beside the same claim and cell now (matched by claim and cell): "
      + "\(moved) verdict(s) moved, \(held) held, \(added) row(s) new, \(gone.count) gone.\n\n" + t.text
  }
}
