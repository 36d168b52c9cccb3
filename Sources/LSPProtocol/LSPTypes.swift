import NotesJSON

// The LSP 3.17 subset notes-lsp speaks, as small values with `init(json:path:)` (throws -32602 naming the member that
// does not fit), `init?(json:)` (nil when the JSON does not fit) and `var json`. Only what the server reads or writes
// is modelled.

// MARK: - Helpers

extension JSONValue {
  /// A non-negative integer member, or nil.
  fileprivate func natural(_ key: String) -> Int? {
    guard let value = self[key]?.intValue, value >= 0 else { return nil }
    return value
  }
}

// MARK: - Positions

/// A 0-based line and a 0-based `character` column. The column's unit is the negotiated position encoding
/// (UTF-16 code units by default); the server converts it in exactly one place (`ProtocolConversion`).
public struct Position: Hashable, Sendable {
  public var line: Int
  /// Column in the negotiated encoding's code units (the JSON `character`).
  public var character: Int

  public init(line: Int, character: Int) {
    self.line = line
    self.character = character
  }

  public init?(json: JSONValue) {
    guard let line = json.natural("line"), let character = json.natural("character") else { return nil }
    self.init(line: line, character: character)
  }

  public var json: JSONValue { ["line": .int(line), "character": .int(character)] }
}

extension Position: JSONDecodable, JSONEncodable {
  public init(json: JSONValue, path: String) throws(ResponseError) {
    let reader = try ParamsReader(json, path: path)
    let line = try reader.int("line")
    let character = try reader.int("character")
    guard line >= 0, character >= 0 else {
      throw ResponseError.invalidParams("\(path) must have a non-negative line and character")
    }
    self.init(line: line, character: character)
  }
}

public struct Range: Hashable, Sendable {
  public var start: Position
  public var end: Position

  public init(start: Position, end: Position) {
    self.start = start
    self.end = end
  }

  public init?(json: JSONValue) {
    guard let s = json["start"].flatMap(Position.init(json:)), let e = json["end"].flatMap(Position.init(json:)) else {
      return nil
    }
    self.init(start: s, end: e)
  }

  public var json: JSONValue { ["start": start.json, "end": end.json] }
}

extension Range: JSONDecodable, JSONEncodable {
  public init(json: JSONValue, path: String) throws(ResponseError) {
    let reader = try ParamsReader(json, path: path)
    self.init(start: try reader.decode("start"), end: try reader.decode("end"))
  }
}

public struct Location: Hashable, Sendable {
  public var uri: String
  public var range: Range

  public init(uri: String, range: Range) {
    self.uri = uri
    self.range = range
  }

  public init?(json: JSONValue) {
    guard let uri = json["uri"]?.stringValue, let range = json["range"].flatMap(Range.init(json:)) else { return nil }
    self.init(uri: uri, range: range)
  }

  public var json: JSONValue { ["uri": .string(uri), "range": range.json] }
}

extension Location: JSONEncodable {
  /// The locations written straight as JSON text, each note's URI escaped once: references to someone named in every
  /// note are tens of thousands of locations, and a tree of them costs more than finding them. The text is the same
  /// as the tree's (`[{"uri":…,"range":{"start":{"line":…,"character":…},"end":{…}}},…]`).
  public static func json(of locations: [Location]) -> JSONValue {
    var writer = JSONTextWriter(capacity: 64 + locations.count * 112)
    writer.raw("[")
    var lastURI: String?
    var uriText: [UInt8] = []
    for (k, location) in locations.enumerated() {
      writer.raw(k == 0 ? "{\"uri\":" : ",{\"uri\":")
      if location.uri != lastURI {
        uriText = JSONTextWriter.encoded(location.uri)
        lastURI = location.uri
      }
      writer.append(uriText)
      writer.raw(",\"range\":{\"start\":{\"line\":")
      writer.int(location.range.start.line)
      writer.raw(",\"character\":")
      writer.int(location.range.start.character)
      writer.raw("},\"end\":{\"line\":")
      writer.int(location.range.end.line)
      writer.raw(",\"character\":")
      writer.int(location.range.end.character)
      writer.raw("}}}")
    }
    writer.raw("]")
    return .encoded(writer.text)
  }
}

public struct TextEdit: Hashable, Sendable {
  public var range: Range
  public var newText: String

  public init(range: Range, newText: String) {
    self.range = range
    self.newText = newText
  }

  public init?(json: JSONValue) {
    guard let range = json["range"].flatMap(Range.init(json:)), let text = json["newText"]?.stringValue else {
      return nil
    }
    self.init(range: range, newText: text)
  }

  public var json: JSONValue { ["range": range.json, "newText": .string(newText)] }
}

extension TextEdit: JSONEncodable {}

// MARK: - Documents

public struct TextDocumentItem: Hashable, Sendable {
  public var uri: String
  public var languageID: String
  public var version: Int
  public var text: String

  public init(uri: String, languageID: String, version: Int, text: String) {
    self.uri = uri
    self.languageID = languageID
    self.version = version
    self.text = text
  }

