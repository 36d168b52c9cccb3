import Foundation
import Testing

@testable import NotesCore

/// The cross-meeting features over the real corpus (../shared/corpus/notes): the numbers the issue asks for.
@Suite struct CrossMeetingCorpusTests {
  let workspace = CrossMeetingFixtures.corpusWorkspace

  @Test func explore() throws {
    try #require(CrossMeetingFixtures.hasCorpus)
    let jk = workspace.people(withInitials: "JK")
    print("JK people:", jk.map { ($0.id, $0.names, $0.handles, $0.initials, $0.attendance.count) })
    let handle = workspace.people(withHandle: "jakirkham")
    print("jakirkham people:", handle.map { ($0.id, $0.names, $0.initials) })
    var dropped = 0
    var stale = 0
    var examples: [String] = []
    for uri in workspace.uris {
      guard let doc = workspace.document(uri) else { continue }
      let d = CarryOverCheck.droppedItems(in: doc, workspace: workspace)
      let s = CarryOverCheck.staleItems(in: doc, workspace: workspace)
      dropped += d.count
      stale += s.count
      if examples.count < 400 {
        for x in d.prefix(2) {
          examples.append("DROP \(doc.fileName) <- \(CrossMeetingFixtures.place(x.previousURI, x.item.range, in: workspace)) \(x.item.text)")
        }
        for x in s.prefix(1) { examples.append("STALE \(CrossMeetingFixtures.place(uri, x.range, in: workspace)) \(x.meetings) \(x.text)") }
      }
    }
    print("dropped", dropped, "stale", stale)
    for e in examples { print(e) }
  }
}

extension CrossMeetingCorpusTests {
  @Test func exploreNew() throws {
    for folder in ["conda-forge-core-minutes", "conda-community-meetings"] {
      let uri = CrossMeetingFixtures.corpusNotes.appendingPathComponent(folder).absoluteString
      guard let plan = NewMeeting.plan(folder: uri, workspace: workspace) else {
        Issue.record("no plan for \(uri)")
        continue
      }
      print("=== \(plan.fileName) \(plan.date) carried \(plan.carriedItems) after \(plan.previousURI ?? "-")")
      try plan.text.write(toFile: "/tmp/across/" + plan.fileName, atomically: true, encoding: .utf8)
    }
  }
}
