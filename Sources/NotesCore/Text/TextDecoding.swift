/// What was noticed while turning a file's bytes into text.
public enum DecodingIssue: Hashable, Sendable {
  /// The bytes are not valid UTF-8; they were read as Latin-1 (ISO 8859-1), so no byte is lost.
  case notUTF8(firstInvalidUTF8Offset: Int)
  /// The bytes contain NUL bytes or mostly control characters: probably not a text file.
  case binary
  /// The file is empty.
  case empty
}

/// The text of a file, decoded from bytes without ever failing.
public struct DecodedText: Sendable {
  public var text: String
  public var hadByteOrderMark: Bool
  public var issues: [DecodingIssue]

  /// Decodes bytes as UTF-8, dropping a leading byte order mark. Invalid UTF-8 is read as Latin-1 instead, so that
  /// every byte maps to one character and nothing is lost; binary content is reported but still decoded.
  public init<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
    var array = Array(bytes)
    hadByteOrderMark = array.starts(with: [0xEF, 0xBB, 0xBF])
    if hadByteOrderMark { array.removeFirst(3) }
    issues = []
    if array.isEmpty && !hadByteOrderMark { issues.append(.empty) }
    if DecodedText.looksBinary(array) { issues.append(.binary) }
    // One validating pass for the usual case; the offset of the first bad byte only when there is one.
    if let valid = String(validating: array, as: UTF8.self) {
      text = valid
    } else {
      let invalid = DecodedText.firstInvalidUTF8Offset(array) ?? 0
      issues.append(.notUTF8(firstInvalidUTF8Offset: invalid + (hadByteOrderMark ? 3 : 0)))
      text = DecodedText.latin1(array)
    }
  }

  /// The bytes read as Latin-1: each byte is the scalar of its value, written as UTF-8 (one or two bytes).
  static func latin1(_ bytes: [UInt8]) -> String {
    var utf8: [UInt8] = []
    utf8.reserveCapacity(bytes.count + bytes.count / 4)
    for b in bytes {
      if b < 0x80 {
        utf8.append(b)
      } else {
        utf8.append(0xC0 | b >> 6)
        utf8.append(0x80 | b & 0x3F)
      }
    }
    return String(decoding: utf8, as: UTF8.self)
  }

  /// NUL bytes in the first 8 KiB, or more than 10% control characters there.
  static func looksBinary(_ bytes: [UInt8]) -> Bool {
    let count = min(bytes.count, 8192)
    if count == 0 { return false }
    var control = 0
    bytes.withUnsafeBufferPointer { buffer in
      var i = 0
      while i < count {
        // Eight bytes at a time while none is below 0x20 (most of a text: a line break every few dozen bytes).
        if i + 8 <= count {
          let word = UnsafeRawPointer(buffer.baseAddress! + i).loadUnaligned(as: UInt64.self)
          let low: UInt64 = 0x0101_0101_0101_0101
          if (word &- low &* 0x20) & ~word & (low &* 0x80) == 0 {
            i += 8
            continue
          }
        }
        let b = buffer[i]
        if b == 0 {
          control = Int.max / 20
          return
        }
        if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C { control += 1 }
        i += 1
      }
    }
    return control * 10 > count
  }

  /// The offset of the first byte that breaks UTF-8, or nil when the bytes are valid UTF-8.
  static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
    var i = 0
    let n = bytes.count
    while i < n {
      let b = bytes[i]
      if b < 0x80 {
        i += 1
        continue
      }
      let length: Int
      let minimum: UInt32
      var scalar: UInt32
      if b & 0xE0 == 0xC0 {
        length = 2
        minimum = 0x80
        scalar = UInt32(b & 0x1F)
      } else if b & 0xF0 == 0xE0 {
        length = 3
        minimum = 0x800
        scalar = UInt32(b & 0x0F)
      } else if b & 0xF8 == 0xF0 {
        length = 4
        minimum = 0x10000
        scalar = UInt32(b & 0x07)
      } else {
        return i
      }
      if i + length > n { return i }
      for k in 1..<length {
        let c = bytes[i + k]
        if c & 0xC0 != 0x80 { return i }
        scalar = scalar << 6 | UInt32(c & 0x3F)
      }
      if scalar < minimum || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF) { return i }
      i += length
    }
    return nil
  }
}
