import LSPProtocol
import NotesCore

extension NotesLanguageServer {
  func foldingRanges(_ params: TextDocumentParams) -> [FoldingRange]? {
    guard let document = note(params.uri) else { return nil }
    let ranges = conversion.foldingRanges(
      FoldingFeature.regions(in: document), in: document.source, limit: ResponseBudget.items(for: document.source))
    return ranges.isEmpty ? nil : ranges
  }
}
