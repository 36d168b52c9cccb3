import Foundation
import LSPProtocol
import LSPTransport
import NotesJSON

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// How much the server logs: the levels of `--log-level` and `NOTES_LSP_LOG`.
public enum LogLevel: Int, Comparable, Sendable, CaseIterable {
  case off = 0
  case error = 1
  case warning = 2
  case info = 3
  case debug = 4
  case trace = 5

  /// `off`, `error`, `warning`/`warn`, `info`, `debug`, `trace`.
  public init?(name: String) {
    switch name.lowercased() {
    case "off", "none", "quiet": self = .off
    case "error": self = .error
    case "warning", "warn": self = .warning
    case "info": self = .info
    case "debug": self = .debug
    case "trace", "verbose": self = .trace
    default: return nil
    }
  }

  var label: String {
    switch self {
    case .off: return "off"
    case .error: return "error"
    case .warning: return "warning"
    case .info: return "info"
    case .debug: return "debug"
    case .trace: return "trace"
    }
  }

  public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The server's one logging facade. Each line goes to exactly one place:
/// - stderr (never stdout, which belongs to the protocol) when its level is within `stderrLevel` — by default
///   warnings and errors only;
/// - otherwise the client, once it has sent `initialize` and a connection is attached (`forward(to:)`): errors,
///   warnings and info as `window/logMessage`; debug and trace as `$/logTrace` only while the client asks for traces
///   (`trace` in `initialize`, `$/setTrace`: `messages` → debug, `verbose` → debug and trace).
// NOTE: editors show a server's stderr as errors (Neovim writes every stderr line to `lsp.log` as `[ERROR]`; VS Code and
// eglot put it next to real failures), so routine lines go through the protocol, where each client files them by type.
// `--log-level` / `NOTES_LSP_LOG` raise stderr to that level, as before; a line then goes to stderr, not to both.
public final class Logger: @unchecked Sendable {
  /// Where a client's trace setting stands (`TraceValue` in LSP).
  public enum ClientTrace: String, Sendable {
    case off, messages, verbose

    /// The most verbose level sent to the client as `$/logTrace` at this setting; info (sent as `window/logMessage`)
    /// when traces are off.
    var level: LogLevel {
      switch self {
      case .off: return .info
      case .messages: return .debug
      case .verbose: return .trace
      }
    }
  }

  private let lock = NSLock()
  private var _stderrLevel: LogLevel
  private let sink: @Sendable (String) -> Void
  /// Sends a message to the client; nil until `forward(to:)`.
  private var clientSend: (@Sendable (Message) -> Void)?
  private var clientReady = false
  private var _clientTrace = ClientTrace.off
  /// Lines for the client logged before it initialized (the start-up line), sent once it has.
  private var early: [(LogLevel, String)] = []
  private static let earlyLimit = 32

  /// A logger writing lines within `level` to stderr.
  public convenience init(level: LogLevel) {
    self.init(level: level) { line in
      var bytes = Array(line.utf8)
      bytes.append(0x0A)
      bytes.withUnsafeBytes { raw in _ = write(2, raw.baseAddress, raw.count) }
    }
  }

  /// A logger writing lines within `level` to a closure (tests).
  public init(level: LogLevel, sink: @escaping @Sendable (String) -> Void) {
    _stderrLevel = level
    self.sink = sink
  }

  /// The most verbose level written to stderr.
  public var stderrLevel: LogLevel {
    get { lock.withLock { _stderrLevel } }
    set { lock.withLock { _stderrLevel = newValue } }
  }

  /// The most verbose level logged anywhere (stderr or the client): callers skip costly debug work above it. Setting
  /// it sets `stderrLevel`.
  public var level: LogLevel {
    get { lock.withLock { max(_stderrLevel, clientSend == nil ? .off : _clientTrace.level) } }
    set { stderrLevel = newValue }
  }

  /// The client's current trace setting.
  public var clientTrace: ClientTrace { lock.withLock { _clientTrace } }

  /// The level from `--log-level` if given, else `NOTES_LSP_LOG`, else `warning`: what goes to stderr.
  public static func level(fromArgument argument: String?) -> LogLevel {
    if let argument, let level = LogLevel(name: argument) { return level }
    if let env = ProcessInfo.processInfo.environment["NOTES_LSP_LOG"], let level = LogLevel(name: env) { return level }
    return .warning
  }

  // MARK: - The client

  /// Sends the lines stderr does not take to the client over `connection`, from `clientInitialized(trace:)` on.
  public func forward(to connection: any Connection) {
    forward { message in connection.send(message) }
  }

  /// The same through a closure (tests).
  public func forward(_ send: @escaping @Sendable (Message) -> Void) {
    lock.withLock { clientSend = send }
  }

  /// Called when `initialize` arrives, with its `trace` (`off`, `messages`, `verbose`; absent: off): the client may be
  /// sent log messages from now on, starting with the lines logged before.
  public func clientInitialized(trace: String?) {
    let (send, pending) = lock.withLock { () -> ((@Sendable (Message) -> Void)?, [(LogLevel, String)]) in
      clientReady = true
      _clientTrace = trace.flatMap(ClientTrace.init(rawValue:)) ?? .off
      defer { early = [] }
      return (clientSend, early)
    }
    guard let send else { return }
    for (level, line) in pending { send(Self.clientMessage(level, line)) }
  }

  /// `$/setTrace`: the client's new trace setting.
  public func setClientTrace(_ value: String?) {
    lock.withLock { _clientTrace = value.flatMap(ClientTrace.init(rawValue:)) ?? .off }
  }

  /// `window/logMessage` for error, warning and info; `$/logTrace` for debug and trace.
  static func clientMessage(_ level: LogLevel, _ line: String) -> Message {
    switch level {
    case .off, .error, .warning, .info:
      let type = level == .info ? 3 : level == .warning ? 2 : 1
      return .notification(method: "window/logMessage", params: ["type": .int(type), "message": .string(line)])
    case .debug, .trace:
      return .notification(method: "$/logTrace", params: ["message": .string(line)])
    }
  }

  // MARK: - Logging

  public func log(_ level: LogLevel, _ message: @autoclosure () -> String) {
    guard level != .off else { return }
    enum Route {
      case stderr
      case client(@Sendable (Message) -> Void)
      case none
    }
    let route = lock.withLock { () -> Route in
      if level <= _stderrLevel { return .stderr }
      guard let clientSend, level <= _clientTrace.level else { return .none }
      return clientReady ? .client(clientSend) : .none
    }
    switch route {
    case .none:
      // Before `initialize`, keep a few lines for the client (traces are off until it says otherwise).
      let keep = lock.withLock { clientSend != nil && !clientReady && level <= .info && early.count < Self.earlyLimit }
      if keep {
        let line = "[notes-lsp \(level.label)] \(message())"
        lock.withLock { early.append((level, line)) }
      }
    case .stderr:
      let line = "[notes-lsp \(level.label)] \(message())"
      lock.withLock { sink(line) }
    case .client(let send):
      send(Self.clientMessage(level, "[notes-lsp \(level.label)] \(message())"))
    }
  }

  public func error(_ message: @autoclosure () -> String) { log(.error, message()) }
  public func warning(_ message: @autoclosure () -> String) { log(.warning, message()) }
  public func info(_ message: @autoclosure () -> String) { log(.info, message()) }
  public func debug(_ message: @autoclosure () -> String) { log(.debug, message()) }
  public func trace(_ message: @autoclosure () -> String) { log(.trace, message()) }
}
