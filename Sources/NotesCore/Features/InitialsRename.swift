/// Renaming a person's initials across the workspace: attendee Initials cells, owners (`(JK)`, each part of
/// `(JK/MRB)`), `JK:` prefixes — exactly the initials mentions that resolve to that person (and their malformed
/// spellings `JK.` in those places), never prose or code.
public enum InitialsRename {
  /// What `prepareRename` answers: the initials token under the cursor and the person it names.
  public struct Target: Hashable, Sendable {
    public var range: TextRange
    public var initials: String
    public var person: PersonID
  }

  /// The initials under the cursor, when they name exactly one known person.
  public static func prepare(
    in document: NoteDocument, at utf8Offset: Int, workspace: NotesWorkspace
  ) throws(CrossMeetingError) -> Target {
    guard let mention = CrossMeetingCursor.mention(in: document, at: utf8Offset), mention.kind == .initials else {
      throw CrossMeetingError(
        "Only initials (an Initials cell, an owner such as `(JK)` or a `JK:` prefix) can be renamed.")
    }
    var resolver = PersonResolver(workspace: workspace, document: document)
    let ids = resolver.candidates(kind: .initials, text: mention.text)
    guard ids.count == 1 else {
      if ids.isEmpty { throw CrossMeetingError("No one in the workspace is known by \(mention.text).") }
      let names = ids.compactMap { workspace.person($0)?.displayName }.joined(separator: ", ")
      throw CrossMeetingError("\(mention.text) is ambiguous here (\(names)); rename it where it names one person.")
    }
    return Target(range: mention.range, initials: mention.text, person: ids[0])
  }

  /// Whether a mention is one of the old initials: `JK` as initials anywhere structural, and — NOTE — a malformed
  /// `JK.` / `jk` in an Initials cell or an owner, so that after the rename nobody is known by the old initials (the
  /// malformed spelling is fixed on the way).
  static func isRenamed(_ mention: PersonMention, oldKey: String) -> Bool {
    switch mention.kind {
    case .initials: return mention.text.uppercased() == oldKey
    case .malformedInitials:
      guard mention.role == .attendee(.initials) || mention.role == .owner || mention.role == .speaker else {
        return false
      }
      return NameMatching.initialsKey(mention.text) == oldKey
    default: return false
    }
  }

  /// Whether `text` can be initials: 2–4 capital letters A–Z.
  public static func isValidInitials(_ text: String) -> Bool {
    let scalars = text.unicodeScalars
    return (2...4).contains(scalars.count) && scalars.allSatisfy { ("A"..."Z").contains($0) }
  }

  /// The edits that rename the initials under the cursor to `newInitials` in every held note (and in `document`
  /// itself when the workspace does not hold it).
  public static func rename(
    in document: NoteDocument, at utf8Offset: Int, to newInitials: String, workspace: NotesWorkspace
  ) throws(CrossMeetingError) -> [NoteTextEdit] {
    let target = try prepare(in: document, at: utf8Offset, workspace: workspace)
    let newName = ItemText.trimmed(newInitials)
    guard isValidInitials(newName) else {
      throw CrossMeetingError("`\(newName)` is not initials: use 2–4 capital letters, such as JK or MRB.")
    }
    let others = workspace.people(withInitials: newName).filter { $0.id != target.person }
    if let other = others.first {
      throw CrossMeetingError("\(newName) already names \(other.displayName); choose other initials.")
    }
    var documents = workspace.heldDocuments
    if !documents.contains(where: { $0.uri == document.uri }) { documents.append(document) }
    var edits: [NoteTextEdit] = []
    let cache = PersonLookupCache()
    for note in documents {
      edits.append(contentsOf: noteEdits(in: note, renaming: target, to: newName, workspace: workspace, cache: cache))
    }
    return edits
  }

  /// The edits inside one note.
  public static func noteEdits(
    in document: NoteDocument, renaming target: Target, to newName: String, workspace: NotesWorkspace,
    cache: PersonLookupCache = PersonLookupCache()
  ) -> [NoteTextEdit] {
    var resolver = PersonResolver(workspace: workspace, document: document, cache: cache)
    let oldKey = target.initials.uppercased()
    var seen = Set<TextRange>()
    var edits: [NoteTextEdit] = []
    for mention in document.mentions where isRenamed(mention, oldKey: oldKey) {
      guard resolver.person(for: mention) == target.person, !seen.contains(mention.range) else { continue }
      // NOTE: the edit covers exactly the token; surrounding `(`, `/`, `:` and table padding stay as written.
      guard document.source.text(in: mention.range) == mention.text else { continue }
      seen.insert(mention.range)
      edits.append(NoteTextEdit(uri: document.uri, range: mention.range, newText: newName))
    }
    return edits.sorted { $0.range < $1.range }
  }
}
