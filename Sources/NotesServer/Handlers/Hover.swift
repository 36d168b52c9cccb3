import LSPProtocol
import NotesCore

extension NotesLanguageServer {
  func hover(_ params: TextDocumentPositionParams) -> Hover? {
    guard let (document, offset) = located(params),
      let card = HoverFeature.hover(
        in: workspace, document: document, at: offset, directory: currentPeopleDirectory(),
        openItems: { self.hoverOpenItems(document) })
    else { return nil }
    return conversion.hover(card, in: document.source)
  }

  /// The note's open items by owner, computed once per note and workspace revision: hovering one name after another
  /// in a long note does not scan its items each time.
  private func hoverOpenItems(_ document: NoteDocument) -> HoverFeature.OpenItems {
    if let held = host.hoverItems, held.uri == document.uri, held.revision == host.revision { return held.items }
    let items = HoverFeature.OpenItems(document: document, workspace: workspace)
    host.hoverItems = (document.uri, host.revision, items)
    return items
  }
}
