import NotesJSON

// Results of the requests in `Requests.swift` that `LSPTypes.swift` does not already hold.

// MARK: - Lifecycle

/// `initialize`'s answer.
public struct InitializeResult: JSONEncodable, Sendable {
  public var capabilities: ServerCapabilities
  public var serverName: String
  public var serverVersion: String

  public init(capabilities: ServerCapabilities, serverName: String, serverVersion: String) {
    self.capabilities = capabilities
    self.serverName = serverName
    self.serverVersion = serverVersion
  }

  public var json: JSONValue {
    [
      "capabilities": capabilities.json,
      "serverInfo": ["name": .string(serverName), "version": .string(serverVersion)],
    ]
  }
}

/// What the server implements, and nothing else.
public struct ServerCapabilities: JSONEncodable, Sendable {
  public var positionEncoding: PositionEncodingName
  public var completionTriggerCharacters: [String]
  public var codeActionKinds: [CodeActionKind]
  public var commands: [String]
  /// Whether to offer pull diagnostics (`textDocument/diagnostic`) rather than push them.
  public var pullDiagnostics: Bool

  public init(
    positionEncoding: PositionEncodingName, completionTriggerCharacters: [String], codeActionKinds: [CodeActionKind],
    commands: [String], pullDiagnostics: Bool
  ) {
    self.positionEncoding = positionEncoding
    self.completionTriggerCharacters = completionTriggerCharacters
    self.codeActionKinds = codeActionKinds
    self.commands = commands
    self.pullDiagnostics = pullDiagnostics
  }

  public var json: JSONValue {
    var capabilities: JSONObject = [
      "positionEncoding": .string(positionEncoding.rawValue),
      "textDocumentSync": [
        "openClose": true, "change": .int(TextDocumentSyncKind.incremental.rawValue), "save": ["includeText": false],
      ],
      "completionProvider": [
        "triggerCharacters": .array(completionTriggerCharacters.map(JSONValue.string)), "resolveProvider": false,
      ],
      "hoverProvider": true,
      "definitionProvider": true,
      "documentSymbolProvider": true,
      "foldingRangeProvider": true,
      "documentLinkProvider": ["resolveProvider": false],
      "workspace": ["workspaceFolders": ["supported": true, "changeNotifications": true]],
      "referencesProvider": true,
      "renameProvider": ["prepareProvider": true],
      "workspaceSymbolProvider": true,
      "codeActionProvider": [
        "codeActionKinds": .array(codeActionKinds.map { .string($0.rawValue) }), "resolveProvider": false,
      ],
      "executeCommandProvider": ["commands": .array(commands.map(JSONValue.string))],
      "inlayHintProvider": true,
      "codeLensProvider": ["resolveProvider": false],
    ]
    if pullDiagnostics {
      capabilities["diagnosticProvider"] = [
        "identifier": "notes-lsp", "interFileDependencies": true, "workspaceDiagnostics": false,
      ]
    }
    return .object(capabilities)
  }
}

/// The name of a position encoding as LSP spells it (`utf-8`, `utf-16`, `utf-32`).
public struct PositionEncodingName: RawRepresentable, Hashable, Sendable {
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
}

/// `TextDocumentSyncKind`.
public enum TextDocumentSyncKind: Int, Sendable {
  case none = 0
  case full = 1
  case incremental = 2
}

// MARK: - Completion

public struct CompletionList: JSONEncodable, Sendable {
  public var isIncomplete: Bool
  public var items: [CompletionItem]

  public init(isIncomplete: Bool, items: [CompletionItem]) {
    self.isIncomplete = isIncomplete
    self.items = items
  }

  public var json: JSONValue { ["isIncomplete": .bool(isIncomplete), "items": .array(items.map(\.json))] }
}

// MARK: - Diagnostics

/// `textDocument/diagnostic`'s full report.
public struct FullDocumentDiagnosticReport: JSONEncodable, Sendable {
  public var items: [LSPDiagnostic]

  public init(items: [LSPDiagnostic]) { self.items = items }

  public var json: JSONValue { ["kind": "full", "items": .array(items.map(\.json))] }
}

/// `textDocument/publishDiagnostics`' params.
public struct PublishDiagnosticsParams: JSONEncodable, Sendable {
  public static let method = "textDocument/publishDiagnostics"
  public var uri: String
  public var version: Int?
  public var diagnostics: [LSPDiagnostic]

  public init(uri: String, version: Int?, diagnostics: [LSPDiagnostic]) {
    self.uri = uri
    self.version = version
    self.diagnostics = diagnostics
  }

  public var json: JSONValue {
    var params: JSONObject = ["uri": .string(uri), "diagnostics": .array(diagnostics.map(\.json))]
    if let version { params["version"] = .int(version) }
    return .object(params)
  }
}

// MARK: - Edits

/// Edits of several documents, as `changes` by URI (in the order given).
public struct WorkspaceEdit: JSONEncodable, Sendable {
  public var changes: [(uri: String, edits: [TextEdit])]

  public init(changes: [(uri: String, edits: [TextEdit])]) { self.changes = changes }

  public var json: JSONValue {
    var object = JSONObject()
    for change in changes { object[change.uri] = .array(change.edits.map(\.json)) }
    return ["changes": .object(object)]
  }

}

/// `prepareRename`'s answer: the range to rename and the text to start from.
public struct PrepareRenameResult: JSONEncodable, Sendable {
  public var range: Range
  public var placeholder: String

