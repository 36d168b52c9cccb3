/// Who a mention names, as a reader of the note would settle it. The one answer to "who is `(JK)` here?": hover,
/// definition, completion ranking, references, rename, workspace symbols, inlay hints, code actions and the owner
/// rules all ask `PersonResolver`.
public enum PersonResolution: Hashable, Sendable {
  /// Exactly one person.
  case one(PersonID)
  /// Several people, and nothing in the note or the workspace tells them apart.
  case ambiguous([PersonID])
  /// Nobody the workspace knows.
  case unknown

  /// The person, when exactly one.
  public var person: PersonID? {
    if case .one(let id) = self { return id }
    return nil
  }

  /// Everyone the mention can mean.
  public var candidates: [PersonID] {
    switch self {
    case .one(let id): return [id]
    case .ambiguous(let ids): return ids
    case .unknown: return []
    }
  }
}

/// What lies under a position of a note, as far as people go: the one classifier every feature uses.
public struct MentionAtPosition: Hashable, Sendable {
  public enum Form: Hashable, Sendable {
    /// `(JK)`, `JK:`, an Initials cell read as initials, or 2–4 capitals in prose.
    case initials
    /// `(jakirkham)`, `@jakirkham` (the `@` included).
    case handle
    /// `(Eric)`, `(Dill)` (a surname resolves like a first name), `John K:`.
    case name
    /// `(Marius?)`: a name or initials marked as a guess; resolves to its person, `initials.malformed` still reports
    /// the form.
    case tentative
    /// `(mcg)`, `MRB.`: initials written badly.
    case malformedInitials
    /// Anywhere on an attendee entry of this note (a cell, or between cells).
    case attendee(AttendeeColumn?)
  }

  public var form: Form
  /// The kind the token is looked up as.
  public var kind: OwnerKind
  /// The token as written.
  public var text: String
  public var range: TextRange
  /// The item this token owns, when it is an owner.
  public var item: Int?
  /// The attendee entry the position is on, when it is on one.
  public var attendee: Attendee?
}

