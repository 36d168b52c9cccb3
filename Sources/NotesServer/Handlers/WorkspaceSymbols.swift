import Foundation
import LSPProtocol
import NotesCore

extension NotesLanguageServer {
  func workspaceSymbols(_ params: WorkspaceSymbolRequest.Params) -> [SymbolInformation] {
    ensureIndexed()
    let started = DispatchTime.now().uptimeNanoseconds
    let reparsedBefore = crossIndex.reparsed
    let symbols = crossIndex.symbols(params.query, in: workspace, generation: workspaceGeneration)
    let found = DispatchTime.now().uptimeNanoseconds
    let converted = symbols.map { conversion.workspaceSymbol($0, workspace: workspace) }
    logger.debug(
      "workspace symbols `\(params.query)`: \(symbols.count) found in \((found - started) / 1000) µs "
        + "(\(crossIndex.reparsed - reparsedBefore) notes parsed again), converted in "
        + "\((DispatchTime.now().uptimeNanoseconds - found) / 1000) µs")
    return converted
  }
}
