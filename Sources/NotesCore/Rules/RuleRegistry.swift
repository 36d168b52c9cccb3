/// A rule: its stable code, default severity, a one-line summary (`--help`, SARIF) and the documentation and example
/// the README's diagnostics table shows (a test renders the table from here and compares it with the README).
public struct DiagnosticRule: Hashable, Sendable {
  public var code: DiagnosticCode
  public var defaultSeverity: Severity
  public var summary: String
  public var documentation: String
  public var example: String
  /// Whether the rule reports nothing until configured with a severity (its severity then is `defaultSeverity`'s
  /// suggestion for whoever turns it on).
  public var isOffByDefault: Bool

  public init(
    _ code: DiagnosticCode, _ defaultSeverity: Severity, summary: String, documentation: String, example: String,
    offByDefault: Bool = false
  ) {
    self.isOffByDefault = offByDefault
    self.code = code
    self.defaultSeverity = defaultSeverity
    self.summary = summary
    self.documentation = documentation
    self.example = example
  }
}

extension DiagnosticCode {
  public static let actionItemUnowned = DiagnosticCode(rawValue: "action-item.unowned")
  public static let placeholderEmptyItem = DiagnosticCode(rawValue: "placeholder.empty-item")
  public static let attendeesMissing = DiagnosticCode(rawValue: "attendees.missing")
  public static let attendeesInitialsMissing = DiagnosticCode(rawValue: "attendees.initials-missing")
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
  public static let actionItemDropped = DiagnosticCode(rawValue: "action-item.dropped")
  public static let actionItemStale = DiagnosticCode(rawValue: "action-item.stale")
  public static let previousLinkStale = DiagnosticCode(rawValue: "previous-link.stale")
  public static let fileTooLarge = DiagnosticCode(rawValue: "file.too-large")
  public static let fileNotRegular = DiagnosticCode(rawValue: "file.not-regular")
}

