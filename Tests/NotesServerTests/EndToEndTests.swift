import Foundation
import LSPProtocol
import LSPTransport
import NotesJSON
import Testing

// End-to-end: the built `notes-lsp` binary over pipes. The test builds nothing; it finds the binary in the products
// folder of the running test executable (`swift build --build-tests` / `swift test` build it there).

/// The `notes-lsp` next to the test executable.
func builtServerBinary() -> URL? {
  var candidates: [URL] = []
  let argument0 = URL(fileURLWithPath: CommandLine.arguments.first ?? "").standardizedFileURL
  candidates.append(argument0.deletingLastPathComponent())
  candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
  candidates.append(Bundle.main.bundleURL)
  // On macOS the runner is inside `….xctest/Contents/MacOS`.
  for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
    candidates.append(bundle.bundleURL.deletingLastPathComponent())
  }
  for folder in candidates {
    let binary = folder.appendingPathComponent("notes-lsp")
    if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
  }
  return nil
}

/// A running `notes-lsp` and what it wrote.
final class ServerProcess: @unchecked Sendable {
  let process = Process()
  let stdin = Pipe()
  let stdout = Pipe()
  let stderr = Pipe()
  private let condition = NSCondition()
  private var messages: [Message] = []
  private var framingErrors: [FramingError] = []
  private var stderrText = Data()
  private var nextID = 1

  init(binary: URL, arguments: [String] = [], environment: [String: String] = [:]) throws {
    process.executableURL = binary
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    let out = stdout.fileHandleForReading
    Thread.detachNewThread { [self] in
      var framer = MessageFramer()
      while true {
        let data = out.availableData
        if data.isEmpty { break }
        for event in framer.feed(Array(data)) {
          condition.lock()
          switch event {
          case .message(let body):
            if let json = try? JSONValue.parse(body), case .success(let message) = Message.classify(json) {
              messages.append(message)
            } else {
              framingErrors.append(FramingError(kind: .malformedHeader, reason: "unparsable body on stdout"))
            }
          case .error(let error): framingErrors.append(error)
          }
          condition.broadcast()
          condition.unlock()
        }
      }
    }
    let err = stderr.fileHandleForReading
    Thread.detachNewThread { [self] in
      while true {
        let data = err.availableData
        if data.isEmpty { break }
        condition.lock()
        stderrText.append(data)
        condition.unlock()
      }
    }
  }

  var received: [Message] { condition.withLock { messages } }
  var stdoutProblems: [FramingError] { condition.withLock { framingErrors } }
  var log: String { condition.withLock { String(decoding: stderrText, as: UTF8.self) } }

  func write(_ bytes: [UInt8]) {
    stdin.fileHandleForWriting.write(Data(bytes))
  }

  func send(_ message: Message) { write(MessageFramer.frame(message.json.serializedBytes())) }

  func notify(_ method: String, _ params: JSONValue) { send(.notification(method: method, params: params)) }

  @discardableResult
  func sendRequest(_ method: String, _ params: JSONValue) -> RequestID {
    let id = condition.withLock { () -> RequestID in
      defer { nextID += 1 }
      return .int(nextID)
    }
    send(.request(id: id, method: method, params: params))
    return id
  }

  func wait(timeout: Double = 20, after: Int = 0, _ predicate: (Message) -> Bool) -> Message? {
    let deadline = Date().addingTimeInterval(timeout)
    condition.lock()
    defer { condition.unlock() }
    while true {
      if after < messages.count, let found = messages[after...].first(where: predicate) { return found }
      if !condition.wait(until: deadline) { return nil }
    }
  }

  func request(_ method: String, _ params: JSONValue) -> Message? {
    let id = sendRequest(method, params)
    return wait { message in
      switch message {
      case .response(let rid, _), .errorResponse(.some(let rid), _): return rid == id
      default: return false
      }
    }
  }

  func notification(_ method: String, where predicate: (JSONValue) -> Bool = { _ in true }) -> JSONValue? {
    let found = wait { message in
      if case .notification(let m, let params) = message, m == method { return predicate(params ?? .null) }
      return false
    }
    if case .notification(_, let params) = found { return params ?? .null }
    return nil
  }

  /// Waits for the process to end; nil when it does not within the timeout.
  func exitCode(timeout: Double = 20) -> Int32? {
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    if process.isRunning {
      process.terminate()
      return nil
    }
    return process.terminationStatus
  }
}

