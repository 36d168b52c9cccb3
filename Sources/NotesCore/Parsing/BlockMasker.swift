// MARK: - Code blocks and HTML comments

// NOTE: as in CommonMark, a fence or an HTML comment that is never closed runs to the end of the file; fences are
// recognised at any indentation (they often sit inside list items).

/// Blanks out what is not note structure: the front matter, fenced code blocks and HTML comments. The result has the
/// same length as the input, so every offset found in it is an offset into the original text.
enum BlockMasker {
  private static let commentOpen: [UInt8] = Array(ascii: "<!--")
  private static let commentClose: [UInt8] = Array(ascii: "-->")

  /// The masked bytes, and for each line whether it lies in a fenced code block (fence lines included).
  static func mask(_ source: SourceText, lines: [LineSpan], bodyStartLine: Int) -> (bytes: [UInt8], code: [Bool]) {
    var work = source.bytes
    var code = [Bool](repeating: false, count: lines.count)
    let scan = ByteScanner(bytes: source.bytes)
    // NOTE: a byte order mark left at the start of the string (`\u{FEFF}`) reads as indentation, so that a title on
    // the first line is still a heading.
    if work.count >= 3 && work[0] == 0xEF && work[1] == 0xBB && work[2] == 0xBF { blank(&work, 0, 3) }
    var fence: (char: UInt8, count: Int)?
    var inComment = false
    for line in lines {
      if line.number < bodyStartLine {
        blank(&work, line.start, line.end)
        continue
      }
      if let open = fence {
        code[line.number] = true
        blank(&work, line.start, line.end)
        if isClosingFence(scan, line, open) { fence = nil }
        continue
      }
      if !inComment, let open = openingFence(scan, line) {
        code[line.number] = true
        blank(&work, line.start, line.end)
        fence = open
        continue
      }
      // HTML comments, possibly several on one line, possibly spanning lines.
      var i = line.start
      while i < line.end {
        if inComment {
          if let close = scan.find(commentClose, from: i, to: line.end) {
            blank(&work, i, close + 3)
            i = close + 3
            inComment = false
          } else {
            blank(&work, i, line.end)
            i = line.end
          }
        } else if let open = scan.find(commentOpen, from: i, to: line.end) {
          inComment = true
          blank(&work, open, open + 4)
          i = open + 4
        } else {
          i = line.end
        }
      }
    }
    return (work, code)
  }

  @inline(__always) private static func blank(_ work: inout [UInt8], _ start: Int, _ end: Int) {
    var i = start
    while i < end {
      work[i] = 0x20
      i += 1
    }
  }

  /// ```` ``` ```` or `~~~` (three or more) after any indentation. A backtick fence's info string holds no backtick.
  private static func openingFence(_ scan: ByteScanner, _ line: LineSpan) -> (char: UInt8, count: Int)? {
    let s = scan.skipBlanks(line.start, line.end)
    let c = scan[s]
    guard c == UInt8(ascii: "`") || c == UInt8(ascii: "~") else { return nil }
    var i = s
    while i < line.end && scan[i] == c { i += 1 }
    let count = i - s
    guard count >= 3 else { return nil }
    if c == UInt8(ascii: "`") && scan.firstIndex(of: c, from: i, to: line.end) != nil { return nil }
    return (c, count)
  }

  private static func isClosingFence(_ scan: ByteScanner, _ line: LineSpan, _ open: (char: UInt8, count: Int)) -> Bool {
    let s = scan.skipBlanks(line.start, line.end)
    var i = s
    while i < line.end && scan[i] == open.char { i += 1 }
    return i - s >= open.count && scan.skipBlanks(i, line.end) == line.end
  }
}
