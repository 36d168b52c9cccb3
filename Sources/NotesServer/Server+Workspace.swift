import Foundation
import LSPProtocol
import NotesConfig
import NotesCore
import NotesJSON

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Size and modification time of a file, to tell whether it changed since it was read.
struct FileStamp: Equatable, Sendable {
  var size: Int
  var modifiedNanoseconds: Int

  init?(path: String) {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    size = Int(info.st_size)
    #if canImport(Darwin)
      modifiedNanoseconds = Int(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int(info.st_mtimespec.tv_nsec)
    #else
      modifiedNanoseconds = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
    #endif
  }
}

/// The `file.*` findings of a file read from disk, over the text they point into; `isNote` when the file is also
/// held as a note (empty, not UTF-8) rather than only reported (binary, too large, not regular).
struct FileFindings: Sendable {
  var diagnostics: [Diagnostic]
  var source: SourceText
  var isNote: Bool
}

/// Settings only the server reads; they are taken out before the rest goes to `NotesConfiguration.parse`.
let serverOnlySettingKeys: Set<String> = ["diagnosticsDelayMs", "trace", "server"]

extension NotesLanguageServer {
  // MARK: - Configuration

  /// Reads `.notes-lsp.json` (from the first workspace folder upward) and the editor's settings, then the rosters and
  /// registries they name. A bad configuration is shown to the user and the previous one stays in force.
  func loadConfiguration() {
    var configuration = NotesConfiguration()
    let base = roots.first ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    do {
      // The same finding and loading as `--check` (`NoteSource`), from the first workspace folder upward.
      configuration = try NoteSource.configuration(for: [base])
      if let file = configuration.file { logger.info("configuration: \(file.path)") }
    } catch {
      reportConfigurationError(error.description)
      configuration = self.configuration
    }
    if let settings = editorSettingsObject() {
      do {
        // NOTE: paths in editor settings must lie in the workspace folders (or the configuration's folder): the
        // server reads nothing else.
        let allowed = roots + (configuration.baseDirectory.map { [$0] } ?? [])
        let fromEditor = try NotesConfiguration.parse(
          .object(settings), baseDirectory: base, source: "editor settings", allowedFolders: allowed)
        configuration = Self.merge(configuration, fromEditor, editorKeys: Set(settings.keys))
      } catch {
        reportConfigurationError(error.description)
      }
    }
    self.configuration = configuration
    membership = NoteMembership(configuration: configuration, roots: roots)
    workspace.settings = configuration.settings
    replaceRostersAndRegistries(with: configuration)
    forgetPeople()
  }

  /// The editor's settings object: `initializationOptions` or `didChangeConfiguration` settings, possibly under a
  /// `notesLsp` / `notes-lsp` section, without server-only keys.
  func editorSettingsObject() -> JSONObject? {
    guard var settings = editorSettings, case .object = settings else { return nil }
    if let section = settings["notesLsp"] ?? settings["notes-lsp"] ?? settings["notes_lsp"] { settings = section }
    guard case .object(var object) = settings else { return nil }
    if let delay = object["diagnosticsDelayMs"]?.doubleValue, delay >= 0 { diagnosticsDelayOverride = delay / 1000 }
    for key in serverOnlySettingKeys { object[key] = nil }
    return object.isEmpty ? nil : object
  }

  /// Editor settings override the file's, key by key.
  static func merge(_ file: NotesConfiguration, _ editor: NotesConfiguration, editorKeys: Set<String>)
    -> NotesConfiguration
  {
    var merged = file
    if editorKeys.contains("rules") {
      for (code, severity) in editor.settings.severities { merged.settings.severities[code] = severity }
    }
    if editorKeys.contains("failOn") { merged.settings.failOn = editor.settings.failOn }
    if editorKeys.contains("staleAfterMeetings") {
      merged.settings.staleAfterMeetings = editor.settings.staleAfterMeetings
    }
    if editorKeys.contains("inlayHints") { merged.settings.inlayHints = editor.settings.inlayHints }
    if editorKeys.contains("include") { merged.include = editor.include }
    if editorKeys.contains("exclude") { merged.exclude = editor.exclude }
    if editorKeys.contains("rosters") { merged.rosters = editor.rosters }
    if editorKeys.contains("registries") {
      merged.cfepRegistries = editor.cfepRegistries
      merged.cepRegistries = editor.cepRegistries
    }
    if editorKeys.contains("template") { merged.template = editor.template }
    if editorKeys.contains("baseline") { merged.baseline = editor.baseline }
    return merged
  }

