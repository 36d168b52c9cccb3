import Foundation

/// Why a text is not JSON, and where: 1-based line and column (in bytes) plus the byte offset.
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String
  public var utf8Offset: Int
  public var line: Int
  public var column: Int

  public var description: String { "line \(line), column \(column): \(message)" }
}

extension JSONValue {
  /// Parses one JSON value (RFC 8259) from UTF-8 bytes; white space may surround it, nothing else may follow.
  /// Nesting deeper than `maxDepth` is an error rather than a stack overflow.
  public static func parse<Bytes: Collection>(_ bytes: Bytes, maxDepth: Int = 512) throws(JSONParseError) -> JSONValue
  where Bytes.Element == UInt8 {
    var parser = JSONParser(bytes: Array(bytes), maxDepth: maxDepth)
    return try parser.parseDocument()
  }

  /// Parses one JSON value from a string.
  public static func parse(_ text: String, maxDepth: Int = 512) throws(JSONParseError) -> JSONValue {
    try parse(Array(text.utf8), maxDepth: maxDepth)
  }
}

struct JSONParser {
  let bytes: [UInt8]
  let maxDepth: Int
  var i = 0
  var depth = 0

  init(bytes: [UInt8], maxDepth: Int) {
    self.bytes = bytes
    self.maxDepth = maxDepth
  }

  mutating func parseDocument() throws(JSONParseError) -> JSONValue {
    skipWhitespace()
    let value = try parseValue()
    skipWhitespace()
    if i < bytes.count { throw error("unexpected text after the JSON value") }
    return value
  }

  func error(_ message: String, at offset: Int? = nil) -> JSONParseError {
    let at = min(offset ?? i, bytes.count)
    var line = 1
    var lineStart = 0
    var k = 0
    while k < at {
      if bytes[k] == 0x0A {
        line += 1
        lineStart = k + 1
      }
      k += 1
    }
    return JSONParseError(message: message, utf8Offset: at, line: line, column: at - lineStart + 1)
  }

  mutating func skipWhitespace() {
    while i < bytes.count {
      switch bytes[i] {
      case 0x20, 0x09, 0x0A, 0x0D: i += 1
      default: return
      }
    }
  }

