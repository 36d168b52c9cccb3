import Foundation

/// Every note of a workspace, the people they name, the series they form, and the registries and rosters that
/// configuration adds. A value: a front end keeps one, updates it, and hands snapshots to readers.
///
/// NOTE: updates are incremental. A note contributes its distinct attendee identities (name, initials, handle,
/// affiliation as written) with a count; the join of identities into people is rebuilt lazily, on the first query
/// after the *set* of distinct identities or the rosters changed — editing a note without changing who it lists
/// (the usual keystroke) keeps the join. The join's cost follows the number of distinct identities, not of notes.
/// Series are kept sorted per folder as notes come and go.
public struct NotesWorkspace: Sendable {
  public var settings: NotesSettings

  private var summaries: [String: NoteSummary] = [:]
  private var documents: [String: NoteDocument] = [:]
  /// The notes held by their text only (see `hold(_:)`), parsed again when asked for.
  private var texts: [String: HeldText] = [:]
  private let reparsed = ReparsedNotes()
  private var seriesIndex = SeriesIndex()
  /// Each identity listed by a held note: how many rows list it, in which notes (one table, looked up once per row).
  private var identityUses: [PersonIdentity: IdentityUse] = [:]
  private var rosters: [String: [RosterEntry]] = [:]
  private var registries: [ProposalKind: [String: [Int: Proposal]]] = [:]
  private var proposalTable: [ProposalKind: [Int: Proposal]] = [:]
  /// A new value on every change, unique in the process (two copies of one workspace that change apart never share
  /// one): every derived cache belongs to one revision (see `PeopleCache`, `AttendanceCache`,
  /// `CrossMeetingIndex`).
  public private(set) var revision = 0 {
    didSet {
      countsCache = HandleCountsCache()
      rowsCache = AttendeeRowsCache()
      openTextsCache = OpenItemTextsCache()
    }
  }
  /// How often each handle is written for each person, for this revision (every rule of every note that lists the
  /// person asks; the answer depends on how often each identity is written, so any change replaces it).
  private var countsCache = HandleCountsCache()
  /// The rows of each identity in notes with long attendee lists, for this revision (see `rows(of:inNoteAt:)`).
  private var rowsCache = AttendeeRowsCache()
  /// The open item texts of held notes, for this revision (see `openItemTexts(of:)`).
  private var openTextsCache = OpenItemTextsCache()
  var peopleCache = PeopleCache()
  /// What each held note names and owns, posted by spelling (see `CrossMeetingPostings`).
  private(set) var crossPostings = CrossMeetingPostings()
  private var attendanceCache = AttendanceCache()
  /// The neighbours of held notes in their series (`precedingMeeting(of:)`, `nextMeetingURI(of:)`), per series
  /// revision: every rule of a note asks for its previous meeting, and the stale-item walk for each earlier one.
  private var seriesSteps = SeriesStepCache()

  public init(settings: NotesSettings = NotesSettings()) {
    self.settings = settings
  }

  // MARK: - Inputs

  /// Adds or replaces a roster in the real format `github_username,email,name[,…]` (a header line first). Columns are
  /// found by header name (`github_username` / `github` / `handle` / `username`, `name`); quoted fields, CRLF and a
  /// byte order mark are read. Lines without a handle are skipped.
  public mutating func setRoster(name: String, text: String) {
    var entries: [RosterEntry] = []
    for row in DelimitedText.table(text, separator: ",") {
      let handle =
        ["github_username", "github", "handle", "username", "gh username", "github id"]
        .lazy.compactMap { row.values[$0] }.first { !$0.isEmpty } ?? ""
      guard NameMatching.handleKey(handle) != nil else { continue }
      var clean = handle.trimmingBlanks()
      while clean.hasPrefix("@") { clean.removeFirst() }
      let fullName = (row.values["name"] ?? row.values["full name"] ?? "").trimmingBlanks()
      entries.append(RosterEntry(roster: name, line: row.line, handle: clean, name: fullName))
    }
    rosters[name] = entries
    revision = RevisionCounter.shared.next()
    peopleCache = PeopleCache()
    attendanceCache = AttendanceCache()
  }

