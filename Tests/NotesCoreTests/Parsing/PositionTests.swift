import Testing

@testable import NotesCore

@Suite struct PositionTests {
  /// A token after emoji and accents: its range must land on the right column in every encoding.
  @Test func ownerRangeAfterEmojiAndAccents() throws {
    let line = "- [ ] 🎉 Rodríguez — (JRG) not an owner group"
    let d = ParserTestSupport.parse("# T\n" + line + "\n- [ ] (JRG) 🎉 Rodríguez\n🎉 Rodríguez cfep-10\n")
    #expect(d.items[0].owners.isEmpty)
    let owner = try #require(d.items[1].owners.first)
    #expect(d.source.text(in: owner.range) == "JRG")
    let ref = try #require(d.proposalReferences.first)
    #expect(d.source.text(in: ref.range) == "cfep-10")
    // `🎉 Rodríguez ` is 1 emoji (4 bytes, 2 utf-16 units, 1 scalar) + space + 9 scalars (í is 2 bytes) + space.
    #expect(d.source.position(ofUTF8Offset: ref.range.utf8Start, in: .utf8) == TextPosition(line: 3, column: 16))
    #expect(d.source.position(ofUTF8Offset: ref.range.utf8Start, in: .utf16) == TextPosition(line: 3, column: 13))
    #expect(d.source.position(ofUTF8Offset: ref.range.utf8Start, in: .utf32) == TextPosition(line: 3, column: 12))
    #expect(d.source.position(ofUTF8Offset: ref.range.utf8End, in: .utf16) == TextPosition(line: 3, column: 20))
  }

  @Test func attendeeRangesAfterNonASCII() throws {
    let d = ParserTestSupport.parse("## 👥 Attendees\n1. JRG: Jaime Rodríguez-Guerra (@jaimergp), Quansight\n")
    #expect(d.sections[0].kind == .attendees)
    let e = try #require(d.attendees?.entries.first)
    #expect(d.source.text(in: try #require(e.github).range) == "jaimergp")
    let start = try #require(e.github).range.utf8Start
    #expect(d.source.position(ofUTF8Offset: start, in: .utf16) == TextPosition(line: 1, column: 33))
    #expect(d.source.position(ofUTF8Offset: start, in: .utf8) == TextPosition(line: 1, column: 34))
  }

  static let texts: [String] = [
    "a🎉b\r\nRodríguez\rx\n\n", "", "\n", "\r", "\r\n", "no newline ü", "👩‍👩‍👧 family\r\r\n", "\u{FEFF}bom",
  ]

  /// Every offset at a scalar boundary survives offset → position → offset in every encoding.
  @Test(arguments: texts) func sourceTextRoundTrips(_ text: String) {
    let source = SourceText(text)
    var boundaries: [Int] = []
    var offset = 0
    for scalar in text.unicodeScalars {
      boundaries.append(offset)
      offset += String(scalar).utf8.count
    }
    boundaries.append(offset)
    for encoding in PositionEncoding.allCases {
      for b in boundaries {
        let p = source.position(ofUTF8Offset: b, in: encoding)
        let back = source.utf8Offset(of: p, in: encoding)
        // Offsets inside a line terminator map to the end of the line's content.
        let content = source.contentRange(ofLine: p.line)
        #expect(back == min(b, content.utf8End), "\(encoding) \(b)")
      }
    }
    #expect(source.lineCount == text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count)
  }

  /// `positions(of:in:)` (one scan for a range on one line) is `position(ofUTF8Offset:in:)` of each end, for every pair
  /// of offsets (inside characters, in line terminators, reversed and out of the text included) in every encoding.
  @Test(arguments: texts + ["- [ ] (JRG) 🎉 Rodríguez\n  * (IF) ü\r\n"]) func rangePositionsAreEachEndsPosition(
    _ text: String
  ) {
    let source = SourceText(text)
    let offsets = Array(-1...(source.bytes.count + 1))
    for encoding in PositionEncoding.allCases {
      for start in offsets {
        for end in offsets {
          let range = TextRange(utf8Start: start, utf8End: end)  // An end before the start is the start.
          let (a, b) = source.positions(of: range, in: encoding)
          #expect(a == source.position(ofUTF8Offset: range.utf8Start, in: encoding), "\(encoding) \(start) \(end)")
          #expect(b == source.position(ofUTF8Offset: range.utf8End, in: encoding), "\(encoding) \(start) \(end)")
        }
      }
    }
  }

  /// Ranges keep their offsets in 32 bits: every offset a note can have survives, an end before the start is the start,
  /// and an offset past 2 GiB (no note reaches one) is clamped rather than wrapped.
  @Test func rangesKeepEveryOffsetANoteCanHave() {
    for (start, end) in [(0, 0), (3, 17), (10_485_760, 10_485_761), (Int(Int32.max) - 1, Int(Int32.max))] {
      let range = TextRange(utf8Start: start, utf8End: end)
      #expect((range.utf8Start, range.utf8End, range.utf8Length) == (start, end, end - start))
    }
    #expect(TextRange(utf8Start: 9, utf8End: 4) == TextRange(utf8Start: 9, utf8End: 9))
    var moved = TextRange(utf8Start: 2, utf8End: 5)
    moved.utf8End += 1_000
    #expect(moved.utf8End == 1_005 && moved.utf8Start == 2)
    #expect(TextRange(utf8Start: 0, utf8End: Int(Int32.max) + 10).utf8End == Int(Int32.max))
    #expect(TextRange(utf8Start: 1, utf8End: 2) < TextRange(utf8Start: 1, utf8End: 3))
  }
}
