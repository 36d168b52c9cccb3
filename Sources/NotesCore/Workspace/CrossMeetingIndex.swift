import Foundation

/// The cross-meeting requests that visit every note (references, rename, workspace symbols), answered from the
/// workspace's postings (`CrossMeetingPostings`, built as notes are updated) so that a request on a 10,000-note
/// workspace visits only the notes that can answer it. People are resolved at request time by `PersonResolver`, so
/// answers equal the uncached oracles of the tests for every snapshot. The folds over every note (open items,
/// meetings, people symbols) are kept for one workspace revision.
public final class CrossMeetingIndex: @unchecked Sendable {  // Locked: see `lock`.
  struct Event {
    var order: Int
    var uri: String
    var item: Int
    var isDone: Bool
  }

  /// Identity key → open/done sightings, oldest first.
  struct OpenEvents {
    /// A number for each series key (`NoteEntry.seriesKey`, else the URI), so that item keys hash two numbers.
    var seriesNumbers: [String: Int32] = [:]
    var events: [CrossMeetingPostings.ItemKey: [Event]] = [:]

    /// The key of a note's item; nil for a note the sightings do not know.
    func key(of item: CrossMeetingPostings.ItemEntry, series: Int32?) -> CrossMeetingPostings.ItemKey? {
      series.map { CrossMeetingPostings.ItemKey(series: $0, quickKey: item.quickKey) }
    }

    func series(of note: CrossMeetingPostings.NoteEntry) -> Int32? { seriesNumbers[note.seriesKey ?? note.uri] }
  }

  struct OpenItems {
    /// Every open item, latest sighting first (the `open:` answer).
    var all: [NoteSymbol]
    /// `all`'s names and details lower-cased, for ranking.
    var lowered: [(name: [UInt8], detail: [UInt8])]
  }

  /// NOTE: kept apart: `@JK` needs only the sightings, not a symbol for every open item.
  private var openEvents: OpenEvents?
  private var openItems: OpenItems?
  private var meetings: (symbols: [NoteSymbol], lowered: [(name: [UInt8], detail: [UInt8])])?
  private var generation: Int?
  /// The people symbols of the revision last synchronised (people change with any note).
  private var peopleSymbols: [NoteSymbol]?
  /// The people built for the revision last synchronised, by id (nil: no such person).
  private var persons: [PersonID: Person?] = [:]
  /// `uriRankLocked`'s answer and the `CrossMeetingPostings.membership` it was made for.
  private var uriRank: (membership: Int, rank: [Int32])?
  /// Every read and update holds this lock: the server may answer from several threads.
  private let lock = NSLock()
  /// How many notes the requests so far had to parse again (a token naming several people), for the logs.
  public private(set) var reparsed = 0

  public init() {}

  // MARK: - Synchronising

  /// Brings the cache up to date with `workspace`. With a `generation` (a counter the caller bumps on every change
  /// of the workspace), nothing is checked while it is the one last seen.
  public func sync(_ workspace: NotesWorkspace, generation: Int? = nil) {
    lock.lock()
    defer { lock.unlock() }
    syncLocked(workspace)
  }

  /// NOTE: the workspace's `revision` says when anything changed; the caller's `generation` is no longer needed. The
  /// per-note postings are the workspace's own (built as notes are updated); only the folds over every note are kept
  /// here, and dropped when the revision moves.
  private func syncLocked(_ workspace: NotesWorkspace) {
    if workspace.revision == self.generation { return }
    self.generation = workspace.revision
    meetings = nil
    peopleSymbols = nil
    openEvents = nil
    openItems = nil
    persons = [:]
  }

  /// `workspace.person(id)`, kept for the revision (a person named in every note has an attendance row in every
  /// note: building them takes milliseconds, and a references request needs them twice).
  public func person(_ id: PersonID, in workspace: NotesWorkspace) -> Person? {
    lock.lock()
    defer { lock.unlock() }
    syncLocked(workspace)
    return personLocked(id, workspace)
  }

  private func personLocked(_ id: PersonID, _ workspace: NotesWorkspace) -> Person? {
    if let known = persons[id] { return known }
    let found = workspace.person(id)
    persons[id] = found
    return found
  }

  // NOTE: no copy of the workspace is kept here: a snapshot alive while the server mutates its workspace would make
  // the next keystroke copy every dictionary of a large workspace.

  // MARK: - Candidates

  /// The held notes that name someone the filters may match, in URI order.
  private func candidates(
    _ filters: [PersonReferences.TokenFilter], in workspace: NotesWorkspace, owners: Bool = false
  ) -> [String] {
    let postings = workspace.crossPostings
    var found = Set<Int32>()
    for filter in filters {
      for key in filter.initials { postings.addNotes(withToken: "i" + key, owners: owners, to: &found) }
      for key in filter.handles { postings.addNotes(withToken: "h" + key, owners: owners, to: &found) }
      for key in filter.nameWords { postings.addNotes(withToken: "n" + key, owners: owners, to: &found) }
    }
    let rank = uriRankLocked(postings)
    return found.sorted { rank[Int($0)] < rank[Int($1)] }.map(postings.uri(ofNumber:))
  }

