import Testing

@testable import NotesCore

@Suite struct PeopleJoinTests {
  typealias F = WorkspaceFixtures

  func workspace(_ notes: [NoteDocument], roster: String? = nil) -> NotesWorkspace {
    var workspace = NotesWorkspace()
    for note in notes { workspace.index(note) }
    if let roster { workspace.setRoster(name: "core.csv", text: roster) }
    return workspace
  }

  @Test func sameHandleIsOnePersonWhateverTheCase() {
    let ws = workspace([
      F.note("n/2020-01-01.md", date: F.day(2020, 1, 1), rows: [("John Kirkham", "JK", "jakirkham", "NVIDIA")]),
      F.note("n/2021-01-01.md", date: F.day(2021, 1, 1), rows: [("", "", "@JaKirkham", "")]),
    ])
    #expect(ws.people.count == 1)
    let john = ws.people(withHandle: "JAKIRKHAM")
    #expect(john.count == 1)
    #expect(john.first?.attendance.map(\.uri) == ["n/2020-01-01.md", "n/2021-01-01.md"])
    #expect(ws.people(withInitials: "jk").map(\.id) == john.map(\.id))
  }

  @Test func initialsWithCompatibleNamesJoinAndAccentsFold() {
    let ws = workspace([
      F.note("n/a.md", date: F.day(2020, 1, 1), rows: [("Matthew R Becker", "MRB", "", "")]),
      F.note("n/b.md", date: F.day(2020, 1, 8), rows: [("Matt Becker", "MRB.", "", "")]),
      F.note("n/c.md", date: F.day(2020, 1, 15), rows: [("Jaime Rodríguez-Guerra", "JRG", "jaimergp", "")]),
      F.note("n/d.md", date: F.day(2020, 1, 22), rows: [("Jaime Rodriguez-Guerra", "JRG", "", "")]),
      F.note("n/e.md", date: F.day(2020, 1, 29), rows: [("Matthew R Becker", "MRB", "", "")]),
    ])
    #expect(ws.people.count == 2)
    let matt = ws.people(withInitials: "MRB")
    #expect(matt.count == 1)
    #expect(matt.first?.names == ["Matthew R Becker", "Matt Becker"])
    #expect(matt.first?.attendance.count == 3)
    #expect(ws.people(named: "jaime").count == 1)
    #expect(ws.people(named: "Jaime Rodriguez-Guerra").count == 1)
    #expect(ws.people(named: "JAIME RODRÍGUEZ-GUERRA").first?.handles == ["jaimergp"])
  }

  @Test func initialsReusedByDifferentPeopleAreAmbiguous() {
    let ws = workspace([
      F.note("n/2017-01-01.md", date: F.day(2017, 1, 1), rows: [("Jonathan Helmus", "JH", "jjhelmus", "")]),
      F.note("n/2024-01-01.md", date: F.day(2024, 1, 1), rows: [("Jannik Hauser", "JH", "", "")]),
    ])
    let jh = ws.people(withInitials: "JH")
    #expect(jh.count == 2)
    #expect(Set(jh.map(\.displayName)) == ["Jonathan Helmus", "Jannik Hauser"])
  }

  @Test func nameOnlyEntriesJoinTheOnePersonTheyCanBe() {
    let ws = workspace([
      F.note(
        "n/a.md", date: F.day(2020, 1, 1),
        rows: [("Filipe Fernandes", "FF", "ocefpaf", ""), ("John Kirkham", "JK", "", "")]),
      F.note("n/b.md", date: F.day(2020, 1, 8), rows: [("John Blischak", "JB", "", "")]),
      F.note(
        "n/c.md", date: F.day(2020, 1, 15),
        rows: [("Filipe", "", "", ""), ("John K.", "", "", ""), ("John", "", "", "")]),
    ])
    let filipe = ws.people(withHandle: "ocefpaf")
    #expect(filipe.first?.attendance.map(\.uri) == ["n/a.md", "n/c.md"])
    let johnK = ws.people(withInitials: "JK")
    #expect(johnK.first?.names.contains("John K.") == true)
    // `John` alone could be John Kirkham or John Blischak: kept apart.
    #expect(ws.people(named: "John").count >= 2)
    #expect(ws.people.count == 4)
  }