extension PersonMention {
  /// What is under `utf8Offset` in `document`: a structural mention (owner, speaker, attendee cell), an attendee row,
  /// or in prose an `@handle` or a word of 2–4 capitals. Hover on the `@` of `@handle` answers like the handle.
  public static func at(_ utf8Offset: Int, in document: NoteDocument) -> MentionAtPosition? {
    let bytes = document.source.bytes
    var offset = utf8Offset
    if offset >= 0, offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "@"), isHandleByte(bytes[offset + 1]) {
      offset += 1
    }
    let attendee = document.attendees?.entries.first { $0.range.touches(offset) }
    var best: PersonMention?
    for mention in document.mentions where mention.range.touches(offset) && mention.kind != .placeholder {
      if best == nil || mention.range.utf8Length < best!.range.utf8Length { best = mention }
    }
    if let mention = best {
      if case .attendee(let column) = mention.role, let attendee {
        return MentionAtPosition(
          form: .attendee(column), kind: mention.kind, text: mention.text, range: mention.range, item: nil,
          attendee: attendee)
      }
      let item = mention.role == .owner ? ownedItem(mention.range, in: document) : nil
      return located(mention.kind, mention.text, mention.range, item: item, attendee: attendee)
    }
    // Owners the parser did not also list as mentions.
    for (index, item) in document.items.enumerated() where item.range.touches(offset) {
      for owner in item.owners where owner.range.touches(offset) && owner.kind != .placeholder {
        return located(owner.kind, owner.text, owner.range, item: index, attendee: attendee)
      }
    }
    if let attendee {
      let cells: [(Span?, AttendeeColumn)] = [
        (attendee.name, .name), (attendee.initials, .initials), (attendee.github, .github),
        (attendee.affiliation, .affiliation),
      ]
      let cell = cells.first { $0.0?.range.touches(offset) == true }
      let range = cell?.0?.range ?? attendee.range
      let text = cell?.0?.text ?? document.source.text(in: attendee.range)
      return MentionAtPosition(
        form: .attendee(cell?.1), kind: .name, text: text, range: range, item: nil, attendee: attendee)
    }
    return proseWord(at: offset, in: document)
  }

  private static func located(_ kind: OwnerKind, _ text: String, _ range: TextRange, item: Int?, attendee: Attendee?)
    -> MentionAtPosition
  {
    let form: MentionAtPosition.Form
    switch kind {
    case .initials: form = .initials
    case .handle: form = .handle
    case .name: form = .name
    case .malformedInitials: form = text.hasSuffix("?") ? .tentative : .malformedInitials
    case .placeholder: form = .name
    }
    return MentionAtPosition(form: form, kind: kind, text: text, range: range, item: item, attendee: attendee)
  }

  /// The checkbox item (or action bullet) whose owner token is at `range`.
  ///
  /// O(log items): items are in document order and an owner token stands on its item's own line, so the item is the
  /// last one starting at or before the token (a scan of every item per mention was quadratic in long notes).
  static func ownedItem(_ range: TextRange, in document: NoteDocument) -> Int? {
    let items = document.items
    var low = 0
    var high = items.count
    while low < high {
      let mid = (low + high) / 2
      if items[mid].range.utf8Start <= range.utf8Start { low = mid + 1 } else { high = mid }
    }
    if low > 0, items[low - 1].owners.contains(where: { $0.range == range }) { return low - 1 }
    for (index, item) in items.enumerated() where item.range.touches(range.utf8Start) {
      if item.owners.contains(where: { $0.range == range }) { return index }
    }
    return nil
  }

  /// `@handle` or a word written like initials, outside any structural place.
  static func proseWord(at offset: Int, in document: NoteDocument) -> MentionAtPosition? {
    let bytes = document.source.bytes
    guard !bytes.isEmpty else { return nil }
    let line = document.source.contentRange(ofLine: document.source.line(containingUTF8Offset: offset))
    var start = min(max(offset, line.utf8Start), line.utf8End)
    var end = start
    while start > line.utf8Start && isHandleByte(bytes[start - 1]) { start -= 1 }
    while end < line.utf8End && isHandleByte(bytes[end]) { end += 1 }
    guard start < end else { return nil }
    let word = document.source.text(in: TextRange(utf8Start: start, utf8End: end))
    if start > line.utf8Start && bytes[start - 1] == UInt8(ascii: "@") {
      return MentionAtPosition(
        form: .handle, kind: .handle, text: "@" + word, range: TextRange(utf8Start: start - 1, utf8End: end),
        item: nil, attendee: nil)
    }
    guard NameMatching.isWellFormedInitials(word) else { return nil }
    return MentionAtPosition(
      form: .initials, kind: .initials, text: word, range: TextRange(utf8Start: start, utf8End: end), item: nil,
      attendee: nil)
  }
}

/// Resolves mentions of one note to the people of a workspace, the way a reader of the note would, stopping at the
/// first step that settles it:
/// 1. this note's own attendee list (a note listing `Katherine Kinnaman | KK` means Katherine by `KK`);
/// 2. for an item carried over from an earlier meeting, that meeting: the dated line above the item (`2020-09-09`),
///    else the first note of the series where the item appears — who attended it, else who attended nearest to it;
/// 3. who attended nearest to this note's date, by the dates people actually attended (a person who returns after
///    five years does not own the years between);
/// 4. only then ambiguous.
///
/// NOTE: "nearest" settles only with a clear margin: the nearest person's distance must be at most half the next
/// one's and at least 60 days shorter. Two people who both attended that season stay ambiguous.
public struct PersonResolver {
  public let workspace: NotesWorkspace
  public let document: NoteDocument
  private let index: PeopleIndex
  /// People listed in this note's attendees, and this note's own rows by the initials they give (`Katherine
  /// Kinnaman | KK` means Katherine by `KK` here, even if someone else in this meeting is known as `KK` elsewhere).
  /// Computed when first needed: most tokens name one person and never need them.
  private var local: (here: Set<Int>, byInitials: [String: Set<Int>])?
  private var memo: [String: PersonResolution] = [:]
  private var origins: [Int: Origin?] = [:]
  private var tracked: [TextRange: String]?
  /// For each line, the nearest line at or above it that is only a date (-1: none); filled on the first carried item.
  private var datedLineAbove: [Int]?

  /// Where a carried item came from.
  public struct Origin: Hashable, Sendable {
    public var date: MeetingDate
    /// The note it was first written in, when the series holds it.
    public var uri: String?
  }

