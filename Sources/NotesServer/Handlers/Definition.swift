import LSPProtocol
import NotesCore

extension NotesLanguageServer {
  func definition(_ params: TextDocumentPositionParams) -> [Location]? {
    guard let (document, offset) = located(params) else { return nil }
    let locations = DefinitionFeature.definition(
      in: workspace, document: document, at: offset, directory: currentPeopleDirectory()
    )
    .compactMap { conversion.location($0, workspace: workspace) }
    return locations.isEmpty ? nil : locations
  }
}