  /// Each note number's place in URI order, kept while no URI gets or loses its number (an edit keeps it), so that a
  /// request naming thousands of notes sorts numbers, not URIs.
  private func uriRankLocked(_ postings: CrossMeetingPostings) -> [Int32] {
    if let known = uriRank, known.membership == postings.membership { return known.rank }
    let numbered = postings.numbered
    var rank = [Int32](repeating: 0, count: numbered.count)
    for (place, number) in numbered.indices.sorted(by: { numbered[$0] < numbered[$1] }).enumerated() {
      rank[number] = Int32(place)
    }
    uriRank = (postings.membership, rank)
    return rank
  }

  // MARK: - References and rename

  /// `PersonReferences.find(_:in:)` over the notes that can hold a reference.
  ///
  /// NOTE: answered from each note's namings (see `CrossMeetingPostings.Naming`): a token that names at most one
  /// person names them whatever the note, so only a note with a token that can name several people (the resolver
  /// then weighs the note's attendees, dates and carried items) is parsed again and read by `PersonReferences.find`.
  public func references(to person: PersonID, in workspace: NotesWorkspace, generation: Int? = nil) -> [NoteLocation] {
    lock.lock()
    defer { lock.unlock() }
    syncLocked(workspace)
    guard let found = personLocked(person, workspace) else { return [] }
    let filter = PersonReferences.TokenFilter(found)
    let index = workspace.peopleIndex
    var verdicts = SpellingVerdicts(workspace: workspace, filters: [filter]) { ids in ids.first == person }
    // The person's attendee identities: a row is theirs when its identity is one of them (every identity of a held
    // summary but the empty one has its person in the people index, which is built from them).
    let identities = index.components.indices.contains(person) ? index.components[person].identities : []
    var result: [NoteLocation] = []
    // Per spelling of a note, once: 0 not yet known; `local` 1 yes, 2 no, 3 unsure; `may` 1 may, 2 cannot. Buffers
    // reused from note to note.
    var local: [UInt8] = []
    var may: [UInt8] = []
    var ranges: [TextRange] = []
    for uri in candidates([filter], in: workspace) {
      guard let note = workspace.crossPostings.notes[uri], let summary = workspace.summary(uri) else {
        reparsed += 1
        guard let document = workspace.document(uri) else { continue }
        result.append(contentsOf: PersonReferences.find(person, in: document, workspace: workspace, filter: filter))
        continue
      }
      ranges.removeAll(keepingCapacity: true)
      var unsure = false
      local.removeAll(keepingCapacity: true)
      local.append(contentsOf: repeatElement(0, count: note.spellings.count))
      may.removeAll(keepingCapacity: true)
      may.append(contentsOf: repeatElement(0, count: note.spellings.count))
      for naming in note.namings {
        let at = Int(naming.spelling)
        if naming.filtered {
          if may[at] == 0 { may[at] = verdicts.mayName(note.spellings[at]) ? 1 : 2 }
          if may[at] == 2 { continue }
        }
        if local[at] == 0 { local[at] = verdicts.verdict(note.spellings[at]).code }
        if local[at] == 1 {
          ranges.append(naming.range)
        } else if local[at] == 3 {
          unsure = true
          break
        }
      }
      if !unsure {
        for cell in note.attendeeCells {
          let row = Int(cell.row)
          guard summary.attendees.indices.contains(row) else {
            unsure = true
            break
          }
          let identity = summary.attendees[row].identity
          guard !identity.isEmpty else {
            unsure = true  // Nobody is joined from an empty row: the resolver reads its cells, as written.
            break
          }
          if identities.contains(identity) { ranges.append(cell.range) }
        }
      }
      if unsure {
        reparsed += 1
        guard let document = workspace.document(uri) else { continue }
        result.append(contentsOf: PersonReferences.find(person, in: document, workspace: workspace, filter: filter))
        continue
      }
      ranges.sort()
      var previous: TextRange?
      for range in ranges where range != previous {
        result.append(NoteLocation(uri: uri, range: range))
        previous = range
      }
    }
    return result
  }

  /// The references of whoever stands at `utf8Offset` in `document` (initials, a handle, a name or an attendee row,
  /// when the resolver settles it to one person); nil when nobody is there.
  public func references(
    at utf8Offset: Int, in document: NoteDocument, workspace: NotesWorkspace, includeDeclaration: Bool = true,
    generation: Int? = nil
  ) -> [NoteLocation]? {
    var resolver = PersonResolver(workspace: workspace, document: document)
    guard let id = resolver.resolve(at: utf8Offset)?.resolution.person, let person = person(id, in: workspace) else {
      return nil
    }
    var locations = references(to: id, in: workspace)
    if workspace.document(document.uri) == nil {
      locations.append(contentsOf: PersonReferences.find(id, in: document, workspace: workspace))
    }
    if !includeDeclaration {
      let rows = Set(person.attendance.map { NoteLocation(uri: $0.uri, range: $0.range) })
      locations.removeAll { location in
        rows.contains {
          $0.uri == location.uri && $0.range.utf8Start <= location.range.utf8Start
            && location.range.utf8End <= $0.range.utf8End
        }
      }
    }
    return locations
  }

