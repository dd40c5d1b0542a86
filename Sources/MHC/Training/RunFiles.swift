import Foundation

/// Small file helpers: every result file is written atomically (temp file + rename), so an
/// interrupted run never leaves a half-written file behind.
public enum RunFiles {
  public static func write(_ text: String, to path: String) throws {
    try write(Data(text.utf8), to: path)
  }

  /// Writes `data` to a temporary file beside `path` and renames it into place. A failure names its
  /// cause as the system gives it ("No space left on device", "Permission denied", "Read-only file
  /// system") and leaves `path` as it was.
  public static func write(_ data: Data, to path: String) throws {
    let tmp = path + ".tmp-\(getpid())"
    let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw MHCError("cannot write \(path): \(String(cString: strerror(errno)))") }
    if let code = writeAll(fd, data) {
      close(fd)
      unlink(tmp)
      throw MHCError("cannot write \(path): \(String(cString: strerror(code)))")
    }
    if close(fd) != 0 || rename(tmp, path) != 0 {
      let why = String(cString: strerror(errno))
      unlink(tmp)
      throw MHCError("cannot write \(path): \(why)")
    }
  }

  /// Writes every byte of `data` to `fd`; the `errno` of a failure, or nil.
  static func writeAll(_ fd: Int32, _ data: Data) -> Int32? {
    data.withUnsafeBytes { raw -> Int32? in
      var done = 0
      while done < raw.count {
        let n = Foundation.write(fd, raw.baseAddress! + done, raw.count - done)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return n < 0 ? errno : ENOSPC }
        done += n
      }
      return nil
    }
  }

  /// Writes `data` so that a crash at any moment leaves a complete file at `path` or at
  /// `previous`: a temporary file is written and flushed to disk (`fsync`), the current `path`
  /// (if any) is renamed to `previous`, the temporary file is renamed to `path`, and the
  /// folder is flushed.
  public static func writeDurably(_ data: Data, to path: String, keepingPrevious previous: String) throws {
    let tmp = path + ".tmp"
    let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw MHCError("cannot write \(tmp): \(String(cString: strerror(errno)))") }
    let failed = writeAll(fd, data) ?? (fsync(fd) == 0 ? nil : errno)
    close(fd)
    if let code = failed {
      unlink(tmp)
      throw MHCError("cannot write \(tmp): \(String(cString: strerror(code)))")
    }
    if exists(path) && rename(path, previous) != 0 {
      throw MHCError("cannot keep \(path) as \(previous): \(String(cString: strerror(errno)))")
    }
    guard rename(tmp, path) == 0 else {
      throw MHCError("cannot rename \(tmp) to \(path): \(String(cString: strerror(errno)))")
    }
    let dir = open(
      (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent,
      O_RDONLY)
    if dir >= 0 { _ = fsync(dir); close(dir) }
  }

  public static func writeJSON<V: Encodable>(_ value: V, to path: String) throws {
    try write(json(value), to: path)
  }

  /// The bytes ``writeJSON(_:to:)`` writes: pretty-printed, keys sorted, non-finite numbers as strings.
  public static func json<V: Encodable>(_ value: V) throws -> Data {
    let enc = JSONEncoder()
    enc.outputFormatting = [.prettyPrinted, .sortedKeys]
    enc.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try enc.encode(value)
  }

  public static func readJSON<V: Decodable>(_ type: V.Type, from path: String) throws -> V {
    guard let data = FileManager.default.contents(atPath: path) else { throw MHCError("cannot read \(path)") }
    let dec = JSONDecoder()
    dec.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    do { return try dec.decode(type, from: data) } catch {
      throw MHCError("\(path) is not a valid \(type) file: \(error)")
    }
  }

  /// The lines of a CSV file's text that end in a newline: a last line cut short (a truncated
  /// copy) is dropped rather than read as a row with different values.
  public static func completeLines(_ text: String) -> [Substring] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    lines.removeLast()  // "" after a final newline, or the unterminated rest
    return lines.filter { !$0.isEmpty }
  }

  public static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

  public static func makeDirectory(_ path: String) throws {
    do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
      throw MHCError("cannot create directory \(path): \(error.localizedDescription)")
    }
  }

  /// Output of a command (trimmed), or nil if it failed.
  public static func commandOutput(_ arguments: [String]) -> String? {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = arguments
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { return nil }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

/// A run folder locked by another live process (`host pid`), or by any process on another host.
public struct RunInUse: Error, CustomStringConvertible {
  public let directory: String, holder: String, lock: String
  public var description: String {
    "run folder \(directory) is in use by another process (\(holder)); it is released when that process ends"
  }
}

/// A lock file that keeps two processes from running the same run folder at once (two
/// shards of a sweep on one shared folder, say).
///
/// The lock is an `flock` on `lock`, which the kernel drops when its process ends however it
/// ends, so a lock left by a killed process is never "stale": the next process simply takes it,
/// and two processes that try at once cannot both win. The file holds `host pid` of the holder
/// for the message of the one that loses.
public final class RunLock {
  let path: String
  let fd: Int32
  public init(directory: String) throws {
    path = (directory as NSString).appendingPathComponent("lock")
    let me = "\(ProcessInfo.processInfo.hostName) \(ProcessInfo.processInfo.processIdentifier)\n"
    for _ in 0..<8 {
      let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
      guard fd >= 0 else {
        let why = String(cString: strerror(errno))
        throw MHCError("cannot create the lock file \(path): \(why); the run folder \(directory) must be writable")
      }
      if flock(fd, LOCK_EX | LOCK_NB) != 0 {
        let held = errno == EWOULDBLOCK
        let why = String(cString: strerror(errno))
        close(fd)
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        if held {
          throw RunInUse(directory: directory, holder: text.trimmingCharacters(in: .whitespacesAndNewlines), lock: path)
        }
        throw MHCError("cannot lock \(path): \(why)")
      }
      // Locked — but the file may have been unlinked by its last holder between our open and flock.
      var a = stat(), b = stat()
      if fstat(fd, &a) == 0, stat(path, &b) == 0, a.st_ino == b.st_ino, a.st_dev == b.st_dev {
        _ = ftruncate(fd, 0)
        _ = me.withCString { pwrite(fd, $0, strlen($0), 0) }
        self.fd = fd
        return
      }
      close(fd)
    }
    throw MHCError("cannot lock run folder \(directory): its lock file keeps changing")
  }
  deinit {
    unlink(path)
    close(fd)
  }
}
