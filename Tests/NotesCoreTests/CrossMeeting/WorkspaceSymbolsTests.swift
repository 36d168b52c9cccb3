import Testing

@testable import NotesCore

/// Workspace symbols: meetings, people and open items; `@person` and `open:` queries.
@Suite struct WorkspaceSymbolsTests {
  let workspace = CrossMeetingFixtures.workspace(CrossMeetingNotes.all)

  @Test(arguments: ["@JK", "@jakirkham", "@jk", "@John Kirkham"])
  func aPersonsOpenItemsAcrossNotes(query: String) {
    // Names carry the query, so that editors filtering by it keep them.
    let prefix = query + " "
    let found = WorkspaceSymbols.search(query, in: workspace)
    #expect(found.allSatisfy { $0.name.hasPrefix(prefix) })
    let names = found.map { String($0.name.dropFirst(prefix.count)) }
    // The blog post item is open in all three conda-forge notes: listed once, where it was last seen (2024-02-07).
    #expect(
      Set(names)
        == [
          "(JK) write a blog post on CUDA stuff", "(JK/MRB) discuss CUDA 12 and the JK migration",
          "open the migration PR", "JK: port the docs", "(jakirkham) check the CUDA pins",
        ])
    let blog = WorkspaceSymbols.search(query, in: workspace).first { $0.name.contains("blog") }
    #expect(blog?.location.uri == CrossMeetingNotes.thirdURI)
    #expect(blog?.kind == .actionItem)
  }

  @Test func openListsEveryOpenItemOnceAndLeavesDoneOnesOut() {
    let names = WorkspaceSymbols.search("open:", in: workspace).map { String($0.name.dropFirst("open: ".count)) }
    // Welcome packets was ticked off on 2024-01-24: not open any more. Template items are not items.
    #expect(!names.contains { $0.contains("welcome packets") })
    #expect(names.filter { $0.contains("blog") }.count == 1)
    #expect(names.contains("- [ ]") == false)
    #expect(names.count == 9)
    #expect(WorkspaceSymbols.search("open: pins", in: workspace).first?.name == "open: (jakirkham) check the CUDA pins")
  }

  @Test func plainTextMatchesMeetingsPeopleAndItems() {
    let meetings = WorkspaceSymbols.search("2024-01-24", in: workspace)
    #expect(meetings.first?.kind == .meeting)
    #expect(meetings.first?.name == "conda-forge core meeting 2024-01-24")
    let people = WorkspaceSymbols.search("jaime", in: workspace)
    #expect(people.first?.kind == .person)
    #expect(people.first?.name == "Jaime Rodríguez-Guerra")
    #expect(people.first?.detail.contains("@jaimergp") == true)
    #expect(WorkspaceSymbols.search("@nobody", in: workspace).isEmpty)
    #expect(WorkspaceSymbols.search("zzzzqqq", in: workspace).isEmpty)
  }
}
