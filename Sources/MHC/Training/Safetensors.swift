import Foundation

/// The safetensors format, read and written: an 8-byte little-endian header length `N`, a JSON
/// header of `N` bytes (`{"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]},
/// …, "__metadata__": {…}}`, padded with spaces to a multiple of 8), then the raw little-endian
/// tensor bytes, offsets counted from the end of the header.
///
/// A finished run writes its weights as `model.safetensors` with the names and shapes of
/// ``Transformer``'s parameter layout (`emb.weight` [256][C], `subs.0.qkv.weight` [3C][C], …);
/// NumPy reads it without any package:
///
/// ```python
/// import json, struct, numpy as np
/// raw = open("model.safetensors", "rb").read(); n = struct.unpack("<Q", raw[:8])[0]
/// header = json.loads(raw[8:8 + n]); header.pop("__metadata__", None)
/// w = {k: np.frombuffer(raw[8 + n + v["data_offsets"][0]:8 + n + v["data_offsets"][1]],
///      dtype={"F32": "<f4", "F64": "<f8", "I32": "<i4"}[v["dtype"]]).reshape(v["shape"]) for k, v in header.items()}
/// ```
public enum Safetensors {
  /// One tensor: its element type, shape and little-endian bytes.
  public struct Tensor: Sendable, Equatable {
    public enum DType: String, Sendable { case f32 = "F32", f64 = "F64", i32 = "I32" }
    public var dtype: DType
    public var shape: [Int]
    public var bytes: Data
    public init(dtype: DType, shape: [Int], bytes: Data) { self.dtype = dtype; self.shape = shape; self.bytes = bytes }

    public init(_ values: [Float], shape: [Int]) {
      self.init(dtype: .f32, shape: shape, bytes: values.withUnsafeBytes { Data($0) })
    }
    public init(_ values: [Int32], shape: [Int]) {
      self.init(dtype: .i32, shape: shape, bytes: values.withUnsafeBytes { Data($0) })
    }

    var elementSize: Int { dtype == .f64 ? 8 : 4 }
    public var count: Int { shape.reduce(1, *) }

    /// The values as Float (F64 rounded to nearest), or nil for an integer tensor.
    public var floats: [Float]? {
      switch dtype {
      case .f32: return bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
      case .f64: return bytes.withUnsafeBytes { $0.bindMemory(to: Double.self).map(Float.init) }
      case .i32: return nil
      }
    }
    public var int32s: [Int32]? {
      dtype == .i32 ? bytes.withUnsafeBytes { Array($0.bindMemory(to: Int32.self)) } : nil
    }
  }

