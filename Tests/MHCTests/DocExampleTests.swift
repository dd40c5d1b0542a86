import Foundation
import Testing

// Every ```swift example in a `///` doc comment under Sources/ must compile against the modules as
// they are built: a renamed argument or a removed type breaks this test, not a reader's first try.
//
// Each example becomes one file: `func docExample_…() throws { <example> }` after the imports a user
// of the toolkit writes (Foundation, MHC, MHCHarness, Experiments, plus any `import` lines the
// example starts with). An example whose first line is a declaration (`struct`, `enum`, `class`,
// `protocol`, `func`, an `@attribute`, …) is taken as declarations only and placed at file level,
// inside `enum DocExample_… { }` so that names cannot clash between examples (an `extension`
// cannot be nested and stays at file level as it is). One `swiftc -typecheck` checks them all; an
// error is reported at the example's own line in Sources/.

/// One ```swift block of a `///` comment.
private struct DocExample {
  /// Path relative to the package root, e.g. `Sources/MHC/Numerics/Vector.swift`.
  var file: String
  /// 1-based line of the opening ```swift fence.
  var line: Int
  /// The code, `///` and the one space after it removed.
  var body: [String]
  /// Per body line, the columns of the source line before the code (indentation and `/// `).
  var columnOffsets: [Int]
  /// Whether the closing fence was found.
  var closed: Bool

  var origin: String { "\(file):\(line)" }
  /// A unique identifier: `MHC_Numerics_Vector_L11`.
  var stem: String {
    let path = file.hasPrefix("Sources/") ? String(file.dropFirst("Sources/".count)) : file
    let name = path.hasSuffix(".swift") ? String(path.dropLast(".swift".count)) : path
    return String(name.map { $0.isLetter || $0.isNumber ? $0 : "_" }) + "_L\(line)"
  }
}

/// A generated file and how its lines map back to Sources/.
private struct GeneratedExample {
  var example: DocExample
  var text: String
  /// Generated line (1-based) → (source line, column offset) for the lines that come from the example.
  var lines: [Int: (line: Int, column: Int)]
}

private enum DocExamples {
  /// The package root: three levels above this file (`Tests/MHCTests/DocExampleTests.swift`).
  static var root: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  static let imports = ["Foundation", "MHC", "MHCHarness", "Experiments"]

  /// Every ```swift block of every `///` comment in the `.swift` files under Sources/, in path order.
  /// A line that, trimmed, is `///` and ```swift opens a block; the next that, trimmed, is `///` and
  /// three backticks closes it; each line between, trimmed, loses `/// ` (or its first three characters).
  static func extract() throws -> [DocExample] {
    let sources = root.appendingPathComponent("Sources")
    guard
      let walker = FileManager.default.enumerator(
        at: sources, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
    else {
      throw DocExampleError("cannot list \(sources.path)")
    }
    let files = walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.map(\.path).sorted()
    var examples: [DocExample] = []
    for path in files {
      let lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
      let relative = String(path.dropFirst(root.path.count + 1))
      var i = 0
      while i < lines.count {
        guard lines[i].trimmingCharacters(in: .whitespaces) == "/// ```swift" else { i += 1; continue }
        var example = DocExample(file: relative, line: i + 1, body: [], columnOffsets: [], closed: false)
        i += 1
        while i < lines.count {
          let raw = lines[i]
          let t = raw.trimmingCharacters(in: .whitespaces)
          if t == "/// ```" { example.closed = true; break }
          let indent = raw.prefix { $0 == " " || $0 == "\t" }.utf8.count
          let cut = t.hasPrefix("/// ") ? 4 : min(3, t.count)
          example.body.append(String(t.dropFirst(cut)))
          example.columnOffsets.append(indent + String(t.prefix(cut)).utf8.count)
          i += 1
        }
        examples.append(example)
        i += 1
      }
    }
    return examples
  }

  static let declarationKeywords = [
    "struct", "enum", "class", "final", "protocol", "func", "actor", "typealias", "public", "private",
    "fileprivate", "internal", "extension",
  ]

  /// The example as a file of its own.
  static func generate(_ example: DocExample) -> GeneratedExample {
    var body = example.body
    var hoisted: [(line: String, index: Int)] = []
    // Leading `import` lines (after blank and comment lines) move up to the file's imports.
    for (k, line) in body.enumerated() {
      let t = line.trimmingCharacters(in: .whitespaces)
      if t.isEmpty || t.hasPrefix("//") { continue }
      guard t.hasPrefix("import ") else { break }
      hoisted.append((t, k))
      body[k] = ""
    }
    let first = body.map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty && !$0.hasPrefix("//") } ?? ""
    let keyword = String(first.prefix { $0.isLetter })
    let (open, close) =
      keyword == "extension"
      ? ("", "")
      : first.hasPrefix("@") || declarationKeywords.contains(keyword)
        ? ("enum DocExample_\(example.stem) {", "}")
        : ("func docExample_\(example.stem)() throws {", "}")

    // Generated line (1-based) → source line: the header and the wrapper map to the fences.
    var lines: [Int: (line: Int, column: Int)] = [:]
    var out: [String] = []
    func emit(_ text: String, _ line: Int, _ column: Int = 0) {
      out.append(text)
      lines[out.count] = (line, column)
    }
    emit("// \(example.origin) (generated by DocExampleTests)", example.line)
    for module in imports { emit("import \(module)", example.line) }
    for h in hoisted { emit(h.line, example.line + 1 + h.index, example.columnOffsets[h.index]) }
    emit(open, example.line)
    for (k, line) in body.enumerated() { emit(line, example.line + 1 + k, example.columnOffsets[k]) }
    emit(close, example.line + body.count + 1)
    return GeneratedExample(example: example, text: out.joined(separator: "\n") + "\n", lines: lines)
  }