  public init(workspace: NotesWorkspace, document: NoteDocument) {
    self.workspace = workspace
    self.document = document
    self.index = workspace.peopleIndex
  }

  private mutating func localPeople() -> (here: Set<Int>, byInitials: [String: Set<Int>]) {
    if let local { return local }
    var here = Set<Int>()
    var byInitials: [String: Set<Int>] = [:]
    for attendee in document.attendees?.entries ?? [] {
      guard let c = index.componentOfIdentity[PersonIdentity(attendee)] else { continue }
      here.insert(c)
      if let key = attendee.initials.flatMap({ NameMatching.initialsKey($0.text) }) {
        byInitials[key, default: []].insert(c)
      }
    }
    local = (here, byInitials)
    return (here, byInitials)
  }

  // MARK: - Entry points

  /// What is under `utf8Offset` (see `PersonMention.at`) and who it names; nil when no person can be there.
  public mutating func resolve(at utf8Offset: Int) -> (mention: MentionAtPosition, resolution: PersonResolution)? {
    guard let mention = PersonMention.at(utf8Offset, in: document) else { return nil }
    return (mention, resolve(mention))
  }

  /// Who the thing under a position names.
  public mutating func resolve(_ mention: MentionAtPosition) -> PersonResolution {
    if let attendee = mention.attendee, case .attendee = mention.form {
      return resolve(attendee: attendee)
    }
    return resolve(kind: mention.kind, text: mention.text, item: mention.item)
  }

  /// Who a structural mention of this note names (an owner is resolved in the light of its item).
  public mutating func resolve(_ mention: PersonMention) -> PersonResolution {
    switch mention.role {
    case .attendee:
      if let attendee = document.attendees?.entries.first(where: { $0.range.touches(mention.range.utf8Start) }) {
        return resolve(attendee: attendee)
      }
      return resolve(kind: mention.kind, text: mention.text)
    case .owner:
      return resolve(kind: mention.kind, text: mention.text, item: PersonMention.ownedItem(mention.range, in: document))
    case .speaker:
      return resolve(kind: mention.kind, text: mention.text)
    }
  }

  /// Who an attendee entry of this note is: the person the workspace joined it into.
  public mutating func resolve(attendee: Attendee) -> PersonResolution {
    let identity = PersonIdentity(attendee)
    if let c = index.componentOfIdentity[identity] { return .one(c) }
    if let handle = attendee.github?.text, let r = Optional(resolve(kind: .handle, text: handle)), r != .unknown {
      return r
    }
    if let initials = attendee.initials?.text, NameMatching.initialsKey(initials) != nil {
      let r = resolve(kind: .initials, text: initials)
      if r != .unknown { return r }
    }
    if let name = attendee.name?.text { return resolve(kind: .name, text: name) }
    return .unknown
  }

  /// Who a token names: initials, a handle or a name, as the parser classified it; `item` is the item it owns, for
  /// carried items.
  public mutating func resolve(kind: OwnerKind, text: String, item: Int? = nil) -> PersonResolution {
    let key = PeopleIndex.lookupKey(kind, text)
    let carried = item.map(isCarried) ?? false
    if !carried, let known = memo[key] { return known }
    let candidates = workspace.personCandidates(kind: kind, text: text)
    let answer: PersonResolution
    if candidates.count <= 1 {
      answer = candidates.first.map { .one($0) } ?? .unknown
    } else if kind == .initials, let key = NameMatching.initialsKey(text), let rows = localPeople().byInitials[key],
      rows.count == 1, let row = rows.first, candidates.contains(row)
    {
      // 1. This meeting's own row giving these initials.
      answer = .one(row)
    } else if case let here = localPeople().here, case let local = candidates.filter(here.contains), !local.isEmpty {
      // 1. This meeting's attendees.
      answer = local.count == 1 ? .one(local[0]) : .ambiguous(local)
    } else if carried, let item, let settled = fromOrigin(candidates, item: item) {
      // 2. The meeting a carried item came from.
      answer = .one(settled)
    } else if let date = document.meetingDate, let one = nearest(candidates, to: date) {
      // 3. Who attended nearest to this meeting.
      answer = .one(one)
    } else {
      // 4. Ambiguous.
      answer = .ambiguous(candidates)
    }
    if !carried { memo[key] = answer }
    return answer
  }

