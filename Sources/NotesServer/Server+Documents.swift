import Foundation
import LSPProtocol
import NotesConfig
import NotesCore
import NotesJSON

extension NotesLanguageServer {
  // MARK: - Text synchronisation

  func didOpen(_ params: JSONValue) throws {
    guard let item = params["textDocument"].flatMap(TextDocumentItem.init(json:)) else {
      throw ResponseError.invalidParams("textDocument missing or malformed")
    }
    ensureIndexed()
    let path = Self.pathKey(item.uri)
    if let held = uriByPath[path], held != item.uri {
      workspace.remove(uri: held)  // The same file, held under another spelling of its URI.
    }
    uriByPath[path] = item.uri
    openDocuments[item.uri] = OpenDocument(text: item.text, version: item.version)
    let started = DispatchTime.now().uptimeNanoseconds
    store(uri: item.uri, text: item.text)
    logger.debug("opened \(item.uri): parsed in \((DispatchTime.now().uptimeNanoseconds - started) / 1000) µs")
    scheduleDiagnostics(item.uri, delay: 0)
    // After the first diagnostics: look for notes added, changed or removed on disk next to this one.
    queue.async { [self] in
      if phase == .running, rescanFolder(of: item.uri) { refreshAllDiagnostics() }
    }
  }

  func didChange(_ params: JSONValue) throws {
    guard let uri = params["textDocument"]?["uri"]?.stringValue,
      let changes = params["contentChanges"]?.arrayValue
    else { throw ResponseError.invalidParams("textDocument or contentChanges missing") }
    guard var document = openDocuments[uri] else {
      logger.warning("didChange for \(uri), which is not open")
      return
    }
    let version = params["textDocument"]?["version"]?.intValue
    if let version, version <= document.version {
      logger.warning("didChange for \(uri) with version \(version) after \(document.version): applied anyway")
    }
    for raw in changes {
      guard let change = TextDocumentContentChangeEvent(json: raw) else {
        throw ResponseError.invalidParams("malformed content change")
      }
      if let range = change.range {
        let source = SourceText(document.text)
        let span = conversion.utf8Range(range, in: source, uri: uri)
        var bytes = source.bytes
        bytes.replaceSubrange(span.utf8Start..<span.utf8End, with: Array(change.text.utf8))
        document.text = String(decoding: bytes, as: UTF8.self)
      } else {
        document.text = change.text
      }
    }
    if let version { document.version = version }
    openDocuments[uri] = document
    // NOTE: the debounce starts before the parse, so parsing a long note overlaps the pause rather than delaying
    // the diagnostics after it.
    scheduleDiagnostics(uri, delay: diagnosticsDelayOverride ?? options.diagnosticsDelay)
    store(uri: uri, text: document.text, typing: true)
  }

  func didClose(_ params: JSONValue) throws {
    guard let uri = params["textDocument"]?["uri"]?.stringValue else {
      throw ResponseError.invalidParams("textDocument missing")
    }
    openDocuments[uri] = nil
    diagnosticGeneration[uri, default: 0] += 1
    if reloadAfterClose(uri: uri) {
      // The file is still there: the workspace went back to what is on disk.
      if !client.pullDiagnostics, publishedNonEmpty.contains(uri) { publishDiagnostics(uri, version: nil) }
    } else {
      forgetPeople()
      clearDiagnostics(uri)
    }
  }

  func didSave(_ params: JSONValue) throws {
    guard let uri = params["textDocument"]?["uri"]?.stringValue else {
      throw ResponseError.invalidParams("textDocument missing")
    }
    diskStamps[Self.pathKey(uri)] = FileStamp(path: Self.pathKey(uri))
    if rescanFolder(of: uri) { refreshAllDiagnostics() }
  }

  /// Parses and holds a note's text; forgets the people directory when who the note lists changed.
  func store(uri: String, text: String, typing: Bool = false) {
    let before = workspace.document(uri)?.attendees
    let document = workspace.update(uri: uri, text: text)
    if before != document.attendees { forgetPeople(whileTyping: typing) }
  }

  // MARK: - Diagnostics

