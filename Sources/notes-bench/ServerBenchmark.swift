import Foundation
import LSPProtocol
import LSPTransport
import NotesJSON
import NotesServer

// `notes-bench server [--notes N] [--lines L] [--samples S] [--keep]`: the language server, in-process over the
// in-memory connection (the same framing and JSON as stdio), on a generated workspace of N notes and on a single
// note of L lines. Reports initialize → index ready, didOpen → first diagnostics, didChange → diagnostics (after
// the debounce), completion and hover latency (p50, p99) and peak memory (VmHWM), and the built server as a process of
// its own: its index time, peak memory and references latency.

/// Runs the server benchmark; returns the process exit code.
func runServerBenchmark(arguments: [String]) -> Int32 {
  var notes = 10_000
  var lines = 10_000
  var samples = 300
  var keep = false
  var existing: URL?
  var rest = arguments
  while let argument = rest.first {
    rest.removeFirst()
    switch argument {
    case "--notes":
      notes = Int(rest.first ?? "") ?? notes
      rest = Array(rest.dropFirst())
    case "--lines":
      lines = Int(rest.first ?? "") ?? lines
      rest = Array(rest.dropFirst())
    case "--samples":
      samples = Int(rest.first ?? "") ?? samples
      rest = Array(rest.dropFirst())
    case "--keep": keep = true
    case "--workspace":
      existing = rest.first.map { URL(fileURLWithPath: $0) }
      rest = Array(rest.dropFirst())
    default:
      FileHandle.standardError.write(
        Data(
          "usage: notes-bench server [--notes N] [--lines L] [--samples S] [--keep] [--workspace KEPT-FOLDER]\n".utf8))
      return 2
    }
  }
  let root = existing ?? FileManager.default.temporaryDirectory.appendingPathComponent("notes-bench-server-\(getpid())")
  defer { if !keep && existing == nil { try? FileManager.default.removeItem(at: root) } }
  do {
    let written: (files: [URL], bigNote: URL)
    if existing != nil {
      // A workspace kept by an earlier `--keep` run: generating 10,000 files is slow on some file systems.
      let notesFolder = root.appendingPathComponent("notes")
      let enumerator = FileManager.default.enumerator(at: notesFolder, includingPropertiesForKeys: nil)
      var files: [URL] = []
      while let url = enumerator?.nextObject() as? URL {
        if url.pathExtension == "md" { files.append(url) }
      }
      written = (files.sorted { $0.path < $1.path }, root.appendingPathComponent("long/2030-01-01.md"))
    } else {
      try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
      written = try ServerBenchmark.prepare(root: root, notes: notes, lines: lines)
    }
    let report = ServerBenchmark(root: root, files: written.files, bigNote: written.bigNote, samples: samples).run()
    print(report)
    if keep { print("workspace kept at \(root.path)") }
    return 0
  } catch {
    FileHandle.standardError.write(Data("notes-bench server: \(error)\n".utf8))
    return 2
  }
}

struct ServerBenchmark {
  let root: URL
  let files: [URL]
  let bigNote: URL
  let samples: Int
  let debounce = 0.15