  public init?(json: JSONValue) {
    guard let uri = json["uri"]?.stringValue, let text = json["text"]?.stringValue,
      let version = json["version"]?.intValue
    else { return nil }
    self.init(uri: uri, languageID: json["languageId"]?.stringValue ?? "", version: version, text: text)
  }
}

extension TextDocumentItem: JSONDecodable {
  // NOTE: `languageId` is required by LSP but read leniently (it is not used): a missing one is "".
  public init(json: JSONValue, path: String) throws(ResponseError) {
    let reader = try ParamsReader(json, path: path)
    self.init(
      uri: try reader.string("uri"), languageID: try reader.stringIfPresent("languageId") ?? "",
      version: try reader.int("version"), text: try reader.string("text"))
  }
}

/// One change of `textDocument/didChange`: a replacement of `range` (incremental) or of the whole text (full).
public struct TextDocumentContentChangeEvent: Hashable, Sendable {
  public var range: Range?
  public var text: String

  public init(range: Range?, text: String) {
    self.range = range
    self.text = text
  }

  public init?(json: JSONValue) {
    guard let text = json["text"]?.stringValue else { return nil }
    var range: Range?
    if let raw = json["range"], raw != .null {
      guard let parsed = Range(json: raw) else { return nil }
      range = parsed
    }
    self.init(range: range, text: text)
  }

  public var json: JSONValue {
    var object: JSONObject = ["text": .string(text)]
    if let range { object["range"] = range.json }
    return .object(object)
  }
}

extension TextDocumentContentChangeEvent: JSONDecodable {
  public init(json: JSONValue, path: String) throws(ResponseError) {
    let reader = try ParamsReader(json, path: path)
    self.init(range: try reader.decodeIfPresent("range"), text: try reader.string("text"))
  }
}

/// The `textDocument` + `position` pair most requests carry.
public struct TextDocumentPositionParams: Hashable, Sendable {
  public var uri: String
  public var position: Position

  public init(uri: String, position: Position) {
    self.uri = uri
    self.position = position
  }

  public init?(json: JSONValue) {
    guard let uri = json["textDocument"]?["uri"]?.stringValue,
      let position = json["position"].flatMap(Position.init(json:))
    else { return nil }
    self.init(uri: uri, position: position)
  }

  public var json: JSONValue { ["textDocument": ["uri": .string(uri)], "position": position.json] }
}

extension TextDocumentPositionParams: JSONDecodable {
  public init(json: JSONValue, path: String) throws(ResponseError) {
    let reader = try ParamsReader(json, path: path)
    self.init(
      uri: try reader.decode("textDocument", as: TextDocumentIdentifier.self).uri,
      position: try reader.decode("position"))
  }
}

/// `workspace/didChangeWatchedFiles` change types.
public enum FileChangeType: Int, Sendable {
  case created = 1
  case changed = 2
  case deleted = 3
}

public struct FileEvent: Hashable, Sendable {
  public var uri: String
  public var type: FileChangeType

  public init?(json: JSONValue) {
    guard let uri = json["uri"]?.stringValue, let raw = json["type"]?.intValue, let type = FileChangeType(rawValue: raw)
    else { return nil }
    self.uri = uri
    self.type = type
  }
}

extension FileEvent: JSONDecodable {
  public init(json: JSONValue, path: String) throws(ResponseError) {
    let reader = try ParamsReader(json, path: path)
    let uri = try reader.string("uri")
    let raw = try reader.int("type")
    guard let type = FileChangeType(rawValue: raw) else {
      throw ResponseError.invalidParams("\(path).type must be 1, 2 or 3, not \(raw)")
    }
    self.uri = uri
    self.type = type
  }
}

// MARK: - Results

public enum DiagnosticSeverity: Int, Sendable {
  case error = 1
  case warning = 2
  case information = 3
  case hint = 4
}

public struct LSPDiagnostic: Hashable, Sendable {
  public var range: Range
  public var severity: DiagnosticSeverity
  public var code: String
  public var codeDescription: String?
  public var source: String
  public var message: String
  /// Other places that explain the finding (sent only when not empty).
  public var relatedInformation: [DiagnosticRelatedInformation]

  public init(
    range: Range, severity: DiagnosticSeverity, code: String, codeDescription: String? = nil,
    source: String = "notes-lsp", message: String, relatedInformation: [DiagnosticRelatedInformation] = []
  ) {
    self.range = range
    self.severity = severity
    self.code = code
    self.codeDescription = codeDescription
    self.source = source
    self.message = message
    self.relatedInformation = relatedInformation
  }

  public var json: JSONValue {
    var object: JSONObject = [
      "range": range.json, "severity": .int(severity.rawValue), "code": .string(code), "source": .string(source),
      "message": .string(message),
    ]
    if let codeDescription { object["codeDescription"] = ["href": .string(codeDescription)] }
    if !relatedInformation.isEmpty { object["relatedInformation"] = .array(relatedInformation.map(\.json)) }
    return .object(object)
  }
}