  /// Forgets a roster.
  public mutating func removeRoster(name: String) {
    revision = RevisionCounter.shared.next()
    if rosters.removeValue(forKey: name) != nil {
      peopleCache = PeopleCache()
      attendanceCache = AttendanceCache()
    }
  }

  /// Adds or replaces a CFEP or CEP registry in the format of `cfeps.tsv` / `ceps.tsv` (tab-separated, header first,
  /// columns `number`, `title`, `status`, …). Numbers may be zero-padded; rows without a number are skipped.
  public mutating func setRegistry(_ kind: ProposalKind, name: String, text: String) {
    var table: [Int: Proposal] = [:]
    for row in DelimitedText.table(text, separator: "\t") {
      let digits = (row.values["number"] ?? "").trimmingBlanks()
      guard !digits.isEmpty, digits.utf8.count <= 6, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
        let number = Int(digits), table[number] == nil
      else { continue }
      table[number] = Proposal(
        kind: kind, number: number, title: (row.values["title"] ?? "").trimmingBlanks(),
        status: (row.values["status"] ?? "").trimmingBlanks())
    }
    registries[kind, default: [:]][name] = table
    revision = RevisionCounter.shared.next()
    mergeRegistries(kind)
  }

  /// Forgets a registry.
  public mutating func removeRegistry(_ kind: ProposalKind, name: String) {
    registries[kind]?.removeValue(forKey: name)
    revision = RevisionCounter.shared.next()
    mergeRegistries(kind)
  }

  private mutating func mergeRegistries(_ kind: ProposalKind) {
    var merged: [Int: Proposal] = [:]
    for name in (registries[kind] ?? [:]).keys.sorted() {
      for (number, proposal) in registries[kind]?[name] ?? [:] where merged[number] == nil {
        merged[number] = proposal
      }
    }
    if registries[kind]?.isEmpty ?? true {
      proposalTable.removeValue(forKey: kind)
      registries.removeValue(forKey: kind)
    } else {
      proposalTable[kind] = merged
    }
  }

  /// Parses `text` as the note at `uri`, replacing any earlier version, and returns the parsed note.
  @discardableResult
  public mutating func update(uri: String, text: String) -> NoteDocument {
    let document = NoteParser.parse(uri: uri, text: text)
    update(document)
    return document
  }

  /// Holds an already parsed note (replacing any earlier version of its URI), with its text.
  public mutating func update(_ document: NoteDocument) {
    store(NoteSummary(document))
    texts.removeValue(forKey: document.uri)
    documents[document.uri] = document
    crossPostings.insert(document, seriesKey: summaries[document.uri]?.seriesKey)
  }

  /// Holds an already parsed note whose summary the caller computed (`NoteSummary(document)`), e.g. on several
  /// threads while indexing a large workspace.
  public mutating func update(_ document: NoteDocument, summary: NoteSummary) {
    store(summary)
    texts.removeValue(forKey: document.uri)
    documents[document.uri] = document
    crossPostings.insert(document, seriesKey: summary.seriesKey)
  }

  /// What the workspace keeps of a note it holds without its parse: its text, summary and cross-meeting postings.
  /// Made from the parsed note, on any thread (indexing makes them on every core).
  public struct HeldNote: Sendable {
    /// The note's text.
    public let source: SourceText
    let summary: NoteSummary
    let entry: CrossMeetingPostings.NoteEntry

    public init(_ document: NoteDocument, summary: NoteSummary) {
      source = document.source
      self.summary = summary
      entry = CrossMeetingPostings.entry(for: document, seriesKey: summary.seriesKey)
    }

    public var uri: String { summary.uri }
  }

