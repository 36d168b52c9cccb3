import Testing

@testable import NotesCore

/// One note per rule, with markers where the findings must be. Hints about template residue and name owners are
/// left out where a fixture is not about them (`only:`).
@Suite struct NoteDiagnosticsTests {
  static let table = """
    ## Attendees

    | Name | Initials | GitHub ID | Affiliation |
    | --- | --- | --- | --- |
    | Jaime Rodríguez-Guerra | JRG | jaimergp | Quansight |
    | Ann Lee | AL | annlee | Acme |

    """

  @Test func unownedActionItems() {
    checkDiagnostics(
      """
      # 2024-01-10 Team meeting

      \(Self.table)
      ## Action items

      - [ ] (JRG) Write the doc
      - [x] JRG: Done already
      - [ ] ⟦Nobody owns this⟧
      - [ ] (⟦???⟧) Something
      - [ ] (⟦Needs Owner⟧) Find a venue
      - [ ] (AL) Parent
        - [ ] inherits AL's ownership
      - [ ] None yet
      """,
      [.actionItemUnowned, .actionItemUnowned, .actionItemUnowned])
  }

  @Test func agendaCheckboxesNeedNoOwner() {
    checkDiagnostics(
      """
      # 2024-01-10 Team meeting

      \(Self.table)
      ## Agenda

      - [x] intros for new folks on the call
      - [ ] open votes
      """, [])
  }

  @Test func carryOverListsAreActionTracking() {
    checkDiagnostics(
      """
      # 2020-09-16 conda-forge core meeting

      \(Self.table)
      ## Check in on previous action items

      ### Last meeting
      * [ ] (JRG) Update governance docs
      * [ ] ⟦Shout-out on twitter at some point⟧

      ### Move to Issue Tracker
      * [ ] ⟦If we're adding a logo, check permission⟧
      * [x] (AL) start pushing images to quay
      """, [.actionItemUnowned, .actionItemUnowned], uri: "cf/2020-09-16.md")
  }

  @Test func emptyTemplateItemsAndMalformedCheckboxes() {
    checkDiagnostics(
      """
      # 2024-01-10 Team meeting

      \(Self.table)
      ## Agenda

      ⟦- [ ]⟧
      - ⟦[]⟧ Lilly: new product manager
      * ⟦[z]⟧ (AL) cross compiling

      ## Action items

      ⟦- [ ]⟧
      """, [.placeholderEmptyItem, .checkboxMalformed, .checkboxMalformed, .placeholderEmptyItem])
  }

  @Test func attendeesMissingOrEmpty() {
    checkDiagnostics(
      """
      # ⟦2024-01-10 Team meeting⟧

      ## Agenda

      - [x] (JRG) Things
      """, [.attendeesMissing], only: [.attendeesMissing])
    checkDiagnostics(
      """
      # 2024-01-10 Team meeting

      ⟦## Attendees⟧

      ## Agenda

      - [x] (JRG) Things
      """, [.attendeesMissing], only: [.attendeesMissing])
  }

  @Test func malformedInitialsInCellsAndOwners() {
    checkDiagnostics(
      """
      # 2024-01-10 Team meeting

      ## Attendees

      | Name | Initials | GitHub ID | Affiliation |
      | --- | --- | --- | --- |
      | Matthew Becker | ⟦MRB.⟧ | beckermr | cf |
      | Mike C. Grant | ⟦mcg⟧ | mcg | Acme |
      | Marius van Niekerk | MvN | mariusvniekerk | Voltron |

      ## Action items

      - [ ] (⟦Marius?⟧) Python 2.7 migration
      """, [.initialsMalformed, .initialsMalformed, .initialsMalformed],
      only: [.initialsMalformed])
  }

  @Test func headcounts() {
    checkDiagnostics(
      """
      # 2024-01-10 Team meeting

      \(Self.table)
      ⟦X⟧ people total
      """, [.attendeesCountPlaceholder])
    checkDiagnostics(
      """
      # 2024-01-10 Team meeting

      \(Self.table)
      ⟦1⟧ people in total
      """, [.attendeesCountMismatch])
    checkDiagnostics(
      """
      # 2024-01-10 Team meeting

      \(Self.table)
      15 people total (MRB arrived halfway through)
      """, [])
  }

  @Test func duplicateAttendees() {
    checkDiagnostics(
      """
      # 2024-01-10 Team meeting

      ## Attendees

      - Jaime Rodríguez-Guerra (JRG) (jaimergp)
      - Ann Lee (AL)
      ⟦- Jaime Rodriguez-Guerra (JRG)⟧
      """, [.attendeesDuplicate], only: [.attendeesDuplicate])
  }

