import Testing

@testable import NotesCore

/// References of a person and rename of their initials over a workspace of several notes.
@Suite struct ReferencesAndRenameTests {
  let workspace = CrossMeetingFixtures.workspace(CrossMeetingNotes.all)

  func texts(_ locations: [NoteLocation]) -> [String] {
    locations.map { location in
      let document = workspace.document(location.uri)!
      return "\(document.fileName):\(document.source.line(containingUTF8Offset: location.range.utf8Start) + 1) "
        + document.source.text(in: location.range)
    }
  }

  @Test func jkAndJakirkhamAreOnePerson() throws {
    let byInitials = workspace.people(withInitials: "JK").map(\.id)
    let byHandle = workspace.people(withHandle: "jakirkham").map(\.id)
    #expect(byInitials.count == 1)
    #expect(byInitials == byHandle)
  }

  @Test(arguments: [
    // From initials in an owner, from a handle owner, from an attendee row's name cell, from a `JK:` prefix.
    (CrossMeetingNotes.secondURI, "(JK) Write", 1),
    (CrossMeetingNotes.condaURI, "(jakirkham)", 3),
    (CrossMeetingNotes.firstURI, "| John Kirkham", 4),
    (CrossMeetingNotes.condaURI, "JK: port", 0),
    // A bare `JK` in prose under the cursor still names the person.
    (CrossMeetingNotes.condaURI, "JK said", 1),
  ])
  func referencesOfJKFromAnywhere(uri: String, needle: String, plus: Int) throws {
    let document = try #require(workspace.document(uri))
    let offset = CrossMeetingFixtures.offset(of: needle, in: document.source.string, plus: plus)
    let found = try #require(PersonReferences.find(at: offset, in: document, workspace: workspace))
    // Every structural mention — each cell of the attendee rows, owners, `JK:` — and the nested item that inherits JK
    // as owner; nothing from the code block (`(JK) not an owner in code`) or prose (`JK migration`, `JK said`).
    let expected = [
      "2024-01-10.md:12 John Kirkham", "2024-01-10.md:12 JK", "2024-01-10.md:12 jakirkham", "2024-01-10.md:20 JK",
      "2024-01-10.md:23 JK", "2024-01-10.md:27 JK", "2024-01-10.md:28 open the migration PR",
      "2024-01-24.md:12 John Kirkham", "2024-01-24.md:12 JK", "2024-01-24.md:12 jakirkham", "2024-01-24.md:19 JK",
      "2024-02-07.md:10 John Kirkham", "2024-02-07.md:10 JK", "2024-02-07.md:10 jakirkham", "2024-02-07.md:16 JK",
      "20240116_agenda_and_minutes.md:8 JK", "20240116_agenda_and_minutes.md:8 John Kirkham",
      "20240116_agenda_and_minutes.md:8 jakirkham", "20240116_agenda_and_minutes.md:13 JK",
      "20240116_agenda_and_minutes.md:14 jakirkham",
    ]
    #expect(texts(found) == expected)
  }

  @Test func openItemsOfAPerson() throws {
    let document = try #require(workspace.document(CrossMeetingNotes.firstURI))
    let jk = try #require(workspace.people(withInitials: "JK").first)
    let open = PersonReferences.openItems(of: jk.id, in: document, workspace: workspace)
      .map { document.text(of: document.items[$0]) }
    #expect(
      open == [
        "(JK) write a blog post on CUDA stuff", "(JK/MRB) discuss CUDA 12 and the JK migration",
        "open the migration PR",
      ])
  }

  // MARK: - Rename

  @Test func prepareRenameOnlyOnInitials() throws {
    let document = try #require(workspace.document(CrossMeetingNotes.firstURI))
    let text = document.source.string
    let target = try InitialsRename.prepare(
      in: document, at: CrossMeetingFixtures.offset(of: "(JK)", in: text, plus: 2), workspace: workspace)
    #expect(document.source.text(in: target.range) == "JK")
    #expect(throws: CrossMeetingError.self) {
      try InitialsRename.prepare(
        in: document, at: CrossMeetingFixtures.offset(of: "write a blog", in: text, plus: 2), workspace: workspace)
    }
    let conda = try #require(workspace.document(CrossMeetingNotes.condaURI))
    #expect(throws: CrossMeetingError.self) {
      // A handle is not initials.
      try InitialsRename.prepare(
        in: conda, at: CrossMeetingFixtures.offset(of: "(jakirkham)", in: conda.source.string, plus: 3),
        workspace: workspace)
    }
  }

  @Test func renameChangesExactlyTheInitialsMentions() throws {
    let document = try #require(workspace.document(CrossMeetingNotes.secondURI))
    let offset = CrossMeetingFixtures.offset(of: "(JK)", in: document.source.string, plus: 1)
    let edits = try InitialsRename.rename(in: document, at: offset, to: "JAK", workspace: workspace)
    // 2024-01-10: cell, 3 owners (JK), (JK), (JK/MRB); 2024-01-24: cell, owner; 2024-02-07: cell, owner;
    // conda: `1. JK:` attendee, `JK:` owner.
    #expect(edits.count == 10)
    var byURI: [String: [NoteTextEdit]] = [:]
    for edit in edits { byURI[edit.uri, default: []].append(edit) }
    let renamed = NoteTextEdit.apply(byURI[CrossMeetingNotes.firstURI] ?? [], to: CrossMeetingNotes.first)
    #expect(renamed.contains("| John Kirkham | JAK | jakirkham |"))
    #expect(renamed.contains("- [ ] (JAK/MRB) discuss CUDA 12 and the JK migration"))
    #expect(renamed.contains("(JK) not an owner in code"))
    let conda = NoteTextEdit.apply(byURI[CrossMeetingNotes.condaURI] ?? [], to: CrossMeetingNotes.conda)
    #expect(conda.contains("1. JAK: John Kirkham (@jakirkham)"))
    #expect(conda.contains("- [ ] JAK: port the docs"))
    #expect(conda.contains("JK said that prose"))
  }

  @Test(arguments: ["jk", "J", "JKLMN", "J.K", "MRB"])
  func renameRefusesBadOrTakenInitials(newName: String) throws {
    let document = try #require(workspace.document(CrossMeetingNotes.secondURI))
    let offset = CrossMeetingFixtures.offset(of: "(JK)", in: document.source.string, plus: 1)
    #expect(throws: CrossMeetingError.self) {
      try InitialsRename.rename(in: document, at: offset, to: newName, workspace: workspace)
    }
  }
}
