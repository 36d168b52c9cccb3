import Testing

@testable import NotesCore

/// Attendee cells and handles are cleaned on their UTF-8 bytes; the text must be what cleaning them scalar by scalar and
/// character by character gives, byte for byte.
@Suite struct CellCleaningTests {
  /// The cleaning by characters, as `PersonIdentity` did before it read bytes.
  static func cleanedByCharacters(_ raw: String) -> String {
    var text = raw.trimmingBlanks()
    while let first = text.first, first == "*" || first == "_" || first == "`" { text.removeFirst() }
    while let last = text.last, last == "*" || last == "_" || last == "`" { text.removeLast() }
    text = text.trimmingBlanks()
    return NameMatching.isPlaceholder(text) ? "" : text
  }

  /// `PersonIdentity`: blanks, NBSP and BOM trimmed, emphasis marks stripped, placeholders emptied.
  @Test(arguments: [
    "Quansight", "  **Quansight**  ", "\u{A0}Anaconda\u{A0}", "\u{FEFF}NVIDIA ", "_Zoë_", "`José`", "José*",
    "*\u{301}accent first", "accent last*\u{301}", "Ørsted 😀**", "** \u{A0}spaced\u{A0} **", "***", "  ", "", "TBD",
    "**n/a**", "\u{A0}", "*😀*", "a\u{308}_", "_\u{200B}zero width_", "\tTabs\t", "\r\nLine\r\n", "x", "é", "*é",
    "__init__", "`code` and `more`", "日本語*", "*日本語", "?", "…",
  ])
  func cleansAsCharactersDo(_ cell: String) {
    let attendee = Attendee(
      name: nil, initials: nil, github: nil, affiliation: Span(text: cell, range: TextRange(utf8Start: 0, utf8End: 0)),
      range: TextRange(utf8Start: 0, utf8End: 0))
    let cleaned = PersonIdentity(attendee).affiliation
    #expect(Array(cleaned.utf8) == Array(Self.cleanedByCharacters(cell).utf8), "cell \(cell.debugDescription)")
  }

  /// `NameMatching.handleKey` as it read scalars before its byte path.
  static func handleKeyByScalars(_ handle: String) -> String? {
    var text = handle.trimmingBlanks()
    while text.hasPrefix("@") { text.removeFirst() }
    text = text.trimmingBlanks().lowercased()
    guard !text.isEmpty, !NameMatching.isPlaceholder(text) else { return nil }
    for scalar in text.unicodeScalars {
      let ok = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
      if !ok { return nil }
    }
    return text
  }

  @Test(arguments: [
    "jakirkham", "@jakirkham", "@@JaKirkham ", " \u{A0}@ocefpaf\u{FEFF}", "@ beckermr", "@ @twice", "@@ x",
    "jaime-rg_2", "TBD", "@tbd", "n/a", "xx", "???", "", "@", "  ", "\u{212A}elvin", "İnci", "@\u{301}accent",
    "@\u{A0}nbsp", "jaime.rg", "jaime rg",
    "josé", "github.com/jakirkham", "[@jakirkham](https://github.com/jakirkham)", "UPPER", "a\u{308}", "@😀",
  ])
  func handleKeysAsScalarsDo(_ handle: String) {
    #expect(
      NameMatching.handleKey(handle).map { Array($0.utf8) } == Self.handleKeyByScalars(handle).map { Array($0.utf8) },
      "handle \(handle.debugDescription)")
  }
}
