/// References of a person across every note: each structural mention (attendee cells, owners, `AB:` speakers) and
/// each checkbox item they own, including items that inherit them as owner from a parent item. A mention counts
/// when `PersonResolver` settles it to that person (never when it is ambiguous).
public enum PersonReferences {
  /// The spellings a person goes by, to skip at once the tokens that cannot name them (most of a workspace's).
  public struct TokenFilter: Sendable {
    var initials: Set<String>
    var handles: Set<String>
    var nameWords: Set<String>

    public init(_ person: Person) {
      initials = Set(person.initials.compactMap { NameMatching.initialsKey($0) ?? $0.uppercased() })
      handles = Set(person.handles.compactMap { NameMatching.handleKey($0) })
      nameWords = Set(person.names.flatMap { NameMatching.tokens($0) })
      // Initials a name suggests resolve to the person when nobody writes them.
      for name in person.names { initials.formUnion(NameMatching.derivedInitials(name)) }
    }

    /// False only when the token cannot name the person.
    public func mayName(kind: OwnerKind, text: String) -> Bool {
      switch kind {
      case .initials: return initials.contains(NameMatching.initialsKey(text) ?? text.uppercased())
      case .malformedInitials:
        var core = text
        while let last = core.last, last == "?" || last == "." { core.removeLast() }
        if initials.contains(NameMatching.initialsKey(core) ?? core.uppercased()) { return true }
        return NameMatching.tokens(core).contains { nameWords.contains($0) }
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
    _ person: PersonID, in document: NoteDocument, workspace: NotesWorkspace, filter: TokenFilter? = nil
  ) -> [NoteLocation] {
    var resolver = PersonResolver(workspace: workspace, document: document)
    func may(_ kind: OwnerKind, _ text: String) -> Bool { filter?.mayName(kind: kind, text: text) ?? true }
    var ranges = Set<TextRange>()
    for mention in document.mentions where mention.kind != .placeholder {
      if case .attendee = mention.role {
        // Any cell of the person's own row is a reference, whatever the cell says.
        if resolver.resolve(mention) == .one(person) { ranges.insert(mention.range) }
        continue
      }
      if may(mention.kind, mention.text), resolver.resolve(mention) == .one(person) { ranges.insert(mention.range) }
    }
    for (index, item) in document.items.enumerated()
    where (item.checkbox != nil || item.isTask) && !item.isEmptyTemplate {
      if item.owners.isEmpty {
        // Inherited owner: the item itself is the reference.
        let owners = document.effectiveOwners(ofItem: index)
        if owners.contains(where: {
          may($0.kind, $0.text) && resolver.resolve(kind: $0.kind, text: $0.text, item: index) == .one(person)
        }) {
          ranges.insert(item.contentRange)
        }
      } else {
        for owner in item.owners
        where may(owner.kind, owner.text)
          && resolver.resolve(kind: owner.kind, text: owner.text, item: index)
            == .one(person)
        {
          ranges.insert(owner.range)
        }
      }
    }
    return ranges.sorted().map { NoteLocation(uri: document.uri, range: $0) }
  }

  /// The open checkbox items and open tasks `person` owns (their own owner or inherited) in `document`: index into `items`.
  public static func openItems(of person: PersonID, in document: NoteDocument, workspace: NotesWorkspace) -> [Int] {
    openItemsByPerson(in: document, workspace: workspace)[person] ?? []
  }

  /// `openItems(of:in:workspace:)` of every person at once, in one pass over the note's items: person → indices into
  /// `items`, in order.
  public static func openItemsByPerson(in document: NoteDocument, workspace: NotesWorkspace) -> [PersonID: [Int]] {
    var resolver = PersonResolver(workspace: workspace, document: document)
    var result: [PersonID: [Int]] = [:]
    // A task is a task everywhere (issue 11): a `TODO:` line or an `Action items` bullet is open until removed.
    for (index, item) in document.items.enumerated() where (item.isOpen || item.isOpenTask) && !item.isEmptyTemplate {
      for owner in document.effectiveOwners(ofItem: index) {
        guard case .one(let person) = resolver.resolve(kind: owner.kind, text: owner.text, item: index) else {
          continue
        }
        // Two owners naming the same person list the item once.
        if result[person]?.last != index { result[person, default: []].append(index) }
      }
    }
    return result
  }
}