  /// Writes the workspace, a configuration naming the corpus roster and registries when they are found, and a
  /// single long note in a folder of its own.
  static func prepare(root: URL, notes: Int, lines: Int) throws -> (files: [URL], bigNote: URL) {
    var generator = WorkspaceGenerator()
    let written = try generator.write(count: notes, to: root.appendingPathComponent("notes"))
    let reference = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
      .appendingPathComponent("../shared/corpus/reference").standardizedFileURL
    if FileManager.default.fileExists(atPath: reference.appendingPathComponent("cfeps.tsv").path) {
      // A configuration may name only files in its own folder tree (issue 13): copy the roster and registries in.
      for name in ["core.csv", "cfeps.tsv", "ceps.tsv"] {
        try FileManager.default.copyItem(
          at: reference.appendingPathComponent(name), to: root.appendingPathComponent(name))
      }
      let config = """
        {"rosters": ["core.csv"], "registries": {"cfep": ["cfeps.tsv"], "cep": ["ceps.tsv"]}}
        """
      try config.write(to: root.appendingPathComponent(".notes-lsp.json"), atomically: true, encoding: .utf8)
    }
    // One long meeting: an attendees table, then items until `lines` lines.
    var text = "# 2030-01-01 conda-forge core meeting\n\n## Attendees\n\n"
    text += "| Name | Initials | GitHub ID | Affiliation |\n| ---- | -------- | --------- | ----------- |\n"
    for member in WorkspaceGenerator.people {
      text += "| \(member.name) | \(member.initials) | \(member.handle) | \(member.affiliation) |\n"
    }
    text += "\n## Agenda\n\n"
    var count = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
    var n = 0
    while count < lines {
      let member = WorkspaceGenerator.people[n % WorkspaceGenerator.people.count]
      switch n % 25 {
      case 0:
        text += "\n### Topic \(n / 25) 🎉 Rodríguez\n\n"
        count += 3
      case 7:
        text += "* [ ] follow up on cfep-\(n % 28) without an owner\n"
        count += 1
      case 13:
        text += "    * [x] nested detail \(n)\n"
        count += 1
      default:
        text += "* [ ] (\(member.initials)) item \(n) about CEP \(n % 40) and 👍\n"
        count += 1
      }
      n += 1
    }
    let folder = root.appendingPathComponent("long")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let bigNote = folder.appendingPathComponent("2030-01-01.md")
    try text.write(to: bigNote, atomically: true, encoding: .utf8)
    return (written.files, bigNote)
  }