  /// Holds a note by its text, summary and postings, not its parse (replacing any earlier version of its URI):
  /// `document(_:)` parses it again when asked (about 0.1 ms for a meeting note), and the cross-meeting requests
  /// answer from the postings. Every answer is the same as for `update(_:)` of the parsed note.
  ///
  /// NOTE: the server holds the notes the editor has not open this way: a parsed note takes several times the memory
  /// of its text.
  public mutating func hold(_ note: HeldNote) {
    store(note.summary)
    documents.removeValue(forKey: note.uri)
    texts[note.uri] = HeldText(source: note.source, stamp: RevisionCounter.shared.next())
    crossPostings.insert(note.entry)
  }

  /// Records what other notes need to know of `document` (people, date, series, open items) without keeping its
  /// text: `--check` indexes every file this way first, then asks `diagnostics(for:)` file by file, so its memory
  /// does not grow with the number of files. A later `update` or `index` of the same URI replaces it.
  public mutating func index(_ document: NoteDocument) {
    documents.removeValue(forKey: document.uri)
    texts.removeValue(forKey: document.uri)
    crossPostings.remove(document.uri)
    store(NoteSummary(document))
  }

  /// Indexes a note from its summary, computed beforehand (on another thread, say): the same as `index(_:)` of the
  /// document `summary` was made from.
  public mutating func index(summary: NoteSummary) {
    documents.removeValue(forKey: summary.uri)
    texts.removeValue(forKey: summary.uri)
    crossPostings.remove(summary.uri)
    store(summary)
  }

  /// Forgets the note at `uri`.
  public mutating func remove(uri: String) {
    revision = RevisionCounter.shared.next()
    documents.removeValue(forKey: uri)
    texts.removeValue(forKey: uri)
    crossPostings.remove(uri)
    guard let old = summaries.removeValue(forKey: uri) else { return }
    attendanceCache = AttendanceCache()
    if !withdraw(old).isEmpty { peopleCache = PeopleCache() }
  }

  /// Replaces the summary of a note. The people join is invalidated only when an identity appears that was not
  /// known, or one disappears that no note lists any more; the series only when the note's date, title pattern or
  /// named previous meetings changed.
  private mutating func store(_ summary: NoteSummary) {
    revision = RevisionCounter.shared.next()
    var vanished = Set<PersonIdentity>()
    let old = summaries.removeValue(forKey: summary.uri)
    let oldEntry = old.flatMap(Self.seriesEntry)
    let newEntry = Self.seriesEntry(summary)
    let seriesChanged = oldEntry != newEntry || old?.seriesKey != summary.seriesKey
    if let old { vanished = withdraw(old, series: seriesChanged) }
    if let old, old.date == summary.date, Self.identities(old) == Self.identities(summary) {
      // Attendance unchanged.
    } else {
      attendanceCache = AttendanceCache()
    }
    summaries[summary.uri] = summary
    var appeared = false
    // O(attendees of the note): counted once per identity, never by rescanning the note per identity.
    for (identity, n) in Self.identityTally(summary) {
      let count = identityUses[identity, default: IdentityUse()].add(n, note: summary.uri)
      if count == 0 && vanished.remove(identity) == nil { appeared = true }
    }
    if seriesChanged, let entry = newEntry, let key = summary.seriesKey {
      seriesIndex.insert(entry, folder: key)
      seriesSteps = SeriesStepCache()
    }
    if appeared || !vanished.isEmpty {
      peopleCache = PeopleCache()
      attendanceCache = AttendanceCache()
    }
  }

  /// Takes a note's contributions out; returns the identities no note lists any more.
  private mutating func withdraw(_ summary: NoteSummary, series: Bool = true) -> Set<PersonIdentity> {
    var vanished = Set<PersonIdentity>()
    for (identity, n) in Self.identityTally(summary) {
      let count = identityUses[identity]?.remove(n, note: summary.uri) ?? 0
      if count <= 0 {
        identityUses.removeValue(forKey: identity)
        vanished.insert(identity)
      }
    }
    if series, let entry = Self.seriesEntry(summary), let key = summary.seriesKey {
      seriesIndex.remove(entry, folder: key)
      seriesSteps = SeriesStepCache()
    }
    return vanished
  }

