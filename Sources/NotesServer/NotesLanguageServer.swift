import Foundation
import LSPProtocol
import LSPTransport
import NotesConfig
import NotesCore
import NotesJSON

/// The language server. One ordered message loop (a serial queue) owns all state, so document changes apply strictly
/// in order and no state is shared between threads; the reader thread only parses, classifies and records
/// cancellations, which therefore overtake the queue.
public final class NotesLanguageServer: @unchecked Sendable {
  enum Phase {
    case uninitialized
    case running
    case shuttingDown
    case exited
  }

  struct OpenDocument {
    var text: String
    var version: Int
  }

  let connection: Connection
  let options: ServerOptions
  let logger: Logger
  /// The message loop: every piece of state below is read and written on it only.
  let queue = DispatchQueue(label: "notes-lsp.messages")

  // Reader-thread state, under `lock`.
  private let lock = NSLock()
  private var inFlight: Set<RequestID> = []
  private var cancelled: Set<RequestID> = []
  private var exitCode: Int32?
  private let exitSemaphore = DispatchSemaphore(value: 0)

  // Loop state.
  var phase = Phase.uninitialized
  var conversion: ProtocolConversion
  var client = ClientCapabilities()
  var roots: [URL] = []
  var workspace = NotesWorkspace() {
    // NOTE: no `oldValue`, so a mutation does not copy the workspace.
    didSet { workspaceGeneration &+= 1 }
  }
  /// Bumped on every change of `workspace`: the cross-meeting cache checks the notes again only when it moved.
  var workspaceGeneration = 0
  /// Per-note data for references, rename and workspace symbols (see `CrossMeetingIndex`).
  let crossIndex = CrossMeetingIndex()
  var configuration = NotesConfiguration()
  /// Which files belong to the workspace: `NoteMembership`, the policy `--check` walks by (rebuilt with the
  /// configuration and the workspace folders).
  var membership = NoteMembership(configuration: NotesConfiguration(), roots: [])
  /// The `file.*` findings of files read from disk (empty, binary, not UTF-8, too large, not regular), by URI.
  var fileFindings: [String: FileFindings] = [:]
  var editorSettings: JSONValue?
  var openDocuments: [String: OpenDocument] = [:]
  /// The URI each file path is held under (client URIs for open documents, `file://` URIs for files read from disk).
  var uriByPath: [String: String] = [:]
  /// Modification stamps of files read from disk, to rescan only what changed.
  var diskStamps: [String: FileStamp] = [:]
  var indexState = IndexState.notStarted
  var diagnosticGeneration: [String: Int] = [:]
  var publishedNonEmpty: Set<String> = []
  var peopleDirectory: PeopleDirectory?
  var peopleGeneration = 0
  var peopleRebuildScheduled = false
  var nextOutgoingID = 1
  var loadedRosterNames: [String] = []
  var loadedRegistryNames: [(ProposalKind, String)] = []
  /// `diagnosticsDelayMs` from the editor's settings, in seconds.
  var diagnosticsDelayOverride: Double?

  enum IndexState {
    case notStarted
    case ready
  }

  public init(connection: Connection, options: ServerOptions = ServerOptions()) {
    self.connection = connection
    self.options = options
    self.logger = options.logger
    self.conversion = ProtocolConversion(encoding: .utf16, logger: options.logger)
  }

  /// Starts reading messages.
  public func start() {
    connection.start { [self] event in receive(event) }
  }

  /// Blocks until the client sends `exit` (or closes the connection) and returns the exit code.
  public func waitForExit() -> Int32 {
    exitSemaphore.wait()
    return lock.withLock { exitCode ?? 1 }
  }

  /// The exit code once the server has stopped, else nil.
  public var finishedExitCode: Int32? { lock.withLock { exitCode } }

  // MARK: - Reader thread

  func receive(_ event: ConnectionEvent) {
    switch event {
    case .message(let body):
      let json: JSONValue
      do {
        json = try JSONValue.parse(body)
      } catch {
        logger.warning("unparsable message: \(error)")
        send(.errorResponse(id: nil, error: ResponseError(code: .parseError, message: "Parse error: \(error)")))
        return
      }
      switch Message.classify(json) {
      case .failure(let invalid):
        logger.warning("invalid message: \(invalid.error.message)")
        send(.errorResponse(id: invalid.id, error: invalid.error))
      case .success(let message):
        if case .notification(let method, let params) = message, method == "$/cancelRequest" {
          if let raw = params?["id"], let id = RequestID(json: raw) {
            lock.withLock { if inFlight.contains(id) { cancelled.insert(id) } }
          }
          return
        }
        if case .request(let id, _, _) = message {
          let duplicate = lock.withLock { !inFlight.insert(id).inserted }
          if duplicate {
            logger.warning("request id \(id) is already in flight")
          }
        }
        queue.async { [self] in handle(message) }
      }
    case .framingError(let error):
      logger.warning("framing error: \(error.reason)")
      let code: ErrorCode = error.kind == .oversized ? .invalidRequest : .parseError
      send(
        .errorResponse(id: nil, error: ResponseError(code: code, message: "Invalid message framing: \(error.reason)")))
    case .closed:
      queue.async { [self] in
        logger.info("input closed")
        finish(code: phase == .shuttingDown ? 0 : 1)
      }
    }
  }

