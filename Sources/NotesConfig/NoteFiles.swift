import Foundation
import NotesCore

/// A file that could not be read.
public struct FileReadError: Error, Sendable, CustomStringConvertible {
  public var path: String
  public var reason: String
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
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

  /// Every Markdown file under `roots` (files are taken as given, folders recursively), skipping `.git`,
  /// `node_modules` and what `configuration` excludes, sorted by path.
  public static func discover(roots: [URL], configuration: NotesConfiguration) -> [URL] {
    discovery(roots: roots, configuration: configuration).files
  }

  /// `discover`, also reporting roots that do not exist or cannot be listed.
  /// NOTE: a file named directly is always checked, whatever its extension and whatever `exclude` says (as ruff and
  /// markdownlint-cli2 do): pre-commit passes exactly the staged files it was told to.
  public static func discovery(roots: [URL], configuration: NotesConfiguration) -> NoteDiscovery {
    var walker = Walker(configuration: configuration)
    for root in roots {
      let path = root.standardizedFileURL.path
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        walker.problems.append(FileReadError(path: root.path, reason: "no such file or folder"))
        continue
      }
      if isDirectory.boolValue {
        walker.walk(root: path)
      } else {
        walker.found.insert(path)
      }
    }
    let files = walker.found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map {
      URL(fileURLWithPath: $0)
    }
    return NoteDiscovery(files: files, problems: walker.problems)
  }

  /// The size of a file in bytes, nil when it cannot be read.
  public static func size(of url: URL) -> Int? {
    var info = stat()
    guard stat(url.path, &info) == 0 else { return nil }
    return Int(info.st_size)
  }

  /// A file's bytes.
  public static func readBytes(_ url: URL) throws(FileReadError) -> [UInt8] {
    let path = url.path
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw FileReadError(path: path, reason: String(cString: strerror(errno))) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw FileReadError(path: path, reason: String(cString: strerror(errno))) }
    if (info.st_mode & S_IFMT) == S_IFDIR { throw FileReadError(path: path, reason: "is a folder, not a file") }
    var bytes: [UInt8] = []
    var capacity = max(Int(info.st_size), 0) + 1
    bytes.reserveCapacity(capacity)
    var chunk = [UInt8](repeating: 0, count: min(max(capacity, 4096), 1 << 20))
    while true {
      let count = chunk.withUnsafeMutableBytes { buffer in posixRead(fd, buffer.baseAddress, buffer.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw FileReadError(path: path, reason: String(cString: strerror(errno)))
      }
      if count == 0 { break }
      bytes.append(contentsOf: chunk[0..<count])
      if bytes.count >= capacity {
        capacity *= 2
        bytes.reserveCapacity(capacity)
      }
    }
    return bytes
  }

  /// Reads a file's bytes and decodes them (never fails on content; fails only on I/O).
  public static func read(_ url: URL) throws(FileReadError) -> DecodedText {
    DecodedText(bytes: try readBytes(url))
  }

  /// Writes `text` atomically: a temporary file in the same folder, then a rename over the target. An existing
  /// file's permissions are kept.
  public static func writeAtomically(_ text: String, to url: URL) throws(FileReadError) {
    let target = url.standardizedFileURL
    let folder = target.deletingLastPathComponent()
    let temporary = folder.appendingPathComponent(
      ".\(target.lastPathComponent).notes-lsp-\(UInt32.random(in: 0...UInt32.max)).tmp")
    let data = Data(text.utf8)
    var existingPermissions: Any?
    if let attributes = try? FileManager.default.attributesOfItem(atPath: target.path) {
      existingPermissions = attributes[.posixPermissions]
    }
    guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
      throw FileReadError(path: target.path, reason: "cannot create a temporary file in \(folder.path)")
    }
    if let existingPermissions {
      try? FileManager.default.setAttributes([.posixPermissions: existingPermissions], ofItemAtPath: temporary.path)
    }
    guard rename(temporary.path, target.path) == 0 else {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(atPath: temporary.path)
      throw FileReadError(path: target.path, reason: "cannot replace the file: \(reason)")
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

// MARK: - Walking

/// Simple `.gitignore` patterns of one folder. NOTE: negations (`!pattern`) are not supported and are ignored,
/// which can only make the checker look at more files, never fewer.
struct IgnoreFile {
  var globs: [Glob] = []

  init(folder: String) {
    guard let data = FileManager.default.contents(atPath: folder + "/.gitignore") else { return }
    for raw in String(decoding: data, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
      var line = String(raw)
      while line.hasSuffix(" ") && !line.hasSuffix("\\ ") { line.removeLast() }
      if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("!") { continue }
      globs.append(Glob(line))
    }
  }
}

struct Walker {
  let configuration: NotesConfiguration
  let includes: [Glob]
  let excludes: [Glob]
  let base: String?
  var found: Set<String> = []
  var problems: [FileReadError] = []
  var visited: Set<String> = []

  init(configuration: NotesConfiguration) {
    self.configuration = configuration
    includes = configuration.includeGlobs
    excludes = configuration.excludeGlobs
    base = configuration.baseDirectory?.standardizedFileURL.path
  }

  /// The path globs are matched against: relative to the configuration's folder, else to the walked root.
  func globPath(_ path: String, root: String) -> String {
    if let base, let relative = NoteFiles.relativePath(path, under: base) { return relative }
    return NoteFiles.relativePath(path, under: root) ?? path
  }

  func excluded(_ path: String, root: String, isDirectory: Bool, ignore: IgnoreFile) -> Bool {
    let relative = globPath(path, root: root)
    if excludes.contains(where: { $0.matches(relative, isDirectory: isDirectory) }) { return true }
    if !ignore.globs.isEmpty, let fromRoot = NoteFiles.relativePath(path, under: root) {
      if ignore.globs.contains(where: { $0.matches(fromRoot, isDirectory: isDirectory) }) { return true }
    }
    return false
  }

  func included(_ path: String, name: String, root: String) -> Bool {
    if includes.isEmpty { return NoteFiles.isMarkdown(name) }
    let relative = globPath(path, root: root)
    return includes.contains { $0.matches(relative) }
  }

  mutating func walk(root: String) {
    let ignore = IgnoreFile(folder: root)
    walkFolder(root, root: root, ignore: ignore)
  }

  mutating func walkFolder(_ folder: String, root: String, ignore: IgnoreFile) {
    let real = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
    guard visited.insert(real).inserted else { return }  // a symbolic link loop
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: folder)
    } catch {
      problems.append(FileReadError(path: folder, reason: "cannot list the folder"))
      return
    }
    for name in names.sorted() {
      let path = folder == "/" ? "/" + name : folder + "/" + name
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
      if isDirectory.boolValue {
        if NoteFiles.isSkippedFolder(name) { continue }
        if excluded(path, root: root, isDirectory: true, ignore: ignore) { continue }
        walkFolder(path, root: root, ignore: ignore)
      } else {
        if !included(path, name: name, root: root) { continue }
        if excluded(path, root: root, isDirectory: false, ignore: ignore) { continue }
        found.insert(path)
      }
    }
  }
}