  /// The first executable `name` in `PATH`.
  static func onPath(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// The `include` folder of swift-numerics' `_NumericsShims` (RealModule's C shim, which
  /// `import MHC` loads), in a checkout or an edited package.
  static func numericsShims() -> String? {
    let fm = FileManager.default
    for parent in [".build/checkouts", "Packages"] {
      let dir = root.appendingPathComponent(parent).path
      for entry in ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).sorted() {
        let include = "\(dir)/\(entry)/Sources/_NumericsShims/include"
        if fm.fileExists(atPath: include + "/module.modulemap") { return include }
      }
    }
    return nil
  }

  /// Runs `executable` with `arguments`, returning its exit status and its output (stdout and
  /// stderr through one pipe, read to the end before waiting, so a full pipe never blocks it).
  static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// `…/MHC_Numerics_Vector_L11.swift:14:7: error: …` as `Sources/MHC/Numerics/Vector.swift:13:14: error: …`.
  static func located(_ diagnostic: Substring, _ generated: [String: GeneratedExample]) -> String {
    guard let mark = diagnostic.range(of: ": error: ") else { return String(diagnostic) }
    let position = diagnostic[..<mark.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
    guard position.count >= 3, let line = Int(position[position.count - 2]), let column = Int(position.last!),
      let file = generated[(position.dropLast(2).joined(separator: ":") as NSString).lastPathComponent]
    else { return String(diagnostic) }
    let message = diagnostic[mark.upperBound...]
    let source = file.lines[line] ?? (file.example.line, 0)
    return "\(file.example.file):\(source.line):\(column + source.column): error: \(message)"
      + "  [example at \(file.example.origin)]"
  }
}

private struct DocExampleError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

@Suite struct DocExampleTests {
  /// The extractor must find the examples, or the type-check below would pass with nothing to check.
  @Test func extractorFindsTheExamples() throws {
    let examples = try DocExamples.extract()
    #expect(examples.count >= 60, "only \(examples.count) ```swift examples found under Sources/")
    for e in examples {
      #expect(e.closed, "\(e.origin): the ```swift block is never closed by a /// ``` line")
      #expect(e.body.contains { !$0.trimmingCharacters(in: .whitespaces).isEmpty }, "\(e.origin): empty example")
    }
    let targets = Set(examples.map { $0.file.split(separator: "/").dropFirst().first.map(String.init) ?? "" })
    #expect(targets.isSuperset(of: ["MHC", "MHCHarness", "Experiments"]), "examples found only in \(targets.sorted())")
    #expect(Set(examples.map(\.stem)).count == examples.count, "two examples map to one generated file name")
  }

  /// Every example type-checks against `.build/debug/Modules` (run `swift build` first; `swift test` does).
  @Test func docExamplesTypeCheck() throws {
    let root = DocExamples.root.path
    let modules = root + "/.build/debug/Modules"
    guard FileManager.default.fileExists(atPath: modules + "/MHC.swiftmodule") else {
      Issue.record("\(modules)/MHC.swiftmodule is missing: build the package (swift build) before this test")
      return
    }
    guard let swiftc = DocExamples.onPath("swiftc") else {
      Issue.record("swiftc is not on PATH; the doc examples cannot be type-checked")
      return
    }
    guard let shims = DocExamples.numericsShims() else {
      Issue.record("swift-numerics' _NumericsShims/include is not under \(root)/.build/checkouts (resolve the package)")
      return
    }
    let examples = try DocExamples.extract()
    try #require(!examples.isEmpty, "no ```swift examples found under \(root)/Sources")

    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mhc-doc-examples-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var generated: [String: GeneratedExample] = [:]
    for example in examples {
      let g = DocExamples.generate(example)
      let name = example.stem + ".swift"
      try g.text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
      generated[name] = g
    }

    let arguments =
      [
        "-typecheck", "-swift-version", "6", "-parse-as-library", "-module-name", "DocExamples",
        "-diagnostic-style", "llvm", "-continue-building-after-errors",
        "-I", modules, "-I", root + "/Sources/COpenBLAS", "-I", root + "/Sources/CZlib", "-I", shims,
      ] + generated.keys.sorted().map { dir.appendingPathComponent($0).path }
    let start = Date()
    let (status, output) = try DocExamples.run(swiftc, arguments)
    let seconds = Date().timeIntervalSince(start)

    var seen = Set<Substring>()  // a file's failed import is reported by every frontend job: once is enough
    let errors = output.split(separator: "\n").filter { $0.contains(": error: ") && seen.insert($0).inserted }
    let failing = Set(errors.compactMap { e in generated.keys.first { e.contains("/" + $0 + ":") } })
      .compactMap { generated[$0]?.example }.sorted { ($0.file, $0.line) < ($1.file, $1.line) }
    var summary = "swiftc -typecheck of \(examples.count) doc examples: exit status \(status), \(errors.count) error(s)"
    if !failing.isEmpty { summary += " in " + failing.map(\.origin).joined(separator: ", ") }
    print(summary + String(format: " (%.1f s)", seconds))
    var report = summary
    let shown = errors.prefix(20).map { DocExamples.located($0, generated) }
    if !shown.isEmpty { report += "\n" + shown.joined(separator: "\n") }
    if status != 0 && errors.isEmpty {  // no error line to show: what swiftc said instead
      report += "\n" + output.split(separator: "\n").prefix(20).joined(separator: "\n")
    }
    #expect(status == 0, Comment(rawValue: report))
  }
}
