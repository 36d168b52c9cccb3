// Finding the person (or proposal) under a cursor, shared by hover, definition and completion.

// MARK: - Byte classes

@inline(__always) func isASCIIUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
@inline(__always) func isASCIILower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
@inline(__always) func isASCIILetter(_ b: UInt8) -> Bool { isASCIIUpper(b) || isASCIILower(b) }
@inline(__always) func isASCIIDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
/// Characters of a GitHub handle.
@inline(__always) func isHandleByte(_ b: UInt8) -> Bool {
  isASCIILetter(b) || isASCIIDigit(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
}

/// What a cursor rests on, as far as people go.
struct PersonAtCursor {
  /// The word under the cursor.
  var range: TextRange
  /// Everyone the word can mean (more than one: ambiguous).
  var people: [Person]
  /// The token as written.
  var text: String
  /// The attendee entry of this note the cursor is in, if any.
  var attendee: Attendee?
}

/// Where people are looked up: a people directory computed once when there is one (fast; possibly a moment
/// stale while it is rebuilt), else the workspace itself.
struct PeopleSource {
  let workspace: NotesWorkspace
  let directory: PeopleDirectory?

  func people(withInitials initials: String) -> [Person] {
    directory?.people(withInitials: initials) ?? workspace.people(withInitials: initials)
  }

  func people(withHandle handle: String) -> [Person] {
    directory?.people(withHandle: handle) ?? workspace.people(withHandle: handle)
  }

  func people(named name: String) -> [Person] { workspace.people(named: name) }
}

enum PersonLookup {
  /// The people a token names, by what kind of token it is.
  static func people(kind: OwnerKind, text: String, in workspace: PeopleSource) -> [Person] {
    switch kind {
    case .initials, .malformedInitials:
      let cleaned = String(text.unicodeScalars.filter { $0.properties.isAlphabetic }).uppercased()
      return cleaned.isEmpty ? [] : workspace.people(withInitials: cleaned)
    case .handle:
      return workspace.people(withHandle: text.hasPrefix("@") ? String(text.dropFirst()) : text)
    case .name:
      return workspace.people(named: text)
    case .placeholder:
      return []
    }
  }

  /// The people an attendee entry names: by initials, else handle, else name.
  static func people(for attendee: Attendee, in workspace: PeopleSource) -> [Person] {
    if let initials = attendee.initials?.text, !initials.isEmpty {
      let found = people(kind: .initials, text: initials, in: workspace)
      if !found.isEmpty { return narrow(found, by: attendee) }
    }
    if let handle = attendee.github?.text, !handle.isEmpty {
      let found = workspace.people(withHandle: handle)
      if !found.isEmpty { return found }
    }
    if let name = attendee.name?.text, !name.isEmpty { return workspace.people(named: name) }
    return []
  }

  /// Of several people with the same initials, those that also share the entry's handle or name.
  static func narrow(_ people: [Person], by attendee: Attendee) -> [Person] {
    guard people.count > 1 else { return people }
    if let handle = attendee.github?.text.lowercased() {
      let match = people.filter { $0.handles.contains { $0.lowercased() == handle } }
      if !match.isEmpty { return match }
    }
    if let name = attendee.name?.text.lowercased() {
      let match = people.filter { $0.names.contains { $0.lowercased() == name } }
      if !match.isEmpty { return match }
    }
    return people
  }

  /// The person under `offset`: a structural mention, an attendee entry, an `@handle`, or a bare word of 2–4 capitals
  /// that someone in the workspace is known by.
  static func person(at offset: Int, in document: NoteDocument, workspace: PeopleSource) -> PersonAtCursor? {
    let attendee = document.attendees?.entries.first { $0.range.touches(offset) }
    if let mention = document.mentions.first(where: { $0.range.touches(offset) && $0.kind != .placeholder }) {
      var found = people(kind: mention.kind, text: mention.text, in: workspace)
      if let attendee, mention.role != .owner && mention.role != .speaker {
        let byEntry = people(for: attendee, in: workspace)
        if !byEntry.isEmpty { found = byEntry }
      }
      return PersonAtCursor(range: mention.range, people: found, text: mention.text, attendee: attendee)
    }
    // Owners on items, in case the parser recorded them on the item but not as a mention.
    for item in document.items where item.range.touches(offset) {
      for owner in item.owners where owner.range.touches(offset) && owner.kind != .placeholder {
        return PersonAtCursor(
          range: owner.range, people: people(kind: owner.kind, text: owner.text, in: workspace), text: owner.text,
          attendee: attendee)
      }
    }
    if let attendee {
      let spans = [attendee.name, attendee.initials, attendee.github, attendee.affiliation].compactMap { $0 }
      if let span = spans.first(where: { $0.range.touches(offset) }), span != attendee.affiliation {
        return PersonAtCursor(
          range: span.range, people: people(for: attendee, in: workspace), text: span.text, attendee: attendee)
      }
    }
    return rawWord(at: offset, in: document, workspace: workspace, attendee: attendee)
  }

  /// `@handle` or a word of 2–4 capital letters under the cursor.
  static func rawWord(
    at offset: Int, in document: NoteDocument, workspace: PeopleSource, attendee: Attendee?
  ) -> PersonAtCursor? {
    let bytes = document.source.bytes
    let line = document.source.contentRange(ofLine: document.source.line(containingUTF8Offset: offset))
    let cursor = min(max(offset, line.utf8Start), line.utf8End)
    var start = cursor
    while start > line.utf8Start && isHandleByte(bytes[start - 1]) { start -= 1 }
    var end = cursor
    while end < line.utf8End && isHandleByte(bytes[end]) { end += 1 }
    guard start < end else { return nil }
    let range = TextRange(utf8Start: start, utf8End: end)
    let word = document.source.text(in: range)
    if start > line.utf8Start && bytes[start - 1] == UInt8(ascii: "@") {
      let found = workspace.people(withHandle: word)
      guard !found.isEmpty else { return nil }
      return PersonAtCursor(
        range: TextRange(utf8Start: start - 1, utf8End: end), people: found, text: "@" + word, attendee: attendee)
    }
    let isInitials = (2...4).contains(end - start) && bytes[start..<end].allSatisfy(isASCIIUpper)
    guard isInitials else { return nil }
    let found = workspace.people(withInitials: word)
    guard !found.isEmpty else { return nil }
    return PersonAtCursor(range: range, people: found, text: word, attendee: attendee)
  }

  /// Whether `owner` names `person`.
  static func owner(_ owner: Owner, names person: Person) -> Bool {
    let text = owner.text.hasPrefix("@") ? String(owner.text.dropFirst()) : owner.text
    switch owner.kind {
    case .initials, .malformedInitials:
      let cleaned = String(text.unicodeScalars.filter { $0.properties.isAlphabetic }).uppercased()
      return person.initials.contains { $0.uppercased() == cleaned }
    case .handle:
      return person.handles.contains { $0.lowercased() == text.lowercased() }
    case .name:
      let lower = text.lowercased()
      return person.names.contains { name in
        let n = name.lowercased()
        return n == lower || n.hasPrefix(lower + " ")
      }
    case .placeholder:
      return false
    }
  }

  /// The most recent meeting date a person attended.
  static func lastAttended(_ person: Person) -> MeetingDate? {
    person.attendance.lazy.compactMap(\.date).max()
  }
}

// MARK: - Proposals

enum ProposalLinks {
  /// The proposal's canonical document on GitHub.
  static func url(_ kind: ProposalKind, _ number: Int) -> String {
    switch kind {
    case .cfep: return "https://github.com/conda-forge/cfep/blob/main/cfep-\(pad(number, 2)).md"
    case .cep: return "https://github.com/conda/ceps/blob/main/cep-\(pad(number, 4)).md"
    }
  }

  static func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }

  /// The usual name of a proposal, e.g. `CFEP-05`, `CEP 17`.
  static func name(_ kind: ProposalKind, _ number: Int) -> String {
    switch kind {
    case .cfep: return "CFEP-\(pad(number, 2))"
    case .cep: return "CEP \(number)"
    }
  }

  /// File names a proposal's document goes by: `cfep-05.md`, `cfep-5.md`, `cep-0017.md`, `cep-17.md`.
  static func fileNames(_ kind: ProposalKind, _ number: Int) -> Set<String> {
    let stem = kind == .cfep ? "cfep-" : "cep-"
    var names: Set<String> = []
    for width in [1, 2, 3, 4] { names.insert(stem + pad(number, width) + ".md") }
    return names
  }
}
