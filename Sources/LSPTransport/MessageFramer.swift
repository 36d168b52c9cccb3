/// Why a run of bytes could not be read as a framed message.
public struct FramingError: Error, Hashable, Sendable, CustomStringConvertible {
  public enum Kind: Hashable, Sendable {
    /// A header line without a colon.
    case malformedHeader
    /// No `Content-Length`, or one that is not a non-negative integer.
    case badContentLength
    /// A `Content-Length` larger than the limit; the body is skipped unread.
    case oversized
    /// A header line longer than the limit.
    case headerTooLong
  }

  public var kind: Kind
  public var reason: String

  public init(kind: Kind, reason: String) {
    self.kind = kind
    self.reason = reason
  }

  public var description: String { reason }
}

/// What the framer made of the bytes fed to it.
public enum FramingEvent: Hashable, Sendable {
  /// A complete message body.
  case message([UInt8])
  /// A framing problem; the framer has already resynchronised (skipped the body or started looking for the next
  /// `Content-Length` header) and goes on reading.
  case error(FramingError)
}

/// The Content-Length framing of the base protocol as a pure state machine: feed it bytes in pieces of any size
/// (one at a time in tests) and it returns complete message bodies and framing errors. Header names are
/// case-insensitive; `Content-Type` and unknown headers are tolerated; lines may end in `\r\n` or `\n`.
///
/// NOTE: A bad header never kills the connection. When the length is known (a header without a colon, an oversized
/// message) the body is skipped and the stream stays in step; when it is not (missing, malformed or negative
/// `Content-Length`) the framer scans forward for the next `Content-Length:` and starts again there.
public struct MessageFramer: Sendable {
  /// Bodies larger than this are skipped and reported (64 MiB by default).
  public let maxMessageBytes: Int
  /// A header line longer than this is reported and skipped.
  public let maxHeaderLineBytes: Int

  enum State: Sendable {
    case headers
    case body(remaining: Int)
    case skipping(remaining: Int)
    case resync(matched: Int)
  }

  var state: State = .headers
  var line: [UInt8] = []
  var sawHeader = false
  var contentLength: Int?
  var lengthProblem: String?
  var headerProblem: String?
  var body: [UInt8] = []

  static let lengthHeader: [UInt8] = Array("content-length:".utf8)

  public init(maxMessageBytes: Int = 64 << 20, maxHeaderLineBytes: Int = 8192) {
    self.maxMessageBytes = maxMessageBytes
    self.maxHeaderLineBytes = maxHeaderLineBytes
  }

  /// Whether the framer is between messages (nothing half-read).
  public var isIdle: Bool {
    if case .headers = state { return line.isEmpty && !sawHeader }
    return false
  }

  /// Feeds bytes and returns the events they complete, in order.
  public mutating func feed<Bytes: Collection>(_ input: Bytes) -> [FramingEvent] where Bytes.Element == UInt8 {
    let bytes = Array(input)
    var events: [FramingEvent] = []
    var i = 0
    let n = bytes.count
    while i < n {
      switch state {
      case .body(let remaining):
        let take = min(remaining, n - i)
        body.append(contentsOf: bytes[i..<(i + take)])
        i += take
        if take == remaining {
          events.append(.message(body))
          body = []
          state = .headers
        } else {
          state = .body(remaining: remaining - take)
        }
      case .skipping(let remaining):
        let take = min(remaining, n - i)
        i += take
        state = take == remaining ? .headers : .skipping(remaining: remaining - take)
      case .resync(let matched):
        let b = Self.lower(bytes[i])
        i += 1
        if b == Self.lengthHeader[matched] {
          if matched + 1 == Self.lengthHeader.count {
            resetHeaders()
            line = Array("Content-Length:".utf8)
            sawHeader = true
            state = .headers
          } else {
            state = .resync(matched: matched + 1)
          }
        } else {
          state = .resync(matched: b == Self.lengthHeader[0] ? 1 : 0)
        }
      case .headers:
        let b = bytes[i]
        i += 1
        if b != 0x0A {
          line.append(b)
          if line.count > maxHeaderLineBytes {
            events.append(
              .error(
                FramingError(kind: .headerTooLong, reason: "a header line is longer than \(maxHeaderLineBytes) bytes")))
            resetHeaders()
            state = .resync(matched: 0)
          }
          continue
        }
        if line.last == 0x0D { line.removeLast() }
        if line.isEmpty {
          if let event = endOfHeaders() { events.append(event) }
        } else {
          headerLine(line)
          line.removeAll(keepingCapacity: true)
        }
      }
    }
    return events
  }

  // MARK: - Headers

  mutating func resetHeaders() {
    line = []
    sawHeader = false
    contentLength = nil
    lengthProblem = nil
    headerProblem = nil
  }

  mutating func headerLine(_ line: [UInt8]) {
    sawHeader = true
    guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
      if headerProblem == nil {
        headerProblem = "header line without a colon: \"\(Self.excerpt(line))\""
      }
      return
    }
    let name = String(decoding: line[..<colon], as: UTF8.self).trimmingSpaces().lowercased()
    let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingSpaces()
    guard name == "content-length" else { return }  // Content-Type and unknown headers are tolerated.
    if let length = Int(value), length >= 0, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
      contentLength = length
      lengthProblem = nil
    } else {
      contentLength = nil
      lengthProblem = "bad Content-Length \"\(value.prefix(40))\": not a non-negative integer"
    }
  }

  mutating func endOfHeaders() -> FramingEvent? {
    guard sawHeader else { return nil }  // Blank lines between messages are harmless.
    defer { resetHeaders() }
    guard let length = contentLength else {
      state = .resync(matched: 0)
      let reason = lengthProblem ?? headerProblem.map { "\($0), and no Content-Length" } ?? "no Content-Length header"
      return .error(FramingError(kind: lengthProblem != nil ? .badContentLength : .badContentLength, reason: reason))
    }
    if length > maxMessageBytes {
      state = length > 0 ? .skipping(remaining: length) : .headers
      return .error(
        FramingError(kind: .oversized, reason: "message of \(length) bytes exceeds the limit of \(maxMessageBytes)"))
    }
    if let headerProblem {
      state = length > 0 ? .skipping(remaining: length) : .headers
      return .error(FramingError(kind: .malformedHeader, reason: headerProblem))
    }
    if length == 0 { return .message([]) }
    body.reserveCapacity(length)
    state = .body(remaining: length)
    return nil
  }

  static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 32 : b }

  static func excerpt(_ bytes: [UInt8]) -> String {
    let text = String(decoding: bytes.prefix(40), as: UTF8.self)
    return bytes.count > 40 ? text + "…" : text
  }

  /// The framing of one message body.
  public static func frame(_ body: [UInt8]) -> [UInt8] {
    var out = Array("Content-Length: \(body.count)\r\n\r\n".utf8)
    out.append(contentsOf: body)
    return out
  }
}

extension String {
  fileprivate func trimmingSpaces() -> String {
    var scalars = Substring(self)
    while let f = scalars.first, f == " " || f == "\t" { scalars.removeFirst() }
    while let l = scalars.last, l == " " || l == "\t" { scalars.removeLast() }
    return String(scalars)
  }
}
