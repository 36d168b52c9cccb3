import Foundation
import NotesConfig
import NotesCore
import NotesJSON

/// Prints the results of `--check` in one output format, streaming: `file` is called once per file, in order.
protocol CheckReporter {
  mutating func begin(output: CheckOutput)
  mutating func file(_ findings: [Finding], output: CheckOutput)
  mutating func finish(summary: CheckSummary, problems: [CheckProblem], output: CheckOutput)
}

func makeReporter(
  _ format: OutputFormat, currentDirectory: String, rules: [DiagnosticRule] = RuleRegistry.rules,
  annotateFrom: Severity = .warning
) -> any CheckReporter {
  switch format {
  case .text: return TextReporter()
  case .json: return JSONReporter()
  case .github: return GitHubReporter(threshold: annotateFrom)
  case .sarif: return SARIFReporter(currentDirectory: currentDirectory, rules: rules)
  }
}

// MARK: - Text

/// `path:line:col: severity: message [code]`, then the summary line.
struct TextReporter: CheckReporter {
  mutating func begin(output: CheckOutput) {}

  mutating func file(_ findings: [Finding], output: CheckOutput) {
    for f in findings {
      // NOTE: control characters in paths and messages are made visible: a file name with a newline cannot forge a line.
      output.write(
        "\(OutputText.visible(f.path)):\(f.line):\(f.column): \(f.severity.name): \(OutputText.visible(f.message)) "
          + "[\(f.code.rawValue)]\n")
    }
  }

  mutating func finish(summary: CheckSummary, problems: [CheckProblem], output: CheckOutput) {
    output.write(summary.line + "\n")
  }
}

// MARK: - JSON

/// `{"findings": [...], "problems": [...], "summary": {...}}`, one finding a line.
struct JSONReporter: CheckReporter {
  var first = true

  static func value(_ f: Finding) -> JSONValue {
    var object: JSONObject = [
      "path": .string(f.path), "line": .int(f.line), "column": .int(f.column), "endLine": .int(f.endLine),
      "endColumn": .int(f.endColumn), "severity": .string(f.severity.name), "code": .string(f.code.rawValue),
      "message": .string(f.message),
    ]
    if !f.related.isEmpty {
      object["related"] = .array(
        f.related.map { ["path": .string($0.path), "line": .int($0.line), "message": .string($0.message)] })
    }
    return .object(object)
  }

  mutating func begin(output: CheckOutput) {
    output.write("{\n\"version\": \(JSONValue.string(NotesLSPVersion.string).serialized()),\n\"findings\": [")
  }

  mutating func file(_ findings: [Finding], output: CheckOutput) {
    for f in findings {
      output.write((first ? "\n  " : ",\n  ") + Self.value(f).serialized())
      first = false
    }
  }

  mutating func finish(summary: CheckSummary, problems: [CheckProblem], output: CheckOutput) {
    output.write(first ? "],\n" : "\n],\n")
    let problemValues = problems.map { JSONValue.object(["path": .string($0.path), "message": .string($0.message)]) }
    output.write("\"problems\": \(JSONValue.array(problemValues).serialized()),\n")
    let summaryValue: JSONValue = [
      "files": .int(summary.files), "notes": .int(summary.notes), "errors": .int(summary.errors),
      "warnings": .int(summary.warnings), "information": .int(summary.information), "hints": .int(summary.hints),
      "problems": .int(summary.problems),
    ]
    output.write("\"summary\": \(summaryValue.serialized())\n}\n")
  }
}

// MARK: - GitHub

/// GitHub Actions workflow commands: `::warning file=PATH,line=L,col=C,endLine=…,endColumn=…,title=CODE::MESSAGE`.
///
/// NOTE: GitHub shows at most 10 annotations of each type (error, warning, notice) per step and drops the rest, so
/// printing every finding of an archive hides the ones that matter. This reporter annotates only findings at or
/// above `threshold` (the failing severity, or `--min-severity`), most important first — errors, then warnings, then
/// notices; within each, the newest notes first — at most `budget` of each type (one notice slot is kept for the
/// closing notice), and ends with one `::notice` saying how many were not annotated and how to see them all.
struct GitHubReporter: CheckReporter {
  /// GitHub's per-step display limit per annotation type.
  static let budget = 10
  let threshold: Severity
  var pending: [Finding] = []
  var notShown = 0