  /// The identities a note lists.
  private static func identities(_ summary: NoteSummary) -> Set<PersonIdentity> {
    Set(summary.attendees.lazy.map(\.identity).filter { !$0.isEmpty })
  }

  /// How many rows of the held notes list an identity, and which notes.
  struct IdentityUse {
    var count = 0
    var notes: Set<String> = []

    /// Adds `rows` rows of the note at `uri`; returns the count before.
    mutating func add(_ rows: Int, note uri: String) -> Int {
      defer { count += rows }
      notes.insert(uri)
      return count
    }

    /// Takes `rows` rows of the note at `uri` out; returns the count left.
    mutating func remove(_ rows: Int, note uri: String) -> Int {
      count -= rows
      notes.remove(uri)
      return count
    }
  }

  /// How often each identity is listed in a note.
  private static func identityTally(_ summary: NoteSummary) -> [(identity: PersonIdentity, count: Int)] {
    // A note lists a dozen people: an array searched in place costs less than a dictionary made for each note (a
    // long list is counted by a dictionary, so the search stays linear).
    guard summary.attendees.count <= 32 else {
      var counts: [PersonIdentity: Int] = [:]
      var order: [PersonIdentity] = []
      for attendee in summary.attendees where !attendee.identity.isEmpty {
        if counts[attendee.identity] == nil { order.append(attendee.identity) }
        counts[attendee.identity, default: 0] += 1
      }
      return order.map { ($0, counts[$0] ?? 0) }
    }
    var tally: [(identity: PersonIdentity, count: Int)] = []
    tally.reserveCapacity(summary.attendees.count)
    for attendee in summary.attendees where !attendee.identity.isEmpty {
      if let at = tally.firstIndex(where: { $0.identity == attendee.identity }) {
        tally[at].count += 1
      } else {
        tally.append((attendee.identity, 1))
      }
    }
    return tally
  }

  private static func seriesEntry(_ summary: NoteSummary) -> SeriesEntry? {
    guard summary.seriesKey != nil, let date = summary.date else { return nil }
    return SeriesEntry(
      date: date, uri: summary.uri, pattern: summary.titlePattern, namedDates: summary.namedPreviousDates)
  }

  // MARK: - Queries: notes

  /// The parsed note at `uri`, when the workspace holds it (after `update` or `hold`, not after `index`); a note held
  /// by its text is parsed again (the last few are kept).
  public func document(_ uri: String) -> NoteDocument? {
    if let document = documents[uri] { return document }
    guard let held = texts[uri] else { return nil }
    return reparsed.document(held.stamp) { NoteParser.parse(uri: uri, source: held.source) }
  }

  /// The text of a held note (after `update` or `hold`), without parsing it.
  public func source(_ uri: String) -> SourceText? { documents[uri]?.source ?? texts[uri]?.source }

  /// Whether the workspace holds the note at `uri` parsed (after `update`; not after `hold`, which keeps its text).
  public func holdsParse(_ uri: String) -> Bool { documents[uri] != nil }

  /// Whether the workspace holds the note at `uri` with its text (after `update` or `hold`, not after `index`).
  public func holdsText(_ uri: String) -> Bool { documents[uri] != nil || texts[uri] != nil }

  /// The range of a held note's title (nil when it has none, or is only indexed).
  func titleRange(_ uri: String) -> TextRange? {
    if let document = documents[uri] { return document.title?.range }
    return crossPostings.notes[uri]?.titleRange
  }

  /// What the workspace knows of the note at `uri` (after `update` or `index`).
  public func summary(_ uri: String) -> NoteSummary? { summaries[uri] }

