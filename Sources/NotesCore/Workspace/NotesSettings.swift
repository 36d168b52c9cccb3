/// Settings the core obeys, whatever front end read them (`.notes-lsp.json`, LSP `initializationOptions`).
public struct NotesSettings: Hashable, Sendable {
  /// Per-code severity: a severity replaces the default, nil turns the rule off. Codes not named keep their default.
  public var severities: [DiagnosticCode: Severity?]
  /// `--check` fails (exit 1) on findings at or above this severity.
  public var failOn: Severity
  /// An item carried over unchanged for more than this many meetings is `action-item.stale`.
  public var staleAfterMeetings: Int
  /// Inlay hints with the full name after initials (off by default).
  public var inlayHints: Bool

  public init(
    severities: [DiagnosticCode: Severity?] = [:], failOn: Severity = .warning, staleAfterMeetings: Int = 8,
    inlayHints: Bool = false
  ) {
    self.severities = severities
    self.failOn = failOn
    self.staleAfterMeetings = staleAfterMeetings
    self.inlayHints = inlayHints
  }

  /// The severity in force for `code`, or nil when the rule is off.
  public func severity(for code: DiagnosticCode) -> Severity? {
    if let configured = severities[code] { return configured }
    guard let rule = RuleRegistry.rule(code) else { return .warning }
    return rule.isOffByDefault ? nil : rule.defaultSeverity
  }
}
