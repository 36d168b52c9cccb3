import Foundation
import Testing

@testable import NotesCore

/// The text helpers that read UTF-8 bytes on hot paths give what the scalar and `String` versions they replaced gave,
/// byte for byte: trimming an item's text, an item's text without its owners, placeholder links, binary sniffing.
@Suite struct TextBytePathTests {
  static let texts = [
    "", " ", "\u{A0}", "\u{FEFF}x\u{FEFF}", "  (JK) check the Azure workers \t", "\u{A0}\u{A0}naïve café\u{A0}",
    "\r\n- [ ] x\r\n", "🎉", " 🎉 ", "a\u{308} ", "\u{2003}em space\u{2003}", "\n\t\u{A0} mixed \u{A0}\t\n",
  ]

  /// `ItemText.trimmed` as it trimmed scalars.
  static func trimmedByScalars(_ text: String) -> String {
    let scalars = Array(text.unicodeScalars)
    func blank(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\u{A0}" || s == "\n" || s == "\r" }
    guard let first = scalars.firstIndex(where: { !blank($0) }), let last = scalars.lastIndex(where: { !blank($0) })
    else { return "" }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[first...last])
    return String(view)
  }

  @Test(arguments: texts) func trimmingIsByScalars(_ text: String) {
    #expect(Array(ItemText.trimmed(text).utf8) == Array(Self.trimmedByScalars(text).utf8), "\(text.debugDescription)")
  }

  /// `TrackedItem.contentWithoutOwners` as it was written with copies and `trimmingBlanks()`.
  static func withoutOwnersByCopies(_ item: ListItem, in document: NoteDocument) -> String {
    let content = item.contentRange
    guard !item.owners.isEmpty, !item.owners.contains(where: { $0.form == .prose }) else {
      return document.text(of: item)
    }
    let cuts = item.owners.map(\.range).filter { $0.utf8Start >= content.utf8Start && $0.utf8End <= content.utf8End }
      .sorted()
    guard !cuts.isEmpty else { return document.text(of: item) }
    let bytes = document.source.bytes
    let end = min(content.utf8End, bytes.count)
    var kept: [UInt8] = []
    var position = min(content.utf8Start, end)
    for cut in cuts where cut.utf8Start >= position {
      kept.append(contentsOf: bytes[position..<min(cut.utf8Start, end)])
      position = min(cut.utf8End, end)
    }
    kept.append(contentsOf: bytes[position..<end])
    var cleaned: [UInt8] = []
    var i = 0
    while i < kept.count {
      if i + 1 < kept.count, (kept[i] == 0x28 && kept[i + 1] == 0x29) || (kept[i] == 0x5B && kept[i + 1] == 0x5D) {
        i += 2
        continue
      }
      cleaned.append(kept[i])
      i += 1
    }
    func skip(_ b: UInt8) -> Bool { b == 0x3A || b == 0x3B || b == 0x2C || b == 0x2F || b == 0x20 || b == 0x09 }
    let start = cleaned.firstIndex { !skip($0) } ?? cleaned.count
    return String(decoding: cleaned[start...], as: UTF8.self).trimmingBlanks()
  }

  /// Every item of every corpus note, and items written to test the edges (owners in brackets, NBSP, BOM).
  @Test func itemTextWithoutOwnersIsTheCopiesText() throws {
    let edges = """
      - [ ] (JK) \u{A0}check the workers\u{A0}
      - [ ] [MRB]: \u{FEFF}pinning\u{FEFF}
      - [ ] (JK/IF) ; , / 🎉 emoji first
      - [x] JRG: new schedule (JRG) twice
      - [ ] (AØ) naïve café
      """
    var documents = [NoteParser.parse(uri: "file:///notes/2024-01-10.md", text: edges)]
    documents += try ParserTestSupport.corpusNotes().map {
      NoteParser.parse(uri: "file:///corpus/\($0.folder)/\($0.name)", text: $0.text)
    }
    var compared = 0
    for document in documents {
      for item in document.items {
        let expected = Self.withoutOwnersByCopies(item, in: document)
        #expect(
          Array(TrackedItem.contentWithoutOwners(item, in: document).utf8) == Array(expected.utf8),
          "\(document.uri) \(document.text(of: item))")
        compared += 1
      }
    }
    #expect(compared > 1000)
  }

  @Test(arguments: [
    "#", "##", "https://hackmd.io/REPLACE_ME", "https://hackmd.io/#Replace-Me", "https://x/replace_me?edit", "",
    "https://hackmd.io/abc", "https://hackmd.io/rEpLaCe_mE", "https://x/ŘEPLACE_ME", "https://x/replace_mé",
    "https://x/REPLACE—ME", "replace_me",
  ])
  func placeholderLinksAsLowercasedTextSays(_ url: String) {
    let lower = url.lowercased()
    #expect(
      PreviousMeetingLinkParser.isPlaceholderTarget(url)
        == (lower.contains("replace_me") || lower == "#" || lower.contains("replace-me")))
    #expect(PreviousMeetingLinkParser.containsReplaceMe(url, dashed: false) == lower.contains("replace_me"))
  }

  /// Both verdicts, at the edges: a NUL after eight text bytes, control characters just over and just under 10%.
  @Test func binarySniffingSeesBothKinds() {
    #expect(DecodedText.looksBinary(Array("abcdefgh".utf8) + [0]))
    #expect(DecodedText.looksBinary(Array(repeating: 0x61, count: 17) + [0x01, 0x02]))
    #expect(!DecodedText.looksBinary(Array(repeating: 0x61, count: 18) + [0x01, 0x02]))
    #expect(!DecodedText.looksBinary(Array("line one\r\nline two\n\tand a tab\u{0C}".utf8)))
  }

  /// Binary sniffing, eight bytes at a time, as a byte loop says: NUL anywhere in the first 8 KiB, or more than 10%
  /// control characters there.
  @Test(arguments: 0..<40) func binarySniffingIsTheByteLoops(_ seed: Int) {
    var state = UInt64(seed) &+ 1
    func next() -> UInt8 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(truncatingIfNeeded: state >> 40)
    }
    let alphabet: [UInt8] = [0x00, 0x01, 0x07, 0x09, 0x0A, 0x0C, 0x0D, 0x1B, 0x1F, 0x20, 0x41, 0x7F, 0x80, 0xC3, 0xFF]
    let length = Int(next()) * (seed % 5 == 0 ? 40 : 3)
    // Mostly text with a few bytes from the edges of the control range, more of them in some seeds.
    let bytes = (0..<length).map { _ in
      next() % UInt8(2 + seed % 7) == 0 ? alphabet[Int(next()) % alphabet.count] : 0x61
    }
    let sample = bytes.prefix(8192)
    let expected =
      !sample.isEmpty
      && (sample.contains(0)
        || sample.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x0C }.count * 10 > sample.count)
    #expect(DecodedText.looksBinary(bytes) == expected, "seed \(seed)")
  }
}
