import Foundation
import LSPProtocol
import NotesJSON
import Testing

@testable import NotesServer

/// What a logger wrote: stderr lines and messages for the client, in order.
private final class LogRecorder: @unchecked Sendable {
  private let lock = NSLock()
  private var _stderr: [String] = []
  private var _client: [Message] = []
  var stderr: [String] { lock.withLock { _stderr } }
  var client: [Message] { lock.withLock { _client } }

  /// `(method, type or nil, message)` of each client message.
  var clientLines: [(String, Int?, String)] {
    client.compactMap { message in
      guard case .notification(let method, let params) = message else { return nil }
      return (method, params?["type"]?.intValue, params?["message"]?.stringValue ?? "")
    }
  }

  func logger(stderrLevel: LogLevel) -> Logger {
    let logger = Logger(level: stderrLevel) { [self] line in lock.withLock { _stderr.append(line) } }
    logger.forward { [self] message in lock.withLock { _client.append(message) } }
    return logger
  }
}

@Test func byDefaultStderrHoldsWarningsAndErrorsAndTheClientGetsInfo() {
  let recorder = LogRecorder()
  let logger = recorder.logger(stderrLevel: .warning)
  logger.info("serving on stdio")  // before `initialize`: kept for the client
  logger.debug("not asked for")
  #expect(recorder.client.isEmpty)
  logger.clientInitialized(trace: nil)
  logger.info("indexed 3 notes")
  logger.warning("cannot read a.md")
  logger.error("hover failed")
  logger.debug("parsed in 12 µs")
  logger.trace("hover #3 took 40 µs")

  #expect(recorder.stderr == ["[notes-lsp warning] cannot read a.md", "[notes-lsp error] hover failed"])
  let lines = recorder.clientLines
  #expect(lines.map(\.0) == ["window/logMessage", "window/logMessage"])
  #expect(lines.map(\.1) == [3, 3])
  #expect(lines.map(\.2) == ["[notes-lsp info] serving on stdio", "[notes-lsp info] indexed 3 notes"])
  #expect(logger.level == .info, "info is logged (to the client); debug nowhere while traces are off")
}

@Test func debugAndTraceGoToTheClientAsLogTraceWhenItAsksForTraces() {
  let recorder = LogRecorder()
  let logger = recorder.logger(stderrLevel: .warning)
  logger.clientInitialized(trace: "messages")
  #expect(logger.level == .debug)
  logger.debug("parsed in 12 µs")
  logger.trace("hover #3 took 40 µs")
  logger.setClientTrace("verbose")
  logger.trace("hover #4 took 41 µs")
  logger.setClientTrace("off")
  logger.debug("dropped")

  #expect(recorder.stderr.isEmpty)
  let lines = recorder.clientLines
  #expect(lines.map(\.0) == ["$/logTrace", "$/logTrace"])
  #expect(lines.map(\.2) == ["[notes-lsp debug] parsed in 12 µs", "[notes-lsp trace] hover #4 took 41 µs"])
  // `messages` traces carry no `verbose` field.
  if case .notification(_, let params) = recorder.client.first {
    #expect(params?["verbose"] == nil)
  }
}

@Test func aRaisedLogLevelWritesToStderrInsteadOfTheClient() {
  let recorder = LogRecorder()
  let logger = recorder.logger(stderrLevel: .debug)
  logger.clientInitialized(trace: "verbose")
  logger.info("indexed 3 notes")
  logger.debug("parsed in 12 µs")
  logger.trace("hover #3 took 40 µs")
  #expect(recorder.stderr == ["[notes-lsp info] indexed 3 notes", "[notes-lsp debug] parsed in 12 µs"])
  #expect(recorder.clientLines.map(\.2) == ["[notes-lsp trace] hover #3 took 40 µs"], "each line goes to one place")
}

@Test func withoutAClientNothingBelowTheStderrLevelIsKept() {
  let recorder = LogRecorder()
  let logger = Logger(level: .off) { line in Issue.record("unexpected stderr line \(line)") }
  logger.clientInitialized(trace: "verbose")
  logger.error("nowhere to go")
  #expect(logger.level == .off)
  #expect(recorder.client.isEmpty)
}
