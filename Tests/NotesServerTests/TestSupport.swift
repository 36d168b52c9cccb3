import Foundation
import LSPProtocol
import LSPTransport
import NotesCore
import NotesJSON
import Testing

@testable import NotesServer

// MARK: - Paths

/// The package root, from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()
/// `../shared/corpus` next to the package.
let corpusRoot = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")

// MARK: - Markers

/// A note text with cursor markers (`1️⃣` … `9️⃣`, `0️⃣`) taken out, and where each marker was (UTF-8 offsets).
struct MarkedText {
  var text: String
  var offsets: [String: Int]

  static let markers = ["0️⃣", "1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

  init(_ marked: String) {
    var text = ""
    var offsets: [String: Int] = [:]
    var rest = Substring(marked)
    outer: while !rest.isEmpty {
      for marker in Self.markers where rest.hasPrefix(marker) {
        offsets[marker] = text.utf8.count
        rest = rest.dropFirst(marker.count)
        continue outer
      }
      text.append(rest.removeFirst())
    }
    self.text = text
    self.offsets = offsets
  }

  func offset(_ marker: String) -> Int { offsets[marker] ?? -1 }

  /// The UTF-8 offset of the `occurrence`-th `needle`.
  func offset(of needle: String, occurrence: Int = 1) -> Int {
    var from = text.startIndex
    var found = 0
    while let range = text.range(of: needle, range: from..<text.endIndex) {
      found += 1
      if found == occurrence { return text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound) }
      from = range.upperBound
    }
    return -1
  }

  /// An LSP position computed independently of `SourceText`: lines split at `\n`, columns counted by Swift's views.
  func position(_ utf8Offset: Int, _ encoding: PositionEncoding) -> Position {
    let prefix = String(decoding: Array(text.utf8)[0..<utf8Offset], as: UTF8.self)
    let lines = prefix.split(separator: "\n", omittingEmptySubsequences: false)
    let last = lines.last.map(String.init) ?? ""
    let column: Int
    switch encoding {
    case .utf8: column = last.utf8.count
    case .utf16: column = last.utf16.count
    case .utf32: column = last.unicodeScalars.count
    }
    return Position(line: lines.count - 1, character: column)
  }

  func range(_ start: Int, _ end: Int, _ encoding: PositionEncoding) -> LSPProtocol.Range {
    LSPProtocol.Range(start: position(start, encoding), end: position(end, encoding))
  }
}

// MARK: - A client over the in-memory connection

/// Drives a server in-process. Messages from the server are collected; requests wait for their response.
final class TestClient: @unchecked Sendable {
  let server: NotesLanguageServer
  let connection: InMemoryConnection
  private let condition = NSCondition()
  private var received: [Message] = []
  private var nextID = 1

  convenience init(diagnosticsDelay: Double = 0.02) {
    self.init(options: ServerOptions(diagnosticsDelay: diagnosticsDelay, logger: Logger(level: .off)))
  }

  init(options: ServerOptions) {
    let (serverEnd, clientEnd) = InMemoryConnection.pair()
    server = NotesLanguageServer(connection: serverEnd, options: options)
    connection = clientEnd
    clientEnd.start { [self] event in
      guard case .message(let body) = event else { return }
      let message: Message
      do {
        let json = try JSONValue.parse(body)
        guard case .success(let parsed) = Message.classify(json) else { return }
        message = parsed
      } catch { return }
      condition.lock()
      received.append(message)
      condition.broadcast()
      condition.unlock()
    }
    server.start()
  }

  deinit { connection.close() }

  /// Everything received so far.
  var messages: [Message] {
    condition.lock()
    defer { condition.unlock() }
    return received
  }

  /// Waits for the first message (in arrival order, from `after` on) matching `predicate`.
  func wait(timeout: Double = 10, after: Int = 0, _ predicate: (Message) -> Bool) -> Message? {
    let deadline = Date().addingTimeInterval(timeout)
    condition.lock()
    defer { condition.unlock() }
    while true {
      if after < received.count, let found = received[after...].first(where: predicate) { return found }
      if !condition.wait(until: deadline) { return nil }
    }
  }

  @discardableResult
  func send(_ method: String, _ params: JSONValue = .null) -> RequestID {
    condition.lock()
    let id = RequestID.int(nextID)
    nextID += 1
    condition.unlock()
    connection.send(.request(id: id, method: method, params: params == .null ? nil : params))
    return id
  }

