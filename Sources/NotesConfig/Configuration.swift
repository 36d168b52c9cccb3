import Foundation
import NotesCore
import NotesJSON

/// What `.notes-lsp.json` (or LSP `initializationOptions`) configures, with paths resolved to absolute file URLs.
public struct NotesConfiguration: Sendable {
  /// The file this came from, nil for defaults or editor settings.
  public var file: URL?
  /// Settings the core obeys (rule severities, failing severity, stale threshold, inlay hints).
  public var settings: NotesSettings
  /// Globs (relative to the configuration's folder) of files to check; empty means every `*.md` / `*.markdown`.
  public var include: [String]
  /// Globs of files and folders to skip, in addition to `.git` and `node_modules`.
  public var exclude: [String]
  /// Roster files (`github_username,email,name`).
  public var rosters: [URL]
  /// CFEP registries (`cfeps.tsv` format).
  public var cfepRegistries: [URL]
  /// CEP registries (`ceps.tsv` format).
  public var cepRegistries: [URL]
  /// A template for `notes-lsp new`, when configured.
  public var template: URL?
  /// The folder `include` / `exclude` globs are relative to: the configuration file's folder (nil for defaults).
  public var baseDirectory: URL?
  /// `"baseline"`: the baseline file `--check` compares with (need not exist yet).
  public var baseline: URL?

  public init(
    file: URL? = nil, settings: NotesSettings = NotesSettings(), include: [String] = [], exclude: [String] = [],
    rosters: [URL] = [], cfepRegistries: [URL] = [], cepRegistries: [URL] = [], template: URL? = nil
  ) {
    self.file = file
    self.settings = settings
    self.include = include
    self.exclude = exclude
    self.rosters = rosters
    self.cfepRegistries = cfepRegistries
    self.cepRegistries = cepRegistries
    self.template = template
    self.baseDirectory = file?.deletingLastPathComponent()
  }
}

/// A configuration that cannot be used: where and why. Never silently ignored.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
  public var file: String
  /// 1-based; 0 when the problem is not at a line (unreadable file).
  public var line: Int
  public var column: Int
  public var reason: String

  public init(file: String, line: Int, column: Int, reason: String) {
    self.file = file
    self.line = line
    self.column = column
    self.reason = reason
  }

  public var description: String { line > 0 ? "\(file):\(line):\(column): \(reason)" : "\(file): \(reason)" }
}

// MARK: - Finding and loading

extension NotesConfiguration {
  /// The name of the configuration file.
  public static let fileName = ".notes-lsp.json"

  /// Finds `.notes-lsp.json` in `directory` or the nearest folder above it (a file URL starts from its folder).
  public static func find(from directory: URL) -> URL? {
    var isDirectory: ObjCBool = false
    var folder = directory.standardizedFileURL
    if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), !isDirectory.boolValue {
      folder = folder.deletingLastPathComponent()
    }
    while true {
      let candidate = folder.appendingPathComponent(fileName)
      var candidateIsDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &candidateIsDirectory),
        !candidateIsDirectory.boolValue
      {
        return candidate
      }
      let parent = folder.deletingLastPathComponent().standardizedFileURL
      if parent.path == folder.path || folder.path == "/" || folder.path.isEmpty { return nil }
      folder = parent
    }
  }

  /// Reads and validates a configuration file; paths in it are relative to its folder.
  public static func load(from file: URL) throws(ConfigurationError) -> NotesConfiguration {
    let path = file.path
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ConfigurationError(file: path, line: 0, column: 0, reason: "cannot read the configuration file")
    }
    var bytes = [UInt8](data)
    // NOTE: a UTF-8 byte order mark (which some Windows editors add) is tolerated, not an error.
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    let parsed: (value: JSONValue, locations: JSONLocations)
    do {
      parsed = try JSONValue.parseWithLocations(bytes)
    } catch {
      let position = jsonSourcePosition(ofUTF8Offset: error.utf8Offset, in: bytes)
      throw ConfigurationError(
        file: path, line: position.line, column: position.column, reason: "invalid JSON: \(error.message)")
    }
    var validator = ConfigurationValidator(
      locations: parsed.locations, baseDirectory: file.deletingLastPathComponent(), source: path,
      allowedFolders: nil)
    var configuration = try validator.validate(parsed.value)
    configuration.file = file
    return configuration
  }

  /// Validates a configuration given as JSON (the file's content, or LSP `initializationOptions` /
  /// `workspace/didChangeConfiguration` settings), resolving relative paths against `baseDirectory`.
  /// Errors carry no line (0) since a JSON value has no text; the reason names the key. Paths must lie under
  /// `allowedFolders` (default: `baseDirectory` and its repository root).
  public static func parse(
    _ json: JSONValue, baseDirectory: URL, source: String, allowedFolders: [URL]? = nil
  ) throws(ConfigurationError) -> NotesConfiguration {
    var validator = ConfigurationValidator(
      locations: nil, baseDirectory: baseDirectory, source: source, allowedFolders: allowedFolders)
    return try validator.validate(json)
  }

  /// Every key `.notes-lsp.json` accepts, in the order the README documents them.
  public static let knownKeys = [
    "rules", "failOn", "include", "exclude", "rosters", "registries", "staleAfterMeetings", "inlayHints", "template",
    "baseline", "$schema",
  ]

}