  mutating func parseValue() throws(JSONParseError) -> JSONValue {
    guard i < bytes.count else { throw error("unexpected end of input, expected a value") }
    switch bytes[i] {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
    case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
    case UInt8(ascii: "n"): return try parseLiteral("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default: throw error("unexpected character '\(printable(bytes[i]))', expected a value")
    }
  }

  func printable(_ b: UInt8) -> String {
    b >= 0x20 && b < 0x7F ? String(UnicodeScalar(b)) : "\\u{\(String(b, radix: 16))}"
  }

  mutating func parseLiteral(_ word: String, _ value: JSONValue) throws(JSONParseError) -> JSONValue {
    let start = i
    for b in word.utf8 {
      guard i < bytes.count, bytes[i] == b else { throw error("invalid literal, expected '\(word)'", at: start) }
      i += 1
    }
    return value
  }

  mutating func enter() throws(JSONParseError) {
    depth += 1
    if depth > maxDepth { throw error("nesting deeper than \(maxDepth) levels") }
  }

  mutating func parseObject() throws(JSONParseError) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    i += 1
    var object = JSONObject()
    skipWhitespace()
    if i < bytes.count && bytes[i] == UInt8(ascii: "}") {
      i += 1
      return .object(object)
    }
    while true {
      skipWhitespace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
        throw error(i < bytes.count ? "expected a string key" : "unexpected end of input in an object")
      }
      let key = try parseString()
      skipWhitespace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected ':' after an object key") }
      i += 1
      skipWhitespace()
      object[key] = try parseValue()
      skipWhitespace()
      guard i < bytes.count else { throw error("unexpected end of input in an object") }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
        continue
      }
      if bytes[i] == UInt8(ascii: "}") {
        i += 1
        return .object(object)
      }
      throw error("expected ',' or '}' in an object")
    }
  }

  mutating func parseArray() throws(JSONParseError) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    i += 1
    var array: [JSONValue] = []
    skipWhitespace()
    if i < bytes.count && bytes[i] == UInt8(ascii: "]") {
      i += 1
      return .array(array)
    }
    while true {
      skipWhitespace()
      array.append(try parseValue())
      skipWhitespace()
      guard i < bytes.count else { throw error("unexpected end of input in an array") }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
        continue
      }
      if bytes[i] == UInt8(ascii: "]") {
        i += 1
        return .array(array)
      }
      throw error("expected ',' or ']' in an array")
    }
  }

  mutating func parseNumber() throws(JSONParseError) -> JSONValue {
    let start = i
    var isInteger = true
    if bytes[i] == UInt8(ascii: "-") { i += 1 }
    guard i < bytes.count, isDigit(bytes[i]) else { throw error("invalid number") }
    if bytes[i] == UInt8(ascii: "0") {
      i += 1
    } else {
      while i < bytes.count && isDigit(bytes[i]) { i += 1 }
    }
    if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
      isInteger = false
      i += 1
      guard i < bytes.count, isDigit(bytes[i]) else { throw error("invalid number: digits expected after '.'") }
      while i < bytes.count && isDigit(bytes[i]) { i += 1 }
    }
    if i < bytes.count && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
      isInteger = false
      i += 1
      if i < bytes.count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
      guard i < bytes.count, isDigit(bytes[i]) else { throw error("invalid number: digits expected in exponent") }
      while i < bytes.count && isDigit(bytes[i]) { i += 1 }
    }
    // Up to 18 digits cannot overflow: the value is summed on the bytes, without a string.
    let digitsStart = bytes[start] == UInt8(ascii: "-") ? start + 1 : start
    if isInteger && i - digitsStart <= 18 {
      var value = 0
      for k in digitsStart..<i { value = value * 10 + Int(bytes[k] &- UInt8(ascii: "0")) }
      return .int(digitsStart == start ? value : -value)
    }
    let text = String(decoding: bytes[start..<i], as: UTF8.self)
    if isInteger, let value = Int(text) { return .int(value) }
    guard let value = Double(text) else { throw error("invalid number", at: start) }
    return .double(value)
  }

  func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

  mutating func parseString() throws(JSONParseError) -> String {
    i += 1  // opening quote
    var out: [UInt8] = []
    var runStart = i
    while true {
      guard i < bytes.count else { throw error("unterminated string") }
      let b = bytes[i]
      if b == UInt8(ascii: "\"") {
        if out.isEmpty {
          // No escape: the string is the bytes between the quotes, copied once.
          i += 1
          return String(decoding: bytes[runStart..<(i - 1)], as: UTF8.self)
        }
        out.append(contentsOf: bytes[runStart..<i])
        i += 1
        break
      }
      if b < 0x20 { throw error("control character in a string; escape it") }
      if b != UInt8(ascii: "\\") {
        i += 1
        continue
      }
      out.append(contentsOf: bytes[runStart..<i])
      i += 1
      guard i < bytes.count else { throw error("unterminated escape in a string") }
      let e = bytes[i]
      i += 1
      switch e {
      case UInt8(ascii: "\""): out.append(0x22)
      case UInt8(ascii: "\\"): out.append(0x5C)
      case UInt8(ascii: "/"): out.append(0x2F)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try parseHex4()
        if (0xD800...0xDBFF).contains(scalar), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"),
          bytes[i + 1] == UInt8(ascii: "u")
        {
          let save = i
          i += 2
          let low = try parseHex4()
          if (0xDC00...0xDFFF).contains(low) {
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          } else {
            i = save
          }
        }
        // NOTE: a lone surrogate cannot be a Swift character; it becomes U+FFFD rather than an error.
        let unicode = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        out.append(contentsOf: Array(String(Character(unicode)).utf8))
      default:
        throw error("invalid escape '\\\(printable(e))' in a string", at: i - 1)
      }
      runStart = i
    }
    // NOTE: invalid UTF-8 inside a string is repaired to U+FFFD, never rejected: protocol peers send what they send.
    return String(decoding: out, as: UTF8.self)
  }

  mutating func parseHex4() throws(JSONParseError) -> UInt32 {
    guard i + 4 <= bytes.count else { throw error("incomplete \\u escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[i]
      let digit: UInt32
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
      default: throw error("invalid hex digit in \\u escape")
      }
      value = value << 4 | digit
      i += 1
    }
    return value
  }
}
