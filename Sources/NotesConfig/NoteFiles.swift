import Foundation
import NotesCore

/// A file that could not be read, and why.
public struct FileReadError: Error, Sendable, CustomStringConvertible {
  /// Why a read failed: the file system refused, the path is not a regular file, or the file holds more bytes than
  /// the limit (counted by bytes actually read, not by the size the file system reports).
  public enum Kind: Hashable, Sendable {
    case io
    /// A FIFO, socket or device (named by `kind`): never opened for reading, so it can neither hang nor stream forever.
    case notRegular(kind: String)
    /// More than `limit` bytes; `size` is the reported size when it is known to be larger, else nil.
    case tooLarge(limit: Int, size: Int?)
  }
  public var path: String
  public var reason: String
  public var kind: Kind
  public init(path: String, reason: String, kind: Kind = .io) {
    self.path = path
    self.reason = reason
    self.kind = kind
  }
  public var description: String { "\(path): \(reason)" }
}

/// What `NoteFiles.discover` found: the files to check, sorted, and the roots that could not be walked.
public struct NoteDiscovery: Sendable {
  public var files: [URL]
  public var problems: [FileReadError]

  public init(files: [URL] = [], problems: [FileReadError] = []) {
    self.files = files
    self.problems = problems
  }
}

/// Finding, reading and writing note files: the only place that touches the disk for notes.
public enum NoteFiles {
  /// NOTE: the largest real note is 17 KB. A file over 10 MiB is not a meeting note; `--check` reports it as
  /// `file.too-large` instead of reading it, so that a stray data file cannot exhaust memory.
  public static let maximumFileSize = 10 * 1024 * 1024

  /// Folder names never walked into. NOTE: besides `.git` and `node_modules` (which the issue names), other version
  /// control folders and build/virtual-environment folders (`.build*`, `.venv*`) are skipped: they hold other
  /// projects' Markdown, never a team's notes.
  public static func isSkippedFolder(_ name: String) -> Bool {
    name == ".git" || name == "node_modules" || name == ".hg" || name == ".svn" || name.hasPrefix(".build")
      || name.hasPrefix(".venv")
  }

  /// Whether a file name has a Markdown extension (`.md`, `.markdown`, any case).
  public static func isMarkdown(_ name: String) -> Bool {
    let lower = name.lowercased()
    return lower.hasSuffix(".md") || lower.hasSuffix(".markdown")
  }

  /// Every Markdown file under `roots` (files are taken as given, folders recursively) that `NoteMembership` admits,
  /// sorted by path.
  public static func discover(roots: [URL], configuration: NotesConfiguration) -> [URL] {
    discovery(roots: roots, configuration: configuration).files
  }

  /// `discover`, also reporting roots that do not exist or cannot be listed.
  public static func discovery(roots: [URL], configuration: NotesConfiguration) -> NoteDiscovery {
    NoteMembership(configuration: configuration, roots: roots).discovery(of: roots)
  }

  /// The size of a file in bytes, nil when it cannot be read.
  public static func size(of url: URL) -> Int? {
    var info = stat()
    guard stat(url.path, &info) == 0 else { return nil }
    return Int(info.st_size)
  }