// MARK: - Validation

/// Turns a JSON value into a `NotesConfiguration`, or the first problem with where it is.
struct ConfigurationValidator {
  let locations: JSONLocations?
  let baseDirectory: URL
  let source: String
  /// Resolved folders configured paths must lie under.
  let allowedFolders: [String]

  /// NOTE: paths a configuration names (rosters, registries, template, baseline) must lie under its own folder or
  /// its repository root (symbolic links resolved): a `.notes-lsp.json` in a cloned repository must not make the
  /// checker or the editor read `/etc/…` or a device. Files elsewhere are named on the command line instead
  /// (`--roster`, `--registry`), where the user sees them.
  init(locations: JSONLocations?, baseDirectory: URL, source: String, allowedFolders: [URL]?) {
    self.locations = locations
    self.baseDirectory = baseDirectory
    self.source = source
    let folders =
      allowedFolders ?? ([baseDirectory] + (NoteSource.repositoryRoot(of: baseDirectory).map { [$0] } ?? []))
    self.allowedFolders = folders.map { $0.standardizedFileURL.resolvingSymlinksInPath().path }
  }

  /// The configured path, resolved, when it lies under an allowed folder.
  func confined(_ path: String, _ pointer: String) throws(ConfigurationError) -> URL {
    let url =
      path.hasPrefix("/")
      ? URL(fileURLWithPath: path).standardizedFileURL : baseDirectory.appendingPathComponent(path).standardizedFileURL
    let resolved = url.resolvingSymlinksInPath().path
    guard allowedFolders.contains(where: { $0 == "/" || NoteFiles.relativePath(resolved, under: $0) != nil }) else {
      throw error(
        at: pointer,
        "\"\(path)\" is outside the configuration's folder (\(baseDirectory.standardizedFileURL.path)) and its "
          + "repository; name it on the command line instead (--roster FILE, --registry cfep=FILE)")
    }
    return url
  }

  func error(at pointer: String, key: Bool = false, _ reason: String) -> ConfigurationError {
    let position = key ? locations?.key(pointer) : locations?.value(pointer)
    return ConfigurationError(file: source, line: position?.line ?? 0, column: position?.column ?? 0, reason: reason)
  }

