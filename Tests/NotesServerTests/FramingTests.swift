import Foundation
import LSPProtocol
import LSPTransport
import NotesJSON
import Testing

/// Feeds `bytes` one at a time and collects what the framer reports.
private func feedByteByByte(_ bytes: [UInt8], framer: inout MessageFramer) -> [FramingEvent] {
  var events: [FramingEvent] = []
  for b in bytes { events += framer.feed([b]) }
  return events
}

private func bodies(_ events: [FramingEvent]) -> [String] {
  events.compactMap { if case .message(let b) = $0 { return String(decoding: b, as: UTF8.self) } else { return nil } }
}

private func errors(_ events: [FramingEvent]) -> [FramingError.Kind] {
  events.compactMap { if case .error(let e) = $0 { return e.kind } else { return nil } }
}

@Test func framesMessagesFedOneByteAtATime() {
  let body = #"{"jsonrpc":"2.0","id":1,"method":"x","params":{"s":"Rodríguez 🎉"}}"#
  let stream = MessageFramer.frame(Array(body.utf8)) + MessageFramer.frame(Array("{}".utf8))
  var framer = MessageFramer()
  let events = feedByteByByte(stream, framer: &framer)
  #expect(bodies(events) == [body, "{}"])
  #expect(errors(events).isEmpty)
  #expect(framer.isIdle)
}

@Test(arguments: [
  "content-length: 2\r\n\r\n{}",
  "CONTENT-LENGTH:2\r\n\r\n{}",
  "Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}",
  "Content-Type: application/vscode-jsonrpc\r\nContent-Length:   2  \r\n\r\n{}",
  "Content-Length: 2\n\n{}",
  "\r\n\r\nContent-Length: 2\r\nX-Unknown: yes\r\n\r\n{}",
])
func readsHeadersCaseInsensitivelyAndToleratesOthers(stream: String) {
  var framer = MessageFramer()
  let events = feedByteByByte(Array(stream.utf8), framer: &framer)
  #expect(bodies(events) == ["{}"])
  #expect(errors(events).isEmpty)
}

@Test(arguments: [
  ("Content-Length: 2\r\nno colon here\r\n\r\n{}", FramingError.Kind.malformedHeader),
  ("Content-Length: abc\r\n\r\n{}", .badContentLength),
  ("Content-Length: -5\r\n\r\n{}", .badContentLength),
  ("Content-Length: 2x\r\n\r\n{}", .badContentLength),
  ("Content-Type: text/plain\r\n\r\n{}", .badContentLength),
  ("Content-Length: 100000\r\n\r\n<100000 bytes>", .oversized),
])
func reportsAFramingErrorAndResynchronises(bad: String, kind: FramingError.Kind) {
  let stream = bad.replacingOccurrences(of: "<100000 bytes>", with: String(repeating: "x", count: 100_000))
  let good = MessageFramer.frame(Array(#"{"after":"good"}"#.utf8))
  var framer = MessageFramer(maxMessageBytes: 50_000)
  let events = feedByteByByte(Array(stream.utf8) + good, framer: &framer)
  #expect(errors(events) == [kind])
  #expect(bodies(events) == [#"{"after":"good"}"#])
}

@Test func skipsAnOversizedBodyWithoutBufferingIt() {
  var framer = MessageFramer(maxMessageBytes: 10)
  var events = framer.feed(Array("Content-Length: 1000000\r\n\r\n".utf8))
  #expect(errors(events) == [.oversized])
  for _ in 0..<1000 { events = framer.feed([UInt8](repeating: 0x61, count: 1000)) }
  #expect(events.isEmpty)
  #expect(bodies(framer.feed(MessageFramer.frame(Array("{}".utf8)))) == ["{}"])
}

@Test func reportsAnEndlessHeaderLine() {
  var framer = MessageFramer(maxHeaderLineBytes: 64)
  let events = framer.feed(Array(String(repeating: "h", count: 200).utf8) + MessageFramer.frame(Array("[]".utf8)))
  #expect(errors(events) == [.headerTooLong])
  #expect(bodies(events) == ["[]"])
}

@Test func framesAnEmptyBody() {
  var framer = MessageFramer()
  #expect(framer.feed(Array("Content-Length: 0\r\n\r\n".utf8)) == [.message([])])
}

// MARK: - JSON-RPC classification

@Test(arguments: [
  (#"{"jsonrpc":"2.0","id":1,"method":"a"}"#, "request 1 a"),
  (#"{"jsonrpc":"2.0","id":"x","method":"a","params":[]}"#, "request \"x\" a"),
  (#"{"jsonrpc":"2.0","method":"n","params":{}}"#, "notification n"),
  (#"{"jsonrpc":"2.0","id":3,"result":null}"#, "response 3"),
  (#"{"jsonrpc":"2.0","id":4,"error":{"code":-32601,"message":"m"}}"#, "error 4 -32601"),
  (#"[{"jsonrpc":"2.0","id":1,"method":"a"}]"#, "invalid nil"),
  (#"{"jsonrpc":"2.0","id":7}"#, "invalid 7"),
  (#"{"jsonrpc":"2.0","id":7,"method":3}"#, "invalid 7"),
  (#"{"jsonrpc":"1.0","id":7,"method":"a"}"#, "invalid 7"),
  (#"{"jsonrpc":"2.0","id":1.5,"method":"a"}"#, "invalid nil"),
  (#"{"jsonrpc":"2.0","id":{},"method":"a"}"#, "invalid nil"),
  (#"{"jsonrpc":"2.0","id":8,"method":"a","params":5}"#, "invalid 8"),
  (#""just a string""#, "invalid nil"),
])
func classifiesMessagesExactly(text: String, expected: String) throws {
  let json = try JSONValue.parse(text)
  let described: String
  switch Message.classify(json) {
  case .success(.request(let id, let method, _)): described = "request \(id) \(method)"
  case .success(.notification(let method, _)): described = "notification \(method)"
  case .success(.response(let id, _)): described = "response \(id)"
  case .success(.errorResponse(let id, let error)): described = "error \(id.map(\.description) ?? "nil") \(error.code)"
  case .failure(let invalid):
    #expect(invalid.error.code == .invalidRequest)
    described = "invalid \(invalid.id.map(\.description) ?? "nil")"
  }
  #expect(described == expected)
}

@Test func writesAResponseWithANullResult() {
  #expect(Message.response(id: .int(1), result: .null).json.serialized() == #"{"jsonrpc":"2.0","id":1,"result":null}"#)
  #expect(
    Message.errorResponse(id: nil, error: ResponseError(code: .parseError, message: "p")).json.serialized()
      == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"p"}}"#)
}
