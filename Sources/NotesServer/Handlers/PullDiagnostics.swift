import LSPProtocol

extension NotesLanguageServer {
  /// `textDocument/diagnostic`: the full report for a document (empty for a note the server does not hold).
  func pullDiagnostics(_ params: DocumentDiagnosticRequest.Params) -> FullDocumentDiagnosticReport {
    ensureIndexed()
    return FullDocumentDiagnosticReport(items: diagnosticItems(params.textDocument.uri) ?? [])
  }
}
