import Testing

@testable import NotesCore

@Suite struct FrontMatterAndDateTests {
  @Test func frontMatterTitleAndTags() throws {
    let d = ParserTestSupport.parse(
      "---\ntitle: '2024-06-12'\ntags: [meeting-notes, \"x\"]\n---\n# conda-forge core meeting 2024-06-12 \n")
    let fm = try #require(d.frontMatter)
    #expect(fm.title?.text == "2024-06-12")
    #expect(d.source.text(in: try #require(fm.title).range) == "2024-06-12")
    #expect(fm.tags.map(\.text) == ["meeting-notes", "x"])
    #expect(d.source.text(in: fm.range) == "---\ntitle: '2024-06-12'\ntags: [meeting-notes, \"x\"]\n---")
    #expect(d.title?.text == "conda-forge core meeting 2024-06-12")
    #expect(d.dates.frontMatter?.date.description == "2024-06-12")
    #expect(d.dates.title?.date.description == "2024-06-12")
    #expect(ParserTestSupport.text(d, d.dates.title?.range) == "2024-06-12")
  }

  @Test func tagListAndDateKey() throws {
    let d = ParserTestSupport.parse(
      "---\ntags:\n  - meeting-notes\n  - other\ndate: 2023-03-01\n---\n# Notes\n",
      uri: "/notes/README.md")
    #expect(d.frontMatter?.tags.map(\.text) == ["meeting-notes", "other"])
    #expect(d.dates.frontMatter?.date.description == "2023-03-01")
    #expect(d.kind == .meeting)
  }

  @Test func crlfFrontMatter() throws {
    let d = ParserTestSupport.parse("---\r\ntitle: \"2021-08-25\"\r\ntags:\r\n- meeting-notes\r\n---\r\n# T\r\n")
    let fm = try #require(d.frontMatter)
    #expect(fm.title?.text == "2021-08-25")
    #expect(fm.tags.map(\.text) == ["meeting-notes"])
    #expect(d.source.text(in: fm.range).hasSuffix("---"))
    #expect(d.title?.text == "T")
  }

  @Test func unterminatedFrontMatterIsNotFrontMatter() {
    let d = ParserTestSupport.parse("---\ntitle: x\n# Heading\n- item\n")
    #expect(d.frontMatter == nil)
    #expect(d.title?.text == "Heading")
    #expect(d.items.count == 1)
  }

  @Test func byteOrderMarkBeforeFrontMatter() {
    let d = ParserTestSupport.parse("\u{FEFF}---\ntags: [meeting-notes]\n---\n# 2021-01-26 Conda\n")
    #expect(d.frontMatter?.tags.map(\.text) == ["meeting-notes"])
    #expect(d.title?.text == "2021-01-26 Conda")
  }

  @Test func byteOrderMarkBeforeTitle() {
    let d = ParserTestSupport.parse("\u{FEFF}# 2021-01-26 Conda\n- [ ] (AB) x\n")
    #expect(d.title?.text == "2021-01-26 Conda")
    #expect(d.dates.title?.date.description == "2021-01-26")
  }

  @Test func titleForms() {
    #expect(
      ParserTestSupport.parse("# DRAFT - 2021-01-26 Conda Community Meeting").dates.title?.date.description
        == "2021-01-26")
    let linkFirst = ParserTestSupport.parse(
      "[hackmd](https://hackmd.io/x)\n\n# 2021-07-14 conda-forge core meeting \n# Two")
    #expect(linkFirst.title?.text == "2021-07-14 conda-forge core meeting")
    #expect(ParserTestSupport.parse("# 2019-06-26 core dev meeting\n").title?.text == "2019-06-26 core dev meeting")
    let setext = ParserTestSupport.parse("Meeting 2020-02-02\n===\ntext\n")
    #expect(setext.title?.text == "Meeting 2020-02-02")
    #expect(setext.sections.first?.level == 1)
    #expect(ParserTestSupport.parse("# Meeting 2021/08/25").dates.title?.date.description == "2021-08-25")
    #expect(ParserTestSupport.parse("# Meeting 12/16/2016").dates.title == nil)
    #expect(ParserTestSupport.parse("# Notes, 26 June 2019").dates.title?.date.description == "2019-06-26")
    #expect(ParserTestSupport.parse("# Notes March 3rd, 2020").dates.title?.date.description == "2020-03-03")
    #expect(ParserTestSupport.parse("# Sprint 2021 planning").dates.title == nil)
    let named = ParserTestSupport.parse("# Meeting Jun 26, 2019\n")
    #expect(named.dates.title?.date.description == "2019-06-26")
    #expect(ParserTestSupport.text(named, named.dates.title?.range) == "Jun 26, 2019")
  }

  static let fileNames: [(String, String?)] = [
    ("file:///x/2021-08-25.md", "2021-08-25"), ("file:///x/20230301_agenda_and_minutes.md", "2023-03-01"),
    ("/x/20260107-conda-ecosystem.md", "2026-01-07"), ("file:///x/202001006.md", nil),
    ("file:///x/2021-13-01.md", nil), ("file:///x/2021-02-30.md", nil), ("file:///x/README.md", nil),
    ("file:///x/my%20notes/2020-1-11.md", "2020-01-11"), ("C:\\notes\\2021-08-25.md", "2021-08-25"),
  ]

  @Test(arguments: fileNames) func fileNameDate(_ uri: String, _ expected: String?) {
    let d = NoteParser.parse(uri: uri, text: "")
    #expect(d.dates.fileName?.date.description == expected)
    #expect(d.dates.fileName?.range == nil)
    #expect(d.kind == (expected == nil ? .other : .meeting))
  }

  @Test func uriParts() {
    let d = NoteParser.parse(uri: "file:///home/a%20b/notes/2021%2D08%2D25.md", text: "")
    #expect(d.fileName == "2021-08-25.md")
    #expect(d.folder == "file:///home/a%20b/notes/")
    #expect(d.dates.fileName?.date.description == "2021-08-25")
    let plain = NoteParser.parse(uri: "notes/x%41.md", text: "")
    #expect(plain.fileName == "x%41.md")
    #expect(plain.folder == "notes/")
  }

  @Test func readmeIsNotAMeeting() {
    let d = NoteParser.parse(uri: "file:///notes/README.md", text: "# Meeting notes\n\nOne file per meeting.\n")
    #expect(d.kind == .other)
  }
}