  /// The file's bytes for `tensors` (written in the given order) and string `metadata`.
  public static func encode(
    _ tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:]
  ) throws -> Data {
    var header: [String: Any] = [:]
    var offset = 0
    for (name, t) in tensors {
      try MHCError.check(
        t.bytes.count == t.count * t.elementSize,
        "tensor \(name): \(t.bytes.count) bytes for shape \(t.shape) of \(t.dtype.rawValue)")
      header[name] = ["dtype": t.dtype.rawValue, "shape": t.shape, "data_offsets": [offset, offset + t.bytes.count]]
      offset += t.bytes.count
    }
    if !metadata.isEmpty { header["__metadata__"] = metadata }
    var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
    while json.count % 8 != 0 { json.append(UInt8(ascii: " ")) }
    var out = Data()
    withUnsafeBytes(of: UInt64(json.count).littleEndian) { out.append(contentsOf: $0) }
    out.append(json)
    for (_, t) in tensors { out.append(t.bytes) }
    return out
  }

  /// Reads a file: its tensors by name and its metadata. Any inconsistency (a short file, a header
  /// that is not JSON, offsets outside the data or overlapping, a shape that does not match its
  /// bytes, an unknown dtype) is a one-line error naming the file.
  public static func read(_ path: String) throws -> (tensors: [String: Tensor], metadata: [String: String]) {
    guard let data = FileManager.default.contents(atPath: path) else { throw MHCError("cannot read \(path)") }
    func bad(_ why: String) -> MHCError { MHCError("\(path) is not a valid safetensors file: \(why)") }
    guard data.count >= 8 else { throw bad("\(data.count) bytes, shorter than the 8-byte header length") }
    // The length is a u64 from the file: compared as a u64 first, so no value can trap a conversion.
    let raw = data.prefix(8).withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
    guard raw > 0, raw <= UInt64(data.count - 8) else {
      throw bad("header length \(raw) does not fit the file's \(data.count) bytes")
    }
    let n = Int(raw)
    guard let header = try? JSONSerialization.jsonObject(with: data.subdata(in: 8..<(8 + n))) as? [String: Any] else {
      throw bad("the header is not a JSON object")
    }
    let body = data.subdata(in: (8 + n)..<data.count)
    var tensors: [String: Tensor] = [:], metadata: [String: String] = [:]
    var ranges: [(Int, Int, String)] = []
    for (name, value) in header {
      if name == "__metadata__" {
        metadata = (value as? [String: String]) ?? [:]
        continue
      }
      guard let entry = value as? [String: Any], let d = entry["dtype"] as? String,
        let shape = (entry["shape"] as? [NSNumber])?.map(\.intValue),
        let offsets = (entry["data_offsets"] as? [NSNumber])?.map(\.intValue), offsets.count == 2
      else {
        throw bad("entry '\(name)' lacks dtype, shape or data_offsets")
      }
      guard let dtype = Tensor.DType(rawValue: d) else {
        throw bad("tensor '\(name)' has dtype \(d); this reader takes F32, F64 and I32")
      }
      let (b, e) = (offsets[0], offsets[1])
      guard b >= 0, e >= b, e <= body.count else {
        throw bad("tensor '\(name)' has offsets [\(b), \(e)] outside \(body.count) data bytes")
      }
      // Element count and byte size with overflow checks: a shape from the file may multiply past Int.max.
      let bytes = shape.reduce(Optional(dtype == .f64 ? 8 : 4)) { acc, d in
        guard let acc, d >= 0 else { return nil }
        let (p, overflow) = acc.multipliedReportingOverflow(by: d)
        return overflow ? nil : p
      }
      guard let bytes, bytes == e - b else {
        throw bad("tensor '\(name)' of shape \(shape) and dtype \(d) cannot fill \(e - b) bytes")
      }
      ranges.append((b, e, name))
      tensors[name] = Tensor(dtype: dtype, shape: shape, bytes: body.subdata(in: b..<e))
    }
    ranges.sort { $0.0 < $1.0 }
    for (x, y) in zip(ranges, ranges.dropFirst()) where y.0 < x.1 {
      throw bad("tensors '\(x.2)' and '\(y.2)' overlap")
    }
    return (tensors, metadata)
  }
}

extension ParameterStore where T == Float {
  /// Every tensor, in layout order, as F32 safetensors entries.
  public func safetensors() -> [(name: String, tensor: Safetensors.Tensor)] {
    infos.map { i in
      (
        i.name,
        Safetensors.Tensor(
          Array(UnsafeBufferPointer(start: values + i.offset, count: i.count)),
          shape: i.shape)
      )
    }
  }

  /// Overwrites every tensor from `tensors` (F32, or F64 rounded to nearest). Every parameter must
  /// be present with its shape; missing, extra, misshapen or integer tensors are listed in one error.
  public func load(_ tensors: [String: Safetensors.Tensor], from path: String) throws {
    let names = Set(infos.map(\.name))
    let missing = infos.map(\.name).filter { tensors[$0] == nil }
    let extra = tensors.keys.filter { !names.contains($0) }.sorted()
    let wrong = infos.compactMap { i -> String? in
      guard let t = tensors[i.name] else { return nil }
      if t.shape != i.shape { return "\(i.name) \(t.shape) (the model's is \(i.shape))" }
      return t.dtype == .i32 ? "\(i.name) is I32 (F32 or F64 needed)" : nil
    }
    var problems: [String] = []
    if !missing.isEmpty { problems.append("missing " + missing.joined(separator: ", ")) }
    if !extra.isEmpty { problems.append("not in this model " + extra.joined(separator: ", ")) }
    if !wrong.isEmpty { problems.append("wrong shape or dtype: " + wrong.joined(separator: "; ")) }
    guard problems.isEmpty else {
      throw MHCError("\(path) does not fit this model: " + problems.joined(separator: "; "))
    }
    // Non-finite weights are named here, by tensor and index, before they could surface as some
    // other tensor's gradient in the first step.
    let bad = infos.compactMap { i -> String? in
      guard let k = tensors[i.name]!.floats!.firstIndex(where: { !$0.isFinite }) else { return nil }
      return "\(i.name)[\(k)] = \(tensors[i.name]!.floats![k])"
    }
    guard bad.isEmpty else {
      throw MHCError("\(path) holds non-finite weights: " + bad.joined(separator: ", ") + "; every value must be "
        + "finite")
    }
    for i in infos {
      let v = tensors[i.name]!.floats!
      for k in 0..<i.count { values[i.offset + k] = v[k] }
    }
  }
}
