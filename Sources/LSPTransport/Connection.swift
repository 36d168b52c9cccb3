import Foundation
import LSPProtocol
import NotesJSON

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a connection hands its receiver, in the order the bytes arrived.
public enum ConnectionEvent: Sendable {
  /// One framed message body (not yet parsed as JSON: the receiver answers -32700 when it is not JSON).
  case message([UInt8])
  /// A framing problem; the connection has resynchronised and goes on reading.
  case framingError(FramingError)
  /// The peer closed its end.
  case closed
}

/// A bidirectional stream of framed JSON-RPC messages.
public protocol Connection: AnyObject, Sendable {
  /// Starts delivering events to `receive`, from one thread at a time, in order.
  func start(_ receive: @escaping @Sendable (ConnectionEvent) -> Void)
  /// Sends one message; safe to call from any thread (writes are serialised).
  func send(_ message: Message)
  /// Stops reading and writing.
  func close()
}

// MARK: - Stdio

/// Reads framed messages from a file descriptor on its own thread and writes to another under a lock.
public final class FileDescriptorConnection: Connection, @unchecked Sendable {
  let inputFD: Int32
  let outputFD: Int32
  let writeLock = NSLock()
  let maxMessageBytes: Int
  private var closed = false

  public init(inputFD: Int32, outputFD: Int32, maxMessageBytes: Int = 64 << 20) {
    self.inputFD = inputFD
    self.outputFD = outputFD
    self.maxMessageBytes = maxMessageBytes
  }

  /// stdin for reading and the protocol descriptor from `StdoutGuard.install()` for writing.
  public static func stdio(protocolOutput: Int32) -> FileDescriptorConnection {
    FileDescriptorConnection(inputFD: 0, outputFD: protocolOutput)
  }

  public func start(_ receive: @escaping @Sendable (ConnectionEvent) -> Void) {
    let fd = inputFD
    let limit = maxMessageBytes
    let thread = Thread {
      var framer = MessageFramer(maxMessageBytes: limit)
      var buffer = [UInt8](repeating: 0, count: 1 << 16)
      while true {
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        if count <= 0 { break }
        for event in framer.feed(buffer[0..<count]) {
          switch event {
          case .message(let body): receive(.message(body))
          case .error(let error): receive(.framingError(error))
          }
        }
      }
      receive(.closed)
    }
    thread.name = "notes-lsp reader"
    thread.stackSize = 8 << 20
    thread.start()
  }

  public func send(_ message: Message) {
    let bytes = MessageFramer.frame(message.json.serializedBytes())
    writeLock.lock()
    defer { writeLock.unlock() }
    if closed { return }
    var offset = 0
    bytes.withUnsafeBytes { raw in
      while offset < raw.count {
        let written = write(outputFD, raw.baseAddress! + offset, raw.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          closed = true
          return
        }
        offset += written
      }
    }
  }

  public func close() {
    writeLock.lock()
    closed = true
    writeLock.unlock()
  }
}

/// Keeps stdout for the protocol: duplicates descriptor 1 for protocol output and points descriptor 1 at stderr,
/// so that a stray `print` anywhere in the process lands in the log instead of corrupting the message stream.
public enum StdoutGuard {
  /// Returns the descriptor protocol messages must be written to.
  public static func install() -> Int32 {
    fflush(nil)
    let protocolFD = dup(1)
    if protocolFD < 0 { return 1 }
    _ = dup2(2, 1)
    return protocolFD
  }
}

// MARK: - In memory

/// One end of an in-memory pair: what one end sends, the other receives, through the same framing as stdio (so
/// tests can also inject raw, malformed bytes with `sendRaw`).
public final class InMemoryConnection: Connection, @unchecked Sendable {
  private let lock = NSLock()
  private let deliveryQueue: DispatchQueue
  private var peer: InMemoryConnection?
  private var receiver: (@Sendable (ConnectionEvent) -> Void)?
  private var pending: [ConnectionEvent] = []
  private var framer: MessageFramer
  private var isClosed = false

  init(name: String, maxMessageBytes: Int) {
    deliveryQueue = DispatchQueue(label: "notes-lsp.in-memory.\(name)")
    framer = MessageFramer(maxMessageBytes: maxMessageBytes)
  }

  /// Two connected ends.
  public static func pair(maxMessageBytes: Int = 64 << 20) -> (server: InMemoryConnection, client: InMemoryConnection) {
    let a = InMemoryConnection(name: "server", maxMessageBytes: maxMessageBytes)
    let b = InMemoryConnection(name: "client", maxMessageBytes: maxMessageBytes)
    a.peer = b
    b.peer = a
    return (a, b)
  }

  public func start(_ receive: @escaping @Sendable (ConnectionEvent) -> Void) {
    lock.lock()
    receiver = receive
    let backlog = pending
    pending = []
    lock.unlock()
    deliveryQueue.async { for event in backlog { receive(event) } }
  }

  public func send(_ message: Message) {
    sendRaw(MessageFramer.frame(message.json.serializedBytes()))
  }

  /// Sends bytes as they are, framing included.
  public func sendRaw(_ bytes: [UInt8]) {
    lock.lock()
    let target = isClosed ? nil : peer
    lock.unlock()
    target?.receiveBytes(bytes)
  }

  func receiveBytes(_ bytes: [UInt8]) {
    lock.lock()
    let events = framer.feed(bytes).map { event -> ConnectionEvent in
      switch event {
      case .message(let body): return .message(body)
      case .error(let error): return .framingError(error)
      }
    }
    deliver(events)
  }

  /// Called with `lock` held; releases it.
  private func deliver(_ events: [ConnectionEvent]) {
    if let receiver {
      lock.unlock()
      deliveryQueue.async { for event in events { receiver(event) } }
    } else {
      pending.append(contentsOf: events)
      lock.unlock()
    }
  }

  /// Closes this end: the peer receives `.closed`.
  public func close() {
    lock.lock()
    if isClosed {
      lock.unlock()
      return
    }
    isClosed = true
    let other = peer
    peer = nil
    lock.unlock()
    other?.peerClosed()
  }

  func peerClosed() {
    lock.lock()
    peer = nil
    deliver([.closed])
  }
}
