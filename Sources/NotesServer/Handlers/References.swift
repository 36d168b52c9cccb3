import LSPProtocol
import NotesCore

extension NotesLanguageServer {
  func references(_ params: ReferencesRequest.Params) -> [Location]? {
    guard let (document, offset) = located(params.position),
      let locations = crossIndex.references(
        at: offset, in: document, workspace: workspace, includeDeclaration: params.includeDeclaration,
        generation: workspaceGeneration)
    else { return nil }
    return conversion.locations(locations, workspace: workspace)
  }
}