  func run() -> String {
    let client = BenchClient(debounce: debounce)
    var lines: [String] = []
    let bigText = (try? String(contentsOf: bigNote, encoding: .utf8)) ?? ""
    let bigLines = bigText.split(separator: "\n", omittingEmptySubsequences: false).count - 1
    lines.append(
      "notes-lsp server benchmark: \(files.count) generated notes + 1 note of \(bigLines) lines, "
        + "\(samples) samples per latency, debounce \(Int(debounce * 1000)) ms")
    // initialize → index ready.
    let cpuStart = Self.cpuMillis()
    let start = DispatchTime.now()
    _ = client.request(
      "initialize",
      [
        "processId": .null, "rootUri": .string(root.absoluteString),
        "capabilities": ["general": ["positionEncodings": ["utf-16"]]],
      ])
    client.notify("initialized", [:])
    let ready = client.waitForNotification("$/notes-lsp/indexReady")
    let indexMs = Self.millis(since: start)
    let indexCPU = Self.cpuMillis() - cpuStart
    lines.append(
      "index: initialize → index ready: \(Self.format(indexMs)) ms "
        + "(server's own count: \(ready?["notes"]?.intValue ?? -1) notes in "
        + "\(Self.format(ready?["milliseconds"]?.doubleValue ?? -1)) ms; CPU time \(Self.format(indexCPU)) ms on "
        + "\(ProcessInfo.processInfo.activeProcessorCount) cores; load average \(Self.loadAverage()))")

    let peakAtIndex = Self.peakMemoryMB()
    lines.append(
      "memory at index ready: peak (VmHWM) \(peakAtIndex) MB, resident after malloc_trim "
        + String(format: "%.0f", Double(Self.heapInUseBytes()) / 1_048_576) + " MB (this process: server and client)")
    let ownerNote =
      files.reversed().first { url in
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.range(of: Self.ownerPattern, options: .regularExpression) != nil
      } ?? bigNote
    let ownerText = (try? String(contentsOf: ownerNote, encoding: .utf8)) ?? ""
    let owner = Self.ownerPosition(in: ownerText)
    let asked = ServerProcess.ReferencesRequest(
      url: ownerNote, text: ownerText, line: owner.line, character: owner.character, count: max(10, min(samples, 40)))
    if let alone = ServerProcess.measure(root: root, references: asked) {
      lines.append(
        "the server as a process of its own (built notes-lsp on stdio): index ready in "
          + "\(Self.format(alone.indexMilliseconds)) ms, peak (VmHWM) \(alone.peakMB) MB, resident \(alone.residentMB) MB"
      )
      lines.append(
        "the server as a process of its own: references to \(owner.initials) answered (last byte, "
          + "\(alone.referencesAnswerBytes) bytes) first request \(Self.format(alone.firstReferences ?? -1)) ms, "
          + "\(Self.percentiles(alone.references)); right after an edit \(Self.percentiles(alone.referencesAfterEdit))")
    }
    // The newest note that has an initials owner to complete and hover on (`- [ ] (AB) …`).
    let workspaceNote =
      files.reversed().first { url in
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.range(of: #"\[ \] \([A-Z]"#, options: .regularExpression) != nil
      } ?? files.last ?? bigNote
    for (label, url) in [("workspace note", workspaceNote), ("10,000-line note", bigNote)] {
      lines.append(contentsOf: measureDocument(label: label, url: url, client: client))
    }
    // NOTE: the bench client keeps every message, and the cross-meeting answers are large (24,000 locations × 40
    // samples), so the server's peak memory is read before them.
    let peakBeforeCrossMeeting = Self.peakMemoryMB()
    lines.append(contentsOf: measureCrossMeeting(url: ownerNote, client: client))
    lines.append(measureOpenDocuments(text: bigText, client: client))
    _ = client.request("shutdown", .null)
    client.notify("exit", .null)
    lines.append(
      "peak memory (VmHWM): \(peakBeforeCrossMeeting) MB before the cross-meeting requests, "
        + "\(Self.peakMemoryMB()) MB after (the bench client keeps their answers)")
    return lines.joined(separator: "\n")
  }

  func measureDocument(label: String, url: URL, client: BenchClient) -> [String] {
    var lines: [String] = []
    let uri = url.absoluteString
    let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    let before = client.count
    let openStart = DispatchTime.now()
    client.notify(
      "textDocument/didOpen",
      ["textDocument": ["uri": .string(uri), "languageId": "markdown", "version": 1, "text": .string(text)]])
    let first = client.waitForNotification("textDocument/publishDiagnostics", after: before) {
      $0["uri"]?.stringValue == uri
    }
    let openMs = Self.millis(since: openStart)
    let diagnosticCount = first?["diagnostics"]?.arrayValue?.count ?? -1
    lines.append("\(label): didOpen → first diagnostics: \(Self.format(openMs)) ms (\(diagnosticCount) diagnostics)")

    // didChange → diagnostics: time after the debounce ends.
    let textLines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let editLine = min(textLines.count - 1, textLines.count / 2)
    var afterDebounce: [Double] = []
    for version in 2...21 {
      let mark = client.count
      let changeStart = DispatchTime.now()
      client.notify(
        "textDocument/didChange",
        [
          "textDocument": ["uri": .string(uri), "version": .int(version)],
          "contentChanges": [
            [
              "range": [
                "start": ["line": .int(editLine), "character": 0], "end": ["line": .int(editLine), "character": 0],
              ],
              "text": "x",
            ]
          ],
        ])
      _ = client.waitForNotification("textDocument/publishDiagnostics", after: mark) {
        $0["uri"]?.stringValue == uri && $0["version"]?.intValue == version
      }
      afterDebounce.append(Self.millis(since: changeStart) - debounce * 1000)
    }
    lines.append("\(label): didChange → diagnostics after the debounce: \(Self.percentiles(afterDebounce))")

    // Completion and hover on an owner: the first `(XY)` owner of an item in the current text.
    let current = text.replacingOccurrences(of: "\n", with: "\n", options: [])
    var ownerLine = 0
    var ownerColumn = 0
    for (index, line) in current.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if let range = line.range(of: #"\[ \] \([A-Z]"#, options: .regularExpression) {
        ownerLine = index
        ownerColumn = line.utf16.distance(from: line.startIndex, to: range.upperBound) - 1
        break
      }
    }
    let at: JSONValue = [
      "textDocument": ["uri": .string(uri)], "position": ["line": .int(ownerLine), "character": .int(ownerColumn + 1)],
    ]
    var completion: [Double] = []
    var items = 0
    for _ in 0..<samples {
      let t = DispatchTime.now()
      let result = client.request("textDocument/completion", at)
      completion.append(Self.millis(since: t))
      items = result?["items"]?.arrayValue?.count ?? 0
    }
    lines.append("\(label): completion \(Self.percentiles(completion)) (\(items) items)")
    var hover: [Double] = []
    var found = false
    for _ in 0..<samples {
      let t = DispatchTime.now()
      let result = client.request("textDocument/hover", at)
      hover.append(Self.millis(since: t))
      found = result?["contents"] != nil
    }
    lines.append("\(label): hover \(Self.percentiles(hover))\(found ? "" : " (no hover found)")")
    client.notify("textDocument/didClose", ["textDocument": ["uri": .string(uri)]])
    return lines
  }