  /// `InitialsRename.rename`, visiting only the notes that write the old initials.
  public func rename(
    in document: NoteDocument, at utf8Offset: Int, to newInitials: String, workspace: NotesWorkspace,
    generation: Int? = nil
  ) throws(CrossMeetingError) -> [NoteTextEdit] {
    let target = try InitialsRename.prepare(in: document, at: utf8Offset, workspace: workspace)
    lock.lock()
    defer { lock.unlock() }
    syncLocked(workspace)
    let newName = ItemText.trimmed(newInitials)
    guard InitialsRename.isValidInitials(newName) else {
      throw CrossMeetingError("`\(newName)` is not initials: use 2–4 capital letters, such as JK or MRB.")
    }
    let others = workspace.people(withInitials: newName).filter { $0.id != target.person }
    if let other = others.first {
      throw CrossMeetingError("\(newName) already names \(other.displayName); choose other initials.")
    }
    let oldKey = target.initials.uppercased()
    let postings = workspace.crossPostings
    let index = workspace.peopleIndex
    var verdicts = SpellingVerdicts(workspace: workspace, filters: []) { ids in ids.first == target.person }
    var edits: [NoteTextEdit] = []
    var writers = Set<Int32>()
    postings.addNotes(withToken: "i" + oldKey, owners: false, to: &writers)
    for uri in writers.map(postings.uri(ofNumber:)).sorted() {
      // NOTE: from the note's initials mentions (as `references(to:in:)`); parsed again only when a mention can name
      // several people.
      if let note = postings.notes[uri], let summary = workspace.summary(uri), let source = workspace.source(uri),
        let found = Self.renameEdits(
          note, summary: summary, source: source, oldKey: oldKey, person: target.person, newName: newName,
          index: index, verdicts: &verdicts)
      {
        edits.append(contentsOf: found)
        continue
      }
      reparsed += 1
      guard let held = workspace.document(uri) else { continue }
      edits.append(contentsOf: InitialsRename.noteEdits(in: held, renaming: target, to: newName, workspace: workspace))
    }
    if workspace.document(document.uri) == nil {
      edits.append(
        contentsOf: InitialsRename.noteEdits(in: document, renaming: target, to: newName, workspace: workspace))
    }
    return edits
  }

  /// `InitialsRename.noteEdits` from a note's entry; nil when a mention to rename can name several people.
  private static func renameEdits(
    _ note: CrossMeetingPostings.NoteEntry, summary: NoteSummary, source: SourceText, oldKey: String,
    person: PersonID, newName: String, index: PeopleIndex, verdicts: inout SpellingVerdicts
  ) -> [NoteTextEdit]? {
    var seen = Set<TextRange>()
    var edits: [NoteTextEdit] = []
    for mention in note.initialsMentions {
      let spelling = note.spellings[Int(mention.spelling)]
      guard InitialsRename.isRenamed(kind: spelling.kind, role: mention.role, text: spelling.text, oldKey: oldKey)
      else { continue }
      let named: Bool
      if mention.row >= 0 {
        let row = Int(mention.row)
        guard summary.attendees.indices.contains(row),
          let c = index.componentOfIdentity[summary.attendees[row].identity]
        else { return nil }
        named = c == person
      } else {
        switch verdicts.verdict(spelling) {
        case .yes: named = true
        case .no: named = false
        case .unsure: return nil
        }
      }
      let range = mention.range
      guard named, !seen.contains(range), source.text(in: range) == spelling.text else { continue }
      seen.insert(range)
      edits.append(NoteTextEdit(uri: note.uri, range: range, newText: newName))
    }
    return edits.sorted { $0.range < $1.range }
  }

  // MARK: - Workspace symbols

