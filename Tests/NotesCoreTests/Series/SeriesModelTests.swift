import Testing

@testable import NotesCore

/// The one series model: several series per folder, one-offs, renames, gaps; and every feature asking it.
@Suite struct SeriesModelTests {
  typealias N = SeriesNotes

  @Test(arguments: [
    ("2021-01-26 Conda Community Meeting", "conda community"),
    ("DRAFT - 2021-01-26 Conda Community Meeting", "conda community"),
    ("2021-01-26 conda community meeting ", "conda community"),
    ("conda-forge core meeting 2023-05-10", "conda forge core"),
    ("2016-09-23 (postponed from 16th): General Discussion", "general discussion"),
    ("2019-06-12 Meeting Notes", ""),
    ("2016-04-15", ""),
    ("Conda-Tools Kick-off Agenda", "conda tools kick off"),
  ])
  func titlePatterns(title: String, pattern: String) {
    #expect(SeriesRules.titlePattern(title) == pattern)
  }

  @Test func twoSeriesInOneFolderDoNotCompareWithEachOther() throws {
    // A biweekly core meeting and a monthly grant meeting in one folder, interleaved.
    let notes = [
      N.core("2024-01-03", carried: ["- [ ] (JK) write the CUDA blog post"]),
      N.grant("2024-01-08", items: ["- [ ] (MRB) send the budget to NumFOCUS", "- [ ] (JK) hire the contractor"]),
      N.core("2024-01-17", carried: ["- [ ] (JK) write the CUDA blog post"]),
      N.core("2024-01-31", carried: ["- [ ] (JK) write the CUDA blog post"]),
      N.grant("2024-02-05", items: ["- [ ] (MRB) send the budget to NumFOCUS", "- [x] (JK) hire the contractor"]),
      N.core("2024-02-14", carried: ["- [x] (JK) write the CUDA blog post"]),
    ]
    let workspace = CrossMeetingFixtures.workspace(notes)
    #expect(workspace.previousMeetingURI(of: N.uri("2024-01-17")) == N.uri("2024-01-03"))
    #expect(workspace.previousMeetingURI(of: N.folder + "2024-02-05-grant.md") == N.folder + "2024-01-08-grant.md")
    #expect(workspace.series(of: N.uri("2024-01-31")).count == 4)
    #expect(workspace.series(of: N.folder + "2024-01-08-grant.md").count == 2)
    // Nothing is dropped anywhere: the grant items are not the core meeting's.
    for (uri, _) in notes {
      let document = try #require(workspace.document(uri))
      #expect(CarryOverCheck.droppedItems(in: document, workspace: workspace).isEmpty, "\(uri)")
    }
    // `new` extends the series of the latest note that is not a one-off.
    let plan = try #require(NewMeeting.plan(folder: N.folder, workspace: workspace))
    #expect(plan.previousURI == N.uri("2024-02-14"))
  }

  @Test func aOneOffIsNobodysPreviousMeeting() throws {
    let notes = [
      N.core("2024-01-03", carried: ["- [ ] (JK) write the CUDA blog post"]),
      (
        N.folder + "2024-01-10-compilers.md",
        "# 2024-01-10: Compiler special meeting\n\n## Action items\n\n- [ ] (IF) try clang 18\n"
      ),
      N.core("2024-01-17", carried: ["- [ ] (JK) write the CUDA blog post"]),
    ]
    let workspace = CrossMeetingFixtures.workspace(notes)
    #expect(workspace.isOneOff(N.folder + "2024-01-10-compilers.md"))
    #expect(workspace.previousMeetingURI(of: N.uri("2024-01-17")) == N.uri("2024-01-03"))
    #expect(workspace.previousMeetingURI(of: N.folder + "2024-01-10-compilers.md") == nil)
    let document = try #require(workspace.document(N.uri("2024-01-17")))
    #expect(CarryOverCheck.droppedItems(in: document, workspace: workspace).isEmpty)
    // Definition on a previous-meeting link and the code lens follow the same model.
    let lens = InlineHints.codeLenses(in: document, workspace: workspace)
    #expect(lens.first?.target?.uri == N.uri("2024-01-03"))
  }

  @Test func aRenameThatKeepsTheIntervalStaysOneSeries() {
    var notes: [(String, String)] = []
    for date in ["2025-11-12", "2025-11-26", "2025-12-10"] {
      let compact = date.replacingOccurrences(of: "-", with: "")
      notes.append((N.folder + compact + "_agenda_and_minutes.md", "# \(date) Conda Community Meeting\n"))
    }
    for date in ["2026-01-07", "2026-01-21"] {
      let compact = date.replacingOccurrences(of: "-", with: "")
      notes.append((N.folder + compact + "-conda-ecosystem.md", "# \(date) Conda Ecosystem Meeting\n"))
    }
    let workspace = CrossMeetingFixtures.workspace(notes)
    #expect(workspace.previousMeetingURI(of: notes[3].0) == notes[2].0)
    #expect(workspace.series(of: notes[0].0).count == 5)
    // The first note after a rename, alone with its new title, continues the series too.
    let first = CrossMeetingFixtures.workspace(Array(notes.prefix(4)))
    #expect(first.previousMeetingURI(of: notes[3].0) == notes[2].0)
  }

  @Test func aGapIsNotThePreviousMeeting() throws {
    let dates = ["2024-01-03", "2024-01-17", "2024-01-31", "2024-02-14", "2024-04-10"]
    var notes = dates.map { N.core($0, carried: ["- [ ] (JK) item of \($0)"]) }
    // 2024-04-10 is eight weeks after 2024-02-14 (usual interval two weeks): meetings are missing.
    var workspace = CrossMeetingFixtures.workspace(notes)
    let late = try #require(workspace.document(N.uri("2024-04-10")))
    #expect(workspace.previousMeetingURI(of: late.uri) == nil)
    #expect(workspace.precedingMeeting(of: late.uri)?.uri == N.uri("2024-02-14"))
    #expect(workspace.precedingMeeting(of: late.uri)?.gap == .interval(days: 56, usual: 14))
    #expect(CarryOverCheck.droppedItems(in: late, workspace: workspace).isEmpty)
    // The note names a meeting the folder does not hold (`### Last meeting 2024-02-28`): a gap too.
    notes[4] = N.core(
      "2024-03-13", carried: ["- [ ] (JK) something else"],
      extra: "\n### Last meeting 2024-02-28\n\n- [ ] (JK) item of 2024-02-28\n")
    workspace = CrossMeetingFixtures.workspace(notes)
    let named = try #require(workspace.document(N.uri("2024-03-13")))
    #expect(workspace.precedingMeeting(of: named.uri)?.gap == .namedMeeting(MeetingDate(year: 2024, month: 2, day: 28)))
    #expect(CarryOverCheck.droppedItems(in: named, workspace: workspace).isEmpty)
  }
}