  /// Drops the rosters and registries read before and reads the configured ones.
  func replaceRostersAndRegistries(with configuration: NotesConfiguration) {
    for name in loadedRosterNames { workspace.removeRoster(name: name) }
    for (kind, name) in loadedRegistryNames { workspace.removeRegistry(kind, name: name) }
    loadedRosterNames = []
    loadedRegistryNames = []
    for roster in configuration.rosters {
      do {
        workspace.setRoster(name: roster.path, text: try NoteFiles.read(roster).text)
        loadedRosterNames.append(roster.path)
      } catch { reportConfigurationError("roster \(error.description)") }
    }
    for (kind, urls) in [(ProposalKind.cfep, configuration.cfepRegistries), (.cep, configuration.cepRegistries)] {
      for registry in urls {
        do {
          workspace.setRegistry(kind, name: registry.path, text: try NoteFiles.read(registry).text)
          loadedRegistryNames.append((kind, registry.path))
        } catch { reportConfigurationError("registry \(error.description)") }
      }
    }
  }

  func reportConfigurationError(_ message: String) {
    logger.error("configuration: \(message)")
    notify("window/showMessage", ["type": 1, "message": .string("notes-lsp configuration: \(message)")])
  }

  func didChangeConfiguration(_ params: DidChangeConfigurationNotification.Params) {
    if let settings = params.settings {
      editorSettings = settings
    }
    loadConfiguration()
    reindex(reason: "configuration changed")
  }

  func didChangeWorkspaceFolders(_ params: DidChangeWorkspaceFoldersNotification.Params) {
    for removed in params.removed {
      if let url = Self.fileURL(removed.uri) {
        roots.removeAll { $0.standardizedFileURL.path == url.standardizedFileURL.path }
      }
    }
    for added in params.added {
      if let url = Self.fileURL(added.uri) { roots.append(url) }
    }
    membership = NoteMembership(configuration: configuration, roots: roots)
    reindex(reason: "workspace folders changed")
  }

  // MARK: - Indexing

  /// Indexes the workspace once, on the message loop: every message after it waits, so no request is answered from
  /// half an index.
  func ensureIndexed() {
    guard case .notStarted = indexState else { return }
    indexWorkspace()
  }

  func reindex(reason: String) {
    logger.info("re-indexing: \(reason)")
    // Forget notes read from disk; open documents stay.
    for (path, uri) in uriByPath where openDocuments[uri] == nil {
      workspace.remove(uri: uri)
      uriByPath[path] = nil
    }
    diskStamps = [:]
    fileFindings = [:]
    membership = NoteMembership(configuration: configuration, roots: roots)
    indexState = .notStarted
    forgetPeople()
    indexWorkspace()
  }

  func indexWorkspace() {
    let started = DispatchTime.now().uptimeNanoseconds
    // NOTE: the same membership (`NoteMembership`) and loading (`NoteSource.load`) as `--check`, so the server holds
    // and reports exactly the files `--check` does, with the same `file.*` findings.
    if membership.roots != roots.map({ $0.standardizedFileURL.path }) {
      membership = NoteMembership(configuration: configuration, roots: roots)
    }
    let files = membership.discovery(of: roots).files
    let discovered = DispatchTime.now().uptimeNanoseconds
    let progressToken = JSONValue.string("notes-lsp-index-\(nextOutgoingID)")
    if client.workDoneProgress {
      request("window/workDoneProgress/create", ["token": progressToken])
      notify(
        "$/progress",
        [
          "token": progressToken,
          "value": [
            "kind": "begin", "title": "Indexing notes", "cancellable": false, "percentage": 0,
            "message": .string("\(files.count) files"),
          ],
        ])
    }
    // Read and parse in parallel; fold into the workspace in order on this loop.
    // NOTE: discovery returns standardized paths, so `url.path` is the key here (standardizing 10,000 URLs again
    // costs measurable time).
    var pending: [URL] = []
    var heldURIs: [String?] = []
    pending.reserveCapacity(files.count)
    heldURIs.reserveCapacity(files.count)
    for url in files {
      let held = uriByPath[url.path]
      if let held, openDocuments[held] != nil { continue }
      pending.append(url)
      heldURIs.append(held)
    }
    let parsed = Self.readAndParse(pending, uris: heldURIs, settings: configuration.settings, logger: logger) {
      [self] done in
      guard client.workDoneProgress, pending.count > 0 else { return }
      let percentage = done * 100 / pending.count
      notify(
        "$/progress",
        [
          "token": progressToken,
          "value": ["kind": "report", "percentage": .int(percentage), "message": .string("\(done)/\(pending.count)")],
        ])
    }
    let parsedAt = DispatchTime.now().uptimeNanoseconds
    for entry in parsed {
      guard let entry else { continue }
      hold(entry.prepared, uri: entry.uri, path: entry.path)
      if let stamp = entry.stamp { diskStamps[entry.path] = stamp }
    }
    indexState = .ready
    // NOTE: the people of the workspace are joined here, as part of indexing, so neither the first diagnostics nor
    // the first completion waits for them.
    let parsedIntoWorkspace = DispatchTime.now().uptimeNanoseconds
    peopleGeneration += 1
    peopleDirectory = PeopleDirectory(workspace)
    let finished = DispatchTime.now().uptimeNanoseconds
    let millis = Double(finished - started) / 1e6
    logger.debug(
      "index: discover \((discovered - started) / 1_000_000) ms, read+parse \((parsedAt - discovered) / 1_000_000) ms, "
        + "workspace \((parsedIntoWorkspace - parsedAt) / 1_000_000) ms, people \((finished - parsedIntoWorkspace) / 1_000_000) ms"
    )
    logger.info("indexed \(pending.count) notes in \(String(format: "%.0f", millis)) ms")
    if client.workDoneProgress {
      notify(
        "$/progress",
        ["token": progressToken, "value": ["kind": "end", "message": .string("\(pending.count) notes indexed")]])
    }
    notify("$/notes-lsp/indexReady", ["notes": .int(pending.count), "milliseconds": .double(millis)])
    refreshAllDiagnostics()
  }