@Test func theBuiltServerServesASessionAndSurvivesMalformedInput() throws {
  let binary = try #require(builtServerBinary(), "notes-lsp must be built next to the test executable")
  let fixture = try FixtureWorkspace(files: [
    "notes/2024-06-05.md": previousNote, "notes/2024-06-12.md": currentNote.text,
  ])
  defer { fixture.remove() }
  let server = try ServerProcess(binary: binary, arguments: ["--stdio", "--log-level", "debug"])
  let initialize = server.request(
    "initialize",
    [
      "processId": .null, "rootUri": .string(fixture.root.absoluteString),
      "capabilities": ["general": ["positionEncodings": ["utf-16"]]],
    ])
  #expect(initialize?.resultValue?["capabilities"]?["positionEncoding"]?.stringValue == "utf-16")
  server.notify("initialized", [:])
  let uri = fixture.uri("notes/2024-06-12.md")
  server.notify(
    "textDocument/didOpen",
    ["textDocument": ["uri": .string(uri), "languageId": "markdown", "version": 3, "text": .string(currentNote.text)]])
  let diagnostics = server.notification("textDocument/publishDiagnostics") { $0["uri"]?.stringValue == uri }
  #expect(diagnostics?["version"]?.intValue == 3)
  #expect(
    diagnostics?["diagnostics"]?.arrayValue?.contains { $0["code"]?.stringValue == "action-item.unowned" } == true)

  func at(_ marker: String) -> JSONValue {
    ["textDocument": ["uri": .string(uri)], "position": currentNote.position(currentNote.offset(marker), .utf16).json]
  }
  let completion = server.request("textDocument/completion", at("2️⃣"))?.resultValue
  #expect(completion?["items"]?.arrayValue?.first?["label"]?.stringValue == "MRB")
  let hover = server.request("textDocument/hover", at("1️⃣"))?.resultValue
  #expect(hover?["contents"]?["value"]?.stringValue?.contains("Jaime Rodríguez-Guerra") == true)
  let definition = server.request("textDocument/definition", at("3️⃣"))?.resultValue
  #expect(definition?.arrayValue?.first?["uri"]?.stringValue == fixture.uri("notes/2024-06-05.md"))

  // Malformed input: each is answered, and the server goes on serving.
  let cases: [(String, [UInt8], Int)] = [
    ("bad Content-Length", Array("Content-Length: twelve\r\n\r\n{}".utf8), -32700),
    ("header without a colon", Array("Content-Length: 2\r\nNoColonHere\r\n\r\n{}".utf8), -32700),
    ("invalid JSON", MessageFramer.frame(Array("{\"jsonrpc\": \"2.0\", ".utf8)), -32700),
    ("a JSON array", MessageFramer.frame(Array(#"[{"jsonrpc":"2.0","id":99,"method":"shutdown"}]"#.utf8)), -32600),
    ("a request without a method", MessageFramer.frame(Array(#"{"jsonrpc":"2.0","id":77}"#.utf8)), -32600),
    (
      "an oversized message",
      Array("Content-Length: 80000000\r\n\r\n".utf8) + [UInt8](repeating: 0x7B, count: 80_000_000), -32600
    ),
  ]
  for (name, bytes, code) in cases {
    let before = server.received.count
    server.write(bytes)
    let answer = server.wait(after: before) { message in
      if case .errorResponse = message { return true }
      return false
    }
    if case .errorResponse(let id, let error) = answer {
      #expect(error.code.rawValue == code, "\(name)")
      #expect(id == (name == "a request without a method" ? .int(77) : nil), "\(name)")
    } else {
      Issue.record("no answer to \(name)")
    }
    let again = server.request("textDocument/hover", at("1️⃣"))?.resultValue
    #expect(again?["contents"]?["value"]?.stringValue?.contains("Jaime") == true, "serving after \(name)")
  }

  #expect(server.request("shutdown", .null)?.resultValue == .null)
  server.notify("exit", .null)
  #expect(server.exitCode() == 0)
  #expect(server.stdoutProblems.isEmpty)  // Nothing but protocol on stdout.
  #expect(server.log.contains("[notes-lsp"))  // Logs went to stderr.
}

@Test func theBuiltServerExitsWithOneWithoutShutdown() throws {
  let binary = try #require(builtServerBinary(), "notes-lsp must be built next to the test executable")
  let server = try ServerProcess(binary: binary, environment: ["NOTES_LSP_LOG": "off"])
  #expect(server.request("shutdown", .null)?.errorCode == -32002)
  _ = server.request("initialize", ["processId": .null, "capabilities": [:]])
  server.notify("exit", .null)
  #expect(server.exitCode() == 1)
  #expect(server.log.isEmpty)
}
