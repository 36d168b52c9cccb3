/// Hover cards for people and CFEP/CEP references.
public enum HoverFeature {
  /// The card for what lies under `utf8Offset`, or nil.
  /// `directory` is the workspace's people computed once (see `PeopleDirectory`); nil looks them up in the workspace.
  public static func hover(
    in workspace: NotesWorkspace, document: NoteDocument, at utf8Offset: Int, directory: PeopleDirectory? = nil
  ) -> HoverCard? {
    if let reference = document.proposalReferences.first(where: { $0.range.touches(utf8Offset) }) {
      guard let proposal = workspace.proposal(reference.kind, reference.number) else {
        let name = ProposalLinks.name(reference.kind, reference.number)
        return HoverCard(
          range: reference.range,
          markdown: "**\(name)**\n\nNot in the configured \(reference.kind.rawValue) registry.")
      }
      return HoverCard(
        range: reference.range, markdown: ProposalCard.markdown(proposal, statedTitle: reference.statedTitle?.text))
    }
    let source = PeopleSource(workspace: workspace, directory: directory)
    guard let found = PersonLookup.person(at: utf8Offset, in: document, workspace: source) else { return nil }
    if found.people.isEmpty {
      if let attendee = found.attendee {
        return HoverCard(range: found.range, markdown: PersonCard.markdown(attendee: attendee))
      }
      return HoverCard(range: found.range, markdown: "`\(found.text)`: no one in the workspace is known by this.")
    }
    if found.people.count > 1 {
      var lines = ["`\(found.text)` is ambiguous: \(found.people.count) people are known by it.", ""]
      for person in found.people.prefix(6) { lines.append("- " + PersonCard.summaryLine(person)) }
      return HoverCard(range: found.range, markdown: lines.joined(separator: "\n"))
    }
    let person = found.people[0]
    return HoverCard(
      range: found.range,
      markdown: PersonCard.markdown(person, openItems: openItems(of: person, document: document, workspace: workspace)))
  }

  /// Open items the person owns in this note and in the previous meeting of its series.
  ///
  /// NOTE: Open items are carried forward from meeting to meeting, so this note and the one before it hold what a
  /// person still owes; scanning every note of a large workspace on each hover would break the latency budget.
  static func openItems(of person: Person, document: NoteDocument, workspace: NotesWorkspace) -> [String] {
    var result: [String] = []
    var seen: Set<String> = []
    var notes = [document]
    if let previous = workspace.previousMeeting(of: document.uri) { notes.append(previous) }
    let keys = OwnerKeys(person)
    for note in notes {
      // One pass: the owners in force on each item (its own, else its parent's).
      let items = note.items
      let date = note.meetingDate.map { " (\($0))" } ?? ""
      var ownerSource = [Int](repeating: -1, count: items.count)
      var matchesOwner = [Bool](repeating: false, count: items.count)
      for index in items.indices {
        if !items[index].owners.isEmpty {
          ownerSource[index] = index
          matchesOwner[index] = items[index].owners.contains(where: keys.matches)
        } else if let parent = items[index].parent, parent >= 0, parent < index {
          ownerSource[index] = ownerSource[parent]
        }
        let source = ownerSource[index]
        guard source >= 0, matchesOwner[source], items[index].checkbox?.state == .open else { continue }
        let text = items[index].content.text
        guard seen.insert(text).inserted else { continue }
        result.append(text + date)
      }
    }
    return result
  }
}

/// A person's initials, handles and names, normalised once, to match many owners quickly.
struct OwnerKeys {
  var initials: [String]
  var handles: [String]
  var names: [String]

  init(_ person: Person) {
    initials = Array(Set(person.initials.map { $0.uppercased() }))
    handles = Array(Set(person.handles.map { $0.lowercased() }))
    names = person.names.map { $0.lowercased() }
  }

  func matches(_ owner: Owner) -> Bool {
    switch owner.kind {
    case .initials, .malformedInitials:
      if initials.contains(owner.text) { return true }
      let cleaned = String(owner.text.unicodeScalars.filter { $0.properties.isAlphabetic }).uppercased()
      return initials.contains(cleaned)
    case .handle:
      let text = owner.text.hasPrefix("@") ? owner.text.dropFirst() : Substring(owner.text)
      return handles.contains(text.lowercased())
    case .name:
      let lower = owner.text.lowercased()
      return names.contains { $0 == lower || $0.hasPrefix(lower + " ") }
    case .placeholder:
      return false
    }
  }
}

