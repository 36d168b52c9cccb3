import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// How much the server writes to stderr.
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

/// The server's one logging facade: lines on stderr (never stdout, which belongs to the protocol).
public final class Logger: @unchecked Sendable {
  private let lock = NSLock()
  private var _level: LogLevel
  private let sink: @Sendable (String) -> Void

  /// A logger writing to stderr.
  public init(level: LogLevel) {
    _level = level
    sink = { line in
      var bytes = Array(line.utf8)
      bytes.append(0x0A)
      bytes.withUnsafeBytes { raw in _ = write(2, raw.baseAddress, raw.count) }
    }
  }

  /// A logger writing to a closure (tests).
  public init(level: LogLevel, sink: @escaping @Sendable (String) -> Void) {
    _level = level
    self.sink = sink
  }

  public var level: LogLevel {
    get { lock.withLock { _level } }
    set { lock.withLock { _level = newValue } }
  }

  /// The level from `--log-level` if given, else `NOTES_LSP_LOG`, else `info`.
  public static func level(fromArgument argument: String?) -> LogLevel {
    if let argument, let level = LogLevel(name: argument) { return level }
    if let env = ProcessInfo.processInfo.environment["NOTES_LSP_LOG"], let level = LogLevel(name: env) { return level }
    return .info
  }

  public func log(_ level: LogLevel, _ message: @autoclosure () -> String) {
    guard level != .off, level <= self.level else { return }
    let line = "[notes-lsp \(level.label)] \(message())"
    lock.withLock { sink(line) }
  }

  public func error(_ message: @autoclosure () -> String) { log(.error, message()) }
  public func warning(_ message: @autoclosure () -> String) { log(.warning, message()) }
  public func info(_ message: @autoclosure () -> String) { log(.info, message()) }
  public func debug(_ message: @autoclosure () -> String) { log(.debug, message()) }
  public func trace(_ message: @autoclosure () -> String) { log(.trace, message()) }
}