  /// Sends a request and returns its response (`.response` or `.errorResponse`).
  func request(_ method: String, _ params: JSONValue = .null, timeout: Double = 10) -> Message? {
    let id = send(method, params)
    return response(to: id, timeout: timeout)
  }

  func response(to id: RequestID, timeout: Double = 10) -> Message? {
    wait(timeout: timeout) { message in
      switch message {
      case .response(let rid, _): return rid == id
      case .errorResponse(let rid, _): return rid == id
      default: return false
      }
    }
  }

  /// The result of a request, or nil on error or timeout.
  func result(_ method: String, _ params: JSONValue = .null) -> JSONValue? {
    if case .response(_, let result) = request(method, params) { return result }
    return nil
  }

  func notify(_ method: String, _ params: JSONValue = .null) {
    connection.send(.notification(method: method, params: params == .null ? nil : params))
  }

  /// The notifications of a method received so far.
  func notifications(_ method: String) -> [JSONValue] {
    messages.compactMap { message in
      if case .notification(let m, let params) = message, m == method { return params ?? .null }
      return nil
    }
  }

  func waitForNotification(_ method: String, timeout: Double = 10, where predicate: (JSONValue) -> Bool = { _ in true })
    -> JSONValue?
  {
    let found = wait(timeout: timeout) { message in
      if case .notification(let m, let params) = message, m == method { return predicate(params ?? .null) }
      return false
    }
    if case .notification(_, let params) = found { return params ?? .null }
    return nil
  }

  /// `initialize` + `initialized`, waiting until the index is ready.
  @discardableResult
  func initialize(
    encoding: PositionEncoding? = nil, pull: Bool = false, progress: Bool = false, dynamicWatch: Bool = false,
    root: URL?, options: JSONValue? = nil
  ) -> JSONValue? {
    var capabilities: JSONObject = [:]
    if let encoding { capabilities["general"] = ["positionEncodings": [.string(encoding.rawValue)]] }
    if pull { capabilities["textDocument"] = ["diagnostic": ["dynamicRegistration": false]] }
    if progress { capabilities["window"] = ["workDoneProgress": true] }
    if dynamicWatch { capabilities["workspace"] = ["didChangeWatchedFiles": ["dynamicRegistration": true]] }
    var params: JSONObject = ["processId": .null, "capabilities": .object(capabilities)]
    if let root {
      params["rootUri"] = .string(root.absoluteString)
      params["workspaceFolders"] = [["uri": .string(root.absoluteString), "name": "notes"]]
    }
    if let options { params["initializationOptions"] = options }
    let result = self.result("initialize", .object(params))
    notify("initialized", [:])
    _ = waitForNotification("$/notes-lsp/indexReady")
    return result
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

  func shutdownAndExit() -> Int32 {
    _ = request("shutdown")
    notify("exit")
    return server.waitForExit()
  }
}

// MARK: - Fixture workspace

/// A temporary folder of notes with a configuration naming the corpus roster and registries.
struct FixtureWorkspace {
  let root: URL

  init(files: [String: String], configuration: String? = nil) throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("notes-lsp-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    // NOTE: configured paths must lie in the configuration's folder, so the corpus roster and registries are copied in.
    let reference = corpusRoot.appendingPathComponent("reference")
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("reference"), withIntermediateDirectories: true)
    for name in ["core.csv", "cfeps.tsv", "ceps.tsv"] {
      try Data(contentsOf: reference.appendingPathComponent(name)).write(
        to: root.appendingPathComponent("reference/\(name)"))
    }
    let config =
      configuration ?? """
        {
          "rosters": ["reference/core.csv"],
          "registries": {"cfep": ["reference/cfeps.tsv"], "cep": ["reference/ceps.tsv"]}
        }
        """
    try config.write(to: root.appendingPathComponent(".notes-lsp.json"), atomically: true, encoding: .utf8)
    for (path, text) in files {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
    }
  }

  func uri(_ path: String) -> String { root.appendingPathComponent(path).absoluteString }

  func remove() { try? FileManager.default.removeItem(at: root) }
}

// MARK: - JSON helpers

extension JSONValue {
  var position: Position? { Position(json: self) }
  var range: LSPProtocol.Range? { LSPProtocol.Range(json: self) }
}

extension Message {
  var errorCode: Int? {
    if case .errorResponse(_, let error) = self { return error.code.rawValue }
    return nil
  }
  var resultValue: JSONValue? {
    if case .response(_, let result) = self { return result }
    return nil
  }
}
