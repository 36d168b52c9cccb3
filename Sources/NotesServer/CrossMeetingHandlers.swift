import Foundation
import LSPProtocol
import NotesConfig
import NotesCore
import NotesJSON

// The cross-meeting requests: references, rename, workspace symbols, code actions, the next meeting, inlay hints and
// code lenses. Thin: read params, call the core (`Sources/NotesCore/CrossMeeting`), convert through the seam.
extension NotesLanguageServer {
  /// The command that creates the next meeting's note.
  static let newMeetingCommand = "notes-lsp.newMeeting"

  /// The capabilities of the cross-meeting features, merged into `initialize`'s answer.
  func crossMeetingCapabilities() -> JSONObject {
    [
      "referencesProvider": true,
      "renameProvider": ["prepareProvider": true],
      "workspaceSymbolProvider": true,
      "codeActionProvider": [
        "codeActionKinds": ["quickfix", "source", "source.fixAll.notes-lsp"], "resolveProvider": false,
      ],
      "executeCommandProvider": ["commands": [.string(Self.newMeetingCommand)]],
      "inlayHintProvider": true,
      "codeLensProvider": ["resolveProvider": false],
    ]
  }

  /// Answers the cross-meeting requests; any other method is not found.
  func dispatchCrossMeeting(method: String, params: JSONValue) throws -> JSONValue {
    switch method {
    case "textDocument/references": return try references(params)
    case "textDocument/prepareRename": return try prepareRename(params)
    case "textDocument/rename": return try rename(params)
    case "workspace/symbol": return try workspaceSymbols(params)
    case "textDocument/codeAction": return try codeActions(params)
    case "workspace/executeCommand": return try executeCommand(params)
    case "textDocument/inlayHint": return try inlayHints(params)
    case "textDocument/codeLens": return try codeLenses(params)
    default: throw ResponseError.methodNotFound(method)
    }
  }

  // MARK: - Conversion

  /// A core location as a protocol one, converted with the text of the note it is in.
  func crossLocation(_ location: NoteLocation) -> JSONValue {
    crossLocation(location, source: workspace.document(location.uri)?.source)
  }

  /// `crossLocation` with the note's text already looked up (nil when the workspace does not hold it).
  func crossLocation(_ location: NoteLocation, source: SourceText?) -> JSONValue {
    guard let source else {
      return Location(
        uri: location.uri,
        range: LSPProtocol.Range(start: .init(line: 0, character: 0), end: .init(line: 0, character: 0))
      ).json
    }
    return Location(uri: location.uri, range: conversion.range(location.range, in: source)).json
  }

  /// Core edits as a `WorkspaceEdit` (`changes` by URI).
  func workspaceEdit(_ edits: [NoteTextEdit]) -> JSONValue {
    var changes = JSONObject()
    var order: [String] = []
    var byURI: [String: [NoteTextEdit]] = [:]
    for edit in edits {
      if byURI[edit.uri] == nil { order.append(edit.uri) }
      byURI[edit.uri, default: []].append(edit)
    }
    for uri in order {
      guard let document = workspace.document(uri) else { continue }
      let converted = (byURI[uri] ?? []).sorted { $0.range < $1.range }.map {
        TextEdit(range: conversion.range($0.range, in: document.source), newText: $0.newText).json
      }
      changes[uri] = .array(converted)
    }
    return ["changes": .object(changes)]
  }

  // MARK: - References and rename

  func references(_ params: JSONValue) throws -> JSONValue {
    guard let (document, offset) = try located(params) else { return .null }
    let includeDeclaration = params["context"]?["includeDeclaration"]?.boolValue ?? true
    guard
      let locations = crossIndex.references(
        at: offset, in: document, workspace: workspace, includeDeclaration: includeDeclaration,
        generation: workspaceGeneration)
    else { return .null }
    var sources: [String: SourceText?] = [:]
    return .array(
      locations.map { location in
        if sources[location.uri] == nil { sources[location.uri] = .some(workspace.document(location.uri)?.source) }
        return crossLocation(location, source: sources[location.uri] ?? nil)
      })
  }

  func prepareRename(_ params: JSONValue) throws -> JSONValue {
    guard let (document, offset) = try located(params) else { return .null }
    do {
      let target = try InitialsRename.prepare(in: document, at: offset, workspace: workspace)
      return [
        "range": conversion.range(target.range, in: document.source).json, "placeholder": .string(target.initials),
      ]
    } catch {
      throw ResponseError(code: .requestFailed, message: error.message)
    }
  }

  func rename(_ params: JSONValue) throws -> JSONValue {
    guard let newName = params["newName"]?.stringValue else { throw ResponseError.invalidParams("newName is required") }
    guard let (document, offset) = try located(params) else { return .null }
    do {
      return workspaceEdit(
        try crossIndex.rename(
          in: document, at: offset, to: newName, workspace: workspace, generation: workspaceGeneration))
    } catch {
      throw ResponseError(code: .requestFailed, message: error.message)
    }
  }

  // MARK: - Workspace symbols

