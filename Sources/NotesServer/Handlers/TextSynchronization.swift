import Foundation
import LSPProtocol
import NotesConfig
import NotesCore

// didOpen, didChange, didClose, didSave: the document store takes the text, the workspace parses it (sharing the
// store's line table), diagnostics are scheduled.
extension NotesLanguageServer {
  func didOpen(_ params: DidOpenTextDocumentNotification.Params) {
    let item = params.textDocument
    ensureIndexed()
    let (document, replaced) = documents.open(uri: item.uri, version: item.version, text: item.text)
    if let replaced { workspace.remove(uri: replaced) }  // The same file, held under another spelling of its URI.
    let started = DispatchTime.now().uptimeNanoseconds
    store(uri: item.uri, source: document.source)
    logger.debug("opened \(item.uri): parsed in \((DispatchTime.now().uptimeNanoseconds - started) / 1000) µs")
    scheduleDiagnostics(item.uri, delay: 0)
    // After the first diagnostics: look for notes added, changed or removed on disk next to this one.
    queue.async { [self] in
      if phase == .running, rescanFolder(of: item.uri) { refreshAllDiagnostics() }
    }
  }

  func didChange(_ params: DidChangeTextDocumentNotification.Params) {
    let uri = params.textDocument.uri
    let outcome = documents.edit(
      uri: uri, version: params.textDocument.version, changes: params.contentChanges, conversion: conversion)
    guard case .applied(let document, let stale) = outcome else {
      logger.warning("didChange for \(uri), which is not open")
      return
    }
    if let stale {
      logger.warning("didChange for \(uri) with version \(stale.sent) after \(stale.held): applied anyway")
    }
    // NOTE: the debounce starts before the parse, so parsing a long note overlaps the pause rather than delaying
    // the diagnostics after it.
    scheduleDiagnostics(uri, delay: diagnosticsDelayOverride ?? options.diagnosticsDelay)
    store(uri: uri, source: document.source, typing: true)
  }

  func didClose(_ params: TextDocumentParams) {
    let uri = params.uri
    documents.close(uri)
    diagnostics.invalidate(uri)
    if reloadAfterClose(uri: uri) {
      // The file is still there: the workspace went back to what is on disk.
      if !client.pullDiagnostics, diagnostics.publishedNonEmpty.contains(uri) { publishDiagnostics(uri, version: nil) }
    } else {
      forgetPeople()
      clearDiagnostics(uri)
    }
  }

  func didSave(_ params: DidSaveTextDocumentNotification.Params) {
    let uri = params.textDocument.uri
    diskStamps[Self.pathKey(uri)] = FileStamp(path: Self.pathKey(uri))
    if rescanFolder(of: uri) { refreshAllDiagnostics() }
  }
}
