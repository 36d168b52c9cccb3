import LSPProtocol
import NotesCore

extension NotesLanguageServer {
  func codeActions(_ params: CodeActionRequest.Params) -> [CodeAction]? {
    guard let document = note(params.textDocument.uri) else { return nil }
    let requested = conversion.utf8Range(params.range, in: document.source, uri: document.uri)
    return CodeActions.actions(in: document, range: requested, workspace: workspace).compactMap { action in
      let kind = ProtocolConversion.codeActionKind(action.kind)
      if !params.only.isEmpty && !params.only.contains(where: kind.isRequested(by:)) { return nil }
      return conversion.codeAction(action, in: document, sent: params.diagnostics, workspace: workspace)
    }
  }
}