  private mutating func fromOrigin(_ candidates: [Int], item: Int) -> Int? {
    guard let origin = origin(ofItem: item) else { return nil }
    if let uri = origin.uri {
      let then = candidates.filter(workspace.attendeeIDs(of: uri).contains)
      if then.count == 1 { return then[0] }
    }
    return nearest(candidates, to: origin.date)
  }

  /// The people this note's attendee list names.
  public mutating func attendeePeople() -> Set<PersonID> { localPeople().here }

  // MARK: - Dates

  /// The one candidate who attended clearly nearest to `date`, if any.
  func nearest(_ candidates: [Int], to date: MeetingDate) -> Int? {
    let day = Self.dayNumber(date)
    var scored: [(distance: Int, c: Int)] = []
    for c in candidates {
      let days = workspace.attendanceDays(c)
      guard !days.isEmpty else { continue }
      var low = 0
      var high = days.count
      while low < high {
        let mid = (low + high) / 2
        if days[mid] < day { low = mid + 1 } else { high = mid }
      }
      var best = Int.max
      if low < days.count { best = min(best, days[low] - day) }
      if low > 0 { best = min(best, day - days[low - 1]) }
      scored.append((best, c))
    }
    scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.c < $1.c }
    guard let first = scored.first else { return nil }
    guard scored.count > 1 else { return candidates.count == 1 || scored.count == 1 ? first.c : nil }
    let second = scored[1].distance
    let clear = second - first.distance >= 60 && second >= 2 * first.distance
    return clear ? first.c : nil
  }

  /// Days since year 0, near enough for distances between meetings.
  static func dayNumber(_ date: MeetingDate) -> Int { date.year * 372 + date.month * 31 + date.day }

  // MARK: - Carried items

  /// Whether an item sits in a section that carries items over from earlier meetings.
  func isCarried(_ item: Int) -> Bool {
    guard document.items.indices.contains(item) else { return false }
    return document.sectionKind(ofSection: document.items[item].section) == .carryOver
  }

  /// The meeting a carried item came from: a dated line above it in its section (`2020-09-09`, `### 2020-09-09`),
  /// else the first note of the series where it appears. Nil for items written in this meeting.
  public mutating func origin(ofItem item: Int) -> Origin? {
    if let known = origins[item] { return known }
    let found = computeOrigin(item)
    origins[item] = .some(found)
    return found
  }

  private mutating func computeOrigin(_ item: Int) -> Origin? {
    guard isCarried(item) else { return nil }
    let listItem = document.items[item]
    // The outermost carry-over section holding the item bounds the search for a dated line.
    var section = listItem.section
    var top = section
    while let s = section, document.sections.indices.contains(s) {
      if document.sections[s].kind == .carryOver { top = s }
      section = document.sections[s].parent
    }
    let source = document.source
    let firstLine = top.map { source.line(containingUTF8Offset: document.sections[$0].range.utf8Start) } ?? 0
    // O(lines) once per note, then O(1) per carried item (a scan back from each item was quadratic in long lists).
    if datedLineAbove == nil {
      var above = [Int](repeating: -1, count: source.lineCount)
      var last = -1
      for line in 0..<source.lineCount {
        if Self.datedLine(source.lineText(line)) != nil { last = line }
        above[line] = last
      }
      datedLineAbove = above
    }
    let itemLine = source.line(containingUTF8Offset: listItem.range.utf8Start)
    if itemLine > 0, let above = datedLineAbove, above.indices.contains(itemLine - 1) {
      let line = above[itemLine - 1]
      if line >= firstLine, line >= 0, let date = Self.datedLine(source.lineText(line)) {
        let uri = workspace.uri(of: date, inSeriesOf: document)
        return Origin(date: date, uri: uri)
      }
    }
    // The first note of the series that has the item.
    if tracked == nil {
      var map: [TextRange: String] = [:]
      for t in TrackedItem.items(of: document) { map[t.range] = t.normalizedText }
      tracked = map
    }
    guard let text = tracked?[listItem.range], !text.isEmpty else { return nil }
    var earliest: (uri: String, date: MeetingDate)?
    var uri = workspace.previousMeetingURI(of: document)
    var steps = 0
    while let current = uri, steps < 500, let summary = workspace.summary(current) {
      guard summary.trackedItems.contains(where: { $0.normalizedText == text }) else { break }
      if let date = summary.date { earliest = (current, date) }
      uri = workspace.previousMeetingURI(of: current)
      steps += 1
    }
    return earliest.map { Origin(date: $0.date, uri: $0.uri) }
  }

  /// The date of a line that holds only a date, perhaps as a heading or in bold: `2020-09-09`, `### 2020-9-9:`,
  /// `**20200909**`.
  static func datedLine(_ text: String) -> MeetingDate? {
    var bytes = Array(text.utf8)
    func strip(_ b: UInt8) -> Bool {
      b == 0x20 || b == 0x09 || b == UInt8(ascii: "#") || b == UInt8(ascii: "*") || b == UInt8(ascii: "_")
        || b == UInt8(ascii: ":")
    }
    while let f = bytes.first, strip(f) { bytes.removeFirst() }
    while let l = bytes.last, strip(l) { bytes.removeLast() }
    guard (8...10).contains(bytes.count) else { return nil }
    let parts = bytes.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
    func number(_ p: ArraySlice<UInt8>) -> Int? {
      guard !p.isEmpty, p.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
      return Int(String(decoding: p, as: UTF8.self))
    }
    var date: MeetingDate?
    if parts.count == 3, parts[0].count == 4, let y = number(parts[0]), let m = number(parts[1]),
      let d = number(parts[2])
    {
      date = MeetingDate(year: y, month: m, day: d)
    } else if parts.count == 1, bytes.count == 8, let all = number(bytes[...]) {
      date = MeetingDate(year: all / 10000, month: (all / 100) % 100, day: all % 100)
    }
    guard let date, date.isValid, (1990...2200).contains(date.year) else { return nil }
    return date
  }
}