  /// References, rename and workspace symbols over the whole workspace (`@XY` and `open:` queries), then references
  /// right after an edit (the first request after a change refreshes the cross-meeting cache).
  func measureCrossMeeting(url: URL, client: BenchClient) -> [String] {
    var lines: [String] = []
    let uri = url.absoluteString
    let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    let (ownerLine, ownerColumn, initials) = Self.ownerPosition(in: text)
    let at: JSONValue = [
      "textDocument": ["uri": .string(uri)], "position": ["line": .int(ownerLine), "character": .int(ownerColumn)],
      "context": ["includeDeclaration": true],
    ]
    let count = max(10, min(samples, 40))
    // NOTE: "answered" is when the answer's last byte reached the client; "parsed" adds the bench's own parse of it
    // (an editor's cost, 4 MB of JSON for the most-named person).
    func measure(_ label: String, _ method: String, _ params: JSONValue, size: (JSONValue?) -> Int) {
      var answered: [Double] = []
      var parsed: [Double] = []
      var answer = 0
      for _ in 0..<count {
        let t = DispatchTime.now()
        let (result, arrived) = client.requestTimed(method, params)
        parsed.append(Self.millis(since: t))
        answered.append(Double(arrived &- t.uptimeNanoseconds) / 1e6)
        answer = size(result)
      }
      lines.append(
        "across meetings: \(label) answered \(Self.percentiles(answered)), parsed \(Self.percentiles(parsed)) "
          + "(\(answer) results)")
      if answer < 0 { lines.append("  (answer: \(String(describing: client.request(method, params)).prefix(200)))") }
    }
    let arrayCount: (JSONValue?) -> Int = { $0?.arrayValue?.count ?? -1 }
    measure("references to \(initials)", "textDocument/references", at, size: arrayCount)
    for query in ["@\(initials)", "open:", "open: cuda", "meeting"] {
      measure("workspace symbols `\(query)`", "workspace/symbol", ["query": .string(query)], size: arrayCount)
    }
    let renameAt: JSONValue = [
      "textDocument": ["uri": .string(uri)], "position": ["line": .int(ownerLine), "character": .int(ownerColumn)],
      "newName": "QXZ",
    ]
    measure("rename \(initials) → QXZ", "textDocument/rename", renameAt) { result in
      result?["changes"]?.objectValue?.reduce(0) { $0 + ($1.value.arrayValue?.count ?? 0) } ?? -1
    }
    // References right after each edit of an open note.
    client.notify(
      "textDocument/didOpen",
      ["textDocument": ["uri": .string(uri), "languageId": "markdown", "version": 1, "text": .string(text)]])
    var afterEdit: [Double] = []
    var afterEditParsed: [Double] = []
    var found = 0
    let editLine = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
    for version in 2..<(2 + min(count, 50)) {
      client.notify(
        "textDocument/didChange",
        [
          "textDocument": ["uri": .string(uri), "version": .int(version)],
          "contentChanges": [
            [
              "range": [
                "start": ["line": .int(editLine), "character": 0], "end": ["line": .int(editLine), "character": 0],
              ],
              "text": "x",
            ]
          ],
        ])
      let t = DispatchTime.now()
      let (result, arrived) = client.requestTimed("textDocument/references", at)
      afterEditParsed.append(Self.millis(since: t))
      afterEdit.append(Double(arrived &- t.uptimeNanoseconds) / 1e6)
      found = result?.arrayValue?.count ?? -1
    }
    lines.append(
      "across meetings: references right after an edit answered \(Self.percentiles(afterEdit)), "
        + "parsed \(Self.percentiles(afterEditParsed)) (\(found) results)")
    client.notify("textDocument/didClose", ["textDocument": ["uri": .string(uri)]])
    return lines
  }

