import Testing

@testable import NotesCore

/// Every cross-meeting feature at every offset of odd texts: CRLF, a BOM, no final newline, tabs, emoji and
/// `Rodríguez` before owners, random bytes. Nothing may trap; edits must stay inside the text.
@Suite struct CrossMeetingRobustnessTests {
  static let odd: [String] = [
    "\u{FEFF}# 2024-01-10 Meeting\r\n\r\n## Attendees\r\n\r\n| Name | Initials |\r\n| -- | -- |\r\n| Jaime Rodríguez 🎉 | JRG |\r\n\r\nX people total\r\n\r\n### From previous meeting(s)\r\n\r\n- [ ] (JRG) 🎉 thing\r\n\t- [ ] nested\r\n",
    "# 2024-01-24 Meeting\n\n[last weeks meeting]() None!\n\n## Attendees\n\n* Jaime Rodríguez-Guerra (JRG) (jaimergp)\n\n### From previous meeting(s)\n- [ ] (jrg.) 🎉 Rodríguez\n- [] (",
    "# 2024-02-07\n|\n||\n- [ ] (\n- [ ] ()\n- [x] JRG:\n1 people total\n## \n### From previous meeting(s)",
    String(decoding: (0..<600).map { UInt8(truncatingIfNeeded: ($0 &* 7919) ^ ($0 >> 3)) }, as: UTF8.self),
  ]

  @Test func everyFeatureAtEveryOffset() throws {
    let notes = Self.odd.enumerated().map { ("file:///ws/odd/2024-0\($0.offset + 1)-10.md", $0.element) }
    let workspace = CrossMeetingFixtures.workspace(notes, settings: NotesSettings(inlayHints: true))
    for (uri, text) in notes {
      let document = try #require(workspace.document(uri))
      let count = document.source.bytes.count
      let all = TextRange(utf8Start: 0, utf8End: count)
      for offset in stride(from: 0, through: count, by: 3) {
        _ = PersonReferences.find(at: offset, in: document, workspace: workspace)
        _ = try? InitialsRename.rename(in: document, at: offset, to: "ZZ", workspace: workspace)
        for action in CodeActions.actions(
          in: document, range: TextRange(utf8Start: offset, utf8End: min(count, offset + 5)), workspace: workspace)
        {
          for edit in action.edits where edit.uri == uri {
            #expect(edit.range.utf8Start >= 0 && edit.range.utf8End <= count)
          }
          _ = NoteTextEdit.apply(action.edits.filter { $0.uri == uri }, to: text)
        }
      }
      _ = InlineHints.inlayHints(in: document, range: all, workspace: workspace)
      _ = InlineHints.codeLenses(in: document, workspace: workspace)
      _ = CarryOverCheck.diagnostics(for: document, workspace: workspace)
      let plan = NewMeeting.plan(previous: document, date: MeetingDate(year: 2024, month: 3, day: 6))
      #expect(plan.text.hasSuffix("\n"))
      _ = NewMeeting.plan(previous: document, date: MeetingDate(year: 2024, month: 3, day: 6), template: text)
    }
    for query in ["", "@", "@JRG", "open:", "open: 🎉", "Rodríguez", "\u{0}"] {
      _ = WorkspaceSymbols.search(query, in: workspace)
    }
  }

  @Test(arguments: ["{{ date.strftime(\"%Y\") ", "{{", "}}{{ }}", "{{ date.strftime('%-m/%-d %%') }}", "%"])
  func templatesNeverTrap(template: String) {
    let filled = NewMeeting.fillTemplate(template, date: MeetingDate(year: 2024, month: 7, day: 4))
    #expect(!filled.isEmpty)
  }
}
