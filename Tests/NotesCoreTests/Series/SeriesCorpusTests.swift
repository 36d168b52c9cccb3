import Testing

@testable import NotesCore

/// The series model over the real corpus: which notes are one-offs, where the gaps are.
@Suite struct SeriesCorpusTests {
  @Test func corpusSeriesOneOffsAndGaps() throws {
    try #require(CrossMeetingFixtures.hasCorpus)
    let workspace = CrossMeetingFixtures.corpusWorkspace
    var oneOffs: [String] = []
    var gaps: [String] = []
    var seriesSizes: [String: Set<Int>] = [:]
    for uri in workspace.uris {
      guard let summary = workspace.summary(uri), summary.seriesKey != nil else { continue }
      if workspace.isOneOff(uri) { oneOffs.append(summary.fileName) }
      seriesSizes[summary.folder, default: []].insert(workspace.series(of: uri).count)
      if let step = workspace.precedingMeeting(of: uri), let gap = step.gap {
        gaps.append("\(summary.fileName) ← \(step.date): \(gap)")
      }
    }
    print("one-offs:", oneOffs)
    print("gaps:", gaps.count, gaps)
    print("series sizes:", seriesSizes)
    #expect(oneOffs.contains("20200721_agenda_and_minutes.md"))
  }
}
