import Testing

@testable import NotesCore

/// Findings that depend on the other notes of the workspace: who is known, who is ambiguous, what the previous
/// meeting is.
@Suite struct WorkspaceDiagnosticsTests {
  static func attendees(_ rows: [String]) -> String {
    "## Attendees\n\n| Name | Initials | GitHub ID | Affiliation |\n| --- | --- | --- | --- |\n"
      + rows.map { "| \($0) |" }.joined(separator: "\n") + "\n"
  }

  static func workspace() -> NotesWorkspace {
    var ws = NotesWorkspace()
    ws.update(
      uri: "cf/2017-03-01.md",
      text: "# 2017-03-01 meeting\n\n"
        + attendees(["Jonathan Helmus | JH | jjhelmus | Anaconda", "Eric Dill | ED | ericdill | x"]))
    ws.update(
      uri: "cf/2024-03-06.md",
      text: "# 2024-03-06 meeting\n\n"
        + attendees(["Jannik Hauser | JH | jhauser | Acme", "John Kirkham | JK | jakirkham | NVIDIA"]))
    ws.update(
      uri: "cf/2024-03-13.md",
      text: "# 2024-03-13 meeting\n\n"
        + attendees(["Jannik Hauser | JH | jhauser | Acme", "Ann Lee | AL | annlee | x"]))
    return ws
  }

  @Test func ownersKnownFromOtherNotesAreNotUnknown() {
    // JK is not in this meeting's table but attended another meeting: known. QQ is nobody.
    checkDiagnostics(
      """
      # 2024-03-20 meeting

      \(Self.attendees(["Ann Lee | AL | annlee | x"]))
      ## Action items

      - [ ] (JK) absent but known
      - [ ] (AL/⟦QQ⟧) half known
      """, [.initialsUnknown], uri: "cf/2024-03-20.md", workspace: Self.workspace())
  }

  @Test func initialsUsedByTwoPeopleAreAmbiguousUnlessTheMeetingSaysWho() {
    // Both JHs attended around 2020? No: Jonathan in 2017, Jannik in 2024; a 2020 note cannot tell.
    var ws = Self.workspace()
    ws.update(
      uri: "cf/2020-06-01.md",
      text: "# 2020-06-01 meeting\n\n" + Self.attendees(["Ann Lee | AL | annlee | x"]))
    checkDiagnostics(
      """
      # 2020-06-03 meeting

      \(Self.attendees(["Ann Lee | AL | annlee | x"]))
      ## Action items

      - [ ] (⟦JH⟧) who?
      """, [.ownerAmbiguous], uri: "cf/2020-06-03.md", workspace: ws)
    // In 2024 only Jannik attends: JH is Jannik.
    checkDiagnostics(
      """
      # 2024-03-20 meeting

      \(Self.attendees(["Ann Lee | AL | annlee | x"]))
      ## Action items

      - [ ] (JH) Jannik, by the date
      """, [], uri: "cf/2024-03-20.md", workspace: ws)
    // Listed in this meeting: no doubt at all.
    checkDiagnostics(
      """
      # 2020-06-03 meeting

      \(Self.attendees(["Jonathan Helmus | JH | jjhelmus | Anaconda"]))
      ## Action items

      - [ ] (JH) Jonathan, listed here
      """, [], uri: "cf/2020-06-03.md", workspace: ws)
    #expect(ws.people(withInitials: "JH").count == 2)
  }

  @Test func nameOwnersSuggestInitialsWhereFirstWrittenAndNeverOnAHandle() {
    let on = NotesSettings(severities: [.ownerNameNotInitials: .hint])
    var base = Self.workspace()
    base.settings = on
    checkDiagnostics(
      """
      # 2024-03-20 meeting

      \(Self.attendees(["Ann Lee | AL | annlee | x"]))
      ## Action items

      - [ ] (⟦Eric⟧) Email out
      - [ ] (jakirkham) write a blog post
      - [ ] (Zed) nobody we know

      ## Check in on previous action items

      - [ ] (Eric) carried copy of an older item
      """, [.ownerNameNotInitials], uri: "cf/2024-03-20.md", workspace: base, only: [.ownerNameNotInitials])
    var ws = Self.workspace()
    ws.settings = on
    ws.update(uri: "cf/2024-03-20.md", text: "# 2024-03-20 meeting\n\n## Action items\n\n- [ ] (Eric) Email out\n")
    let message = ws.diagnostics(for: "cf/2024-03-20.md").first { $0.code == .ownerNameNotInitials }?.message
    #expect(message?.contains("`ED`") == true)
    #expect(message?.contains("Eric Dill") == true)
    // Off by default.
    var quiet = Self.workspace()
    quiet.update(uri: "cf/2024-03-20.md", text: "# 2024-03-20 meeting\n\n## Action items\n\n- [ ] (Eric) Email out\n")
    #expect(!quiet.diagnostics(for: "cf/2024-03-20.md").contains { $0.code == .ownerNameNotInitials })
  }

  @Test func indexedNotesServeDiagnosticsOfDocumentsNotHeld() {
    // `--check`: index everything, then ask for each document again.
    var ws = NotesWorkspace()
    let texts = [
      "cf/2024-03-06.md": "# 2024-03-06 meeting\n\n" + Self.attendees(["John Kirkham | JK | jakirkham | NVIDIA"]),
      "cf/2024-03-13.md": "# 2024-03-13 meeting\n\n- [Last week's meeting](https://hackmd.io/#REPLACE_ME#)\n\n"
        + Self.attendees(["Ann Lee | AL | annlee | x"]) + "\n## Action items\n\n- [ ] (JK) thing\n",
    ]
    for (uri, text) in texts { ws.index(NoteParser.parse(uri: uri, text: text)) }
    #expect(ws.document("cf/2024-03-13.md") == nil)
    let found = ws.diagnostics(for: NoteParser.parse(uri: "cf/2024-03-13.md", text: texts["cf/2024-03-13.md"] ?? ""))
    #expect(found.map(\.code) == [.previousLinkPlaceholder])
    #expect(found.first?.message.contains("2024-03-06.md") == true)
  }

  @Test func handleTyposNextToTheUsualHandle() {
    var ws = NotesWorkspace()
    for day in ["01", "08"] {
      ws.update(
        uri: "cf/2022-09-\(day).md",
        text: "# 2022-09-\(day) meeting\n\n" + Self.attendees(["Jaime Rodríguez-Guerra | JRG | jaimergp | Quansight"]))
    }
    checkDiagnostics(
      """
      # 2022-10-05 meeting

      \(Self.attendees(["Jaime Rodríguez-G. | JRG | ⟦jaimerg⟧ | Quansight/cf", "Ann Lee | AL | annlee | x"]))
      """, [.attendeesHandleTypo], uri: "cf/2022-10-05.md", workspace: ws)
    #expect(ws.people(withInitials: "JRG").count == 1)
  }
}
