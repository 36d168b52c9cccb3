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
    let source = PeopleSource(workspace: workspace, directory: directory)
    guard let found = PersonLookup.person(at: utf8Offset, in: document, workspace: source) else { return [] }
    return personTargets(found, document: document, workspace: source)
  }

  /// The attendee row defining the person in this note, else the most recent note listing them, else a roster line.
  static func personTargets(_ found: PersonAtCursor, document: NoteDocument, workspace: PeopleSource)
    -> [NoteTarget]
  {
    let entries = document.attendees?.entries ?? []
    // This note's own row: by the token itself, or by anyone the token means.
    let token = found.text.hasPrefix("@") ? String(found.text.dropFirst()) : found.text
    if let row = entries.first(where: { entry in
      entry.initials?.text.uppercased() == token.uppercased() || entry.github?.text.lowercased() == token.lowercased()
    }) {
      return [.note(uri: document.uri, range: row.range)]
    }
    var targets: [NoteTarget] = []
    for person in found.people {
      if let row = entries.first(where: { entry in
        !PersonLookup.people(for: entry, in: workspace).filter { $0.id == person.id }.isEmpty
      }) {
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
