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

  struct OpenItems {
    /// Identity key → open/done sightings, oldest first.
    var events: [String: [Event]]
    /// Every open item, latest sighting first (the `open:` answer).
    var all: [NoteSymbol]
    /// `all`'s names and details lower-cased, for ranking.
    var lowered: [(name: [UInt8], detail: [UInt8])]
  }

  private var openItems: OpenItems?
  private var meetings: (symbols: [NoteSymbol], lowered: [(name: [UInt8], detail: [UInt8])])?
  private var generation: Int?
  /// The people symbols of the revision last synchronised (people change with any note).
  private var peopleSymbols: [NoteSymbol]?
  /// Every read and update holds this lock: the server may answer from several threads.
  private let lock = NSLock()

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
    openItems = nil
  }

  // NOTE: no copy of the workspace is kept here: a snapshot alive while the server mutates its workspace would make
  // the next keystroke copy every dictionary of a large workspace.

  // MARK: - Candidates

  /// The held notes that name someone the filters may match, in URI order.
  private func candidates(
    _ filters: [PersonReferences.TokenFilter], in workspace: NotesWorkspace, owners: Bool = false
  ) -> [String] {
    let postings = owners ? workspace.crossPostings.ownerPostings : workspace.crossPostings.postings
    var found = Set<String>()
    for filter in filters {
      for key in filter.initials { found.formUnion(postings["i" + key] ?? []) }
      for key in filter.handles { found.formUnion(postings["h" + key] ?? []) }
      for key in filter.nameWords { found.formUnion(postings["n" + key] ?? []) }
    }
    return found.sorted()
  }

  // MARK: - References and rename

  /// `PersonReferences.find(_:in:)` over the notes that can hold a reference.
  public func references(to person: PersonID, in workspace: NotesWorkspace, generation: Int? = nil) -> [NoteLocation] {
    lock.lock()
    defer { lock.unlock() }
    syncLocked(workspace)
    guard let found = workspace.person(person) else { return [] }
    let filter = PersonReferences.TokenFilter(found)
    var result: [NoteLocation] = []
    for uri in candidates([filter], in: workspace) {
      guard let document = workspace.document(uri) else { continue }
      result.append(contentsOf: PersonReferences.find(person, in: document, workspace: workspace, filter: filter))
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
    guard let id = resolver.resolve(at: utf8Offset)?.resolution.person, let person = workspace.person(id) else {
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
    var documents = (workspace.crossPostings.postings["i" + oldKey] ?? []).sorted().compactMap {
      workspace.document($0)
    }
    if workspace.document(document.uri) == nil { documents.append(document) }
    var edits: [NoteTextEdit] = []
    for note in documents {
      edits.append(contentsOf: InitialsRename.noteEdits(in: note, renaming: target, to: newName, workspace: workspace))
    }
    return edits
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

  private func openItemsState(_ workspace: NotesWorkspace) -> OpenItems {
    if let openItems { return openItems }
    let zero = MeetingDate(year: 0, month: 0, day: 0)
    let ordered = workspace.crossPostings.notes.values.sorted { a, b in
      (a.date ?? zero, a.uri) < (b.date ?? zero, b.uri)
    }
    var events: [String: [Event]] = [:]
    var order = 0
    for note in ordered {
      let uri = note.uri
      for item in note.items {
        order += 1
        guard item.isOpen || item.isDone else { continue }
        events[item.key, default: []].append(Event(order: order, uri: uri, item: item.index, isDone: !item.isOpen))
      }
    }
    var latest: [(order: Int, symbol: NoteSymbol)] = []
    for list in events.values {
      guard let last = list.last, !last.isDone, let document = workspace.document(last.uri),
        let symbol = CrossMeetingPostings.symbol(ofItem: last.item, in: document)
      else { continue }
      latest.append((last.order, symbol))
    }
    latest.sort { $0.order > $1.order }
    let all = latest.map(\.symbol)
    let lowered = all.map { (WorkspaceSymbols.lowered($0.name), WorkspaceSymbols.lowered($0.detail)) }
    let state = OpenItems(events: events, all: all, lowered: lowered)
    openItems = state
    return state
  }

  /// `WorkspaceSymbols.openItems(in:ownedBy:)` for a set of people.
  private func openItems(ownedBy owners: Set<PersonID>, in workspace: NotesWorkspace) -> [NoteSymbol] {
    let state = openItemsState(workspace)
    let filters = owners.sorted().compactMap { workspace.person($0) }.map(PersonReferences.TokenFilter.init)
    var matched: [String: Set<Int>] = [:]
    var keys = Set<String>()
    for uri in candidates(filters, in: workspace, owners: true) {
      guard let note = workspace.crossPostings.notes[uri], let document = workspace.document(uri) else { continue }
      var resolver = PersonResolver(workspace: workspace, document: document)
      for item in note.items where item.isOpen {
        let itemOwners = document.effectiveOwners(ofItem: item.index)
        let match = itemOwners.contains { owner in
          guard filters.contains(where: { $0.mayName(kind: owner.kind, text: owner.text) }) else { return false }
          let id = resolver.resolve(kind: owner.kind, text: owner.text, item: item.index).person
          return id.map(owners.contains) ?? false
        }
        if match {
          matched[uri, default: []].insert(item.index)
          keys.insert(item.key)
        }
      }
    }
    var result: [(order: Int, symbol: NoteSymbol)] = []
    for key in keys {
      guard let list = state.events[key] else { continue }
      for event in list.reversed() {
        if event.isDone { break }
        if matched[event.uri]?.contains(event.item) == true {
          if let document = workspace.document(event.uri),
            let symbol = CrossMeetingPostings.symbol(ofItem: event.item, in: document)
          {
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

/// The people and items each held note names, posted by spelling: built as notes are updated (`NotesWorkspace`
/// keeps one), so references and `@person` symbols for a person named in every note visit only the notes that write
/// one of their spellings, with no first-request build over the whole workspace.
///
/// Cost: O(mentions + items) of the note per update.
struct CrossMeetingPostings: Sendable {
  struct ItemEntry {
    var index: Int
    var key: String
    var isOpen: Bool
    var isDone: Bool
  }

  /// The symbol of an open item, made when a request needs it (most items are never listed).
  static func symbol(ofItem index: Int, in document: NoteDocument) -> NoteSymbol? {
    guard document.items.indices.contains(index) else { return nil }
    let item = document.items[index]
    let meeting = document.meetingDate.map(\.description) ?? document.fileName
    let ownerText = document.effectiveOwners(ofItem: index).map(\.text).joined(separator: "/")
    let detail = ownerText.isEmpty ? meeting : "\(ownerText) · \(meeting)"
    return NoteSymbol(
      name: ItemText.trimmed(item.content.text), kind: .actionItem, detail: detail,
      location: NoteLocation(uri: document.uri, range: item.range))
  }

  struct NoteEntry {
    var uri: String
    var date: MeetingDate?
    var seriesKey: String?
    var tokens: Set<String>
    /// The spellings of the item owners only (what `@JK` queries match).
    var ownerTokens: Set<String>
    var items: [ItemEntry]
  }

  private(set) var notes: [String: NoteEntry] = [:]
  /// `i`/`h`/`n` + spelling → the notes that write it (mentions and owners).
  private(set) var postings: [String: Set<String>] = [:]
  /// The same for item owners only.
  private(set) var ownerPostings: [String: Set<String>] = [:]

  /// Posts `document` (replacing its earlier version).
  mutating func insert(_ document: NoteDocument, seriesKey: String?) {
    remove(document.uri)
    let entry = Self.entry(for: document, seriesKey: seriesKey)
    notes[document.uri] = entry
    for token in entry.tokens { postings[token, default: []].insert(document.uri) }
    for token in entry.ownerTokens { ownerPostings[token, default: []].insert(document.uri) }
  }

  mutating func remove(_ uri: String) {
    guard let entry = notes.removeValue(forKey: uri) else { return }
    for token in entry.tokens {
      postings[token]?.remove(uri)
      if postings[token]?.isEmpty == true { postings[token] = nil }
    }
    for token in entry.ownerTokens {
      ownerPostings[token]?.remove(uri)
      if ownerPostings[token]?.isEmpty == true { ownerPostings[token] = nil }
    }
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
    var tokens = Set<String>()
    for mention in document.mentions { insertTokens(mention.kind, mention.text, into: &tokens) }
    var ownerTokens = Set<String>()
    for item in document.items {
      for owner in item.owners {
        insertTokens(owner.kind, owner.text, into: &tokens)
        insertTokens(owner.kind, owner.text, into: &ownerTokens)
      }
    }
    let series = seriesKey ?? document.uri
    var items: [ItemEntry] = []
    // A task is a task everywhere (issue 11): `TODO:` lines and the bullets of `Action items` are open items too.
    for (index, item) in document.items.enumerated()
    where (item.checkbox != nil || item.isTask) && !item.isEmptyTemplate {
      let key = series + "\u{0}" + WorkspaceSymbols.quickKey(item, in: document)
      items.append(
        ItemEntry(
          index: index, key: key, isOpen: item.isOpen || item.isOpenTask, isDone: item.checkbox?.state == .done))
    }
    return NoteEntry(
      uri: document.uri, date: document.meetingDate, seriesKey: seriesKey, tokens: tokens, ownerTokens: ownerTokens,
      items: items)
  }

}