  /// The kind of a non-regular file for messages (`a FIFO`, `a device`, …), nil for a regular file.
  static func nonRegularKind(_ mode: mode_t) -> String? {
    switch mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFDIR: return "a folder"
    case S_IFIFO: return "a FIFO (named pipe)"
    case S_IFCHR, S_IFBLK: return "a device"
    case S_IFSOCK: return "a socket"
    default: return "not a regular file"
    }
  }

  /// A file's bytes, at most `limit` of them.
  ///
  /// NOTE: only regular files are read (symbolic links are followed): a FIFO, socket or device is refused before it is
  /// opened, and the file is opened with `O_NONBLOCK` and checked again, so a FIFO swapped in meanwhile cannot block.
  /// The limit counts the bytes actually read, never the size `stat` reports (which is 0 for devices and can change
  /// while reading). Complexity: O(bytes read).
  public static func readBytes(_ url: URL, limit: Int = maximumFileSize) throws(FileReadError) -> [UInt8] {
    let path = url.path
    var info = stat()
    guard stat(path, &info) == 0 else { throw FileReadError(path: path, reason: String(cString: strerror(errno))) }
    if let kind = nonRegularKind(info.st_mode) {
      throw FileReadError(path: path, reason: "is \(kind), not a regular file", kind: .notRegular(kind: kind))
    }
    if Int(info.st_size) > limit {
      throw FileReadError(
        path: path, reason: "is larger than \(limit) bytes", kind: .tooLarge(limit: limit, size: Int(info.st_size)))
    }
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { throw FileReadError(path: path, reason: String(cString: strerror(errno))) }
    defer { close(fd) }
    guard fstat(fd, &info) == 0 else { throw FileReadError(path: path, reason: String(cString: strerror(errno))) }
    if let kind = nonRegularKind(info.st_mode) {
      throw FileReadError(path: path, reason: "is \(kind), not a regular file", kind: .notRegular(kind: kind))
    }
    // NOTE: read straight into the result, sized by `fstat` plus one byte (to see the end in one read): no chunk
    // buffer to clear and copy from for each of thousands of small files. A file that grows meanwhile gets more room,
    // never past one byte over the limit.
    var bytes = [UInt8](repeating: 0, count: min(max(Int(info.st_size), 0), limit) + 1)
    var filled = 0
    while true {
      if filled == bytes.count {
        bytes.append(contentsOf: repeatElement(0, count: min(max(bytes.count, 1 << 12), limit + 1 - bytes.count)))
      }
      let count = bytes.withUnsafeMutableBytes { buffer in
        posixRead(fd, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
      }
      if count < 0 {
        if errno == EINTR || errno == EAGAIN { continue }
        throw FileReadError(path: path, reason: String(cString: strerror(errno)))
      }
      if count == 0 { break }
      filled += count
      if filled > limit {
        throw FileReadError(
          path: path, reason: "is larger than \(limit) bytes", kind: .tooLarge(limit: limit, size: nil))
      }
    }
    bytes.removeSubrange(filled...)
    return bytes
  }

  /// Reads a file's bytes and decodes them (never fails on content; fails only on I/O).
  public static func read(_ url: URL) throws(FileReadError) -> DecodedText {
    DecodedText(bytes: try readBytes(url))
  }

  /// Replaces an existing file's content atomically: a temporary file in the target's folder, then a rename over it.
  ///
  /// NOTE: a symbolic link is written through (its target is replaced, the link stays); the target's mode, owner and
  /// group are kept; a file with several hard links is refused (a rename would split them), as is a read-only file or
  /// one whose owner or group cannot be kept. Nothing is written in those cases and the reason says why.
  public static func writeAtomically(_ text: String, to url: URL) throws(FileReadError) {
    let given = url.standardizedFileURL.path
    var info = stat()
    guard stat(given, &info) == 0 else {
      // A new file: created exclusively (never over one that appeared meanwhile).
      try createExclusively(text, at: url)
      return
    }
    let target = URL(fileURLWithPath: given).resolvingSymlinksInPath().path
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      throw FileReadError(path: given, reason: "is not a regular file; it was left unchanged")
    }
    if info.st_nlink > 1 {
      throw FileReadError(
        path: given,
        reason: "has \(info.st_nlink) hard links; rewriting it would split them, so it was left unchanged")
    }
    if access(target, W_OK) != 0 || (info.st_mode & 0o222) == 0 {
      throw FileReadError(path: given, reason: "is read-only; it was left unchanged")
    }
    let folder = (target as NSString).deletingLastPathComponent
    let temporary =
      folder + "/.\((target as NSString).lastPathComponent).notes-lsp-\(UInt32.random(in: 0...UInt32.max)).tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      throw FileReadError(
        path: given, reason: "cannot create a temporary file in \(folder): \(String(cString: strerror(errno)))")
    }
    func fail(_ reason: String) -> FileReadError {
      close(fd)
      unlink(temporary)
      return FileReadError(path: given, reason: reason)
    }
    if info.st_uid != geteuid() || info.st_gid != getegid() {
      guard fchown(fd, info.st_uid, info.st_gid) == 0 else {
        throw fail("its owner or group cannot be kept (\(String(cString: strerror(errno)))); it was left unchanged")
      }
    }
    guard fchmod(fd, info.st_mode & 0o7777) == 0 else {
      throw fail("cannot keep its mode: \(String(cString: strerror(errno)))")
    }
    guard writeAll(fd, Array(text.utf8)) else { throw fail("cannot write: \(String(cString: strerror(errno)))") }
    _ = fsync(fd)
    close(fd)
    guard rename(temporary, target) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw FileReadError(path: given, reason: "cannot replace the file: \(reason)")
    }
  }

  /// Writes a new file, atomically and never over an existing one: a temporary file, then `link(2)` to the target
  /// (which fails when the target exists), then the temporary name is removed. Mode 0666 less the umask.
  public static func createExclusively(_ text: String, at url: URL) throws(FileReadError) {
    let target = url.standardizedFileURL.path
    let folder = (target as NSString).deletingLastPathComponent
    let temporary =
      folder + "/.\((target as NSString).lastPathComponent).notes-lsp-\(UInt32.random(in: 0...UInt32.max)).tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard fd >= 0 else {
      throw FileReadError(
        path: target, reason: "cannot create a file in \(folder): \(String(cString: strerror(errno)))")
    }
    let written = writeAll(fd, Array(text.utf8))
    _ = fsync(fd)
    close(fd)
    defer { unlink(temporary) }
    guard written else {
      throw FileReadError(path: target, reason: "cannot write: \(String(cString: strerror(errno)))")
    }
    guard link(temporary, target) == 0 else {
      let exists = errno == EEXIST
      throw FileReadError(
        path: target, reason: exists ? "already exists; it was left as it is" : String(cString: strerror(errno)))
    }
  }

  static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { buffer in write(fd, buffer.baseAddress! + offset, buffer.count - offset) }
      if written < 0 {
        if errno == EINTR { continue }
        return false
      }
      offset += written
    }
    return true
  }

  /// Whether `a` sorts before `b` by their UTF-8 bytes (the order files are checked and printed in), with one
  /// `memcmp` rather than a generic walk over the two views.
  public static func utf8Precedes(_ a: String, _ b: String) -> Bool {
    var a = a
    var b = b
    return a.withUTF8 { x in
      b.withUTF8 { y in
        let n = min(x.count, y.count)
        let order = n == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, n)
        return order != 0 ? order < 0 : x.count < y.count
      }
    }
  }

  /// `path` relative to `base` when it lies under it (both absolute, standardized), else nil.
  public static func relativePath(_ path: String, under base: String) -> String? {
    let prefix = base.hasSuffix("/") ? base : base + "/"
    if path == base { return "" }
    guard path.hasPrefix(prefix) else { return nil }
    return String(path.dropFirst(prefix.count))
  }
}

/// `read(2)`, named so that `NoteFiles.read` does not hide it.
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  read(fd, buffer, count)
}