/// The one list of rules. Settings validation, `--help`, SARIF's rule list and the README's table all read it; a rule
/// that is not here cannot be configured or reported.
public enum RuleRegistry {
  /// Every rule, in the order the README documents them.
  public static let rules: [DiagnosticRule] = [
    DiagnosticRule(
      .actionItemUnowned, .warning,
      summary: "A task with no owner of its own or inherited.",
      documentation:
        "A task with no owner of its own or inherited from the task it is nested under. Tasks are checkboxes of action-tracking sections (`Action items`, `TODOs`, `Check in on previous action items`, `Last meeting`, `Move to Issue Tracker`), checkboxes with an owner slot anywhere (`(???)`, `( ) [ ]`, `-- ??`), `TODO:` / `Action item:` / `AI:` lines and the bullets under a bare `* TODO` / `- Action items:`, and the bullets of `Action items` / `TODOs` / `Next steps` sections (see [What is a task](#what-is-a-task-parsingtasksswift-listitemrole)). A placeholder owner is no owner; the person who added an agenda topic does not own the tasks written under it. Agenda checkboxes are topics and status lines under a task are not tasks; a ticked task is done and never reported.",
      example: "`## Action items` then `- [ ] Update the docs`; `- Action item: call the vote`; `* ( ) [ ] make a hint`"
    ),
    DiagnosticRule(
      .placeholderEmptyItem, .hint,
      summary: "An empty template item such as `- [ ]` or `- [ ] ()`.",
      documentation: "Template residue: an item with no content.",
      example: "`- [ ]`, `- [ ] ()`, `- [ ] ...`"),
    DiagnosticRule(
      .attendeesMissing, .warning,
      summary: "A meeting note with no attendees section, or one that lists nobody.",
      documentation:
        "No attendees section (nor an inline `Attendees:` line, also bold or misspelt: `**Attendees:** …`, `Attendence: …`), or one that lists nobody.",
      example: "`# 2024-01-10 Team meeting` with no `## Attendees`"),
    DiagnosticRule(
      .attendeesInitialsMissing, .information,
      summary: "An attendee row with a name and an empty Initials cell.",
      documentation:
        "An attendees table row with a name but no initials, in a table that has an Initials column: owners are written as initials, so each attendee's are worth listing. The quick fix fills in the initials the person is usually listed with, when the workspace knows them.",
      example: "`| Matthew Becker | | | beckermr |`"),
    DiagnosticRule(
      .initialsMalformed, .warning,
      summary: "Initials that are not 2–4 capital letters where initials are expected.",
      documentation:
        "Where initials are expected (an Initials cell, a `(…)` owner) and they are not 2–4 capitals. Lower-case name particles between capitals (`MvN`) are fine.",
      example: "`| Matthew Becker | MRB. |`, `- [ ] (Marius?) Python 2.7 migration`"),
    DiagnosticRule(
      .initialsUnknown, .information,
      summary: "Initials that no one in the workspace is known by.",
      documentation:
        "Owner initials no one is known by: not in any attendee list of any note, not in a roster, not suggested by an attendee's name.",
      example: "`- [ ] (QQ) Book the room`"),
    DiagnosticRule(
      .attendeesCountPlaceholder, .warning,
      summary: "A headcount left as `X people total`.",
      documentation: "The headcount was left unfilled.",
      example: "`X people total`"),
    DiagnosticRule(
      .attendeesCountMismatch, .warning,
      summary: "A headcount smaller than the number of people listed.",
      documentation: "The headcount is smaller than the number of people listed.",
      example: "two attendee rows, then `1 people in total`"),
    DiagnosticRule(
      .cfepUnknown, .warning,
      summary: "A CFEP/CEP number that the configured registry does not have.",
      documentation:
        "A CFEP/CEP number the configured registry does not have (only when a registry of that kind is configured). A number read only from a URL (`…/ceps/blob/main/cep-0099.md` as a link's target) is where a link points, not a reference, and is not reported.",
      example: "`CFEP-99` with `cfeps.tsv` configured"),
    DiagnosticRule(
      .cfepTitleMismatch, .warning,
      summary: "A CFEP/CEP reference whose stated title is another proposal's.",
      documentation: "The title the note gives a proposal is another proposal's title.",
      example: "`[cfep-15](…/pull/15) Feedstock statuses` (that is cfep-10)"),
    DiagnosticRule(
      .dateMismatch, .warning,
      summary: "The file name, title and front-matter dates disagree.",
      documentation: "The title or front-matter date disagrees with the file name's.",
      example: "`2024-01-10.md` holding `# 2024-01-11 Team meeting`"),
    DiagnosticRule(
      .previousLinkPlaceholder, .warning,
      summary: "A previous-meeting link left as `#REPLACE_ME#` or empty.",
      documentation: "The previous-meeting link was never filled in; the message names the local previous note.",
      example: "`[Last week's meeting](https://hackmd.io/#REPLACE_ME#)`"),
    DiagnosticRule(
      .previousLinkStale, .information,
      summary: "A previous-meeting link copied forward unchanged, pointing two or more meetings back.",
      documentation:
        "The previous-meeting link has the same URL as the previous note's own previous-meeting link: it was copied forward and points two or more meetings back. The quick fix points it at the local previous note. Links to an archive of notes (`Previous meetings`, `…/meetings`, `…/minutes/`) are not checked.",
      example: "`[last weeks meeting](https://hackmd.io/r5ee…)` in two notes in a row"),
    DiagnosticRule(
      .ownerAmbiguous, .information,
      summary: "Owner initials that more than one known person uses.",
      documentation:
        "Owner initials used by several people when nothing tells who is meant: not this meeting's attendee list, not (for a carried item) the meeting it came from, not who attended nearest to the date. The quick fixes write the chosen person's GitHub handle instead.",
      example: "`(SC)`: Sylvain Corlay and Sophia Castellarin"),
    DiagnosticRule(
      .ownerNameNotInitials, .hint,
      summary: "An owner written as a name where the person's initials are known (off by default).",
      documentation:
        "An owner written as a first name or surname when that person's initials are known, only where the item is first written (not on its carried copies) and never on a GitHub handle (an unambiguous owner). Off by default: a first name that names one person is clear in an archive; turn it on for a team that writes initials.",
      example: "`- [ ] (Eric) Email out` → write `ED`", offByDefault: true),
    DiagnosticRule(
      .checkboxMalformed, .warning,
      summary: "A checkbox written `[]`, `[z]` or `[-]` instead of `[ ]` or `[x]`.",
      documentation: "A checkbox Markdown does not render.",
      example: "`- [] Lilly: …`, `* [z] (IF) cross compiling`"),
    DiagnosticRule(
      .attendeesDuplicate, .warning,
      summary: "The same person listed twice in the attendees.",
      documentation:
        "The same person listed twice: same handle, same full name, or same initials with compatible names.",
      example: "`- Jaime Rodríguez-Guerra (JRG)` twice"),
    DiagnosticRule(
      .attendeesHandleTypo, .information,
      summary: "A GitHub handle one or two letters off the handle the person usually has.",
      documentation: "A handle one or two edits off the handle the same person usually has.",
      example: "`| Jaime Rodríguez-G. | JRG | jaimerg |`"),
    DiagnosticRule(
      .actionItemDropped, .warning,
      summary: "An open item of the previous meeting neither carried over nor done.",
      documentation:
        "An open item of the previous meeting's action-tracking sections that this meeting neither carries over (in any section, open or done, with small edits or the same link or issue number) nor marks done; a whole list left out is one finding. Related locations point at each item in the previous note. Not reported across a gap (see [Across meetings](#across-meetings)).",
      example: "`- [ ] (MRB) pinning epochs draft CFEP` in last week's note, absent from this one"),
    DiagnosticRule(
      .actionItemStale, .information,
      summary: "An item carried over unchanged for more than N meetings.",
      documentation:
        "An open item carried over unchanged for more than `staleAfterMeetings` earlier meetings (default 8); reported once, on the newest note that carries it; a note that lacks it once or twice does not restart the count.",
      example: "the same `- [ ] (Eric) Email out…` in nine notes in a row"),
    DiagnosticRule(
      .fileNotUTF8, .warning,
      summary: "The file is not valid UTF-8; it was read as Latin-1.",
      documentation: "The file is not UTF-8; it was read as Latin-1. The finding sits on the first bad byte.",
      example: "a file saved as Latin-1"),
    DiagnosticRule(
      .fileBinary, .warning,
      summary: "The file looks binary, not like Markdown text.",
      documentation: "The file looks binary (NUL bytes or many control characters). It gets no note diagnostics.",
      example: "an image renamed `.md`"),
    DiagnosticRule(
      .fileEmpty, .hint,
      summary: "The file is empty.",
      documentation: "The file is empty.",
      example: "a 0-byte `.md`"),
    DiagnosticRule(
      .fileTooLarge, .warning,
      summary: "The file is larger than 10 MiB; it was not checked.",
      documentation:
        "The file is larger than 10 MiB (counted by bytes actually read); `--check` and the server report it and do not read it as a note.",
      example: "a 20 MB log renamed `.md`"),
    DiagnosticRule(
      .fileNotRegular, .warning,
      summary: "A FIFO, socket or device named like a note; it was not read.",
      documentation:
        "A FIFO, socket or device (also through a symbolic link, e.g. to `/dev/zero`) named like a note. It is never opened for reading, so it cannot hang or flood the check.",
      example: "`mkfifo x.md`"),
  ]

  /// The rule of `code`, if there is one.
  public static func rule(_ code: DiagnosticCode) -> DiagnosticRule? { byCode[code] }

  private static let byCode: [DiagnosticCode: DiagnosticRule] = Dictionary(
    rules.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })

  /// The README's diagnostics table (header included), rendered from the registry.
  public static func markdownTable() -> String {
    var lines = ["| code | default | what it means | a note that triggers it |", "|---|---|---|---|"]
    for rule in rules {
      let example = rule.example.replacingOccurrences(of: "|", with: "\\|")
      lines.append(
        "| `\(rule.code.rawValue)` | \(rule.defaultSeverity.name)\(rule.isOffByDefault ? " (off by default)" : "") | \(rule.documentation) | \(example) |"
      )
    }
    return lines.joined(separator: "\n")
  }
}
