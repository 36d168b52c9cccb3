import Testing

@testable import NotesCore

/// Carrying over as a note-taker sees it: done elsewhere, the same link, placeholders, a whole list left out, stale
/// across a gap, and `new` after a ladder of `N meetings ago` sections.
@Suite struct CarryingOverTests {
  typealias N = SeriesNotes

  static func dropped(_ notes: [(String, String)], in date: String) throws -> [DroppedItem] {
    let workspace = CrossMeetingFixtures.workspace(notes)
    let document = try #require(workspace.document(N.uri(date)))
    return CarryOverCheck.droppedItems(in: document, workspace: workspace)
  }

  @Test func anItemDoneInAnotherSectionIsNotDropped() throws {
    let notes = [
      N.core("2024-01-03", carried: ["- [ ] (JK) write the CUDA blog post", "- [ ] (MRB) pinning epochs draft CFEP"]),
      N.core(
        "2024-01-17", carried: ["- [ ] (MRB) pinning epochs draft CFEP"],
        agenda: ["- [x] (JK) Write the CUDA blog-post"]),
    ]
    #expect(try Self.dropped(notes, in: "2024-01-17").isEmpty)
  }

  @Test func theSameLinkIsTheSameItem() throws {
    // The real case: `- [ ] (JK) CUDA 12 Packages` with the issue on a sub-bullet, then `- [x] CUDA 12` with it.
    let notes = [
      N.core(
        "2023-03-08",
        carried: [
          "- [ ] (JK) CUDA 12 Packages", "      * https://github.com/conda-forge/staged-recipes/issues/21382",
          "- [ ] (MRB) bot metadata sharding #1203",
        ]),
      N.core(
        "2023-03-22",
        agenda: [
          "- [x] CUDA 12", "  - https://github.com/conda-forge/staged-recipes/issues/21382",
          "- [ ] (MRB) shard the cf-graph repo (#1203)",
        ]),
    ]
    #expect(try Self.dropped(notes, in: "2023-03-22").isEmpty)
    // Without the shared link the short text alone is a different item.
    let unlinked = [
      N.core("2023-03-08", carried: ["- [ ] (JK) CUDA 12 Packages"]), N.core("2023-03-22", agenda: ["- [x] CUDA 12"]),
    ]
    #expect(try Self.dropped(unlinked, in: "2023-03-22").map(\.item.text) == ["CUDA 12 Packages"])
  }

  @Test func placeholdersAreNotItems() throws {
    let notes = [
      N.core("2024-01-03", carried: ["- [ ] None yet", "- [ ] TBD", "- [ ] n/a", "- [ ] -", "- [ ] (JK) real item"]),
      N.core("2024-01-17", carried: ["- [ ] (JK) real item"]),
    ]
    #expect(try Self.dropped(notes, in: "2024-01-17").isEmpty)
    let workspace = CrossMeetingFixtures.workspace(notes)
    #expect(workspace.summary(N.uri("2024-01-03"))?.trackedItems.map(\.text) == ["real item"])
  }

  @Test func aWholeListLeftOutIsOneFindingWithRelatedLocations() throws {
    let todos = (1...5).map { "- [ ] (JK) todo number \(["one", "two", "three", "four", "five"][$0 - 1]) of the list" }
    let notes = [
      N.core(
        "2022-08-10", carried: ["- [ ] (MRB) single thing"],
        extra: "\n### TODOs\n\n" + todos.joined(separator: "\n") + "\n"),
      N.core("2022-08-24", carried: []),
    ]
    let workspace = CrossMeetingFixtures.workspace(notes)
    let document = try #require(workspace.document(N.uri("2022-08-24")))
    let diagnostics = CarryOverCheck.diagnostics(for: document, workspace: workspace)
      .filter { $0.code == .actionItemDropped }
    // One finding for the list, one for the single item; each points at the lines of the previous note.
    #expect(diagnostics.count == 2)
    let list = try #require(diagnostics.first { $0.message.contains("The 5 open items of 2022-08-10’s `TODOs`") })
    #expect(list.related.count == 5)
    let previous = try #require(workspace.document(N.uri("2022-08-10")))
    for (related, todo) in zip(list.related, todos) {
      #expect(related.uri == N.uri("2022-08-10"))
      #expect(previous.source.lineText(related.line) == todo)
    }
    let single = try #require(diagnostics.first { $0.message.contains("single thing") })
    #expect(single.related.map { previous.source.lineText($0.line) } == ["- [ ] (MRB) single thing"])
    // One quick fix carries the whole list over.
    let fixes = CodeActions.candidates(in: document, workspace: workspace).filter { $0.fixes == .actionItemDropped }
    let carryAll = try #require(fixes.first { $0.title.contains("5 open items") })
    let fixed = NoteTextEdit.apply(carryAll.edits, to: String(decoding: document.source.bytes, as: UTF8.self))
    var after = workspace
    let reparsed = after.update(uri: document.uri, text: fixed)
    #expect(CarryOverCheck.droppedItems(in: reparsed, workspace: after).map(\.item.text) == ["single thing"])
  }

