import Foundation
import LSPProtocol
import NotesCore
import NotesJSON

// One thin handler per request: read params, find the note, call the core feature, convert through the seam.
extension NotesLanguageServer {
  /// The note and UTF-8 offset a position request is about; nil when the workspace does not hold the note.
  func located(_ params: JSONValue) throws -> (NoteDocument, Int)? {
    guard let request = TextDocumentPositionParams(json: params) else {
      throw ResponseError.invalidParams("textDocument and position are required")
    }
    ensureIndexed()
    guard let document = workspace.document(request.uri) else { return nil }
    return (document, conversion.utf8Offset(request.position, in: document.source, uri: request.uri))
  }

  func document(_ params: JSONValue) throws -> NoteDocument? {
    guard let uri = params["textDocument"]?["uri"]?.stringValue else {
      throw ResponseError.invalidParams("textDocument is required")
    }
    ensureIndexed()
    return workspace.document(uri)
  }

  func completion(_ params: JSONValue) throws -> JSONValue {
    guard let (document, offset) = try located(params) else { return .null }
    guard
      let result = Completion.complete(
        in: workspace, document: document, at: offset, directory: currentPeopleDirectory()),
      !result.candidates.isEmpty
    else { return .null }
    let items = conversion.completionItems(result, in: document.source)
    return ["isIncomplete": false, "items": .array(items.map(\.json))]
  }

  func hover(_ params: JSONValue) throws -> JSONValue {
    guard let (document, offset) = try located(params),
      let card = HoverFeature.hover(in: workspace, document: document, at: offset, directory: currentPeopleDirectory())
    else { return .null }
    return conversion.hover(card, in: document.source).json
  }

  func definition(_ params: JSONValue) throws -> JSONValue {
    guard let (document, offset) = try located(params) else { return .null }
    let locations = DefinitionFeature.definition(
      in: workspace, document: document, at: offset, directory: currentPeopleDirectory()
    )
    .compactMap { conversion.location($0, workspace: workspace) }
    return locations.isEmpty ? .null : .array(locations.map(\.json))
  }

  func documentSymbols(_ params: JSONValue) throws -> JSONValue {
    guard let document = try document(params) else { return .null }
    let symbols = DocumentSymbolFeature.symbols(in: document)
    return symbols.isEmpty ? .null : .array(symbols.map { conversion.symbol($0, in: document.source).json })
  }

  func foldingRanges(_ params: JSONValue) throws -> JSONValue {
    guard let document = try document(params) else { return .null }
    let ranges = FoldingFeature.regions(in: document).compactMap { conversion.foldingRange($0, in: document.source) }
    return ranges.isEmpty ? .null : .array(ranges.map(\.json))
  }

  func documentLinks(_ params: JSONValue) throws -> JSONValue {
    guard let document = try document(params) else { return .null }
    let links = DocumentLinkFeature.links(in: workspace, document: document)
    return links.isEmpty ? .null : .array(links.map { conversion.link($0, in: document.source).json })
  }
}
