/// The unit a column is counted in. LSP negotiates it in `initialize`; the default is UTF-16.
public enum PositionEncoding: String, Sendable, CaseIterable {
  case utf8 = "utf-8"
  case utf16 = "utf-16"
  case utf32 = "utf-32"
}

/// A half-open range of UTF-8 byte offsets into a document's text. Every range in the core is one of these;
/// front ends convert to line/column once, through `SourceText`.
public struct TextRange: Hashable, Sendable, Comparable {
  // NOTE: offsets are stored in 32 bits: the model holds several ranges per list item, attendee cell and owner, and
  // 8 bytes a range instead of 16 is about a tenth of a parsed note. Front ends cap a note at 10 MiB (`--check`) or
  // less (the server); an offset past 2 GiB, which no note reaches, is clamped.
  private var start: Int32
  private var end: Int32

  public var utf8Start: Int {
    get { Int(start) }
    set { start = Int32(clamping: newValue) }
  }
  public var utf8End: Int {
    get { Int(end) }
    set { end = Int32(clamping: newValue) }
  }

  public init(utf8Start: Int, utf8End: Int) {
    start = Int32(clamping: utf8Start)
    end = Int32(clamping: max(utf8Start, utf8End))
  }

  public var utf8Length: Int { utf8End - utf8Start }
  public var isEmpty: Bool { utf8End == utf8Start }

  /// Whether `utf8Offset` lies inside the range or touches its end (a cursor right after a word is "on" it).
  public func touches(_ utf8Offset: Int) -> Bool { utf8Offset >= utf8Start && utf8Offset <= utf8End }

  public static func < (lhs: TextRange, rhs: TextRange) -> Bool {
    (lhs.utf8Start, lhs.utf8End) < (rhs.utf8Start, rhs.utf8End)
  }
}

/// A 0-based line and a 0-based column counted in some `PositionEncoding`'s code units.
public struct TextPosition: Hashable, Sendable, Comparable {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public static func < (lhs: TextPosition, rhs: TextPosition) -> Bool {
    (lhs.line, lhs.column) < (rhs.line, rhs.column)
  }
}

/// The UTF-8 offsets at which a text's lines start, held as 32-bit numbers: half the memory of `[Int]` for every note
/// a workspace holds (notes are at most 10 MiB; a larger offset is clamped, never trapped on).
public struct LineStarts: RandomAccessCollection, Equatable, Sendable {
  let offsets: [Int32]

  public var startIndex: Int { 0 }
  public var endIndex: Int { offsets.count }
  @inline(__always) public subscript(line: Int) -> Int { Int(offsets[line]) }

  @inline(__always) static func offset(_ value: Int) -> Int32 { Int32(clamping: value) }

  /// Whether both tables are one copy in memory (a held note and its open document share it).
  public func sharesStorage(with other: LineStarts) -> Bool {
    offsets.withUnsafeBufferPointer { a in other.offsets.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress }
    }
  }
}

/// A document's text with its UTF-8 bytes and line table: the one place that converts between byte offsets and
/// line/column positions in any encoding. Lines end at `\n`, `\r\n` or a lone `\r`, as LSP defines them.
public struct SourceText: Sendable {
  /// The text as given (after decoding by the caller), made from `bytes` when asked for.
  ///
  /// NOTE: only the bytes are held, not a `String` beside them: an open document's text is held once.
  public var string: String { String(decoding: bytes, as: UTF8.self) }
  /// The UTF-8 bytes of the text; every `TextRange` indexes into these.
  public let bytes: [UInt8]
  /// UTF-8 offset at which each line starts; `lineStarts[0] == 0`.
  public let lineStarts: LineStarts

  public init(_ string: String) {
    let bytes = Array(string.utf8)
    self.bytes = bytes
    var starts: [Int32] = [0]
    starts.reserveCapacity(bytes.count / 40 + 1)
    var i = 0
    let n = bytes.count
    while i < n {
      let b = bytes[i]
      if b == 0x0A {
        starts.append(LineStarts.offset(i + 1))
      } else if b == 0x0D {
        if i + 1 < n && bytes[i + 1] == 0x0A { i += 1 }
        starts.append(LineStarts.offset(i + 1))
      }
      i += 1
    }
    self.lineStarts = LineStarts(offsets: starts.trimmedToSize())
  }

  private init(bytes: [UInt8], lineStarts: [Int32]) {
    self.bytes = bytes
    self.lineStarts = LineStarts(offsets: lineStarts)
  }

