import LSPProtocol
import NotesCore

// Inlay hints (the full name after initials) and code lenses (what the previous meeting left open).
extension NotesLanguageServer {
  func inlayHints(_ params: InlayHintRequest.Params) -> [InlayHint]? {
    guard let document = note(params.textDocument.uri) else { return nil }
    let range = conversion.utf8Range(params.range, in: document.source, uri: document.uri)
    return InlineHints.inlayHints(in: document, range: range, workspace: workspace)
      .prefix(ResponseBudget.items(for: document.source)).map { conversion.inlayHint($0, in: document.source) }
  }

  func codeLenses(_ params: TextDocumentParams) -> [CodeLens]? {
    guard let document = note(params.uri) else { return nil }
    return InlineHints.codeLenses(in: document, workspace: workspace)
      .prefix(ResponseBudget.items(for: document.source))
      .map { conversion.codeLens($0, in: document.source, workspace: workspace) }
  }
}