  func workspaceSymbols(_ params: JSONValue) throws -> JSONValue {
    guard let query = params["query"]?.stringValue else { throw ResponseError.invalidParams("query is required") }
    ensureIndexed()
    let symbols = crossIndex.symbols(query, in: workspace, generation: workspaceGeneration)
    return .array(
      symbols.map { symbol in
        // SymbolKind: 1 File (a meeting), 19 Object (a person), 24 Event (an action item).
        let kind: Int
        switch symbol.kind {
        case .meeting: kind = 1
        case .person: kind = 19
        case .actionItem: kind = 24
        }
        return [
          "name": .string(symbol.name), "kind": .int(kind), "containerName": .string(symbol.detail),
          "location": crossLocation(symbol.location),
        ]
      })
  }

  // MARK: - Code actions

  func codeActions(_ params: JSONValue) throws -> JSONValue {
    guard let document = try document(params), let rangeJSON = params["range"],
      let range = LSPProtocol.Range(json: rangeJSON)
    else { return .null }
    let uri = document.uri
    let requested = conversion.utf8Range(range, in: document.source, uri: uri)
    let only = (params["context"]?["only"]?.arrayValue ?? []).compactMap(\.stringValue)
    let sent = params["context"]?["diagnostics"]?.arrayValue ?? []
    var result: [JSONValue] = []
    for action in CodeActions.actions(in: document, range: requested, workspace: workspace) {
      let kind: String
      switch action.kind {
      case .quickFix: kind = "quickfix"
      case .source: kind = "source"
      case .sourceFixAll: kind = "source.fixAll.notes-lsp"
      }
      if !only.isEmpty && !only.contains(where: { kind == $0 || kind.hasPrefix($0 + ".") }) { continue }
      var object: JSONObject = [
        "title": .string(action.title), "kind": .string(kind), "edit": workspaceEdit(action.edits),
      ]
      if action.isPreferred { object["isPreferred"] = true }
      if let code = action.fixes, let at = action.diagnosticRange {
        let fixed = sent.filter { diagnostic in
          guard diagnostic["code"]?.stringValue == code.rawValue,
            let r = diagnostic["range"].flatMap(LSPProtocol.Range.init(json:))
          else { return false }
          let d = conversion.utf8Range(r, in: document.source, uri: uri)
          return d.utf8Start <= at.utf8End && at.utf8Start <= d.utf8End
        }
        if !fixed.isEmpty { object["diagnostics"] = .array(fixed) }
      }
      result.append(.object(object))
    }
    return .array(result)
  }

  // MARK: - The next meeting

  /// `notes-lsp.newMeeting` with an optional argument: a note or folder URI, or `{"uri": …, "date": "YYYY-MM-DD"}`.
  /// Creates the next note of that series (default: the series with the latest meeting) and never overwrites.
  func executeCommand(_ params: JSONValue) throws -> JSONValue {
    guard params["command"]?.stringValue == Self.newMeetingCommand else {
      throw ResponseError.invalidParams("unknown command \(params["command"]?.stringValue ?? "")")
    }
    ensureIndexed()
    let argument = params["arguments"]?.arrayValue?.first ?? .null
    let given = argument.stringValue ?? argument["uri"]?.stringValue
    var date: MeetingDate?
    if let text = argument["date"]?.stringValue {
      guard let parsed = CalendarMath.parse(text) else { throw ResponseError.invalidParams("date must be YYYY-MM-DD") }
      date = parsed
    }
    let (uri, plan) = try createNextMeeting(given: given, date: date)
    if clientShowsDocuments { request("window/showDocument", ["uri": .string(uri), "takeFocus": true]) }
    return ["uri": .string(uri), "fileName": .string(plan.fileName), "carriedItems": .int(plan.carriedItems)]
  }

  /// Whether the client said it handles `window/showDocument`.
  var clientShowsDocuments: Bool { client.showDocument }

  // MARK: - Inlay hints and code lenses

  func inlayHints(_ params: JSONValue) throws -> JSONValue {
    guard let document = try document(params) else { return .null }
    var range = TextRange(utf8Start: 0, utf8End: document.source.bytes.count)
    if let json = params["range"], let requested = LSPProtocol.Range(json: json) {
      range = conversion.utf8Range(requested, in: document.source, uri: document.uri)
    }
    let hints = InlineHints.inlayHints(in: document, range: range, workspace: workspace)
    return .array(
      hints.map { hint in
        [
          "position": conversion.position(hint.position, in: document.source).json, "label": .string(hint.label),
          "paddingLeft": true, "tooltip": ["kind": "markdown", "value": .string(hint.tooltip)],
        ]
      })
  }

  func codeLenses(_ params: JSONValue) throws -> JSONValue {
    guard let document = try document(params) else { return .null }
    return .array(
      InlineHints.codeLenses(in: document, workspace: workspace).map { lens in
        var command: JSONObject = ["title": .string(lens.title), "command": ""]
        if let target = lens.target { command["arguments"] = [crossLocation(target)] }
        return ["range": conversion.range(lens.range, in: document.source).json, "command": .object(command)]
      })
  }
}
