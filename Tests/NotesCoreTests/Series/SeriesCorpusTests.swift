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
    // The conda kick-off and six conda-forge specials of 2016–2019 (`Exceptional meeting regarding …`, `Compiler
    // special meeting`, `Operational catchup`, `compiler meeting notes`, `core dev meeting`) are one-offs.
    #expect(
      oneOffs.sorted() == [
        "2016-04-22.md", "2016-05-09.md", "2016-06-09.md", "2016-11-17.md", "2017-11-16.md", "2019-06-26.md",
        "20200721_agenda_and_minutes.md",
      ])
    // One series per folder: renames (`General discussion` → `conda-forge meeting` → `conda-forge core meeting`,
    // `Conda Community Meeting` → `Conda Ecosystem Meeting`) do not cut it.
    #expect(seriesSizes.values.map { $0.max() ?? 0 }.sorted() == [120, 132])
    let conda = CrossMeetingFixtures.corpusNotes.appendingPathComponent("conda-community-meetings/")
    #expect(
      workspace.previousMeetingURI(of: conda.appendingPathComponent("20260107-conda-ecosystem.md").absoluteString)
        == conda.appendingPathComponent("20251203_agenda_and_minutes.md").absoluteString)
    // Gaps: meetings missing from the folder (two or more intervals) or named by the note and not held.
    #expect(gaps.count == 19)
    #expect(gaps.contains { $0.hasPrefix("20201201_agenda_and_minutes.md ← 2020-11-02: namedMeeting(2020-11-17)") })
  }
}
