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
    guard let mention = PersonMention.at(utf8Offset, in: document), mention.kind == .initials,
      document.mentions.contains(where: { $0.range == mention.range }) || mention.item != nil
    else {
      throw CrossMeetingError(
        "Only initials (an Initials cell, an owner such as `(JK)` or a `JK:` prefix) can be renamed.")
    }
    var resolver = PersonResolver(workspace: workspace, document: document)
    switch resolver.resolve(kind: .initials, text: mention.text, item: mention.item) {
    case .one(let id):
      return Target(range: mention.range, initials: mention.text, person: id)
    case .unknown:
      throw CrossMeetingError("No one in the workspace is known by \(mention.text).")
    case .ambiguous(let ids):
      let names = ids.compactMap { workspace.person($0)?.displayName }.joined(separator: ", ")
      throw CrossMeetingError("\(mention.text) is ambiguous here (\(names)); rename it where it names one person.")
    }
  }

  /// Whether a mention is one of the old initials: `JK` as initials anywhere structural, and — NOTE — a malformed
  /// `JK.` / `jk` in an Initials cell or an owner, so that after the rename nobody is known by the old initials (the
  /// malformed spelling is fixed on the way).
  static func isRenamed(_ mention: PersonMention, oldKey: String) -> Bool {
    isRenamed(kind: mention.kind, role: mention.role, text: mention.text, oldKey: oldKey)
  }

  /// `isRenamed(_:oldKey:)` of a mention's parts.
  static func isRenamed(kind: OwnerKind, role: MentionRole, text: String, oldKey: String) -> Bool {
    switch kind {
    case .initials: return text.uppercased() == oldKey
    case .malformedInitials:
      guard role == .attendee(.initials) || role == .owner || role == .speaker else { return false }
      return NameMatching.initialsKey(text) == oldKey
    default: return false
    }
  }

  /// Whether `text` can be initials: 2–4 capital letters A–Z.
  public static func isValidInitials(_ text: String) -> Bool {
    let scalars = text.unicodeScalars
    return (2...4).contains(scalars.count) && scalars.allSatisfy { ("A"..."Z").contains($0) }
  }

  /// The edits inside one note.
  public static func noteEdits(
    in document: NoteDocument, renaming target: Target, to newName: String, workspace: NotesWorkspace
  ) -> [NoteTextEdit] {
    var resolver = PersonResolver(workspace: workspace, document: document)
    let oldKey = target.initials.uppercased()
    var seen = Set<TextRange>()
    var edits: [NoteTextEdit] = []
    for mention in document.mentions where isRenamed(mention, oldKey: oldKey) {
      guard resolver.resolve(mention) == .one(target.person), !seen.contains(mention.range) else { continue }
      // NOTE: the edit covers exactly the token; surrounding `(`, `/`, `:` and table padding stay as written.
      guard document.source.text(in: mention.range) == mention.text else { continue }
      seen.insert(mention.range)
      edits.append(NoteTextEdit(uri: document.uri, range: mention.range, newText: newName))
    }
    return edits.sorted { $0.range < $1.range }
  }
}