  /// Push diagnostics for an open document after `delay`, unless the document changes again first.
  func scheduleDiagnostics(_ uri: String, delay: Double) {
    guard !client.pullDiagnostics else { return }
    let generation = diagnosticGeneration[uri, default: 0] + 1
    diagnosticGeneration[uri] = generation
    let work: @Sendable () -> Void = { [self] in
      guard phase == .running, diagnosticGeneration[uri] == generation, let document = openDocuments[uri] else {
        return  // Superseded by a newer version, or closed: never publish for an outdated version.
      }
      publishDiagnostics(uri, version: document.version)
    }
    if delay <= 0 {
      queue.async(execute: work)
    } else {
      queue.asyncAfter(deadline: .now() + delay, execute: work)
    }
  }

  func publishDiagnostics(_ uri: String, version: Int?) {
    guard let found = findings(for: uri) else { return }
    let started = DispatchTime.now().uptimeNanoseconds
    let items = found.diagnostics.map { conversion.diagnostic($0, in: found.source).json }
    logger.debug(
      "\(items.count) diagnostics for \(uri) v\(version.map(String.init) ?? "-") in "
        + "\((DispatchTime.now().uptimeNanoseconds - started) / 1000) µs")
    var params: JSONObject = ["uri": .string(uri), "diagnostics": .array(items)]
    if let version { params["version"] = .int(version) }
    if items.isEmpty { publishedNonEmpty.remove(uri) } else { publishedNonEmpty.insert(uri) }
    notify("textDocument/publishDiagnostics", .object(params))
  }

  func clearDiagnostics(_ uri: String) {
    guard !client.pullDiagnostics else { return }
    publishedNonEmpty.remove(uri)
    notify("textDocument/publishDiagnostics", ["uri": .string(uri), "diagnostics": []])
  }

  /// After the workspace changed under the open documents: push again, or ask a pulling client to pull again.
  func refreshAllDiagnostics() {
    if client.pullDiagnostics {
      if client.diagnosticRefresh { request("workspace/diagnostic/refresh", .null) }
      return
    }
    for uri in openDocuments.keys.sorted() { scheduleDiagnostics(uri, delay: 0) }
  }

  /// `textDocument/diagnostic`: the full report for a document.
  func pullDiagnostics(_ params: JSONValue) throws -> JSONValue {
    guard let uri = params["textDocument"]?["uri"]?.stringValue else {
      throw ResponseError.invalidParams("textDocument missing")
    }
    ensureIndexed()
    guard let found = findings(for: uri) else { return ["kind": "full", "items": []] }
    let items = found.diagnostics.map { conversion.diagnostic($0, in: found.source).json }
    return ["kind": "full", "items": .array(items)]
  }
}

// MARK: - People directory

extension NotesLanguageServer {
  /// The people of the workspace for completion and hover, computed once: built here when there is none, else the
  /// current one, which lags behind an attendee row being typed until typing pauses.
  func currentPeopleDirectory() -> PeopleDirectory {
    if let peopleDirectory { return peopleDirectory }
    let built = PeopleDirectory(workspace)
    peopleDirectory = built
    return built
  }

  /// Builds the directory on the message loop shortly, after the messages already queued (first diagnostics come
  /// first), so the first completion after indexing does not wait for it.
  ///
  /// NOTE: the directory is built on the loop, never from a snapshot on another thread: a snapshot alive while the
  /// loop mutates the workspace makes the next keystroke copy every dictionary of a 10,000-note workspace.
  func prewarmPeople() {
    queue.asyncAfter(deadline: .now() + 0.05) { [self] in
      if peopleDirectory == nil && phase == .running { peopleDirectory = PeopleDirectory(workspace) }
    }
  }

  /// The people may have changed. While typing (an attendee row being edited), the current directory stays in use and
  /// a new one is built once typing has paused for a second, so no keystroke waits for it; otherwise it is dropped
  /// and built again right after the messages already queued.
  func forgetPeople(whileTyping: Bool = false) {
    peopleGeneration += 1
    guard whileTyping, peopleDirectory != nil else {
      peopleDirectory = nil
      prewarmPeople()
      return
    }
    guard !peopleRebuildScheduled else { return }
    peopleRebuildScheduled = true
    let generation = peopleGeneration
    queue.asyncAfter(deadline: .now() + 1.0) { [self] in
      peopleRebuildScheduled = false
      guard peopleDirectory != nil else { return }  // Dropped meanwhile: rebuilt on demand.
      if generation == peopleGeneration {
        peopleDirectory = PeopleDirectory(workspace)
      } else {
        forgetPeople(whileTyping: true)  // Still typing: wait for the next pause.
      }
    }
  }
}
