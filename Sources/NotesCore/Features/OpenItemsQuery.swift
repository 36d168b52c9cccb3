import Foundation

/// Where an item was written in one meeting.
public struct ItemSighting: Hashable, Sendable {
  public var uri: String
  public var date: MeetingDate?
  /// The item's first line.
  public var range: TextRange
  /// 1-based line of the item (0 when the note's text is not held).
  public var line: Int

  public init(uri: String, date: MeetingDate?, range: TextRange, line: Int) {
    self.uri = uri
    self.date = date
    self.range = range
    self.line = line
  }
}

/// An owner of an item: the token as written and the people it names.
public struct ItemOwner: Hashable, Sendable {
  /// As written (`JK`, `jakirkham`, `Eric`).
  public var token: String
  /// The people the token names in the note of the item's last sighting: one, several (ambiguous) or none (unknown).
  public var people: [PersonID]

  public init(token: String, people: [PersonID]) {
    self.token = token
    self.people = people
  }

  /// The one person meant, when the token names exactly one.
  public var person: PersonID? { people.count == 1 ? people[0] : nil }
}

/// An item of the action-tracking sections followed across the meetings of its series: from the meeting that first
/// wrote it to the last one that still lists it.
public struct TrackedItemHistory: Hashable, Sendable {
  public enum State: String, Hashable, Sendable {
    /// `[ ]` at its last sighting.
    case open
    /// `[x]` at its last sighting.
    case done
  }

  /// The text at the last sighting, owners cut out.
  public var text: String
  /// The owners at the last sighting (own or inherited; placeholders left out).
  public var owners: [ItemOwner]
  public var state: State
  /// The series: the URI of its first meeting (`NotesWorkspace.series(of:)`), nil for a note outside any series.
  public var seriesKey: String?
  /// The series' name (`OpenItemsQuery.series(in:)`): its folder's name, with its title when the folder holds
  /// several series.
  public var seriesName: String
  public var firstSeen: ItemSighting
  public var lastSeen: ItemSighting
  /// How many meetings list it (open, or done at the last one).
  public var meetings: Int
  /// Whether it is nested under another item.
  public var isNested: Bool
  /// Whether its last sighting is the latest meeting of its series (else the series went on without it: dropped,
  /// or ticked off without being written as done).
  public var inLatestMeeting: Bool
  /// Open, and reported by `--check` as `action-item.stale` on the note of its last sighting.
  public var isStale: Bool
  /// For a stale item, the earlier meetings `action-item.stale` counts as carrying it open.
  public var staleMeetings: Int?

  /// Meetings it was carried into after the one that first wrote it.
  ///
  /// NOTE: for a stale item this is the count `action-item.stale` gives (earlier meetings that had it open,
  /// unchanged), so `items --stale` and `--check` say the same number; for the others it is the meetings that list
  /// it after the first, small edits included (`ItemMatching`).
  public var meetingsCarried: Int { staleMeetings ?? max(0, meetings - 1) }
}

/// What `notes-lsp items` selects.
public struct OpenItemsFilter: Hashable, Sendable {
  public enum Status: String, Hashable, Sendable, CaseIterable { case open, done, all }

  /// Only items one of whose owners the resolver settles on one of these people (nil: every item).
  public var owners: Set<PersonID>?
  public var status: Status
  /// Only open items carried over for more than `staleAfterMeetings` meetings.
  public var staleOnly: Bool
  /// Only items listed at a meeting on or after this date (their last sighting).
  public var since: MeetingDate?
  /// Only the series with this key (`SeriesSummary.key`).
  public var seriesKey: String?
  /// Only items last seen in one of these notes (URIs); nil: anywhere in the workspace.
  public var notes: Set<String>?

  public init(
    owners: Set<PersonID>? = nil, status: Status = .open, staleOnly: Bool = false, since: MeetingDate? = nil,
    seriesKey: String? = nil, notes: Set<String>? = nil
  ) {
    self.owners = owners
    self.status = status
    self.staleOnly = staleOnly
    self.since = since
    self.seriesKey = seriesKey
    self.notes = notes
  }
}

/// A series as the views name it.
public struct SeriesSummary: Hashable, Sendable {
  /// The URI of its first meeting.
  public var key: String
  /// The folder's name, with the series' title pattern when the folder holds several series
  /// (`conda-forge-core-minutes (core)`).
  public var name: String
  /// The members' URIs and dates, oldest first.
  public var meetings: [(uri: String, date: MeetingDate)]

  public static func == (lhs: SeriesSummary, rhs: SeriesSummary) -> Bool {
    lhs.key == rhs.key && lhs.meetings.map(\.uri) == rhs.meetings.map(\.uri)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(key)
    hasher.combine(meetings.map(\.uri))
  }
}

