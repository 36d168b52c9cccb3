import Foundation
import LSPProtocol
import LSPTransport
import NotesCore
import NotesJSON
import NotesServer

// Shared by `notes-bench fuzz --protocol / --edits` and Tests/NotesServerTests (which link to this file): a client of
// an in-process server that keeps every answer, so a test can check that each request got exactly one.

/// Drives a `NotesLanguageServer` over the in-memory connection (the same framing as stdio) and records every
/// message it sends: responses by request id, errors without an id, notifications.
final class FuzzServerClient: @unchecked Sendable {
  let server: NotesLanguageServer
  let connection: InMemoryConnection
  private let condition = NSCondition()
  private var answers: [RequestID: [Message]] = [:]
  private var nullIDErrors: [Int] = []
  private var notificationLog: [(method: String, params: JSONValue)] = []
  private var nextID = 1

  init(diagnosticsDelay: Double = 0) {
    let (serverEnd, clientEnd) = InMemoryConnection.pair()
    server = NotesLanguageServer(
      connection: serverEnd, options: ServerOptions(diagnosticsDelay: diagnosticsDelay, logger: Logger(level: .off)))
    connection = clientEnd
    clientEnd.start { [self] event in
      guard case .message(let body) = event, let json = try? JSONValue.parse(body),
        case .success(let message) = Message.classify(json)
      else { return }
      condition.lock()
      switch message {
      case .response(let id, _): answers[id, default: []].append(message)
      case .errorResponse(let id, let error):
        if let id { answers[id, default: []].append(message) } else { nullIDErrors.append(error.code.rawValue) }
      case .notification(let method, let params): notificationLog.append((method, params ?? .null))
      case .request: break  // Requests from the server (registrations, showDocument) are not answered.
      }
      condition.broadcast()
      condition.unlock()
    }
    server.start()
  }

  deinit { connection.close() }

  /// A fresh request id (integers from 1, unless the caller picks its own).
  func newID() -> RequestID {
    condition.lock()
    defer { condition.unlock() }
    nextID += 1
    return .int(nextID)
  }

  func send(_ id: RequestID, _ method: String, _ params: JSONValue?) {
    connection.send(.request(id: id, method: method, params: params))
  }

  func notify(_ method: String, _ params: JSONValue?) {
    connection.send(.notification(method: method, params: params))
  }

  func sendRaw(_ bytes: [UInt8]) { connection.sendRaw(bytes) }

  /// Sends a request and waits for its answer.
  func request(_ method: String, _ params: JSONValue?, timeout: Double = 30) -> Message? {
    let id = newID()
    send(id, method, params)
    return answer(to: id, timeout: timeout)
  }

  /// The first answer to `id`, waiting up to `timeout` seconds.
  func answer(to id: RequestID, timeout: Double = 30) -> Message? {
    let deadline = Date().addingTimeInterval(timeout)
    condition.lock()
    defer { condition.unlock() }
    while answers[id]?.isEmpty ?? true {
      if !condition.wait(until: deadline) { return nil }
    }
    return answers[id]?.first
  }

  /// How many answers each id got so far.
  func answerCount(_ id: RequestID) -> Int { condition.withLock { answers[id]?.count ?? 0 } }

  /// Codes of the errors answered with a null id (framing and parse errors), in order.
  var nullIDErrorCodes: [Int] { condition.withLock { nullIDErrors } }

  /// The notifications received so far.
  var notifications: [(method: String, params: JSONValue)] { condition.withLock { notificationLog } }

  /// Waits for a notification of `method` whose params satisfy `predicate`, looking from the `after`-th one on.
  func waitForNotification(
    _ method: String, after: Int = 0, timeout: Double = 30, where predicate: (JSONValue) -> Bool = { _ in true }
  ) -> JSONValue? {
    let deadline = Date().addingTimeInterval(timeout)
    condition.lock()
    defer { condition.unlock() }
    while true {
      if after < notificationLog.count,
        let found = notificationLog[after...].first(where: { $0.method == method && predicate($0.params) })
      {
        return found.params
      }
      if !condition.wait(until: deadline) { return nil }
    }
  }

  /// `initialize` (asking for `encoding`) and `initialized`, then waits until the index is ready.
  @discardableResult
  func initialize(root: URL?, encoding: PositionEncoding = .utf16, pull: Bool = false) -> Message? {
    var capabilities: JSONObject = ["general": ["positionEncodings": [.string(encoding.rawValue)]]]
    if pull { capabilities["textDocument"] = ["diagnostic": ["dynamicRegistration": false]] }
    var params: JSONObject = ["processId": .null, "capabilities": .object(capabilities)]
    if let root {
      params["rootUri"] = .string(root.absoluteString)
      params["workspaceFolders"] = [["uri": .string(root.absoluteString), "name": "notes"]]
    }
    let before = notifications.count
    let answer = request("initialize", .object(params))
    notify("initialized", [:])
    _ = waitForNotification("$/notes-lsp/indexReady", after: before)
    return answer
  }

  func open(_ uri: String, _ text: String, version: Int = 1) {
    notify(
      "textDocument/didOpen",
      [
        "textDocument": [
          "uri": .string(uri), "languageId": "markdown", "version": .int(version), "text": .string(text),
        ]
      ])
  }

  /// `shutdown` then `exit`; returns the exit code.
  func shutdownAndExit() -> Int32 {
    _ = request("shutdown", nil)
    notify("exit", nil)
    return server.waitForExit()
  }
}

extension Message {
  /// The error code of an error response, nil for a result.
  var fuzzErrorCode: Int? {
    if case .errorResponse(_, let error) = self { return error.code.rawValue }
    return nil
  }

  /// The result of a response, nil for an error.
  var fuzzResult: JSONValue? {
    if case .response(_, let result) = self { return result }
    return nil
  }
}

/// A temporary folder for a fuzz run's server (the next-meeting command writes notes there); removed by `remove()`.
struct FuzzFolder {
  let url: URL

  init(_ name: String) {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(getpid())-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func uri(_ file: String) -> String { url.appendingPathComponent(file).absoluteString }

  func remove() { try? FileManager.default.removeItem(at: url) }
}