  @Test func staleIsReportedOnceOnTheNewestCarrierAcrossAGap() throws {
    // Open for six meetings; 2024-02-14 left the list out and 2024-02-28 is missing from the folder; it comes back.
    var notes: [(String, String)] = []
    for date in ["2024-01-03", "2024-01-17", "2024-01-31", "2024-03-13", "2024-03-27", "2024-04-10"] {
      notes.append(N.core(date, carried: ["- [ ] (JK) migrate the docs to Docusaurus"]))
    }
    notes.append(N.core("2024-02-14", carried: ["- [ ] (MRB) something else"]))
    let workspace = CrossMeetingFixtures.workspace(notes, settings: NotesSettings(staleAfterMeetings: 3))
    var reports: [String: [StaleItem]] = [:]
    for (uri, _) in notes {
      let document = try #require(workspace.document(uri))
      let stale = CarryOverCheck.staleItems(in: document, workspace: workspace)
      if !stale.isEmpty { reports[uri] = stale }
    }
    #expect(Array(reports.keys) == [N.uri("2024-04-10")])
    let item = try #require(reports[N.uri("2024-04-10")]?.first)
    #expect(item.meetings == 5)
    #expect(item.since == MeetingDate(year: 2024, month: 1, day: 3))
    let message = CarryOverCheck.message(item)
    #expect(message.contains("since 2024-01-03") && message.contains("5 earlier meetings"))
  }

  @Test func aPreviousLinkCopiedForwardIsStale() throws {
    let link = "[last weeks meeting](https://hackmd.io/r5eeo5cGQ7iHG1IgpB6axQ)"
    let notes = [
      N.core("2024-01-03", extra: "\n" + link + "\n"), N.core("2024-01-17", extra: "\n" + link + "\n"),
    ]
    let workspace = CrossMeetingFixtures.workspace(notes)
    let document = try #require(workspace.document(N.uri("2024-01-17")))
    let findings = CarryOverCheck.diagnostics(for: document, workspace: workspace).filter {
      $0.code == .previousLinkStale
    }
    #expect(findings.count == 1)
    let fix = try #require(
      CodeActions.candidates(in: document, workspace: workspace).first { $0.fixes == .previousLinkStale })
    #expect(fix.edits.first?.newText == "2024-01-03.md")
    // The first note's link is not stale (nothing before it), nor is an archive link.
    let first = try #require(workspace.document(N.uri("2024-01-03")))
    #expect(CarryOverCheck.staleLinks(in: first, workspace: workspace).isEmpty)
    let archive = "- [Previous meetings](https://conda-forge.org/community/minutes/)"
    let archived = CrossMeetingFixtures.workspace([
      N.core("2024-01-03", extra: "\n" + archive + "\n"), N.core("2024-01-17", extra: "\n" + archive + "\n"),
    ])
    let second = try #require(archived.document(N.uri("2024-01-17")))
    #expect(CarryOverCheck.staleLinks(in: second, workspace: archived).isEmpty)
  }
}

/// `new` after a ladder of `N meetings ago`, and `new` twice for one date.
extension CarryingOverTests {
  static let ladder = """
    # 2020-07-22 conda-forge core meeting

    ## Attendees
    * Filipe Fernandes

    ## Check in on previous action items

    ### This meeting
    * [ ] (FF) new thing

    ### Last meeting
    * [ ] (CJ) last week's thing
    * [ ] (CJ) another one from last week

    ### 2 meetings ago
    * [ ] (ED) old thing
      * with a note

    ### 3 meetings ago
    * [ ] (KK) oldest thing
    * [ ] (MRB) oldest other thing

    ## Your agenda items
    * [ ]

    """

  @Test func newAfterALadderWritesEveryOpenItemAndCountsWhatItWrote() throws {
    let uri = N.folder + "2020-07-22.md"
    var workspace = CrossMeetingFixtures.workspace([(uri, Self.ladder)])
    let plan = try #require(
      NewMeeting.plan(folder: N.folder, workspace: workspace, date: MeetingDate(year: 2020, month: 7, day: 29)))
    #expect(plan.carriedItems == 6)
    for item in [
      "new thing", "last week's thing", "another one from last week", "old thing", "oldest thing", "oldest other thing",
    ] {
      #expect(plan.text.components(separatedBy: item).count == 2, "\(item)")
    }
    // The last rung keeps its items and receives the rung above's.
    #expect(plan.text.contains("### 3 meetings ago\n\n* [ ] (ED) old thing\n  * with a note\n* [ ] (KK) oldest thing"))
    let document = workspace.update(uri: N.folder + plan.fileName, text: plan.text)
    #expect(CarryOverCheck.droppedItems(in: document, workspace: workspace).isEmpty)
  }

  @Test func newTwiceForOneDateIsRefused() throws {
    let uri = N.folder + "2020-07-22.md"
    var workspace = CrossMeetingFixtures.workspace([(uri, Self.ladder)])
    let date = MeetingDate(year: 2020, month: 7, day: 29)
    #expect(NewMeeting.existingNote(folder: N.folder, workspace: workspace, date: date) == nil)
    let plan = try #require(NewMeeting.plan(folder: N.folder, workspace: workspace, date: date))
    workspace.update(uri: N.folder + plan.fileName, text: plan.text)
    #expect(NewMeeting.existingNote(folder: N.folder, workspace: workspace, date: date) == N.folder + plan.fileName)
  }
}