  /// The text with the bytes of `range` (clamped into the text) replaced by `replacement`. Only the lines the edit
  /// touches are scanned again: the starts of earlier lines are kept and those of later lines move by the change in
  /// length. (O(length of the text) to copy the bytes; the line scan is O(length of the edited lines).)
  public func replacing(_ range: TextRange, with replacement: String) -> SourceText {
    let start = min(max(0, range.utf8Start), bytes.count)
    let end = min(max(start, range.utf8End), bytes.count)
    let inserted = Array(replacement.utf8)
    var newBytes: [UInt8] = []
    newBytes.reserveCapacity(bytes.count - (end - start) + inserted.count)
    newBytes.append(contentsOf: bytes[0..<start])
    newBytes.append(contentsOf: inserted)
    newBytes.append(contentsOf: bytes[end...])
    // An edit that splits a UTF-8 sequence is repaired by decoding: the text is then read again whole.
    func splitsCharacter(_ offset: Int) -> Bool { offset < bytes.count && bytes[offset] & 0xC0 == 0x80 }
    if splitsCharacter(start) || splitsCharacter(end) {
      return SourceText(String(decoding: newBytes, as: UTF8.self))
    }
    // A line start `s` depends on the bytes at `s - 1` and `s` only. Starts up to the line holding `start - 1` are
    // unchanged; old starts after `end` move by `delta`; the ones between are found again in the new bytes.
    let firstKept = line(containingUTF8Offset: max(0, start - 1))
    let insertedEnd = start + inserted.count
    let delta = inserted.count - (end - start)
    var starts = Array(lineStarts.offsets[0...firstKept])
    let n = newBytes.count
    var s = lineStarts[firstKept] + 1
    while s <= insertedEnd {
      let b = newBytes[s - 1]
      if b == 0x0A || (b == 0x0D && (s == n || newBytes[s] != 0x0A)) { starts.append(LineStarts.offset(s)) }
      s += 1
    }
    let later = line(containingUTF8Offset: end) + 1
    starts.reserveCapacity(starts.count + lineStarts.count - later)
    for index in later..<lineStarts.count { starts.append(LineStarts.offset(lineStarts[index] + delta)) }
    return SourceText(bytes: newBytes, lineStarts: starts)
  }

  public var lineCount: Int { lineStarts.count }