  struct ParsedFile: Sendable {
    var path: String
    var uri: String
    var prepared: PreparedFile
    var stamp: FileStamp?
  }

  /// A file read from disk, made ready to hold (on any thread): a note as the workspace holds it without its parse,
  /// with its `file.*` findings; anything else as loaded.
  enum PreparedFile: Sendable {
    case note(NotesWorkspace.HeldNote, fileDiagnostics: [Diagnostic])
    case other(LoadedFile)

    /// Prepares `loaded` to be held under `uri` (the note is parsed again when it was read under another URI).
    init(_ loaded: LoadedFile, uri: String, settings: NotesSettings) {
      guard case .note(let document, let decoded, _) = loaded else {
        self = .other(loaded)
        return
      }
      let held = uri == document.uri ? document : NoteParser.parse(uri: uri, text: decoded.text)
      self = .note(
        NotesWorkspace.HeldNote(held, summary: NoteSummary(held)),
        fileDiagnostics: FileDiagnostics.diagnostics(decoded, source: held.source, settings: settings))
    }
  }

  /// The URI a file read from disk is held under: the one it is known by, else its `file://` URI.
  func heldURI(path: String) -> String { uriByPath[path] ?? URL(fileURLWithPath: path).absoluteString }

  /// Holds a file read from disk: a note goes into the workspace (by its text, summary and postings: the editor has
  /// it not open), its `file.*` findings (if any) beside it; a file that is not a note (binary, too large, not
  /// regular) leaves the workspace and keeps only its findings.
  func hold(_ prepared: PreparedFile, uri: String, path: String) {
    switch prepared {
    case .note(let held, let found):
      workspace.hold(held)
      fileFindings[uri] = found.isEmpty ? nil : FileFindings(diagnostics: found, source: held.source, isNote: true)
      uriByPath[path] = uri
    case .other(.fileOnly(let diagnostics, let source, _)):
      workspace.remove(uri: uri)
      fileFindings[uri] = FileFindings(diagnostics: diagnostics, source: source, isNote: false)
      uriByPath[path] = uri
    case .other(.unreadable(let error)):
      logger.warning("cannot read \(path): \(error.reason)")
    case .other(.note):
      break  // Prepared as `.note` above.
    }
  }

  /// `hold(_:uri:path:)` of a file just loaded, on this thread.
  func hold(_ loaded: LoadedFile, path: String) {
    let uri = heldURI(path: path)
    hold(PreparedFile(loaded, uri: uri, settings: workspace.settings), uri: uri, path: path)
  }

