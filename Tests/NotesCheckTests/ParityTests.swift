import Foundation
import LSPProtocol
import LSPTransport
import NotesCheck
import NotesCore
import NotesJSON
import NotesServer
import Testing

/// A minimal in-process LSP client: requests wait for their response.
final class ParityClient: @unchecked Sendable {
  let server: NotesLanguageServer
  let connection: InMemoryConnection
  private let condition = NSCondition()
  private var received: [Message] = []
  private var nextID = 1

  init() {
    let (serverEnd, clientEnd) = InMemoryConnection.pair()
    server = NotesLanguageServer(
      connection: serverEnd, options: ServerOptions(diagnosticsDelay: 0, logger: Logger(level: .off)))
    connection = clientEnd
    clientEnd.start { [self] event in
      guard case .message(let body) = event, let json = try? JSONValue.parse(body),
        case .success(let message) = Message.classify(json)
      else { return }
      condition.lock()
      received.append(message)
      condition.broadcast()
      condition.unlock()
    }
    server.start()
  }

  deinit { connection.close() }

  func wait(_ predicate: (Message) -> Bool) -> Message? {
    let deadline = Date().addingTimeInterval(60)
    condition.lock()
    defer { condition.unlock() }
    while true {
      if let found = received.first(where: predicate) { return found }
      if !condition.wait(until: deadline) { return nil }
    }
  }

  func request(_ method: String, _ params: JSONValue) -> JSONValue? {
    condition.lock()
    let id = RequestID.int(nextID)
    nextID += 1
    condition.unlock()
    connection.send(.request(id: id, method: method, params: params))
    let response = wait { message in
      if case .response(let rid, _) = message { return rid == id }
      if case .errorResponse(let rid, _) = message { return rid == id }
      return false
    }
    if case .response(_, let result) = response { return result }
    return nil
  }

  func notify(_ method: String, _ params: JSONValue) {
    connection.send(.notification(method: method, params: params))
  }

  /// Initializes with pull diagnostics and utf-32 positions (columns as `--check` counts them) over `root`.
  func initialize(root: URL) {
    let params: JSONValue = [
      "processId": .null,
      "capabilities": [
        "general": ["positionEncodings": ["utf-32"]], "textDocument": ["diagnostic": ["dynamicRegistration": false]],
      ],
      "rootUri": .string(root.absoluteString),
      "workspaceFolders": [["uri": .string(root.absoluteString), "name": "notes"]],
    ]
    _ = request("initialize", params)
    notify("initialized", [:])
    _ = wait { message in
      if case .notification(let method, _) = message { return method == "$/notes-lsp/indexReady" }
      return false
    }
  }

  /// The server's findings for a file, in `--check --format json`'s terms (1-based, exclusive end column).
  func findings(uri: String, path: String) -> [String] {
    guard let report = request("textDocument/diagnostic", ["textDocument": ["uri": .string(uri)]]),
      let items = report["items"]?.arrayValue
    else { return ["no report for \(path)"] }
    return items.map { item in
      let start = item["range"]?["start"]
      let end = item["range"]?["end"]
      let severity = ["", "error", "warning", "information", "hint"][item["severity"]?.intValue ?? 0]
      return [
        path, "\((start?["line"]?.intValue ?? -1) + 1)", "\((start?["character"]?.intValue ?? -1) + 1)",
        "\((end?["line"]?.intValue ?? -1) + 1)", "\((end?["character"]?.intValue ?? -1) + 1)", severity,
        item["code"]?.stringValue ?? "", item["message"]?.stringValue ?? "",
      ].joined(separator: "|")
    }.sorted()
  }

  func shutdown() {
    _ = request("shutdown", .null)
    notify("exit", .null)
    _ = server.waitForExit()
  }
}

/// For every file `--check --format json` reports under `folder` (run from `folder`), the server's findings.
func expectParity(folder: TemporaryFolder, client: ParityClient, sourceLocation: SourceLocation = #_sourceLocation)
  throws
{
  let check = try runCheck(["--format", "json", "--fail-on", "error", "."], in: folder.path)
  let object = try #require(try JSONSerialization.jsonObject(with: Data(check.out.utf8)) as? [String: Any])
  #expect((object["summary"] as? [String: Any])?["problems"] as? Int == 0, sourceLocation: sourceLocation)
  var byPath: [String: [String]] = [:]
  for finding in try jsonFindings(check.out) {
    byPath[String(finding.prefix { $0 != "|" }), default: []].append(finding)
  }
  let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter {
    $0.hasSuffix(".md") && !$0.contains("/.") && !$0.hasPrefix(".")
  }
  #expect(files.count >= 1, sourceLocation: sourceLocation)
  for path in files {
    let uri = folder.url.appendingPathComponent(path).absoluteString
    #expect(
      client.findings(uri: uri, path: path) == (byPath[path] ?? []).sorted(), "\(path)", sourceLocation: sourceLocation)
  }
}

