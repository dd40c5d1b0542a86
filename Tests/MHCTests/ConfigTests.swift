import Foundation
import MHC
import MHCHarness
import Testing

/// `TrainConfig` nests the model and its connection (`c.model.connection.streams`) while
/// `config.json` stays flat: every file written so far must read back and write again byte for
/// byte, so that old runs resume, replot and compare as before.
@Suite struct ConfigTests {
  let results = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("results").path

  @Test func everyCommittedConfigFileReadsAndWritesBackByteForByte() throws {
    let files =
      FileManager.default.enumerator(atPath: results)?.compactMap { $0 as? String }
      .filter { $0.hasSuffix("/config.json") }.sorted() ?? []
    #expect(files.count > 100, "the results folder should hold the committed runs")
    var mismatched: [String] = []
    for file in files {
      let path = results + "/" + file
      let bytes = try #require(FileManager.default.contents(atPath: path))
      let config = try RunFiles.readJSON(TrainConfig.self, from: path)
      if try RunFiles.json(config) != bytes { mismatched.append(file) }
    }
    #expect(mismatched.isEmpty, "\(mismatched.count) config.json files write back differently: \(mismatched.prefix(3))")
  }

  /// One name per setting: the nested property, its `config.json` key and its flag agree.
  @Test func nestedSettingsWriteTheirFlatKeys() throws {
    var c = TrainConfig()
    c.model.layers = 8; c.model.connection.streams = 2; c.model.connection.kind = .hc; c.lr = 1e-2
    c.model.connection.connLRMult = 10; c.model.collapse = .learned; c.model.recompute = 2
    let json = try JSONSerialization.jsonObject(with: RunFiles.json(c.resolved())) as! [String: Any]
    #expect(json["layers"] as? Int == 8 && json["streams"] as? Int == 2 && json["connection"] as? String == "hc")
    #expect(json["lr"] as? Double == 1e-2 && json["connLRMult"] as? Double == 10)
    #expect(json["collapse"] as? String == "learned" && json["recompute"] as? Int == 2)
    #expect(json["manifold"] == nil && json["model"] == nil)  // HC has no manifold; nothing nested
    let back = try JSONDecoder().decode(TrainConfig.self, from: RunFiles.json(c.resolved()))
    #expect(back == c.resolved())
    // the residual: one stream, copies, summed, nothing recomputed, whatever was asked
    c.model.connection.kind = .residual
    let r = c.resolved()
    #expect(r.model.connection.streams == 1 && r.model.collapse == .sum && r.model.recompute == 0)
    #expect(try JSONDecoder().decode(TrainConfig.self, from: RunFiles.json(r)) == r)
  }
}
