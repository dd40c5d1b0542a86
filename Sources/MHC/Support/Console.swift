#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes `line` (plus a newline) to standard error, unbuffered.
public func printError(_ line: String) {
  let s = line.hasSuffix("\n") ? line : line + "\n"
  var bytes = Array(s.utf8)
  var off = 0
  while off < bytes.count {
    let n = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + off, $0.count - off) }
    if n <= 0 { break }
    off += n
  }
}

/// Whether standard output is an interactive terminal (progress bars) or a pipe/file
/// (plain periodic lines).
public var standardOutputIsTerminal: Bool { isatty(1) == 1 }
