import Foundation
import LSPProtocol
import NotesCore

/// The one seam between core values (UTF-8 offsets, core diagnostics and feature results) and protocol values
/// (line/character positions in the negotiated encoding). Nothing else in the server converts positions.
struct ProtocolConversion {
  var encoding: PositionEncoding
  let logger: Logger

  // MARK: - Positions

  func position(_ utf8Offset: Int, in source: SourceText) -> Position {
    let p = source.position(ofUTF8Offset: utf8Offset, in: encoding)
    return Position(line: p.line, character: p.column)
  }

  func range(_ range: TextRange, in source: SourceText) -> LSPProtocol.Range {
    LSPProtocol.Range(start: position(range.utf8Start, in: source), end: position(range.utf8End, in: source))
  }

  /// The UTF-8 offset of a client position; a position past a line's end or past the last line is clamped (and
  /// logged), a column inside a character rounds to its start.
  func utf8Offset(_ position: Position, in source: SourceText, uri: String) -> Int {
    if position.line >= source.lineCount {
      logger.debug("clamped position \(position.line):\(position.character) past the end of \(uri)")
      return source.bytes.count
    }
    let offset = source.utf8Offset(of: TextPosition(line: position.line, column: position.character), in: encoding)
    if logger.level >= .debug {
      let content = source.contentRange(ofLine: position.line)
      let width = source.units(from: content.utf8Start, to: content.utf8End, in: encoding)
      if position.character > width {
        logger.debug("clamped column \(position.character) > \(width) on line \(position.line) of \(uri)")
      }
    }
    return offset
  }

  func utf8Range(_ range: LSPProtocol.Range, in source: SourceText, uri: String) -> TextRange {
    let start = utf8Offset(range.start, in: source, uri: uri)
    let end = utf8Offset(range.end, in: source, uri: uri)
    return TextRange(utf8Start: min(start, end), utf8End: max(start, end))
  }

  // MARK: - Diagnostics

  static func severity(_ severity: Severity) -> DiagnosticSeverity {
    switch severity {
    case .error: return .error
    case .warning: return .warning
    case .information: return .information
    case .hint: return .hint
    }
  }

  func diagnostic(_ diagnostic: NotesCore.Diagnostic, in source: SourceText) -> LSPDiagnostic {
    var result = LSPDiagnostic(
      range: range(diagnostic.range, in: source), severity: Self.severity(diagnostic.severity),
      code: diagnostic.code.rawValue, message: diagnostic.message)
    // Related places are in other notes, whose text the server need not hold: whole lines.
    result.relatedInformation = diagnostic.related.map { related in
      let line = Position(line: related.line, character: 0)
      return DiagnosticRelatedInformation(
        location: Location(uri: related.uri, range: Range(start: line, end: line)), message: related.message)
    }
    return result
  }

  // MARK: - Features

  func completionItems(_ result: CompletionResult, in source: SourceText) -> [CompletionItem] {
    let replace = range(result.replaceRange, in: source)
    return result.candidates.map { candidate in
      let kind: CompletionItemKind
      switch candidate.kind {
      case .initials, .handle: kind = .user
      case .proposal: kind = .reference
      }
      return CompletionItem(
        label: candidate.label, kind: kind, detail: candidate.detail,
        documentation: candidate.documentation.isEmpty ? nil : MarkupContent(markdown: candidate.documentation),
        sortText: candidate.sortKey, filterText: candidate.insertText,
        textEdit: TextEdit(range: replace, newText: candidate.insertText))
    }
  }

  func hover(_ card: HoverCard, in source: SourceText) -> Hover {
    Hover(contents: MarkupContent(markdown: card.markdown), range: range(card.range, in: source))
  }

  func symbol(_ symbol: OutlineSymbol, in source: SourceText) -> DocumentSymbol {
    let kind: SymbolKind
    switch symbol.kind {
    case .section: kind = .string
    case .attendees: kind = .namespace
    case .actionItem: kind = .event
    }
    return DocumentSymbol(
      name: symbol.name, detail: symbol.detail, kind: kind, range: range(symbol.range, in: source),
      selectionRange: range(symbol.selectionRange, in: source),
      children: symbol.children.map { self.symbol($0, in: source) })
  }

  func foldingRange(_ region: FoldRegion, in source: SourceText) -> FoldingRange? {
    var end = min(region.range.utf8End, source.bytes.count)
    while end > region.range.utf8Start && (source.bytes[end - 1] == 0x0A || source.bytes[end - 1] == 0x0D) {
      end -= 1
    }
    let startLine = source.line(containingUTF8Offset: region.range.utf8Start)
    let endLine = source.line(containingUTF8Offset: end)
    guard endLine > startLine else { return nil }
    return FoldingRange(
      startLine: startLine, endLine: endLine, kind: region.kind == .frontMatter ? "comment" : "region")
  }

  func link(_ link: NoteLink, in source: SourceText) -> DocumentLink {
    DocumentLink(range: range(link.range, in: source), target: link.targetURI)
  }

  /// A definition target as a location; targets in notes the workspace holds are converted with that note's text.
  func location(_ target: NoteTarget, workspace: NotesWorkspace) -> Location? {
    switch target {
    case .note(let uri, let textRange):
      guard let document = workspace.document(uri) else {
        return Location(
          uri: uri,
          range: LSPProtocol.Range(start: Position(line: 0, character: 0), end: Position(line: 0, character: 0)))
      }
      return Location(uri: uri, range: range(textRange, in: document.source))
    case .line(let uri, let line):
      let fileURI = uri.contains("://") ? uri : URL(fileURLWithPath: uri).absoluteString
      return Location(
        uri: fileURI,
        range: LSPProtocol.Range(start: Position(line: line, character: 0), end: Position(line: line + 1, character: 0))
      )
    }
  }
}
