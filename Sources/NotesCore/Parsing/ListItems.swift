// MARK: - List items

/// A list marker found at the start of a line.
struct ListMarkerLine {
  var indent: Int
  var marker: ListMarker
  var markerStart: Int
  /// Just after the marker and the blanks that follow it.
  var contentStart: Int
}

enum ListItemParser {
  /// `-`, `*`, `+`, `1.` or `1)` followed by a blank or the end of the line; thematic breaks (`***`, `- - -`) are not
  /// items.
  static func marker(_ scan: ByteScanner, _ line: LineSpan) -> ListMarkerLine? {
    let (indent, first) = scan.indentation(line)
    guard first < line.end else { return nil }
    let b = scan[first]
    var after: Int
    let marker: ListMarker
    switch b {
    case UInt8(ascii: "-"):
      marker = .dash
      after = first + 1
    case UInt8(ascii: "*"):
      marker = .star
      after = first + 1
    case UInt8(ascii: "+"):
      marker = .plus
      after = first + 1
    case UInt8(ascii: "["):
      // NOTE: `[ ] Eric to …` at the start of a line, with no bullet, is read as an item (marker `.bare`).
      // Only real marks count here: `[1] reference` is not an item.
      guard let box = checkbox(scan, at: first, end: line.end), box.state != .malformed || box.range.utf8Length == 2
      else { return nil }
      return ListMarkerLine(indent: indent, marker: .bare, markerStart: first, contentStart: first)
    default:
      guard let (_, end) = scan.digits(at: first, end: line.end), end - first <= 9 else { return nil }
      let d = scan[end]
      guard d == UInt8(ascii: ".") || d == UInt8(ascii: ")") else { return nil }
      marker = .ordered
      after = end + 1
    }
    guard after == line.end || ASCII.isBlank(scan[after]) else { return nil }
    if marker != .ordered && marker != .plus && isThematicBreak(scan, line, b) { return nil }
    after = scan.skipBlanks(after, line.end)
    return ListMarkerLine(indent: indent, marker: marker, markerStart: first, contentStart: after)
  }

  static func isThematicBreak(_ scan: ByteScanner, _ line: LineSpan, _ c: UInt8) -> Bool {
    var count = 0
    var i = line.start
    while i < line.end {
      let b = scan[i]
      if b == c {
        count += 1
      } else if !ASCII.isBlank(b) {
        return false
      }
      i += 1
    }
    return count >= 3
  }

  /// `[ ]`, `[x]`, `[X]` and the malformed `[]`, `[z]`, `[-]` at `i`. A link (`[](url)`, `[x](url)`) is not one.
  static func checkbox(_ scan: ByteScanner, at i: Int, end: Int) -> Checkbox? {
    guard i < end, scan[i] == UInt8(ascii: "[") else { return nil }
    if i + 1 < end && scan[i + 1] == UInt8(ascii: "]") {
      guard !isLinkContinuation(scan, i + 2, end) else { return nil }
      return Checkbox(state: .malformed, range: TextRange(utf8Start: i, utf8End: i + 2))
    }
    guard i + 2 < end, scan[i + 2] == UInt8(ascii: "]"), !isLinkContinuation(scan, i + 3, end) else { return nil }
    let c = scan[i + 1]
    let state: CheckboxState
    switch c {
    case UInt8(ascii: " "): state = .open
    case UInt8(ascii: "x"), UInt8(ascii: "X"): state = .done
    default:
      guard c < 0x80, c > 0x20 else { return nil }
      state = .malformed
    }
    return Checkbox(state: state, range: TextRange(utf8Start: i, utf8End: i + 3))
  }

  @inline(__always) private static func isLinkContinuation(_ scan: ByteScanner, _ i: Int, _ end: Int) -> Bool {
    i < end && (scan[i] == UInt8(ascii: "(") || scan[i] == UInt8(ascii: "[") || scan[i] == UInt8(ascii: ":"))
  }

  /// `- [ ]`, `- [ ] ()`, `- [ ] ...`, `- [ ] …`: a checkbox with nothing in it.
  static func isEmptyTemplate(_ content: String) -> Bool {
    ["", "()", "( )", "...", "…", "..", "-"].contains(content)
  }
}
