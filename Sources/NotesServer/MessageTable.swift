import Foundation
import LSPProtocol
import NotesJSON

/// The one dispatch table: every request and notification the server handles, keyed by method, each decoding its
/// typed params (a missing or mistyped field is -32602) and calling one thin handler in `Handlers/`.
struct MessageTable: Sendable {
  typealias RequestHandler = @Sendable (NotesLanguageServer, JSONValue) throws -> JSONValue
  typealias NotificationHandler = @Sendable (NotesLanguageServer, JSONValue) throws -> Void

  private(set) var requests: [String: RequestHandler] = [:]
  private(set) var notifications: [String: NotificationHandler] = [:]

  /// Adds a request and its handler.
  func on<R: LSPRequest>(
    _ request: R.Type, _ handler: @escaping @Sendable (NotesLanguageServer) -> (R.Params) throws -> R.Result
  ) -> MessageTable {
    var table = self
    table.requests[R.method] = { server, json in try handler(server)(try R.Params(json: json, path: "params")).json }
    return table
  }

  /// Adds a notification and its handler.
  func on<N: LSPNotification>(
    _ notification: N.Type, _ handler: @escaping @Sendable (NotesLanguageServer) -> (N.Params) throws -> Void
  ) -> MessageTable {
    var table = self
    table.notifications[N.method] = { server, json in try handler(server)(try N.Params(json: json, path: "params")) }
    return table
  }

  /// The methods of every request in the table.
  var requestMethods: [String] { requests.keys.sorted() }
}

extension NotesLanguageServer {
  /// Every message the server handles. (`$/cancelRequest` and `exit` are handled on the reader thread, and so is
  /// `shutdown` once `initialize` was received; see `answeredOnReaderThread`.)
  static let messages = MessageTable()
    // Lifecycle: Handlers/Lifecycle.swift
    .on(InitializeRequest.self, NotesLanguageServer.initialize)
    .on(ShutdownRequest.self, NotesLanguageServer.shutdown)
    .on(InitializedNotification.self, NotesLanguageServer.initialized)
    // Text synchronisation: Handlers/TextSynchronization.swift
    .on(DidOpenTextDocumentNotification.self, NotesLanguageServer.didOpen)
    .on(DidChangeTextDocumentNotification.self, NotesLanguageServer.didChange)
    .on(DidCloseTextDocumentNotification.self, NotesLanguageServer.didClose)
    .on(DidSaveTextDocumentNotification.self, NotesLanguageServer.didSave)
    // The workspace: Server+Workspace.swift
    .on(DidChangeWatchedFilesNotification.self, NotesLanguageServer.didChangeWatchedFiles)
    .on(DidChangeConfigurationNotification.self, NotesLanguageServer.didChangeConfiguration)
    .on(DidChangeWorkspaceFoldersNotification.self, NotesLanguageServer.didChangeWorkspaceFolders)
    .on(SetTraceNotification.self, NotesLanguageServer.setTrace)
    // One note: one handler file each.
    .on(CompletionRequest.self, NotesLanguageServer.completion)
    .on(HoverRequest.self, NotesLanguageServer.hover)
    .on(DefinitionRequest.self, NotesLanguageServer.definition)
    .on(DocumentSymbolRequest.self, NotesLanguageServer.documentSymbols)
    .on(FoldingRangeRequest.self, NotesLanguageServer.foldingRanges)
    .on(DocumentLinkRequest.self, NotesLanguageServer.documentLinks)
    .on(DocumentDiagnosticRequest.self, NotesLanguageServer.pullDiagnostics)
    .on(CodeActionRequest.self, NotesLanguageServer.codeActions)
    .on(InlayHintRequest.self, NotesLanguageServer.inlayHints)
    .on(CodeLensRequest.self, NotesLanguageServer.codeLenses)
    // Across meetings.
    .on(ReferencesRequest.self, NotesLanguageServer.references)
    .on(PrepareRenameRequest.self, NotesLanguageServer.prepareRename)
    .on(RenameRequest.self, NotesLanguageServer.rename)
    .on(WorkspaceSymbolRequest.self, NotesLanguageServer.workspaceSymbols)
    .on(ExecuteCommandRequest.self, NotesLanguageServer.executeCommand)
}
