// MARK: - Front matter

/// What the front matter holds beyond `FrontMatter`: where the body starts and the `date:` key.
struct FrontMatterResult {
  var frontMatter: FrontMatter
  /// The first line after the closing fence.
  var bodyStartLine: Int
  /// `date:` value, when it holds a date.
  var date: Span?
}

enum FrontMatterParser {
  private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// Reads `---` … `---` (or `...`) at the very top of the text. An unterminated block is not front matter.
  static func parse(_ scan: ByteScanner, lines: [LineSpan]) -> FrontMatterResult? {
    guard let first = lines.first else { return nil }
    var start = first.start
    // NOTE: a byte order mark left in the string (`\u{FEFF}`) must not hide the front matter.
    if scan[0] == bom[0] && scan[1] == bom[1] && scan[2] == bom[2] { start = 3 }
    guard isFence(scan, start, first.end, dashes: true) else { return nil }
    var closing: Int?
    var n = 1
    while n < lines.count {
      let line = lines[n]
      if isFence(scan, line.start, line.end, dashes: true) || isFence(scan, line.start, line.end, dashes: false) {
        closing = n
        break
      }
      n += 1
    }
    guard let close = closing else { return nil }
    var title: Span?
    var date: Span?
    var tags: [Span] = []
    var inTags = false
    for k in 1..<close {
      let line = lines[k]
      let (s, e) = scan.trim(line.start, line.end)
      if s >= e { continue }
      let indented = s > line.start
      if inTags && scan[s] == UInt8(ascii: "-") && (s + 1 == e || ASCII.isBlank(scan[s + 1])) {
        if let tag = unquoted(scan, s + 1, e) { tags.append(tag) }
        continue
      }
      inTags = false
      if indented { continue }
      guard let colon = scan.firstIndex(of: UInt8(ascii: ":"), from: s, to: e) else { continue }
      let key = scan.string(s, colon).lowercased()
      switch key {
      case "title":
        title = unquoted(scan, colon + 1, e)
      case "date":
        date = unquoted(scan, colon + 1, e)
      case "tags", "tag":
        let (vs, ve) = scan.trim(colon + 1, e)
        if vs >= ve {
          inTags = true
        } else if scan[vs] == UInt8(ascii: "[") {
          var close = ve
          if scan[ve - 1] == UInt8(ascii: "]") { close = ve - 1 }
          var itemStart = vs + 1
          var i = vs + 1
          while i <= close {
            if i == close || scan[i] == UInt8(ascii: ",") {
              if let tag = unquoted(scan, itemStart, i) { tags.append(tag) }
              itemStart = i + 1
            }
            i += 1
          }
        } else if let tag = unquoted(scan, vs, ve) {
          tags.append(tag)
        }
      default:
        break
      }
    }
    let range = TextRange(utf8Start: first.start, utf8End: lines[close].end)
    return FrontMatterResult(
      frontMatter: FrontMatter(range: range, title: title, tags: tags), bodyStartLine: close + 1, date: date)
  }

  /// `---` (or `...` when `dashes` is false) alone on a line, trailing blanks allowed.
  private static func isFence(_ scan: ByteScanner, _ start: Int, _ end: Int, dashes: Bool) -> Bool {
    let (s, e) = scan.trim(start, end)
    guard s == start, e - s == 3 else { return false }
    let c = UInt8(ascii: dashes ? "-" : ".")
    return scan[s] == c && scan[s + 1] == c && scan[s + 2] == c
  }

  /// A YAML scalar with surrounding quotes removed.
  private static func unquoted(_ scan: ByteScanner, _ start: Int, _ end: Int) -> Span? {
    var (s, e) = scan.trim(start, end)
    if e - s >= 2 {
      let q = scan[s]
      if (q == UInt8(ascii: "'") || q == UInt8(ascii: "\"")) && scan[e - 1] == q {
        s += 1
        e -= 1
      }
    }
    return scan.span(s, e)
  }
}