  public init(range: Range, placeholder: String) {
    self.range = range
    self.placeholder = placeholder
  }

  public var json: JSONValue { ["range": range.json, "placeholder": .string(placeholder)] }
}

// MARK: - Workspace symbols

/// A symbol of `workspace/symbol`.
public struct SymbolInformation: JSONEncodable, Sendable {
  public var name: String
  public var kind: SymbolKind
  public var containerName: String
  public var location: Location

  public init(name: String, kind: SymbolKind, containerName: String, location: Location) {
    self.name = name
    self.kind = kind
    self.containerName = containerName
    self.location = location
  }

  public var json: JSONValue {
    [
      "name": .string(name), "kind": .int(kind.rawValue), "containerName": .string(containerName),
      "location": location.json,
    ]
  }
}

// MARK: - Code actions and commands

/// A code action kind (`quickfix`, `source`, …). A struct so that kinds a client sends still decode.
public struct CodeActionKind: RawRepresentable, Hashable, Sendable {
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }

  public static let quickFix = CodeActionKind(rawValue: "quickfix")
  public static let source = CodeActionKind(rawValue: "source")
  public static let sourceFixAll = CodeActionKind(rawValue: "source.fixAll")

  /// Whether a client's `only` entry asks for this kind (the same kind, or a parent of it).
  public func isRequested(by only: String) -> Bool { rawValue == only || rawValue.hasPrefix(only + ".") }
}

public struct CodeAction: JSONEncodable, Sendable {
  public var title: String
  public var kind: CodeActionKind
  public var edit: WorkspaceEdit
  public var isPreferred: Bool
  /// The client's diagnostics this action fixes, echoed as sent.
  public var diagnostics: [JSONValue]

  public init(title: String, kind: CodeActionKind, edit: WorkspaceEdit, isPreferred: Bool, diagnostics: [JSONValue]) {
    self.title = title
    self.kind = kind
    self.edit = edit
    self.isPreferred = isPreferred
    self.diagnostics = diagnostics
  }

  public var json: JSONValue {
    var object: JSONObject = ["title": .string(title), "kind": .string(kind.rawValue), "edit": edit.json]
    if isPreferred { object["isPreferred"] = true }
    if !diagnostics.isEmpty { object["diagnostics"] = .array(diagnostics) }
    return .object(object)
  }
}

/// A command attached to a code lens.
public struct Command: JSONEncodable, Sendable {
  public var title: String
  public var command: String
  public var arguments: [JSONValue]?

  public init(title: String, command: String, arguments: [JSONValue]? = nil) {
    self.title = title
    self.command = command
    self.arguments = arguments
  }

  public var json: JSONValue {
    var object: JSONObject = ["title": .string(title), "command": .string(command)]
    if let arguments { object["arguments"] = .array(arguments) }
    return .object(object)
  }
}

// MARK: - Inlay hints and code lenses

public struct InlayHint: JSONEncodable, Sendable {
  public var position: Position
  public var label: String
  public var paddingLeft: Bool
  public var tooltip: MarkupContent?

  public init(position: Position, label: String, paddingLeft: Bool, tooltip: MarkupContent?) {
    self.position = position
    self.label = label
    self.paddingLeft = paddingLeft
    self.tooltip = tooltip
  }

  public var json: JSONValue {
    var object: JSONObject = ["position": position.json, "label": .string(label)]
    if paddingLeft { object["paddingLeft"] = true }
    if let tooltip { object["tooltip"] = tooltip.json }
    return .object(object)
  }
}

public struct CodeLens: JSONEncodable, Sendable {
  public var range: Range
  public var command: Command

  public init(range: Range, command: Command) {
    self.range = range
    self.command = command
  }

  public var json: JSONValue { ["range": range.json, "command": command.json] }
}

// MARK: - notes-lsp's own

/// The answer of the `notes-lsp.newMeeting` command: the note created.
public struct NewMeetingCreated: JSONEncodable, Sendable {
  public var uri: String
  public var fileName: String
  /// How many open items were carried over from the previous meeting.
  public var carriedItems: Int

  public init(uri: String, fileName: String, carriedItems: Int) {
    self.uri = uri
    self.fileName = fileName
    self.carriedItems = carriedItems
  }

  public var json: JSONValue {
    ["uri": .string(uri), "fileName": .string(fileName), "carriedItems": .int(carriedItems)]
  }
}

/// `window/showDocument`'s params.
public struct ShowDocumentParams: JSONEncodable, Sendable {
  public static let method = "window/showDocument"
  public var uri: String
  public var takeFocus: Bool

  public init(uri: String, takeFocus: Bool) {
    self.uri = uri
    self.takeFocus = takeFocus
  }

  public var json: JSONValue { ["uri": .string(uri), "takeFocus": .bool(takeFocus)] }
}

/// `client/registerCapability`'s params registering `workspace/didChangeWatchedFiles` for some glob patterns.
public struct WatchedFilesRegistration: JSONEncodable, Sendable {
  public static let method = "client/registerCapability"
  public var id: String
  public var globPatterns: [String]

  public init(id: String, globPatterns: [String]) {
    self.id = id
    self.globPatterns = globPatterns
  }

  public var json: JSONValue {
    [
      "registrations": [
        [
          "id": .string(id), "method": "workspace/didChangeWatchedFiles",
          "registerOptions": ["watchers": .array(globPatterns.map { ["globPattern": .string($0)] })],
        ]
      ]
    ]
  }
}