  init(threshold: Severity = .warning) {
    self.threshold = threshold
  }

  /// Escapes a command's message: `%`, `\r`, `\n`; other control characters are made visible.
  static func escapeData(_ text: String) -> String {
    var out = ""
    for c in text.unicodeScalars {
      switch c {
      case "%": out += "%25"
      case "\r": out += "%0D"
      case "\n": out += "%0A"
      default:
        if OutputText.isControl(c) { out += OutputText.visible(String(c)) } else { out.unicodeScalars.append(c) }
      }
    }
    return out
  }

  /// Escapes a command's property value: also `:` and `,`.
  static func escapeProperty(_ text: String) -> String {
    var out = ""
    for c in escapeData(text).unicodeScalars {
      switch c {
      case ":": out += "%3A"
      case ",": out += "%2C"
      default: out.unicodeScalars.append(c)
      }
    }
    return out
  }

  static func command(_ severity: Severity) -> String {
    switch severity {
    case .error: return "error"
    case .warning: return "warning"
    case .information, .hint: return "notice"
    }
  }

  mutating func begin(output: CheckOutput) {}

  mutating func file(_ findings: [Finding], output: CheckOutput) {
    for f in findings {
      if f.severity >= threshold { pending.append(f) } else { notShown += 1 }
    }
  }

  static func annotation(_ f: Finding) -> String {
    var properties = "file=\(escapeProperty(f.path)),line=\(f.line),col=\(f.column)"
    properties += ",endLine=\(f.endLine),endColumn=\(f.endColumn),title=\(escapeProperty(f.code.rawValue))"
    return "::\(command(f.severity)) \(properties)::\(escapeData(f.message))\n"
  }

  mutating func finish(summary: CheckSummary, problems: [CheckProblem], output: CheckOutput) {
    // Most important first: severity, then the newest note, then path and position.
    let zero = MeetingDate(year: 0, month: 0, day: 0)
    pending.sort { a, b in
      if a.severity != b.severity { return a.severity > b.severity }
      let (da, db) = (a.noteDate ?? zero, b.noteDate ?? zero)
      if da != db { return da > db }
      if a.path != b.path { return a.path.utf8.lexicographicallyPrecedes(b.path.utf8) }
      return (a.line, a.column) < (b.line, b.column)
    }
    var used: [String: Int] = [:]
    var problemsAnnotated = 0
    for problem in problems {
      guard problemsAnnotated < Self.budget else { break }
      output.write(
        "::error file=\(Self.escapeProperty(problem.path)),title=notes-lsp::\(Self.escapeData(problem.message))\n")
      problemsAnnotated += 1
    }
    used["error"] = problemsAnnotated
    var skipped = notShown
    for f in pending {
      let command = Self.command(f.severity)
      let limit = command == "notice" ? Self.budget - 1 : Self.budget
      guard used[command, default: 0] < limit else {
        skipped += 1
        continue
      }
      used[command, default: 0] += 1
      output.write(Self.annotation(f))
    }
    if skipped > 0 {
      let message =
        "\(skipped) more finding(s) not annotated: GitHub shows \(Self.budget) annotations of each type per step, "
        + "and only findings at or above \(threshold.name) are annotated. "
        + "To see them all, run notes-lsp --check --format text (add --statistics for a count per rule)."
      output.write("::notice title=notes-lsp::\(Self.escapeData(message))\n")
    }
    output.write(summary.line + "\n")
    if let line = summary.noisiestLine { output.write(line + "\n") }
  }
}

// MARK: - SARIF

/// SARIF 2.1.0: one run whose driver lists every rule, one result per finding. Columns count Unicode code points.
struct SARIFReporter: CheckReporter {
  var first = true
  let rules: [DiagnosticRule]
  var ruleIndex: [DiagnosticCode: Int] = [:]
  let currentDirectory: String

  init(currentDirectory: String, rules: [DiagnosticRule] = RuleRegistry.rules) {
    self.currentDirectory = currentDirectory
    self.rules = rules
    for (index, rule) in rules.enumerated() { ruleIndex[rule.code] = index }
  }