  /// `WorkspaceSymbols.search`, answered from the cache.
  public func symbols(
    _ query: String, in workspace: NotesWorkspace, limit: Int = 1000, generation: Int? = nil
  ) -> [NoteSymbol] {
    lock.lock()
    defer { lock.unlock() }
    syncLocked(workspace)
    let trimmed = ItemText.trimmed(query)
    if trimmed.hasPrefix("@") {
      let token = String(trimmed.dropFirst())
      guard !token.isEmpty else { return Array(WorkspaceSymbols.people(in: workspace).prefix(limit)) }
      let ids = WorkspaceSymbols.queriedPeople(token, in: workspace)
      guard !ids.isEmpty else { return [] }
      return openItems(ownedBy: ids, in: workspace).prefix(limit).map { WorkspaceSymbols.prefixed($0, "@\(token)") }
    }
    let open = openItemsState(workspace)
    if trimmed.lowercased().hasPrefix("open:") {
      let rest = ItemText.trimmed(String(trimmed.dropFirst(5)))
      return WorkspaceSymbols.rank(open.all, query: rest, limit: limit) {
        open.lowered[$0].name
      } detail: {
        open.lowered[$0].detail
      }.map { WorkspaceSymbols.prefixed($0, "open:") }
    }
    let meetingSymbols =
      meetings
      ?? {
        let symbols = WorkspaceSymbols.meetings(in: workspace)
        return (symbols, symbols.map { (WorkspaceSymbols.lowered($0.name), WorkspaceSymbols.lowered($0.detail)) })
      }()
    meetings = meetingSymbols
    let people = peopleSymbols ?? WorkspaceSymbols.people(in: workspace)
    peopleSymbols = people
    let peopleLowered = people.map {
      (name: WorkspaceSymbols.lowered($0.name), detail: WorkspaceSymbols.lowered($0.detail))
    }
    let all = meetingSymbols.symbols + people + open.all
    let m = meetingSymbols.symbols.count
    let p = m + people.count
    func lowered(_ index: Int) -> (name: [UInt8], detail: [UInt8]) {
      index < m ? meetingSymbols.lowered[index] : index < p ? peopleLowered[index - m] : open.lowered[index - p]
    }
    return WorkspaceSymbols.rank(all, query: trimmed, limit: limit) {
      lowered($0).name
    } detail: {
      lowered($0).detail
    }
  }

  private func openEventsState(_ workspace: NotesWorkspace) -> OpenEvents {
    if let openEvents { return openEvents }
    let zero = MeetingDate(year: 0, month: 0, day: 0)
    let notes = Array(workspace.crossPostings.notes.values)
    // Positions sorted, not entries (an entry is a dozen arrays to move).
    let ordered = notes.indices.sorted { a, b in
      let (x, y) = (notes[a].date ?? zero, notes[b].date ?? zero)
      return x != y ? x < y : notes[a].uri < notes[b].uri
    }
    var events = OpenEvents()
    var order = 0
    for position in ordered {
      let uri = notes[position].uri
      let seriesKey = notes[position].seriesKey ?? uri
      let series = events.seriesNumbers[seriesKey] ?? Int32(events.seriesNumbers.count)
      events.seriesNumbers[seriesKey] = series
      for item in notes[position].items {
        order += 1
        guard item.isOpen || item.isDone else { continue }
        events.events[CrossMeetingPostings.ItemKey(series: series, quickKey: item.quickKey), default: []].append(
          Event(order: order, uri: uri, item: Int(item.index), isDone: !item.isOpen))
      }
    }
    openEvents = events
    return events
  }

  private func openItemsState(_ workspace: NotesWorkspace) -> OpenItems {
    if let openItems { return openItems }
    var latest: [(order: Int, symbol: NoteSymbol)] = []
    for list in openEventsState(workspace).events.values {
      guard let last = list.last, !last.isDone, let symbol = Self.symbol(ofItem: last.item, uri: last.uri, workspace)
      else { continue }
      latest.append((last.order, symbol))
    }
    latest.sort { $0.order > $1.order }
    let all = latest.map(\.symbol)
    let lowered = all.map { (WorkspaceSymbols.lowered($0.name), WorkspaceSymbols.lowered($0.detail)) }
    let state = OpenItems(all: all, lowered: lowered)
    openItems = state
    return state
  }

  /// The symbol of item `index` of the note at `uri`: from the note's entry and text when the workspace holds them,
  /// else from the parsed note.
  static func symbol(ofItem index: Int, uri: String, _ workspace: NotesWorkspace) -> NoteSymbol? {
    if let note = workspace.crossPostings.notes[uri], let source = workspace.source(uri),
      let item = note.item(index)
    {
      return CrossMeetingPostings.symbol(of: item, in: note, source: source)
    }
    guard let document = workspace.document(uri) else { return nil }
    return CrossMeetingPostings.symbol(ofItem: index, in: document)
  }