  @Test func rosterLinesJoinByHandleOrByName() {
    let ws = workspace(
      [
        F.note("n/a.md", date: F.day(2020, 1, 1), rows: [("Isuru Fernando", "IF", "isuruf", "")]),
        F.note("n/b.md", date: F.day(2020, 1, 8), rows: [("Lori Burns", "LB", "", "")]),
      ],
      roster: "github_username,email,name\nisuruf,,Isuru Fernando\nloriab,,Lori A. Burns\nnobody,,Nobody Here\n")
    #expect(ws.people.count == 3)
    let lori = ws.people(withInitials: "LB")
    #expect(lori.first?.handles == ["loriab"])
    #expect(lori.first?.rosterEntries.map(\.line) == [2])
    #expect(ws.people(withHandle: "isuruf").first?.rosterEntries.count == 1)
    #expect(ws.people(withHandle: "nobody").first?.attendance.isEmpty == true)
  }

  @Test func handleTyposAreNotJoinedBySimilarity() {
    // Only a handle, no name or initials to join on: `jaimerg` stays apart from `jaimergp`.
    let apart = workspace([
      F.note("n/a.md", date: F.day(2020, 1, 1), rows: [("Jaime Rodríguez-Guerra", "JRG", "jaimergp", "")]),
      F.note("n/b.md", date: F.day(2020, 1, 8), rows: [("", "", "jaimerg", "")]),
    ])
    #expect(apart.people.count == 2)
    // With the same initials and name the rows are one person, who has both spellings, the usual one first.
    let joined = workspace([
      F.note("n/a.md", date: F.day(2020, 1, 1), rows: [("Jaime Rodríguez-Guerra", "JRG", "jaimergp", "")]),
      F.note("n/b.md", date: F.day(2020, 1, 8), rows: [("Jaime Rodríguez-Guerra", "JRG", "jaimergp", "")]),
      F.note("n/c.md", date: F.day(2020, 1, 15), rows: [("Jaime Rodriguez", "JRG", "jaimerg", "")]),
    ])
    #expect(joined.people.count == 1)
    #expect(joined.people.first?.handles == ["jaimergp", "jaimerg"])
  }

  @Test func affiliationsMostRecentFirst() {
    let ws = workspace([
      F.note("n/a.md", date: F.day(2020, 1, 1), rows: [("Cheng H. Lee", "CHL", "chenghlee", "Anaconda")]),
      F.note("n/b.md", date: F.day(2023, 1, 1), rows: [("Cheng H. Lee", "CHL", "chenghlee", "Anaconda/cf")]),
      F.note("n/c.md", date: F.day(2021, 1, 1), rows: [("Cheng H. Lee", "CHL", "chenghlee", "Anaconda")]),
    ])
    #expect(ws.people.first?.affiliations == ["Anaconda/cf", "Anaconda"])
  }

  @Test func removingAndReplacingNotesUpdatesPeople() {
    var ws = workspace([
      F.note("n/a.md", date: F.day(2020, 1, 1), rows: [("Ann Lee", "AL", "", "")]),
      F.note("n/b.md", date: F.day(2020, 1, 8), rows: [("Bob Ray", "BR", "", "")]),
    ])
    #expect(ws.people.count == 2)
    ws.remove(uri: "n/b.md")
    #expect(ws.people(withInitials: "BR").isEmpty)
    ws.index(F.note("n/a.md", date: F.day(2020, 1, 1), rows: [("Cy Doe", "CD", "", "")]))
    #expect(ws.people(withInitials: "AL").isEmpty)
    #expect(ws.people(withInitials: "CD").count == 1)
  }

  @Test func editingANoteWithoutChangingWhoItListsKeepsTheJoin() {
    var ws = NotesWorkspace()
    for i in 0..<200 {
      ws.index(
        F.note(
          "n/\(i).md", date: F.day(2000 + i / 12, i % 12 + 1, 1), rows: [("Person \(i % 17)", "", "p\(i % 17)", "")]))
    }
    let before = ws.peopleIndex
    ws.index(F.note("n/5.md", date: F.day(2000, 6, 1), title: "edited", rows: [("Person 5", "", "p5", "")]))
    #expect(ws.peopleIndex === before)
    // A person listed only in the edited note, listed again: still the same join.
    ws.index(F.note("n/only.md", date: F.day(2030, 1, 1), rows: [("Only Here", "OH", "", "")]))
    let withOnly = ws.peopleIndex
    ws.index(F.note("n/only.md", date: F.day(2030, 1, 1), title: "edited", rows: [("Only Here", "OH", "", "")]))
    #expect(ws.peopleIndex === withOnly)
    ws.index(F.note("n/5.md", date: F.day(2000, 6, 1), rows: [("Someone New", "SN", "", "")]))
    #expect(ws.peopleIndex !== withOnly)
    #expect(ws.people(withInitials: "SN").count == 1)
    ws.remove(uri: "n/only.md")
    #expect(ws.people(withInitials: "OH").isEmpty)
  }
}
