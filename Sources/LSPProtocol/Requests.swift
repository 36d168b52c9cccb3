import NotesJSON

// Every request and notification the server handles, as a type: its method, the type its params decode into and, for
// a request, the type of its result. The server's one dispatch table is keyed by these types.

/// A request: a method whose params decode into `Params` and whose answer is a `Result`.
public protocol LSPRequest: SendableMetatype {
  associatedtype Params: JSONDecodable
  associatedtype Result: JSONEncodable
  static var method: String { get }
}

/// A notification: a method whose params decode into `Params`; it gets no answer.
public protocol LSPNotification: SendableMetatype {
  associatedtype Params: JSONDecodable
  static var method: String { get }
}

// MARK: - Shared params

/// Params that carry nothing (`shutdown`, `exit`, `initialized`): anything is accepted and ignored.
public struct NoParams: JSONDecodable {
  public init() {}
  public init(json: JSONValue, path: String) throws(ResponseError) {}
}

/// The answer of a request that answers nothing but `null` (`shutdown`).
public struct NullResult: JSONEncodable, Sendable {
  public init() {}
  public var json: JSONValue { .null }
}

/// `{ "uri": … }` naming a document.
public struct TextDocumentIdentifier: JSONDecodable, Hashable {
  public var uri: String

  public init(uri: String) { self.uri = uri }

  public init(json: JSONValue, path: String) throws(ResponseError) {
    uri = try ParamsReader(json, path: path).string("uri")
  }
}

/// `{ "uri": …, "version": … }`. NOTE: `version` is required by LSP but optional here, as before typed params: a
/// change without one is applied and keeps the previous version.
public struct VersionedTextDocumentIdentifier: JSONDecodable, Hashable {
  public var uri: String
  public var version: Int?

  public init(json: JSONValue, path: String) throws(ResponseError) {
    let reader = try ParamsReader(json, path: path)
    uri = try reader.string("uri")
    version = try reader.intIfPresent("version")
  }
}

/// Params naming only a document (`documentSymbol`, `foldingRange`, `documentLink`, `codeLens`, `didClose`).
public struct TextDocumentParams: JSONDecodable {
  public var textDocument: TextDocumentIdentifier

  public init(uri: String) { textDocument = TextDocumentIdentifier(uri: uri) }

  public init(json: JSONValue, path: String) throws(ResponseError) {
    textDocument = try ParamsReader(json, path: path).decode("textDocument")
  }

  public var uri: String { textDocument.uri }
}

/// A workspace folder of `initialize` and `didChangeWorkspaceFolders`.
public struct WorkspaceFolder: JSONDecodable, Hashable {
  public var uri: String
  public var name: String?

  public init(json: JSONValue, path: String) throws(ResponseError) {
    let reader = try ParamsReader(json, path: path)
    uri = try reader.string("uri")
    name = try reader.stringIfPresent("name")
  }
}

// MARK: - Lifecycle

public enum InitializeRequest: LSPRequest {
  public static let method = "initialize"
  public typealias Result = InitializeResult

  public struct Params: JSONDecodable {
    public var processID: Int?
    /// The client's capabilities, as sent (the server reads what it uses from them).
    public var capabilities: JSONValue
    public var rootURI: String?
    public var rootPath: String?
    public var workspaceFolders: [WorkspaceFolder]
    public var initializationOptions: JSONValue?
    public var trace: String?

    public init(json: JSONValue, path: String) throws(ResponseError) {
      let reader = try ParamsReader(json, path: path)
      processID = try reader.intIfPresent("processId")
      capabilities = try reader.object("capabilities")
      rootURI = try reader.stringIfPresent("rootUri")
      rootPath = try reader.stringIfPresent("rootPath")
      workspaceFolders = try reader.decodeArrayIfPresent("workspaceFolders") ?? []
      initializationOptions = reader.anyIfPresent("initializationOptions")
      trace = try reader.stringIfPresent("trace")
      _ = try reader.objectIfPresent("clientInfo")
      _ = try reader.stringIfPresent("locale")
    }
  }
}

