/// A cache for the cross-meeting requests that visit every note (references, rename, workspace symbols), so that a
/// request on a 10,000-note workspace visits only the notes that can answer it.
///
/// Per note it keeps what depends on that note alone — the spellings of the people it names (mentions and owners) and
/// its checkbox items with their identity keys — refreshed only for notes whose text changed. People are resolved at
/// request time against the live workspace, so answers equal the uncached ones (`PersonReferences`,
/// `InitialsRename`, `WorkspaceSymbols`) for every snapshot.
///
/// NOTE: a note is reused while the workspace holds the same text buffer for it (the cache keeps the old document, so
/// its buffer cannot be freed and reused) and the same series key; anything else re-reads that note.
public final class CrossMeetingIndex: @unchecked Sendable {
  struct ItemEntry {
    var index: Int
    var key: String
    var isOpen: Bool
    var isDone: Bool
    var symbol: NoteSymbol?
  }

  struct NoteEntry {
    var document: NoteDocument
    var seriesKey: String?
    var tokens: Set<String>
    /// The spellings of the item owners only (what `@JK` queries match).
    var ownerTokens: Set<String>
    var items: [ItemEntry]
  }

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
    var symbolByEvent: [String: [Int: NoteSymbol]]
  }

  private var notes: [String: NoteEntry] = [:]
  private var uris: [String] = []
  private var postings: [String: Set<String>] = [:]
  private var ownerPostings: [String: Set<String>] = [:]
  private var openItems: OpenItems?
  private var meetings: (symbols: [NoteSymbol], lowered: [(name: [UInt8], detail: [UInt8])])?
  private var generation: Int?
  /// Token → people lookups and the people symbols of the snapshot last synchronised (people change with any note).
  private var lookups = PersonLookupCache()
  private var peopleSymbols: [NoteSymbol]?

  public init() {}

  // MARK: - Synchronising

  /// Brings the cache up to date with `workspace`. With a `generation` (a counter the caller bumps on every change
  /// of the workspace), nothing is checked while it is the one last seen.
  public func sync(_ workspace: NotesWorkspace, generation: Int? = nil) {
    if let generation, generation == self.generation { return }
    self.generation = generation
    meetings = nil
    lookups = PersonLookupCache()
    peopleSymbols = nil
    let current = workspace.uris
    var changed = current != uris
    var seen = Set<String>()
    seen.reserveCapacity(current.count)
    for uri in current {
      guard let document = workspace.document(uri) else { continue }
      seen.insert(uri)
      let series = workspace.summary(uri)?.seriesKey
      if let old = notes[uri], old.seriesKey == series, Self.sameText(old.document, document) { continue }
      changed = true
      if let old = notes[uri] { removePostings(old) }
      let entry = Self.entry(for: document, seriesKey: series)
      notes[uri] = entry
      for token in entry.tokens { postings[token, default: []].insert(uri) }
      for token in entry.ownerTokens { ownerPostings[token, default: []].insert(uri) }
    }
    if seen.count != notes.count {
      for (uri, entry) in notes where !seen.contains(uri) {
        removePostings(entry)
        notes[uri] = nil
      }
      changed = true
    }
    uris = current
    if changed { openItems = nil }
  }

  private func removePostings(_ entry: NoteEntry) {
    for token in entry.tokens {
      postings[token]?.remove(entry.document.uri)
      if postings[token]?.isEmpty == true { postings[token] = nil }
    }
    for token in entry.ownerTokens {
      ownerPostings[token]?.remove(entry.document.uri)
      if ownerPostings[token]?.isEmpty == true { ownerPostings[token] = nil }
    }
  }

  static func sameText(_ a: NoteDocument, _ b: NoteDocument) -> Bool {
    guard a.uri == b.uri, a.source.bytes.count == b.source.bytes.count else { return false }
    let pa = a.source.bytes.withUnsafeBufferPointer { $0.baseAddress }
    let pb = b.source.bytes.withUnsafeBufferPointer { $0.baseAddress }
    return pa == pb
  }

  /// The keys under which a token is posted: `i` initials, `h` handles, `n` name words (as `TokenFilter` reads them).
  static func insertTokens(_ kind: OwnerKind, _ text: String, into tokens: inout Set<String>) {
    switch kind {
    case .initials, .malformedInitials:
      tokens.insert("i" + (NameMatching.initialsKey(text) ?? text.uppercased()))
      tokens.insert("i" + text.uppercased())
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
    let meeting = document.meetingDate.map(\.description) ?? document.fileName
    var items: [ItemEntry] = []
    // A task is a task everywhere (issue 11): `TODO:` lines and the bullets of `Action items` are open items too.
    for (index, item) in document.items.enumerated()
    where (item.checkbox != nil || item.isTask) && !item.isEmptyTemplate {
      let key = series + "\u{0}" + WorkspaceSymbols.quickKey(item, in: document)
      var symbol: NoteSymbol?
      let isOpen = item.isOpen || item.isOpenTask
      if isOpen {
        let ownerText = document.effectiveOwners(ofItem: index).map(\.text).joined(separator: "/")
        let detail = ownerText.isEmpty ? meeting : "\(ownerText) · \(meeting)"
        symbol = NoteSymbol(
          name: ItemText.trimmed(item.content.text), kind: .actionItem, detail: detail,
          location: NoteLocation(uri: document.uri, range: item.range))
      }
      items.append(
        ItemEntry(
          index: index, key: key, isOpen: isOpen, isDone: item.checkbox?.state == .done, symbol: symbol))
    }
    return NoteEntry(
      document: document, seriesKey: seriesKey, tokens: tokens, ownerTokens: ownerTokens, items: items)
  }

  // MARK: - Candidates

  /// The held notes that name someone the filters may match, in URI order.
  private func candidates(_ filters: [PersonReferences.TokenFilter], owners: Bool = false) -> [String] {
    let postings = owners ? ownerPostings : postings
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
    sync(workspace, generation: generation)
    guard let found = workspace.person(person) else { return PersonReferences.find(person, in: workspace) }
    let filter = PersonReferences.TokenFilter(found)
    let cache = lookups
    var result: [NoteLocation] = []
    for uri in candidates([filter]) {
      guard let document = notes[uri]?.document else { continue }
      result.append(
        contentsOf: PersonReferences.find(person, in: document, workspace: workspace, cache: cache, filter: filter))
    }
    return result
  }

  /// `PersonReferences.find(at:in:workspace:includeDeclaration:)`, answered from the cache.
  public func references(
    at utf8Offset: Int, in document: NoteDocument, workspace: NotesWorkspace, includeDeclaration: Bool = true,
    generation: Int? = nil
  ) -> [NoteLocation]? {
    guard let person = CrossMeetingCursor.person(in: document, at: utf8Offset, workspace: workspace) else { return nil }
    var locations = references(to: person.id, in: workspace, generation: generation)
    if workspace.document(document.uri) == nil {
      locations.append(contentsOf: PersonReferences.find(person.id, in: document, workspace: workspace))
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
    sync(workspace, generation: generation)
    let target = try InitialsRename.prepare(in: document, at: utf8Offset, workspace: workspace)
    let newName = ItemText.trimmed(newInitials)
    guard InitialsRename.isValidInitials(newName) else {
      throw CrossMeetingError("`\(newName)` is not initials: use 2–4 capital letters, such as JK or MRB.")
    }
    let others = workspace.people(withInitials: newName).filter { $0.id != target.person }
    if let other = others.first {
      throw CrossMeetingError("\(newName) already names \(other.displayName); choose other initials.")
    }
    let oldKey = target.initials.uppercased()
    var documents = (postings["i" + oldKey] ?? []).sorted().compactMap { notes[$0]?.document }
    if notes[document.uri] == nil { documents.append(document) }
    var edits: [NoteTextEdit] = []
    let cache = lookups
    for note in documents {
      edits.append(
        contentsOf: InitialsRename.noteEdits(
          in: note, renaming: target, to: newName, workspace: workspace, cache: cache))
    }
    return edits
  }

  // MARK: - Workspace symbols

  /// `WorkspaceSymbols.search`, answered from the cache.
  public func symbols(
    _ query: String, in workspace: NotesWorkspace, limit: Int = 1000, generation: Int? = nil
  ) -> [NoteSymbol] {
    sync(workspace, generation: generation)
    let trimmed = ItemText.trimmed(query)
    if trimmed.hasPrefix("@") {
      let token = String(trimmed.dropFirst())
      guard !token.isEmpty else { return Array(WorkspaceSymbols.people(in: workspace).prefix(limit)) }
      var ids = Set(workspace.people(withInitials: token).map(\.id))
      ids.formUnion(workspace.people(withHandle: token).map(\.id))
      if ids.isEmpty { ids.formUnion(workspace.people(named: token).map(\.id)) }
      guard !ids.isEmpty else { return [] }
      return openItems(ownedBy: ids, in: workspace).prefix(limit).map { WorkspaceSymbols.prefixed($0, "@\(token)") }
    }
    let open = openItemsState()
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

  private func openItemsState() -> OpenItems {
    if let openItems { return openItems }
    let zero = MeetingDate(year: 0, month: 0, day: 0)
    let ordered = notes.values.sorted { a, b in
      (a.document.meetingDate ?? zero, a.document.uri) < (b.document.meetingDate ?? zero, b.document.uri)
    }
    var events: [String: [Event]] = [:]
    var symbols: [String: [Int: NoteSymbol]] = [:]
    var order = 0
    for note in ordered {
      let uri = note.document.uri
      var local: [Int: NoteSymbol] = [:]
      for item in note.items {
        order += 1
        guard item.isOpen || item.isDone else { continue }
        events[item.key, default: []].append(Event(order: order, uri: uri, item: item.index, isDone: !item.isOpen))
        if let symbol = item.symbol { local[item.index] = symbol }
      }
      if !local.isEmpty { symbols[uri] = local }
    }
    var latest: [(order: Int, symbol: NoteSymbol)] = []
    for list in events.values {
      guard let last = list.last, !last.isDone, let symbol = symbols[last.uri]?[last.item] else { continue }
      latest.append((last.order, symbol))
    }
    latest.sort { $0.order > $1.order }
    let all = latest.map(\.symbol)
    let lowered = all.map { (WorkspaceSymbols.lowered($0.name), WorkspaceSymbols.lowered($0.detail)) }
    let state = OpenItems(events: events, all: all, lowered: lowered, symbolByEvent: symbols)
    openItems = state
    return state
  }

  /// `WorkspaceSymbols.openItems(in:ownedBy:)` for a set of people.
  private func openItems(ownedBy owners: Set<PersonID>, in workspace: NotesWorkspace) -> [NoteSymbol] {
    let state = openItemsState()
    let filters = owners.sorted().compactMap { workspace.person($0) }.map(PersonReferences.TokenFilter.init)
    let cache = lookups
    var matched: [String: Set<Int>] = [:]
    var keys = Set<String>()
    for uri in candidates(filters, owners: true) {
      guard let note = notes[uri] else { continue }
      let document = note.document
      var resolver = PersonResolver(workspace: workspace, document: document, cache: cache)
      for item in note.items where item.isOpen {
        let itemOwners = document.effectiveOwners(ofItem: item.index)
        let match = itemOwners.contains { owner in
          filters.contains { $0.mayName(kind: owner.kind, text: owner.text) }
            && !owners.isDisjoint(with: resolver.candidates(kind: owner.kind, text: owner.text))
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
          if let symbol = state.symbolByEvent[event.uri]?[event.item] { result.append((event.order, symbol)) }
          break
        }
      }
    }
    result.sort { $0.order > $1.order }
    return result.map(\.symbol)
  }
}