  /// `WorkspaceSymbols.openItems(in:ownedBy:)` for a set of people.
  private func openItems(ownedBy owners: Set<PersonID>, in workspace: NotesWorkspace) -> [NoteSymbol] {
    let events = openEventsState(workspace)
    let filters = owners.sorted().compactMap { personLocked($0, workspace) }.map(PersonReferences.TokenFilter.init)
    var verdicts = SpellingVerdicts(workspace: workspace, filters: filters) { ids in
      ids.first.map(owners.contains) ?? false
    }
    var matched: [String: Set<Int>] = [:]
    var keys = Set<CrossMeetingPostings.ItemKey>()
    for uri in candidates(filters, in: workspace, owners: true) {
      guard let note = workspace.crossPostings.notes[uri] else { continue }
      let series = events.series(of: note)
      // NOTE: from the note's entry (see `references(to:in:)`); parsed again only when an owner can name several
      // people.
      var settled: [CrossMeetingPostings.ItemEntry] = []
      var unsure = false
      var local = [UInt8](repeating: 0, count: note.spellings.count)
      for item in note.items where item.isOpen {
        var match = false
        let start = Int(item.ownersStart)
        for position in start..<(start + Int(item.ownersCount)) {
          let at = Int(note.owners[position])
          if local[at] == 0 {
            let spelling = note.spellings[at]
            local[at] = verdicts.mayName(spelling) ? verdicts.verdict(spelling).code : 2
          }
          if local[at] == 1 { match = true }
          if local[at] == 3 { unsure = true }
          if match || unsure { break }
        }
        if unsure { break }
        if match { settled.append(item) }
      }
      if !unsure {
        for item in settled {
          matched[uri, default: []].insert(Int(item.index))
          if let key = events.key(of: item, series: series) { keys.insert(key) }
        }
        continue
      }
      reparsed += 1
      guard let document = workspace.document(uri) else { continue }
      var resolver = PersonResolver(workspace: workspace, document: document)
      for item in note.items where item.isOpen {
        let itemOwners = document.effectiveOwners(ofItem: Int(item.index))
        let match = itemOwners.contains { owner in
          guard filters.contains(where: { $0.mayName(kind: owner.kind, text: owner.text) }) else { return false }
          let id = resolver.resolve(kind: owner.kind, text: owner.text, item: Int(item.index)).person
          return id.map(owners.contains) ?? false
        }
        if match {
          matched[uri, default: []].insert(Int(item.index))
          if let key = events.key(of: item, series: series) { keys.insert(key) }
        }
      }
    }
    var result: [(order: Int, symbol: NoteSymbol)] = []
    for key in keys {
      guard let list = events.events[key] else { continue }
      for event in list.reversed() {
        if event.isDone { break }
        if matched[event.uri]?.contains(event.item) == true {
          if let symbol = Self.symbol(ofItem: event.item, uri: event.uri, workspace) {
            result.append((event.order, symbol))
          }
          break
        }
      }
    }
    result.sort { $0.order > $1.order }
    return result.map(\.symbol)
  }
}

/// Who a spelling names whatever the note, for one request: settled when the workspace knows at most one person by
/// it (`PersonResolver` answers with that one before looking at the note), unsure when several (the note decides).
struct SpellingVerdicts {
  enum Verdict {
    case yes, no, unsure

    /// 1, 2, 3.
    var code: UInt8 {
      switch self {
      case .yes: 1
      case .no: 2
      case .unsure: 3
      }
    }
  }

  let workspace: NotesWorkspace
  let filters: [PersonReferences.TokenFilter]
  /// Whether the one person a spelling names is one the request is about.
  let isWanted: ([PersonID]) -> Bool
  private var known: [CrossMeetingPostings.Spelling: Verdict] = [:]
  private var mayKnown: [CrossMeetingPostings.Spelling: Bool] = [:]

  init(
    workspace: NotesWorkspace, filters: [PersonReferences.TokenFilter], isWanted: @escaping ([PersonID]) -> Bool
  ) {
    self.workspace = workspace
    self.filters = filters
    self.isWanted = isWanted
  }

  mutating func verdict(_ spelling: CrossMeetingPostings.Spelling) -> Verdict {
    if let found = known[spelling] { return found }
    let ids = workspace.personCandidates(kind: spelling.kind, text: spelling.text)
    let verdict: Verdict = ids.count > 1 ? .unsure : isWanted(ids) ? .yes : .no
    known[spelling] = verdict
    return verdict
  }

  /// Whether one of the filters may name the spelling (`TokenFilter.mayName`), memoised.
  mutating func mayName(_ spelling: CrossMeetingPostings.Spelling) -> Bool {
    if let found = mayKnown[spelling] { return found }
    let may = filters.contains { $0.mayName(kind: spelling.kind, text: spelling.text) }
    mayKnown[spelling] = may
    return may
  }
}

/// The people and items each held note names, posted by spelling: built as notes are updated (`NotesWorkspace`
/// keeps one), so references and `@person` symbols for a person named in every note visit only the notes that write
/// one of their spellings, with no first-request build over the whole workspace.
///
/// Each note's entry also keeps where it names whom (`Naming`) and its items' owners and ranges, so that references,
/// `@person` and `open:` symbols are answered without parsing the note again (the server holds most notes without
/// their parse): a note is parsed again only when one of its tokens can name several people (then the resolver needs
/// the note itself). Entries are flat arrays of small values (offsets as `UInt32`), a few allocations per note.
///
/// Cost: O(mentions + items) of the note per update; the entry is computed beside the parse (see
/// `NotesWorkspace.HeldNote`), so indexing builds it on every core.
struct CrossMeetingPostings: Sendable {
  /// A token as the parser classified it.
  struct Spelling: Hashable, Sendable {
    var kind: OwnerKind
    var text: String

    // NOTE: hashed by its text's FNV-1a (a request memoises a verdict per spelling of thousands of notes; `Hasher`
    // over a string's bytes was a sixth of a references request).
    func hash(into hasher: inout Hasher) {
      hasher.combine(kind)
      var text = text
      hasher.combine(text.withUTF8 { FNV1a.hash($0) })
    }
  }

  /// A place in a note that is a reference to whoever its spelling names: a mention outside the attendee rows, an
  /// item's own owner, or the content of an item that inherits its owners (one naming per inherited owner: the item
  /// is a reference when any of them names the person).
  struct Naming: Sendable {
    var start: UInt32
    var end: UInt32
    /// Index into the entry's `spellings`.
    var spelling: UInt32
    /// Checked against `TokenFilter` first (every naming but an attendee cell outside any row).
    var filtered: Bool

