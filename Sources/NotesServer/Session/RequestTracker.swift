import Foundation
import LSPProtocol

/// The state the reader thread shares with the message loop, under one lock: which requests are in flight, which were
/// cancelled (and already answered -32800), whether `initialize` and `shutdown` were received, and the exit code.
final class RequestTracker: @unchecked Sendable {
  enum Begin {
    case new
    case duplicate
  }

  private let lock = NSLock()
  /// Requests received and not answered yet (a count: a client may reuse an id, wrongly).
  private var inFlight: [RequestID: Int] = [:]
  /// Requests answered -32800 on the reader thread: the loop skips their work or drops their result.
  private var cancelled: Set<RequestID> = []
  private var initializeReceived = false
  private var shutdownReceived = false
  private var code: Int32?
  private let exitSemaphore = DispatchSemaphore(value: 0)

  /// Records a request as it is read.
  @discardableResult
  func begin(_ id: RequestID, method: String) -> Begin {
    lock.withLock {
      if method == InitializeRequest.method { initializeReceived = true }
      let count = inFlight[id, default: 0]
      inFlight[id] = count + 1
      return count == 0 ? .new : .duplicate
    }
  }

  /// Marks a request cancelled; true when it was in flight (the caller answers it -32800).
  func cancel(_ id: RequestID) -> Bool {
    lock.withLock {
      guard inFlight.removeValue(forKey: id) != nil else { return false }
      cancelled.insert(id)
      return true
    }
  }

  func isCancelled(_ id: RequestID) -> Bool { lock.withLock { cancelled.contains(id) } }

  /// Takes a request out of flight; true when it still needs its answer.
  @discardableResult
  func end(_ id: RequestID) -> Bool {
    lock.withLock {
      cancelled.remove(id)
      guard let count = inFlight[id] else { return false }
      inFlight[id] = count > 1 ? count - 1 : nil
      return true
    }
  }

  /// Records `shutdown`; true when the reader thread answers it (after `initialize`, the first time).
  func requestShutdown() -> Bool {
    lock.withLock {
      guard initializeReceived, !shutdownReceived else { return false }
      shutdownReceived = true
      return true
    }
  }

  var shutdownRequested: Bool { lock.withLock { shutdownReceived } }

  /// Records the exit code; true the first time.
  func finish(code: Int32) -> Bool {
    lock.withLock {
      guard self.code == nil else { return false }
      self.code = code
      return true
    }
  }

  var exitCode: Int32? { lock.withLock { code } }

  func signalExit() { exitSemaphore.signal() }

  func waitForExit() -> Int32 {
    exitSemaphore.wait()
    return exitCode ?? 1
  }
}
