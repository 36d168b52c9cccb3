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
  _ format: OutputFormat, currentDirectory: String, rules: [DiagnosticRule] = RuleRegistry.rules
) -> any CheckReporter {
  switch format {
  case .text: return TextReporter()
  case .json: return JSONReporter()
  case .github: return GitHubReporter()
  case .sarif: return SARIFReporter(currentDirectory: currentDirectory, rules: rules)
  }
}

// MARK: - Text

/// `path:line:col: severity: message [code]`, then the summary line.
struct TextReporter: CheckReporter {
  mutating func begin(output: CheckOutput) {}

  mutating func file(_ findings: [Finding], output: CheckOutput) {
    for f in findings {
      output.write("\(f.path):\(f.line):\(f.column): \(f.severity.name): \(f.message) [\(f.code.rawValue)]\n")
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
struct GitHubReporter: CheckReporter {
  /// Escapes a command's message: `%`, `\r`, `\n`.
  static func escapeData(_ text: String) -> String {
    var out = ""
    for c in text.unicodeScalars {
      switch c {
      case "%": out += "%25"
      case "\r": out += "%0D"
      case "\n": out += "%0A"
      default: out.unicodeScalars.append(c)
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
      var properties = "file=\(Self.escapeProperty(f.path)),line=\(f.line),col=\(f.column)"
      properties += ",endLine=\(f.endLine),endColumn=\(f.endColumn),title=\(Self.escapeProperty(f.code.rawValue))"
      output.write("::\(Self.command(f.severity)) \(properties)::\(Self.escapeData(f.message))\n")
    }
  }

  mutating func finish(summary: CheckSummary, problems: [CheckProblem], output: CheckOutput) {
    for problem in problems {
      output.write(
        "::error file=\(Self.escapeProperty(problem.path)),title=notes-lsp::\(Self.escapeData(problem.message))\n")
    }
    output.write(summary.line + "\n")
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
        "defaultConfiguration": ["level": .string(Self.level(rule.defaultSeverity))],
        "properties": ["notesLspSeverity": .string(rule.defaultSeverity.name)],
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
