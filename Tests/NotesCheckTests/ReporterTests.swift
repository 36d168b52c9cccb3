import Foundation
import NotesConfig
import NotesCore
import Testing

@testable import NotesCheck

/// Findings that exercise every escaping rule: `%`, `:` and `,` in paths, a line break in a message, emoji.
let sampleFindings: [[Finding]] = [
  [
    Finding(
      path: "notes/2024-01-10.md", code: .actionItemUnowned, severity: .warning,
      message: "This action item has no owner; add initials such as (AB).", line: 12, column: 3, endLine: 12,
      endColumn: 40),
    Finding(
      path: "notes/2024-01-10.md", code: .initialsUnknown, severity: .information,
      message: "No one is known by the initials \"ZZ\".", line: 14, column: 8, endLine: 14, endColumn: 10),
  ],
  [],
  [
    Finding(
      path: "odd: 100%, really/2024-01-17.md", code: .fileNotUTF8, severity: .error,
      message: "50% of this\nline 😀 is \"odd\": see\r\nhere", line: 1, column: 5, endLine: 1, endColumn: 6),
    Finding(
      path: "/elsewhere/2024-01-24.md", code: .placeholderEmptyItem, severity: .hint, message: "Empty item.",
      line: 3, column: 1, endLine: 3, endColumn: 6),
  ],
]

/// The rules the SARIF golden lists: fixed here, so that a rule added to the catalogue does not change the golden.
let sampleRules = [
  DiagnosticRule(
    .actionItemUnowned, .warning, summary: "A checkbox item with no owner of its own or inherited.", documentation: "",
    example: ""),
  DiagnosticRule(
    .initialsUnknown, .information, summary: "Initials that no one in the workspace is known by.", documentation: "",
    example: ""),
  DiagnosticRule(
    .fileNotUTF8, .warning, summary: "The file is not valid UTF-8; it was read as Latin-1.", documentation: "",
    example: ""),
  DiagnosticRule(
    .placeholderEmptyItem, .hint, summary: "An empty template item such as `- [ ]` or `- [ ] ()`.", documentation: "",
    example: ""),
]

func render(_ format: OutputFormat, problems: [CheckProblem] = [], rules: [DiagnosticRule] = sampleRules) -> String {
  var reporter = makeReporter(format, currentDirectory: "/work/team", rules: rules, annotateFrom: .hint)
  let output = CapturedCheckOutput()
  var summary = CheckSummary()
  summary.files = 3
  summary.notes = 2
  reporter.begin(output: output)
  for file in sampleFindings {
    for f in file { summary.count(f.severity) }
    reporter.file(file, output: output)
  }
  summary.problems = problems.count
  reporter.finish(summary: summary, problems: problems, output: output)
  return output.standardOutput
}

@Test(arguments: OutputFormat.allCases)
func reporterGolden(format: OutputFormat) throws {
  let problems = [CheckProblem(path: "gone.md", message: "no such file or folder")]
  try expectGolden(render(format, problems: problems), "reporter.\(format.rawValue)")
}

@Test(arguments: [OutputFormat.json, .sarif])
func jsonFormatsAreValidJSONAndCarryEveryFinding(format: OutputFormat) throws {
  let text = render(format, rules: RuleRegistry.rules)
  let data = Data(text.utf8)
  let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  if format == .json {
    let findings = try #require(object["findings"] as? [[String: Any]])
    #expect(findings.count == 4)
    #expect(findings[2]["message"] as? String == "50% of this\nline 😀 is \"odd\": see\r\nhere")
    let summary = try #require(object["summary"] as? [String: Any])
    #expect(summary["warnings"] as? Int == 1)
  } else {
    #expect(object["version"] as? String == "2.1.0")
    let run = try #require((object["runs"] as? [[String: Any]])?.first)
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.map { $0["level"] as? String } == ["warning", "note", "error", "note"])
    let rules = try #require(
      ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
    #expect(rules.count >= RuleRegistry.rules.count)
    for result in results {
      let index = try #require(result["ruleIndex"] as? Int)
      #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
    }
    let location = try #require(
      (results[2]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
    #expect(
      (location["artifactLocation"] as? [String: Any])?["uri"] as? String == "odd%3A%20100%25,%20really/2024-01-17.md")
    #expect((location["region"] as? [String: Any])?["startColumn"] as? Int == 5)
  }
}

