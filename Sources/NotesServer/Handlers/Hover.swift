import LSPProtocol
import NotesCore

extension NotesLanguageServer {
  func hover(_ params: TextDocumentPositionParams) -> Hover? {
    guard let (document, offset) = located(params),
      let card = HoverFeature.hover(in: workspace, document: document, at: offset, directory: currentPeopleDirectory())
    else { return nil }
    return conversion.hover(card, in: document.source)
  }
}
