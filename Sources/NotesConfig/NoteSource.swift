import Foundation
import NotesCore

/// A file read from disk: a note, or only the file's own findings, or a failure the front end reports.
public enum LoadedFile: Sendable {
  /// A parsed note and its decoded text (for the file-level findings: empty, not UTF-8).
  case note(NoteDocument, DecodedText, bytes: Int)
  /// Not read as a note (binary, too large, not a regular file): only the file's own findings, over `source`.
  case fileOnly([Diagnostic], SourceText, bytes: Int)
  /// The file system refused (permissions, vanished): not a finding, a problem of the run.
  case unreadable(FileReadError)

  /// The document, when the file is a note.
  public var document: NoteDocument? {
    if case .note(let document, _, _) = self { return document }
    return nil
  }
}

/// The one loading layer both front ends (`--check` and the server) call: which configuration applies, which files
/// belong (`NoteMembership`), what a file on disk is (`load`), which workspace named files belong to, the reference
/// files a configuration names, and writing the next meeting's note.
public enum NoteSource {
  /// The URI a file is known by in the workspace: a `file://` URI, as editors send.
  public static func uri(of url: URL) -> String { url.standardizedFileURL.absoluteString }

  // MARK: - One file

  /// Reads a file into a note or into `file.*` findings (made by the core's `FileDiagnostics`, with `settings`).
  public static func load(_ url: URL, settings: NotesSettings) -> LoadedFile {
    let bytes: [UInt8]
    do {
      bytes = try NoteFiles.readBytes(url)
    } catch {
      switch error.kind {
      case .io: return .unreadable(error)
      case .notRegular(let kind):
        return .fileOnly(FileDiagnostics.notRegular(kind: kind, settings: settings), SourceText(""), bytes: 0)
      case .tooLarge(let limit, let size):
        return .fileOnly(
          FileDiagnostics.tooLarge(size: size, limit: limit, settings: settings), SourceText(""), bytes: 0)
      }
    }
    return load(bytes: bytes, uri: uri(of: url), settings: settings)
  }

  /// A file's bytes into a note or `file.*` findings. NOTE: a binary file is reported (`file.binary`) and not read as
  /// a note: its "lines" would only be noise.
  public static func load(bytes: [UInt8], uri: String, settings: NotesSettings) -> LoadedFile {
    let decoded = DecodedText(bytes: bytes)
    if decoded.issues.contains(.binary) {
      let source = SourceText(decoded.text)
      return .fileOnly(
        FileDiagnostics.diagnostics(decoded, source: source, settings: settings), source, bytes: bytes.count)
    }
    return .note(NoteParser.parse(uri: uri, text: decoded.text), decoded, bytes: bytes.count)
  }

  // MARK: - Configuration

  /// What the command line (or the editor) asked about configuration.
  public struct ConfigurationRequest: Sendable {
    /// `--config FILE`: this file instead of looking for `.notes-lsp.json`.
    public var file: URL?
    /// `--no-config`: the defaults.
    public var noConfig: Bool
    /// `--roster FILE`, `--registry cfep=FILE`: named by the user, so read wherever they are.
    public var rosters: [URL]
    public var cfepRegistries: [URL]
    public var cepRegistries: [URL]

    public init(
      file: URL? = nil, noConfig: Bool = false, rosters: [URL] = [], cfepRegistries: [URL] = [],
      cepRegistries: [URL] = []
    ) {
      self.file = file
      self.noConfig = noConfig
      self.rosters = rosters
      self.cfepRegistries = cfepRegistries
      self.cepRegistries = cepRegistries
    }
  }

  /// The configuration for `paths`: `--config`, else `.notes-lsp.json` in the first path's folder or the nearest
  /// folder above it, else the defaults; plus what the command line names.
  /// NOTE: one configuration per run, found from the first path: a workspace is one set of people and series.
  public static func configuration(for paths: [URL], request: ConfigurationRequest = ConfigurationRequest())
    throws(ConfigurationError) -> NotesConfiguration
  {
    var configuration = NotesConfiguration()
    if let file = request.file {
      configuration = try NotesConfiguration.load(from: file.standardizedFileURL)
    } else if !request.noConfig, let first = paths.first, let found = NotesConfiguration.find(from: first) {
      configuration = try NotesConfiguration.load(from: found)
    }
    configuration.rosters += request.rosters
    configuration.cfepRegistries += request.cfepRegistries
    configuration.cepRegistries += request.cepRegistries
    return configuration
  }

  /// Reads the configured rosters and registries into `workspace` (each read capped like a note) and applies the
  /// settings. A file that cannot be read is a configuration error.
  public static func loadReferences(_ configuration: NotesConfiguration, into workspace: inout NotesWorkspace)
    throws(ConfigurationError)
  {
    workspace.settings = configuration.settings
    func text(_ url: URL, _ what: String) throws(ConfigurationError) -> String {
      do { return try NoteFiles.read(url).text } catch {
        throw ConfigurationError(
          file: configuration.file?.path ?? url.path, line: 0, column: 0,
          reason: "cannot read \(what) \(url.path): \(error.reason)")
      }
    }
    for roster in configuration.rosters {
      workspace.setRoster(name: roster.path, text: try text(roster, "roster"))
    }
    for registry in configuration.cfepRegistries {
      workspace.setRegistry(.cfep, name: registry.path, text: try text(registry, "registry"))
    }
    for registry in configuration.cepRegistries {
      workspace.setRegistry(.cep, name: registry.path, text: try text(registry, "registry"))
    }
  }