/// The items of a workspace across meetings: who owns what, since when, and what is still open.
///
/// Values in, values out: the workspace's summaries (`TrackedItem`, what counts as an item), its series
/// (`NotesWorkspace.series(of:)`) and `ItemMatching` (what is the same item) — no second answer to any of those.
///
/// NOTE: an item is followed from meeting to meeting of its series while each next meeting lists it again (the same
/// normalised text, else `ItemMatching.isSameItem`: small edits, an update appended). It is open when its checkbox is
/// `[ ]` at its last sighting — as in the workspace symbols' `open:` — so an item a later meeting silently stopped
/// listing stays open (`inLatestMeeting` false) until someone ticks it off.
public enum OpenItemsQuery {
  /// Every series of the workspace (`NotesWorkspace.series(of:)`: a folder may hold several), by name; one-off
  /// meetings are no series.
  public static func series(in workspace: NotesWorkspace) -> [SeriesSummary] {
    var found: [(key: String, folder: String, meetings: [(uri: String, date: MeetingDate)])] = []
    var seen = Set<String>()
    for uri in workspace.uris {
      guard let folder = workspace.summary(uri)?.seriesKey, !seen.contains(uri), !workspace.isOneOff(uri) else {
        continue
      }
      let members = workspace.series(of: uri)
      seen.formUnion(members)
      guard let key = members.first else { continue }
      let meetings = members.compactMap { member in workspace.summary(member)?.date.map { (uri: member, date: $0) } }
      guard !meetings.isEmpty else { continue }
      found.append((key, folder, meetings))
    }
    var perFolder: [String: Int] = [:]
    for series in found { perFolder[series.folder, default: 0] += 1 }
    let result = found.map { series in
      var name = seriesName(series.folder)
      if perFolder[series.folder, default: 0] > 1 {
        let latest = series.meetings.last.flatMap { workspace.summary($0.uri)?.title }
        let pattern = SeriesRules.titlePattern(latest)
        name += " (\(pattern.isEmpty ? "from \(series.meetings[0].date)" : pattern))"
      }
      return SeriesSummary(key: series.key, name: name, meetings: series.meetings)
    }
    return result.sorted { ($0.name, $0.key) < ($1.name, $1.key) }
  }

  /// The key of the series of the note at `uri` (`SeriesSummary.key`), nil for a note of no series.
  public static func seriesKey(of uri: String, in workspace: NotesWorkspace) -> String? {
    workspace.series(of: uri).first
  }

  /// The name of a folder: its last path component, percent-decoded.
  public static func seriesName(_ key: String) -> String {
    var path = key
    while path.hasSuffix("/") { path.removeLast() }
    let last = path.split(separator: "/").last.map(String.init) ?? path
    return last.removingPercentEncoding ?? last
  }

  /// The series a NAME means: the one whose name (`SeriesSummary.name`) is NAME (case-insensitive), else the one
  /// whose name contains it. Several or none: nil.
  public static func series(named name: String, in workspace: NotesWorkspace) -> SeriesSummary? {
    let all = series(in: workspace)
    let lower = name.lowercased()
    if let exact = all.first(where: { $0.name.lowercased() == lower || $0.key == name }) { return exact }
    let partial = all.filter { $0.name.lowercased().contains(lower) }
    return partial.count == 1 ? partial[0] : nil
  }

