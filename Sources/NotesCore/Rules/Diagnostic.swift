/// How serious a finding is. Ordered: `.hint < .information < .warning < .error`.
public enum Severity: Int, Hashable, Sendable, Comparable, CaseIterable {
  case hint = 1
  case information = 2
  case warning = 3
  case error = 4

  /// `error`, `warning`, `information`, `hint` as written in configuration and printed by `--check`.
  public var name: String {
    switch self {
    case .error: return "error"
    case .warning: return "warning"
    case .information: return "information"
    case .hint: return "hint"
    }
  }

  /// Parses `error`, `warning`, `information` (or `info`), `hint`.
  public init?(name: String) {
    switch name.lowercased() {
    case "error": self = .error
    case "warning", "warn": self = .warning
    case "information", "info": self = .information
    case "hint": self = .hint
    default: return nil
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A stable, dotted diagnostic code such as `action-item.unowned`. Codes never change once released: users
/// configure and suppress them by name.
public struct DiagnosticCode: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public var description: String { rawValue }
  public static func < (lhs: DiagnosticCode, rhs: DiagnosticCode) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One finding in one document.
public struct Diagnostic: Hashable, Sendable {
  public var code: DiagnosticCode
  public var severity: Severity
  /// What is wrong and what to do about it, in one sentence or two.
  public var message: String
  public var range: TextRange
  /// Places elsewhere (often in another note) that explain the finding: LSP `relatedInformation`, SARIF
  /// `relatedLocations`.
  public var related: [RelatedLocation]

  public init(
    code: DiagnosticCode, severity: Severity, message: String, range: TextRange, related: [RelatedLocation] = []
  ) {
    self.code = code
    self.severity = severity
    self.message = message
    self.range = range
    self.related = related
  }
}

/// A place related to a finding: a note's URI, a range in it (and its 0-based first line, for front ends that do not
/// hold that note's text), and what is there.
public struct RelatedLocation: Hashable, Sendable {
  public var uri: String
  public var range: TextRange
  public var line: Int
  public var message: String

  public init(uri: String, range: TextRange, line: Int, message: String) {
    self.uri = uri
    self.range = range
    self.line = line
    self.message = message
  }
}