public enum ShutdownRequest: LSPRequest {
  public static let method = "shutdown"
  public typealias Params = NoParams
  public typealias Result = NullResult
}

public enum InitializedNotification: LSPNotification {
  public static let method = "initialized"
  public typealias Params = NoParams
}

public enum ExitNotification: LSPNotification {
  public static let method = "exit"
  public typealias Params = NoParams
}

public enum CancelRequestNotification: LSPNotification {
  public static let method = "$/cancelRequest"

  public struct Params: JSONDecodable {
    public var id: RequestID

    public init(json: JSONValue, path: String) throws(ResponseError) {
      let reader = try ParamsReader(json, path: path)
      guard let raw = reader.value("id"), let id = RequestID(json: raw) else {
        throw ResponseError.invalidParams("\(path).id must be an integer or a string")
      }
      self.id = id
    }
  }
}

// MARK: - Text synchronisation

public enum DidOpenTextDocumentNotification: LSPNotification {
  public static let method = "textDocument/didOpen"

  public struct Params: JSONDecodable {
    public var textDocument: TextDocumentItem

    public init(json: JSONValue, path: String) throws(ResponseError) {
      textDocument = try ParamsReader(json, path: path).decode("textDocument")
    }
  }
}

public enum DidChangeTextDocumentNotification: LSPNotification {
  public static let method = "textDocument/didChange"

  public struct Params: JSONDecodable {
    public var textDocument: VersionedTextDocumentIdentifier
    public var contentChanges: [TextDocumentContentChangeEvent]

    public init(json: JSONValue, path: String) throws(ResponseError) {
      let reader = try ParamsReader(json, path: path)
      textDocument = try reader.decode("textDocument")
      contentChanges = try reader.decodeArray("contentChanges")
    }
  }
}

public enum DidCloseTextDocumentNotification: LSPNotification {
  public static let method = "textDocument/didClose"
  public typealias Params = TextDocumentParams
}

public enum DidSaveTextDocumentNotification: LSPNotification {
  public static let method = "textDocument/didSave"

  public struct Params: JSONDecodable {
    public var textDocument: TextDocumentIdentifier
    public var text: String?

    public init(json: JSONValue, path: String) throws(ResponseError) {
      let reader = try ParamsReader(json, path: path)
      textDocument = try reader.decode("textDocument")
      text = try reader.stringIfPresent("text")
    }
  }
}

// MARK: - Workspace notifications

public enum DidChangeWatchedFilesNotification: LSPNotification {
  public static let method = "workspace/didChangeWatchedFiles"

  public struct Params: JSONDecodable {
    /// The events that could be read. NOTE: a malformed event is skipped, not the whole notification, so one odd
    /// entry from a client's watcher does not hide the others.
    public var changes: [FileEvent]

    public init(json: JSONValue, path: String) throws(ResponseError) {
      let reader = try ParamsReader(json, path: path)
      guard let raw = reader.value("changes") else { throw ResponseError.invalidParams("\(path).changes is required") }
      guard let elements = raw.arrayValue else {
        throw ResponseError.invalidParams("\(path).changes must be an array, not \(raw.typeName)")
      }
      changes = elements.compactMap(FileEvent.init(json:))
    }
  }
}

/// `$/setTrace`: the client changes how much it wants traced (`off`, `messages`, `verbose`).
public enum SetTraceNotification: LSPNotification {
  public static let method = "$/setTrace"

  public struct Params: JSONDecodable {
    public var value: String?

    public init(json: JSONValue, path: String) throws(ResponseError) {
      // NOTE: read leniently, like the other trace settings: an unknown value means "off".
      value = json["value"]?.stringValue
    }
  }
}

public enum DidChangeConfigurationNotification: LSPNotification {
  public static let method = "workspace/didChangeConfiguration"

  public struct Params: JSONDecodable {
    /// The settings sent (any JSON), or nil when none (`null` or absent).
    public var settings: JSONValue?

