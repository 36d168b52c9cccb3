import Testing

@testable import NotesCore

@Suite struct SectionTests {
  static let kinds: [(String, SectionKind)] = [
    ("Attendees", .attendees), ("👥 Attendees", .attendees), ("Attendees:", .attendees), ("Attendance", .attendees),
    ("Present", .attendees), ("Attendees in Absentia", .other), ("Presentations", .other),
    ("Meeting attendees", .attendees),
    ("Check in on previous action items", .carryOver), ("Last meeting", .carryOver), ("2 meetings ago", .carryOver),
    ("3 meetings ago", .carryOver), ("Move to Issue Tracker", .carryOver), ("From previous meeting(s)", .carryOver),
    ("From previous meetings", .carryOver), ("Outstanding Items From the Previous Meeting", .carryOver),
    ("Last meeting points (2020-1-11)", .carryOver), ("Stuff from last week that we didn't get to", .carryOver),
    ("New Action items", .actionItems), ("Action items", .actionItems), ("TODOs", .actionItems),
    ("Follow-ups", .actionItems), ("Action points", .actionItems),
    ("Follow up on the budget", .other), ("Attendence", .attendees),
    ("Who's here", .attendees), ("Last week's action items", .carryOver), ("Previous meetings", .previousMeetings),
    ("Agenda", .agenda), ("Your __new__() agenda items", .agenda),
    ("Pushed to next meeting", .agenda), ("Announcements", .agenda), ("Bot", .other), ("", .other),
  ]

  @Test(arguments: kinds) func kind(_ title: String, _ expected: SectionKind) {
    #expect(SectionClassifier.classifyText(title) == expected)
  }

  @Test func carryOverChildrenAndTree() throws {
    let text = """
      # 2020-01-08 conda-forge meeting
      ## Check in on previous action items
      ### Last meeting
      * [ ] (MRB) x
      ### TODOs
      * [ ] y
      ## Agenda
      ### Bot
      text
      """
    let d = ParserTestSupport.parse(text)
    #expect(
      d.sections.map(\.title.text) == [
        "2020-01-08 conda-forge meeting", "Check in on previous action items",
        "Last meeting", "TODOs", "Agenda", "Bot",
      ])
    #expect(d.sections.map(\.parent) == [nil, 0, 1, 1, 0, 4])
    #expect(d.sections.map(\.kind) == [.other, .carryOver, .carryOver, .carryOver, .agenda, .other])
    #expect(d.sections.map(\.level) == [1, 2, 3, 3, 2, 3])
    // A section runs to the line before the next heading of the same or a higher level.
    #expect(d.source.text(in: d.sections[1].range).hasSuffix("* [ ] y"))
    #expect(d.source.text(in: d.sections[5].range) == "### Bot\ntext")
    #expect(d.source.text(in: d.sections[0].range) == text)
    #expect(d.items.map(\.section) == [2, 3])
  }

  @Test func thisMeetingUnderCarryOverHoldsNewActionItems() {
    let d = ParserTestSupport.parse(
      "## Check in on previous action items\n### This meeting TODOs\n* (Eric) x\n### Last meeting\n* [ ] y\n")
    #expect(d.sections.map(\.kind) == [.carryOver, .actionItems, .carryOver])
  }

  @Test func headingsInCodeAndCommentsAreIgnored() {
    let d = ParserTestSupport.parse(
      """
      # Title 2021-08-25
      ```
      # not a heading
      - [ ] not an item
      ```
      ~~~~
      ## nor this
      ~~~~
      <!-- ## hidden
      - [ ] (AB) hidden -->
      <!-- New releases --->
      ## Real
      - [ ] (CD) real <!-- (EF) -->
      #nospace
      """)
    #expect(d.sections.map(\.title.text) == ["Title 2021-08-25", "Real"])
    #expect(d.items.map(d.text(of:)) == ["(CD) real"])
  }

  @Test func unclosedFenceRunsToTheEnd() {
    let d = ParserTestSupport.parse("# T\n```\n## x\n- [ ] y\n")
    #expect(d.sections.count == 1)
    #expect(d.items.isEmpty)
  }

  @Test func closingHashesAndTrailingSpaces() {
    let d = ParserTestSupport.parse("# 2021-08-25 conda-forge core meeting   \n## Attendees ##\n")
    #expect(d.title?.text == "2021-08-25 conda-forge core meeting")
    #expect(d.sections[1].title.text == "Attendees")
  }
}

