import Foundation
import LSPProtocol
import NotesCore
import NotesJSON

/// The one seam between core values (UTF-8 offsets, core diagnostics and feature results) and protocol values
/// (line/character positions in the negotiated encoding), as rust-analyzer's `to_proto`/`from_proto`: every position,
/// range, kind mapping, diagnostic, `WorkspaceEdit`, inlay hint and code lens is made here. Handlers never build
/// protocol values or JSON by hand.
struct ProtocolConversion {
  var encoding: PositionEncoding
  let logger: Logger

  // MARK: - Positions

  func position(_ utf8Offset: Int, in source: SourceText) -> Position {
    let p = source.position(ofUTF8Offset: utf8Offset, in: encoding)
    return Position(line: p.line, character: p.column)
  }

  func range(_ range: TextRange, in source: SourceText) -> LSPProtocol.Range {
    let (start, end) = source.positions(of: range, in: encoding)
    return LSPProtocol.Range(
      start: Position(line: start.line, character: start.column), end: Position(line: end.line, character: end.column))
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
    LSPDiagnostic(
      range: range(diagnostic.range, in: source), severity: Self.severity(diagnostic.severity),
      code: diagnostic.code.rawValue, message: diagnostic.message,
      relatedInformation: relatedInformation(diagnostic))
  }

  /// Other places a diagnostic points at (a dropped item's line in the previous note). They are in other notes,
  /// whose text the server need not hold: whole lines.
  func relatedInformation(_ diagnostic: NotesCore.Diagnostic) -> [DiagnosticRelatedInformation] {
    diagnostic.related.map { related in
      let line = Position(line: related.line, character: 0)
      return DiagnosticRelatedInformation(
        location: Location(uri: related.uri, range: Range(start: line, end: line)), message: related.message)
    }
  }

  /// The diagnostics of a document, at most `limit` of them (see `ResponseBudget`).
  func diagnostics(_ diagnostics: [NotesCore.Diagnostic], in source: SourceText, limit: Int) -> [LSPDiagnostic] {
    diagnostics.prefix(limit).map { diagnostic($0, in: source) }
  }

  // MARK: - Features

  func completionList(_ result: CompletionResult, in source: SourceText) -> CompletionList {
    CompletionList(isIncomplete: false, items: completionItems(result, in: source))
  }

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

  static func symbolKind(_ kind: OutlineSymbolKind) -> SymbolKind {
    switch kind {
    case .section: return .string
    case .attendees: return .namespace
    case .actionItem: return .event
    }
  }

  /// The outline, with at most `limit` symbols in all (depth first, in document order): an outline larger than
  /// that is cut, so that the answer stays within a small multiple of the document's size.
  func symbols(_ outline: [OutlineSymbol], in source: SourceText, limit: Int) -> [DocumentSymbol] {
    var remaining = limit
    return symbols(outline, in: source, remaining: &remaining)
  }