    var range: TextRange { TextRange(utf8Start: Int(start), utf8End: Int(end)) }
  }

  /// A cell of an attendee row (a reference when the row is the person, whatever the cell says).
  struct AttendeeCell: Sendable {
    var start: UInt32
    var end: UInt32
    /// Index into the note summary's `attendees`.
    var row: UInt32

    var range: TextRange { TextRange(utf8Start: Int(start), utf8End: Int(end)) }
  }

  /// A mention written as initials, well-formed or not (what a rename of initials edits).
  struct InitialsMention: Sendable {
    var start: UInt32
    var end: UInt32
    /// Index into the entry's `spellings`.
    var spelling: UInt32
    /// Index into the note summary's `attendees` for a cell of an attendee row (-1: no row, or not a cell).
    var row: Int32
    var role: MentionRole

    var range: TextRange { TextRange(utf8Start: Int(start), utf8End: Int(end)) }
  }

  /// What lists an item once across a series: the series (numbered by `CrossMeetingIndex.OpenEvents`) and the item's
  /// `WorkspaceSymbols.quickKey`.
  struct ItemKey: Hashable, Sendable {
    var series: Int32
    var quickKey: UInt64
  }

  struct ItemEntry: Sendable {
    var index: Int32
    var isOpen: Bool
    var isDone: Bool
    /// The item's effective owners (its own, else inherited), for open items: `owners` of the entry from
    /// `ownersStart`, `ownersCount` of them.
    var ownersStart: UInt32
    var ownersCount: UInt32
    /// The item and its content.
    var start: UInt32
    var end: UInt32
    var contentStart: UInt32
    var contentEnd: UInt32
    /// `WorkspaceSymbols.quickKey` of the item.
    var quickKey: UInt64

    var range: TextRange { TextRange(utf8Start: Int(start), utf8End: Int(end)) }
    var content: TextRange { TextRange(utf8Start: Int(contentStart), utf8End: Int(contentEnd)) }
  }

  /// The symbol of an open item, made when a request needs it (most items are never listed).
  static func symbol(ofItem index: Int, in document: NoteDocument) -> NoteSymbol? {
    guard document.items.indices.contains(index) else { return nil }
    let item = document.items[index]
    let meeting = document.meetingDate.map(\.description) ?? document.fileName
    let ownerText = document.effectiveOwners(ofItem: index).map(\.text).joined(separator: "/")
    let detail = ownerText.isEmpty ? meeting : "\(ownerText) · \(meeting)"
    return NoteSymbol(
      name: ItemText.trimmed(document.text(of: item)), kind: .actionItem, detail: detail,
      location: NoteLocation(uri: document.uri, range: item.range))
  }

  /// `symbol(ofItem:in:)` from a note's entry and text, without its parse.
  static func symbol(of item: ItemEntry, in note: NoteEntry, source: SourceText) -> NoteSymbol {
    let meeting = note.date.map(\.description) ?? note.fileName
    let ownerText = note.owners(of: item).map(\.text).joined(separator: "/")
    let detail = ownerText.isEmpty ? meeting : "\(ownerText) · \(meeting)"
    return NoteSymbol(
      name: ItemText.trimmed(source.text(in: item.content)), kind: .actionItem, detail: detail,
      location: NoteLocation(uri: note.uri, range: item.range))
  }

  struct NoteEntry: Sendable {
    var uri: String
    var date: MeetingDate?
    var seriesKey: String?
    var fileName: String
    var titleRange: TextRange?
    /// The item owners among `spellings` (indices): what `@JK` queries match.
    var ownerSpellings: [UInt32]
    /// The distinct spellings of the note's people tokens (what `namings` and `owners` point at).
    var spellings: [Spelling]
    var items: [ItemEntry]
    var namings: [Naming]
    var attendeeCells: [AttendeeCell]
    /// The effective owners of the open items, as indices into `spellings` (see `ItemEntry.ownersStart`).
    var owners: [UInt32]
    var initialsMentions: [InitialsMention]

    /// The effective owners of an item.
    func owners(of item: ItemEntry) -> [Spelling] {
      let start = Int(item.ownersStart)
      return owners[start..<(start + Int(item.ownersCount))].map { spellings[Int($0)] }
    }

    /// The entry of the note's item `index` (entries are in the order of the note's items).
    func item(_ index: Int) -> ItemEntry? {
      var low = 0
      var high = items.count
      while low < high {
        let mid = (low + high) / 2
        if Int(items[mid].index) < index { low = mid + 1 } else { high = mid }
      }
      return low < items.count && Int(items[low].index) == index ? items[low] : nil
    }
  }

