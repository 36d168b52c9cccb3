import Foundation
import NotesCore

/// Which files belong to a workspace: the one policy the walk of `--check`, the server's index and every incremental
/// change (file events, rescans on open and save) ask.
///
/// A file belongs when it lies under one of the workspace roots, in no skipped folder (`.git`, `node_modules`, …),
/// matches `include` (default: `*.md` / `*.markdown`), matches no `exclude` glob (itself or a folder above it), and is
/// not ignored by the `.gitignore` files between its root and its folder (negations included, as git reads them).
/// The size limit is not membership: a file over it belongs and is reported as `file.too-large`.
public struct NoteMembership: Sendable {
  public let configuration: NotesConfiguration
  /// The workspace roots, absolute and standardized.
  public let roots: [String]
  let includes: [Glob]
  let excludes: [Glob]
  let base: String?
  let ignores = IgnoreCache()

  public init(configuration: NotesConfiguration, roots: [URL]) {
    self.configuration = configuration
    self.roots = roots.map { $0.standardizedFileURL.path }
    includes = configuration.includeGlobs
    excludes = configuration.excludeGlobs
    base = configuration.baseDirectory?.standardizedFileURL.path
  }

  /// The root `path` lies under (the innermost), nil when it is outside every root.
  public func root(of path: String) -> String? {
    roots.filter { $0 == path || NoteFiles.relativePath(path, under: $0) != nil }.max { $0.count < $1.count }
  }

  /// Whether the file at `path` (absolute, standardized) belongs to the workspace. Used for every incremental change.
  public func contains(_ path: String) -> Bool {
    guard let root = root(of: path), path != root else { return false }
    let name = (path as NSString).lastPathComponent
    guard included(path, name: name, root: root) else { return false }
    // Every folder between the root and the file, then the file.
    let relative = NoteFiles.relativePath(path, under: root) ?? ""
    var folder = root
    let components = relative.split(separator: "/").map(String.init)
    for component in components.dropLast() {
      let next = folder == "/" ? "/" + component : folder + "/" + component
      if NoteFiles.isSkippedFolder(component) || excluded(next, root: root, isDirectory: true) { return false }
      folder = next
    }
    return !excluded(path, root: root, isDirectory: false)
  }

  /// The files under `paths` that belong (folders walked recursively; a file named directly is always taken: NOTE:
  /// pre-commit passes exactly the staged files, as ruff and markdownlint-cli2 take them), sorted by path.
  public func discovery(of paths: [URL]) -> NoteDiscovery {
    var found = Set<String>()
    var problems: [FileReadError] = []
    var visited = Set<String>()
    for url in paths {
      let path = url.standardizedFileURL.path
      var info = stat()
      guard stat(path, &info) == 0 else {
        problems.append(FileReadError(path: url.path, reason: "no such file or folder"))
        continue
      }
      if (info.st_mode & S_IFMT) == S_IFDIR {
        walk(path, root: root(of: path) ?? path, found: &found, problems: &problems, visited: &visited)
      } else {
        found.insert(path)
      }
    }
    let files = found.sorted(by: NoteFiles.utf8Precedes).map { URL(fileURLWithPath: $0) }
    return NoteDiscovery(files: files, problems: problems)
  }

  // MARK: - Rules

  /// The path globs are matched against: relative to the configuration's folder, else to the root.
  func globPath(_ path: String, root: String) -> String {
    if let base, let relative = NoteFiles.relativePath(path, under: base) { return relative }
    return NoteFiles.relativePath(path, under: root) ?? path
  }

  func included(_ path: String, name: String, root: String) -> Bool {
    if includes.isEmpty { return NoteFiles.isMarkdown(name) }
    return includes.contains { $0.matches(globPath(path, root: root)) }
  }

  /// `exclude` or `.gitignore` (this path only; the caller checks the folders above it).
  func excluded(_ path: String, root: String, isDirectory: Bool) -> Bool {
    let relative = globPath(path, root: root)
    if excludes.contains(where: { $0.matches(relative, isDirectory: isDirectory) }) { return true }
    return ignored(path, root: root, isDirectory: isDirectory)
  }

