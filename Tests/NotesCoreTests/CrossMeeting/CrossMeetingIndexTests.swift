import Foundation
import Testing

@testable import NotesCore

/// The cached cross-meeting answers (`CrossMeetingIndex`) equal the uncached ones (`PersonReferences`,
/// `InitialsRename`, `WorkspaceSymbols`), before and after notes change, arrive and go.
@Suite struct CrossMeetingIndexTests {
  static let queries = ["open:", "open: cuda", "meeting", "jk", "", "@", "@nobody-at-all", "pin"]

  /// Compares every answer of `index` with the uncached one on `workspace`.
  func expectSameAnswers(
    _ index: CrossMeetingIndex, _ workspace: NotesWorkspace, people limit: Int = .max, renames: Int = 3,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let people = Array(workspace.people.prefix(limit))
    for person in people {
      let cached = index.references(to: person.id, in: workspace)
      #expect(cached == PersonReferences.find(person.id, in: workspace), sourceLocation: sourceLocation)
      var tokens = person.initials.map { "@" + $0 } + person.handles.prefix(1).map { "@" + $0 }
      tokens += person.names.prefix(1).map { "@" + $0 }
      for query in tokens {
        #expect(
          index.symbols(query, in: workspace) == WorkspaceSymbols.search(query, in: workspace),
          "query \(query)", sourceLocation: sourceLocation)
      }
    }
    for query in Self.queries {
      #expect(
        index.symbols(query, in: workspace) == WorkspaceSymbols.search(query, in: workspace), "query \(query)",
        sourceLocation: sourceLocation)
    }
    // Rename and references at the first few initials mentions of every note.
    var tried = 0
    for uri in workspace.uris {
      guard let document = workspace.document(uri), tried < renames * 40 else { continue }
      for mention in document.mentions.prefix(renames) where mention.kind == .initials {
        tried += 1
        let offset = mention.range.utf8Start
        #expect(
          index.references(at: offset, in: document, workspace: workspace, includeDeclaration: false)
            == PersonReferences.find(at: offset, in: document, workspace: workspace, includeDeclaration: false),
          sourceLocation: sourceLocation)
        let cached = Result { () throws(CrossMeetingError) in
          try index.rename(in: document, at: offset, to: "QXZ", workspace: workspace)
        }
        let uncached = Result { () throws(CrossMeetingError) in
          try InitialsRename.rename(in: document, at: offset, to: "QXZ", workspace: workspace)
        }
        #expect(String(describing: cached) == String(describing: uncached), sourceLocation: sourceLocation)
      }
    }
  }

  @Test func fixtureAnswersMatchAcrossEdits() {
    var workspace = CrossMeetingFixtures.workspace(CrossMeetingNotes.all)
    let index = CrossMeetingIndex()
    expectSameAnswers(index, workspace)
    // A note changes: an item is ticked off, an owner changes hands.
    let changed = CrossMeetingNotes.third.replacingOccurrences(of: "- [ ]", with: "- [x]")
      .replacingOccurrences(of: "(JK)", with: "(MRB)")
    workspace.update(uri: CrossMeetingNotes.thirdURI, text: changed)
    expectSameAnswers(index, workspace)
    // A note is added (a later meeting that reopens items), another removed.
    workspace.update(
      uri: CrossMeetingNotes.cfFolder + "2024-02-21.md",
      text: CrossMeetingNotes.second.replacingOccurrences(of: "2024-01-24", with: "2024-02-21"))
    expectSameAnswers(index, workspace)
    workspace.remove(uri: CrossMeetingNotes.firstURI)
    expectSameAnswers(index, workspace)
    // With a generation: unchanged while it stays, refreshed when it moves.
    workspace.update(uri: CrossMeetingNotes.secondURI, text: CrossMeetingNotes.second + "\n- [ ] (JK) new thing\n")
    #expect(index.symbols("@JK", in: workspace, generation: 7) == WorkspaceSymbols.search("@JK", in: workspace))
    #expect(index.symbols("@JK", in: workspace, generation: 7) == WorkspaceSymbols.search("@JK", in: workspace))
  }

  @Test func corpusAnswersMatchAcrossEdits() throws {
    try #require(CrossMeetingFixtures.hasCorpus)
    var workspace = CrossMeetingFixtures.corpusWorkspace
    let index = CrossMeetingIndex()
    expectSameAnswers(index, workspace, people: 25)
    // Edit the newest note of the largest series, remove an older one, add a copy under a new date.
    let uris = workspace.uris.filter { $0.contains("conda-forge-core-minutes") }
    let newest = try #require(uris.last)
    let text = String(decoding: try #require(workspace.document(newest)).source.bytes, as: UTF8.self)
    workspace.update(uri: newest, text: text.replacingOccurrences(of: "- [ ]", with: "- [x]"))
    workspace.remove(uri: uris[uris.count / 2])
    workspace.update(uri: newest.replacingOccurrences(of: ".md", with: "-copy.md"), text: text + "\n- [ ] (JK) more\n")
    expectSameAnswers(index, workspace, people: 25)
  }
}
