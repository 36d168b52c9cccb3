import Foundation

/// Where a piece of JSON text starts: the byte offset, a 1-based line and a 1-based column counted in Unicode scalars.
public struct JSONSourcePosition: Hashable, Sendable {
  public var utf8Offset: Int
  public var line: Int
  public var column: Int

  public init(utf8Offset: Int, line: Int, column: Int) {
    self.utf8Offset = utf8Offset
    self.line = line
    self.column = column
  }
}

/// Where each member key and each value of a parsed JSON document starts, by JSON pointer (RFC 6901): `""` is the
/// root, `/rules/action-item.unowned` a member, `/include/0` an array element. Used to point at the offending key or
/// value when a document is valid JSON but not a valid configuration.
public struct JSONLocations: Sendable {
  /// Pointer → start of the value.
  public var values: [String: JSONSourcePosition] = [:]
  /// Pointer → start of the member's key (the opening quote); objects' members only.
  public var keys: [String: JSONSourcePosition] = [:]

  public init() {}

  /// The start of the value at `pointer`.
  public func value(_ pointer: String) -> JSONSourcePosition? { values[pointer] }

  /// The start of the key of the member at `pointer`, else its value's start.
  public func key(_ pointer: String) -> JSONSourcePosition? { keys[pointer] ?? values[pointer] }

  /// `pointer` extended by one member name or array index, escaped as RFC 6901 says (`~` → `~0`, `/` → `~1`).
  public static func pointer(_ pointer: String, appending token: String) -> String {
    var escaped = ""
    for c in token.unicodeScalars {
      switch c {
      case "~": escaped += "~0"
      case "/": escaped += "~1"
      default: escaped.unicodeScalars.append(c)
      }
    }
    return pointer + "/" + escaped
  }
}

extension JSONValue {
  /// Parses like `parse(_:)` and also records where every key and value starts. Syntax errors are the same
  /// `JSONParseError`s (whose column counts bytes); positions in the returned map count Unicode scalars.
  public static func parseWithLocations<Bytes: Collection>(_ bytes: Bytes, maxDepth: Int = 512) throws(JSONParseError)
    -> (value: JSONValue, locations: JSONLocations)
  where Bytes.Element == UInt8 {
    let array = Array(bytes)
    let value = try parse(array, maxDepth: maxDepth)
    var locator = JSONLocator(parser: JSONParser(bytes: array, maxDepth: maxDepth))
    // The text is valid JSON (it just parsed), so the locator only has to follow its shape.
    locator.parser.skipWhitespace()
    try locator.locate(pointer: "")
    return (value, locator.locations)
  }

  /// `parseWithLocations` on a string's UTF-8.
  public static func parseWithLocations(_ text: String, maxDepth: Int = 512) throws(JSONParseError)
    -> (value: JSONValue, locations: JSONLocations)
  {
    try parseWithLocations(Array(text.utf8), maxDepth: maxDepth)
  }
}

/// 1-based line and scalar column of a byte offset in UTF-8 text (lines end at `\n`).
public func jsonSourcePosition(ofUTF8Offset offset: Int, in bytes: [UInt8]) -> JSONSourcePosition {
  let end = min(max(0, offset), bytes.count)
  var line = 1
  var column = 1
  var k = 0
  while k < end {
    let b = bytes[k]
    if b == 0x0A {
      line += 1
      column = 1
    } else if b & 0xC0 != 0x80 {
      column += 1
    }
    k += 1
  }
  return JSONSourcePosition(utf8Offset: end, line: line, column: column)
}

// MARK: - Locator

struct JSONLocator {
  var parser: JSONParser
  var locations = JSONLocations()
  /// Offset up to which `line`/`column` have been counted (the parser only moves forward).
  var countedTo = 0
  var line = 1
  var column = 1

  init(parser: JSONParser) {
    self.parser = parser
  }

  mutating func position() -> JSONSourcePosition {
    let bytes = parser.bytes
    let target = min(parser.i, bytes.count)
    while countedTo < target {
      let b = bytes[countedTo]
      if b == 0x0A {
        line += 1
        column = 1
      } else if b & 0xC0 != 0x80 {
        column += 1
      }
      countedTo += 1
    }
    return JSONSourcePosition(utf8Offset: target, line: line, column: column)
  }

  mutating func locate(pointer: String) throws(JSONParseError) {
    locations.values[pointer] = position()
    guard parser.i < parser.bytes.count else { return }
    switch parser.bytes[parser.i] {
    case UInt8(ascii: "{"):
      parser.i += 1
      parser.skipWhitespace()
      if parser.i < parser.bytes.count && parser.bytes[parser.i] == UInt8(ascii: "}") {
        parser.i += 1
        return
      }
      while parser.i < parser.bytes.count {
        parser.skipWhitespace()
        let keyPosition = position()
        let key = try parser.parseString()
        let member = JSONLocations.pointer(pointer, appending: key)
        locations.keys[member] = keyPosition
        parser.skipWhitespace()
        parser.i += 1  // ':'
        parser.skipWhitespace()
        try locate(pointer: member)
        parser.skipWhitespace()
        guard parser.i < parser.bytes.count else { return }
        let separator = parser.bytes[parser.i]
        parser.i += 1
        if separator != UInt8(ascii: ",") { return }
      }
    case UInt8(ascii: "["):
      parser.i += 1
      parser.skipWhitespace()
      if parser.i < parser.bytes.count && parser.bytes[parser.i] == UInt8(ascii: "]") {
        parser.i += 1
        return
      }
      var index = 0
      while parser.i < parser.bytes.count {
        parser.skipWhitespace()
        try locate(pointer: pointer + "/" + String(index))
        index += 1
        parser.skipWhitespace()
        guard parser.i < parser.bytes.count else { return }
        let separator = parser.bytes[parser.i]
        parser.i += 1
        if separator != UInt8(ascii: ",") { return }
      }
    default:
      _ = try parser.parseValue()
    }
  }
}
