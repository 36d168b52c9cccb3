import Foundation

extension JSONValue {
  /// Compact JSON text (no spaces), keys in insertion order. Non-finite doubles, which JSON cannot carry, are `null`.
  public func serialized() -> String {
    var out: [UInt8] = []
    out.reserveCapacity(256)
    write(into: &out, indent: nil, level: 0)
    return String(decoding: out, as: UTF8.self)
  }

  /// UTF-8 bytes of `serialized()`.
  public func serializedBytes() -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(256)
    write(into: &out, indent: nil, level: 0)
    return out
  }

  /// Indented JSON text for people (two spaces a level).
  public func prettyPrinted() -> String {
    var out: [UInt8] = []
    write(into: &out, indent: 2, level: 0)
    return String(decoding: out, as: UTF8.self)
  }

  func write(into out: inout [UInt8], indent: Int?, level: Int) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .int(let i): JSONValue.writeInt(i, into: &out)
    case .double(let d):
      if !d.isFinite {
        out.append(contentsOf: "null".utf8)
      } else if d.rounded() == d && abs(d) < 1e15 {
        JSONValue.writeInt(Int(d), into: &out)
      } else {
        out.append(contentsOf: "\(d)".utf8)
      }
    case .string(let s): JSONValue.writeString(s, into: &out)
    case .encoded(let text): out.append(contentsOf: text.bytes)
    case .array(let a):
      if a.isEmpty {
        out.append(contentsOf: "[]".utf8)
        return
      }
      out.append(UInt8(ascii: "["))
      for (k, element) in a.enumerated() {
        if k > 0 { out.append(UInt8(ascii: ",")) }
        JSONValue.newline(&out, indent, level + 1)
        element.write(into: &out, indent: indent, level: level + 1)
      }
      JSONValue.newline(&out, indent, level)
      out.append(UInt8(ascii: "]"))
    case .object(let o):
      if o.isEmpty {
        out.append(contentsOf: "{}".utf8)
        return
      }
      out.append(UInt8(ascii: "{"))
      var first = true
      for (key, value) in o {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        JSONValue.newline(&out, indent, level + 1)
        JSONValue.writeString(key, into: &out)
        out.append(UInt8(ascii: ":"))
        if indent != nil { out.append(UInt8(ascii: " ")) }
        value.write(into: &out, indent: indent, level: level + 1)
      }
      JSONValue.newline(&out, indent, level)
      out.append(UInt8(ascii: "}"))
    }
  }

  static func newline(_ out: inout [UInt8], _ indent: Int?, _ level: Int) {
    guard let indent else { return }
    out.append(0x0A)
    out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
  }

  static let hexDigits = Array("0123456789abcdef".utf8)

  /// The decimal digits of `i` (a sign first when negative), written without making a string.
  @usableFromInline
  static func writeInt(_ i: Int, into out: inout [UInt8]) {
    if i >= 0 && i < 10 {
      out.append(UInt8(ascii: "0") + UInt8(i))
      return
    }
    if i < 0 { out.append(UInt8(ascii: "-")) }
    // The magnitude as unsigned, so that `Int.min` has one too; digits from the most significant.
    var magnitude = i.magnitude
    var divisor: UInt = 1
    while magnitude / divisor >= 10 { divisor *= 10 }
    repeat {
      out.append(UInt8(ascii: "0") + UInt8(magnitude / divisor))
      magnitude %= divisor
      divisor /= 10
    } while divisor > 0
  }

  static func writeString(_ s: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    // Most strings need no escape: their bytes go out in one copy.
    let plain = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
      for b in bytes where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return false }
      out.append(contentsOf: bytes)
      return true
    }
    if plain == true {
      out.append(UInt8(ascii: "\""))
      return
    }
    for b in s.utf8 {
      switch b {
      case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
      case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
      case 0x0A: out.append(contentsOf: "\\n".utf8)
      case 0x0D: out.append(contentsOf: "\\r".utf8)
      case 0x09: out.append(contentsOf: "\\t".utf8)
      case 0..<0x20:
        out.append(contentsOf: "\\u00".utf8)
        out.append(hexDigits[Int(b >> 4)])
        out.append(hexDigits[Int(b & 0xF)])
      default: out.append(b)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}