  private func symbols(_ outline: [OutlineSymbol], in source: SourceText, remaining: inout Int) -> [DocumentSymbol] {
    var result: [DocumentSymbol] = []
    for symbol in outline {
      guard remaining > 0 else { break }
      remaining -= 1
      result.append(
        DocumentSymbol(
          name: symbol.name, detail: symbol.detail, kind: Self.symbolKind(symbol.kind),
          range: range(symbol.range, in: source), selectionRange: range(symbol.selectionRange, in: source),
          children: symbols(symbol.children, in: source, remaining: &remaining)))
    }
    return result
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

  func foldingRanges(_ regions: [FoldRegion], in source: SourceText, limit: Int) -> [FoldingRange] {
    var result: [FoldingRange] = []
    for region in regions {
      guard result.count < limit else { break }
      if let converted = foldingRange(region, in: source) { result.append(converted) }
    }
    return result
  }

  func link(_ link: NoteLink, in source: SourceText) -> DocumentLink {
    DocumentLink(range: range(link.range, in: source), target: link.targetURI)
  }

  /// A definition target as a location; targets in notes the workspace holds are converted with that note's text.
  func location(_ target: NoteTarget, workspace: NotesWorkspace) -> Location? {
    switch target {
    case .note(let uri, let textRange):
      guard let source = workspace.source(uri) else {
        return Location(
          uri: uri,
          range: LSPProtocol.Range(start: Position(line: 0, character: 0), end: Position(line: 0, character: 0)))
      }
      return Location(uri: uri, range: range(textRange, in: source))
    case .line(let uri, let line):
      let fileURI = uri.contains("://") ? uri : URL(fileURLWithPath: uri).absoluteString
      return Location(
        uri: fileURI,
        range: LSPProtocol.Range(start: Position(line: line, character: 0), end: Position(line: line + 1, character: 0))
      )
    }
  }

  // MARK: - Across meetings

  /// A core location as a protocol one, converted with the text of the note it is in (line 0 when the workspace does
  /// not hold that note).
  func location(_ location: NoteLocation, source: SourceText?) -> Location {
    guard let source else {
      return Location(
        uri: location.uri,
        range: LSPProtocol.Range(start: Position(line: 0, character: 0), end: Position(line: 0, character: 0)))
    }
    return Location(uri: location.uri, range: range(location.range, in: source))
  }

  /// `location(_:source:)`, looking the note up in the workspace.
  func location(_ location: NoteLocation, workspace: NotesWorkspace) -> Location {
    self.location(location, source: workspace.source(location.uri))
  }

  /// Locations of many notes, each note's text looked up once.
  func locations(_ locations: [NoteLocation], workspace: NotesWorkspace) -> [Location] {
    var sources: [String: SourceText?] = [:]
    // A note's locations come one after another: its text is looked up once for the run, without hashing its URI.
    var last: (uri: String, source: SourceText?)?
    return locations.map { location in
      if let last, last.uri == location.uri { return self.location(location, source: last.source) }
      if sources[location.uri] == nil { sources[location.uri] = .some(workspace.source(location.uri)) }
      let source = sources[location.uri] ?? nil
      last = (location.uri, source)
      return self.location(location, source: source)
    }
  }

  /// Core edits as a `WorkspaceEdit` (`changes` by URI, in the order the URIs first appear; edits of notes the
  /// workspace does not hold are left out).
  func workspaceEdit(_ edits: [NoteTextEdit], workspace: NotesWorkspace) -> WorkspaceEdit {
    var order: [String] = []
    var byURI: [String: [NoteTextEdit]] = [:]
    for edit in edits {
      if byURI[edit.uri] == nil { order.append(edit.uri) }
      byURI[edit.uri, default: []].append(edit)
    }
    var changes: [(uri: String, edits: [TextEdit])] = []
    for uri in order {
      guard let source = workspace.source(uri) else { continue }
      let converted = (byURI[uri] ?? []).sorted { $0.range < $1.range }.map {
        TextEdit(range: range($0.range, in: source), newText: $0.newText)
      }
      changes.append((uri, converted))
    }
    return WorkspaceEdit(changes: changes)
  }

  func prepareRename(_ target: InitialsRename.Target, in source: SourceText) -> PrepareRenameResult {
    PrepareRenameResult(range: range(target.range, in: source), placeholder: target.initials)
  }

  static func symbolKind(_ kind: NoteSymbolKind) -> SymbolKind {
    switch kind {
    case .meeting: return .file
    case .person: return .object
    case .actionItem: return .event
    }
  }

  func workspaceSymbol(_ symbol: NoteSymbol, workspace: NotesWorkspace) -> SymbolInformation {
    SymbolInformation(
      name: symbol.name, kind: Self.symbolKind(symbol.kind), containerName: symbol.detail,
      location: location(symbol.location, workspace: workspace))
  }

  /// The kind of the server's own "fix all" source action.
  static let fixAllKind = CodeActionKind(rawValue: "source.fixAll.notes-lsp")

  static func codeActionKind(_ kind: NoteCodeActionKind) -> CodeActionKind {
    switch kind {
    case .quickFix: return .quickFix
    case .source: return .source
    case .sourceFixAll: return fixAllKind
    }
  }

  /// A core code action, with the client's diagnostics it fixes (those of its code whose range meets the range the
  /// core reports it at), echoed as the client sent them.
  func codeAction(
    _ action: NoteCodeAction, in document: NoteDocument, sent: [ContextDiagnostic], workspace: NotesWorkspace
  ) -> CodeAction {
    var fixed: [JSONValue] = []
    if let code = action.fixes, let at = action.diagnosticRange {
      fixed = sent.filter { diagnostic in
        guard diagnostic.code == code.rawValue else { return false }
        let d = utf8Range(diagnostic.range, in: document.source, uri: document.uri)
        return d.utf8Start <= at.utf8End && at.utf8Start <= d.utf8End
      }.map(\.raw)
    }
    return CodeAction(
      title: action.title, kind: Self.codeActionKind(action.kind),
      edit: workspaceEdit(action.edits, workspace: workspace), isPreferred: action.isPreferred, diagnostics: fixed)
  }

  func inlayHint(_ hint: NoteInlayHint, in source: SourceText) -> InlayHint {
    InlayHint(
      position: position(hint.position, in: source), label: hint.label, paddingLeft: true,
      tooltip: MarkupContent(markdown: hint.tooltip))
  }

  /// A code lens; one that leads somewhere carries that place as its command's argument.
  func codeLens(_ lens: NoteCodeLens, in source: SourceText, workspace: NotesWorkspace) -> CodeLens {
    CodeLens(
      range: range(lens.range, in: source),
      command: Command(
        title: lens.title, command: "",
        arguments: lens.target.map { [location($0, workspace: workspace).json] }))
  }
}