/// The Markdown of a person card.
enum PersonCard {
  static func markdown(_ person: Person, openItems: [String]) -> String {
    var lines = [headline(person)]
    var facts: [String] = []
    if person.initials.count > 1 {
      facts.append("Also written: " + person.initials.dropFirst().joined(separator: ", "))
    }
    if person.names.count > 1 {
      facts.append("Also named: " + person.names.dropFirst().prefix(3).joined(separator: ", "))
    }
    if !facts.isEmpty {
      lines.append("")
      lines.append(contentsOf: facts)
    }
    lines.append("")
    lines.append(attendanceLine(person))
    if !openItems.isEmpty {
      lines.append("")
      lines.append("Open items (\(openItems.count)):")
      for item in openItems.prefix(10) { lines.append("- [ ] " + item) }
      if openItems.count > 10 { lines.append("- … and \(openItems.count - 10) more") }
    }
    return lines.joined(separator: "\n")
  }

  /// `**Name** · `INI` · [@handle](…) · Affiliation`.
  static func headline(_ person: Person) -> String {
    var parts = ["**\(person.names.first ?? person.displayName)**"]
    if let initials = person.initials.first { parts.append("`\(initials)`") }
    if let handle = person.handles.first { parts.append("[@\(handle)](https://github.com/\(handle))") }
    if let affiliation = person.affiliations.first, !affiliation.isEmpty { parts.append(affiliation) }
    return parts.joined(separator: " · ")
  }

  static func attendanceLine(_ person: Person) -> String {
    let dates = person.attendance.compactMap(\.date).sorted()
    let count = person.attendance.count
    if count == 0 {
      return person.rosterEntries.isEmpty ? "No meetings attended." : "In the roster; no meetings attended."
    }
    let noun = count == 1 ? "meeting" : "meetings"
    guard let first = dates.first, let last = dates.last else { return "Attended \(count) \(noun)." }
    return count == 1 ? "Attended 1 meeting: \(first)." : "Attended \(count) \(noun): first \(first), last \(last)."
  }

  /// One line for lists.
  static func summaryLine(_ person: Person) -> String {
    headline(person) + " — " + attendanceLine(person)
  }

  /// Documentation of a completion item.
  static func summary(_ person: Person) -> String {
    headline(person) + "\n\n" + attendanceLine(person)
  }

  /// A card from a note's own attendee row, for someone the workspace does not know.
  static func markdown(attendee: Attendee) -> String {
    var parts = ["**\(attendee.name?.text ?? attendee.github?.text ?? attendee.initials?.text ?? "?")**"]
    if let initials = attendee.initials?.text { parts.append("`\(initials)`") }
    if let handle = attendee.github?.text { parts.append("@" + handle) }
    if let affiliation = attendee.affiliation?.text { parts.append(affiliation) }
    return parts.joined(separator: " · ")
  }
}

/// The Markdown of a CFEP/CEP card.
enum ProposalCard {
  static func markdown(_ proposal: Proposal, statedTitle: String?) -> String {
    let name = ProposalLinks.name(proposal.kind, proposal.number)
    var lines = [
      "**\(name)**: \(proposal.title)", "", "Status: \(proposal.status)", "",
      "[\(name) on GitHub](\(ProposalLinks.url(proposal.kind, proposal.number)))",
    ]
    if let statedTitle, !titlesAgree(statedTitle, proposal.title) {
      lines.append("")
      lines.append("⚠️ This note calls it “\(statedTitle)”, but the registry's title is “\(proposal.title)”.")
    }
    return lines.joined(separator: "\n")
  }

  /// Titles agree when one's words are contained in the other's, ignoring case and punctuation.
  static func titlesAgree(_ a: String, _ b: String) -> Bool {
    func words(_ s: String) -> [String] {
      s.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }
    let x = words(a)
    let y = words(b)
    if x.isEmpty || y.isEmpty { return true }
    let xs = Set(x)
    let ys = Set(y)
    let common = xs.intersection(ys).count
    return Double(common) >= 0.6 * Double(min(xs.count, ys.count))
  }
}
