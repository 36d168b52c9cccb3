import Foundation
import NotesCore

/// Where `--check` writes: standard output for results, standard error for problems. Tests capture both.
public protocol CheckOutput: AnyObject {
  func write(_ text: String)
  func writeError(_ text: String)
  /// Pushes buffered output out (called after each file, so output streams).
  func flush()
}

/// Buffered standard output and unbuffered standard error.
public final class StandardCheckOutput: CheckOutput {
  var buffer: [UInt8] = []

  public init() {
    buffer.reserveCapacity(1 << 16)
  }

  deinit { flush() }

  public func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count >= 1 << 16 { flush() }
  }

  public func writeError(_ text: String) {
    flush()
    FileHandle.standardError.write(Data(text.utf8))
  }

  public func flush() {
    guard !buffer.isEmpty else { return }
    FileHandle.standardOutput.write(Data(buffer))
    buffer.removeAll(keepingCapacity: true)
  }
}

/// Collects output in memory (tests, benchmarks).
public final class CapturedCheckOutput: CheckOutput {
  public private(set) var standardOutput = ""
  public private(set) var standardError = ""
  /// When false, standard output is counted but not kept (benchmarks).
  public var keepsOutput: Bool
  public private(set) var outputBytes = 0

  public init(keepsOutput: Bool = true) {
    self.keepsOutput = keepsOutput
  }

  public func write(_ text: String) {
    outputBytes += text.utf8.count
    if keepsOutput { standardOutput += text }
  }

  public func writeError(_ text: String) { standardError += text }
  public func flush() {}
}

/// One diagnostic of one file, with 1-based positions (columns in Unicode scalars; the end is exclusive).
public struct Finding: Hashable, Sendable {
  /// The path as printed: relative to the current folder when under it.
  public var path: String
  public var code: DiagnosticCode
  public var severity: Severity
  public var message: String
  public var line: Int
  public var column: Int
  public var endLine: Int
  public var endColumn: Int
  /// Related places: a dropped item's line in the previous note.
  public var related: [FindingLocation] = []
  /// The finding's line, white space collapsed: with the code and an occurrence index, its baseline fingerprint.
  public var lineText: String
  /// The date of the note it is in (GitHub annotations put the newest notes first).
  public var noteDate: MeetingDate?

  public init(
    path: String, code: DiagnosticCode, severity: Severity, message: String, line: Int, column: Int, endLine: Int,
    endColumn: Int, lineText: String = "", noteDate: MeetingDate? = nil
  ) {
    self.lineText = lineText
    self.noteDate = noteDate
    self.path = path
    self.code = code
    self.severity = severity
    self.message = message
    self.line = line
    self.column = column
    self.endLine = endLine
    self.endColumn = endColumn
  }
}

/// A place related to a finding: a path, a 1-based line, and what is there.
public struct FindingLocation: Hashable, Sendable {
  public var path: String
  public var line: Int
  public var message: String
}

/// A file or folder that could not be checked: exit 2 at the end.
public struct CheckProblem: Hashable, Sendable {
  public var path: String
  public var message: String
  public init(path: String, message: String) {
    self.path = path
    self.message = message
  }
}

/// What a run found, in numbers.
public struct CheckSummary: Hashable, Sendable {
  /// Files checked (read, whatever they held).
  public var files = 0
  /// Of those, meeting notes.
  public var notes = 0
  public var errors = 0
  public var warnings = 0
  public var information = 0
  public var hints = 0
  /// Files or folders that could not be read.
  public var problems = 0
  /// Bytes read in the checking pass.
  public var bytes = 0
  /// Findings recorded in the baseline (not printed, not counted above).
  public var baselined = 0
  /// Baseline entries of the checked files that were not found any more.
  public var fixed = 0
  /// Findings counted but below `--min-severity`, so not printed.
  public var hidden = 0
  /// Findings per code (those counted above).
  public var byCode: [DiagnosticCode: Int] = [:]

  public init() {}

  public mutating func count(_ severity: Severity) {
    switch severity {
    case .error: errors += 1
    case .warning: warnings += 1
    case .information: information += 1
    case .hint: hints += 1
    }
  }

  public func count(atOrAbove severity: Severity) -> Int {
    var total = 0
    if severity <= .error { total += errors }
    if severity <= .warning { total += warnings }
    if severity <= .information { total += information }
    if severity <= .hint { total += hints }
    return total
  }

  /// `checked 259 files (257 meeting notes): 3 errors, 120 warnings, 400 information, 12 hints`.
  public var line: String {
    func plural(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
    var text = "checked \(plural(files, "file", "files")) (\(plural(notes, "meeting note", "meeting notes"))): "
    text += [
      plural(errors, "error", "errors"), plural(warnings, "warning", "warnings"), "\(information) information",
      plural(hints, "hint", "hints"),
    ].joined(separator: ", ")
    if problems > 0 { text += "; \(plural(problems, "path", "paths")) could not be read" }
    if baselined > 0 || fixed > 0 {
      text += "; \(plural(baselined, "finding", "findings")) in the baseline, \(fixed) fixed"
    }
    if hidden > 0 { text += "; \(hidden) below --min-severity not shown" }
    return text
  }

  /// The codes with the most findings, most first (ties by code).
  public func noisiest(_ count: Int) -> [(code: DiagnosticCode, count: Int)] {
    byCode.sorted { ($1.value, $0.key.rawValue) < ($0.value, $1.key.rawValue) }.prefix(count).map { ($0.key, $0.value) }
  }

  /// `most findings: owner.name-not-initials 607, …; --statistics counts every code`, nil when nothing was found.
  public var noisiestLine: String? {
    let top = noisiest(3)
    guard !top.isEmpty else { return nil }
    return "most findings: " + top.map { "\($0.code.rawValue) \($0.count)" }.joined(separator: ", ")
      + (byCode.count > 3 ? " (\(byCode.count) codes; --statistics counts each)" : "")
  }

  /// The per-code table `--statistics` prints: count, code, default severity, summary; most first.
  public var statisticsTable: String {
    var text = ""
    for (code, count) in noisiest(byCode.count) {
      let rule = RuleRegistry.rule(code)
      let number = String(count)
      text += String(repeating: " ", count: max(0, 6 - number.count)) + number + "  "
      text += code.rawValue.padding(toLength: 28, withPad: " ", startingAt: 0)
      text += (rule?.summary ?? "") + "\n"
    }
    return text
  }
}
