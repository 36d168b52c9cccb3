import Foundation
import LSPProtocol
import LSPTransport
import NotesJSON
import Testing

@testable import NotesServer

// The lifecycle and error rules of LSP and JSON-RPC, and malformed input, through the in-memory connection.

private let hoverParams: JSONValue = [
  "textDocument": ["uri": "file:///nowhere/2024-01-01.md"], "position": ["line": 0, "character": 0],
]

@Test func answersRequestsBeforeInitializeWithServerNotInitialized() {
  let client = TestClient()
  #expect(client.request("textDocument/hover", hoverParams)?.errorCode == -32002)
  #expect(client.request("shutdown")?.errorCode == -32002)
  client.notify("textDocument/didOpen", ["textDocument": ["uri": "file:///x.md", "version": 1, "text": "- [ ] x"]])
  client.initialize(root: nil)
  // The notification before initialize was dropped: the document is unknown.
  #expect(client.result("textDocument/hover", hoverParams) == .null)
  #expect(client.shutdownAndExit() == 0)
}

@Test func answersUnknownRequestsAndBadParamsAndIgnoresUnknownNotifications() {
  let client = TestClient()
  client.initialize(root: nil)
  #expect(client.request("textDocument/frobnicate", [:])?.errorCode == -32601)
  client.notify("workspace/somethingNew", ["x": 1])
  client.notify("$/setTrace", ["value": "off"])
  #expect(client.request("textDocument/hover", ["textDocument": ["uri": "file:///a.md"]])?.errorCode == -32602)
  #expect(client.request("textDocument/hover", ["position": ["line": -1, "character": 0]])?.errorCode == -32602)
  #expect(client.request("textDocument/completion", [1, 2])?.errorCode == -32602)
  #expect(client.request("initialize", ["capabilities": [:]])?.errorCode == -32600)
  // Still serving, with a null result where there is nothing.
  #expect(client.request("textDocument/hover", hoverParams)?.resultValue == .null)
  #expect(client.shutdownAndExit() == 0)
}

@Test func refusesRequestsAfterShutdownAndExitsWithZero() {
  let client = TestClient()
  client.initialize(root: nil)
  #expect(client.request("shutdown")?.resultValue == .null)
  #expect(client.request("textDocument/hover", hoverParams)?.errorCode == -32600)
  client.notify("exit")
  #expect(client.server.waitForExit() == 0)
}

@Test func exitsWithOneWithoutShutdown() {
  let client = TestClient()
  client.initialize(root: nil)
  client.notify("exit")
  #expect(client.server.waitForExit() == 1)
}

@Test func exitsWithOneWhenTheInputEnds() {
  let client = TestClient()
  client.initialize(root: nil)
  client.connection.close()
  #expect(client.server.waitForExit() == 1)
}

@Test func cancelledRequestsAreAnsweredWithRequestCancelled() {
  let client = TestClient()
  client.initialize(root: nil)
  let gate = DispatchSemaphore(value: 0)
  client.server.queue.async { gate.wait() }  // Hold the message loop so the request is still queued.
  let id = client.send("textDocument/hover", hoverParams)
  client.notify("$/cancelRequest", ["id": id.json])
  Thread.sleep(forTimeInterval: 0.1)
  gate.signal()
  #expect(client.response(to: id)?.errorCode == -32800)
  // A cancellation of something already answered, or never sent, changes nothing.
  client.notify("$/cancelRequest", ["id": 9999])
  #expect(client.request("textDocument/hover", hoverParams)?.resultValue == .null)
  #expect(client.shutdownAndExit() == 0)
}

/// Sends raw bytes and expects one error response with a null id and the given code; then a request still works.
private func expectErrorAndRecovery(_ client: TestClient, _ bytes: [UInt8], code: Int, id: RequestID? = nil) {
  let before = client.messages.count
  client.connection.sendRaw(bytes)
  let answer = client.wait(after: before) { message in
    if case .errorResponse = message { return true }
    return false
  }
  if case .errorResponse(let rid, let error) = answer {
    #expect(rid == id)
    #expect(error.code.rawValue == code)
  } else {
    Issue.record("no error response to \(String(decoding: bytes.prefix(60), as: UTF8.self))")
  }
  #expect(client.request("textDocument/hover", hoverParams)?.resultValue == .null)
}

