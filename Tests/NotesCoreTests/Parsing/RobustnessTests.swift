import Testing

@testable import NotesCore

@Suite struct RobustnessTests {
  /// A small deterministic generator (SplitMix64), so that failures reproduce.
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// Random bytes, biased towards Markdown punctuation, decoded as files are.
  @Test func randomBytesGiveValidDocuments() {
    var g = Generator(state: 42)
    let alphabet = Array("#-*+[]()|:@`~<!>\n\r\t 0123456789xXABCcfep_.,".utf8)
    for round in 0..<300 {
      let length = Int(g.next() % 400)
      var bytes: [UInt8] = []
      for _ in 0..<length {
        let r = g.next()
        bytes.append(r % 3 == 0 ? UInt8(truncatingIfNeeded: r >> 8) : alphabet[Int((r >> 8) % UInt64(alphabet.count))])
      }
      let text = DecodedText(bytes: bytes).text
      let d = NoteParser.parse(uri: "file:///n/\(round).md", text: text)
      ParserTestSupport.checkInvariants(d)
    }
  }

  static let edgeCases: [String] = [
    "", "---", "---\n", "---\n---", "#", "# ", "-", "- [", "- [ ", "* [](", "(", "|", "| |\n|-|", "```", "<!--",
    "<!-- -->-->", "\u{FEFF}", "\u{FEFF}# x", "\r\r\r", "\t\t- [ ] (AB", "1.", "1)", "cfep-", "CEP", "[last week](",
    "## Attendees\n|", "## Attendees\n1.", "## Attendees\n* (", "Attendees:", "**Attendees**", "X people total",
    "- [ ] @", "- [ ] @@", "- [ ] (,,,)", "- [ ] :", "- [ ] A:", "- [ ] (A/)", "- [ ] ( / ; & )",
  ]

  @Test(arguments: edgeCases) func edgeCase(_ text: String) {
    ParserTestSupport.checkInvariants(NoteParser.parse(uri: "x.md", text: text))
    ParserTestSupport.checkInvariants(NoteParser.parse(uri: "x.md", text: text + "\n" + text + "\r\n"))
  }

  @Test func longLineAndLargeDocument() {
    let long = String(repeating: "cfep-1 [last week](x) (AB) ", count: 4000)
    let d = NoteParser.parse(uri: "x.md", text: "- [ ] " + long)
    ParserTestSupport.checkInvariants(d)
    #expect(d.proposalReferences.count == 4000)
    var big = "# 2021-08-25 x\n## Attendees\n| Name | Initials |\n|---|---|\n"
    for i in 0..<2000 { big += "| Person \(i) | AB |\n" }
    for i in 0..<20000 { big += "  - [ ] (AB/CD) item \(i) cfep-\(i % 30)\n" }
    let large = NoteParser.parse(uri: "x.md", text: big)
    #expect(large.items.count == 20000)
    #expect(large.attendees?.entries.count == 2000)
    #expect(large.mentions.count == 2000 * 2 + 20000 * 2)
  }

  @Test func latin1DecodedText() {
    let bytes: [UInt8] = Array("# 2021-08-25 Rodr".utf8) + [0xED] + Array("guez\n- [ ] (JRG) x\n".utf8)
    let d = NoteParser.parse(uri: "x.md", text: DecodedText(bytes: bytes).text)
    #expect(d.title?.text == "2021-08-25 Rodríguez")
    #expect(d.items.first?.owners.map(\.text) == ["JRG"])
  }
}