  /// Whether the `.gitignore` files from `root` down to the path's folder ignore it: the last matching pattern wins,
  /// and a `!` pattern re-includes. NOTE: as in git, a file in an ignored folder cannot be re-included (the caller
  /// never looks inside an ignored folder).
  func ignored(_ path: String, root: String, isDirectory: Bool) -> Bool {
    guard let relative = NoteFiles.relativePath(path, under: root), !relative.isEmpty else { return false }
    let parent = relative.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(relative[..<$0]) } ?? ""
    var decision = false
    // NOTE: the `.gitignore` files of the folders from the root down are found once per folder, not once per file:
    // most have no rules, and then no path is made for them.
    for level in ignores.chain(root: root, relativeFolder: parent) where !level.file.rules.isEmpty {
      let rest = String(decoding: relative.utf8.dropFirst(level.skip), as: UTF8.self)
      for rule in level.file.rules where rule.glob.matches(rest, isDirectory: isDirectory) {
        decision = !rule.negated
      }
    }
    return decision
  }

  // MARK: - Walking

  func walk(
    _ folder: String, root: String, found: inout Set<String>, problems: inout [FileReadError],
    visited: inout Set<String>
  ) {
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
      var info = stat()
      guard stat(path, &info) == 0 else { continue }  // a dangling link
      if (info.st_mode & S_IFMT) == S_IFDIR {
        if NoteFiles.isSkippedFolder(name) || excluded(path, root: root, isDirectory: true) { continue }
        walk(path, root: root, found: &found, problems: &problems, visited: &visited)
      } else {
        // NOTE: FIFOs, sockets and devices named like notes are taken, and reported as `file.not-regular` when read.
        if !included(path, name: name, root: root) || excluded(path, root: root, isDirectory: false) { continue }
        found.insert(path)
      }
    }
  }
}

/// One `.gitignore` pattern.
struct IgnoreRule: Sendable {
  var glob: Glob
  var negated: Bool
}

/// The patterns of one folder's `.gitignore`.
struct IgnoreFile: Sendable {
  var rules: [IgnoreRule] = []

  init(folder: String) {
    // NOTE: read like any other file: regular files only, capped (a `.gitignore` over 1 MiB is ignored).
    let bytes = (try? NoteFiles.readBytes(URL(fileURLWithPath: folder + "/.gitignore"), limit: 1 << 20)) ?? []
    self.init(text: String(decoding: bytes, as: UTF8.self))
  }

  init(text: String) {
    for raw in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
      var line = String(raw)
      while line.hasSuffix(" ") && !line.hasSuffix("\\ ") { line.removeLast() }
      if line.isEmpty || line.hasPrefix("#") { continue }
      var negated = false
      if line.hasPrefix("!") {
        negated = true
        line.removeFirst()
      } else if line.hasPrefix("\\!") || line.hasPrefix("\\#") {
        line.removeFirst()
      }
      if line.isEmpty { continue }
      rules.append(IgnoreRule(glob: Glob(line), negated: negated))
    }
  }
}

/// `.gitignore` files read once per folder (shared by copies of a membership; safe across threads).
final class IgnoreCache: @unchecked Sendable {
  private let lock = NSLock()
  private var files: [String: IgnoreFile] = [:]
  private var chains: [String: [(file: IgnoreFile, skip: Int)]] = [:]

  /// The `.gitignore` of `root` and of each folder down to `relativeFolder` (relative to `root`, "" for the root
  /// itself), each with how many UTF-8 bytes of a path relative to `root` lie above that folder.
  func chain(root: String, relativeFolder: String) -> [(file: IgnoreFile, skip: Int)] {
    let key = root + "\u{0}" + relativeFolder
    if let known = lock.withLock({ chains[key] }) { return known }
    var chain = [(file: file(folder: root), skip: 0)]
    var folder = root
    var skip = 0
    for component in relativeFolder.split(separator: "/", omittingEmptySubsequences: false)
    where !relativeFolder.isEmpty {
      folder = folder == "/" ? "/" + component : folder + "/" + component
      skip += component.utf8.count + 1
      chain.append((file(folder: folder), skip))
    }
    lock.withLock { chains[key] = chain }
    return chain
  }

  func file(folder: String) -> IgnoreFile {
    if let file = lock.withLock({ files[folder] }) { return file }
    let file = IgnoreFile(folder: folder)
    lock.withLock { files[folder] = file }
    return file
  }
}
