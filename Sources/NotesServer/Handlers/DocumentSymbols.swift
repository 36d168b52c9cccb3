import LSPProtocol
import NotesCore

extension NotesLanguageServer {
  func documentSymbols(_ params: TextDocumentParams) -> [DocumentSymbol]? {
    guard let document = note(params.uri) else { return nil }
    let symbols = conversion.symbols(
      DocumentSymbolFeature.symbols(in: document), in: document.source,
      limit: ResponseBudget.items(for: document.source))
    return symbols.isEmpty ? nil : symbols
  }
}
