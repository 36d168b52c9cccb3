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

/// Settings only the server reads; they are taken out before the rest goes to `NotesConfiguration.parse`.
let serverOnlySettingKeys: Set<String> = ["diagnosticsDelayMs", "trace", "server"]

extension NotesLanguageServer {
  // MARK: - Configuration

  /// Reads `.notes-lsp.json` (from the first workspace folder upward) and the editor's settings, then the rosters and
  /// registries they name. A bad configuration is shown to the user and the previous one stays in force.
  func loadConfiguration() {
    var configuration = NotesConfiguration()
    let base = roots.first ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    if let file = NotesConfiguration.find(from: base) {
      do {
        configuration = try NotesConfiguration.load(from: file)
        logger.info("configuration: \(file.path)")
      } catch {
        reportConfigurationError(error.description)
        configuration = self.configuration
      }
    }
    if let settings = editorSettingsObject() {
      do {
        let fromEditor = try NotesConfiguration.parse(.object(settings), baseDirectory: base, source: "editor settings")
        configuration = Self.merge(configuration, fromEditor, editorKeys: Set(settings.keys))
      } catch {
        reportConfigurationError(error.description)
      }
    }
    self.configuration = configuration
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
    indexState = .notStarted
    forgetPeople()
    indexWorkspace()
  }

  func indexWorkspace() {
    let started = DispatchTime.now().uptimeNanoseconds
    let files = NoteFiles.discover(roots: roots, configuration: configuration)
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
    let pending = files.filter { url in
      let path = url.path
      guard let uri = uriByPath[path] else { return true }
      return openDocuments[uri] == nil
    }
    let parsed = Self.readAndParse(pending, logger: logger) { [self] done in
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
      workspace.update(entry.document, summary: entry.summary)
      uriByPath[entry.path] = entry.document.uri
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
    var document: NoteDocument
    var summary: NoteSummary
    var stamp: FileStamp?
  }

  /// Reads and parses files on all cores; reports progress about every 5%.
  static func readAndParse(_ files: [URL], logger: Logger, progress: (Int) -> Void) -> [ParsedFile?] {
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
          let url = files[i]
          let path = url.path
          do {
            let decoded = try NoteFiles.read(url)
            let uri = URL(fileURLWithPath: path).absoluteString
            let document = NoteParser.parse(uri: uri, text: decoded.text)
            (base.pointer + i).pointee = ParsedFile(
              path: path, document: document, summary: NoteSummary(document), stamp: FileStamp(path: path))
          } catch {
            logger.warning("cannot read \(path): \(error)")
          }
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

  // MARK: - Following the disk

  func didChangeWatchedFiles(_ params: DidChangeWatchedFilesNotification.Params) {
    var configurationChanged = false
    var changed = false
    for event in params.changes {
      if event.uri.hasSuffix("/" + NotesConfiguration.fileName) {
        configurationChanged = true
        continue
      }
      guard let url = Self.fileURL(event.uri) else { continue }
      changed = refreshFromDisk(path: url.standardizedFileURL.path, deleted: event.type == .deleted) || changed
    }
    if configurationChanged {
      loadConfiguration()
      reindex(reason: "\(NotesConfiguration.fileName) changed")
    } else if changed {
      forgetPeople()
      refreshAllDiagnostics()
    }
  }

  /// Re-reads one file from disk unless it is open; returns whether the workspace changed.
  @discardableResult
  func refreshFromDisk(path: String, deleted: Bool) -> Bool {
    if let uri = uriByPath[path], openDocuments[uri] != nil { return false }  // The editor's text wins.
    let stamp = deleted ? nil : FileStamp(path: path)
    guard let stamp else {
      guard let uri = uriByPath.removeValue(forKey: path) else { return false }
      workspace.remove(uri: uri)
      diskStamps[path] = nil
      clearDiagnostics(uri)
      return true
    }
    if diskStamps[path] == stamp, uriByPath[path] != nil { return false }
    guard NoteFiles.isMarkdown(path), uriByPath[path] != nil || !isExcluded(path: path) else { return false }
    guard let decoded = try? NoteFiles.read(URL(fileURLWithPath: path)) else { return false }
    let uri = uriByPath[path] ?? URL(fileURLWithPath: path).absoluteString
    workspace.update(uri: uri, text: decoded.text)
    uriByPath[path] = uri
    diskStamps[path] = stamp
    return true
  }

  /// Whether configuration keeps a file out of the workspace (`exclude`, or not matched by a non-empty `include`).
  func isExcluded(path: String) -> Bool {
    let base = (configuration.baseDirectory ?? roots.first)?.standardizedFileURL.path ?? ""
    guard !base.isEmpty, path.hasPrefix(base + "/") else { return false }
    let relative = String(path.dropFirst(base.count + 1))
    if relative.split(separator: "/").dropLast().contains(where: { NoteFiles.isSkippedFolder(String($0)) }) {
      return true
    }
    if configuration.excludeGlobs.contains(where: { $0.matchesSelfOrAncestor(relative) }) { return true }
    let include = configuration.includeGlobs
    return !include.isEmpty && !include.contains { $0.matches(relative) }
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
    var changed = false
    var seen: Set<String> = []
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names {
      guard NoteFiles.isMarkdown(name) else { continue }
      let path = folder.appendingPathComponent(name).standardizedFileURL.path
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
    return changed
  }
}

/// A buffer that concurrent workers fill at distinct indices.
struct SendablePointer<T>: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<T>
}