  private(set) var notes: [String: NoteEntry] = [:]
  // NOTE: notes are posted by spelling, and a spelling's posting keys (`insertTokens`) are made once, the first time
  // any note writes it: a workspace writes the same few hundred spellings in thousands of notes. Spelling numbers are
  // never reused (they grow with the distinct spellings ever posted, not with edits).
  /// Every spelling posted, by number.
  private var spellingNumbers: [Spelling: Int32] = [:]
  /// `i`/`h`/`n` + a word of a spelling (as `TokenFilter` reads them) → the spellings that give it.
  private var spellingsOfToken: [String: [Int32]] = [:]
  /// By spelling number: the notes that write it (mentions and owners), by note number (see `uri(ofNumber:)`).
  private var writers: [Set<Int32>] = []
  /// The same for item owners only.
  private var ownerWriters: [Set<Int32>] = []
  /// Note numbers: hashing a number is much cheaper than hashing a URI, for the thousands of notes a token names.
  private var numbers: [String: Int32] = [:]
  private(set) var numbered: [String] = []
  private var freeNumbers: [Int32] = []
  /// A new stamp (`RevisionCounter`) whenever a URI gets or loses its note number; an update of a note in place keeps
  /// its number and this stamp.
  private(set) var membership = 0

  /// The URI of a note number.
  func uri(ofNumber number: Int32) -> String { numbered[Int(number)] }

  /// Posts `document` (replacing its earlier version).
  mutating func insert(_ document: NoteDocument, seriesKey: String?) {
    insert(Self.entry(for: document, seriesKey: seriesKey))
  }

  /// Posts a note's entry (replacing its earlier version).
  mutating func insert(_ entry: NoteEntry) {
    let previous = withdraw(entry.uri)
    let number: Int32
    if let free = freeNumbers.popLast() {
      number = free
      numbered[Int(free)] = entry.uri
    } else {
      number = Int32(numbered.count)
      numbered.append(entry.uri)
    }
    numbers[entry.uri] = number
    if number != previous { membership = RevisionCounter.shared.next() }
    for spelling in entry.spellings { writers[Int(spellingNumber(spelling))].insert(number) }
    for index in entry.ownerSpellings { ownerWriters[Int(spellingNumber(entry.spellings[Int(index)]))].insert(number) }
    notes[entry.uri] = entry
  }

  /// The number of a spelling, posted under its keys the first time it is seen.
  private mutating func spellingNumber(_ spelling: Spelling) -> Int32 {
    if let known = spellingNumbers[spelling] { return known }
    let number = Int32(writers.count)
    spellingNumbers[spelling] = number
    writers.append([])
    ownerWriters.append([])
    var tokens = Set<String>()
    Self.insertTokens(spelling.kind, spelling.text, into: &tokens)
    for token in tokens { spellingsOfToken[token, default: []].append(number) }
    return number
  }

  /// Adds the notes posted under `token` (`i`/`h`/`n` + a word), those whose items it owns when `owners`.
  func addNotes(withToken token: String, owners: Bool, to found: inout Set<Int32>) {
    for spelling in spellingsOfToken[token] ?? [] {
      found.formUnion(owners ? ownerWriters[Int(spelling)] : writers[Int(spelling)])
    }
  }

  mutating func remove(_ uri: String) {
    if withdraw(uri) != nil { membership = RevisionCounter.shared.next() }
  }

  /// Takes the note at `uri` out of the postings; returns the number it had (free now: the next `insert` takes it).
  private mutating func withdraw(_ uri: String) -> Int32? {
    guard let entry = notes.removeValue(forKey: uri), let number = numbers.removeValue(forKey: uri) else { return nil }
    numbered[Int(number)] = ""
    freeNumbers.append(number)
    for spelling in entry.spellings {
      if let known = spellingNumbers[spelling] { writers[Int(known)].remove(number) }
    }
    for index in entry.ownerSpellings {
      if let known = spellingNumbers[entry.spellings[Int(index)]] { ownerWriters[Int(known)].remove(number) }
    }
    return number
  }

  /// The keys under which a token is posted: `i` initials, `h` handles, `n` name words (as `TokenFilter` reads them).
  static func insertTokens(_ kind: OwnerKind, _ text: String, into tokens: inout Set<String>) {
    switch kind {
    case .initials:
      tokens.insert("i" + (NameMatching.initialsKey(text) ?? text.uppercased()))
      tokens.insert("i" + text.uppercased())
    case .malformedInitials:
      var core = text
      while let last = core.last, last == "?" || last == "." { core.removeLast() }
      tokens.insert("i" + (NameMatching.initialsKey(core) ?? core.uppercased()))
      tokens.insert("i" + text.uppercased())
      for word in NameMatching.tokens(core) { tokens.insert("n" + word) }
    case .handle: tokens.insert("h" + (NameMatching.handleKey(text) ?? text.lowercased()))
    case .name:
      if let handle = NameMatching.handleKey(text) { tokens.insert("h" + handle) }
      for word in NameMatching.tokens(text) { tokens.insert("n" + word) }
    case .placeholder: break
    }
  }

