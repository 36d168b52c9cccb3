/// Text surgery shared by the carry-over code actions and the next meeting: an item's lines, where carried items go,
/// links between notes.
public enum CarryOverText {
  // MARK: - Item blocks

  /// The lines of item `index` and everything nested under it (sub-items, continuation lines), re-indented so the
  /// item starts at column 0, without trailing blank lines; each line ends with `\n`.
  public static func block(ofItem index: Int, in document: NoteDocument) -> String {
    guard document.items.indices.contains(index) else { return "" }
    let item = document.items[index]
    let source = document.source
    let firstLine = source.line(containingUTF8Offset: item.range.utf8Start)
    let headingLines = Set(document.sections.map { source.line(containingUTF8Offset: $0.headingRange.utf8Start) })
    var lines: [String] = [source.lineText(firstLine)]
    var line = firstLine + 1
    while line < source.lineCount {
      let text = source.lineText(line)
      if headingLines.contains(line) { break }
      if isBlank(text) {
        lines.append("")
        line += 1
        continue
      }
      if indentWidth(text) <= item.indent { break }
      lines.append(text)
      line += 1
    }
    while let last = lines.last, isBlank(last) { lines.removeLast() }
    return lines.map { dedent($0, by: item.indent) + "\n" }.joined()
  }

  /// A carried item written afresh from what a summary keeps: `- [ ] (JK) text`.
  public static func line(for item: TrackedItem, marker: String) -> String {
    let owners = item.owners.isEmpty ? "" : "(\(item.owners.joined(separator: "/"))) "
    return "\(marker) [ ] \(owners)\(item.text)\n"
  }

  /// The bullet the note uses for checkbox items (`-` or `*`), `-` when it has none.
  public static func marker(of document: NoteDocument) -> String {
    for item in document.items where item.checkbox != nil {
      switch item.marker {
      case .star: return "*"
      case .plus: return "+"
      default: return "-"
      }
    }
    return "-"
  }

  // MARK: - Where carried items go

  /// Where items carried over from the previous meeting are inserted in `document`, and the text that must wrap them
  /// (a new section when the note has no carry-over section).
  public struct Insertion: Hashable, Sendable {
    /// An empty range to insert at, or the range of a lone empty template item (`- [ ]`) to replace.
    public var range: TextRange
    public var prefix: String
    public var suffix: String
  }

  public static func insertion(in document: NoteDocument) -> Insertion {
    let source = document.source
    let carry = document.sections.indices.filter { document.sections[$0].kind == .carryOver }
    // NOTE: in the conda-forge layout (`Check in on previous action items` › `This meeting` / `Last meeting` /
    // `2 meetings ago`) the items of the last meeting go under `Last meeting`; elsewhere, the first carry-over section.
    let preferred =
      carry.first { index in
        let title = document.sections[index].title.text.lowercased()
        return title.contains("last meeting") || title.contains("previous meeting")
      } ?? carry.first
    if let index = preferred {
      let section = document.sections[index]
      let headingLine = source.line(containingUTF8Offset: section.headingRange.utf8Start)
      var end = section.range.utf8End
      for other in document.sections where other.headingRange.utf8Start > section.headingRange.utf8Start {
        end = min(end, other.headingRange.utf8Start)
        break
      }
      // A lone template item is replaced.
      let own = document.items.filter {
        $0.range.utf8Start > section.headingRange.utf8Start && $0.range.utf8Start < end
      }
      if own.count == 1, own[0].isEmptyTemplate {
        let line = source.line(containingUTF8Offset: own[0].range.utf8Start)
        let start = source.lineStarts[line]
        let lineEnd = line + 1 < source.lineCount ? source.lineStarts[line + 1] : source.bytes.count
        return Insertion(range: TextRange(utf8Start: start, utf8End: lineEnd), prefix: "", suffix: "")
      }
      // After the last non-blank line of the section's own content.
      var line = source.line(containingUTF8Offset: max(section.headingRange.utf8Start, end - 1))
      while line > headingLine && isBlank(source.lineText(line)) { line -= 1 }
      let at = line + 1 < source.lineCount ? source.lineStarts[line + 1] : source.bytes.count
      let needsNewline = at == source.bytes.count && !source.string.hasSuffix("\n") && !source.string.isEmpty
      let prefix = (needsNewline ? "\n" : "") + (line == headingLine ? "\n" : "")
      return Insertion(range: TextRange(utf8Start: at, utf8End: at), prefix: prefix, suffix: "")
    }
    // No carry-over section: a new one before the first section after the attendees (or at the end).
    let level =
      document.sections.first { $0.kind == .attendees }?.level
      ?? document.sections.first { $0.level >= 2 }?.level ?? 2
    let heading = String(repeating: "#", count: max(2, level)) + " From previous meetings\n\n"
    let attendees = document.sections.firstIndex { $0.kind == .attendees }
    let next = document.sections.indices.first { index in
      let section = document.sections[index]
      guard section.level >= 2 else { return false }
      if let attendees { return index > attendees && section.level <= document.sections[attendees].level }
      return true
    }
    if let next {
      let at = document.sections[next].headingRange.utf8Start
      return Insertion(range: TextRange(utf8Start: at, utf8End: at), prefix: heading, suffix: "\n")
    }
    let end = source.bytes.count
    let lead = source.string.isEmpty ? "" : (source.string.hasSuffix("\n") ? "\n" : "\n\n")
    return Insertion(range: TextRange(utf8Start: end, utf8End: end), prefix: lead + heading, suffix: "")
  }

  // MARK: - Links between notes

  /// A relative link from the note at `from` to the note at `to` (URIs or paths): `2024-06-12.md` in the same folder,
  /// `../2023/2023-12-13.md` elsewhere; blanks and parentheses percent-encoded.
  public static func relativeLink(from: String, to: String) -> String {
    var a = from.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    var b = to.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    a.removeLast()
    let file = b.removeLast()
    var common = 0
    while common < a.count && common < b.count && a[common] == b[common] { common += 1 }
    let ups = Array(repeating: "..", count: a.count - common)
    let path = (ups + b[common...] + [file]).joined(separator: "/")
    return encode(path)
  }

  static func encode(_ path: String) -> String {
    var out = ""
    for scalar in path.unicodeScalars {
      switch scalar {
      case " ": out += "%20"
      case "(": out += "%28"
      case ")": out += "%29"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  // MARK: - Lines

  static func isBlank(_ text: String) -> Bool {
    text.unicodeScalars.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\u{A0}" }
  }

  /// Leading white space in columns (a tab counts 4, as the parser counts).
  static func indentWidth(_ text: String) -> Int {
    var width = 0
    for scalar in text.unicodeScalars {
      if scalar == " " { width += 1 } else if scalar == "\t" { width += 4 } else { break }
    }
    return width
  }

  static func dedent(_ text: String, by columns: Int) -> String {
    var remaining = columns
    var scalars = Substring(text).unicodeScalars[...]
    while remaining > 0, let first = scalars.first, first == " " || first == "\t" {
      remaining -= first == "\t" ? 4 : 1
      scalars = scalars.dropFirst()
    }
    return String(String.UnicodeScalarView(scalars))
  }
}