/// A place related to a diagnostic, with a message.
public struct DiagnosticRelatedInformation: Hashable, Sendable, JSONEncodable {
  public var location: Location
  public var message: String

  public init(location: Location, message: String) {
    self.location = location
    self.message = message
  }

  public var json: JSONValue { ["location": location.json, "message": .string(message)] }
}

/// Markdown shown in a hover or a completion item's documentation.
public struct MarkupContent: Hashable, Sendable {
  public var kind: String
  public var value: String

  public init(markdown: String) {
    self.kind = "markdown"
    self.value = markdown
  }

  public init(plainText: String) {
    self.kind = "plaintext"
    self.value = plainText
  }

  public var json: JSONValue { ["kind": .string(kind), "value": .string(value)] }
}

public struct Hover: Hashable, Sendable {
  public var contents: MarkupContent
  public var range: Range?

  public init(contents: MarkupContent, range: Range?) {
    self.contents = contents
    self.range = range
  }

  public var json: JSONValue {
    var object: JSONObject = ["contents": contents.json]
    if let range { object["range"] = range.json }
    return .object(object)
  }
}

/// LSP `CompletionItemKind` values used here.
public enum CompletionItemKind: Int, Sendable {
  case text = 1
  case reference = 18
  case constant = 21
  case user = 22
  case value = 12
}

public struct CompletionItem: Hashable, Sendable {
  public var label: String
  public var kind: CompletionItemKind
  public var detail: String?
  public var documentation: MarkupContent?
  public var sortText: String?
  public var filterText: String?
  public var textEdit: TextEdit?

  public init(
    label: String, kind: CompletionItemKind, detail: String? = nil, documentation: MarkupContent? = nil,
    sortText: String? = nil, filterText: String? = nil, textEdit: TextEdit? = nil
  ) {
    self.label = label
    self.kind = kind
    self.detail = detail
    self.documentation = documentation
    self.sortText = sortText
    self.filterText = filterText
    self.textEdit = textEdit
  }

  public var json: JSONValue {
    var object: JSONObject = ["label": .string(label), "kind": .int(kind.rawValue)]
    if let detail { object["detail"] = .string(detail) }
    if let documentation { object["documentation"] = documentation.json }
    if let sortText { object["sortText"] = .string(sortText) }
    if let filterText { object["filterText"] = .string(filterText) }
    if let textEdit { object["textEdit"] = textEdit.json }
    return .object(object)
  }
}

/// LSP `SymbolKind` values used here.
public enum SymbolKind: Int, Sendable {
  case file = 1
  case module = 2
  case namespace = 3
  case string = 15
  case event = 24
  case object = 19
  case key = 20
}

public struct DocumentSymbol: Hashable, Sendable {
  public var name: String
  public var detail: String?
  public var kind: SymbolKind
  public var range: Range
  public var selectionRange: Range
  public var children: [DocumentSymbol]

  public init(
    name: String, detail: String? = nil, kind: SymbolKind, range: Range, selectionRange: Range,
    children: [DocumentSymbol] = []
  ) {
    self.name = name
    self.detail = detail
    self.kind = kind
    self.range = range
    self.selectionRange = selectionRange
    self.children = children
  }

  public var json: JSONValue {
    var object: JSONObject = [
      "name": .string(name.isEmpty ? "(untitled)" : name), "kind": .int(kind.rawValue), "range": range.json,
      "selectionRange": selectionRange.json,
    ]
    if let detail { object["detail"] = .string(detail) }
    if !children.isEmpty { object["children"] = .array(children.map(\.json)) }
    return .object(object)
  }
}

public struct FoldingRange: Hashable, Sendable {
  public var startLine: Int
  public var endLine: Int
  /// `comment`, `imports`, `region`, or nil.
  public var kind: String?

  public init(startLine: Int, endLine: Int, kind: String? = nil) {
    self.startLine = startLine
    self.endLine = endLine
    self.kind = kind
  }

  public var json: JSONValue {
    var object: JSONObject = ["startLine": .int(startLine), "endLine": .int(endLine)]
    if let kind { object["kind"] = .string(kind) }
    return .object(object)
  }
}

public struct DocumentLink: Hashable, Sendable {
  public var range: Range
  public var target: String
  public var tooltip: String?

  public init(range: Range, target: String, tooltip: String? = nil) {
    self.range = range
    self.target = target
    self.tooltip = tooltip
  }

  public var json: JSONValue {
    var object: JSONObject = ["range": range.json, "target": .string(target)]
    if let tooltip { object["tooltip"] = .string(tooltip) }
    return .object(object)
  }
}

extension LSPDiagnostic: JSONEncodable {}
extension MarkupContent: JSONEncodable {}
extension Hover: JSONEncodable {}
extension CompletionItem: JSONEncodable {}
extension DocumentSymbol: JSONEncodable {}
extension FoldingRange: JSONEncodable {}
extension DocumentLink: JSONEncodable {}
