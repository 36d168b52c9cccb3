import Foundation
import LSPProtocol
import NotesConfig
import NotesCore
import NotesJSON

extension NotesLanguageServer {
  /// The command that creates the next meeting's note.
  static let newMeetingCommand = "notes-lsp.newMeeting"

  /// `initialize`: reads what the client can do and the workspace folders, loads the configuration.
  func initialize(_ params: InitializeRequest.Params) throws -> InitializeResult {
    session.client = ClientCapabilities(json: params.capabilities)
    session.conversion.encoding = client.positionEncoding
    roots = Self.workspaceRoots(params)
    editorSettings = params.initializationOptions
    logger.clientInitialized(trace: params.trace)
    loadConfiguration()
    phase = .running
    logger.info(
      "initialized: \(roots.count) workspace folder(s), \(client.positionEncoding.rawValue) positions, "
        + (client.pullDiagnostics ? "pull" : "push") + " diagnostics")
    return InitializeResult(capabilities: capabilities(), serverName: "notes-lsp", serverVersion: options.version)
  }

  /// `$/setTrace`: debug and trace lines go to the client as `$/logTrace` while it asks for them.
  func setTrace(_ params: SetTraceNotification.Params) {
    logger.setClientTrace(params.value)
  }

  /// What the server implements, and nothing else.
  func capabilities() -> ServerCapabilities {
    ServerCapabilities(
      positionEncoding: PositionEncodingName(rawValue: client.positionEncoding.rawValue),
      completionTriggerCharacters: ["(", "/", ",", "@", "-", "|"],
      codeActionKinds: [.quickFix, .source, ProtocolConversion.fixAllKind], commands: [Self.newMeetingCommand],
      pullDiagnostics: client.pullDiagnostics)
  }

  /// `initialized`: registers for file changes when the client lets us, then indexes the workspace.
  func initialized(_ params: NoParams) {
    if client.dynamicWatchedFiles {
      let registration = WatchedFilesRegistration(
        id: "notes-lsp-watched-files",
        globPatterns: ["**/*.md", "**/*.markdown", "**/\(NotesConfiguration.fileName)"])
      request(WatchedFilesRegistration.method, registration.json)
    }
    ensureIndexed()
  }

  /// `shutdown` (answered on the reader thread once `initialize` was received; see `answeredOnReaderThread`).
  func shutdown(_ params: NoParams) -> NullResult {
    phase = .shuttingDown
    return NullResult()
  }

  static func workspaceRoots(_ params: InitializeRequest.Params) -> [URL] {
    var roots: [URL] = []
    for folder in params.workspaceFolders {
      if let url = fileURL(folder.uri) { roots.append(url) }
    }
    if roots.isEmpty, let uri = params.rootURI, let url = fileURL(uri) { roots.append(url) }
    if roots.isEmpty, let path = params.rootPath, !path.isEmpty {
      roots.append(URL(fileURLWithPath: path, isDirectory: true))
    }
    return roots
  }
}
