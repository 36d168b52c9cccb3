/// Go to definition: previous meetings, people and CFEP/CEP documents.
public enum DefinitionFeature {
  /// Where what lies under `utf8Offset` is defined, best first; empty when nothing is.
  public static func definition(
    in workspace: NotesWorkspace, document: NoteDocument, at utf8Offset: Int, directory: PeopleDirectory? = nil
  ) -> [NoteTarget] {
    // A previous-meeting link or mention, even one pointing at HackMD or a placeholder: the previous note here.
    // NOTE: navigation goes to the preceding note of the series (`NotesWorkspace.precedingMeeting`) even across a gap:
    // it is where the reader wants to go; only comparisons of items stop at a gap.
    if document.previousMeetingLinks.contains(where: {
      $0.range.touches(utf8Offset) || ($0.target?.range.touches(utf8Offset) ?? false)
    }) {
      guard let uri = workspace.precedingMeeting(of: document)?.uri, let previous = workspace.document(uri) else {
        return []
      }
      return [.note(uri: previous.uri, range: previous.title?.range ?? TextRange(utf8Start: 0, utf8End: 0))]
    }
    if let reference = document.proposalReferences.first(where: { $0.range.touches(utf8Offset) }) {
      return proposalDocuments(reference.kind, reference.number, in: workspace)
    }
    var resolver = PersonResolver(workspace: workspace, document: document)
    guard let (_, resolution) = resolver.resolve(at: utf8Offset) else { return [] }
    return personTargets(resolution.candidates, document: document, resolver: &resolver)
  }

  /// For each person: the attendee row listing them in this note, else their most recent attendee row elsewhere,
  /// else a roster line.
  static func personTargets(_ people: [PersonID], document: NoteDocument, resolver: inout PersonResolver)
    -> [NoteTarget]
  {
    let workspace = resolver.workspace
    let entries = document.attendees?.entries ?? []
    var targets: [NoteTarget] = []
    for id in people {
      guard let person = workspace.person(id) else { continue }
      if let row = entries.first(where: { resolver.resolve(attendee: $0) == .one(id) }) {
        targets.append(.note(uri: document.uri, range: row.range))
        continue
      }
      let latest = person.attendance.filter { $0.uri != document.uri }.max { a, b in
        switch (a.date, b.date) {
        case (let x?, let y?): return x < y
        case (nil, _?): return true
        default: return false
        }
      }
      if let latest {
        targets.append(.note(uri: latest.uri, range: latest.range))
      } else if let roster = person.rosterEntries.first {
        targets.append(.line(uri: roster.roster, line: roster.line))
      }
    }
    return targets
  }

  /// Documents named after the proposal (`cfep-05.md`, `cep-0017.md`) that the workspace holds.
  static func proposalDocuments(_ kind: ProposalKind, _ number: Int, in workspace: NotesWorkspace) -> [NoteTarget] {
    let names = ProposalLinks.fileNames(kind, number)
    return workspace.uris.filter { uri in
      guard let slash = uri.lastIndex(of: "/") else { return names.contains(uri.lowercased()) }
      return names.contains(uri[uri.index(after: slash)...].lowercased())
    }.map { .note(uri: $0, range: TextRange(utf8Start: 0, utf8End: 0)) }
  }
}
