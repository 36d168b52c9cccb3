/// References of a person across every note: each structural mention (attendee cells, owners, `AB:` speakers) and
/// each checkbox item they own, including items that inherit them as owner from a parent item.
public enum PersonReferences {
  /// Every place `person` is named or owns an item, sorted by URI and position. Mentions whose token could name
  /// several people are included when `person` is one of them (references may over-report; rename never does).
  public static func find(_ person: PersonID, in workspace: NotesWorkspace) -> [NoteLocation] {
    var result: [NoteLocation] = []
    let cache = PersonLookupCache()
    let filter = workspace.person(person).map(TokenFilter.init)
    for document in workspace.heldDocuments {
      result.append(contentsOf: find(person, in: document, workspace: workspace, cache: cache, filter: filter))
    }
    return result
  }

  /// The spellings a person goes by, to skip at once the tokens that cannot name them (most of a workspace's).
  public struct TokenFilter: Sendable {
    var initials: Set<String>
    var handles: Set<String>
    var nameWords: Set<String>

    public init(_ person: Person) {
      initials = Set(person.initials.compactMap { NameMatching.initialsKey($0) ?? $0.uppercased() })
      handles = Set(person.handles.compactMap { NameMatching.handleKey($0) })
      nameWords = Set(person.names.flatMap { NameMatching.tokens($0) })
    }

    /// False only when the token cannot name the person.
    public func mayName(kind: OwnerKind, text: String) -> Bool {
      switch kind {
      case .initials, .malformedInitials: return initials.contains(NameMatching.initialsKey(text) ?? text.uppercased())
      case .handle: return handles.contains(NameMatching.handleKey(text) ?? text.lowercased())
      case .name:
        if let handle = NameMatching.handleKey(text), handles.contains(handle) { return true }
        return NameMatching.tokens(text).contains { nameWords.contains($0) }
      case .placeholder: return false
      }
    }
  }

  /// The references to `person` inside one note.
  public static func find(
    _ person: PersonID, in document: NoteDocument, workspace: NotesWorkspace,
    cache: PersonLookupCache = PersonLookupCache(), filter: TokenFilter? = nil
  ) -> [NoteLocation] {
    var resolver = PersonResolver(workspace: workspace, document: document, cache: cache)
    func names(_ kind: OwnerKind, _ text: String) -> Bool {
      if let filter, !filter.mayName(kind: kind, text: text) { return false }
      return resolver.candidates(kind: kind, text: text).contains(person)
    }
    var ranges = Set<TextRange>()
    for mention in document.mentions where mention.kind != .placeholder {
      if names(mention.kind, mention.text) { ranges.insert(mention.range) }
    }
    for (index, item) in document.items.enumerated()
    where (item.checkbox != nil || item.isTask) && !item.isEmptyTemplate {
      if item.owners.isEmpty {
        // Inherited owner: the item itself is the reference.
        let owners = document.effectiveOwners(ofItem: index)
        if owners.contains(where: { names($0.kind, $0.text) }) {
          ranges.insert(item.content.range)
        }
      } else {
        for owner in item.owners where names(owner.kind, owner.text) {
          ranges.insert(owner.range)
        }
      }
    }
    return ranges.sorted().map { NoteLocation(uri: document.uri, range: $0) }
  }

  /// References of whoever stands at `utf8Offset` in `document` (initials, a handle, a name or an attendee row);
  /// nil when nobody known is there.
  public static func find(
    at utf8Offset: Int, in document: NoteDocument, workspace: NotesWorkspace, includeDeclaration: Bool = true
  ) -> [NoteLocation]? {
    guard let person = CrossMeetingCursor.person(in: document, at: utf8Offset, workspace: workspace) else { return nil }
    var locations = find(person.id, in: workspace)
    if workspace.document(document.uri) == nil {
      // The note is not held (not yet indexed): search it too.
      locations.append(contentsOf: find(person.id, in: document, workspace: workspace))
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

  /// The open checkbox items and open tasks `person` owns (their own owner or inherited) in `document`: index into `items`.
  public static func openItems(of person: PersonID, in document: NoteDocument, workspace: NotesWorkspace) -> [Int] {
    var resolver = PersonResolver(workspace: workspace, document: document)
    var result: [Int] = []
    // A task is a task everywhere (issue 11): a `TODO:` line or an `Action items` bullet is open until removed.
    for (index, item) in document.items.enumerated() where (item.isOpen || item.isOpenTask) && !item.isEmptyTemplate {
      let owners = document.effectiveOwners(ofItem: index)
      if owners.contains(where: { resolver.candidates(kind: $0.kind, text: $0.text).contains(person) }) {
        result.append(index)
      }
    }
    return result
  }
}
