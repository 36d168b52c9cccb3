import LSPProtocol
import NotesCore

extension NotesLanguageServer {
  func documentLinks(_ params: TextDocumentParams) -> [DocumentLink]? {
    guard let document = note(params.uri) else { return nil }
    let links = DocumentLinkFeature.links(in: workspace, document: document)
      .prefix(ResponseBudget.items(for: document.source))
    return links.isEmpty ? nil : links.map { conversion.link($0, in: document.source) }
  }
}