  // MARK: - Sending

  func send(_ message: Message) {
    connection.send(message)
  }

  func respond(_ id: RequestID, _ result: Result<JSONValue, ResponseError>) {
    lock.withLock {
      inFlight.remove(id)
      cancelled.remove(id)
    }
    switch result {
    case .success(let value): send(.response(id: id, result: value))
    case .failure(let error): send(.errorResponse(id: id, error: error))
    }
  }

  func notify(_ method: String, _ params: JSONValue) {
    send(.notification(method: method, params: params))
  }

  /// Sends a request to the client; its answer is only logged.
  func request(_ method: String, _ params: JSONValue) {
    let id = RequestID.string("notes-lsp-\(nextOutgoingID)")
    nextOutgoingID += 1
    send(.request(id: id, method: method, params: params))
  }

  func isCancelled(_ id: RequestID) -> Bool {
    lock.withLock { cancelled.contains(id) }
  }

  func finish(code: Int32) {
    let first = lock.withLock { () -> Bool in
      if exitCode != nil { return false }
      exitCode = code
      return true
    }
    guard first else { return }
    phase = .exited
    connection.close()
    exitSemaphore.signal()
  }

  // MARK: - Dispatch (message loop)

  func handle(_ message: Message) {
    switch message {
    case .request(let id, let method, let params):
      handleRequest(id: id, method: method, params: params)
    case .notification(let method, let params):
      handleNotification(method: method, params: params)
    case .response(let id, _):
      logger.trace("client answered \(id)")
    case .errorResponse(let id, let error):
      logger.info("client answered \(id.map(\.description) ?? "null") with error \(error)")
    }
  }

  func handleRequest(id: RequestID, method: String, params: JSONValue?) {
    if isCancelled(id) {
      respond(id, .failure(ResponseError(code: .requestCancelled, message: "Request \(id) was cancelled")))
      return
    }
    switch phase {
    case .uninitialized where method != "initialize":
      respond(id, .failure(ResponseError(code: .serverNotInitialized, message: "The server is not initialized yet")))
      return
    case .running where method == "initialize":
      respond(id, .failure(ResponseError(code: .invalidRequest, message: "The server is already initialized")))
      return
    case .shuttingDown, .exited:
      respond(id, .failure(ResponseError(code: .invalidRequest, message: "The server is shutting down")))
      return
    default: break
    }
    let started = DispatchTime.now().uptimeNanoseconds
    let result: Result<JSONValue, ResponseError>
    do {
      result = .success(try dispatchRequest(method: method, params: params ?? .null))
    } catch let error as ResponseError {
      result = .failure(error)
    } catch {
      logger.error("\(method) failed: \(error)")
      result = .failure(ResponseError(code: .internalError, message: "Internal error in \(method): \(error)"))
    }
    if isCancelled(id) {
      respond(id, .failure(ResponseError(code: .requestCancelled, message: "Request \(id) was cancelled")))
    } else {
      respond(id, result)
    }
    let micros = (DispatchTime.now().uptimeNanoseconds - started) / 1000
    logger.trace("\(method) #\(id) took \(micros) µs")
  }

  func dispatchRequest(method: String, params: JSONValue) throws -> JSONValue {
    switch method {
    case "initialize": return try initialize(params)
    case "shutdown":
      phase = .shuttingDown
      return .null
    case "textDocument/completion": return try completion(params)
    case "textDocument/hover": return try hover(params)
    case "textDocument/definition": return try definition(params)
    case "textDocument/documentSymbol": return try documentSymbols(params)
    case "textDocument/foldingRange": return try foldingRanges(params)
    case "textDocument/documentLink": return try documentLinks(params)
    case "textDocument/diagnostic": return try pullDiagnostics(params)
    // References, rename, workspace symbols, code actions, the next meeting, inlay hints, code lenses.
    default: return try dispatchCrossMeeting(method: method, params: params)
    }
  }

  func handleNotification(method: String, params: JSONValue?) {
    if method == "exit" {
      finish(code: phase == .shuttingDown ? 0 : 1)
      return
    }
    guard phase == .running else {
      logger.debug("dropped \(method): the server is \(phase == .uninitialized ? "not initialized" : "shutting down")")
      return
    }
    let params = params ?? .null
    do {
      switch method {
      case "initialized": initialized()
      case "textDocument/didOpen": try didOpen(params)
      case "textDocument/didChange": try didChange(params)
      case "textDocument/didClose": try didClose(params)
      case "textDocument/didSave": try didSave(params)
      case "workspace/didChangeWatchedFiles": try didChangeWatchedFiles(params)
      case "workspace/didChangeConfiguration": didChangeConfiguration(params)
      case "workspace/didChangeWorkspaceFolders": didChangeWorkspaceFolders(params)
      default: logger.trace("ignored notification \(method)")
      }
    } catch {
      logger.warning("\(method): \(error)")
    }
  }