  /// The 0-based line holding `utf8Offset` (clamped into the text).
  public func line(containingUTF8Offset utf8Offset: Int) -> Int {
    let offset = min(max(0, utf8Offset), bytes.count)
    var lo = 0
    var hi = lineStarts.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
    }
    return lo
  }

  /// The range of a line's content, without its line terminator.
  public func contentRange(ofLine line: Int) -> TextRange {
    guard line >= 0 && line < lineStarts.count else {
      return TextRange(utf8Start: bytes.count, utf8End: bytes.count)
    }
    let start = lineStarts[line]
    var end = line + 1 < lineStarts.count ? lineStarts[line + 1] : bytes.count
    if end > start && bytes[end - 1] == 0x0A { end -= 1 }
    if end > start && bytes[end - 1] == 0x0D { end -= 1 }
    return TextRange(utf8Start: start, utf8End: end)
  }

  /// The text of a line, without its terminator.
  public func lineText(_ line: Int) -> String { text(in: contentRange(ofLine: line)) }

  /// The text in `range` (clamped; a range that splits a character is widened to whole characters' bytes by
  /// repairing, never trapping).
  public func text(in range: TextRange) -> String {
    let start = min(max(0, range.utf8Start), bytes.count)
    let end = min(max(start, range.utf8End), bytes.count)
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }

  /// Converts a UTF-8 offset into a position whose column counts `encoding` units. Offsets past a line's content
  /// (inside a `\r\n`) map to the end of that line's content; offsets outside the text are clamped.
  public func position(ofUTF8Offset utf8Offset: Int, in encoding: PositionEncoding) -> TextPosition {
    let offset = min(max(0, utf8Offset), bytes.count)
    let line = line(containingUTF8Offset: offset)
    let content = contentRange(ofLine: line)
    let end = min(offset, content.utf8End)
    return TextPosition(line: line, column: units(from: content.utf8Start, to: end, in: encoding))
  }

  /// `position(ofUTF8Offset:in:)` of a range's two ends; when both are on one line, the line is found once and its
  /// bytes are counted once (the same answer, for the thousands of ranges of a references request).
  public func positions(of range: TextRange, in encoding: PositionEncoding) -> (start: TextPosition, end: TextPosition)
  {
    let startOffset = min(max(0, range.utf8Start), bytes.count)
    let endOffset = min(max(0, range.utf8End), bytes.count)
    let line = line(containingUTF8Offset: startOffset)
    let content = contentRange(ofLine: line)
    guard startOffset <= endOffset, endOffset <= content.utf8End else {
      return (position(ofUTF8Offset: startOffset, in: encoding), position(ofUTF8Offset: endOffset, in: encoding))
    }
    let startEnd = min(startOffset, content.utf8End)
    if encoding == .utf8 {
      return (
        TextPosition(line: line, column: startEnd - content.utf8Start),
        TextPosition(line: line, column: endOffset - content.utf8Start)
      )
    }
    // The scan `units(from:to:in:)` makes from the line's start, read when it reaches the start, then the end.
    var i = content.utf8Start
    var count = 0
    countUnits(from: &i, to: startEnd, in: encoding, into: &count)
    let startColumn = count
    countUnits(from: &i, to: endOffset, in: encoding, into: &count)
    return (TextPosition(line: line, column: startColumn), TextPosition(line: line, column: count))
  }

  /// Converts a position whose column counts `encoding` units into a UTF-8 offset. A line past the end clamps to the
  /// end of the text, a column past the line's end clamps to the end of its content, and a column inside a
  /// character (half a surrogate pair, the middle of a UTF-8 sequence) rounds to the character's start.
  public func utf8Offset(of position: TextPosition, in encoding: PositionEncoding) -> Int {
    if position.line < 0 { return 0 }
    if position.line >= lineStarts.count { return bytes.count }
    let content = contentRange(ofLine: position.line)
    var remaining = max(0, position.column)
    var i = content.utf8Start
    while i < content.utf8End && remaining > 0 {
      let (length, units) = Self.scalarShape(bytes, at: i, encoding: encoding)
      if units > remaining { break }
      remaining -= units
      i += length
    }
    return min(i, content.utf8End)
  }

  /// 1-based line and 1-based column in Unicode scalars, for messages printed to people (`path:line:col`).
  public func oneBasedLineColumn(ofUTF8Offset utf8Offset: Int) -> (line: Int, column: Int) {
    let position = position(ofUTF8Offset: utf8Offset, in: .utf32)
    return (position.line + 1, position.column + 1)
  }

  /// Counts `encoding` units between two UTF-8 offsets on one line.
  public func units(from start: Int, to end: Int, in encoding: PositionEncoding) -> Int {
    if encoding == .utf8 { return max(0, end - start) }
    var count = 0
    var i = start
    countUnits(from: &i, to: end, in: encoding, into: &count)
    return count
  }

  /// Adds to `count` the `encoding` units of the characters from `i` while `i < end`, moving `i` past them (a
  /// character that straddles `end` is counted whole). ASCII bytes take one step each.
  @inline(__always)
  private func countUnits(from i: inout Int, to end: Int, in encoding: PositionEncoding, into count: inout Int) {
    let end = min(end, bytes.count)
    var at = i
    var units = count
    bytes.withUnsafeBufferPointer { buffer in
      while at < end {
        // ASCII, eight bytes at a time: one unit each in every encoding.
        if at + 8 <= end {
          let word = UnsafeRawPointer(buffer.baseAddress! + at).loadUnaligned(as: UInt64.self)
          if word & 0x8080_8080_8080_8080 == 0 {
            units += 8
            at += 8
            continue
          }
        }
        if buffer[at] < 0x80 {
          units += 1
          at += 1
        } else {
          let (length, width) = Self.scalarShape(bytes, at: at, encoding: encoding)
          units += width
          at += length
        }
      }
    }
    i = at
    count = units
  }

  /// The byte length of the (possibly malformed) UTF-8 sequence at `i` and its width in `encoding` units.
  @inline(__always)
  static func scalarShape(_ bytes: [UInt8], at i: Int, encoding: PositionEncoding) -> (length: Int, units: Int) {
    let b = bytes[i]
    let length: Int
    if b < 0x80 {
      length = 1
    } else if b >= 0xF0 {
      length = 4
    } else if b >= 0xE0 {
      length = 3
    } else if b >= 0xC0 {
      length = 2
    } else {
      length = 1
    }
    let clamped = min(length, bytes.count - i)
    switch encoding {
    case .utf8: return (clamped, clamped)
    case .utf16: return (clamped, clamped == 4 ? 2 : 1)
    case .utf32: return (clamped, 1)
    }
  }
}