  /// Every item of the workspace's meeting notes, followed across its series; oldest first sighting first.
  public static func histories(in workspace: NotesWorkspace) -> [TrackedItemHistory] {
    let names = Dictionary(series(in: workspace).map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a })
    var resolvers = Resolvers(workspace: workspace)
    var stale = StaleRule(workspace: workspace)
    var result: [TrackedItemHistory] = []
    var done = Set<String>()
    for uri in workspace.uris {
      guard !done.contains(uri), let summary = workspace.summary(uri), summary.isMeetingNote else { continue }
      var chain = workspace.series(of: uri)
      if !chain.contains(uri) { chain = [uri] }
      done.formUnion(chain)
      let key = workspace.isOneOff(uri) ? nil : workspace.series(of: uri).first
      let name = key.flatMap { names[$0] } ?? seriesName(summary.seriesKey ?? summary.folder)
      result.append(
        contentsOf: follow(
          chain, seriesKey: key, seriesName: name, workspace: workspace, resolvers: &resolvers, stale: &stale))
    }
    result.sort { a, b in
      let zero = MeetingDate(year: 0, month: 0, day: 0)
      return (a.firstSeen.date ?? zero, a.firstSeen.uri, a.firstSeen.range.utf8Start)
        < (b.firstSeen.date ?? zero, b.firstSeen.uri, b.firstSeen.range.utf8Start)
    }
    return result
  }

  /// One `PersonResolver` per note, kept while the items are followed (each memoises its answers).
  struct Resolvers {
    let workspace: NotesWorkspace
    var byURI: [String: PersonResolver] = [:]

    init(workspace: NotesWorkspace) { self.workspace = workspace }
  }

  /// `action-item.stale`'s findings per note, computed once per note asked about.
  struct StaleRule {
    let workspace: NotesWorkspace
    var byURI: [String: [Int: StaleItem]] = [:]

    init(workspace: NotesWorkspace) { self.workspace = workspace }

    /// What the rule reports on the item starting at `utf8Start` of the note at `uri`, if anything.
    mutating func item(at utf8Start: Int, in uri: String) -> StaleItem? {
      if let known = byURI[uri] { return known[utf8Start] }
      var found: [Int: StaleItem] = [:]
      if let document = workspace.document(uri) {
        for item in CarryOverCheck.staleItems(in: document, workspace: workspace) { found[item.range.utf8Start] = item }
      }
      byURI[uri] = found
      return found[utf8Start]
    }
  }

  /// The histories `filter` selects, oldest first sighting first.
  public static func items(in workspace: NotesWorkspace, filter: OpenItemsFilter) -> [TrackedItemHistory] {
    select(histories(in: workspace), filter: filter)
  }

  /// `histories` narrowed by `filter`.
  public static func select(_ histories: [TrackedItemHistory], filter: OpenItemsFilter) -> [TrackedItemHistory] {
    histories.filter { item in
      switch filter.status {
      case .open: if item.state != .open { return false }
      case .done: if item.state != .done { return false }
      case .all: break
      }
      if filter.staleOnly && !item.isStale { return false }
      if let since = filter.since {
        guard let last = item.lastSeen.date, last >= since else { return false }
      }
      if let key = filter.seriesKey, item.seriesKey != key { return false }
      if let notes = filter.notes, !notes.contains(item.lastSeen.uri) { return false }
      if let owners = filter.owners {
        // NOTE: an owner counts when `PersonResolver` settles it on one of `owners` in the item's note, as the
        // people view counts open items; an owner still ambiguous there is nobody's yet (listed without `--owner`).
        guard item.owners.contains(where: { $0.person.map(owners.contains) ?? false }) else { return false }
      }
      return true
    }
  }

  /// The items of one chain of meetings (oldest first).
  ///
  /// NOTE: an open item a meeting left out and a later meeting lists again, word for word, is the same item (copied
  /// back from an older note): it keeps its first date, and `meetings` counts the meetings that list it.
  static func follow(
    _ chain: [String], seriesKey: String?, seriesName: String, workspace: NotesWorkspace,
    resolvers: inout Resolvers, stale: inout StaleRule
  ) -> [TrackedItemHistory] {
    struct Running {
      var history: TrackedItemHistory
      var key: ItemMatching.Key
      var lastIndex: Int
    }
    var pool: [Running] = []
    /// Open in the previous meeting.
    var alive: [Int] = []
    /// Open when last seen, before the previous meeting: by text.
    var dormant: [String: [Int]] = [:]
    /// Ticked off at the previous meeting, by text: a note that lists them again, done, repeats them.
    var doneBefore: [String: Int] = [:]
    for (position, uri) in chain.enumerated() {
      guard let summary = workspace.summary(uri) else { continue }
      let document = workspace.document(uri)
      let items =
        summary.trackedItems.filter { ($0.state == .open || $0.state == .done) && !$0.normalizedText.isEmpty }
        + tasksElsewhere(in: document)
      var taken = Set<Int>()
      var exact: [String: [Int]] = [:]
      for i in alive { exact[pool[i].key.text, default: []].append(i) }
      var matchOf = [Int?](repeating: nil, count: items.count)
      for (j, item) in items.enumerated() {
        if let i = exact[item.normalizedText]?.first(where: { !taken.contains($0) }) {
          taken.insert(i)
          matchOf[j] = i
        }
      }
      for j in items.indices where matchOf[j] == nil {
        let key = items[j].key
        if let i = alive.first(where: { !taken.contains($0) && ItemMatching.isSameItem(pool[$0].key, key) }) {
          taken.insert(i)
          matchOf[j] = i
        } else if var list = dormant[items[j].normalizedText], !list.isEmpty {
          matchOf[j] = list.removeLast()
          dormant[items[j].normalizedText] = list
        }
      }
      var next: [Int] = []
      var doneHere: [String: Int] = [:]
      for (j, item) in items.enumerated() {
        if matchOf[j] == nil, item.state == .done, let k = doneBefore.removeValue(forKey: item.normalizedText) {
          // NOTE: a done item repeated as done is the same item, still done: it keeps its dates.
          doneHere[item.normalizedText] = k
          continue
        }
        let sighting = ItemSighting(
          uri: uri, date: summary.date, range: item.range,
          line: document.map { $0.source.oneBasedLineColumn(ofUTF8Offset: item.range.utf8Start).line } ?? 0)
        let index: Int
        if let i = matchOf[j] {
          index = i
          pool[i].history.meetings += 1
          pool[i].history.lastSeen = sighting
          pool[i].history.text = item.text
          pool[i].key = item.key
        } else {
          index = pool.count
          pool.append(
            Running(
              history: TrackedItemHistory(
                text: item.text, owners: [], state: .open, seriesKey: seriesKey, seriesName: seriesName,
                firstSeen: sighting, lastSeen: sighting, meetings: 1, isNested: item.isNested,
                inLatestMeeting: false, isStale: false),
              key: item.key, lastIndex: position))
        }
        pool[index].lastIndex = position
        pool[index].history.isNested = item.isNested
        pool[index].history.state = item.state == .done ? .done : .open
        pool[index].history.owners = item.owners.map { ItemOwner(token: $0, people: []) }
        if item.state == .done { doneHere[item.normalizedText] = index } else { next.append(index) }
      }
      for i in alive where !taken.contains(i) { dormant[pool[i].key.text, default: []].append(i) }
      alive = next
      doneBefore = doneHere
    }
    let latest = chain.count - 1
    return pool.map { running in
      var history = running.history
      history.inLatestMeeting = running.lastIndex == latest
      // NOTE: an item is stale when `action-item.stale` reports it on the note of its last sighting: one answer for
      // `items --stale`, the report and `--check` (the rule counts earlier meetings that had it open, unchanged).
      if history.state == .open, let found = stale.item(at: history.lastSeen.range.utf8Start, in: history.lastSeen.uri)
      {
        history.isStale = true
        history.staleMeetings = found.meetings
      }
      history.owners =
        owners(at: history.lastSeen.uri, range: history.lastSeen.range, resolvers: &resolvers) ?? history.owners
      return history
    }
  }

  /// The tasks of a held note outside its action-tracking sections (`- [ ] JK to send the link` under a discussion
  /// heading, `TODO(JK): …`), as tracked items: a task is a task everywhere (`ListItem.isTask`).
  static func tasksElsewhere(in document: NoteDocument?) -> [TrackedItem] {
    guard let document else { return [] }
    var result: [TrackedItem] = []
    for (index, item) in document.items.enumerated() where item.isTask && !item.isEmptyTemplate {
      let kind = document.sectionKind(ofSection: item.section)
      guard kind != .actionItems && kind != .carryOver else { continue }
      let text = TrackedItem.contentWithoutOwners(item, in: document)
      let normalized = TrackedItem.normalize(text)
      guard !normalized.isEmpty, !ItemMatching.isPlaceholder(normalized) else { continue }
      let owners = document.effectiveOwners(ofItem: index).filter { $0.kind != .placeholder }.map(\.text)
      let section = item.section.flatMap { document.sections.indices.contains($0) ? document.sections[$0] : nil }
      result.append(
        TrackedItem(
          text: text, normalizedText: normalized, owners: owners, state: item.isOpenTask ? .open : .done,
          range: item.range, section: section?.title.text ?? "", isNested: item.parent != nil,
          sectionIndex: item.section, line: document.source.line(containingUTF8Offset: item.range.utf8Start),
          references: [], ownOwners: owners))
    }
    return result
  }

  /// The owners of the item at `range` of a held note, resolved there by `PersonResolver`; nil when the note's text
  /// is not held.
  static func owners(at uri: String, range: TextRange, resolvers: inout Resolvers) -> [ItemOwner]? {
    guard let document = resolvers.workspace.document(uri),
      let index = document.items.firstIndex(where: { $0.range.utf8Start == range.utf8Start })
    else { return nil }
    var resolver = resolvers.byURI[uri] ?? PersonResolver(workspace: resolvers.workspace, document: document)
    defer { resolvers.byURI[uri] = resolver }
    var seen = Set<String>()
    return document.effectiveOwners(ofItem: index).compactMap { owner in
      guard owner.kind != .placeholder, seen.insert(owner.text).inserted else { return nil }
      let people = PersonQueryResolution.owner(kind: owner.kind, text: owner.text, item: index, resolver: &resolver)
      return ItemOwner(token: owner.text, people: people)
    }
  }
}
