import Testing

@testable import NotesCore

/// Inlay hints (full names after initials, a setting off by default) and code lenses on carry-over sections.
@Suite struct InlineHintsTests {
  @Test func inlayHintsAreOffByDefault() throws {
    let workspace = CrossMeetingFixtures.workspace(CrossMeetingNotes.all)
    let document = try #require(workspace.document(CrossMeetingNotes.firstURI))
    let all = TextRange(utf8Start: 0, utf8End: document.source.bytes.count)
    #expect(InlineHints.inlayHints(in: document, range: all, workspace: workspace).isEmpty)
  }

  @Test func inlayHintsShowTheFullNameAfterOwnerInitials() throws {
    let workspace = CrossMeetingFixtures.workspace(CrossMeetingNotes.all, settings: NotesSettings(inlayHints: true))
    let document = try #require(workspace.document(CrossMeetingNotes.firstURI))
    let text = document.source.string
    let all = TextRange(utf8Start: 0, utf8End: document.source.bytes.count)
    let hints = InlineHints.inlayHints(in: document, range: all, workspace: workspace)
    // Owners only (attendee rows show the name already): (JK), (MRB), (ED), (JK), (JK/MRB) → 6 tokens.
    #expect(hints.count == 6)
    let first = try #require(hints.first)
    #expect(first.position == CrossMeetingFixtures.offset(of: "(JK) write", in: text, plus: 3))
    #expect(first.label == "John Kirkham")
    #expect(first.tooltip.contains("@jakirkham"))
    // A range selects the hints inside it.
    let line = CrossMeetingFixtures.offset(of: "- [ ] (JK/MRB)", in: text)
    let some = InlineHints.inlayHints(
      in: document, range: TextRange(utf8Start: line, utf8End: line + 20), workspace: workspace)
    #expect(some.map(\.label) == ["John Kirkham", "Matthew R. Becker"])
  }

  @Test func codeLensCountsWhatThePreviousMeetingLeftOpen() throws {
    let workspace = CrossMeetingFixtures.workspace(CrossMeetingNotes.all)
    let second = try #require(workspace.document(CrossMeetingNotes.secondURI))
    let lenses = InlineHints.codeLenses(in: second, workspace: workspace)
    #expect(lenses.map(\.title) == ["3 open items from 2024-01-10 · 1 not carried over"])
    #expect(lenses.first?.target?.uri == CrossMeetingNotes.firstURI)
    #expect(second.source.text(in: lenses[0].range).hasPrefix("### From previous meeting(s)"))
    let first = try #require(workspace.document(CrossMeetingNotes.firstURI))
    #expect(InlineHints.codeLenses(in: first, workspace: workspace).isEmpty)
  }
}
