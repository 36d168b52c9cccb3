import LSPProtocol
import NotesCore

// What every handler about one note starts with: the note, and the UTF-8 offset of a position in it.
extension NotesLanguageServer {
  /// The note a request is about; nil when the workspace does not hold it.
  func note(_ uri: String) -> NoteDocument? {
    ensureIndexed()
    return workspace.document(uri)
  }

  /// The note and UTF-8 offset a position request is about; nil when the workspace does not hold the note.
  func located(_ params: TextDocumentPositionParams) -> (document: NoteDocument, offset: Int)? {
    guard let document = note(params.uri) else { return nil }
    return (document, conversion.utf8Offset(params.position, in: document.source, uri: params.uri))
  }
}