  static func level(_ severity: Severity) -> String {
    switch severity {
    case .error: return "error"
    case .warning: return "warning"
    case .information, .hint: return "note"
    }
  }

  /// A relative path as a URI reference (percent-encoded, `/` kept), or a `file://` URI for an absolute path.
  static func uri(_ path: String) -> (uri: String, relative: Bool) {
    if path.hasPrefix("/") { return (URL(fileURLWithPath: path).absoluteString, false) }
    var allowed = CharacterSet.urlPathAllowed
    allowed.remove(charactersIn: ":")
    return (path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path, true)
  }

  mutating func begin(output: CheckOutput) {
    let ruleValues: [JSONValue] = rules.map { rule in
      [
        "id": .string(rule.code.rawValue), "shortDescription": ["text": .string(rule.summary)],
        "defaultConfiguration": [
          "level": .string(Self.level(rule.defaultSeverity)), "enabled": .bool(!rule.isOffByDefault),
        ],
        "properties": ["notesLspSeverity": .string(rule.isOffByDefault ? "off" : rule.defaultSeverity.name)],
      ]
    }
    let driver: JSONValue = [
      "name": "notes-lsp", "version": .string(NotesLSPVersion.string),
      "informationUri": "https://github.com/notes-lsp/notes-lsp", "rules": .array(ruleValues),
    ]
    output.write("{\n\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n\"version\": \"2.1.0\",\n")
    output.write("\"runs\": [{\n\"tool\": {\"driver\": \(driver.serialized())},\n")
    output.write("\"columnKind\": \"unicodeCodePoints\",\n")
    output.write("\"originalUriBaseIds\": {\"%SRCROOT%\": {\"uri\": ")
    let root = URL(fileURLWithPath: currentDirectory, isDirectory: true).absoluteString
    output.write(JSONValue.string(root).serialized())
    output.write("}},\n\"results\": [")
  }

  mutating func file(_ findings: [Finding], output: CheckOutput) {
    for f in findings {
      let (uri, relative) = Self.uri(f.path)
      var artifact: JSONObject = ["uri": .string(uri)]
      if relative { artifact["uriBaseId"] = "%SRCROOT%" }
      var result: JSONObject = ["ruleId": .string(f.code.rawValue)]
      if let index = ruleIndex[f.code] { result["ruleIndex"] = .int(index) }
      result["level"] = .string(Self.level(f.severity))
      result["message"] = ["text": .string(f.message)]
      result["locations"] = [
        [
          "physicalLocation": [
            "artifactLocation": .object(artifact),
            "region": [
              "startLine": .int(f.line), "startColumn": .int(f.column), "endLine": .int(f.endLine),
              "endColumn": .int(f.endColumn),
            ],
          ]
        ]
      ]
      if !f.related.isEmpty {
        result["relatedLocations"] = .array(
          f.related.enumerated().map { index, related in
            let (relatedURI, relatedIsRelative) = Self.uri(related.path)
            var location: JSONObject = ["uri": .string(relatedURI)]
            if relatedIsRelative { location["uriBaseId"] = "%SRCROOT%" }
            return [
              "id": .int(index),
              "physicalLocation": ["artifactLocation": .object(location), "region": ["startLine": .int(related.line)]],
              "message": ["text": .string(related.message)],
            ]
          })
      }
      output.write((first ? "\n  " : ",\n  ") + JSONValue.object(result).serialized())
      first = false
    }
  }

  mutating func finish(summary: CheckSummary, problems: [CheckProblem], output: CheckOutput) {
    output.write(first ? "],\n" : "\n],\n")
    let notifications: [JSONValue] = problems.map { problem in
      let (uri, relative) = Self.uri(problem.path)
      var artifact: JSONObject = ["uri": .string(uri)]
      if relative { artifact["uriBaseId"] = "%SRCROOT%" }
      return [
        "level": "error", "message": ["text": .string(problem.message)],
        "locations": [["physicalLocation": ["artifactLocation": .object(artifact)]]],
      ]
    }
    let invocation: JSONValue = [
      "executionSuccessful": .bool(problems.isEmpty), "toolExecutionNotifications": .array(notifications),
    ]
    output.write("\"invocations\": [\(invocation.serialized())]\n}]\n}\n")
  }
}
