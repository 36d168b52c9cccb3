import LSPProtocol
import NotesCore

extension NotesLanguageServer {
  func documentSymbols(_ params: TextDocumentParams) -> [DocumentSymbol]? {
    guard let document = note(params.uri) else { return nil }
    let limit = ResponseBudget.items(for: document.source)
    let symbols = conversion.symbols(
      DocumentSymbolFeature.symbols(in: document, limit: limit), in: document.source, limit: limit)
    return symbols.isEmpty ? nil : symbols
  }
}