  // MARK: - The workspace of named paths

  /// The nearest folder at or above `folder` holding `.git` (a folder, or a file in a git worktree), else nil.
  public static func repositoryRoot(of folder: URL) -> URL? {
    var current = folder.standardizedFileURL
    while true {
      var info = stat()
      if stat(current.path + "/.git", &info) == 0 { return current }
      let parent = current.deletingLastPathComponent().standardizedFileURL
      if parent.path == current.path || current.path == "/" || current.path.isEmpty { return nil }
      current = parent
    }
  }

  /// The workspace roots that `paths` (files or folders) belong to: for each, the folder of the configuration file
  /// that applies when the path lies under it, else the repository root, else the path's own folder (a file's folder).
  /// Nested roots collapse into the outer one. `--check FILE…` indexes these for people, series and carry-over and
  /// reports only on the paths it was given, so `--check note.md` and `--check its-folder/` agree on that note.
  public static func workspaceRoots(for paths: [URL], configuration: NotesConfiguration) -> [URL] {
    let base = configuration.baseDirectory?.standardizedFileURL.path
    var roots: [String] = []
    for url in paths {
      let path = url.standardizedFileURL.path
      var info = stat()
      let isFolder = stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
      let folder = isFolder ? path : (path as NSString).deletingLastPathComponent
      if let base, base == folder || NoteFiles.relativePath(folder, under: base) != nil {
        roots.append(base)
      } else if let repository = repositoryRoot(of: URL(fileURLWithPath: folder)) {
        roots.append(repository.path)
      } else {
        roots.append(folder)
      }
    }
    let unique = Set(roots).sorted { $0.count < $1.count }
    var kept: [String] = []
    for root in unique where !kept.contains(where: { $0 == root || NoteFiles.relativePath(root, under: $0) != nil }) {
      kept.append(root)
    }
    return kept.sorted().map { URL(fileURLWithPath: $0, isDirectory: true) }
  }

  // MARK: - The next meeting

  /// The series folder (a `file://` URI ending in `/`) the next meeting goes in: the folder of the note `given`
  /// names, or the folder `given` names when it holds dated meeting notes, else the folder of the latest dated meeting
  /// note under `given` (or in the whole workspace when `given` is nil).
  public static func seriesFolder(given: String?, workspace: NotesWorkspace) -> String? {
    let summaries = workspace.uris.compactMap { workspace.summary($0) }.filter { $0.isMeetingNote && $0.date != nil }
    if let given {
      if let summary = workspace.summary(given) { return summary.folder }
      let folder = given.hasSuffix("/") ? given : given + "/"
      if summaries.contains(where: { $0.folder == folder }) { return folder }
      let under = summaries.filter { $0.folder.hasPrefix(folder) }
      return under.max { ($0.date!, $0.uri) < ($1.date!, $1.uri) }?.folder
    }
    return summaries.max { ($0.date!, $0.uri) < ($1.date!, $1.uri) }?.folder
  }

  /// Why the next meeting's note was not written.
  public struct NextMeetingError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
  }

  /// Plans the next meeting of the series in `seriesFolder` (the configured template, read capped) and writes it:
  /// atomically, never over an existing file. Returns the file written and the plan.
  public static func createNextMeeting(
    seriesFolder: String, date: MeetingDate?, workspace: NotesWorkspace, configuration: NotesConfiguration
  ) throws(NextMeetingError) -> (url: URL, plan: NewMeetingPlan) {
    // NOTE: one note per meeting: a second `new` for a date the series already has is refused, whatever the
    // file would be called.
    if let existing = NewMeeting.existingNote(folder: seriesFolder, workspace: workspace, date: date) {
      let name = URL(string: existing)?.lastPathComponent ?? existing
      throw NextMeetingError("a note for that date already exists in the series (\(name)); nothing was written")
    }
    var template: String?
    if let url = configuration.template {
      do { template = try NoteFiles.read(url).text } catch { throw NextMeetingError("template: \(error.description)") }
    }
    guard let folder = URL(string: seriesFolder), folder.isFileURL,
      let plan = NewMeeting.plan(folder: seriesFolder, workspace: workspace, date: date, template: template)
    else { throw NextMeetingError("no dated meeting note to follow in \(seriesFolder)") }
    let target = folder.appendingPathComponent(plan.fileName).standardizedFileURL
    do { try NoteFiles.createExclusively(plan.text, at: target) } catch {
      throw NextMeetingError("\(error.path) \(error.reason)")
    }
    return (target, plan)
  }
}
