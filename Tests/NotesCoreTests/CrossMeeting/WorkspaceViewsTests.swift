import Testing

@testable import NotesCore

/// `OpenItemsQuery` and `PeopleQuery` over two series (`WorkspaceViewsNotes`): carried, done, dropped and resumed
/// items; initials shared across eras; a handle typo; an owner no one is known by.
@Suite struct WorkspaceViewsTests {
  typealias N = WorkspaceViewsNotes

  /// NOTE: stale after one meeting, so that the blog post (unchanged in the two meetings before 2024-03-06) is what
  /// `action-item.stale` reports.
  func workspace(staleAfter: Int = 1) -> NotesWorkspace {
    CrossMeetingFixtures.workspace(N.notes, settings: NotesSettings(staleAfterMeetings: staleAfter))
  }

  func day(_ y: Int, _ m: Int, _ d: Int) -> MeetingDate { MeetingDate(year: y, month: m, day: d) }

  func history(_ text: String, in items: [TrackedItemHistory], series: String = "core") throws -> TrackedItemHistory {
    try #require(items.first { $0.text == text && $0.seriesName == series }, "no item “\(text)” in \(series)")
  }

  func id(_ who: String, _ workspace: NotesWorkspace) throws -> PersonID {
    let ids = PersonQueryResolution.people(named: who, in: workspace)
    try #require(ids.count == 1, "\(who) names \(ids.count) people")
    return ids[0]
  }

