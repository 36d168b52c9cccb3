import Testing

@testable import NotesCore

/// `action-item.unowned` on every form of task that teams write (issue 11), and the forms that are not tasks, or are
/// owned. Markers `⟦…⟧` are where a finding must be; everything else must stay quiet.
@Suite struct TaskDiagnosticsTests {
  static let table = """
    ## Attendees

    | Name | Initials | GitHub ID | Affiliation |
    | --- | --- | --- | --- |
    | Jaime Rodríguez-Guerra | JRG | jaimergp | Quansight |
    | Ann Lee | AL | annlee | Anaconda |
    | Matthew Becker | MRB | beckermr | cf |
    | Marius van Niekerk | MvN | mariusvniekerk | Voltron |
    | Gil Hale | GH | ghale | x |

    """

  static func check(
    _ body: String, _ expected: [DiagnosticCode], workspace: NotesWorkspace = NotesWorkspace(),
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    checkDiagnostics(
      "# 2024-01-10 Team meeting\n\n\(table)\n" + body, expected, workspace: workspace, only: [.actionItemUnowned],
      sourceLocation: sourceLocation)
  }

  @Test func anOwnerSlotMakesATaskAnywhere() {
    Self.check(
      """
      ## Agenda

      * [x] (AL) OVH updates
          * TODO
              * [ ] (⟦???⟧) build webpage to credit them
              * [ ] (JRG) ask for their logo
          * [ ] (⟦TBD⟧) a placeholder overrides the topic's owner
      - [ ] Schedule the triage kick-off -- ⟦??⟧
      - [ ] (⟦Needs Owner⟧) search on the website
      - [ ] open votes
      """, [.actionItemUnowned, .actionItemUnowned, .actionItemUnowned, .actionItemUnowned])
  }

  @Test func anOwnerSlotBeforeTheCheckbox() {
    Self.check(
      """
      ## Action items

      * [ ] (MvN) Python 2.7 migration
          * (JRG) [ ] to email steve at microsoft
          * ⟦( )⟧ [ ] make a hint
          * ⟦()⟧ [ ] make the hint a lint
      """, [.actionItemUnowned, .actionItemUnowned])
    let d = NoteParser.parse(uri: "n/2024-01-10.md", text: "## Agenda\n* (JK) [ ] to email steve\n* ( ) [x] done\n")
    #expect(d.items.map(\.checkbox?.state) == [.open, .done])
    #expect(d.items.map(d.text(of:)) == ["to email steve", "done"])
    #expect(d.items[0].owners.map(\.text) == ["JK"])
    #expect(d.items.map(\.role) == [.task, .task])
  }

  @Test func taskLabelsMakeTasksWithOrWithoutACheckbox() {
    Self.check(
      """
      ## Agenda

      * [x] (AL) intel oneAPI
          * ⟦TODO: Think about bringing in JOSS⟧
          * Action item: Jaime to write announcement
          - ⟦Action item: call the vote⟧
          * ⟦AI: open a conda-build issue⟧
          * Todo: (MRB) write the blog post
          * TODO for @chenghlee: go get the names of packages
          * Action item for Anaconda: fix the CDN
          * Patrick TODO: figure out who needs 2fa
          * [ ] ⟦TODO: Submit skeleton for PR⟧
          * TODO: Marius ping folks at intel
          * ⟦TODO: CEP to add run exports to `repodata.json`⟧
      * [x] (MRB) a topic, not a task: ai is a word here
      """,
      [.actionItemUnowned, .actionItemUnowned, .actionItemUnowned, .actionItemUnowned, .actionItemUnowned])
  }

  @Test func bulletsUnderABareLabelAreTasks() {
    Self.check(
      """
      ## Agenda

      - [x] WV: Status of the repodata CEP?
          - Action items:
              - ⟦add free form field too in repodata_revisions⟧
              - ⟦call a vote⟧
              - ⟦MRB also mentioned that we need to prevent packages from injecting `url`⟧
              - JRG: write the summary
      * [ ] (AL) staged-recipes
          * todo
              * [ ] ⟦automate deletion of empty feedstocks⟧
              * [x] only do 5 at a time
      * [x] (MRB) pybind11 ABI stuff
          * todo (all MRB)
              * patch compiler activation scripts
      * to do (AL)
          * write the docs
      """, [.actionItemUnowned, .actionItemUnowned, .actionItemUnowned, .actionItemUnowned])
  }

