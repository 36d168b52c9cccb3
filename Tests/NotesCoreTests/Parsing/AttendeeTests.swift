import Testing

@testable import NotesCore

@Suite struct AttendeeTests {
  typealias Row = (name: String?, initials: String?, github: String?, affiliation: String?)

  func rows(_ d: NoteDocument) -> [String] {
    (d.attendees?.entries ?? []).map { e in
      [e.name, e.initials, e.github, e.affiliation].map { $0?.text ?? "-" }.joined(separator: "|")
    }
  }

  @Test func condaForgeTable() throws {
    let d = ParserTestSupport.parse(
      """
      # 2022-04-20 x
      ## Attendees

      | Name               | Initials | GitHub ID       | Affiliation                 |
      | ------------------ | -------- | --------------  | --------------------------- |
      | Daniel Ching       | DJC      | carterbox       | Argonne National Laboratory |
      | Jaime Rodríguez-G. | JRG      | @jaimergp       | Quansight                   |
      | Jon Velando | JV | rigzba21 | IC |
      | Michael Grant | mcg | mcg1969 |
      |                    |          |                 |                             |
      | XXXX               | XX       | XXXX            | XXXX                        |

      18 people total.

      ### Standing items
      """)
    let list = try #require(d.attendees)
    #expect(list.form == .table)
    #expect(list.section == 1)
    #expect(list.columns == [.name, .initials, .github, .affiliation])
    #expect(
      rows(d) == [
        "Daniel Ching|DJC|carterbox|Argonne National Laboratory", "Jaime Rodríguez-G.|JRG|jaimergp|Quansight",
        "Jon Velando|JV|rigzba21|IC", "Michael Grant|mcg|mcg1969|-",
      ])
    #expect(list.placeholderRows.count == 2)
    #expect(ParserTestSupport.text(d, list.headerRange)?.hasPrefix("| Name") == true)
    #expect(d.source.text(in: list.range).hasSuffix("| XXXX                        |"))
    #expect(d.headcounts.map(\.count) == [18])
    #expect(d.source.text(in: d.headcounts[0].numberRange) == "18")
    // The handle's range excludes `@`.
    #expect(d.source.text(in: try #require(list.entries[1].github).range) == "jaimergp")
    let initials = d.mentions.filter { $0.role == .attendee(.initials) }
    #expect(initials.map(\.kind) == [.initials, .initials, .initials, .malformedInitials])
    #expect(d.mentions.count == 12)
  }

  @Test func condaTableWithSwappedColumnsAndAliases() {
    let d = ParserTestSupport.parse(
      """
      ## Attendees
      | Name | Initials | Affiliation | GH Username |
      | ---- | -------- |------------ | -------- |
      |  CJ Wright    |   CJ       |   Lab49          |   @cj-wright       |
      """)
    #expect(rows(d) == ["CJ Wright|CJ|cj-wright|Lab49"])
    let grant = ParserTestSupport.parse(
      "## Attendees\n| Full name | Github handle | Organization |\n|---|---|---|\n| Ann Lee | annlee | Org |\n")
    #expect(grant.attendees?.columns == [.name, .github, .affiliation])
    #expect(rows(grant) == ["Ann Lee|-|annlee|Org"])
  }

  @Test func bulletLists() {
    let d = ParserTestSupport.parse(
      """
      # Attendees
      * Matthew R Becker (MRB) (beckermr)
      - John Kirkham (jakirkham)
      * Filipe
      * Eric Dill (EDD) gh: ericdill
      * CJ
      * John K.
      *   [Phil Elson](https://hackpad.com/ep/profile/x)
      * Jonathan, Phil, John
          * nested note
      * Bill Batey BB @lumbrefrio
      * Crystal Soja CAS
      """)
    #expect(d.attendees?.form == .bulletList)
    #expect(
      rows(d) == [
        "Matthew R Becker|MRB|beckermr|-", "John Kirkham|-|jakirkham|-", "Filipe|-|-|-",
        "Eric Dill|EDD|ericdill|-", "-|CJ|-|-", "John K.|-|-|-", "Phil Elson|-|-|-", "Jonathan|-|-|-", "Phil|-|-|-",
        "John|-|-|-", "Bill Batey|BB|lumbrefrio|-", "Crystal Soja|CAS|-|-",
      ])
  }

  @Test func templateLegendAndBareHandles() {
    let d = ParserTestSupport.parse(
      """
      ## Attendees

      * **Name (Initials) (githubid)**
      * Megan C. Yancy (MCY) myancy-anaconda
      * **Paul Ivanov** (PI)
      """)
    #expect(rows(d) == ["Megan C. Yancy|MCY|myancy-anaconda|-", "Paul Ivanov|PI|-|-"])
    #expect(d.attendees?.placeholderRows.count == 1)
  }

  @Test func orderedLists2026() {
    let d = ParserTestSupport.parse(
      """
      ## Attendees

      <!-- Use this syntax:
      * SD: Sam Doe (@samdoe), Company
      -->

      1. JRG: Jaime Rodríguez-Guerra (@jaimergp), Quansight, CF/C, C/SC
      2. WV, Wolf Vollprecht, (@wolfv), Prefix.dev, conda-forge/core
      3. Cheng H. Lee (@chenghlee), Anaconda
      1. ...
      10.
      """)
    #expect(d.attendees?.form == .orderedList)
    #expect(
      rows(d) == [
        "Jaime Rodríguez-Guerra|JRG|jaimergp|Quansight", "Wolf Vollprecht|WV|wolfv|Prefix.dev",
        "Cheng H. Lee|-|chenghlee|Anaconda",
      ])
    #expect(d.attendees?.placeholderRows.count == 2)
    // The people listed are attendees, not owners of the list items.
    #expect(d.items.allSatisfy { $0.owners.isEmpty })
    #expect(d.mentions.allSatisfy { $0.role != .owner })
  }

  @Test func inlineAndLabelForms() {
    let inline = ParserTestSupport.parse("# 2016-05-09\nAttendees: Michael Sarahan, Ray Donnelly, Kale Franz\n")
    #expect(inline.attendees?.form == .inline)
    #expect(inline.attendees?.section == nil)
    #expect(rows(inline) == ["Michael Sarahan|-|-|-", "Ray Donnelly|-|-|-", "Kale Franz|-|-|-"])
    let bold = ParserTestSupport.parse("**Attendees**\n\n*   Phil Elson\n*   **Apologies**\n*   Michael\n\n**Notes**\n")
    #expect(rows(bold) == ["Phil Elson|-|-|-"])
    let label = ParserTestSupport.parse("Attendees (github handle in parens):\n\n- John Kirkham (jakirkham)\n")
    #expect(rows(label) == ["John Kirkham|-|jakirkham|-"])
    let heading = ParserTestSupport.parse("## Attendees: Michael Sarahan, Ray Donnelly\n\n## Agenda\n")
    #expect(rows(heading) == ["Michael Sarahan|-|-|-", "Ray Donnelly|-|-|-"])
    #expect(heading.attendees?.section == 0)
    let section = ParserTestSupport.parse("## Attendees\nSylvain Corlay, Matt B., Cheng H. Lee\n")
    #expect(section.attendees?.section == 0)
    #expect(rows(section).count == 3)
  }

  @Test func tableAfterProseAndNamesPerParagraph() {
    let table = ParserTestSupport.parse(
      "## Attendees\nAdd yourself below:\n\n| Name | Initials |\n|---|---|\n| Ann Lee | AL |\n")
    #expect(table.attendees?.form == .table)
    #expect(rows(table) == ["Ann Lee|AL|-|-"])
    let paragraphs = ParserTestSupport.parse(
      "**Attendees**\n\nFilipe \n\n[Matt Craig](https://x.org/p)\n\n**Standing items**\n\n*   How many repos?\n")
    #expect(paragraphs.attendees?.form == .inline)
    #expect(rows(paragraphs) == ["Filipe|-|-|-", "Matt Craig|-|-|-"])
  }

  @Test func emptyAttendeesHeading() throws {
    let d = ParserTestSupport.parse("# 2020-07-15 x\n\n## Attendees\n\n## Agenda\n- [ ] (AB) x\n")
    let list = try #require(d.attendees)
    #expect(list.entries.isEmpty)
    #expect(list.section == 1)
    #expect(list.range.isEmpty)
    #expect(list.range.utf8Start == d.sections[1].headingRange.utf8End)
    let template = ParserTestSupport.parse("## Attendees\n\n@mention yourself and add others\n")
    #expect(template.attendees?.entries.isEmpty == true)
  }

  static let headcounts: [(String, Int?, String)] = [
    ("15 people total", 15, "15"), ("15 people in total", 15, "15"), ("9 people present", 9, "9"),
    ("15 people total (MRB arrived halfway through)", 15, "15"), ("X people total", nil, "X"),
    ("X people in total", nil, "X"), ("**12 people total**", 12, "12"),
  ]

  @Test(arguments: headcounts) func headcount(_ line: String, _ count: Int?, _ number: String) throws {
    let d = ParserTestSupport.parse("## Attendees\n\n" + line + "\n")
    let h = try #require(d.headcounts.first)
    #expect(h.count == count)
    #expect(d.source.text(in: h.numberRange) == number)
    #expect(d.source.text(in: h.range) == line)
  }

  @Test func notHeadcounts() {
    #expect(ParserTestSupport.parse("Many people total confusion\n3 peoples\n").headcounts.isEmpty)
  }
}
