/// The one place where the workspace views (`OpenItemsQuery`, `PeopleQuery`) ask who a token names.
///
/// NOTE: the views call no other people lookup: when the workspace gets a single person resolver, only this file
/// changes. Owners are read as `PersonResolver` reads them (references, rename, symbols: the note's own attendee list
/// settles ambiguous initials); a WHO typed on the command line is read as hover reads a token (`PersonLookup`).
public enum PersonQueryResolution {
  /// The people an item's owner token names, read in the light of the note that holds it.
  static func owner(
    kind: OwnerKind, text: String, in document: NoteDocument, workspace: NotesWorkspace, cache: PersonLookupCache
  ) -> [PersonID] {
    var resolver = PersonResolver(workspace: workspace, document: document, cache: cache)
    return resolver.candidates(kind: kind, text: text)
  }

  /// The people a WHO names: initials (`JK`), a handle (`jakirkham`, `@jakirkham`) or a name (`John Kirkham`, `John`).
  /// More than one: the WHO is ambiguous (shared initials); none: nobody is known by it.
  public static func people(named who: String, in workspace: NotesWorkspace) -> [PersonID] {
    let text = ItemText.trimmed(who)
    guard !text.isEmpty else { return [] }
    let source = PeopleSource(workspace: workspace, directory: nil)
    if text.hasPrefix("@") { return PersonLookup.people(kind: .handle, text: text, in: source).map(\.id) }
    if NameMatching.isWellFormedInitials(text), text.uppercased() == text {
      let found = PersonLookup.people(kind: .initials, text: text, in: source)
      if !found.isEmpty { return found.map(\.id) }
    }
    // NOTE: a single lower-case word is a handle first (`jakirkham`), then a name (`john`); several words are a name.
    let byHandle = text.contains(" ") ? [] : PersonLookup.people(kind: .handle, text: text, in: source)
    if !byHandle.isEmpty { return byHandle.map(\.id) }
    let byName = PersonLookup.people(kind: .name, text: text, in: source)
    if !byName.isEmpty { return byName.map(\.id) }
    return NameMatching.initialsKey(text) == nil
      ? [] : PersonLookup.people(kind: .initials, text: text, in: source).map(\.id)
  }
}