  @Test func seriesAreFoldersByName() {
    let series = OpenItemsQuery.series(in: workspace())
    #expect(series.map(\.name) == ["community", "core"])
    #expect(series.map(\.meetings.count) == [1, 4])
    // A series is known by its first meeting (`NotesWorkspace.series(of:)`), named by its folder.
    #expect(OpenItemsQuery.series(named: "CORE", in: workspace())?.key == N.core + "2020-01-08.md")
    #expect(
      OpenItemsQuery.series(named: "comm", in: workspace())?.key == N.community + "20240307_agenda_and_minutes.md")
    #expect(OpenItemsQuery.series(named: "o", in: workspace()) == nil)
  }

  @Test func itemsAreFollowedAcrossTheirSeries() throws {
    let items = OpenItemsQuery.histories(in: workspace())
    // Carried with an update appended, then across the four-year gap: one item, open in the latest meeting.
    let blog = try history("write a blog post on CUDA stuff", in: items)
    #expect(blog.firstSeen.date == day(2020, 1, 8))
    #expect(blog.lastSeen.date == day(2024, 3, 6))
    #expect(blog.lastSeen.line == 12)
    // Stale, so carried as `action-item.stale` counts: the two earlier meetings that had it unchanged.
    #expect(blog.meetings == 4 && blog.meetingsCarried == 2)
    #expect(blog.state == .open && blog.inLatestMeeting && blog.isStale)
    // Ticked off at the third meeting.
    let governance = try history("draft the governance doc", in: items)
    #expect(governance.state == .done && governance.meetings == 3 && !governance.isStale)
    #expect(governance.lastSeen.date == day(2020, 2, 5))
    // Done when first written, repeated as done: one item.
    #expect(items.filter { $0.text == "update the docs" }.count == 1)
    #expect(try history("update the docs", in: items).lastSeen.date == day(2020, 1, 8))
    // Left out of 2020-02-05, listed again in 2024: the same item, first seen in 2020.
    let stickers = try history("order stickers", in: items)
    #expect(stickers.firstSeen.date == day(2020, 1, 22) && stickers.meetings == 2)
    // The other series keeps its own items.
    let other = try history("write a blog post on CUDA stuff", in: items, series: "community")
    #expect(other.meetings == 1 && other.firstSeen.date == day(2024, 3, 7))
    #expect(items.count == 8)
  }

  @Test func ownersResolveAcrossEras() throws {
    let ws = workspace()
    let items = OpenItemsQuery.histories(in: ws)
    let john = try id("JK", ws)
    #expect(try id("jakirkham", ws) == john)
    #expect(try id("@jakirkham", ws) == john)
    #expect(try id("JAK", ws) == john)
    #expect(try id("John Kirkham", ws) == john)
    // SC is two people; each note's attendees tell which.
    #expect(PersonQueryResolution.people(named: "SC", in: ws).count == 2)
    let sylvain = try id("Sylvain Corlay", ws)
    let sophia = try id("scastellarin", ws)
    #expect(try history("draft the governance doc", in: items).owners.map(\.person) == [sylvain])
    #expect(try history("review the packaging guide", in: items).owners.map(\.person) == [sophia])
    #expect(try history("ping NumFOCUS", in: items).owners.map(\.person) == [john])
    #expect(try history("book the room", in: items, series: "community").owners == [ItemOwner(token: "QQ", people: [])])
  }

  @Test func filtersSelectByOwnerStateStalenessDateAndSeries() throws {
    let ws = workspace()
    let john = try id("jakirkham", ws)
    func texts(_ filter: OpenItemsFilter) -> [String] {
      OpenItemsQuery.items(in: ws, filter: filter).map { "\($0.seriesName): \($0.text)" }
    }
    #expect(
      texts(OpenItemsFilter(owners: [john]))
        == [
          "core: write a blog post on CUDA stuff", "core: order stickers", "core: ping NumFOCUS",
          "community: write a blog post on CUDA stuff",
        ])
    #expect(texts(OpenItemsFilter(status: .done)) == ["core: draft the governance doc", "core: update the docs"])
    #expect(texts(OpenItemsFilter(staleOnly: true)) == ["core: write a blog post on CUDA stuff"])
    #expect(texts(OpenItemsFilter(status: .all)).count == 8)
    #expect(texts(OpenItemsFilter(status: .all, since: day(2024, 1, 1))).count == 6)
    #expect(
      texts(OpenItemsFilter(seriesKey: N.community + "20240307_agenda_and_minutes.md"))
        == ["community: write a blog post on CUDA stuff", "community: book the room"])
    let shared = Set(PersonQueryResolution.people(named: "SC", in: ws))
    #expect(
      texts(OpenItemsFilter(owners: shared, status: .all)).sorted()
        == ["core: draft the governance doc", "core: review the packaging guide"])
    // Not stale under the default threshold.
    #expect(OpenItemsQuery.items(in: workspace(staleAfter: 8), filter: OpenItemsFilter(staleOnly: true)).isEmpty)
  }

  @Test func peopleOverviewListsErasJoinsAndGaps() throws {
    let ws = workspace()
    let overview = PeopleQuery.overview(in: ws, items: OpenItemsQuery.histories(in: ws))
    #expect(overview.people.count == 3)
    let john = try #require(overview.person(try id("JK", ws)))
    #expect(john.name == "John Kirkham")
    #expect(john.meetings == 5 && john.firstMeeting == day(2020, 1, 8) && john.lastMeeting == day(2024, 3, 7))
    #expect(john.initials.map(\.initials) == ["JK", "JAK"])
    #expect(john.initials[0].first == day(2020, 1, 8) && john.initials[0].last == day(2020, 2, 5))
    #expect(john.initials[1].first == day(2024, 3, 6) && john.initials[1].last == day(2024, 3, 7))
    #expect(john.handles == ["jakirkham", "jakirkam"])
    #expect(john.series.map(\.seriesName) == ["community", "core"])
    #expect(john.series.map(\.meetings) == [1, 4])
    #expect(john.openItems == 4 && john.staleItems == 1)
    // Shared initials, in order of first attendance.
    let sylvain = try id("scorlay", ws)
    let sophia = try id("scastellarin", ws)
    #expect(
      overview.sharedInitials == [SharedInitials(initials: "SC", people: [sylvain, sophia], ambiguousOpenItems: 0)])
    #expect(overview.handleTypos == [HandleTypo(person: john.id, usual: "jakirkham", typo: "jakirkam")])
    #expect(overview.joined.map(\.person) == [john.id])
    #expect(overview.unknownOwners.map(\.token) == ["QQ"])
    #expect(overview.person(sophia)?.openItems == 1)
  }

  @Test func attendanceChartIsPeopleByMeetings() throws {
    let ws = workspace()
    let charts = PeopleQuery.attendance(in: ws)
    #expect(charts.map(\.seriesName) == ["community", "core"])
    let core = charts[1]
    #expect(core.meetings == [day(2020, 1, 8), day(2020, 1, 22), day(2020, 2, 5), day(2024, 3, 6)])
    #expect(core.rows.map(\.name) == ["John Kirkham", "Sylvain Corlay", "Sophia Castellarin"])
    #expect(core.rows.map(\.attended) == [[0, 1, 2, 3], [0, 1, 2], [3]])
  }

  /// A task is a task everywhere: a checkbox under a discussion heading is an item of its meeting (and followed when
  /// the next meeting lists it again), owned as the resolver reads its owner.
  @Test func tasksOutsideActionSectionsAreItems() throws {
    let ws = CrossMeetingFixtures.workspace([
      (
        N.core + "2020-01-08.md",
        """
        # 2020-01-08 Core meeting

        \(N.table([N.john2020, N.sylvain]))
        ## Discussion

        - Packaging
          - TODO: write up the packaging proposal (SC)
        - Nothing to do here

        """
      ),
      (
        N.core + "2020-01-22.md",
        """
        # 2020-01-22 Core meeting

        \(N.table([N.john2020, N.sylvain]))
        ## Discussion

        - [x] TODO: write up the packaging proposal (SC)

        """
      ),
    ])
    let items = OpenItemsQuery.histories(in: ws)
    #expect(items.map(\.text) == ["TODO: write up the packaging proposal"])
    let item = try #require(items.first)
    #expect(item.meetings == 2 && item.state == .done && item.lastSeen.line == 12)
    #expect(item.owners.map(\.person) == [try id("Sylvain Corlay", ws)])
  }

  /// A series is what `NotesWorkspace.series(of:)` says, not a folder: two series kept in one folder are two series,
  /// named by their titles, and `--series` picks one.
  @Test func seriesOfOneFolderAreApart() throws {
    func note(_ date: String, _ title: String, _ item: String) -> (String, String) {
      (
        N.core + "\(date).md",
        "# \(date) \(title)\n\n\(N.table([N.john2020]))\n## Action items\n\n- [ ] (JK) \(item)\n"
      )
    }
    let ws = CrossMeetingFixtures.workspace([
      note("2020-01-08", "Core meeting", "core task"), note("2020-01-09", "Grant meeting", "grant task"),
      note("2020-01-22", "Core meeting", "core task"), note("2020-01-23", "Grant meeting", "grant task"),
      note("2020-02-05", "Core meeting", "core task"), note("2020-02-06", "Grant meeting", "grant task"),
    ])
    let series = OpenItemsQuery.series(in: ws)
    #expect(series.map(\.name) == ["core (core)", "core (grant)"])
    #expect(series.map(\.meetings.count) == [3, 3])
    let grant = try #require(OpenItemsQuery.series(named: "grant", in: ws))
    let items = OpenItemsQuery.items(in: ws, filter: OpenItemsFilter(seriesKey: grant.key))
    #expect(items.map(\.text) == ["grant task"])
    #expect(items.first?.meetings == 3 && items.first?.seriesName == "core (grant)")
  }

  /// Invariants over the real notes (the numbers are printed, not pinned: the parser's reading of items may change).
  @Test func corpusItemsAndPeopleHoldTogether() throws {
    try #require(CrossMeetingFixtures.hasCorpus)
    let ws = CrossMeetingFixtures.corpusWorkspace
    let histories = OpenItemsQuery.histories(in: ws)
    #expect(histories.allSatisfy { $0.meetings >= 1 && $0.lastSeen.line > 0 })
    #expect(
      histories.allSatisfy { item in
        guard let first = item.firstSeen.date, let last = item.lastSeen.date else { return true }
        return first <= last
      })
    let jk = PersonQueryResolution.people(named: "JK", in: ws)
    #expect(jk.count == 1)
    #expect(PersonQueryResolution.people(named: "jakirkham", in: ws) == jk)
    let mine = OpenItemsQuery.select(histories, filter: OpenItemsFilter(owners: Set(jk)))
    #expect(!mine.isEmpty)
    let overview = PeopleQuery.overview(in: ws, items: histories)
    #expect(overview.person(jk[0])?.openItems == mine.count)
    #expect(overview.sharedInitials.contains { $0.initials == "SC" })
    let open = histories.filter { $0.state == .open }
    // `items --stale` is what `--check` reports as `action-item.stale`.
    let reported = ws.heldDocuments.reduce(0) { $0 + CarryOverCheck.staleItems(in: $1, workspace: ws).count }
    #expect(open.filter(\.isStale).count == reported)
    // Shared initials of the 2020s settle by who attended then (`SC` is Sylvain Corlay until Sophia joins in 2025).
    let sc = open.filter { $0.owners.contains { $0.token == "SC" } }
    #expect(!sc.isEmpty && sc.allSatisfy { $0.owners.allSatisfy { $0.token != "SC" || $0.person != nil } })
    print(
      "corpus: \(histories.count) items, \(open.count) open (\(open.filter(\.isStale).count) stale, "
        + "action-item.stale \(reported)), \(sc.count) open SC items resolved, JK owns "
        + "\(mine.count); \(overview.people.count) people, shared initials "
        + overview.sharedInitials.map(\.initials).joined(separator: " "))
  }
}
