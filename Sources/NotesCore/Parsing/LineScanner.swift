// MARK: - Bytes

/// Byte classification for UTF-8 text. Everything at or above 0x80 is part of a non-ASCII scalar.
enum ASCII {
  @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }
  @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
  @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
  @inline(__always) static func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
  @inline(__always) static func isLetter(_ b: UInt8) -> Bool { isUpper(b) || isLower(b) }
  @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) }
  /// A letter, a digit or any byte of a non-ASCII scalar (`í`, emoji): a byte that can be inside a word.
  @inline(__always) static func isWordByte(_ b: UInt8) -> Bool { isAlnum(b) || b >= 0x80 }
  @inline(__always) static func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }
}

// MARK: - Lines

/// One line of the text: its content without the terminator.
struct LineSpan {
  var number: Int
  var start: Int
  var end: Int

  var range: TextRange { TextRange(utf8Start: start, utf8End: end) }
}

/// Helpers over a byte array, all clamped so that no index traps.
struct ByteScanner {
  let bytes: [UInt8]

  var count: Int { bytes.count }

  @inline(__always) subscript(_ i: Int) -> UInt8 { i >= 0 && i < bytes.count ? bytes[i] : 0 }

  /// The line table of `source` as content spans (terminators excluded).
  static func lines(of source: SourceText) -> [LineSpan] {
    let starts = source.lineStarts
    let bytes = source.bytes
    var result: [LineSpan] = []
    result.reserveCapacity(starts.count)
    for (n, start) in starts.enumerated() {
      var end = n + 1 < starts.count ? starts[n + 1] : bytes.count
      if end > start && bytes[end - 1] == 0x0A { end -= 1 }
      if end > start && bytes[end - 1] == 0x0D { end -= 1 }
      result.append(LineSpan(number: n, start: start, end: end))
    }
    return result
  }

  /// Skips spaces and tabs from `i` up to `end`.
  @inline(__always) func skipBlanks(_ i: Int, _ end: Int) -> Int {
    var j = i
    while j < end && ASCII.isBlank(bytes[j]) { j += 1 }
    return j
  }

  /// `start..<end` without leading and trailing spaces and tabs.
  func trim(_ start: Int, _ end: Int) -> (Int, Int) {
    var s = max(0, start)
    var e = min(end, bytes.count)
    while s < e && isTrimmable(at: s) { s += trimmableLength(at: s) }
    while e > s && isTrimmableEnd(e) { e -= trimmableEndLength(e) }
    return (s, max(s, e))
  }

  /// Spaces, tabs and no-break spaces (U+00A0, two bytes C2 A0) are trimmed.
  @inline(__always) private func isTrimmable(at i: Int) -> Bool {
    ASCII.isBlank(bytes[i]) || (bytes[i] == 0xC2 && i + 1 < bytes.count && bytes[i + 1] == 0xA0)
  }
  @inline(__always) private func trimmableLength(at i: Int) -> Int { bytes[i] == 0xC2 ? 2 : 1 }
  @inline(__always) private func isTrimmableEnd(_ e: Int) -> Bool {
    ASCII.isBlank(bytes[e - 1]) || (e >= 2 && bytes[e - 2] == 0xC2 && bytes[e - 1] == 0xA0)
  }
  @inline(__always) private func trimmableEndLength(_ e: Int) -> Int { bytes[e - 1] == 0xA0 ? 2 : 1 }

  /// Whether the line holds only blanks.
  func isBlankLine(_ line: LineSpan) -> Bool { skipBlanks(line.start, line.end) == line.end }

  /// Indentation of a line in columns (a tab counts 4) and the offset of its first non-blank byte.
  func indentation(_ line: LineSpan) -> (columns: Int, first: Int) {
    var columns = 0
    var i = line.start
    while i < line.end {
      let b = bytes[i]
      if b == 0x20 {
        columns += 1
      } else if b == 0x09 {
        columns += 4
      } else {
        break
      }
      i += 1
    }
    return (columns, i)
  }

  /// The first `byte` in `start..<end`.
  @inline(__always) func firstIndex(of byte: UInt8, from start: Int, to end: Int) -> Int? {
    var i = max(0, start)
    let e = min(end, bytes.count)
    while i < e {
      if bytes[i] == byte { return i }
      i += 1
    }
    return nil
  }

  /// Whether `literal` (lower-case ASCII) occurs at `i`, compared case-insensitively, within `end`.
  @inline(__always) func matches(_ literal: [UInt8], at i: Int, end: Int) -> Bool {
    if i < 0 || i + literal.count > min(end, bytes.count) { return false }
    var k = 0
    while k < literal.count {
      if ASCII.lower(bytes[i + k]) != literal[k] { return false }
      k += 1
    }
    return true
  }

  /// The first case-insensitive occurrence of `literal` (lower-case ASCII) in `start..<end`.
  func find(_ literal: [UInt8], from start: Int, to end: Int) -> Int? {
    guard let first = literal.first else { return start }
    var i = max(0, start)
    let last = min(end, bytes.count) - literal.count
    while i <= last {
      if ASCII.lower(bytes[i]) == first && matches(literal, at: i, end: end) { return i }
      i += 1
    }
    return nil
  }

  /// The text of `start..<end`.
  func string(_ start: Int, _ end: Int) -> String {
    let s = min(max(0, start), bytes.count)
    let e = min(max(s, end), bytes.count)
    return String(decoding: bytes[s..<e], as: UTF8.self)
  }

  /// A span of the trimmed text, or nil when nothing is left.
  func span(_ start: Int, _ end: Int) -> Span? {
    let (s, e) = trim(start, end)
    if s >= e { return nil }
    return Span(text: string(s, e), range: TextRange(utf8Start: s, utf8End: e))
  }

  /// Parses a run of ASCII digits at `i` (at most `maxDigits`), returning the value and the end.
  func digits(at i: Int, end: Int, maxDigits: Int = 9) -> (value: Int, end: Int)? {
    var j = i
    var value = 0
    let e = min(end, bytes.count)
    while j < e && ASCII.isDigit(bytes[j]) && j - i < maxDigits {
      value = value * 10 + Int(bytes[j] - 0x30)
      j += 1
    }
    return j > i ? (value, j) : nil
  }
}

extension Array where Element == UInt8 {
  /// The UTF-8 bytes of an ASCII literal.
  init(ascii: String) { self = Array(ascii.utf8) }
}
