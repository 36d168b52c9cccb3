/// A rule: its code, default severity and a one-line description (shown in `--help`, SARIF and the README).
public struct DiagnosticRule: Hashable, Sendable {
  public var code: DiagnosticCode
  public var defaultSeverity: Severity
  public var summary: String

  public init(_ code: DiagnosticCode, _ defaultSeverity: Severity, _ summary: String) {
    self.code = code
    self.defaultSeverity = defaultSeverity
    self.summary = summary
  }
}

extension DiagnosticCode {
  public static let actionItemUnowned = DiagnosticCode(rawValue: "action-item.unowned")
  public static let placeholderEmptyItem = DiagnosticCode(rawValue: "placeholder.empty-item")
  public static let attendeesMissing = DiagnosticCode(rawValue: "attendees.missing")
  public static let initialsMalformed = DiagnosticCode(rawValue: "initials.malformed")
  public static let initialsUnknown = DiagnosticCode(rawValue: "initials.unknown")
  public static let attendeesCountPlaceholder = DiagnosticCode(rawValue: "attendees.count-placeholder")
  public static let attendeesCountMismatch = DiagnosticCode(rawValue: "attendees.count-mismatch")
  public static let cfepUnknown = DiagnosticCode(rawValue: "cfep.unknown")
  public static let dateMismatch = DiagnosticCode(rawValue: "date.mismatch")
  public static let fileNotUTF8 = DiagnosticCode(rawValue: "file.not-utf8")
  public static let fileBinary = DiagnosticCode(rawValue: "file.binary")
  public static let fileEmpty = DiagnosticCode(rawValue: "file.empty")
  public static let ownerAmbiguous = DiagnosticCode(rawValue: "owner.ambiguous")
  public static let ownerNameNotInitials = DiagnosticCode(rawValue: "owner.name-not-initials")
  public static let checkboxMalformed = DiagnosticCode(rawValue: "checkbox.malformed")
  public static let cfepTitleMismatch = DiagnosticCode(rawValue: "cfep.title-mismatch")
  public static let previousLinkPlaceholder = DiagnosticCode(rawValue: "previous-link.placeholder")
  public static let attendeesDuplicate = DiagnosticCode(rawValue: "attendees.duplicate")
  public static let attendeesHandleTypo = DiagnosticCode(rawValue: "attendees.handle-typo")

  /// Every rule the core can report, in the order the README documents them.
  public static let catalogue: [DiagnosticRule] = [
    DiagnosticRule(.actionItemUnowned, .warning, "A checkbox item with no owner of its own or inherited."),
    DiagnosticRule(.placeholderEmptyItem, .hint, "An empty template item such as `- [ ]` or `- [ ] ()`."),
    DiagnosticRule(.attendeesMissing, .warning, "A meeting note with no attendees section, or one that lists nobody."),
    DiagnosticRule(
      .initialsMalformed, .warning, "Initials that are not 2–4 capital letters where initials are expected."),
    DiagnosticRule(.initialsUnknown, .information, "Initials that no one in the workspace is known by."),
    DiagnosticRule(.attendeesCountPlaceholder, .warning, "A headcount left as `X people total`."),
    DiagnosticRule(.attendeesCountMismatch, .warning, "A headcount smaller than the number of people listed."),
    DiagnosticRule(.cfepUnknown, .warning, "A CFEP/CEP number that the configured registry does not have."),
    DiagnosticRule(.dateMismatch, .warning, "The file name, title and front-matter dates disagree."),
    DiagnosticRule(.fileNotUTF8, .warning, "The file is not valid UTF-8; it was read as Latin-1."),
    DiagnosticRule(.fileBinary, .warning, "The file looks binary, not like Markdown text."),
    DiagnosticRule(.fileEmpty, .hint, "The file is empty."),
    DiagnosticRule(.ownerAmbiguous, .information, "Owner initials that more than one known person uses."),
    DiagnosticRule(
      .ownerNameNotInitials, .hint, "An owner written as a name or handle where the person's initials are known."),
    DiagnosticRule(.checkboxMalformed, .warning, "A checkbox written `[]`, `[z]` or `[-]` instead of `[ ]` or `[x]`."),
    DiagnosticRule(.cfepTitleMismatch, .warning, "A CFEP/CEP reference whose stated title is another proposal's."),
    DiagnosticRule(.previousLinkPlaceholder, .warning, "A previous-meeting link left as `#REPLACE_ME#` or empty."),
    DiagnosticRule(.attendeesDuplicate, .warning, "The same person listed twice in the attendees."),
    DiagnosticRule(
      .attendeesHandleTypo, .information, "A GitHub handle one or two letters off the handle the person usually has."),
    DiagnosticRule(.actionItemDropped, .warning, "An open item of the previous meeting neither carried over nor done."),
    DiagnosticRule(.actionItemStale, .information, "An item carried over unchanged for more than N meetings."),
  ]
}
