/// Every note of a workspace, the people they name, the series they form, and the registries and rosters that
/// configuration adds. A value: a front end keeps one, updates it, and hands snapshots to readers.
public struct NotesWorkspace: Sendable {
  public var settings: NotesSettings

  public init(settings: NotesSettings = NotesSettings()) {
    self.settings = settings
  }

  // MARK: - Inputs

  /// Adds or replaces a roster in the real format `github_username,email,name[,…]` (a header line first).
  public mutating func setRoster(name: String, text: String) {
    // FIXME: stub
  }

  /// Adds or replaces a CFEP or CEP registry in the format of `cfeps.tsv` / `ceps.tsv` (tab-separated, header first,
  /// columns `number`, `title`, `status`, …).
  public mutating func setRegistry(_ kind: ProposalKind, name: String, text: String) {
    // FIXME: stub
  }

  /// Parses `text` as the note at `uri`, replacing any earlier version, and returns the parsed note.
  @discardableResult
  public mutating func update(uri: String, text: String) -> NoteDocument {
    // FIXME: stub
    NoteParser.parse(uri: uri, text: text)
  }

  /// Records what other notes need to know of `document` (people, date, series, open items) without keeping its
  /// text: `--check` indexes every file this way first, then asks `diagnostics(for:)` file by file, so its memory
  /// does not grow with the number of files. A later `update` or `index` of the same URI replaces it.
  public mutating func index(_ document: NoteDocument) {
    // FIXME: stub
  }

  /// Forgets the note at `uri`.
  public mutating func remove(uri: String) {
    // FIXME: stub
  }

  // MARK: - Queries

  /// The parsed note at `uri`, when the workspace holds it.
  public func document(_ uri: String) -> NoteDocument? {
    nil  // FIXME: stub
  }

  /// URIs of every note held, sorted.
  public var uris: [String] { [] }

  /// Everyone the workspace knows.
  public var people: [Person] { [] }

  /// The people known by these initials (case-insensitive); more than one means the initials are ambiguous.
  public func people(withInitials initials: String) -> [Person] { [] }

  /// The people known by this GitHub handle (case-insensitive, without `@`).
  public func people(withHandle handle: String) -> [Person] { [] }

  /// The people known by this name or first name (case- and accent-insensitive).
  public func people(named name: String) -> [Person] { [] }

  /// A registry entry.
  public func proposal(_ kind: ProposalKind, _ number: Int) -> Proposal? { nil }

  /// Every registry entry of a kind, by number.
  public func proposals(_ kind: ProposalKind) -> [Proposal] { [] }

  /// The nearest earlier note of the same series that the workspace holds.
  public func previousMeeting(of uri: String) -> NoteDocument? { nil }

  /// The diagnostics of the note at `uri` (document-level and workspace-level), with configured severities applied
  /// and rules that are off left out, sorted by position.
  public func diagnostics(for uri: String) -> [Diagnostic] { [] }

  /// The diagnostics of a parsed note that need not be held by the workspace (see `index(_:)`).
  public func diagnostics(for document: NoteDocument) -> [Diagnostic] { [] }
}