  /// The normalised texts of the open tracked items of the note at `uri` (nil when it is not held), made once per
  /// revision: the stale-item walk of every later note of its series reads them.
  public func openItemTexts(of uri: String) -> Set<String>? {
    guard let summary = summaries[uri] else { return nil }
    return openTextsCache.value(uri) {
      Set(summary.trackedItems.lazy.filter { $0.state == .open }.map(\.normalizedText))
    }
  }

  /// URIs of every note held, sorted.
  public var uris: [String] { summaries.keys.sorted() }

  // MARK: - Queries: series

  /// The URIs of the series the note at `uri` belongs to, oldest first: just the note for a one-off; empty when it
  /// belongs to none (undated, not a meeting note). See `SeriesRules`.
  public func series(of uri: String) -> [String] {
    guard let summary = summaries[uri], let key = summary.seriesKey, let entry = Self.seriesEntry(summary) else {
      return []
    }
    return seriesIndex.members(of: entry, folder: key).map(\.uri)
  }

  /// Whether the note at `uri` is a one-off: a dated meeting note of no series (its title matches no other note's).
  public func isOneOff(_ uri: String) -> Bool {
    guard let summary = summaries[uri], let key = summary.seriesKey, let entry = Self.seriesEntry(summary) else {
      return false
    }
    return seriesIndex.isOneOff(entry, folder: key)
  }

  /// The previous meeting of the note at `uri`: the nearest earlier-dated note of its series that the workspace
  /// holds, unless a gap lies between (then nil; see `precedingMeeting(of:)`).
  public func previousMeetingURI(of uri: String) -> String? {
    guard let step = precedingMeeting(of: uri), step.gap == nil else { return nil }
    return step.uri
  }

  /// The nearest earlier-dated note of the series of the note at `uri`, with the gap (if any) that keeps it from
  /// being the previous meeting.
  public func precedingMeeting(of uri: String) -> SeriesStep? {
    seriesSteps.value(SeriesStepQuery(uri: uri, step: -1)) {
      guard let summary = summaries[uri], let entry = Self.seriesEntry(summary), let key = summary.seriesKey else {
        return nil
      }
      return seriesIndex.neighbour(of: entry, folder: key, step: -1)
    }
  }

  /// The URI of the nearest later-dated note of the same series that the workspace holds (gaps or not).
  public func nextMeetingURI(of uri: String) -> String? {
    seriesSteps.value(SeriesStepQuery(uri: uri, step: 1)) {
      guard let summary = summaries[uri], let entry = Self.seriesEntry(summary), let key = summary.seriesKey else {
        return nil
      }
      return seriesIndex.neighbour(of: entry, folder: key, step: 1)
    }?.uri
  }

  /// The previous meeting of a note that need not be held (its folder, date and title place it in a series); nil
  /// across a gap.
  public func previousMeetingURI(of document: NoteDocument) -> String? {
    guard let step = precedingMeeting(of: document), step.gap == nil else { return nil }
    return step.uri
  }

  /// `precedingMeeting(of:)` for a note that need not be held.
  public func precedingMeeting(of document: NoteDocument) -> SeriesStep? {
    // The held summary of this very note (the usual case) has its title: no pattern to compute.
    if let summary = summaries[document.uri], summary.date == document.meetingDate,
      summary.title == document.title?.text || summary.titlePattern == SeriesRules.titlePattern(document.title?.text)
    {
      return precedingMeeting(of: document.uri)
    }
    guard let key = SeriesRules.seriesKey(of: document), let date = document.meetingDate else { return nil }
    let entry = SeriesEntry(
      date: date, uri: document.uri, pattern: SeriesRules.titlePattern(document.title?.text),
      namedDates: SeriesRules.namedPreviousDates(in: document))
    return seriesIndex.neighbour(of: entry, folder: key, step: -1)
  }