@Test func answersMalformedInputAndKeepsServing() {
  let client = TestClient()
  client.initialize(root: nil)
  func framed(_ text: String) -> [UInt8] { MessageFramer.frame(Array(text.utf8)) }
  expectErrorAndRecovery(client, framed(#"{"jsonrpc":"2.0","id":1,"method":"#), code: -32700)
  expectErrorAndRecovery(client, framed("not json at all"), code: -32700)
  expectErrorAndRecovery(client, framed(#"[{"jsonrpc":"2.0","id":1,"method":"shutdown"}]"#), code: -32600)
  expectErrorAndRecovery(client, framed("[]"), code: -32600)
  expectErrorAndRecovery(client, framed(#"{"jsonrpc":"2.0","id":41}"#), code: -32600, id: .int(41))
  expectErrorAndRecovery(client, framed(#"{"jsonrpc":"2.0","id":"s","params":{}}"#), code: -32600, id: .string("s"))
  expectErrorAndRecovery(client, Array("Content-Length: nope\r\n\r\n{}".utf8), code: -32700)
  expectErrorAndRecovery(client, Array("Content-Length: -3\r\n\r\n{}".utf8), code: -32700)
  expectErrorAndRecovery(client, Array("Content-Length: 2\r\nthis header has no colon\r\n\r\n{}".utf8), code: -32700)
  let huge = Array("Content-Length: 70000000\r\n\r\n".utf8) + [UInt8](repeating: 0x20, count: 70_000_000)
  expectErrorAndRecovery(client, huge, code: -32600)
  #expect(client.shutdownAndExit() == 0)
}

@Test func answersEveryRequestExactlyOnceEvenUnderCancellation() {
  let client = TestClient()
  client.initialize(root: nil)
  var ids: [RequestID] = []
  for n in 0..<200 {
    let id = client.send(n % 3 == 0 ? "textDocument/unknown" : "textDocument/hover", hoverParams)
    ids.append(id)
    if n % 4 == 0 { client.notify("$/cancelRequest", ["id": id.json]) }
  }
  _ = client.response(to: ids[ids.count - 1])
  Thread.sleep(forTimeInterval: 0.2)
  var answers: [RequestID: Int] = [:]
  for message in client.messages {
    switch message {
    case .response(let id, _), .errorResponse(.some(let id), _): answers[id, default: 0] += 1
    default: break
    }
  }
  for id in ids { #expect(answers[id] == 1, "request \(id)") }
  #expect(client.shutdownAndExit() == 0)
}

/// A small deterministic generator for the fuzz test.
private struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Test func survivesRandomMessagesAndRandomBytes() {
  let client = TestClient()
  client.initialize(root: nil)
  var random = SplitMix(state: 42)
  let methods = [
    "textDocument/hover", "textDocument/completion", "textDocument/definition", "textDocument/didOpen",
    "textDocument/didChange", "textDocument/didClose", "textDocument/documentSymbol", "textDocument/foldingRange",
    "textDocument/documentLink", "workspace/didChangeWatchedFiles", "workspace/symbol", "textDocument/references",
    "textDocument/rename", "textDocument/codeAction", "x/unknown",
  ]
  func value(_ depth: Int) -> JSONValue {
    switch Int.random(in: 0..<(depth > 2 ? 5 : 8), using: &random) {
    case 0: return .null
    case 1: return .int(Int.random(in: -5...50, using: &random))
    case 2: return .string(["file:///a.md", "", "🎉 Rodríguez", "- [ ] (AB", "\u{0}"].randomElement(using: &random)!)
    case 3: return .bool(Bool.random(using: &random))
    case 4: return .double(-1.5)
    case 5: return .array((0..<Int.random(in: 0...3, using: &random)).map { _ in value(depth + 1) })
    default:
      let keys = [
        "textDocument", "uri", "position", "line", "character", "text", "version", "contentChanges",
        "range", "start", "end", "changes", "query", "newName", "context",
      ]
      var object = JSONObject()
      for _ in 0..<Int.random(in: 0...4, using: &random) {
        object[keys.randomElement(using: &random)!] = value(depth + 1)
      }
      return .object(object)
    }
  }
  client.open("file:///a.md", "# 2024-01-01 meeting\n\n- [ ] (AB) 🎉 Rodríguez\n")
  for n in 0..<400 {
    let method = methods.randomElement(using: &random)!
    if n % 2 == 0 {
      client.send(method, value(0))
    } else {
      client.notify(method, value(0))
    }
    if n % 37 == 0 {
      client.connection.sendRaw(
        (0..<Int.random(in: 1...200, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
      client.connection.sendRaw(Array("\r\n\r\n".utf8))
    }
  }
  // Still serving.
  #expect(client.request("textDocument/hover", hoverParams, timeout: 30)?.resultValue == .null)
  #expect(client.shutdownAndExit() == 0)
}