/// The server publishes exactly what `--check` prints for the same file — odd files included (empty, binary, not
/// UTF-8, CRLF, BOM, a FIFO, a link to /dev/zero, an ignored folder) — and again after an edit saved to disk.
@Test(.timeLimit(.minutes(5))) func serverAndCheckAgreeOnEveryFile() throws {
  let folder = try fixtureFolder()
  defer { folder.remove() }
  try folder.write(".gitignore", text: "drafts/\n")
  try folder.write("drafts/2024-03-06.md", text: "# 2024-03-06 Team meeting\n\n## Action items\n\n- [ ] unowned\n")
  #expect(mkfifo(folder.path + "/notes/fifo.md", 0o644) == 0)
  try FileManager.default.createSymbolicLink(atPath: folder.path + "/notes/zero.md", withDestinationPath: "/dev/zero")
  let client = ParityClient()
  client.initialize(root: folder.url)
  try expectParity(folder: folder, client: client)
  // The ignored folder is not in the workspace, for the server either (even after a file event).
  let draft = folder.url.appendingPathComponent("drafts/2024-03-06.md").absoluteString
  client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(draft), "type": 1]]])
  #expect(client.findings(uri: draft, path: "drafts/2024-03-06.md").isEmpty)

  // An edit saved to disk: open, change, save.
  let uri = folder.url.appendingPathComponent("notes/2024-01-17.md").absoluteString
  let edited = try String(contentsOf: URL(string: uri)!, encoding: .utf8).replacingOccurrences(
    of: "* [ ] (mcg) follow up", with: "* [ ] follow up\n* [ ] (JRG) release 1.2 😀")
  client.notify(
    "textDocument/didOpen",
    ["textDocument": ["uri": .string(uri), "languageId": "markdown", "version": 1, "text": .string(edited)]])
  try edited.write(to: URL(string: uri)!, atomically: true, encoding: .utf8)
  client.notify("textDocument/didSave", ["textDocument": ["uri": .string(uri)]])
  try expectParity(folder: folder, client: client)
  client.shutdown()
}

/// The same over a copy of the real notes.
@Test(.timeLimit(.minutes(5))) func serverAndCheckAgreeOverTheCorpus() throws {
  let copy = try corpusCopy()
  defer { copy.remove() }
  let client = ParityClient()
  client.initialize(root: copy.url)
  try expectParity(folder: copy, client: client)
  client.shutdown()
}

/// The server reads nothing outside its workspace folders: not on a file event, not when a document opened from
/// elsewhere closes, not for the next meeting, and not a roster the editor's settings name elsewhere.
@Test(.timeLimit(.minutes(5))) func serverNeverReadsOutsideItsWorkspaceFolders() throws {
  let note = "# 2024-01-10 Team meeting\n\n## Action items\n\n- [ ] nobody owns this\n"
  let folder = try TemporaryFolder(text: [
    "ws/2024-01-03.md": note.replacingOccurrences(of: "2024-01-10", with: "2024-01-03"),
    "outside/2024-01-10.md": note, "outside/people.csv": "github_username,email,name\nx,,X Y\n",
  ])
  defer { folder.remove() }
  let client = ParityClient()
  client.initialize(root: folder.url.appendingPathComponent("ws"))
  let outside = folder.url.appendingPathComponent("outside/2024-01-10.md").absoluteString
  client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(outside), "type": 1]]])
  #expect(client.findings(uri: outside, path: "outside").isEmpty)
  // Opened from elsewhere: the editor's text is checked; once closed, the file is not read back.
  client.notify(
    "textDocument/didOpen",
    ["textDocument": ["uri": .string(outside), "languageId": "markdown", "version": 1, "text": .string(note)]])
  #expect(client.findings(uri: outside, path: "outside").contains { $0.contains("action-item.unowned") })
  client.notify("textDocument/didClose", ["textDocument": ["uri": .string(outside)]])
  #expect(client.findings(uri: outside, path: "outside").isEmpty)
  // The next meeting of a series outside the workspace: refused, nothing written.
  let folderURI = folder.url.appendingPathComponent("outside").absoluteString
  #expect(
    client.request(
      "workspace/executeCommand", ["command": "notes-lsp.newMeeting", "arguments": [.string(folderURI)]]) == nil)
  #expect(!FileManager.default.fileExists(atPath: folder.path + "/outside/2024-01-17.md"))
  // A roster named in the editor's settings outside the workspace folders: a configuration error.
  client.notify(
    "workspace/didChangeConfiguration", ["settings": ["rosters": [.string(folder.path + "/outside/people.csv")]]])
  let message = client.wait { message in
    if case .notification("window/showMessage", let params) = message {
      return params?["message"]?.stringValue?.contains("outside") == true
    }
    return false
  }
  #expect(message != nil)
  client.shutdown()
}