@Suite struct ReferenceAndLinkTests {
  struct Ref: Sendable, CustomTestStringConvertible {
    var text: String
    var refs: [(ProposalKind, Int, String, String)]  // kind, number, token text, number text
    var testDescription: String { text }
  }

  static let refs: [Ref] = [
    Ref(text: "see cfep-12 and cfep-03", refs: [(.cfep, 12, "cfep-12", "12"), (.cfep, 3, "cfep-03", "03")]),
    Ref(
      text: "CFEP-18, CFEP9, CFEP 01",
      refs: [
        (.cfep, 18, "CFEP-18", "18"), (.cfep, 9, "CFEP9", "9"),
        (.cfep, 1, "CFEP 01", "01"),
      ]),
    Ref(
      text: "CEP 17 / CEP-8 / CEP17 / cep-0017.md",
      refs: [
        (.cep, 17, "CEP 17", "17"), (.cep, 8, "CEP-8", "8"),
        (.cep, 17, "CEP17", "17"), (.cep, 17, "cep-0017", "0017"),
      ]),
    Ref(text: "https://github.com/conda-forge/cfep/blob/main/cfep-05.md", refs: [(.cfep, 5, "cfep-05", "05")]),
    Ref(text: "CEPH precept-5 concept 2 ceps/pull/32 CEP 2021 cfep-12a", refs: []),
    Ref(text: "🎉 Rodríguez: CEP-8", refs: [(.cep, 8, "CEP-8", "8")]),
  ]

  @Test(arguments: refs) func references(_ c: Ref) {
    let d = ParserTestSupport.parse(c.text)
    #expect(d.proposalReferences.map(\.kind) == c.refs.map(\.0))
    #expect(d.proposalReferences.map(\.number) == c.refs.map(\.1))
    #expect(d.proposalReferences.map { d.source.text(in: $0.range) } == c.refs.map(\.2))
    #expect(d.proposalReferences.map { d.source.text(in: $0.numberRange) } == c.refs.map(\.3))
  }

  @Test func statedTitles() {
    let d = ParserTestSupport.parse(
      """
      * [cfep-10](https://github.com/conda-forge/cfep/pull/15) Feedstock statuses, unmaintained
      * [CFEP-18](https://x/y): Compiler pins. More text
      * [cfep-04](https://x/z)
      * cfep-05 plain
      ```
      cfep-99 in code
      ```
      """)
    #expect(d.proposalReferences.map(\.number) == [10, 18, 4, 5])
    #expect(
      d.proposalReferences.map { $0.statedTitle?.text } == [
        "Feedstock statuses, unmaintained", "Compiler pins",
        nil, nil,
      ])
  }

  @Test func previousMeetingLinks() {
    let d = ParserTestSupport.parse(
      """
      [last weeks meeting](https://hackmd.io/abc)
      [Last week's meeting](https://hackmd.io/#REPLACE_ME#)
      [last weeks meeting]() None!
      - [Previous meetings](https://conda-forge.org/community/minutes/)
      * [Last Meeting's Agenda and Minutes](https://github.com/x/meetings)
      [Zoom link](https://zoom.us/j/1)
      # Previous meetings
      - 2023-02-15 https://hackmd.io/xyz
      - [2023-02-08](https://hackmd.io/uvw)
      """)
    let links = d.previousMeetingLinks
    #expect(
      links.map { d.source.text(in: $0.range) } == [
        "last weeks meeting", "Last week's meeting",
        "last weeks meeting", "Previous meetings", "Last Meeting's Agenda and Minutes",
        "2023-02-15 https://hackmd.io/xyz",
        "[2023-02-08](https://hackmd.io/uvw)",
      ])
    #expect(
      links.map { $0.target?.text } == [
        "https://hackmd.io/abc", "https://hackmd.io/#REPLACE_ME#", nil,
        "https://conda-forge.org/community/minutes/", "https://github.com/x/meetings", "https://hackmd.io/xyz",
        "https://hackmd.io/uvw",
      ])
    #expect(links.map(\.isPlaceholder) == [false, true, true, false, false, false, false])
  }
}
