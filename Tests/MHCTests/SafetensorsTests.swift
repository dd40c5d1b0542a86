import Foundation
import MHC
import Testing

/// Weights out and in (`model.safetensors`, `--init-from`) and replayed batches (`--dump-batches`,
/// `--batches`).
@Suite struct SafetensorsTests {
  /// An independent reading of the format, byte by byte: the 8-byte little-endian header length,
  /// the JSON header, and each tensor's bytes at its offsets after the header.
  func parseIndependently(_ data: Data) throws -> [String: (dtype: String, shape: [Int], floats: [Float])] {
    var n: UInt64 = 0
    for k in 0..<8 { n |= UInt64(data[k]) << (8 * UInt64(k)) }
    let headerEnd = 8 + Int(n)
    #expect(Int(n) % 8 == 0, "header padded to 8 bytes")
    let header = try JSONSerialization.jsonObject(with: data[8..<headerEnd]) as! [String: Any]
    var out: [String: (String, [Int], [Float])] = [:]
    for (name, v) in header where name != "__metadata__" {
      let e = v as! [String: Any]
      let offsets = (e["data_offsets"] as! [Int]), shape = e["shape"] as! [Int], dtype = e["dtype"] as! String
      var floats: [Float] = []
      var i = headerEnd + offsets[0]
      while i < headerEnd + offsets[1] {
        let bits = UInt32(data[i]) | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2]) << 16 | UInt32(data[i + 3]) << 24
        floats.append(Float(bitPattern: bits))
        i += 4
      }
      out[name] = (dtype, shape, floats)
    }
    return out
  }

  @Test func finishedRunWritesItsWeightsInTheStandardLayout() throws {
    let (c, dir) = try tinyRun(.mhc, steps: 4)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try TrainingRun(config: c, directory: dir + "/run").run()
    let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/run/model.safetensors"))
    let parsed = try parseIndependently(data)
    // the same weights as a model trained the same way in memory
    let model = try Transformer<Float>(c.model, batch: c.batch, seed: c.seed)
    #expect(Set(parsed.keys) == Set(model.parameters.infos.map(\.name)))
    for info in model.parameters.infos {
      let p = parsed[info.name]!
      #expect(p.dtype == "F32" && p.shape == info.shape && p.floats.count == info.count, "\(info.name)")
    }
    #expect(parsed["emb.weight"]!.shape == [256, c.model.width])
    // Python: with the safetensors package where the machine has it (scripts/test.sh installs it)
    let script = """
      import sys
      from safetensors.numpy import load_file
      w = load_file(sys.argv[1])
      print(len(w), w["emb.weight"].shape, float(w["emb.weight"][3, 1]))
      """
    // the NumPy-only snippet of docs/runs.md, verbatim in its logic
    let numpy = """
      import json, struct, sys, numpy as np
      raw = open(sys.argv[1], "rb").read(); n = struct.unpack("<Q", raw[:8])[0]
      header = json.loads(raw[8:8 + n]); header.pop("__metadata__", None)
      w = {k: np.frombuffer(raw[8 + n + v["data_offsets"][0]:8 + n + v["data_offsets"][1]],
           dtype={"F32": "<f4", "F64": "<f8"}[v["dtype"]]).reshape(v["shape"]) for k, v in header.items()}
      print(len(w), w["emb.weight"].shape, float(w["emb.weight"][3, 1]))
      """
    let np = try runProcess(
      URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", numpy, dir + "/run/model.safetensors"])
    if np.status != 0 && np.output.contains("No module named") {
      print("SafetensorsTests: python3 without numpy; the NumPy load was skipped")
    } else {
      let v = parsed["emb.weight"]!.floats[3 * c.model.width + 1]
      #expect(
        np.status == 0 && np.output.hasPrefix("\(model.parameters.infos.count) (256, \(c.model.width)) \(Double(v))"),
        "\(np.output)")
    }
    let (status, output) = try runProcess(
      URL(fileURLWithPath: "/usr/bin/env"),
      ["python3", "-c", script, dir + "/run/model.safetensors"])
    if status != 0 && output.contains("No module named") {
      print(
        "SafetensorsTests: python3 without the safetensors package; the Python load was skipped (\(output.suffix(80)))")
    } else {
      let v = parsed["emb.weight"]!.floats[3 * c.model.width + 1]
      #expect(
        status == 0 && output.hasPrefix("\(model.parameters.infos.count) (256, \(c.model.width)) \(Double(v))"),
        "\(output)")
    }
  }

  @Test func initFromAndBatchesReplayARunBitForBit() throws {
    let (c, dir) = try tinyRun(.hc, steps: 6)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let a = try TrainingRun(config: c, directory: dir + "/a")
    a.saveEvery = 3; a.dumpBatches = dir + "/batches.safetensors"
    try a.run()
    for k in [0, 3, 6] { #expect(FileManager.default.fileExists(atPath: dir + "/a/model-step\(k).safetensors")) }
    // another seed, so that only the imported weights and the replayed batches can make it equal
    var replay = c; replay.seed = 9; replay.batchesFile = dir + "/batches.safetensors"
    let b = try TrainingRun(config: replay, directory: dir + "/b")
    b.initFrom = dir + "/a/model-step0.safetensors"
    try b.run()
    #expect(try deterministicColumns(dir + "/a/metrics.csv") == deterministicColumns(dir + "/b/metrics.csv"))
    let wa = try Data(contentsOf: URL(fileURLWithPath: dir + "/a/model.safetensors"))
    let wb = try Data(contentsOf: URL(fileURLWithPath: dir + "/b/model.safetensors"))
    #expect(wa == wb)
    #expect(
      try RunFiles.readJSON(RunMeta.self, from: dir + "/b/meta.json").initFrom == dir + "/a/model-step0.safetensors")
  }

  @Test func float64WeightsAreConvertedAndMismatchesListed() throws {
    let (c, dir) = try tinyRun(.residual, steps: 2)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let model = try Transformer<Float>(c.resolved().model, batch: c.batch, seed: 4)
    // every tensor as F64: loads, rounded to the same floats
    let f64 = model.parameters.infos.map { i in
      (
        i.name,
        Safetensors.Tensor(
          dtype: .f64, shape: i.shape,
          bytes: model.parameters.values(named: i.name)!.map(Double.init).withUnsafeBytes { Data($0) })
      )
    }
    let path = dir + "/w64.safetensors"
    try RunFiles.write(Safetensors.encode(f64), to: path)
    let other = try Transformer<Float>(c.resolved().model, batch: c.batch, seed: 5)
    try other.parameters.load(Safetensors.read(path).tensors, from: path)
    #expect(other.parameters.values(named: "emb.weight") == model.parameters.values(named: "emb.weight"))
    // a missing, an extra and a misshapen tensor, in one error
    var broken = model.parameters.safetensors().filter { $0.name != "norm.g" }
    broken.append(("extra.weight", .init([Float(1), 2], shape: [2])))
    let i = broken.firstIndex { $0.name == "emb.weight" }!
    broken[i].tensor.shape = [128, 2 * c.model.width]
    try RunFiles.write(Safetensors.encode(broken), to: path)
    do {
      try other.parameters.load(Safetensors.read(path).tensors, from: path)
      Issue.record("a misfitting file loaded")
    } catch let e as MHCError {
      #expect(
        e.description.contains("missing norm.g") && e.description.contains("not in this model extra.weight")
          && e.description.contains("emb.weight [128, \(2 * c.model.width)]"), "\(e.description)")
    }
    // damaged files: a short file, a header length beyond the file, offsets outside the data
    try RunFiles.write(Data([1, 2, 3]), to: path)
    #expect(throws: MHCError.self) { try Safetensors.read(path) }
    var bytes = try Safetensors.encode(model.parameters.safetensors())
    bytes[0] = 0xFF; bytes[5] = 0x7F
    try RunFiles.write(bytes, to: path)
    #expect(throws: MHCError.self) { try Safetensors.read(path) }
    let good = try Safetensors.encode(model.parameters.safetensors())
    try RunFiles.write(good.prefix(good.count - 16), to: path)
    #expect(throws: MHCError.self) { try Safetensors.read(path) }
  }
}
