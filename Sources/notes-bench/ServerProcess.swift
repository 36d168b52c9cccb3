import Foundation
import LSPProtocol
import LSPTransport
import NotesJSON

/// The server as editors run it: the built `notes-lsp` (next to this executable) as a process of its own on stdio,
/// initialised on `root`. Its peak and resident memory (VmHWM, VmRSS) at index ready and the time to it are the
/// server's alone, without the bench client and its generated workspace that the in-process figures include; so are
/// its references latencies, timed to the answer's last byte, before any parse of it.
struct ServerProcess {
  var indexMilliseconds: Double
  var peakMB: Int
  var residentMB: Int
  /// References to the person at the asked position: the first request, then every one (the first included).
  var firstReferences: Double?
  var references: [Double] = []
  /// References right after each edit of the note (the note open, one character typed before each request).
  var referencesAfterEdit: [Double] = []
  var referencesAnswerBytes = 0

  /// What to ask once the index is ready: references at `position` of the note at `url`, `count` times, then
  /// `count` times after an edit.
  struct ReferencesRequest {
    var url: URL
    var text: String
    var line: Int
    var character: Int
    var count: Int
  }

  /// Nil when the built server is not next to this executable or does not become ready.
  static func measure(root: URL, references request: ReferencesRequest? = nil) -> ServerProcess? {
    let executable = builtNotesLSP()
    guard FileManager.default.isExecutableFile(atPath: executable.path) else { return nil }
    let process = Process()
    process.executableURL = executable
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    let start = DispatchTime.now()
    guard (try? process.run()) != nil else { return nil }
    defer {
      if process.isRunning { process.terminate() }
      process.waitUntilExit()
    }
    func send(_ message: Message) {
      input.fileHandleForWriting.write(Data(MessageFramer.frame(message.json.serializedBytes())))
    }
    var framer = MessageFramer()
    /// The next message's body; nil when the server ended.
    var pending: [[UInt8]] = []
    func next() -> [UInt8]? {
      while pending.isEmpty {
        let chunk = output.fileHandleForReading.availableData
        if chunk.isEmpty { return nil }
        for case .message(let body) in framer.feed(chunk) { pending.append(Array(body)) }
      }
      return pending.removeFirst()
    }
    send(
      .request(
        id: .int(1), method: "initialize",
        params: ["processId": .null, "rootUri": .string(root.absoluteString), "capabilities": [:]]))
    send(.notification(method: "initialized", params: [:]))
    while true {
      guard let body = next() else { return nil }  // The server ended before it was ready.
      if body.count < 4096, let json = try? JSONValue.parse(body),
        json["method"]?.stringValue == "$/notes-lsp/indexReady"
      {
        break
      }
    }
    let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    let pid = String(process.processIdentifier)
    let peak = (procStatus("VmHWM:", process: pid) ?? -1024) / 1024
    let resident = (procStatus("VmRSS:", process: pid) ?? -1024) / 1024
    var result = ServerProcess(indexMilliseconds: milliseconds, peakMB: peak, residentMB: resident)
    if let request {
      var id = 10
      let uri = request.url.absoluteString
      /// Milliseconds from the request to its answer's last byte (the answer is told by its id, not parsed).
      func references() -> Double? {
        id += 1
        let marker = Array("\"id\":\(id),".utf8)
        let sent = DispatchTime.now()
        send(
          .request(
            id: .int(id), method: "textDocument/references",
            params: [
              "textDocument": ["uri": .string(uri)],
              "position": ["line": .int(request.line), "character": .int(request.character)],
              "context": ["includeDeclaration": true],
            ]))
        while let body = next() {
          if body.prefix(64).firstRange(of: marker) != nil {
            result.referencesAnswerBytes = body.count
            return Double(DispatchTime.now().uptimeNanoseconds - sent.uptimeNanoseconds) / 1e6
          }
        }
        return nil
      }
      for _ in 0..<request.count {
        guard let time = references() else { return nil }
        if result.firstReferences == nil { result.firstReferences = time }
        result.references.append(time)
      }
      send(
        .notification(
          method: "textDocument/didOpen",
          params: [
            "textDocument": [
              "uri": .string(uri), "languageId": "markdown", "version": 1, "text": .string(request.text),
            ]
          ]))
      let lastLine = request.text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
      for version in 2..<(2 + request.count) {
        send(
          .notification(
            method: "textDocument/didChange",
            params: [
              "textDocument": ["uri": .string(uri), "version": .int(version)],
              "contentChanges": [
                [
                  "range": [
                    "start": ["line": .int(lastLine), "character": 0], "end": ["line": .int(lastLine), "character": 0],
                  ],
                  "text": "x",
                ]
              ],
            ]))
        guard let time = references() else { return nil }
        result.referencesAfterEdit.append(time)
      }
    }
    // Ended as an editor ends it; the deferred terminate is for the paths that return early.
    send(.request(id: .int(2), method: "shutdown", params: nil))
    send(.notification(method: "exit", params: nil))
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    return result
  }
}
