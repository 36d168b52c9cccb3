import Testing

@testable import NotesCore

/// Code actions as core values: each applied to its note gives the expected text.
@Suite struct CodeActionsTests {
  let workspace = CrossMeetingFixtures.workspace(CrossMeetingNotes.all)

  func actions(_ uri: String, at needle: String) throws -> (NoteDocument, [NoteCodeAction]) {
    let document = try #require(workspace.document(uri))
    let offset = CrossMeetingFixtures.offset(of: needle, in: document.source.string, plus: 1)
    return (
      document,
      CodeActions.actions(in: document, range: TextRange(utf8Start: offset, utf8End: offset), workspace: workspace)
    )
  }

  func applied(_ action: NoteCodeAction?, to document: NoteDocument) -> String {
    NoteTextEdit.apply(action?.edits ?? [], to: document.source.string)
  }

  @Test(arguments: [
    // (note, cursor at, action title starts with, text expected after applying it)
    (CrossMeetingNotes.secondURI, "nobody owns", "Assign to JK", "- [ ] (JK) nobody owns this yet"),
    (CrossMeetingNotes.secondURI, "(Eric)", "Write Eric as ED", "- [ ] (ED) email the list about the move"),
    (CrossMeetingNotes.secondURI, "MRB.", "Write MRB. as MRB", "| Matthew R. Becker | MRB  | beckermr |"),
    (CrossMeetingNotes.secondURI, "1 people", "Change the headcount", "2 people total"),
    (CrossMeetingNotes.thirdURI, "X people", "Fill in the headcount", "1 people total"),
    (CrossMeetingNotes.secondURI, "Last week", "Link to the previous meeting", "[Last week's meeting](2024-01-10.md)"),
    (CrossMeetingNotes.secondURI, "From previous", "Carry over “pinning", "- [ ] (MRB) pinning epochs draft CFEP\n"),
  ])
  func quickFix(uri: String, cursor: String, title: String, expected: String) throws {
    let (document, actions) = try actions(uri, at: cursor)
    let action = actions.first { $0.title.hasPrefix(title) }
    #expect(action != nil, "no \(title) in \(actions.map(\.title))")
    #expect(action?.kind == .quickFix)
    #expect(applied(action, to: document).contains(expected))
  }

  @Test func safeFixesAreTheOnesWithOneRightAnswer() throws {
    let second = try #require(workspace.document(CrossMeetingNotes.secondURI))
    let safe = CodeActions.safeFixes(in: second, workspace: workspace)
    #expect(Set(safe.compactMap(\.fixes)) == [.initialsMalformed, .attendeesCountMismatch, .previousLinkPlaceholder])
    let fixed = NoteTextEdit.apply(safe.flatMap(\.edits), to: second.source.string)
    #expect(fixed.contains("| MRB  |") && fixed.contains("2 people total") && fixed.contains("(2024-01-10.md)"))
    // Unsafe ones stay as they are.
    #expect(fixed.contains("(Eric)") && fixed.contains("- [ ] nobody owns"))
    let all = CodeActions.actions(in: second, range: TextRange(utf8Start: 0, utf8End: 0), workspace: workspace)
    #expect(all.contains { $0.kind == .sourceFixAll && $0.isSafe })
  }

  @Test func carryOverSourceActionAndAttendeesTable() throws {
    let bare = """
      # 2024-02-21 conda-forge core meeting

      ### Your __new__() agenda items

      - [ ] (JK) something

      """
    var workspace = self.workspace
    let uri = CrossMeetingNotes.cfFolder + "2024-02-21.md"
    let document = workspace.update(uri: uri, text: bare)
    let whole = TextRange(utf8Start: 0, utf8End: bare.utf8.count)
    let actions = CodeActions.actions(in: document, range: whole, workspace: workspace)
    let table = try #require(actions.first { $0.fixes == .attendeesMissing })
    let withTable = NoteTextEdit.apply(table.edits, to: bare)
    #expect(withTable.contains("## Attendees\n\n| Name | Initials | GitHub ID | Affiliation |\n| ---- |"))
    let carry = try #require(actions.first { $0.kind == .source && $0.title.hasPrefix("Carry over") })
    #expect(carry.title == "Carry over the 1 open items from 2024-02-07")
    let carried = NoteTextEdit.apply(carry.edits, to: bare)
    #expect(carried.contains("## From previous meetings\n\n- [ ] (JK) write a blog post on CUDA stuff\n\n### Your"))
  }
}