extension NotesWorkspace {
  /// Everyone a token can name, whatever the note: the people known by these initials (or, when nobody writes them,
  /// whose names suggest them), this handle, or this name (first name, full name, or surname). Looked up once per
  /// token and people join.
  func personCandidates(kind: OwnerKind, text: String) -> [PersonID] {
    let index = peopleIndex
    let key = PeopleIndex.lookupKey(kind, text)
    return peopleCache.candidates(key) { index.candidates(kind: kind, text: text) }
  }
}

extension PeopleIndex {
  /// The memo key of a token.
  static func lookupKey(_ kind: OwnerKind, _ text: String) -> String {
    switch kind {
    case .initials: return "i|" + text
    case .malformedInitials: return "m|" + text
    case .handle: return "h|" + text
    case .name: return "n|" + text
    case .placeholder: return "p|" + text
    }
  }

  /// Every component a token can name (see `NotesWorkspace.personCandidates`).
  func candidates(kind: OwnerKind, text: String) -> [Int] {
    switch kind {
    case .initials:
      return initialsCandidates(text)
    case .malformedInitials:
      // `MRB.`, `mcg`, `Marius?`: the token without its trailing marks, as initials when it reads as initials,
      // else as a name.
      var core = text
      while let last = core.last, last == "?" || last == "." { core.removeLast() }
      let letters = core.filter { $0.isLetter }
      let looksLikeInitials = letters.count <= 3 || letters.allSatisfy { $0.isUppercase }
      if looksLikeInitials {
        let found = initialsCandidates(core)
        if !found.isEmpty { return found }
      }
      return nameCandidates(core)
    case .handle:
      guard let key = NameMatching.handleKey(text) else { return [] }
      return byHandle[key] ?? []
    case .name:
      return nameCandidates(text)
    case .placeholder:
      return []
    }
  }

  private func initialsCandidates(_ text: String) -> [Int] {
    guard let key = NameMatching.initialsKey(text) else { return [] }
    if let found = byInitials[key] { return found }
    // NOTE: initials nobody writes, which the name of exactly one person suggests (`HM` for a roster's Hind
    // Montassif), mean that person.
    if let derived = byDerivedInitials[key], derived.count == 1 { return derived }
    return []
  }

  private func nameCandidates(_ text: String) -> [Int] {
    // A one-word "name" that is someone's handle (`MattiP`) is that handle.
    if let handle = NameMatching.handleKey(text), let found = byHandle[handle] { return found }
    return components(named: text)
  }
}

extension NotesWorkspace {
  /// Every note the workspace holds as a parsed document, in URI order.
  public var heldDocuments: [NoteDocument] { uris.compactMap { document($0) } }
}
