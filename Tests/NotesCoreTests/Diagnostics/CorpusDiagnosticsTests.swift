import Foundation
import Testing

@testable import NotesCore

/// The diagnostics over the whole real corpus, as `--check` computes them (index every note, then check each again),
/// compared with a golden file; plus the issue's promises about owners, checked against the raw text.
@Suite struct CorpusDiagnosticsTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let corpus = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
  static let golden = packageRoot.appendingPathComponent("Tests/NotesCoreTests/Golden/corpus-diagnostics.txt")

  struct Finding {
    var path: String
    var line: Int
    var column: Int
    var diagnostic: Diagnostic
    var lineText: String
  }

  /// Every `.md` file under the corpus notes, relative paths, sorted.
  static func noteFiles() -> [String] {
    let notes = corpus.appendingPathComponent("notes").path
    guard let enumerator = FileManager.default.enumerator(atPath: notes) else { return [] }
    var files: [String] = []
    while let path = enumerator.nextObject() as? String {
      if path.hasSuffix(".md") { files.append(path) }
    }
    return files.sorted()
  }

  static func read(_ relative: String) -> DecodedText {
    let url = corpus.appendingPathComponent("notes").appendingPathComponent(relative)
    return DecodedText(bytes: (try? Data(contentsOf: url)) ?? Data())
  }

  /// The workspace `--check` would build: rosters, registries, every note indexed.
  static func workspace(_ files: [String]) -> NotesWorkspace {
    var ws = NotesWorkspace()
    for roster in ["core.csv", "emeritus.csv", "conda-steering.csv", "conda-emeritus.csv"] {
      let text = (try? String(contentsOf: corpus.appendingPathComponent("reference/\(roster)"), encoding: .utf8)) ?? ""
      ws.setRoster(name: roster, text: text)
    }
    for (kind, file) in [(ProposalKind.cfep, "cfeps.tsv"), (.cep, "ceps.tsv")] {
      let text = (try? String(contentsOf: corpus.appendingPathComponent("reference/\(file)"), encoding: .utf8)) ?? ""
      ws.setRegistry(kind, name: file, text: text)
    }
    for file in files { ws.index(NoteParser.parse(uri: file, text: read(file).text)) }
    return ws
  }

  static func findings() -> (NotesWorkspace, [Finding]) {
    let files = noteFiles()
    let ws = workspace(files)
    var result: [Finding] = []
    for file in files {
      let decoded = read(file)
      let document = NoteParser.parse(uri: file, text: decoded.text)
      for diagnostic in ws.diagnostics(for: document, decoded: decoded) {
        let (line, column) = document.source.oneBasedLineColumn(ofUTF8Offset: diagnostic.range.utf8Start)
        result.append(
          Finding(
            path: file, line: line, column: column, diagnostic: diagnostic,
            lineText: document.source.lineText(line - 1)))
      }
    }
    return (ws, result)
  }

  @Test func corpusMatchesTheGoldenFile() throws {
    let files = Self.noteFiles()
    try #require(files.count > 200, "corpus not found at \(Self.corpus.path)")
    let (_, found) = Self.findings()
    let text =
      found.map { "\($0.path):\($0.line):\($0.column) \($0.diagnostic.code) \($0.diagnostic.message)" }
      .joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["NOTES_LSP_UPDATE_GOLDEN"] == "1" {
      try FileManager.default.createDirectory(
        at: Self.golden.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: Self.golden, atomically: true, encoding: .utf8)
    }
    let expected = try String(contentsOf: Self.golden, encoding: .utf8)
    let wantLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let gotLines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let firstDifference =
      zip(wantLines, gotLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
      ?? min(wantLines.count, gotLines.count)
    let same = text == expected
    #expect(
      same,
      """
      corpus diagnostics differ from \(Self.golden.lastPathComponent) (refresh with NOTES_LSP_UPDATE_GOLDEN=1) at line \
      \(firstDifference + 1):
      golden: \(firstDifference < wantLines.count ? String(wantLines[firstDifference]) : "<end>")
      now:    \(firstDifference < gotLines.count ? String(gotLines[firstDifference]) : "<end>")
      """)
  }

  @Test func diagnosticsAreDeterministic() {
    let files = Array(Self.noteFiles().prefix(40))
    let a = Self.workspace(files)
    let b = Self.workspace(files.reversed())
    for file in files {
      let document = NoteParser.parse(uri: file, text: Self.read(file).text)
      #expect(a.diagnostics(for: document) == b.diagnostics(for: document), "\(file)")
    }
  }

  /// "No item owned by initials (`(AB)`, `AB:`, `(AB/CD)`) is reported unowned": judged from the raw line, not from
  /// the parser's owners.
  @Test func noItemOwnedByInitialsIsReportedUnowned() throws {
    let (ws, found) = Self.findings()
    let pattern = try NSRegularExpression(
      pattern: #"^\s*(?:[-*+]|\d+\.)\s*\[[^\]]?\]\s*(?:\(|\[)?\s*([A-Z][A-Za-z]{1,3})\s*(?:[)\]:/,;]|\s\()"#)
    var offenders: [String] = []
    for finding in found where finding.diagnostic.code == .actionItemUnowned {
      let line = finding.lineText
      guard let match = pattern.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)),
        let range = Range(match.range(at: 1), in: line)
      else { continue }
      if !ws.people(withInitials: String(line[range])).isEmpty {
        offenders.append("\(finding.path):\(finding.line): \(line)")
      }
    }
    #expect(offenders.isEmpty, "\(offenders.prefix(10).joined(separator: "\n"))")
  }

  /// "The unowned items of the conda-forge 'Check in on previous action items' / 'Move to Issue Tracker' lists are
  /// [reported]": every open checkbox line of those lists that starts with neither an owner group, `AB:`, `Name:`, a handle
  /// nor a `Name will` / `Name to` phrase (and has no `AB to …` or `label: handle to …` inside) must be reported.
  @Test func unownedItemsOfCarryOverListsAreReported() throws {
    let (_, found) = Self.findings()
    let reported = Set(found.filter { $0.diagnostic.code == .actionItemUnowned }.map { "\($0.path):\($0.line)" })
    let ownerStart = [
      #"\(|\[|@"#,  // (AB), [AB], @handle
      #"[A-Z][A-Za-z]{1,3}\s*[:/,]"#,  // AB:, AB/CD
      #"[A-Z][a-z]+(?: (?:and|\+|&) [A-Z][a-z]+)?(?: [A-Z]\.?)?\s*:"#,  // Filipe:, Mike S.:, Anthony and Filipe:
      #"\S+(?: [A-Z]\.?)? (?:will|to) "#,  // Filipe to …, John K will …
      #"\S+ & "#,  // jakirkham & CJ-wright …
    ].joined(separator: "|")
    let owned = try NSRegularExpression(
      pattern: #"^\s*[-*+]\s*\[[ xX]\]\s*(?:"# + ownerStart + #")|\b[A-Z]{2,4} (?:to|will) |: \S+ (?:to|will) "#)
    var expected: [String] = []
    for file in Self.noteFiles() where file.hasPrefix("conda-forge-core-minutes/") {
      var inside = false
      for (index, line) in Self.read(file).text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let text = String(line)
        if text.hasPrefix("#") {
          let level = text.prefix { $0 == "#" }.count
          if text.contains("Check in on previous action items") || text.contains("Move to Issue Tracker") {
            inside = true
          } else if level <= 2 {
            inside = false
          }
          continue
        }
        // Done is done (issue 11): a ticked item is never reported.
        guard inside, text.range(of: #"^\* \[ \] \S"#, options: .regularExpression) != nil else { continue }
        if owned.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil { continue }
        expected.append("\(file):\(index + 1)")
      }
    }
    try #require(expected.count > 50)
    let missing = expected.filter { !reported.contains($0) }
    #expect(missing.isEmpty, "\(missing.count) of \(expected.count) not reported: \(missing.prefix(10))")
  }
}
