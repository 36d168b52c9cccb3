/// The one place where the workspace views (`OpenItemsQuery`, `PeopleQuery`) ask who a token names. It asks the
/// workspace's one resolver: `PersonResolver` for a token in a note, its workspace-level lookup
/// (`NotesWorkspace.personCandidates`, which the resolver narrows) for a WHO typed on the command line.
public enum PersonQueryResolution {
  /// The people an item's owner token names, read in the light of the note that holds it (its attendees, the meeting
  /// a carried item came from, who attended nearest to it): one person, or the candidates when still ambiguous.
  static func owner(kind: OwnerKind, text: String, item: Int?, resolver: inout PersonResolver) -> [PersonID] {
    resolver.resolve(kind: kind, text: text, item: item).candidates
  }

  /// The people a WHO names: initials (`JK`), a handle (`jakirkham`, `@jakirkham`) or a name (`John Kirkham`, `John`).
  /// More than one: the WHO is ambiguous (shared initials); none: nobody is known by it.
  ///
  /// NOTE: a WHO has no note to be read in, so it names everyone the workspace knows by it (as `@JK` in the workspace
  /// symbols); items are then matched by the people their owners resolve to in their own notes.
  public static func people(named who: String, in workspace: NotesWorkspace) -> [PersonID] {
    var text = ItemText.trimmed(who)
    guard !text.isEmpty else { return [] }
    if text.hasPrefix("@") {
      text.removeFirst()
      return workspace.personCandidates(kind: .handle, text: text)
    }
    if NameMatching.isWellFormedInitials(text), text.uppercased() == text {
      let found = workspace.personCandidates(kind: .initials, text: text)
      if !found.isEmpty { return found }
    }
    // NOTE: a single lower-case word is a handle first (`jakirkham`), then a name (`john`); several words are a name.
    let byHandle = text.contains(" ") ? [] : workspace.personCandidates(kind: .handle, text: text)
    if !byHandle.isEmpty { return byHandle }
    let byName = workspace.personCandidates(kind: .name, text: text)
    if !byName.isEmpty { return byName }
    return NameMatching.initialsKey(text) == nil ? [] : workspace.personCandidates(kind: .initials, text: text)
  }
}
