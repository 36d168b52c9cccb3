import Foundation
import LSPProtocol
import NotesCore

extension NotesLanguageServer {
  func references(_ params: ReferencesRequest.Params) -> [Location]? {
    let started = DispatchTime.now().uptimeNanoseconds
    let reparsedBefore = crossIndex.reparsed
    guard let (document, offset) = located(params.position),
      let locations = crossIndex.references(
        at: offset, in: document, workspace: workspace, includeDeclaration: params.includeDeclaration,
        generation: workspaceGeneration)
    else { return nil }
    let found = DispatchTime.now().uptimeNanoseconds
    let converted = conversion.locations(locations, workspace: workspace)
    logger.debug(
      "references: \(locations.count) found in \((found - started) / 1000) µs (\(crossIndex.reparsed - reparsedBefore) "
        + "notes parsed again), converted in "
        + "\((DispatchTime.now().uptimeNanoseconds - found) / 1000) µs")
    return converted
  }
}
