/// A stable identifier of a person within one workspace snapshot.
public typealias PersonID = Int

/// One human, joined from every attendee entry and roster line that names them.
public struct Person: Hashable, Sendable {
  public var id: PersonID
  /// Full names seen, most frequent first.
  public var names: [String]
  /// Initials seen, most frequent first (upper-case).
  public var initials: [String]
  /// GitHub handles seen, most frequent first (without `@`).
  public var handles: [String]
  /// Affiliations seen, most recent first.
  public var affiliations: [String]
  /// Meetings whose attendee list names this person: note URI and date, oldest first.
  public var attendance: [Attendance]
  /// Roster lines naming this person: roster name and 0-based line.
  public var rosterEntries: [RosterEntry]

  public init(
    id: PersonID, names: [String] = [], initials: [String] = [], handles: [String] = [], affiliations: [String] = [],
    attendance: [Attendance] = [], rosterEntries: [RosterEntry] = []
  ) {
    self.id = id
    self.names = names
    self.initials = initials
    self.handles = handles
    self.affiliations = affiliations
    self.attendance = attendance
    self.rosterEntries = rosterEntries
  }

  public var displayName: String { names.first ?? handles.first ?? initials.first ?? "?" }
}

/// A meeting a person attended.
public struct Attendance: Hashable, Sendable {
  public var uri: String
  public var date: MeetingDate?
  /// The attendee row or item in that note.
  public var range: TextRange

  public init(uri: String, date: MeetingDate?, range: TextRange) {
    self.uri = uri
    self.date = date
    self.range = range
  }
}

/// A line of a roster file (`github_username,email,name`).
public struct RosterEntry: Hashable, Sendable {
  /// The name the roster was added under (usually its path or URI).
  public var roster: String
  /// 0-based line in the roster file.
  public var line: Int
  public var handle: String
  public var name: String

  public init(roster: String, line: Int, handle: String, name: String) {
    self.roster = roster
    self.line = line
    self.handle = handle
    self.name = name
  }
}

/// A CFEP or CEP as a registry (`cfeps.tsv`, `ceps.tsv`) lists it.
public struct Proposal: Hashable, Sendable {
  public var kind: ProposalKind
  public var number: Int
  public var title: String
  public var status: String

  public init(kind: ProposalKind, number: Int, title: String, status: String) {
    self.kind = kind
    self.number = number
    self.title = title
    self.status = status
  }
}
