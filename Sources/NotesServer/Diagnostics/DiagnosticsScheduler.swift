import Foundation
import LSPProtocol
import NotesCore

/// When to compute and push diagnostics: a generation per document (a computation scheduled for an older generation
/// is dropped when it runs, so diagnostics are never published for an outdated version), and which documents have
/// findings on the client's screen.
struct DiagnosticsScheduler {
  private var generations: [String: Int] = [:]
  /// Documents whose last published diagnostics were not empty (so that closing one clears them).
  private(set) var publishedNonEmpty: Set<String> = []

  /// Starts a new generation for a document and returns it.
  mutating func nextGeneration(_ uri: String) -> Int {
    let generation = generations[uri, default: 0] + 1
    generations[uri] = generation
    return generation
  }

  /// Drops whatever is scheduled for a document.
  mutating func invalidate(_ uri: String) { generations[uri, default: 0] += 1 }

  func isCurrent(_ uri: String, _ generation: Int) -> Bool { generations[uri] == generation }

  mutating func published(_ uri: String, empty: Bool) {
    if empty { publishedNonEmpty.remove(uri) } else { publishedNonEmpty.insert(uri) }
  }
}

extension NotesLanguageServer {
  /// Push diagnostics for an open document after `delay`, unless the document changes again first.
  func scheduleDiagnostics(_ uri: String, delay: Double) {
    guard !client.pullDiagnostics else { return }
    let generation = diagnostics.nextGeneration(uri)
    let work: @Sendable () -> Void = { [self] in
      guard phase == .running, diagnostics.isCurrent(uri, generation), let document = documents.document(uri) else {
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

  /// The diagnostics of a note, converted; nil when the server holds no such note.
  func diagnosticItems(_ uri: String) -> [LSPDiagnostic]? {
    if let open = documents.document(uri), isTooLarge(open.source) {
      guard workspace.settings.severity(for: .fileTooLarge) != nil else { return [] }
      return [conversion.diagnostic(tooLargeDiagnostic(open.source), in: open.source)]
    }
    // The same findings `--check` prints for the file: `file.*` ones from loading, then the note's own.
    guard let found = findings(for: uri) else { return nil }
    return conversion.diagnostics(found.diagnostics, in: found.source, limit: ResponseBudget.items(for: found.source))
  }

  /// The one finding of a document beyond the configured size.
  func tooLargeDiagnostic(_ source: SourceText) -> NotesCore.Diagnostic {
    let megabytes = (Double(source.bytes.count) / 1_048_576 * 10).rounded() / 10
    let limit = (Double(options.maximumDocumentBytes) / 1_048_576 * 10).rounded() / 10
    return NotesCore.Diagnostic(
      code: .fileTooLarge, severity: workspace.settings.severity(for: .fileTooLarge) ?? .warning,
      message: "The document is \(megabytes) MiB, more than the \(limit) MiB a note can be; it was not checked.",
      range: TextRange(utf8Start: 0, utf8End: 0))
  }

  func publishDiagnostics(_ uri: String, version: Int?) {
    let started = DispatchTime.now().uptimeNanoseconds
    guard let items = diagnosticItems(uri) else { return }
    logger.debug(
      "\(items.count) diagnostics for \(uri) v\(version.map(String.init) ?? "-") in "
        + "\((DispatchTime.now().uptimeNanoseconds - started) / 1000) µs")
    diagnostics.published(uri, empty: items.isEmpty)
    notify(
      PublishDiagnosticsParams.method, PublishDiagnosticsParams(uri: uri, version: version, diagnostics: items).json)
  }

  func clearDiagnostics(_ uri: String) {
    guard !client.pullDiagnostics else { return }
    diagnostics.published(uri, empty: true)
    notify(PublishDiagnosticsParams.method, PublishDiagnosticsParams(uri: uri, version: nil, diagnostics: []).json)
  }

  /// After the workspace changed under the open documents: push again, or ask a pulling client to pull again.
  func refreshAllDiagnostics() {
    if client.pullDiagnostics {
      if client.diagnosticRefresh { request("workspace/diagnostic/refresh", .null) }
      return
    }
    for uri in documents.openURIs { scheduleDiagnostics(uri, delay: 0) }
  }
}
