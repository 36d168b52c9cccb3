import Foundation
import Testing

@testable import NotesCore

/// Scores `action-item.dropped` against the hand-labelled pairs of real notes in `Truth/carryover/` (see its README):
/// every item labelled dropped must be reported (itself, or through the item it is nested in), and no item labelled
/// carried, done or placeholder may be.
@Suite struct CarryOverTruthTests {
  struct Row {
    var file: String
    var line: Int
    var verdict: String
    var next: String
  }

  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("carryover")

  static func rows() throws -> [Row] {
    let text = try String(contentsOf: folder.appendingPathComponent("carryover.tsv"), encoding: .utf8)
    return text.split(separator: "\n").dropFirst().compactMap { line in
      let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard cells.count >= 6, let number = Int(cells[1]) else { return nil }
      return Row(file: cells[0], line: number, verdict: cells[3], next: cells[5])
    }
  }

  @Test func droppedItemsAgainstTheLabelledPairs() throws {
    try #require(CrossMeetingFixtures.hasCorpus)
    let rows = try Self.rows()
    let workspace = CrossMeetingFixtures.corpusWorkspace
    func uri(_ file: String) -> String { CrossMeetingFixtures.corpusNotes.appendingPathComponent(file).absoluteString }
    // The lines each later note's findings point at in its previous note.
    var reported: [String: Set<Int>] = [:]
    for next in Set(rows.map(\.next)) {
      guard let document = workspace.document(uri(next)) else { continue }
      var lines = Set<Int>()
      for diagnostic in workspace.diagnostics(for: document.uri) where diagnostic.code == .actionItemDropped {
        for related in diagnostic.related { lines.insert(related.line + 1) }
      }
      reported[next] = lines
    }
    var found = 0
    var missed: [String] = []
    var falseAlarms: [String] = []
    var counts: [String: Int] = [:]
    for row in rows {
      counts[row.verdict, default: 0] += 1
      let lines = reported[row.next] ?? []
      if row.verdict == "dropped" {
        // Reported itself, or through the item it is nested in (carrying the parent carries it).
        var ancestors = [row.line]
        if let document = workspace.document(uri(row.file)) {
          let source = document.source
          var current = document.items.firstIndex {
            source.line(containingUTF8Offset: $0.range.utf8Start) + 1 == row.line
          }
          while let index = current, let parent = document.items[index].parent {
            ancestors.append(source.line(containingUTF8Offset: document.items[parent].range.utf8Start) + 1)
            current = parent
          }
        }
        if ancestors.contains(where: lines.contains) { found += 1 } else { missed.append("\(row.file):\(row.line)") }
      } else if lines.contains(row.line) {
        falseAlarms.append("\(row.file):\(row.line) (\(row.verdict))")
      }
    }
    let dropped = counts["dropped"] ?? 0
    let notDropped = rows.count - dropped
    print(
      "carry-over truth: \(Set(rows.map(\.file)).count) pairs, \(rows.count) items (\(counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))); "
        + "dropped found \(found)/\(dropped) (recall \(dropped == 0 ? 1 : Double(found) / Double(dropped))); "
        + "false alarms \(falseAlarms.count)/\(notDropped)")
    if !missed.isEmpty { print("  missed:", missed.joined(separator: ", ")) }
    if !falseAlarms.isEmpty { print("  false alarms:", falseAlarms.joined(separator: ", ")) }
    #expect(Set(rows.map(\.file)).count >= 40)
    #expect(missed.isEmpty)
    #expect(falseAlarms.count <= 2)
  }
}