  /// `"rules"."x"` for messages.
  func describe(_ pointer: String) -> String {
    if pointer.isEmpty { return "the configuration" }
    let tokens = pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
      $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }
    return tokens.map { token in Int(token) != nil ? "[\(token)]" : "\"\(token)\"" }.joined(separator: ".")
      .replacingOccurrences(of: ".[", with: "[")
  }

  mutating func validate(_ json: JSONValue) throws(ConfigurationError) -> NotesConfiguration {
    guard let object = json.objectValue else {
      throw error(at: "", "the configuration must be a JSON object, not \(json.typeName)")
    }
    var configuration = NotesConfiguration()
    configuration.baseDirectory = baseDirectory
    for (key, value) in object {
      let pointer = JSONLocations.pointer("", appending: key)
      switch key {
      case "$schema":
        guard value.stringValue != nil else { throw typeError(pointer, value, "a string") }
      case "rules":
        configuration.settings.severities = try rules(value, pointer)
      case "failOn":
        guard let name = value.stringValue else { throw typeError(pointer, value, "a severity string") }
        guard let severity = Severity(name: name) else {
          throw error(
            at: pointer, "unknown severity \"\(name)\" for \"failOn\"; expected error, warning, information or hint")
        }
        configuration.settings.failOn = severity
      case "include":
        configuration.include = try globs(value, pointer)
      case "exclude":
        configuration.exclude = try globs(value, pointer)
      case "rosters":
        configuration.rosters = try files(value, pointer)
      case "registries":
        guard let registries = value.objectValue else { throw typeError(pointer, value, "an object") }
        for (kind, list) in registries {
          let kindPointer = JSONLocations.pointer(pointer, appending: kind)
          switch kind {
          case "cfep": configuration.cfepRegistries = try files(list, kindPointer)
          case "cep": configuration.cepRegistries = try files(list, kindPointer)
          default:
            throw error(at: kindPointer, key: true, "unknown registry kind \"\(kind)\"; expected \"cfep\" or \"cep\"")
          }
        }
      case "staleAfterMeetings":
        guard let count = value.intValue else { throw typeError(pointer, value, "a whole number") }
        guard count >= 1 else { throw error(at: pointer, "\"staleAfterMeetings\" must be at least 1, not \(count)") }
        configuration.settings.staleAfterMeetings = count
      case "inlayHints":
        guard let flag = value.boolValue else { throw typeError(pointer, value, "true or false") }
        configuration.settings.inlayHints = flag
      case "template":
        guard let path = value.stringValue else { throw typeError(pointer, value, "a file path") }
        configuration.template = try existingFile(path, pointer)
      case "baseline":
        guard let path = value.stringValue, !path.isEmpty else { throw typeError(pointer, value, "a file path") }
        configuration.baseline = try confined(path, pointer)
      default:
        var reason = "unknown key \"\(key)\""
        if let suggestion = Self.nearest(key, in: NotesConfiguration.knownKeys) {
          reason += "; did you mean \"\(suggestion)\"?"
        } else {
          reason += "; known keys: " + NotesConfiguration.knownKeys.filter { $0 != "$schema" }.joined(separator: ", ")
        }
        throw error(at: pointer, key: true, reason)
      }
    }
    return configuration
  }

  func typeError(_ pointer: String, _ value: JSONValue, _ expected: String) -> ConfigurationError {
    error(at: pointer, "\(describe(pointer)) must be \(expected), not \(value.typeName)")
  }

  func rules(_ value: JSONValue, _ pointer: String) throws(ConfigurationError) -> [DiagnosticCode: Severity?] {
    guard let object = value.objectValue else { throw typeError(pointer, value, "an object of rule codes") }
    let known = RuleRegistry.rules.map(\.code.rawValue)
    var severities: [DiagnosticCode: Severity?] = [:]
    for (code, setting) in object {
      let rulePointer = JSONLocations.pointer(pointer, appending: code)
      guard known.contains(code) else {
        var reason = "unknown rule \"\(code)\""
        if let suggestion = Self.nearest(code, in: known) { reason += "; did you mean \"\(suggestion)\"?" }
        throw error(at: rulePointer, key: true, reason)
      }
      guard let name = setting.stringValue else {
        throw typeError(rulePointer, setting, "\"error\", \"warning\", \"information\", \"hint\" or \"off\"")
      }
      if name.lowercased() == "off" {
        severities[DiagnosticCode(rawValue: code)] = .some(nil)
      } else if let severity = Severity(name: name) {
        severities[DiagnosticCode(rawValue: code)] = severity
      } else {
        throw error(
          at: rulePointer,
          "unknown severity \"\(name)\" for rule \"\(code)\"; expected error, warning, information, hint or off")
      }
    }
    return severities
  }

  func strings(_ value: JSONValue, _ pointer: String, _ what: String) throws(ConfigurationError) -> [String] {
    guard let array = value.arrayValue else { throw typeError(pointer, value, "an array of \(what)") }
    var out: [String] = []
    for (index, element) in array.enumerated() {
      let elementPointer = pointer + "/" + String(index)
      guard let string = element.stringValue else { throw typeError(elementPointer, element, "a string") }
      guard !string.isEmpty else { throw error(at: elementPointer, "\(describe(elementPointer)) is empty") }
      out.append(string)
    }
    return out
  }

  func globs(_ value: JSONValue, _ pointer: String) throws(ConfigurationError) -> [String] {
    try strings(value, pointer, "glob patterns")
  }

  func files(_ value: JSONValue, _ pointer: String) throws(ConfigurationError) -> [URL] {
    var urls: [URL] = []
    for (index, path) in try strings(value, pointer, "file paths").enumerated() {
      urls.append(try existingFile(path, pointer + "/" + String(index)))
    }
    return urls
  }

  func existingFile(_ path: String, _ pointer: String) throws(ConfigurationError) -> URL {
    let url = try confined(path, pointer)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
      throw error(at: pointer, "file \"\(path)\" does not exist (looked for \(url.path))")
    }
    guard !isDirectory.boolValue else { throw error(at: pointer, "\"\(path)\" is a folder, not a file") }
    return url
  }

  /// The known word closest to `word` by edit distance, when it is close enough to be a likely typo.
  static func nearest(_ word: String, in candidates: [String]) -> String? {
    var best: (String, Int)?
    for candidate in candidates {
      let distance = editDistance(Array(word.lowercased()), Array(candidate.lowercased()))
      if distance <= max(2, candidate.count / 4), distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
    }
    return best?.0
  }

  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}

// MARK: - Applying

extension NotesConfiguration {
  /// Compiled `include` globs.
  public var includeGlobs: [Glob] { include.map(Glob.init) }
  /// Compiled `exclude` globs.
  public var excludeGlobs: [Glob] { exclude.map(Glob.init) }

  /// Reads the configured rosters and registries into `workspace` and applies the settings.
  public func apply(to workspace: inout NotesWorkspace) throws(FileReadError) {
    workspace.settings = settings
    for roster in rosters {
      workspace.setRoster(name: roster.path, text: try NoteFiles.read(roster).text)
    }
    for registry in cfepRegistries {
      workspace.setRegistry(.cfep, name: registry.path, text: try NoteFiles.read(registry).text)
    }
    for registry in cepRegistries {
      workspace.setRegistry(.cep, name: registry.path, text: try NoteFiles.read(registry).text)
    }
  }
}
