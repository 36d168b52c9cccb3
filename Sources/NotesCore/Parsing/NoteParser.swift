/// Reads one Markdown file into a `NoteDocument`. Parsing never fails: any text gives a document.
public enum NoteParser {
  /// Parses `text` found at `uri` (a `file://` URI or a plain path; only its last components are used, for the file
  /// name date and the series folder).
  public static func parse(uri: String, text: String) -> NoteDocument {
    // FIXME: stub, replaced by the real parser.
    let source = SourceText(text)
    let slash = uri.lastIndex(of: "/")
    let fileName = slash.map { String(uri[uri.index(after: $0)...]) } ?? uri
    let folder = slash.map { String(uri[...$0]) } ?? ""
    return NoteDocument(uri: uri, source: source, fileName: fileName, folder: folder, kind: .other)
  }
}