  /// An open item owned by initials: `- [ ] (AB) …`, `- [ ] (AB/CD) …`.
  static let ownerPattern = #"\[ \] \([A-Z]{2,4}[)/]"#

  /// Where the note's first open item owned by initials has them: line, UTF-16 column, initials.
  static func ownerPosition(in text: String) -> (line: Int, character: Int, initials: String) {
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if let range = line.range(of: ownerPattern, options: .regularExpression) {
        let column = line.utf16.distance(from: line.startIndex, to: range.lowerBound) + 5
        return (index, column, String(line[range].dropFirst(5).dropLast()))
      }
    }
    return (0, 0, "JK")
  }

  // MARK: - Numbers

  static func millis(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
  }

  /// Memory per open document: the server's heap in use (malloc's count, after trimming) before and after opening
  /// copies of the long note under URIs of their own (not on disk), divided by the number of copies.
  func measureOpenDocuments(text: String, client: BenchClient, copies: Int = 20) -> String {
    let before = Self.heapInUseBytes()
    for copy in 0..<copies {
      let uri = root.appendingPathComponent("open-copies/copy-\(copy).md").absoluteString
      let mark = client.count
      client.notify(
        "textDocument/didOpen",
        ["textDocument": ["uri": .string(uri), "languageId": "markdown", "version": 1, "text": .string(text)]])
      _ = client.waitForNotification("textDocument/publishDiagnostics", after: mark) { $0["uri"]?.stringValue == uri }
    }
    let after = Self.heapInUseBytes()
    let perDocument = Double(after - before) / Double(copies) / 1_048_576
    return "memory per open document (\(copies) copies of the long note, \(text.utf8.count / 1024) KB each): "
      + String(format: "%.2f", perDocument) + " MB of resident memory"
  }

  /// The resident set (VmRSS) after asking malloc to give freed memory back (glibc `malloc_trim`), in bytes.
  static func heapInUseBytes() -> Int {
    releaseFreedMemory()
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
      return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
    }
    return 0
  }

  static func format(_ ms: Double) -> String { String(format: ms < 10 ? "%.2f" : "%.0f", ms) }

  static func percentiles(_ values: [Double]) -> String {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return "n/a" }
    func p(_ q: Double) -> Double { sorted[min(sorted.count - 1, Int((Double(sorted.count) * q).rounded(.up)) - 1)] }
    return "p50 \(format(p(0.5))) ms, p99 \(format(p(0.99))) ms, max \(format(sorted.last ?? 0)) ms"
  }

  /// User + system CPU time of this process so far.
  static func cpuMillis() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF_ID, &usage)
    let user = Double(usage.ru_utime.tv_sec) * 1000 + Double(usage.ru_utime.tv_usec) / 1000
    let system = Double(usage.ru_stime.tv_sec) * 1000 + Double(usage.ru_stime.tv_usec) / 1000
    return user + system
  }

  /// The 1-minute load average (other work on the machine inflates wall-clock numbers).
  static func loadAverage() -> String {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "n/a" }
    return String(text.split(separator: " ").first ?? "n/a")
  }

  static func peakMemoryMB() -> String {
    guard let kb = peakResidentKiB() else { return "n/a" }
    return String(format: "%.0f", Double(kb) / 1024)
  }
}

