/// Resolves the structural mentions of a note (owners, attendee cells, `AB:` speakers) to the people of a workspace.
/// One resolver serves one note: it remembers what it resolved, so a note with many owners costs one lookup per token.
public struct PersonResolver {
  public let workspace: NotesWorkspace
  public let document: NoteDocument
  private var cache: [String: [PersonID]] = [:]
  private var attendeesHere: Set<PersonID>?

  public init(workspace: NotesWorkspace, document: NoteDocument) {
    self.workspace = workspace
    self.document = document
  }

  /// The people a token may name: initials, a handle or a name, as the parser classified it. More than one id means
  /// the token is ambiguous even with this note's own attendee list taken into account.
  public mutating func candidates(kind: OwnerKind, text: String) -> [PersonID] {
    let cacheKey = "\(kind)|\(text)"
    if let hit = cache[cacheKey] { return hit }
    var people: [Person]
    switch kind {
    case .initials, .malformedInitials:
      let key = NameMatching.initialsKey(text) ?? text.uppercased()
      people = workspace.people(withInitials: key)
    case .handle:
      people = workspace.people(withHandle: NameMatching.handleKey(text) ?? text)
    case .name:
      people = workspace.people(named: text)
      if people.isEmpty, let handle = NameMatching.handleKey(text) { people = workspace.people(withHandle: handle) }
    case .placeholder:
      people = []
    }
    var ids = people.map(\.id)
    if ids.count > 1 {
      // NOTE: an ambiguous token is read in the light of this meeting's own attendee list first.
      let here = attendeeIDs()
      let local = ids.filter { here.contains($0) }
      if !local.isEmpty { ids = local }
    }
    cache[cacheKey] = ids
    return ids
  }

  /// The one person a mention names, nil when nobody or several.
  public mutating func person(for mention: PersonMention) -> PersonID? {
    let ids = candidates(kind: mention.kind, text: mention.text)
    return ids.count == 1 ? ids[0] : nil
  }

  /// The ids of the people who attended this meeting, by the workspace's attendance records.
  public mutating func attendeeIDs() -> Set<PersonID> {
    if let attendeesHere { return attendeesHere }
    var ids = Set<PersonID>()
    for person in workspace.people where person.attendance.contains(where: { $0.uri == document.uri }) {
      ids.insert(person.id)
    }
    attendeesHere = ids
    return ids
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
    guard let entry = document.attendees?.entries.first(where: { $0.range.touches(utf8Offset) }) else { return nil }
    // The workspace records which row made someone an attendee: that is exact.
    if let person = workspace.people.first(where: { person in
      person.attendance.contains { $0.uri == document.uri && $0.range == entry.range }
    }) {
      return person
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

extension NotesWorkspace {
  /// Every note the workspace holds as a parsed document, in URI order.
  public var heldDocuments: [NoteDocument] { uris.compactMap { document($0) } }
}