@Test func githubEscapesDataAndProperties() {
  #expect(GitHubReporter.escapeData("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e")
  #expect(GitHubReporter.escapeProperty("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce")
  #expect(GitHubReporter.escapeData("bell\u{07}esc\u{1B}") == "bell\\u{7}esc\\u{1B}")
  let lines = render(.github).split(separator: "\n")
  // Most important first: the error, then the warning, then the notices.
  #expect(
    lines[0] == "::error file=odd%3A 100%25%2C really/2024-01-17.md,line=1,col=5,endLine=1,endColumn=6,"
      + "title=file.not-utf8::50%25 of this%0Aline 😀 is \"odd\": see%0D%0Ahere")
  #expect(lines[1].hasPrefix("::warning file=notes/2024-01-10.md,line=12,col=3,endLine=12,endColumn=40,title="))
  #expect(lines[2].hasPrefix("::notice "))
}

/// `--format github` stays within GitHub's limits: 10 annotations per type, the newest notes first, and one notice
/// counting the rest.
@Test func githubAnnotatesTheMostImportantWithinItsBudget() {
  var findings: [Finding] = []
  for day in 1...25 {
    findings.append(
      Finding(
        path: "n/2024-01-\(String(format: "%02d", day)).md", code: .actionItemUnowned, severity: .warning,
        message: "w", line: 1, column: 1, endLine: 1, endColumn: 2,
        noteDate: MeetingDate(year: 2024, month: 1, day: day)))
  }
  for i in 1...3 {
    findings.append(
      Finding(
        path: "e\(i).md", code: .fileNotUTF8, severity: .error, message: "e", line: 1, column: 1, endLine: 1,
        endColumn: 2))
  }
  for i in 1...15 {
    findings.append(
      Finding(
        path: "h\(i).md", code: .placeholderEmptyItem, severity: .hint, message: "h", line: 1, column: 1, endLine: 1,
        endColumn: 2))
  }
  func run(_ threshold: Severity) -> [Substring] {
    var reporter = makeReporter(.github, currentDirectory: "/", annotateFrom: threshold)
    let output = CapturedCheckOutput()
    reporter.file(findings, output: output)
    reporter.finish(summary: CheckSummary(), problems: [], output: output)
    return output.standardOutput.split(separator: "\n")
  }
  let all = run(.hint)
  #expect(all.filter { $0.hasPrefix("::error ") }.count == 3)
  #expect(all.filter { $0.hasPrefix("::warning ") }.count == 10)
  #expect(all.filter { $0.hasPrefix("::notice ") }.count == 10)  // 9 findings and the closing notice
  #expect(all.prefix(3).allSatisfy { $0.hasPrefix("::error ") })
  #expect(all[3].contains("file=n/2024-01-25.md"))  // newest note first
  #expect(all.contains { $0.hasPrefix("::notice title=notes-lsp::21 more finding(s) not annotated") })
  // By default (warnings fail), hints are not annotated but counted.
  let failing = run(.warning)
  #expect(failing.filter { $0.hasPrefix("::notice file=") }.isEmpty)
  #expect(failing.contains { $0.contains("30 more finding(s) not annotated") })
}

@Test func summaryLineCountsAndPluralises() {
  var summary = CheckSummary()
  summary.files = 1
  summary.notes = 1
  summary.count(.error)
  #expect(summary.line == "checked 1 file (1 meeting note): 1 error, 0 warnings, 0 information, 0 hints")
  summary.files = 259
  summary.notes = 257
  for _ in 0..<2 { summary.count(.error) }
  summary.count(.information)
  summary.count(.hint)
  summary.problems = 2
  #expect(
    summary.line
      == "checked 259 files (257 meeting notes): 3 errors, 0 warnings, 1 information, 1 hint; 2 paths could not be read"
  )
  #expect(summary.count(atOrAbove: .warning) == 3)
  #expect(summary.count(atOrAbove: .hint) == 5)
}

/// The README's diagnostics table is the rule registry rendered; `NOTES_LSP_UPDATE_GOLDEN=1` rewrites it.
@Test func readmeDiagnosticsTableIsTheRegistry() throws {
  let readme = packageRoot.appendingPathComponent("README.md")
  let text = try String(contentsOf: readme, encoding: .utf8)
  var lines = text.components(separatedBy: "\n")
  guard let start = lines.firstIndex(of: "| code | default | what it means | a note that triggers it |") else {
    Issue.record("README.md has no diagnostics table")
    return
  }
  var end = start
  while end < lines.count, lines[end].hasPrefix("|") { end += 1 }
  let table = RuleRegistry.markdownTable()
  var current = lines[start..<end].joined(separator: "\n")
  if ProcessInfo.processInfo.environment["NOTES_LSP_UPDATE_GOLDEN"] == "1", current != table {
    lines.replaceSubrange(start..<end, with: table.components(separatedBy: "\n"))
    try lines.joined(separator: "\n").write(to: readme, atomically: true, encoding: .utf8)
    current = table
  }
  #expect(current == table)
}
