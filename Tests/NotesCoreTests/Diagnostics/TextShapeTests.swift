import Testing

@testable import NotesCore

/// The same findings whatever the text's shape: non-ASCII before a marker, CRLF, a BOM, no final newline, tabs, and
/// bytes that are not text at all.
@Suite struct TextShapeTests {
  static let note = """
    # 2024-01-10 Team meeting 🎉

    ## Attendees

    | Name | Initials | GitHub ID | Affiliation |
    | --- | --- | --- | --- |
    | Jaime Rodríguez-Guerra 🎉 | ⟦jrg.⟧ | jaimergp | Quansight |
    | Zoë Ångström | ZA | zoe | Ünïversity |

    ## Action items

    - [ ] (ZA) Rodríguez’s 🎉 item
    - [ ] ⟦Ask Rodríguez 🎉 about it⟧
    - [ ] (ZA) 👥 ✓ fine
    """

  @Test func emojiAndAccentsBeforeMarkers() {
    checkDiagnostics(Self.note, [.initialsMalformed, .actionItemUnowned])
  }

  @Test func crlfLineEnds() {
    checkDiagnostics(Self.note.replacingOccurrences(of: "\n", with: "\r\n"), [.initialsMalformed, .actionItemUnowned])
  }

  @Test func noFinalNewline() {
    checkDiagnostics(
      Self.note + "\n- [ ] ⟦last line without newline⟧",
      [.initialsMalformed, .actionItemUnowned, .actionItemUnowned])
  }

  @Test func tabIndentedItemsInherit() {
    checkDiagnostics(
      """
      # 2024-01-10 Team meeting

      ## Attendees

      - Ann Lee (AL)

      ## Action items

      - [ ] (AL) parent
      \t- [ ] child inherits
      \t\t- [ ] grandchild inherits
      - [ ] ⟦orphan⟧
      \t- [ ] ⟦child of orphan⟧
      """, [.actionItemUnowned, .actionItemUnowned])
  }

  @Test func byteOrderMarkIsDroppedByDecoding() {
    let fixture = DiagnosticFixture(Self.note)
    let decoded = DecodedText(bytes: [0xEF, 0xBB, 0xBF] + Array(fixture.text.utf8))
    #expect(decoded.hadByteOrderMark)
    var ws = NotesWorkspace()
    let document = ws.update(uri: "notes/2024-01-10.md", text: decoded.text)
    let found = ws.diagnostics(for: document, decoded: decoded)
    #expect(found.map(\.code) == [.initialsMalformed, .actionItemUnowned])
    #expect(found.map(\.range) == fixture.ranges)
  }

  @Test func randomBytesGiveOnlyFileFindings() {
    var generator = FuzzRandom(seed: 42)
    for length in [1, 7, 100, 4096] {
      let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
      let decoded = DecodedText(bytes: bytes)
      var ws = NotesWorkspace()
      // An undated name: a dated one would rightly be a meeting note that lists no attendees.
      let document = ws.update(uri: "notes/random.md", text: decoded.text)
      let found = ws.diagnostics(for: document, decoded: decoded)
      #expect(!found.isEmpty)
      #expect(
        found.allSatisfy { $0.code.rawValue.hasPrefix("file.") },
        "\(found.map(\.code)) \(found.map(\.message)) \(decoded.issues)")
      #expect(found.allSatisfy { $0.range.utf8End <= document.source.bytes.count })
    }
  }

  @Test func fileLevelFindings() {
    let empty = DecodedText(bytes: [])
    #expect(FileDiagnostics.diagnostics(empty, source: SourceText(empty.text)).map(\.code) == [.fileEmpty])
    // Latin-1 `é` (0xE9) after `Ren`: the finding covers the character it became.
    let latin = DecodedText(bytes: Array("# Ren".utf8) + [0xE9] + Array(" notes\n".utf8))
    let source = SourceText(latin.text)
    let found = FileDiagnostics.diagnostics(latin, source: source)
    #expect(found.map(\.code) == [.fileNotUTF8])
    #expect(found.first.map { source.text(in: $0.range) } == "é")
    // Every byte of a file that is not UTF-8 is the character of its value, and the first bad byte is found.
    let mixed = DecodedText(bytes: [0x41, 0xC3, 0xA9, 0x80, 0xFF, 0x7F, 0xC3])
    #expect(mixed.text.unicodeScalars.map(\.value) == [0x41, 0xC3, 0xA9, 0x80, 0xFF, 0x7F, 0xC3])
    #expect(mixed.issues == [.notUTF8(firstInvalidUTF8Offset: 3)])
    #expect(
      DecodedText(bytes: [0xEF, 0xBB, 0xBF, 0x41, 0xED, 0xA0, 0x80]).issues == [.notUTF8(firstInvalidUTF8Offset: 4)])
    let binary = DecodedText(bytes: [0x00, 0x01, 0x02, 0x41])
    #expect(FileDiagnostics.diagnostics(binary, source: SourceText(binary.text)).map(\.code).contains(.fileBinary))
    let off = NotesSettings(severities: [.fileEmpty: nil])
    #expect(FileDiagnostics.diagnostics(empty, source: SourceText(""), settings: off).isEmpty)
  }
}