#if canImport(Glibc)
  let RUSAGE_SELF_ID = Int32(RUSAGE_SELF.rawValue)
#else
  let RUSAGE_SELF_ID = RUSAGE_SELF
#endif

/// A minimal client over the in-memory connection.
final class BenchClient: @unchecked Sendable {
  let server: NotesLanguageServer
  let connection: InMemoryConnection
  private let condition = NSCondition()
  private var messages: [Message] = []
  /// When each message's bytes arrived, before the client parsed them (`DispatchTime` nanoseconds).
  private var arrivals: [UInt64] = []
  private var nextID = 1

  init(debounce: Double) {
    let (serverEnd, clientEnd) = InMemoryConnection.pair()
    server = NotesLanguageServer(
      connection: serverEnd,
      options: ServerOptions(
        diagnosticsDelay: debounce,
        logger: Logger(level: Logger.level(fromArgument: nil) == .info ? .warning : Logger.level(fromArgument: nil))))
    connection = clientEnd
    clientEnd.start { [self] event in
      let arrived = DispatchTime.now().uptimeNanoseconds
      guard case .message(let body) = event, let json = try? JSONValue.parse(body),
        case .success(let message) = Message.classify(json)
      else { return }
      condition.lock()
      messages.append(message)
      arrivals.append(arrived)
      condition.broadcast()
      condition.unlock()
    }
    server.start()
  }

  var count: Int { condition.withLock { messages.count } }

  func notify(_ method: String, _ params: JSONValue) {
    connection.send(.notification(method: method, params: params))
  }

  func request(_ method: String, _ params: JSONValue) -> JSONValue? {
    requestTimed(method, params).result
  }

  /// `request`, with when the answer's bytes arrived (before the client parsed them), in `DispatchTime` nanoseconds.
  func requestTimed(_ method: String, _ params: JSONValue) -> (result: JSONValue?, arrived: UInt64) {
    let id = condition.withLock { () -> RequestID in
      defer { nextID += 1 }
      return .int(nextID)
    }
    let mark = count
    connection.send(.request(id: id, method: method, params: params))
    let found = wait(after: mark) { message in
      switch message {
      case .response(let rid, _), .errorResponse(.some(let rid), _): return rid == id
      default: return false
      }
    }
    let arrived = condition.withLock { found.map { arrivals[$0.index] } ?? 0 }
    if case .response(_, let result) = found?.message { return (result, arrived) }
    return (nil, arrived)
  }

  func waitForNotification(_ method: String, after: Int = 0, where predicate: (JSONValue) -> Bool = { _ in true })
    -> JSONValue?
  {
    let found = wait(after: after) { message in
      if case .notification(let m, let params) = message, m == method { return predicate(params ?? .null) }
      return false
    }
    if case .notification(_, let params) = found?.message { return params ?? .null }
    return nil
  }

  func wait(timeout: Double = 120, after: Int, _ predicate: (Message) -> Bool) -> (message: Message, index: Int)? {
    let deadline = Date().addingTimeInterval(timeout)
    condition.lock()
    defer { condition.unlock() }
    var scanned = after
    while true {
      while scanned < messages.count {
        if predicate(messages[scanned]) { return (messages[scanned], scanned) }
        scanned += 1
      }
      if !condition.wait(until: deadline) { return nil }
    }
  }
}
