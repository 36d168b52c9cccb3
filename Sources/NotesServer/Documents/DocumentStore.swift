import Foundation
import LSPProtocol
import NotesCore

/// The documents the editor has open, and the URI every note file is held under: the one owner of open texts.
///
/// Each open document keeps its text with its line table (`SourceText`); an incremental change is applied against
/// that line table (only the lines it touches are scanned again), versions are checked, and readers get snapshots
/// (values). The workspace parses the same `SourceText`, so the text of an open document is held once, shared.
struct DocumentStore {
  /// An open document as the editor last sent it.
  struct Document: Sendable {
    let uri: String
    var version: Int
    /// The text and its line table.
    var source: SourceText
  }

  /// What `edit` did.
  enum EditOutcome {
    /// The document is not open: nothing was applied.
    case notOpen
    /// The changes were applied; `staleVersion` holds the version sent when it was not newer than the one held.
    case applied(Document, staleVersion: (sent: Int, held: Int)?)
  }

  private(set) var documents: [String: Document] = [:]
  /// The URI each file path is held under (client URIs for open documents, `file://` URIs for files read from disk).
  var uriByPath: [String: String] = [:]

  // MARK: - Reading

  /// A snapshot of an open document.
  func document(_ uri: String) -> Document? { documents[uri] }

  /// Whether the editor has the document open.
  func isOpen(_ uri: String) -> Bool { documents[uri] != nil }

  /// The URIs of the open documents, sorted.
  var openURIs: [String] { documents.keys.sorted() }

  // MARK: - Changing

  /// Opens a document. Returns the URI the same file was held under before when it was spelled differently (the
  /// caller forgets the note held under it).
  mutating func open(uri: String, version: Int, text: String) -> (document: Document, replacedURI: String?) {
    let path = Self.pathKey(uri)
    let held = uriByPath[path]
    uriByPath[path] = uri
    let document = Document(uri: uri, version: version, source: SourceText(text))
    documents[uri] = document
    return (document, held != nil && held != uri ? held : nil)
  }

  /// Applies content changes in order: a change with a range replaces that range (converted by `conversion` against
  /// the text as left by the changes before it), one without replaces the whole text. The version moves to `version`
  /// when one is given (a version not newer than the one held is applied anyway and reported).
  mutating func edit(
    uri: String, version: Int?, changes: [TextDocumentContentChangeEvent], conversion: ProtocolConversion
  ) -> EditOutcome {
    guard var document = documents[uri] else { return .notOpen }
    var stale: (sent: Int, held: Int)?
    if let version, version <= document.version { stale = (version, document.version) }
    for change in changes {
      if let range = change.range {
        let span = conversion.utf8Range(range, in: document.source, uri: uri)
        document.source = document.source.replacing(span, with: change.text)
      } else {
        document.source = SourceText(change.text)
      }
    }
    if let version { document.version = version }
    documents[uri] = document
    return .applied(document, staleVersion: stale)
  }

  /// Closes a document; returns it when it was open.
  @discardableResult
  mutating func close(_ uri: String) -> Document? {
    documents.removeValue(forKey: uri)
  }

  // MARK: - URIs and paths

  /// A `file:` URI as a file URL; nil for other schemes.
  static func fileURL(_ uri: String) -> URL? {
    guard let url = URL(string: uri), url.isFileURL else {
      if uri.hasPrefix("/") { return URL(fileURLWithPath: uri) }
      return nil
    }
    return URL(fileURLWithPath: url.path)
  }

  /// The file path a URI names (for matching client URIs with files read from disk), or the URI itself.
  static func pathKey(_ uri: String) -> String {
    fileURL(uri)?.standardizedFileURL.path ?? uri
  }
}