    public init(json: JSONValue, path: String) throws(ResponseError) {
      // NOTE: read leniently: some clients send no params at all and mean "read the settings again".
      settings = json["settings"].flatMap { $0 == .null ? nil : $0 }
    }
  }
}

public enum DidChangeWorkspaceFoldersNotification: LSPNotification {
  public static let method = "workspace/didChangeWorkspaceFolders"

  public struct Params: JSONDecodable {
    public var added: [WorkspaceFolder]
    public var removed: [WorkspaceFolder]

    public init(json: JSONValue, path: String) throws(ResponseError) {
      let reader = try ParamsReader(json, path: path)
      let event = try ParamsReader(reader.value("event") ?? [:], path: "\(path).event")
      added = try event.decodeArrayIfPresent("added") ?? []
      removed = try event.decodeArrayIfPresent("removed") ?? []
    }
  }
}

// MARK: - Language features

public enum CompletionRequest: LSPRequest {
  public static let method = "textDocument/completion"
  public typealias Result = CompletionList?

  public struct Params: JSONDecodable {
    public var position: TextDocumentPositionParams
    public var triggerKind: Int?
    public var triggerCharacter: String?

    public init(json: JSONValue, path: String) throws(ResponseError) {
      position = try TextDocumentPositionParams(json: json, path: path)
      let reader = try ParamsReader(json, path: path)
      if let context = reader.value("context") {
        let context = try ParamsReader(context, path: "\(path).context")
        triggerKind = try context.intIfPresent("triggerKind")
        triggerCharacter = try context.stringIfPresent("triggerCharacter")
      }
    }
  }
}

public enum HoverRequest: LSPRequest {
  public static let method = "textDocument/hover"
  public typealias Params = TextDocumentPositionParams
  public typealias Result = Hover?
}

public enum DefinitionRequest: LSPRequest {
  public static let method = "textDocument/definition"
  public typealias Params = TextDocumentPositionParams
  public typealias Result = [Location]?
}

public enum DocumentSymbolRequest: LSPRequest {
  public static let method = "textDocument/documentSymbol"
  public typealias Params = TextDocumentParams
  public typealias Result = [DocumentSymbol]?
}

public enum FoldingRangeRequest: LSPRequest {
  public static let method = "textDocument/foldingRange"
  public typealias Params = TextDocumentParams
  public typealias Result = [FoldingRange]?
}

public enum DocumentLinkRequest: LSPRequest {
  public static let method = "textDocument/documentLink"
  public typealias Params = TextDocumentParams
  public typealias Result = [DocumentLink]?
}

public enum DocumentDiagnosticRequest: LSPRequest {
  public static let method = "textDocument/diagnostic"
  public typealias Result = FullDocumentDiagnosticReport

  public struct Params: JSONDecodable {
    public var textDocument: TextDocumentIdentifier
    public var identifier: String?
    public var previousResultID: String?

    public init(json: JSONValue, path: String) throws(ResponseError) {
      let reader = try ParamsReader(json, path: path)
      textDocument = try reader.decode("textDocument")
      identifier = try reader.stringIfPresent("identifier")
      previousResultID = try reader.stringIfPresent("previousResultId")
    }
  }
}

public enum ReferencesRequest: LSPRequest {
  public static let method = "textDocument/references"
  public typealias Result = [Location]?

  public struct Params: JSONDecodable {
    public var position: TextDocumentPositionParams
    /// `context.includeDeclaration`: required, as LSP says (a request without it is -32602).
    public var includeDeclaration: Bool

    public init(json: JSONValue, path: String) throws(ResponseError) {
      position = try TextDocumentPositionParams(json: json, path: path)
      let reader = try ParamsReader(json, path: path)
      guard let context = reader.value("context") else {
        throw ResponseError.invalidParams("\(path).context is required")
      }
      guard let include = try ParamsReader(context, path: "\(path).context").boolIfPresent("includeDeclaration") else {
        throw ResponseError.invalidParams("\(path).context.includeDeclaration is required")
      }
      includeDeclaration = include
    }
  }
}