  static func entry(for document: NoteDocument, seriesKey: String?) -> NoteEntry {
    var spellings: [Spelling] = []
    var spellingIndex: [Spelling: UInt32] = [:]
    spellingIndex.reserveCapacity(document.mentions.count)
    func index(_ kind: OwnerKind, _ text: String) -> UInt32 {
      let spelling = Spelling(kind: kind, text: text)
      if let known = spellingIndex[spelling] { return known }
      let new = UInt32(spellings.count)
      spellings.append(spelling)
      spellingIndex[spelling] = new
      return new
    }
    func offset(_ value: Int) -> UInt32 { UInt32(clamping: value) }
    var namings: [Naming] = []
    var attendeeCells: [AttendeeCell] = []
    var mentionAt: [TextRange: UInt32] = [:]
    mentionAt.reserveCapacity(document.mentions.count)
    let rows = (document.attendees?.entries ?? []).map(\.range)
    // Rows in order (they are, in a table or a list): the first row touching an offset is found by bisection.
    let ordered = zip(rows, rows.dropFirst()).allSatisfy { $0.utf8End <= $1.utf8Start }
    func row(touching offset: Int) -> Int? {
      guard ordered else { return rows.firstIndex { $0.touches(offset) } }
      var low = 0
      var high = rows.count
      while low < high {
        let mid = (low + high) / 2
        if rows[mid].utf8End < offset { low = mid + 1 } else { high = mid }
      }
      return low < rows.count && rows[low].touches(offset) ? low : nil
    }
    var initialsMentions: [InitialsMention] = []
    for mention in document.mentions {
      let spelling = index(mention.kind, mention.text)
      guard mention.kind != .placeholder else { continue }
      let start = offset(mention.range.utf8Start)
      let end = offset(mention.range.utf8End)
      let cellRow: Int?
      if case .attendee = mention.role {
        cellRow = row(touching: mention.range.utf8Start)
      } else {
        cellRow = nil
      }
      if mention.kind == .initials || mention.kind == .malformedInitials {
        initialsMentions.append(
          InitialsMention(
            start: start, end: end, spelling: spelling, row: cellRow.map { Int32($0) } ?? -1, role: mention.role))
      }
      if case .attendee = mention.role {
        // As `PersonResolver.resolve(_: PersonMention)`: the first row touching the cell.
        if let row = cellRow {
          attendeeCells.append(AttendeeCell(start: start, end: end, row: UInt32(row)))
        } else {
          namings.append(Naming(start: start, end: end, spelling: spelling, filtered: false))
        }
        continue
      }
      namings.append(Naming(start: start, end: end, spelling: spelling, filtered: true))
      mentionAt[mention.range] = spelling
    }
    var ownerSeen = Set<UInt32>()
    var ownerSpellings: [UInt32] = []
    for item in document.items {
      for owner in item.owners {
        let spelling = index(owner.kind, owner.text)
        if ownerSeen.insert(spelling).inserted { ownerSpellings.append(spelling) }
      }
    }
    var items: [ItemEntry] = []
    var owners: [UInt32] = []
    // A task is a task everywhere (issue 11): `TODO:` lines and the bullets of `Action items` are open items too.
    for (position, item) in document.items.enumerated()
    where (item.checkbox != nil || item.isTask) && !item.isEmptyTemplate {
      let effective = item.owners.isEmpty ? document.effectiveOwners(ofItem: position) : item.owners
      // Where the item names someone (as `PersonReferences.find` reads it).
      if item.owners.isEmpty {
        for owner in effective {
          namings.append(
            Naming(
              start: offset(item.contentRange.utf8Start), end: offset(item.contentRange.utf8End),
              spelling: index(owner.kind, owner.text), filtered: true))
        }
      } else {
        for owner in item.owners {
          let spelling = index(owner.kind, owner.text)
          if mentionAt[owner.range] == spelling { continue }  // Already a naming as a mention.
          namings.append(
            Naming(
              start: offset(owner.range.utf8Start), end: offset(owner.range.utf8End), spelling: spelling,
              filtered: true))
        }
      }
      let isOpen = item.isOpen || item.isOpenTask
      let ownersStart = UInt32(owners.count)
      if isOpen {
        for owner in effective { owners.append(index(owner.kind, owner.text)) }
      }
      let content = item.contentRange
      items.append(
        ItemEntry(
          index: Int32(position), isOpen: isOpen, isDone: item.checkbox?.state == .done, ownersStart: ownersStart,
          ownersCount: UInt32(owners.count) - ownersStart, start: offset(item.range.utf8Start),
          end: offset(item.range.utf8End), contentStart: offset(content.utf8Start), contentEnd: offset(content.utf8End),
          quickKey: WorkspaceSymbols.quickKey(item, in: document)))
    }
    return NoteEntry(
      uri: document.uri, date: document.meetingDate, seriesKey: seriesKey, fileName: document.fileName,
      titleRange: document.title?.range, ownerSpellings: ownerSpellings, spellings: spellings.trimmedToSize(),
      items: items.trimmedToSize(),
      namings: namings.trimmedToSize(),
      attendeeCells: attendeeCells.trimmedToSize(), owners: owners.trimmedToSize(),
      initialsMentions: initialsMentions.trimmedToSize())
  }
}
