import Testing

@testable import NotesCore

/// A note text with expected ranges marked `⟦…⟧`, and the code expected at each marker, in order.
struct DiagnosticFixture {
  /// The note text with the markers removed.
  let text: String
  /// The marked ranges (UTF-8 offsets into `text`), in order.
  let ranges: [TextRange]

  init(_ marked: String) {
    var bytes: [UInt8] = []
    var ranges: [TextRange] = []
    var open: [Int] = []
    for scalar in marked.unicodeScalars {
      if scalar == "⟦" {
        open.append(bytes.count)
      } else if scalar == "⟧", let start = open.popLast() {
        ranges.append(TextRange(utf8Start: start, utf8End: bytes.count))
      } else {
        bytes.append(contentsOf: Array(String(scalar).utf8))
      }
    }
    self.text = String(decoding: bytes, as: UTF8.self)
    self.ranges = ranges.sorted()
  }

  /// `text` with `⟦…⟧ code` around the given findings, for failure messages.
  static func render(_ text: String, _ findings: [(DiagnosticCode, TextRange)]) -> String {
    let source = SourceText(text)
    return findings.map { code, range in
      let (line, column) = source.oneBasedLineColumn(ofUTF8Offset: range.utf8Start)
      return "\(line):\(column) \(code) ⟦\(source.text(in: range))⟧"
    }.joined(separator: "\n")
  }
}

/// Parses the fixture as the note at `uri` in `workspace` (after the workspace's other notes) and expects exactly the
/// marked findings — the code at each marker, in position order. `only` limits the comparison to some codes.
func checkDiagnostics(
  _ marked: String, _ expected: [DiagnosticCode], uri: String = "notes/2024-01-10.md",
  workspace: NotesWorkspace = NotesWorkspace(), only: Set<DiagnosticCode>? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let fixture = DiagnosticFixture(marked)
  #expect(
    fixture.ranges.count == expected.count, "fixture has \(fixture.ranges.count) markers for \(expected.count) codes",
    sourceLocation: sourceLocation)
  var ws = workspace
  ws.update(uri: uri, text: fixture.text)
  let actual = ws.diagnostics(for: uri).filter { only?.contains($0.code) ?? true }
  let got = actual.map { ($0.code, $0.range) }
  let want = zip(expected, fixture.ranges).map { ($0, $1) }
  let same = got.count == want.count && zip(got, want).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
  #expect(
    same,
    """

    expected:
    \(DiagnosticFixture.render(fixture.text, want))
    got:
    \(DiagnosticFixture.render(fixture.text, got))
    """,
    sourceLocation: sourceLocation)
  for diagnostic in actual {
    #expect(!diagnostic.message.isEmpty, sourceLocation: sourceLocation)
    #expect(diagnostic.range.utf8End <= fixture.text.utf8.count, sourceLocation: sourceLocation)
  }
}