public enum PrepareRenameRequest: LSPRequest {
  public static let method = "textDocument/prepareRename"
  public typealias Params = TextDocumentPositionParams
  public typealias Result = PrepareRenameResult?
}

public enum RenameRequest: LSPRequest {
  public static let method = "textDocument/rename"
  public typealias Result = WorkspaceEdit?

  public struct Params: JSONDecodable {
    public var position: TextDocumentPositionParams
    public var newName: String

    public init(json: JSONValue, path: String) throws(ResponseError) {
      position = try TextDocumentPositionParams(json: json, path: path)
      newName = try ParamsReader(json, path: path).string("newName")
    }
  }
}

public enum WorkspaceSymbolRequest: LSPRequest {
  public static let method = "workspace/symbol"
  public typealias Result = [SymbolInformation]

  public struct Params: JSONDecodable {
    public var query: String

    public init(json: JSONValue, path: String) throws(ResponseError) {
      query = try ParamsReader(json, path: path).string("query")
    }
  }
}

/// A diagnostic the client sends back in a code action's context: what the server reads of it, and the JSON as sent
/// (echoed in the action's `diagnostics`).
public struct ContextDiagnostic: JSONDecodable {
  public var range: Range
  public var code: String?
  public var raw: JSONValue

  public init(json: JSONValue, path: String) throws(ResponseError) {
    let reader = try ParamsReader(json, path: path)
    range = try reader.decode("range")
    _ = try reader.string("message")
    _ = try reader.intIfPresent("severity")
    if let code = reader.value("code") {
      switch code {
      case .string(let s): self.code = s
      case .int(let i): self.code = String(i)
      default: throw ResponseError.invalidParams("\(path).code must be a string or an integer, not \(code.typeName)")
      }
    }
    raw = json
  }
}

public enum CodeActionRequest: LSPRequest {
  public static let method = "textDocument/codeAction"
  public typealias Result = [CodeAction]?

  public struct Params: JSONDecodable {
    public var textDocument: TextDocumentIdentifier
    public var range: Range
    public var diagnostics: [ContextDiagnostic]
    /// The kinds asked for (empty: all).
    public var only: [String]

    public init(json: JSONValue, path: String) throws(ResponseError) {
      let reader = try ParamsReader(json, path: path)
      textDocument = try reader.decode("textDocument")
      range = try reader.decode("range")
      let context = try ParamsReader(try reader.object("context"), path: "\(path).context")
      diagnostics = try context.decodeArray("diagnostics")
      only = try context.decodeArrayIfPresent("only") ?? []
      _ = try context.intIfPresent("triggerKind")
    }
  }
}

public enum ExecuteCommandRequest: LSPRequest {
  public static let method = "workspace/executeCommand"
  public typealias Result = JSONValue

  public struct Params: JSONDecodable {
    public var command: String
    public var arguments: [JSONValue]

    public init(json: JSONValue, path: String) throws(ResponseError) {
      let reader = try ParamsReader(json, path: path)
      command = try reader.string("command")
      if let raw = reader.value("arguments") {
        guard let elements = raw.arrayValue else {
          throw ResponseError.invalidParams("\(path).arguments must be an array, not \(raw.typeName)")
        }
        arguments = elements
      } else {
        arguments = []
      }
    }
  }
}

public enum InlayHintRequest: LSPRequest {
  public static let method = "textDocument/inlayHint"
  public typealias Result = [InlayHint]?

  public struct Params: JSONDecodable {
    public var textDocument: TextDocumentIdentifier
    /// Required, as LSP says (a request without it is -32602).
    public var range: Range

    public init(json: JSONValue, path: String) throws(ResponseError) {
      let reader = try ParamsReader(json, path: path)
      textDocument = try reader.decode("textDocument")
      range = try reader.decode("range")
    }
  }
}

public enum CodeLensRequest: LSPRequest {
  public static let method = "textDocument/codeLens"
  public typealias Params = TextDocumentParams
  public typealias Result = [CodeLens]?
}
