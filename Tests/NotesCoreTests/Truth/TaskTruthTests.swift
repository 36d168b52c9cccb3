import Foundation
import Testing

@testable import NotesCore

/// Scores `action-item.unowned` against task lines of the real corpus labelled by reading them
/// (Truth/tasks/tasks.tsv; how the rows were chosen and labelled is in Truth/tasks/README.md).
@Suite struct TaskTruthTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("tasks")

  struct Row {
    var file: String
    var line: Int
    var text: String
    var label: String
    var note: String
  }

  static func rows() throws -> [Row] {
    let text = try String(contentsOf: folder.appendingPathComponent("tasks.tsv"), encoding: .utf8)
    return text.split(separator: "\n").dropFirst().compactMap { line in
      let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard cells.count == 5, let number = Int(cells[1]) else { return nil }
      return Row(file: cells[0], line: number, text: cells[2], label: cells[3], note: cells[4])
    }
  }

  @Test func unownedTasksAreFoundAndNothingElseIsFlagged() throws {
    let rows = try Self.rows()
    try #require(rows.count >= 400, "truth set not found at \(Self.folder.path)")
    let files = CorpusDiagnosticsTests.noteFiles()
    try #require(files.count > 200, "corpus not found")
    let ws = CorpusDiagnosticsTests.workspace(files)
    var flagged = Set<String>()
    var lineTexts: [String: [Substring]] = [:]
    for file in Set(rows.map(\.file)) {
      let decoded = CorpusDiagnosticsTests.read(file)
      let document = NoteParser.parse(uri: file, text: decoded.text)
      lineTexts[file] = decoded.text.split(separator: "\n", omittingEmptySubsequences: false)
      for diagnostic in ws.diagnostics(for: document) where diagnostic.code == .actionItemUnowned {
        flagged.insert("\(file):\(document.source.line(containingUTF8Offset: diagnostic.range.utf8Start) + 1)")
      }
    }
    var counts: [String: Int] = [:]
    var hits: [String: Int] = [:]
    var misses: [String] = []
    var falseAlarms: [String] = []
    for row in rows {
      let lines = lineTexts[row.file] ?? []
      let actual = row.line - 1 < lines.count ? lines[row.line - 1].trimmingCharacters(in: .whitespaces) : ""
      #expect(actual == row.text, "\(row.file):\(row.line) no longer reads as labelled")
      counts[row.label, default: 0] += 1
      let isFlagged = flagged.contains("\(row.file):\(row.line)")
      if isFlagged { hits[row.label, default: 0] += 1 }
      if row.label == "unowned" && !isFlagged { misses.append("\(row.file):\(row.line) \(row.text.prefix(90))") }
      if row.label != "unowned" && isFlagged {
        falseAlarms.append("\(row.file):\(row.line) [\(row.label)] \(row.text.prefix(90))")
      }
    }
    let unowned = counts["unowned", default: 0]
    let recall = unowned == 0 ? 0 : Double(hits["unowned", default: 0]) / Double(unowned)
    let tasks = unowned + counts["owned", default: 0] + counts["done", default: 0]
    print(
      """
      task truth set: \(rows.count) lines (\(tasks) tasks: \(unowned) unowned, \(counts["owned", default: 0]) owned, \
      \(counts["done", default: 0]) done; \(counts["topic", default: 0]) topics)
      action-item.unowned: recall \(String(format: "%.3f", recall)) (\(hits["unowned", default: 0])/\(unowned)); \
      flagged owned \(hits["owned", default: 0]), done \(hits["done", default: 0]), topic \(hits["topic", default: 0])
      """)
    for miss in misses { print("  missed: \(miss)") }
    for alarm in falseAlarms { print("  false alarm: \(alarm)") }
    #expect(tasks >= 300 && counts["topic", default: 0] >= 100)
    #expect(recall >= 0.95, "recall \(recall): \(misses.prefix(10))")
    #expect(falseAlarms.isEmpty, "\(falseAlarms.prefix(10))")
  }
}
