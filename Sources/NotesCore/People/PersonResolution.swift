/// What tokens name across one workspace snapshot, shared by the resolvers of many notes in one request (references,
/// rename and symbols visit every note: each distinct token is looked up once).
public final class PersonLookupCache: @unchecked Sendable {
  fileprivate var people: [String: [(id: PersonID, attended: Set<String>)]] = [:]
  public init() {}
}

/// Resolves the structural mentions of a note (owners, attendee cells, `AB:` speakers) to the people of a workspace.
public struct PersonResolver {
  public let workspace: NotesWorkspace
  public let document: NoteDocument
  private let shared: PersonLookupCache
  private var cache: [String: [PersonID]] = [:]

  public init(workspace: NotesWorkspace, document: NoteDocument, cache: PersonLookupCache = PersonLookupCache()) {
    self.workspace = workspace
    self.document = document
    self.shared = cache
  }

  /// The people a token may name: initials, a handle or a name, as the parser classified it. More than one id means
  /// the token is ambiguous even with this note's own attendee list taken into account.
  public mutating func candidates(kind: OwnerKind, text: String) -> [PersonID] {
    let cacheKey = Self.tag(kind) + text
    if let hit = cache[cacheKey] { return hit }
    let found = lookup(kind: kind, text: text, key: cacheKey)
    var ids = found.map(\.id)
    if ids.count > 1 {
      // NOTE: an ambiguous token is read in the light of this meeting's own attendee list first.
      let local = found.filter { $0.attended.contains(document.uri) }.map(\.id)
      if !local.isEmpty { ids = local }
    }
    cache[cacheKey] = ids
    return ids
  }

  private func lookup(kind: OwnerKind, text: String, key: String) -> [(id: PersonID, attended: Set<String>)] {
    if let hit = shared.people[key] { return hit }
    var people: [Person]
    switch kind {
    case .initials, .malformedInitials:
      let initials = NameMatching.initialsKey(text) ?? text.uppercased()
      people = workspace.people(withInitials: initials)
    case .handle:
      people = workspace.people(withHandle: NameMatching.handleKey(text) ?? text)
    case .name:
      people = workspace.people(named: text)
      if people.isEmpty, let handle = NameMatching.handleKey(text) { people = workspace.people(withHandle: handle) }
    case .placeholder:
      people = []
    }
    // Attendance matters only to tell several people apart.
    let result = people.map { person in
      (id: person.id, attended: people.count > 1 ? Set(person.attendance.map(\.uri)) : [])
    }
    shared.people[key] = result
    return result
  }

  /// A short prefix per kind for the lookup keys (string interpolation of an enum case is slow).
  static func tag(_ kind: OwnerKind) -> String {
    switch kind {
    case .initials: return "initials|"
    case .handle: return "handle|"
    case .name: return "name|"
    case .placeholder: return "placeholder|"
    case .malformedInitials: return "malformedInitials|"
    }
  }

  /// The one person a mention names, nil when nobody or several.
  public mutating func person(for mention: PersonMention) -> PersonID? {
    let ids = candidates(kind: mention.kind, text: mention.text)
    return ids.count == 1 ? ids[0] : nil
  }
}

/// Finding the person a cursor stands on.
public enum CrossMeetingCursor {
  /// The structural mention touching `utf8Offset`, preferring the narrowest one.
  public static func mention(in document: NoteDocument, at utf8Offset: Int) -> PersonMention? {
    var best: PersonMention?
    for mention in document.mentions where mention.range.touches(utf8Offset) {
      if best == nil || mention.range.utf8Length < best!.range.utf8Length { best = mention }
    }
    if best != nil { return best }
    // Owners the parser did not also list as mentions.
    for item in document.items {
      guard item.range.touches(utf8Offset) else { continue }
      for owner in item.owners where owner.range.touches(utf8Offset) {
        return PersonMention(kind: owner.kind, role: .owner, text: owner.text, range: owner.range)
      }
    }
    return nil
  }

  /// The person at `utf8Offset`: a mention (initials, handle, name) or anywhere on an attendee row.
  public static func person(in document: NoteDocument, at utf8Offset: Int, workspace: NotesWorkspace) -> Person? {
    var resolver = PersonResolver(workspace: workspace, document: document)
    if let mention = mention(in: document, at: utf8Offset) {
      if let id = resolver.person(for: mention) { return workspace.person(id) }
    }
    guard let entry = document.attendees?.entries.first(where: { $0.range.touches(utf8Offset) }) else {
      return word(in: document, at: utf8Offset, resolver: &resolver).flatMap { workspace.person($0) }
    }
    var votes: [PersonID: Int] = [:]
    if let github = entry.github {
      for id in resolver.candidates(kind: .handle, text: github.text) { votes[id, default: 0] += 3 }
    }
    if let initials = entry.initials {
      for id in resolver.candidates(kind: .initials, text: initials.text) { votes[id, default: 0] += 2 }
    }
    if let name = entry.name {
      for id in resolver.candidates(kind: .name, text: name.text) { votes[id, default: 0] += 1 }
    }
    guard let top = votes.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) }) else { return nil }
    return workspace.person(top.key)
  }
}

extension CrossMeetingCursor {
  /// `@handle` or a word of 2–4 capitals under the cursor, outside any structural place (prose), when it names one
  /// known person.
  static func word(in document: NoteDocument, at utf8Offset: Int, resolver: inout PersonResolver) -> PersonID? {
    let bytes = document.source.bytes
    let line = document.source.contentRange(ofLine: document.source.line(containingUTF8Offset: utf8Offset))
    func isWord(_ b: UInt8) -> Bool {
      (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
    }
    var start = min(max(utf8Offset, line.utf8Start), line.utf8End)
    var end = start
    while start > line.utf8Start && isWord(bytes[start - 1]) { start -= 1 }
    while end < line.utf8End && isWord(bytes[end]) { end += 1 }
    guard start < end else { return nil }
    let word = document.source.text(in: TextRange(utf8Start: start, utf8End: end))
    let ids: [PersonID]
    if start > line.utf8Start && bytes[start - 1] == UInt8(ascii: "@") {
      ids = resolver.candidates(kind: .handle, text: word)
    } else if NameMatching.isWellFormedInitials(word) {
      ids = resolver.candidates(kind: .initials, text: word)
    } else {
      return nil
    }
    return ids.count == 1 ? ids[0] : nil
  }
}

extension NotesWorkspace {
  /// Every note the workspace holds as a parsed document, in URI order.
  public var heldDocuments: [NoteDocument] { uris.compactMap { document($0) } }
}