  @Test func bulletsOfTaskSectionsAreTasks() {
    Self.check(
      """
      ## Agenda

      ### TODOs

      * WV: Set up meet-and-greet call with homebrew team?
      * ⟦review Qt PR after logs are uploaded⟧
          * still waiting to hear back
      * Marius - reach out to internal IT
      * (MRB) master to main move
          * make sure to change the upload on branch key
      * How do we continue the conversations
          * Slack!
      - Self-hosting CI TODOs:
          - ⟦Set up monitoring⟧
              - Quantstack is setting up grafana
      * N/A

      ## Action items

      * Schedule community issue triage kick-off -- ⟦??⟧
      * Anaconda: Organizational-level CLA
      * Anaconda should publish conda-index databases
      * ⟦Website: check the draft⟧
      * Write the post -- SA
      """, [.actionItemUnowned, .actionItemUnowned, .actionItemUnowned, .actionItemUnowned])
  }

  @Test func followUpsAndNextStepsSectionsHoldTasks() {
    for heading in ["## Follow-ups", "## Next steps", "### Follow up", "## Action Points"] {
      Self.check(
        """
        \(heading)

        * ⟦send the survey⟧
        * (AL) book the room
        """, [.actionItemUnowned])
    }
    Self.check(
      """
      ## Agenda

      ### Follow up on the budget

      * the numbers look fine
      """, [])
  }

  @Test func topicsStatusLinesAndDoneItemsAreNotReported() {
    Self.check(
      """
      ## Agenda

      - [x] intros for new folks on the call
      - [ ] open votes
      - [x] (MRB) CUDA 12
          - [ ] will need adjustments to the PR
          - [x] JK: How does this affect repodata patching?

      ## Action items

      - [x] Remove conda forge readthedocs.
      - [x] (⟦???⟧) done by someone, still done
      - [ ] (JRG) Update governance docs
          - [ ] check in again at some point
          - still waiting to hear back
      - Have a triage team so contributors can help?
          - Have a label for issues that should be closed?
      """.replacingOccurrences(of: "⟦", with: "").replacingOccurrences(of: "⟧", with: ""), [])
  }

  @Test func theSameTextInACodeBlockIsNotATask() {
    Self.check(
      """
      ## Action items

      ```
      * TODO: Think about bringing in JOSS
      - [ ] ( ) make a hint
      * review Qt PR after logs are uploaded
      ```
      """, [])
  }

  @Test func ownersOnlyATasksFormReveals() {
    Self.check(
      """
      ## Action items

      * [ ] schema
          * Cheng Lee
      * [ ] ⟦docs⟧
          * see the issue
      * [ ] Add cupython to the don't mirror list (MRB done)
      * [ ] ⟦defer `url` inclusion after concerns were raised (SG from JFrog was present, thanks!)⟧
      * [ ] Wait for the release (AL):
      * [ ] TODO: Matt, can you write down that thing you said?
      * [ ] TODO: Write blog post. ⟦Need a champion⟧ for this one
      """,
      [.actionItemUnowned, .actionItemUnowned, .actionItemUnowned])
  }

  @Test func aLowerCaseNameLeadingAChildTaskOwnsIt() throws {
    let text = """
      # 2024-01-10 Team meeting

      \(Self.table)
      ## Agenda

      - [ ] (AL) CUDA 11.0+
          - [ ] matt to make smithy release
          - [ ] matt B to send the python PR
          - [ ] need to talk to IT about permissions
      """
    let d = NoteParser.parse(uri: "n/2024-01-10.md", text: text)
    let tasks = d.items.indices.filter { d.items[$0].checkbox != nil }
    #expect(tasks.map { d.effectiveOwners(ofItem: $0).map(\.text) } == [["AL"], ["matt"], ["matt B"], ["AL"]])
    #expect(tasks.map { d.items[$0].role } == [.other, .task, .task, .other])
    // Hover on AL lists AL's open items: not matt's (the last is a point of AL's topic, as before).
    var ws = NotesWorkspace()
    ws.update(uri: "n/2024-01-10.md", text: text)
    let al = try #require(ws.people(withInitials: "AL").first)
    let open = PersonReferences.openItems(of: al.id, in: d, workspace: ws)
    #expect(open == [tasks[0], tasks[3]])
  }