  @Test func proposalsAgainstARegistry() {
    var ws = NotesWorkspace()
    ws.setRegistry(
      .cfep, name: "cfeps.tsv",
      text: "number\ttitle\tstatus\n10\tFeedstock Statuses\tDeferred\n15\tDeprecate Python 2.7 and vs2008\tAccepted\n")
    let note = """
      # 2024-01-10 Team meeting

      \(Self.table)
      ## CFEPs

      * [cfep-10](https://github.com/conda-forge/cfep/pull/15) Feedstock statuses, unmaintained
      * [cfep-15](https://github.com/conda-forge/cfep/pull/15) ⟦Feedstock statuses, unmaintained⟧
      * CFEP-⟦99⟧ is new
      * CEP 17 is not checked: no CEP registry
      """
    checkDiagnostics(note, [.cfepTitleMismatch, .cfepUnknown], workspace: ws)
    // Without a registry nothing is unknown.
    checkDiagnostics(note.replacingOccurrences(of: "⟦", with: "").replacingOccurrences(of: "⟧", with: ""), [])
  }

  @Test func datesThatDisagree() {
    checkDiagnostics(
      """
      ---
      title: '⟦2024-01-09⟧'
      ---
      # ⟦2024-01-11⟧ Team meeting

      \(Self.table)
      """, [.dateMismatch, .dateMismatch], only: [.dateMismatch])
  }

  @Test func previousMeetingPlaceholder() {
    var ws = NotesWorkspace()
    ws.update(uri: "notes/2024-01-03.md", text: "# 2024-01-03 Team meeting\n")
    checkDiagnostics(
      """
      # 2024-01-10 Team meeting

      - [Last week's meeting](⟦https://hackmd.io/#REPLACE_ME#⟧)

      \(Self.table)
      """, [.previousLinkPlaceholder], workspace: ws, only: [.previousLinkPlaceholder])
  }

  @Test func otherMarkdownGetsNoMeetingDiagnostics() {
    checkDiagnostics(
      """
      # Notes README

      - [ ] Nobody owns this
      - [] odd
      X people total
      """, [], uri: "notes/README.md")
  }

  @Test func suppressionComments() {
    checkDiagnostics(
      """
      # 2024-01-10 Team meeting

      \(Self.table)
      ## Action items

      <!-- notes-lsp-disable-next-line action-item.unowned -->
      - [ ] Nobody owns this, on purpose
      - [ ] ⟦Nobody owns this either⟧
      <!-- notes-lsp-disable-next-line checkbox.malformed --->
      - [ ] ⟦Still unowned: another code was silenced⟧
      """, [.actionItemUnowned, .actionItemUnowned])
    checkDiagnostics(
      """
      <!-- notes-lsp-disable action-item.unowned, attendees.missing -->
      # 2024-01-10 Team meeting

      ## Action items

      - [ ] Nobody owns this
      - ⟦[]⟧ (AL) odd
      """, [.checkboxMalformed], only: [.actionItemUnowned, .attendeesMissing, .checkboxMalformed])
  }

  @Test func severitiesComeFromSettings() {
    var ws = NotesWorkspace(
      settings: NotesSettings(severities: [.actionItemUnowned: .error, .placeholderEmptyItem: nil]))
    ws.update(
      uri: "notes/2024-01-10.md",
      text: "# 2024-01-10 Team meeting\n\n\(Self.table)\n## Action items\n\n- [ ] Nobody owns this\n- [ ]\n")
    let found = ws.diagnostics(for: "notes/2024-01-10.md")
    #expect(found.map(\.code) == [.actionItemUnowned])
    #expect(found.first?.severity == .error)
  }
}

/// The first word of an affiliation (a team a task can start with), on the ASCII byte path and the general one.
@Suite struct AffiliationWordTests {
  @Test(
    arguments: [
      ("anaconda, inc.", "anaconda"),
      ("  quansight labs", "quansight"),
      ("nvidia2 (gpu)", "nvidia2"),
      ("--", nil),
      ("", nil),
      ("société générale", "société"),
      ("é-corp", "é"),
    ] as [(String, String?)])
  func firstWordOfAnAffiliation(text: String, expected: String?) {
    #expect(NoteChecker.firstWord(text).map(String.init) == expected)
  }
}