  /// The held or indexed note of `document`'s series dated `date`, if any (the document need not be held).
  func uri(of date: MeetingDate, inSeriesOf document: NoteDocument) -> String? {
    guard let key = SeriesRules.seriesKey(of: document) else { return nil }
    let entry =
      summaries[document.uri].flatMap(Self.seriesEntry)
      ?? SeriesEntry(
        date: document.meetingDate ?? date, uri: document.uri, pattern: SeriesRules.titlePattern(document.title?.text),
        namedDates: SeriesRules.namedPreviousDates(in: document))
    return seriesIndex.member(of: entry, folder: key, dated: date)?.uri
  }

  /// The nearest earlier note of the same series that the workspace holds (nil when that note was only indexed, or
  /// across a gap).
  public func previousMeeting(of uri: String) -> NoteDocument? { previousMeetingURI(of: uri).flatMap(document) }

  /// The nearest later note of the same series that the workspace holds (nil when that note was only indexed).
  public func nextMeeting(of uri: String) -> NoteDocument? { nextMeetingURI(of: uri).flatMap(document) }

  // MARK: - Queries: registries

  /// Whether a registry of this kind is configured.
  public func hasRegistry(_ kind: ProposalKind) -> Bool { proposalTable[kind] != nil }

  /// A registry entry.
  public func proposal(_ kind: ProposalKind, _ number: Int) -> Proposal? { proposalTable[kind]?[number] }

  /// Every registry entry of a kind, by number.
  public func proposals(_ kind: ProposalKind) -> [Proposal] {
    (proposalTable[kind] ?? [:]).values.sorted { $0.number < $1.number }
  }

  // MARK: - Queries: people

  var peopleIndex: PeopleIndex {
    peopleCache.index {
      let roster = rosters.keys.sorted().flatMap { rosters[$0] ?? [] }
      return PeopleIndex(identities: Array(identityUses.keys), roster: roster)
    }
  }

  /// Everyone the workspace knows, by id.
  public var people: [Person] {
    let index = peopleIndex
    return index.components.indices.map { person(index, $0) }
  }

  /// The person with this id in the current snapshot.
  public func person(_ id: PersonID) -> Person? {
    let index = peopleIndex
    return index.components.indices.contains(id) ? person(index, id) : nil
  }

  /// The people known by these initials (case-insensitive, dots ignored); more than one means the initials are
  /// ambiguous.
  public func people(withInitials initials: String) -> [Person] {
    guard let key = NameMatching.initialsKey(initials) else { return [] }
    let index = peopleIndex
    return (index.byInitials[key] ?? []).map { person(index, $0) }
  }

  /// The people known by this GitHub handle (case-insensitive, without `@`).
  public func people(withHandle handle: String) -> [Person] {
    guard let key = NameMatching.handleKey(handle) else { return [] }
    let index = peopleIndex
    return (index.byHandle[key] ?? []).map { person(index, $0) }
  }

  /// The people known by this name or first name (case- and accent-insensitive): the same full name, else the same
  /// first name, else compatible names (`John K.` → John Kirkham).
  public func people(named name: String) -> [Person] {
    let index = peopleIndex
    return index.components(named: name).map { person(index, $0) }
  }

  /// The person an attendee entry of a held or indexed note belongs to.
  public func person(for attendee: Attendee) -> Person? {
    let index = peopleIndex
    guard let c = index.componentOfIdentity[PersonIdentity(attendee)] else { return nil }
    return person(index, c)
  }

  /// The days (see `PersonResolver.dayNumber`) on which a joined person attended a meeting, sorted, without repeats.
  func attendanceDays(_ component: Int) -> [Int] {
    let index = peopleIndex
    guard index.components.indices.contains(component) else { return [] }
    return attendanceCache.value(component) {
      var days = Set<Int>()
      for identity in index.components[component].identities {
        for uri in identityUses[identity]?.notes ?? [] {
          if let date = summaries[uri]?.date { days.insert(PersonResolver.dayNumber(date)) }
        }
      }
      return days.sorted()
    }
  }

  /// `compute()` (how often each handle is written for the person `component`, see `NoteChecker.handleCounts`), once
  /// per revision of the workspace.
  func handleCounts(
    _ component: Int, _ compute: () -> [String: (count: Int, spelling: String)]
  ) -> [String: (count: Int, spelling: String)] {
    countsCache.value(component, compute)
  }