  // MARK: - Lifecycle

  func initialize(_ params: JSONValue) throws -> JSONValue {
    guard case .object = params else { throw ResponseError.invalidParams("initialize needs an object") }
    client = ClientCapabilities(json: params["capabilities"] ?? .null)
    conversion.encoding = client.positionEncoding
    roots = Self.workspaceRoots(params)
    editorSettings = params["initializationOptions"]
    if let trace = params["trace"]?.stringValue, trace == "verbose", logger.level < .debug {
      logger.debug("client asked for verbose trace")
    }
    loadConfiguration()
    phase = .running
    logger.info(
      "initialized: \(roots.count) workspace folder(s), \(client.positionEncoding.rawValue) positions, "
        + (client.pullDiagnostics ? "pull" : "push") + " diagnostics")
    return [
      "capabilities": capabilities(),
      "serverInfo": ["name": "notes-lsp", "version": .string(options.version)],
    ]
  }

  /// What the server implements, and nothing else.
  func capabilities() -> JSONValue {
    var capabilities: JSONObject = [
      "positionEncoding": .string(client.positionEncoding.rawValue),
      "textDocumentSync": [
        "openClose": true, "change": 2, "save": ["includeText": false],
      ],
      "completionProvider": [
        "triggerCharacters": ["(", "/", ",", "@", "-", "|"], "resolveProvider": false,
      ],
      "hoverProvider": true,
      "definitionProvider": true,
      "documentSymbolProvider": true,
      "foldingRangeProvider": true,
      "documentLinkProvider": ["resolveProvider": false],
      "workspace": ["workspaceFolders": ["supported": true, "changeNotifications": true]],
    ]
    for (key, value) in crossMeetingCapabilities() { capabilities[key] = value }
    if client.pullDiagnostics {
      capabilities["diagnosticProvider"] = [
        "identifier": "notes-lsp", "interFileDependencies": true, "workspaceDiagnostics": false,
      ]
    }
    return .object(capabilities)
  }

  func initialized() {
    if client.dynamicWatchedFiles {
      request(
        "client/registerCapability",
        [
          "registrations": [
            [
              "id": "notes-lsp-watched-files", "method": "workspace/didChangeWatchedFiles",
              "registerOptions": [
                "watchers": [
                  ["globPattern": "**/*.md"], ["globPattern": "**/*.markdown"],
                  ["globPattern": .string("**/\(NotesConfiguration.fileName)")],
                ]
              ],
            ]
          ]
        ])
    }
    ensureIndexed()
  }

  static func workspaceRoots(_ params: JSONValue) -> [URL] {
    var roots: [URL] = []
    for folder in params["workspaceFolders"]?.arrayValue ?? [] {
      if let uri = folder["uri"]?.stringValue, let url = fileURL(uri) { roots.append(url) }
    }
    if roots.isEmpty, let uri = params["rootUri"]?.stringValue, let url = fileURL(uri) { roots.append(url) }
    if roots.isEmpty, let path = params["rootPath"]?.stringValue, !path.isEmpty {
      roots.append(URL(fileURLWithPath: path, isDirectory: true))
    }
    return roots
  }

  /// A `file:` URI as a file URL; nil for other schemes.
  static func fileURL(_ uri: String) -> URL? {
    guard let url = URL(string: uri), url.isFileURL else {
      if uri.hasPrefix("/") { return URL(fileURLWithPath: uri) }
      return nil
    }
    return URL(fileURLWithPath: url.path)
  }

  /// The file path a URI names (for matching client URIs with files read from disk), or the URI itself.
  static func pathKey(_ uri: String) -> String {
    fileURL(uri)?.standardizedFileURL.path ?? uri
  }
}

/// What the client said it can do, reduced to what the server uses.
struct ClientCapabilities {
  var positionEncoding = PositionEncoding.utf16
  var pullDiagnostics = false
  var workDoneProgress = false
  var dynamicWatchedFiles = false
  var diagnosticRefresh = false
  /// `window.showDocument.support`: the client opens documents the server asks it to.
  var showDocument = false
  var showMessage = true

  init() {}

  init(json: JSONValue) {
    // NOTE: the client lists encodings in order of preference; the first we speak wins (we speak all three).
    for raw in json["general"]?["positionEncodings"]?.arrayValue ?? [] {
      if let name = raw.stringValue, let encoding = PositionEncoding(rawValue: name) {
        positionEncoding = encoding
        break
      }
    }
    if let diagnostic = json["textDocument"]?["diagnostic"], case .object = diagnostic { pullDiagnostics = true }
    workDoneProgress = json["window"]?["workDoneProgress"]?.boolValue ?? false
    dynamicWatchedFiles = json["workspace"]?["didChangeWatchedFiles"]?["dynamicRegistration"]?.boolValue ?? false
    diagnosticRefresh = json["workspace"]?["diagnostics"]?["refreshSupport"]?.boolValue ?? false
    showDocument = json["window"]?["showDocument"]?["support"]?.boolValue ?? false
  }
}