  /// The findings of `uri`, exactly as `--check` prints them for the same file: its `file.*` findings (from disk, or
  /// of the editor's text when it is open) and, for a note, the note's. Nil when the server holds no such file.
  func findings(for uri: String) -> (diagnostics: [Diagnostic], source: SourceText)? {
    if let open = documents.document(uri), let document = workspace.document(uri) {
      // NOTE: the editor's text is a string: it can be empty or look binary, never be invalid UTF-8. Only its first
      // 8 KiB are looked at (as `DecodedText` does), so this stays cheap on every publish.
      let decoded = DecodedText(bytes: Array(open.source.bytes.prefix(8192)))
      let found = FileDiagnostics.diagnostics(decoded, source: document.source, settings: workspace.settings).filter {
        $0.code != .fileNotUTF8
      }
      if decoded.issues.contains(.binary) { return (found, document.source) }
      return (Self.sorted(found + workspace.diagnostics(for: document)), document.source)
    }
    if let file = fileFindings[uri] {
      guard file.isNote, let document = workspace.document(uri) else { return (file.diagnostics, file.source) }
      return (Self.sorted(file.diagnostics + workspace.diagnostics(for: document)), document.source)
    }
    guard let document = workspace.document(uri) else { return nil }
    return (workspace.diagnostics(for: document), document.source)
  }

  static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.sorted {
      ($0.range.utf8Start, $0.range.utf8End, $0.code) < ($1.range.utf8Start, $1.range.utf8End, $1.code)
    }
  }

  /// Reads and parses files on all cores (`NoteSource.load`, as `--check` does); reports progress about every 5%.
  static func readAndParse(
    _ files: [URL], uris: [String?], settings: NotesSettings, logger: Logger, progress: (Int) -> Void
  ) -> [ParsedFile?] {
    let count = files.count
    guard count > 0 else { return [] }
    let results = UnsafeMutableBufferPointer<ParsedFile?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer { results.deallocate() }
    let chunk = 64
    let chunks = (count + chunk - 1) / chunk
    let step = max(1, chunks / 20)
    var reported = 0
    var start = 0
    // Batches of chunks, so progress can be reported from this thread between them.
    while start < chunks {
      let end = min(chunks, start + step)
      let base = SendablePointer(pointer: results.baseAddress!)
      let slice = (start, end)
      DispatchQueue.concurrentPerform(iterations: end - start) { offset in
        let c = slice.0 + offset
        for i in (c * chunk)..<min(count, (c + 1) * chunk) {
          let path = files[i].path
          let uri = uris[i] ?? URL(fileURLWithPath: path).absoluteString
          let loaded = NoteSource.load(files[i], settings: settings)
          (base.pointer + i).pointee = ParsedFile(
            path: path, uri: uri, prepared: PreparedFile(loaded, uri: uri, settings: settings),
            stamp: FileStamp(path: path))
        }
      }
      start = end
      let done = min(count, end * chunk)
      if done - reported >= max(1, count / 20) || done == count {
        progress(done)
        reported = done
      }
    }
    return Array(results)
  }

  // MARK: - The next meeting

  /// `notes-lsp.newMeeting`'s file work, through `NoteSource` as `notes-lsp new` does: the series (the note or
  /// folder `given` names, else the latest), the configured template, the overwrite check and the atomic write. The
  /// series must lie in a workspace folder. Returns the new note's URI.
  func createNextMeeting(given: String?, date: MeetingDate?) throws -> (uri: String, plan: NewMeetingPlan) {
    guard let folder = NoteSource.seriesFolder(given: given, workspace: workspace) else {
      throw ResponseError(code: .requestFailed, message: "No dated meeting notes in \(given ?? "the workspace").")
    }
    guard let folderURL = Self.fileURL(folder), membership.root(of: folderURL.standardizedFileURL.path) != nil else {
      throw ResponseError(code: .requestFailed, message: "\(folder) is not in a workspace folder.")
    }
    let created: (url: URL, plan: NewMeetingPlan)
    do {
      created = try NoteSource.createNextMeeting(
        seriesFolder: folder, date: date, workspace: workspace, configuration: configuration)
    } catch { throw ResponseError(code: .requestFailed, message: error.message) }
    let path = created.url.standardizedFileURL.path
    refreshFromDisk(path: path, deleted: false)
    return (uriByPath[path] ?? created.url.absoluteString, created.plan)
  }

