/// Findings about a file's bytes, before it is read as a note. Front ends read the file, decode it with `DecodedText`
/// and call `FileDiagnostics.diagnostics`; a binary file should get no other diagnostics.
public enum FileDiagnostics {
  /// `file.not-utf8` (on the first byte that is not UTF-8), `file.binary` and `file.empty` (at the start).
  public static func diagnostics(
    _ decoded: DecodedText, source: SourceText, settings: NotesSettings = NotesSettings()
  ) -> [Diagnostic] {
    var result: [Diagnostic] = []
    for issue in decoded.issues {
      switch issue {
      case .notUTF8(let offset):
        guard let severity = settings.severity(for: .fileNotUTF8) else { continue }
        let range = decodedRange(ofOriginalByte: offset - (decoded.hadByteOrderMark ? 3 : 0), in: source)
        result.append(
          Diagnostic(
            code: .fileNotUTF8, severity: severity,
            message: "The file is not valid UTF-8 (it was read as Latin-1 from here on): re-save it as UTF-8.",
            range: range))
      case .binary:
        guard let severity = settings.severity(for: .fileBinary) else { continue }
        result.append(
          Diagnostic(
            code: .fileBinary, severity: severity,
            message: "The file looks binary, not like Markdown text: it was not checked as a note; exclude it from "
              + "the checked files or replace it with the note's text.",
            range: TextRange(utf8Start: 0, utf8End: 0)))
      case .empty:
        guard let severity = settings.severity(for: .fileEmpty) else { continue }
        result.append(
          Diagnostic(
            code: .fileEmpty, severity: severity, message: "The file is empty: write the note or delete the file.",
            range: TextRange(utf8Start: 0, utf8End: 0)))
      }
    }
    return result
  }

  /// `file.too-large`: the file was not read as a note. `size` is the reported size when known, else the limit
  /// was passed while reading.
  public static func tooLarge(size: Int?, limit: Int, settings: NotesSettings = NotesSettings()) -> [Diagnostic] {
    guard let severity = settings.severity(for: .fileTooLarge) else { return [] }
    let limitMiB = Int((Double(limit) / 1_048_576).rounded())
    let amount =
      size.map { "\((Double($0) / 1_048_576 * 10).rounded() / 10) MiB" } ?? "more than \(limitMiB) MiB"
    return [
      Diagnostic(
        code: .fileTooLarge, severity: severity,
        message: "The file is \(amount), more than the \(limitMiB) MiB a note can be; it was not checked. "
          + "Exclude it in .notes-lsp.json.",
        range: TextRange(utf8Start: 0, utf8End: 0))
    ]
  }

  /// `file.not-regular`: a FIFO, socket or device (`kind`, e.g. "a FIFO (named pipe)") named like a note; never read.
  public static func notRegular(kind: String, settings: NotesSettings = NotesSettings()) -> [Diagnostic] {
    guard let severity = settings.severity(for: .fileNotRegular) else { return [] }
    return [
      Diagnostic(
        code: .fileNotRegular, severity: severity,
        message: "This is \(kind), not a regular file: it was not read. Remove it or exclude it in .notes-lsp.json.",
        range: TextRange(utf8Start: 0, utf8End: 0))
    ]
  }

  /// The range, in the decoded text, of the character the `index`-th original byte became (one byte → one scalar when
  /// read as Latin-1).
  static func decodedRange(ofOriginalByte index: Int, in source: SourceText) -> TextRange {
    var offset = 0
    var count = 0
    for scalar in source.string.unicodeScalars {
      let length = UTF8.width(scalar)
      if count == index { return TextRange(utf8Start: offset, utf8End: offset + length) }
      offset += length
      count += 1
    }
    return TextRange(utf8Start: source.bytes.count, utf8End: source.bytes.count)
  }
}

extension NotesWorkspace {
  /// `FileDiagnostics.diagnostics` with this workspace's settings.
  public func decodingDiagnostics(_ decoded: DecodedText, source: SourceText) -> [Diagnostic] {
    FileDiagnostics.diagnostics(decoded, source: source, settings: settings)
  }
}
