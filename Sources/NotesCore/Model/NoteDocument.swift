/// A piece of text and where it stands in the document.
public struct Span: Hashable, Sendable {
  public var text: String
  public var range: TextRange

  public init(text: String, range: TextRange) {
    self.text = text
    self.range = range
  }
}

/// A calendar date, with no time zone: meeting notes name days, not instants.
public struct MeetingDate: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var year: Int
  public var month: Int
  public var day: Int

  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// A real day of the Gregorian calendar between 1900 and 2200.
  public var isValid: Bool {
    guard (1900...2200).contains(year), (1...12).contains(month), day >= 1 else { return false }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return day <= days[month - 1]
  }

  /// `YYYY-MM-DD`.
  public var description: String {
    func pad(_ n: Int, _ width: Int) -> String {
      let s = String(n)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  public static func < (lhs: MeetingDate, rhs: MeetingDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }
}

/// A date found in the note and where (a nil range: the file name, which is not in the text).
public struct DateMention: Hashable, Sendable {
  public var date: MeetingDate
  public var range: TextRange?

  public init(date: MeetingDate, range: TextRange?) {
    self.date = date
    self.range = range
  }
}

/// The three places a note states its date.
public struct NoteDates: Hashable, Sendable {
  public var fileName: DateMention?
  public var title: DateMention?
  public var frontMatter: DateMention?

  public init(fileName: DateMention? = nil, title: DateMention? = nil, frontMatter: DateMention? = nil) {
    self.fileName = fileName
    self.title = title
    self.frontMatter = frontMatter
  }

  /// The meeting's date: the title's, else the file name's, else the front matter's.
  public var meetingDate: MeetingDate? { title?.date ?? fileName?.date ?? frontMatter?.date }
}

/// `---` … `---` at the top of the file.
public struct FrontMatter: Hashable, Sendable {
  /// The whole block including both fences.
  public var range: TextRange
  /// `title:` value with quotes removed.
  public var title: Span?
  /// `tags:` values, from `[a, b]` or a `- a` list.
  public var tags: [Span]

  public init(range: TextRange, title: Span? = nil, tags: [Span] = []) {
    self.range = range
    self.title = title
    self.tags = tags
  }
}

/// What a section is for, judged from its heading.
public enum SectionKind: Hashable, Sendable {
  /// `Attendees`, `Attendance`, `Present`, `👥 Attendees`.
  case attendees
  /// New action items, `Action items`, `TODOs`: items assigned to people.
  case actionItems
  /// Items copied forward: `Check in on previous action items`, `Last meeting`, `2 meetings ago`,
  /// `Move to Issue Tracker`, `From previous meeting(s)`, `Outstanding Items From the Previous Meeting`.
  case carryOver
  /// Agenda, announcements, discussion and everything else that holds items.
  case agenda
  /// `Previous meetings` lists of links.
  case previousMeetings
  case other
}

/// A heading and the lines up to the next heading of the same or a higher level.
public struct Section: Hashable, Sendable {
  /// 1 for `#`, 2 for `##`, …
  public var level: Int
  /// The heading's text without `#`s and surrounding blanks.
  public var title: Span
  /// The heading line.
  public var headingRange: TextRange
  /// From the heading line to the end of the section's last line (before the next heading of level <= this one).
  public var range: TextRange
  /// Index into `NoteDocument.sections` of the enclosing section.
  public var parent: Int?
  public var kind: SectionKind

  public init(
    level: Int, title: Span, headingRange: TextRange, range: TextRange, parent: Int?, kind: SectionKind
  ) {
    self.level = level
    self.title = title
    self.headingRange = headingRange
    self.range = range
    self.parent = parent
    self.kind = kind
  }
}

/// The mark inside `[ ]`.
public enum CheckboxState: Hashable, Sendable {
  case open
  case done
  /// `[]`, `[z]`, `[-]`: a checkbox the author meant but did not write right.
  case malformed
}

public struct Checkbox: Hashable, Sendable {
  public var state: CheckboxState
  /// The brackets and what is inside them.
  public var range: TextRange

  public init(state: CheckboxState, range: TextRange) {
    self.state = state
    self.range = range
  }
}

/// How an owner was written.
public enum OwnerForm: Hashable, Sendable {
  /// `(AB)`, `(AB/CD)`, `(Eric)`, `(jakirkham)`.
  case parenthesized
  /// `AB:`, `AB/CD:`, `John K:` at the start of the item.
  case colonPrefix
  /// `[AB]` at the start of the item.
  case bracketed
  /// `@handle`.
  case atMention
  /// `Filipe to …`, `Cheng will …`.
  case prose
}

/// What an owner token names.
public enum OwnerKind: Hashable, Sendable {
  /// 2–4 capital letters: `MRB`.
  case initials
  /// A GitHub handle: `jakirkham`, `@carterbox`.
  case handle
  /// A first or full name: `Eric`, `John K`.
  case name
  /// `???`, `Needs Owner`, `TBD`: a place-holder that names nobody.
  case placeholder
  /// Where initials were expected but the token is not 2–4 capitals: `mcg`, `MRB.`, `Marius?`.
  case malformedInitials
}

/// One person named as the owner of an item.
public struct Owner: Hashable, Sendable {
  public var kind: OwnerKind
  public var form: OwnerForm
  /// The token as written, without `(`, `)`, `@`, `:` (for `MRB.` the text is `MRB.`).
  public var text: String
  /// The token's range, without the surrounding punctuation.
  public var range: TextRange

  public init(kind: OwnerKind, form: OwnerForm, text: String, range: TextRange) {
    self.kind = kind
    self.form = form
    self.text = text
    self.range = range
  }
}

/// The bullet of a list item.
public enum ListMarker: Hashable, Sendable {
  case dash, star, plus, ordered
  /// No bullet: a line that starts with a checkbox (`[ ] Eric to …`), which authors meant as an item.
  case bare
}

/// What a list item is for, judged from its form, its section and the items around it.
// NOTE: a task is a task everywhere: `action-item.unowned`, the owner rules, the open-items views (hover, `open:` and
// `@AB` symbols, references) and the assign-owner fix read `role`, whatever form the task is written in. See
// `TaskReader` for what makes one. Carry-over (`new`, dropped, stale) still reads the action-tracking sections.
public enum ItemRole: Hashable, Sendable {
  /// Work someone is to do: a checkbox of an action-tracking section, a checkbox with an owner slot anywhere
  /// (`(???)`, `( ) [ ]`, `(JK) [ ]`, `matt to …`), a `TODO:` / `Action item:` / `AI:` line, a bullet under a bullet
  /// that is only such a label, a bullet of an `Action items` / `TODOs` / `Next steps` section.
  case task
  /// A bullet that only labels the tasks under it: `* TODO`, `- todo:`, `* Action items:`, `* todo (all MRB)`.
  case taskLabel
  /// Everything else: an agenda topic, a status line under a task, a remark, a link.
  case other
}

/// A list item (with or without a checkbox), with the owners written on it.
public struct ListItem: Hashable, Sendable {
  /// The item's first line, from the marker to the end of the line.
  public var range: TextRange
  /// Width of the leading white space in columns (a tab counts 4).
  public var indent: Int
  public var marker: ListMarker
  public var checkbox: Checkbox?
  /// Where the text after the marker and the checkbox is, trimmed (its text: `NoteDocument.text(of:)`).
  ///
  /// NOTE: a range, not a copy of the text: a note held for a `--check` run or an open document keeps its items'
  /// texts once, in its source.
  public var contentRange: TextRange
  /// Owners written on this item itself.
  public var owners: [Owner]
  /// Index into `NoteDocument.items` of the item this one is nested under.
  public var parent: Int?
  /// Index into `NoteDocument.sections` of the innermost section holding the item.
  public var section: Int?
  /// `- [ ]`, `- [ ] ()`, `- [ ] ...`: template residue with no content.
  public var isEmptyTemplate: Bool
  /// Whether the item is a task, a label of tasks, or anything else.
  public var role: ItemRole

  public init(
    range: TextRange, indent: Int, marker: ListMarker, checkbox: Checkbox?, contentRange: TextRange, owners: [Owner],
    parent: Int?, section: Int?, isEmptyTemplate: Bool, role: ItemRole = .other
  ) {
    self.range = range
    self.indent = indent
    self.marker = marker
    self.checkbox = checkbox
    self.contentRange = contentRange
    self.owners = owners
    self.parent = parent
    self.section = section
    self.isEmptyTemplate = isEmptyTemplate
    self.role = role
  }

  /// An open checkbox (a task or an agenda topic not yet ticked).
  public var isOpen: Bool { checkbox?.state == .open }

  public var isTask: Bool { role == .task }

  /// A task still to do: an open or malformed checkbox, or a task written without one (`TODO: …`, a bullet of an
  /// `Action items` section), which nothing can tick.
  public var isOpenTask: Bool { role == .task && !isEmptyTemplate && checkbox?.state != .done }
}

/// How the attendees were written.
public enum AttendeeListForm: Hashable, Sendable {
  case table, bulletList, orderedList, inline
}

/// A column of an attendees table, recognised by its header name.
public enum AttendeeColumn: Hashable, Sendable {
  case name, initials, github, affiliation, other
}

/// One person in an attendee list.
public struct Attendee: Hashable, Sendable {
  public var name: Span?
  public var initials: Span?
  /// Without a leading `@`.
  public var github: Span?
  public var affiliation: Span?
  /// The row or list item.
  public var range: TextRange

  public init(name: Span?, initials: Span?, github: Span?, affiliation: Span?, range: TextRange) {
    self.name = name
    self.initials = initials
    self.github = github
    self.affiliation = affiliation
    self.range = range
  }
}

/// The attendees of a meeting as the note lists them.
public struct AttendeeList: Hashable, Sendable {
  public var form: AttendeeListForm
  /// Index into `NoteDocument.sections` of the attendees section, nil for an inline `Attendees: …` line.
  public var section: Int?
  /// For tables: the columns in order, as recognised from the header row.
  public var columns: [AttendeeColumn]
  /// The header row of a table.
  public var headerRange: TextRange?
  /// People listed; blank and placeholder rows (`XXXX`) are not in here.
  public var entries: [Attendee]
  /// Blank or placeholder rows and items.
  public var placeholderRows: [TextRange]
  /// The list or table itself (empty at the end of the heading when nothing is listed).
  public var range: TextRange

  public init(
    form: AttendeeListForm, section: Int?, columns: [AttendeeColumn], headerRange: TextRange?, entries: [Attendee],
    placeholderRows: [TextRange], range: TextRange
  ) {
    self.form = form
    self.section = section
    self.columns = columns
    self.headerRange = headerRange
    self.entries = entries
    self.placeholderRows = placeholderRows
    self.range = range
  }
}

/// `15 people total`, `X people in total`.
public struct Headcount: Hashable, Sendable {
  /// nil when the number is a place-holder (`X`).
  public var count: Int?
  /// The number or the `X`.
  public var numberRange: TextRange
  /// The whole line.
  public var range: TextRange

  public init(count: Int?, numberRange: TextRange, range: TextRange) {
    self.count = count
    self.numberRange = numberRange
    self.range = range
  }
}

/// Which registry a proposal number belongs to.
public enum ProposalKind: String, Hashable, Sendable {
  case cfep = "CFEP"
  case cep = "CEP"
}

/// `cfep-12`, `CFEP-18`, `CEP 17`, `cep-0017.md`.
public struct ProposalReference: Hashable, Sendable {
  public var kind: ProposalKind
  public var number: Int
  /// The whole token, e.g. `cfep-12` or `CEP 17`.
  public var range: TextRange
  /// The digits alone.
  public var numberRange: TextRange
  /// The title the note gives it, when the reference is a link followed by a title
  /// (`[cfep-10](…) Feedstock statuses` → `Feedstock statuses`).
  public var statedTitle: Span?
  /// Read from the URL of a link (`[spec](…/ceps/blob/main/cep-0099.md)`), not from text the note-taker wrote.
  public var isInLinkTarget: Bool

  public init(
    kind: ProposalKind, number: Int, range: TextRange, numberRange: TextRange, statedTitle: Span?,
    isInLinkTarget: Bool = false
  ) {
    self.kind = kind
    self.number = number
    self.range = range
    self.numberRange = numberRange
    self.statedTitle = statedTitle
    self.isInLinkTarget = isInLinkTarget
  }
}

/// A link or mention that points to the previous meeting.
public struct PreviousMeetingLink: Hashable, Sendable {
  /// The link text or the mention.
  public var range: TextRange
  /// The URL, when there is one.
  public var target: Span?
  /// `#REPLACE_ME#`, `()` or no target at all.
  public var isPlaceholder: Bool

  public init(range: TextRange, target: Span?, isPlaceholder: Bool) {
    self.range = range
    self.target = target
    self.isPlaceholder = isPlaceholder
  }
}

/// Where a person is named in a structural place (never in free prose).
public enum MentionRole: Hashable, Sendable {
  /// A cell or field of an attendee entry.
  case attendee(AttendeeColumn)
  /// The owner of a list item.
  case owner
  /// `AB:` at the start of a discussion bullet (not an item owner, e.g. a nested `- WV: Mostly…`).
  case speaker
}

/// A person named somewhere structural: the unit of hover, references and rename.
public struct PersonMention: Hashable, Sendable {
  public var kind: OwnerKind
  public var role: MentionRole
  public var text: String
  public var range: TextRange

  public init(kind: OwnerKind, role: MentionRole, text: String, range: TextRange) {
    self.kind = kind
    self.role = role
    self.text = text
    self.range = range
  }
}

/// Whether a Markdown file is a meeting note, and why.
public enum NoteKind: Hashable, Sendable {
  /// A date in the title or the file name, or `tags: [meeting-notes]`.
  case meeting
  /// Any other Markdown: no meeting diagnostics.
  case other
}

/// One Markdown file read as a meeting note. Built by `NoteParser.parse`, which never fails.
public struct NoteDocument: Sendable {
  public var uri: String
  public var source: SourceText
  /// The last path component of the URI, percent-decoded.
  public var fileName: String
  /// The URI up to and including the last `/`: notes in one folder can form a series.
  public var folder: String
  public var kind: NoteKind
  public var frontMatter: FrontMatter?
  /// The first H1 after the front matter.
  public var title: Span?
  public var dates: NoteDates
  public var sections: [Section]
  public var attendees: AttendeeList?
  public var headcounts: [Headcount]
  /// Every list item, in document order; nested items point at their parents.
  public var items: [ListItem]
  public var proposalReferences: [ProposalReference]
  public var previousMeetingLinks: [PreviousMeetingLink]
  /// Every structural mention of a person, in document order.
  public var mentions: [PersonMention]

  public init(
    uri: String, source: SourceText, fileName: String, folder: String, kind: NoteKind,
    frontMatter: FrontMatter? = nil, title: Span? = nil, dates: NoteDates = NoteDates(), sections: [Section] = [],
    attendees: AttendeeList? = nil, headcounts: [Headcount] = [], items: [ListItem] = [],
    proposalReferences: [ProposalReference] = [], previousMeetingLinks: [PreviousMeetingLink] = [],
    mentions: [PersonMention] = []
  ) {
    self.uri = uri
    self.source = source
    self.fileName = fileName
    self.folder = folder
    self.kind = kind
    self.frontMatter = frontMatter
    self.title = title
    self.dates = dates
    self.sections = sections
    self.attendees = attendees
    self.headcounts = headcounts
    self.items = items
    self.proposalReferences = proposalReferences
    self.previousMeetingLinks = previousMeetingLinks
    self.mentions = mentions
  }

  public var isMeetingNote: Bool { kind == .meeting }
  /// The text of an item of this note after its marker and checkbox, trimmed (`ListItem.contentRange`).
  public func text(of item: ListItem) -> String { source.text(in: item.contentRange) }
  public var meetingDate: MeetingDate? { dates.meetingDate }

  /// The owners of an item: its own, else the nearest ancestor's. A task inherits only through tasks and task
  /// labels: the person who added an agenda topic does not own the tasks written under it.
  // NOTE: the conda template asks for "the initials of the person adding the item": `- [x] (WV) Status of CEP …` →
  // `- Action items:` → `- call a vote` is work nobody took, not WV's. A sub-task of a task (`* [ ] (JK) …` →
  // `* [ ] check in again`) is its owner's; an owner or placeholder written on the item itself always wins
  // (`* [ ] matt to …` under JK's item is matt's, `* [ ] (???) …` under ED's is nobody's).
  public func effectiveOwners(ofItem index: Int) -> [Owner] {
    var current: Int? = index
    var guardCount = 0
    let isTask = items.indices.contains(index) && items[index].role == .task
    while let i = current, guardCount < items.count {
      if isTask && i != index && items[i].role == .other { return [] }
      if !items[i].owners.isEmpty { return items[i].owners }
      current = items[i].parent
      guardCount += 1
    }
    return []
  }

  /// The kind of a section, or of the nearest enclosing section whose kind is not `.other`.
  public func sectionKind(ofSection index: Int?) -> SectionKind {
    var current = index
    while let i = current {
      if sections[i].kind != .other { return sections[i].kind }
      current = sections[i].parent
    }
    return .other
  }
}