  @Test func initialsThatAreAlsoAcronymsAreOwnersWhenSomeoneIsKnownByThem() {
    var ws = NotesWorkspace()
    ws.update(
      uri: "n/2023-05-01.md",
      text:
        "# 2023-05-01 meeting\n\n## Attendees\n\n| Name | Initials | GitHub ID | Affiliation |\n| --- | --- | --- | --- |\n"
        + "| Paul Roberts | PR | proberts | x |\n")
    Self.check(
      """
      ## Action items

      - [ ] (GH) fix the docs
      - [ ] GH: ping the bot team
      - [ ] (PR) review the CEP
      - [ ] ⟦(CI) nobody is known as CI⟧
      """, [.actionItemUnowned], workspace: ws)
    let d = NoteParser.parse(
      uri: "n/2024-01-10.md", text: "# 2024-01-10 x\n\n\(Self.table)\n## Action items\n- [ ] (GH) fix\n")
    #expect(d.items.last?.owners.map(\.text) == ["GH"])
  }

  @Test func misspeltAndBoldAttendeeLabelsListAttendees() {
    for label in [
      "Attendence: Eric Dill, CJ Wright, John Kirkham", "**Attendees:** Eric Dill, CJ Wright, John Kirkham",
    ] {
      checkDiagnostics(
        "# 2024-01-10 Team meeting\n\n\(label)\n\n## Agenda\n\n- [x] (ED) Things\n", [], only: [.attendeesMissing])
      let d = NoteParser.parse(uri: "n/2024-01-10.md", text: "# 2024-01-10 Team meeting\n\n\(label)\n")
      #expect(d.attendees?.entries.count == 3, "\(label)")
    }
  }

  @Test func proposalNumbersReadFromALinkTargetAreNotReferences() {
    var ws = NotesWorkspace()
    ws.setRegistry(.cep, name: "ceps.tsv", text: "number\ttitle\tstatus\n8\tRelease schedule\tAccepted\n")
    checkDiagnostics(
      """
      # 2024-01-10 Team meeting

      \(Self.table)
      ## Agenda

      - [x] (JRG) [the spec](https://github.com/conda/ceps/blob/main/cep-0099.md) is drafted
      - [x] (JRG) see https://github.com/conda/ceps/blob/main/cep-0099.md
      - [x] (JRG) CEP-⟦99⟧ is written by the note-taker
      """, [.cfepUnknown], workspace: ws)
    let d = NoteParser.parse(uri: "n/2024-01-10.md", text: "[cep-99](https://x.org/ceps/cep-0099.md)\n")
    #expect(d.proposalReferences.map(\.isInLinkTarget) == [false, true])
  }

  @Test func attendeeRowsWithoutInitials() throws {
    var ws = NotesWorkspace()
    ws.update(
      uri: "n/2023-05-01.md",
      text:
        "# 2023-05-01 meeting\n\n## Attendees\n\n| Name | Initials | GitHub ID | Affiliation |\n| --- | --- | --- | --- |\n"
        + "| Matthew Becker | MRB | beckermr | cf |\n")
    let marked = """
      # 2024-01-10 Team meeting

      ## Attendees

      | Name | Initials | GitHub ID | Affiliation |
      | --- | --- | --- | --- |
      | ⟦Matthew Becker⟧ |  | beckermr | cf |
      | ⟦Someone New⟧ | | snew | x |
      | Ann Lee | AL | annlee | x |
      """
    checkDiagnostics(
      marked, [.attendeesInitialsMissing, .attendeesInitialsMissing], workspace: ws,
      only: [.attendeesInitialsMissing])
    let text = DiagnosticFixture(marked).text
    ws.update(uri: "n/2024-01-10.md", text: text)
    let found = ws.diagnostics(for: "n/2024-01-10.md").filter { $0.code == .attendeesInitialsMissing }
    #expect(found.first?.message.contains("`MRB`") == true)
    #expect(found.first?.severity == .information)
    let document = try #require(ws.document("n/2024-01-10.md"))
    let fixes = CodeActions.candidates(in: document, workspace: ws).filter { $0.fixes == .attendeesInitialsMissing }
    try #require(fixes.count == 1)
    var bytes = Array(text.utf8)
    let edit = fixes[0].edits[0]
    bytes.replaceSubrange(edit.range.utf8Start..<edit.range.utf8End, with: Array(edit.newText.utf8))
    #expect(String(decoding: bytes, as: UTF8.self).contains("| Matthew Becker | MRB | beckermr | cf |"))
    // A table without an Initials column never asked for them.
    checkDiagnostics(
      "# 2024-01-10 grant\n\n## Attendees\n\n| Full name | Github handle | Organization |\n| --- | --- | --- |\n"
        + "| Matthew Becker | beckermr | cf |\n", [], only: [.attendeesInitialsMissing])
  }
}
