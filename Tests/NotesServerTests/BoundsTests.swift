import Foundation
import LSPProtocol
import NotesCore
import NotesJSON
import Testing

@testable import NotesServer

// Work per request is bounded: a document beyond the configured size gets `file.too-large` and nothing else, no answer
// grows beyond a small multiple of its document, and long work on the message loop never delays cancellation,
// `shutdown` or `exit`.

@Test func aDocumentBeyondTheSizeLimitGetsFileTooLargeAndNothingElse() throws {
  let client = TestClient(
    options: ServerOptions(diagnosticsDelay: 0.02, logger: Logger(level: .off), maximumDocumentBytes: 4_096))
  client.initialize(root: nil)
  let uri = "file:///nowhere/2024-01-01.md"
  let big = "# 2024-01-01 meeting\n\n" + String(repeating: "## heading\n\n- [ ] nobody owns this\n", count: 200)
  client.open(uri, big)
  let published = try #require(
    client.waitForNotification("textDocument/publishDiagnostics") { $0["uri"]?.stringValue == uri })
  let codes = published["diagnostics"]?.arrayValue?.compactMap { $0["code"]?.stringValue }
  #expect(codes == ["file.too-large"])
  let document: JSONValue = ["textDocument": ["uri": .string(uri)]]
  #expect(client.result("textDocument/documentSymbol", document) == .null)
  #expect(client.result("textDocument/foldingRange", document) == .null)
  #expect(
    client.result(
      "textDocument/hover", ["textDocument": ["uri": .string(uri)], "position": ["line": 0, "character": 2]])
      == .null)
  // Edited back under the limit, it is a note again.
  client.notify(
    "textDocument/didChange",
    [
      "textDocument": ["uri": .string(uri), "version": 2],
      "contentChanges": [["text": "# 2024-01-01 meeting\n\n## a\n"]],
    ])
  let again = try #require(
    client.waitForNotification("textDocument/publishDiagnostics") {
      $0["uri"]?.stringValue == uri && $0["version"]?.intValue == 2
    })
  #expect(again["diagnostics"]?.arrayValue?.contains { $0["code"]?.stringValue == "file.too-large" } == false)
  #expect(client.result("textDocument/documentSymbol", document)?.arrayValue?.isEmpty == false)
  #expect(client.shutdownAndExit() == 0)
}

/// 128 KB of empty headings with a line each (32,768 of them): the outline and the folding ranges are cut to the
/// budget, so their answers stay within a small multiple of the document (uncut, the outline was 40 times its size).
@Test func theAnswersAboutADocumentOfEmptyHeadingsStayWithinAMultipleOfItsSize() throws {
  let client = TestClient()
  client.initialize(root: nil)
  let uri = "file:///nowhere/headings.md"
  let text = String(repeating: "#\nx\n", count: 32_768)
  client.open(uri, text)
  let document: JSONValue = ["textDocument": ["uri": .string(uri)]]
  for method in ["textDocument/documentSymbol", "textDocument/foldingRange"] {
    let answer = try #require(client.result(method, document))
    var count = 0
    func countSymbols(_ json: JSONValue) {
      for element in json.arrayValue ?? [] {
        count += 1
        if let children = element["children"] { countSymbols(children) }
      }
    }
    countSymbols(answer)
    let bytes = answer.serialized().utf8.count
    print("\(method) on \(text.utf8.count / 1024) KB of headings: \(count) items, \(bytes / 1024) KB answer")
    #expect(count <= max(2_000, text.utf8.count / 512))
    #expect(bytes <= 4 * text.utf8.count)
  }
  #expect(client.shutdownAndExit() == 0)
}

/// Long work on the message loop (held here by a semaphore) delays neither the answer to a cancellation nor
/// `shutdown` nor `exit`.
@Test func cancellationShutdownAndExitOvertakeLongWork() {
  let client = TestClient()
  client.initialize(root: nil)
  let gate = DispatchSemaphore(value: 0)
  client.server.queue.async { gate.wait() }  // The loop is busy until the end of the test.
  defer { gate.signal() }
  let hover: JSONValue = [
    "textDocument": ["uri": "file:///nowhere/a.md"], "position": ["line": 0, "character": 0],
  ]
  let id = client.send("textDocument/hover", hover)
  client.notify("$/cancelRequest", ["id": id.json])
  #expect(client.response(to: id, timeout: 5)?.errorCode == -32800)
  #expect(client.request("shutdown", timeout: 5)?.resultValue == .null)
  client.notify("exit")
  let exited = DispatchSemaphore(value: 0)
  let code = LockedBox<Int32?>(nil)
  DispatchQueue.global().async {
    code.value = client.server.waitForExit()
    exited.signal()
  }
  #expect(exited.wait(timeout: .now() + 5) == .success)
  #expect(code.value == 0)
}

/// A value shared with another thread.
final class LockedBox<T>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: T
  init(_ value: T) { stored = value }
  var value: T {
    get { lock.withLock { stored } }
    set { lock.withLock { stored = newValue } }
  }
}