  /// A document closed: the workspace goes back to the file on disk when it is still there and belongs to the
  /// workspace, else the note is forgotten. Returns whether the file is still held.
  func reloadAfterClose(uri: String) -> Bool {
    let path = Self.pathKey(uri)
    diskStamps[path] = nil
    guard membership.contains(path), FileStamp(path: path) != nil else {
      workspace.remove(uri: uri)
      fileFindings[uri] = nil
      uriByPath[path] = nil
      return false
    }
    let loaded = NoteSource.load(URL(fileURLWithPath: path), settings: workspace.settings)
    if case .unreadable = loaded {
      workspace.remove(uri: uri)
      uriByPath[path] = nil
      return false
    }
    let before = workspace.summary(uri)?.attendees
    hold(loaded, path: path)
    if before != workspace.summary(uri)?.attendees { forgetPeople() }
    diskStamps[path] = FileStamp(path: path)
    return true
  }

  // MARK: - Following the disk

  func didChangeWatchedFiles(_ params: DidChangeWatchedFilesNotification.Params) {
    var configurationChanged = false
    var changed = false
    for event in params.changes {
      if event.uri.hasSuffix("/" + NotesConfiguration.fileName) || event.uri.hasSuffix("/.gitignore") {
        configurationChanged = true
        continue
      }
      guard let url = Self.fileURL(event.uri) else { continue }
      changed = refreshFromDisk(path: url.standardizedFileURL.path, deleted: event.type == .deleted) || changed
    }
    if configurationChanged {
      loadConfiguration()
      reindex(reason: "\(NotesConfiguration.fileName) or .gitignore changed")
    } else if changed {
      forgetPeople()
      refreshAllDiagnostics()
    }
  }

  /// Re-reads one file from disk unless it is open; returns whether the workspace changed.
  /// NOTE: membership is `NoteMembership`'s, the policy of the walk: a file outside the workspace folders, ignored or
  /// excluded is never read, and leaves the workspace if it was held.
  @discardableResult
  func refreshFromDisk(path: String, deleted: Bool) -> Bool {
    if let uri = uriByPath[path], openDocuments[uri] != nil { return false }  // The editor's text wins.
    let stamp = deleted || !membership.contains(path) ? nil : FileStamp(path: path)
    guard let stamp else {
      guard let uri = uriByPath.removeValue(forKey: path) else { return false }
      workspace.remove(uri: uri)
      fileFindings[uri] = nil
      diskStamps[path] = nil
      clearDiagnostics(uri)
      return true
    }
    if diskStamps[path] == stamp, uriByPath[path] != nil { return false }
    let loaded = NoteSource.load(URL(fileURLWithPath: path), settings: workspace.settings)
    if case .unreadable = loaded { return false }
    hold(loaded, path: path)
    diskStamps[path] = stamp
    return true
  }

  /// Some clients never send `didChangeWatchedFiles`: on open and save, rescan the note's folder for notes that were
  /// added, changed or removed on disk.
  @discardableResult
  func rescanFolder(of uri: String) -> Bool {
    guard case .ready = indexState, let url = Self.fileURL(uri) else { return false }
    let folder = url.deletingLastPathComponent()
    guard roots.contains(where: { folder.standardizedFileURL.path.hasPrefix($0.standardizedFileURL.path) }) else {
      return false
    }
    let started = DispatchTime.now().uptimeNanoseconds
    var changed = false
    var seen: Set<String> = []
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    let folderPath = folder.standardizedFileURL.path
    for name in names {
      // NOTE: a plain name appended to the standardized folder (no URL per file: a folder of 1,000 notes is rescanned
      // on every open, before the first keystroke is handled).
      let path = folderPath == "/" ? "/" + name : folderPath + "/" + name
      // A file held from disk and unchanged since (it belonged to the workspace when it was read; a change of
      // membership re-indexes): nothing to do.
      if uriByPath[path] != nil, let stamp = diskStamps[path], stamp == FileStamp(path: path) {
        seen.insert(path)
        continue
      }
      var info = stat()
      guard membership.contains(path), stat(path, &info) != 0 || (info.st_mode & S_IFMT) != S_IFDIR else { continue }
      seen.insert(path)
      if refreshFromDisk(path: path, deleted: false) { changed = true }
    }
    let prefix = folder.standardizedFileURL.path + "/"
    for path in Array(uriByPath.keys) where path.hasPrefix(prefix) && !seen.contains(path) {
      if !path.dropFirst(prefix.count).contains("/"), refreshFromDisk(path: path, deleted: true) { changed = true }
    }
    if changed {
      forgetPeople()
      logger.debug("rescan of \(folder.path) found changes")
    }
    logger.debug(
      "rescan of \(folder.path): \(names.count) names in \((DispatchTime.now().uptimeNanoseconds - started) / 1000) µs")
    return changed
  }
}

/// A buffer that concurrent workers fill at distinct indices.
struct SendablePointer<T>: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<T>
}