@Suite struct ListItemTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var line: String
    var marker: ListMarker?
    var state: CheckboxState?
    var content: String
    var empty: Bool = false
    var testDescription: String { line }
  }

  static let cases: [Case] = [
    Case(line: "- [ ] a", marker: .dash, state: .open, content: "a"),
    Case(line: "* [x] a", marker: .star, state: .done, content: "a"),
    Case(line: "+ [X] a", marker: .plus, state: .done, content: "a"),
    Case(line: "1. [ ] a", marker: .ordered, state: .open, content: "a"),
    Case(line: "12) a", marker: .ordered, state: nil, content: "a"),
    Case(line: "- [] a", marker: .dash, state: .malformed, content: "a"),
    Case(line: "- [z] a", marker: .dash, state: .malformed, content: "a"),
    Case(line: "- [-] a", marker: .dash, state: .malformed, content: "a"),
    Case(
      line: "* [](https://x.org/y)https://x.org/y", marker: .star, state: nil,
      content: "[](https://x.org/y)https://x.org/y"),
    Case(line: "- [CJ] Symbol-exporter", marker: .dash, state: nil, content: "[CJ] Symbol-exporter"),
    Case(line: "- [x](https://x.org) link", marker: .dash, state: nil, content: "[x](https://x.org) link"),
    Case(line: "- [ ]", marker: .dash, state: .open, content: "", empty: true),
    Case(line: "- [ ] ()", marker: .dash, state: .open, content: "()", empty: true),
    Case(line: "- [ ] ...", marker: .dash, state: .open, content: "...", empty: true),
    Case(line: "- [ ] …", marker: .dash, state: .open, content: "…", empty: true),
    Case(line: "-", marker: .dash, state: nil, content: ""),
    Case(line: "\t- [ ] tabbed", marker: .dash, state: .open, content: "tabbed"),
    Case(line: "[ ] Eric to take over", marker: .bare, state: .open, content: "Eric to take over"),
    Case(line: "[x] (MRB) languages", marker: .bare, state: .done, content: "(MRB) languages"),
    Case(line: "[1] a reference", marker: nil, state: nil, content: ""),
    Case(line: "[x](https://x.org) link", marker: nil, state: nil, content: ""),
    Case(line: "***", marker: nil, state: nil, content: ""),
    Case(line: "- - -", marker: nil, state: nil, content: ""),
    Case(line: "**bold**", marker: nil, state: nil, content: ""),
    Case(line: "2021-12-01", marker: nil, state: nil, content: ""),
    Case(line: "1.5 million", marker: nil, state: nil, content: ""),
  ]

  @Test(arguments: cases) func item(_ c: Case) {
    let d = ParserTestSupport.parse(c.line)
    guard let marker = c.marker else {
      #expect(d.items.isEmpty)
      return
    }
    #expect(d.items.count == 1)
    guard let item = d.items.first else { return }
    #expect(item.marker == marker)
    #expect(item.checkbox?.state == c.state)
    #expect(d.text(of: item) == c.content)
    #expect(item.isEmptyTemplate == c.empty)
    #expect(d.source.text(in: item.range) == c.line.trimmingPrefix(while: { $0 == "\t" }).description)
  }

  @Test func nestingByIndentationWithTabsBlankLinesAndHeadings() {
    let d = ParserTestSupport.parse(
      "# T\n* a\n    * b\n\t\t* c\n\n    * d\n* e\n  continuation\nparagraph\n  * f\n## H\n  * g\n")
    #expect(d.items.map(d.text(of:)) == ["a", "b", "c", "d", "e", "f", "g"])
    #expect(d.items.map(\.indent) == [0, 4, 8, 4, 0, 2, 2])
    #expect(d.items.map(\.parent) == [nil, 0, 1, 0, nil, nil, nil])
    #expect(d.items.map(\.section) == [0, 0, 0, 0, 0, 0, 1])
  }

  @Test func crlfRangesExcludeCarriageReturns() {
    let d = ParserTestSupport.parse("# 2021-08-25 T\r\n\r\n- [ ] (AB) x\r\n  - y\r\n")
    #expect(d.title?.text == "2021-08-25 T")
    #expect(d.items.map(d.text(of:)) == ["(AB) x", "y"])
    #expect(d.source.text(in: d.items[0].range) == "- [ ] (AB) x")
    #expect(d.items[1].parent == 0)
    #expect(d.items[0].owners.map(\.text) == ["AB"])
  }

  @Test func noFinalNewline() {
    let d = ParserTestSupport.parse("# T\n- [x] (AB) done")
    #expect(d.source.text(in: d.items[0].range) == "- [x] (AB) done")
  }
}
