import Testing

@testable import NotesCore

/// `PersonIdentity` cleans a cell on its UTF-8 bytes; the text must be what cleaning it character by character gives
/// (blanks, NBSP and BOM trimmed, emphasis marks stripped, placeholders emptied), byte for byte.
@Suite struct PersonIdentityCleaningTests {
  /// The cleaning by characters, as `PersonIdentity` did before it read bytes.
  static func cleanedByCharacters(_ raw: String) -> String {
    var text = raw.trimmingBlanks()
    while let first = text.first, first == "*" || first == "_" || first == "`" { text.removeFirst() }
    while let last = text.last, last == "*" || last == "_" || last == "`" { text.removeLast() }
    text = text.trimmingBlanks()
    return NameMatching.isPlaceholder(text) ? "" : text
  }

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
}
