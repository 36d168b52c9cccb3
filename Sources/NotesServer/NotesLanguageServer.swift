import Foundation
import LSPProtocol
import LSPTransport
import NotesConfig
import NotesCore
import NotesJSON

/// The language server. One ordered message loop (a serial queue) owns all state, so document changes apply strictly
/// in order and no state is shared between threads; the reader thread only parses, classifies and routes, and answers
/// what must never wait behind long work itself: `$/cancelRequest`, `shutdown` and `exit` (see `RequestTracker`).
///
/// The state comes in named parts: the `session` (lifecycle phase, what the client can do, the position encoding),
/// the `documents` the editor has open (`DocumentStore`), the `diagnostics` scheduler, and the `host` of the
/// workspace (the notes, their derived caches, configuration and what was read from disk).
public final class NotesLanguageServer: @unchecked Sendable {
  enum Phase {
    case uninitialized
    case running
    case shuttingDown
    case exited
  }

  enum IndexState {
    case notStarted
    case ready
  }

  let connection: Connection
  let options: ServerOptions
  let logger: Logger
  /// The message loop: every part below is read and written on it only.
  let queue = DispatchQueue(label: "notes-lsp.messages")
  /// Requests in flight, cancellations, `shutdown` and the exit code: shared with the reader thread, under a lock.
  let tracker = RequestTracker()

  // Loop state, in parts.
  var session: Session
  var documents = DocumentStore()
  var diagnostics = DiagnosticsScheduler()
  var host = WorkspaceHost()

  public init(connection: Connection, options: ServerOptions = ServerOptions()) {
    self.connection = connection
    self.options = options
    self.logger = options.logger
    self.session = Session(conversion: ProtocolConversion(encoding: .utf16, logger: options.logger))
  }

  /// Starts reading messages.
  public func start() {
    connection.start { [self] event in receive(event) }
  }

  /// Blocks until the client sends `exit` (or closes the connection) and returns the exit code.
  public func waitForExit() -> Int32 { tracker.waitForExit() }

  /// The exit code once the server has stopped, else nil.
  public var finishedExitCode: Int32? { tracker.exitCode }

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
        if answeredOnReaderThread(message) { return }
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
        finish(code: tracker.shutdownRequested ? 0 : 1)
      }
    }
  }

  /// Handles on the reader thread what must overtake the queue: a cancellation is answered at once (-32800) and the
  /// request's work skipped or its late result dropped; after `initialize`, `shutdown` is answered at once and `exit`
  /// ends the server at once, whatever the loop is busy with. Returns whether the message was handled here.
  func answeredOnReaderThread(_ message: Message) -> Bool {
    switch message {
    case .notification(let method, let params) where method == CancelRequestNotification.method:
      if let cancel = try? CancelRequestNotification.Params(json: params ?? .null, path: "params"),
        tracker.cancel(cancel.id)
      {
        send(
          .errorResponse(
            id: cancel.id, error: ResponseError(code: .requestCancelled, message: "Request \(cancel.id) was cancelled"))
        )
      }
      return true
    case .notification(let method, _) where method == ExitNotification.method:
      finish(code: tracker.shutdownRequested ? 0 : 1)
      return true
    case .request(let id, let method, _):
      if tracker.begin(id, method: method) == .duplicate { logger.warning("request id \(id) is already in flight") }
      guard method == ShutdownRequest.method, tracker.requestShutdown() else { return false }
      respond(id, .success(NullResult().json))
      queue.async { [self] in if phase == .running { phase = .shuttingDown } }
      return true
    default:
      return false
    }
  }

  // MARK: - Sending

  func send(_ message: Message) {
    connection.send(message)
  }

  /// Answers a request once: nothing is sent for a request already answered (cancelled meanwhile).
  func respond(_ id: RequestID, _ result: Result<JSONValue, ResponseError>) {
    guard tracker.end(id) else { return }
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
    let id = RequestID.string("notes-lsp-\(session.nextOutgoingID)")
    session.nextOutgoingID += 1
    send(.request(id: id, method: method, params: params))
  }

  func finish(code: Int32) {
    guard tracker.finish(code: code) else { return }
    connection.close()
    tracker.signalExit()
    queue.async { [self] in phase = .exited }
  }

  // MARK: - Message loop

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
    if tracker.isCancelled(id) {
      tracker.end(id)  // Answered when the cancellation arrived.
      return
    }
    switch phase {
    case .uninitialized where method != InitializeRequest.method:
      respond(id, .failure(ResponseError(code: .serverNotInitialized, message: "The server is not initialized yet")))
      return
    case .running where method == InitializeRequest.method:
      respond(id, .failure(ResponseError(code: .invalidRequest, message: "The server is already initialized")))
      return
    case .shuttingDown, .exited:
      respond(id, .failure(ResponseError(code: .invalidRequest, message: "The server is shutting down")))
      return
    default: break
    }
    if tracker.shutdownRequested {
      respond(id, .failure(ResponseError(code: .invalidRequest, message: "The server is shutting down")))
      return
    }
    let started = DispatchTime.now().uptimeNanoseconds
    let result: Result<JSONValue, ResponseError>
    do {
      guard let handler = Self.messages.requests[method] else { throw ResponseError.methodNotFound(method) }
      result = .success(try handler(self, params ?? .null))
    } catch let error as ResponseError {
      result = .failure(error)
    } catch {
      logger.error("\(method) failed: \(error)")
      result = .failure(ResponseError(code: .internalError, message: "Internal error in \(method): \(error)"))
    }
    respond(id, result)
    let micros = (DispatchTime.now().uptimeNanoseconds - started) / 1000
    logger.trace("\(method) #\(id) took \(micros) µs")
  }

  func handleNotification(method: String, params: JSONValue?) {
    guard phase == .running else {
      logger.debug("dropped \(method): the server is \(phase == .uninitialized ? "not initialized" : "shutting down")")
      return
    }
    guard let handler = Self.messages.notifications[method] else {
      logger.trace("ignored notification \(method)")
      return
    }
    do {
      try handler(self, params ?? .null)
    } catch {
      logger.warning("\(method): \(error)")
    }
  }

  // MARK: - URIs

  /// A `file:` URI as a file URL; nil for other schemes.
  static func fileURL(_ uri: String) -> URL? { DocumentStore.fileURL(uri) }

  /// The file path a URI names (for matching client URIs with files read from disk), or the URI itself.
  static func pathKey(_ uri: String) -> String { DocumentStore.pathKey(uri) }
}
