import LSPProtocol
import NotesCore

extension NotesLanguageServer {
  func workspaceSymbols(_ params: WorkspaceSymbolRequest.Params) -> [SymbolInformation] {
    ensureIndexed()
    return crossIndex.symbols(params.query, in: workspace, generation: workspaceGeneration).map {
      conversion.workspaceSymbol($0, workspace: workspace)
    }
  }
}