  /// How often each identity was written (for most-frequent-first choices).
  func identityCount(_ identity: PersonIdentity) -> Int { identityUses[identity]?.count ?? 0 }

  /// The ids of the people listed in the attendees of the note at `uri` (held or indexed).
  public func attendeeIDs(of uri: String) -> Set<PersonID> {
    guard let summary = summaries[uri] else { return [] }
    let index = peopleIndex
    return Set(summary.attendees.compactMap { index.componentOfIdentity[$0.identity] })
  }

  /// The rows of `identity` in a note's attendees, in order.
  ///
  /// NOTE: no table of rows is kept per note (it cost ~1.4 KB a note): a short list (the usual note) is scanned, and
  /// only a long one (over `scannedRows`, e.g. a 4 MB attendee table) gets a table, built when first asked and kept
  /// for this revision, so listing everyone stays linear in the rows.
  private func rows(of identity: PersonIdentity, inNoteAt at: Dictionary<String, NoteSummary>.Index) -> [TextRange] {
    let attendees = summaries.values[at].attendees
    if attendees.count <= Self.scannedRows {
      return attendees.lazy.filter { $0.identity == identity }.map(\.range)
    }
    let table = rowsCache.value(summaries.keys[at]) {
      var rows: [PersonIdentity: [TextRange]] = [:]
      for attendee in attendees { rows[attendee.identity, default: []].append(attendee.range) }
      return rows
    }
    return table[identity] ?? []
  }

  static let scannedRows = 32

  /// Builds the public value of a component: names etc. most frequent first, attendance oldest first.
  private func person(_ index: PeopleIndex, _ c: Int) -> Person {
    let component = index.components[c]
    var names = Tally()
    var initials = Tally()
    var handles = Tally()
    var affiliations: [String: MeetingDate] = [:]
    var attendance: [Attendance] = []
    for identity in component.identities {
      let count = identityUses[identity]?.count ?? 0
      names.add(identity.name, count)
      initials.add(NameMatching.initialsKey(identity.initials) ?? "", count)
      handles.add(identity.handle, count, key: identity.handle.lowercased())
      for uri in (identityUses[identity]?.notes ?? []) {
        // NOTE: the summary is read in place (its date and rows), not copied: a person of every note reads thousands.
        guard let at = summaries.index(forKey: uri) else { continue }
        let noteDate = summaries.values[at].date
        for range in rows(of: identity, inNoteAt: at) {
          attendance.append(Attendance(uri: uri, date: noteDate, range: range))
        }
        if !identity.affiliation.isEmpty {
          let date = noteDate ?? MeetingDate(year: 0, month: 0, day: 0)
          if let known = affiliations[identity.affiliation], known >= date { continue }
          affiliations[identity.affiliation] = date
        }
      }
    }
    for entry in component.roster {
      names.add(entry.name, 1)
      handles.add(entry.handle, 1, key: entry.handle.lowercased())
    }
    attendance.sort {
      let a = $0.date ?? MeetingDate(year: 0, month: 0, day: 0)
      let b = $1.date ?? MeetingDate(year: 0, month: 0, day: 0)
      return (a, $0.uri, $0.range.utf8Start) < (b, $1.uri, $1.range.utf8Start)
    }
    let roster = component.roster.sorted { ($0.roster, $0.line) < ($1.roster, $1.line) }
    return Person(
      id: c, names: names.ranked, initials: initials.ranked, handles: handles.ranked,
      affiliations: affiliations.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key),
      attendance: attendance, rosterEntries: roster)
  }
}

/// Counts of spellings, ranked most frequent first (ties: alphabetical), merging spellings with the same key.
private struct Tally {
  private var counts: [String: Int] = [:]
  private var spellings: [String: [String: Int]] = [:]

