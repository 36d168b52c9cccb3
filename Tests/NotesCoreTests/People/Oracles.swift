import Foundation

@testable import NotesCore

// The uncached reference implementations of references, rename and workspace symbols: they visit every note and
// resolve every mention, with no postings and no cache. Production answers come from `CrossMeetingIndex`; the
// equality tests hold it to these oracles.

extension PersonReferences {
  /// Every place `person` is named or owns an item, in every held note.
  static func find(_ person: PersonID, in workspace: NotesWorkspace) -> [NoteLocation] {
    var result: [NoteLocation] = []
    for document in workspace.heldDocuments {
      result.append(contentsOf: find(person, in: document, workspace: workspace))
    }
    return result
  }

  /// References of whoever stands at `utf8Offset`, visiting every note.
  static func find(
    at utf8Offset: Int, in document: NoteDocument, workspace: NotesWorkspace, includeDeclaration: Bool = true
  ) -> [NoteLocation]? {
    var resolver = PersonResolver(workspace: workspace, document: document)
    guard let id = resolver.resolve(at: utf8Offset)?.resolution.person, let person = workspace.person(id) else {
      return nil
    }
    var locations = find(id, in: workspace)
    if workspace.document(document.uri) == nil {
      locations.append(contentsOf: find(id, in: document, workspace: workspace))
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
}

extension InitialsRename {
  /// The edits that rename the initials under the cursor to `newInitials` in every held note (and in `document`
  /// itself when the workspace does not hold it).
  static func rename(
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
    for note in documents {
      edits.append(contentsOf: noteEdits(in: note, renaming: target, to: newName, workspace: workspace))
    }
    return edits
  }

}

extension WorkspaceSymbols {
  static func search(_ query: String, in workspace: NotesWorkspace, limit: Int = 1000) -> [NoteSymbol] {
    let trimmed = ItemText.trimmed(query)
    if trimmed.hasPrefix("@") {
      let token = String(trimmed.dropFirst())
      guard !token.isEmpty else { return Array(people(in: workspace).prefix(limit)) }
      let ids = queriedPeople(token, in: workspace)
      guard !ids.isEmpty else { return [] }
      return openItems(in: workspace, ownedBy: ids).prefix(limit).map { prefixed($0, "@\(token)") }
    }
    if trimmed.lowercased().hasPrefix("open:") {
      let rest = ItemText.trimmed(String(trimmed.dropFirst(5)))
      return rank(openItems(in: workspace, ownedBy: nil), query: rest, limit: limit).map { prefixed($0, "open:") }
    }
    let all = meetings(in: workspace) + people(in: workspace) + openItems(in: workspace, ownedBy: nil)
    return rank(all, query: trimmed, limit: limit)
  }

  /// The open items of the workspace (see the type's NOTE), optionally only those owned by some of `owners`.
  static func openItems(in workspace: NotesWorkspace, ownedBy owners: Set<PersonID>?) -> [NoteSymbol] {
    // Notes in series order so that the latest sighting of an item wins.
    let documents = workspace.heldDocuments.sorted { a, b in
      let da = a.meetingDate ?? MeetingDate(year: 0, month: 0, day: 0)
      let db = b.meetingDate ?? MeetingDate(year: 0, month: 0, day: 0)
      return (da, a.uri) < (db, b.uri)
    }
    var latest: [String: (order: Int, symbol: NoteSymbol?)] = [:]
    var order = 0
    for document in documents {
      let series = workspace.summary(document.uri)?.seriesKey ?? document.uri
      var resolver = PersonResolver(workspace: workspace, document: document)
      let meeting = document.meetingDate.map(\.description) ?? document.fileName
      // A task is a task everywhere (issue 11): `TODO:` lines and `Action items` bullets are open items too.
      for (index, item) in document.items.enumerated()
      where (item.checkbox != nil || item.isTask) && !item.isEmptyTemplate {
        let key = series + "\u{0}" + String(quickKey(item, in: document))
        order += 1
        guard item.isOpen || item.isOpenTask else {
          if item.checkbox?.state == .done { latest[key] = (order, nil) }
          continue
        }
        let itemOwners = document.effectiveOwners(ofItem: index)
        if let owners {
          let match = itemOwners.contains { owner in
            resolver.resolve(kind: owner.kind, text: owner.text, item: index).person.map(owners.contains) ?? false
          }
          if !match { continue }
        }
        let ownerText = itemOwners.map(\.text).joined(separator: "/")
        let detail = ownerText.isEmpty ? meeting : "\(ownerText) · \(meeting)"
        let symbol = NoteSymbol(
          name: ItemText.trimmed(document.text(of: item)), kind: .actionItem, detail: detail,
          location: NoteLocation(uri: document.uri, range: item.range))
        latest[key] = (order, symbol)
      }
    }
    return latest.values.sorted { $0.order > $1.order }.compactMap(\.symbol)
  }

}