  mutating func add(_ value: String, _ count: Int, key: String? = nil) {
    guard !value.isEmpty else { return }
    let k = key ?? value
    counts[k, default: 0] += count
    spellings[k, default: [:]][value, default: 0] += count
  }

  var ranked: [String] {
    counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.compactMap { key, _ in
      spellings[key]?.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.first?.key
    }
  }
}

/// What is derived from the people of one workspace revision: the join, and the people each token can name. Every
/// mutation that changes who is known replaces the object, so snapshots sharing one have the same people; reads are
/// locked (snapshots may be read on several threads).
final class PeopleCache: @unchecked Sendable {
  private let lock = NSLock()
  private var built: PeopleIndex?
  private let tokens = LockedMemo<String, [Int]>()

  func index(_ build: () -> PeopleIndex) -> PeopleIndex {
    lock.lock()
    defer { lock.unlock() }
    if let built { return built }
    let index = build()
    built = index
    return index
  }

  /// The memoised candidates of a token (see `NotesWorkspace.personCandidates`).
  func candidates(_ key: String, _ compute: () -> [Int]) -> [Int] { tokens.value(key, compute) }
}

/// The dates each person attended, per people join and attendance revision: replaced whenever a note's date or the
/// people it lists change.
typealias AttendanceCache = LockedMemo<Int, [Int]>

/// A memo that snapshots on several threads may share: each value is computed outside the lock (two readers may
/// compute the same one; both get the same answer) and kept under it.
final class LockedMemo<Key: Hashable, Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [Key: Value] = [:]

  func value(_ key: Key, _ compute: () -> Value) -> Value {
    lock.lock()
    if let known = values[key] {
      lock.unlock()
      return known
    }
    lock.unlock()
    let found = compute()
    lock.lock()
    values[key] = found
    lock.unlock()
    return found
  }
}

/// The open item texts per held note, for one workspace revision.
typealias OpenItemTextsCache = LockedMemo<String, Set<String>>

/// The rows of each identity, per note with a long attendee list, for one workspace revision.
typealias AttendeeRowsCache = LockedMemo<String, [PersonIdentity: [TextRange]]>

/// Handle counts per person (component) for one workspace revision.
typealias HandleCountsCache = LockedMemo<Int, [String: (count: Int, spelling: String)]>

/// A series neighbour asked of a held note: the one before (`step` −1) or after (+1).
struct SeriesStepQuery: Hashable {
  var uri: String
  var step: Int
}

/// The series neighbours asked so far, for one revision of the series; replaced whenever a note joins or leaves a
/// series or changes its place in one.
typealias SeriesStepCache = LockedMemo<SeriesStepQuery, SeriesStep?>

/// The text of a note held without its parse; `stamp` is unique in the process (it names this text in
/// `ReparsedNotes`, which copies of a workspace share).
struct HeldText: Sendable {
  var source: SourceText
  var stamp: Int
}

/// The last few notes parsed again from their held text, by stamp (a hover or a request on the same closed note
/// does not parse it every time). Shared by copies of a workspace; locked.
final class ReparsedNotes: @unchecked Sendable {
  private let lock = NSLock()
  private var kept: [(stamp: Int, document: NoteDocument)] = []
  private let capacity = 16

  func document(_ stamp: Int, _ parse: () -> NoteDocument) -> NoteDocument {
    lock.lock()
    if let at = kept.firstIndex(where: { $0.stamp == stamp }) {
      let found = kept.remove(at: at)
      kept.append(found)
      lock.unlock()
      return found.document
    }
    lock.unlock()
    let document = parse()
    lock.lock()
    kept.append((stamp, document))
    if kept.count > capacity { kept.removeFirst(kept.count - capacity) }
    lock.unlock()
    return document
  }
}

/// Hands out workspace revisions, unique in the process.
final class RevisionCounter: @unchecked Sendable {  // Locked.
  static let shared = RevisionCounter()
  private let lock = NSLock()
  private var value = 0

  func next() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value
  }
}
