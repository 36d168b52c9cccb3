/// Hover cards for people and CFEP/CEP references.
public enum HoverFeature {
  /// The card for what lies under `utf8Offset`, or nil.
  /// `directory` is the workspace's people computed once (see `PeopleDirectory`), used when it comes from the
  /// workspace's current people join; nil assembles the person from the workspace. `openItems` gives the note's
  /// `OpenItems` for this workspace (kept from an earlier hover, say), asked only for a person's card; nil computes
  /// them.
  public static func hover(
    in workspace: NotesWorkspace, document: NoteDocument, at utf8Offset: Int, directory: PeopleDirectory? = nil,
    openItems: (() -> OpenItems)? = nil
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
    var resolver = PersonResolver(workspace: workspace, document: document)
    guard let (mention, resolution) = resolver.resolve(at: utf8Offset) else { return nil }
    switch resolution {
    case .unknown:
      if let attendee = mention.attendee {
        return HoverCard(range: mention.range, markdown: PersonCard.markdown(attendee: attendee))
      }
      // Capitals in prose that name nobody are just capitals.
      if mention.item == nil && !isStructural(mention, in: document) { return nil }
      return HoverCard(range: mention.range, markdown: "`\(mention.text)`: no one in the workspace is known by this.")
    case .ambiguous(let ids):
      let people = ids.compactMap { directory?.person($0, in: workspace) ?? workspace.person($0) }
      var lines = ["`\(mention.text)` is ambiguous: \(people.count) people are known by it.", ""]
      for person in people.prefix(6) { lines.append("- " + PersonCard.summaryLine(person)) }
      return HoverCard(range: mention.range, markdown: lines.joined(separator: "\n"))
    case .one(let id):
      // NOTE: the directory's precomputed person when it comes from the same join (a person who attended thousands
      // of meetings is costly to assemble on every hover).
      guard let person = directory?.person(id, in: workspace) ?? workspace.person(id) else { return nil }
      return HoverCard(
        range: mention.range,
        markdown: PersonCard.markdown(
          person,
          openItems: (openItems?() ?? OpenItems(document: document, workspace: workspace)).texts(
            of: id, limit: PersonCard.shownOpenItems)))
    }
  }

  /// Whether the mention is one the parser recorded (an owner or speaker), not a word found in prose.
  static func isStructural(_ mention: MentionAtPosition, in document: NoteDocument) -> Bool {
    document.mentions.contains { $0.range == mention.range }
  }

  /// The open items each person owns in a note and in the previous meeting of its series, as the resolver reads their
  /// owners (what a person card lists), found in one pass over both notes' items for everyone.
  ///
  /// NOTE: Open items are carried forward from meeting to meeting, so this note and the one before it hold what a
  /// person still owes; scanning every note of a large workspace on each hover would break the latency budget. The
  /// server keeps the last hovered note's `OpenItems` until the workspace changes, so hovering one name after another
  /// in a 10,000-line note does not scan its items again.
  public struct OpenItems: Sendable {
    /// The note, then its previous meeting (when there is one).
    let notes: [NoteDocument]
    /// For each of `notes`: person → indices into its `items`, in order.
    let owned: [[PersonID: [Int]]]

    public init(document: NoteDocument, workspace: NotesWorkspace) {
      var notes = [document]
      if let previous = workspace.previousMeeting(of: document.uri) { notes.append(previous) }
      self.notes = notes
      owned = notes.map { PersonReferences.openItemsByPerson(in: $0, workspace: workspace) }
    }

    /// How many open items `person` owns (an item carried over unchanged counts once, from this note), and the texts
    /// of the first `limit`, each dated by its note.
    func texts(of person: PersonID, limit: Int) -> (count: Int, first: [String]) {
      var seen = Set<UTF8Text>()
      var first: [String] = []
      for (note, owned) in zip(notes, owned) {
        for index in owned[person] ?? [] {
          let text = note.text(of: note.items[index])
          guard seen.insert(UTF8Text(text)).inserted, first.count < limit else { continue }
          first.append(text + (note.meetingDate.map { " (\($0))" } ?? ""))
        }
      }
      return (seen.count, first)
    }
  }

  /// A text compared and hashed by its UTF-8 bytes (no Unicode normalisation: item texts are compared as written).
  struct UTF8Text: Hashable {
    var text: String
    init(_ text: String) { self.text = text }

    static func == (a: Self, b: Self) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }

    func hash(into hasher: inout Hasher) {
      var text = text
      text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
  }
}

/// The Markdown of a person card.
enum PersonCard {
  /// How many open items a card lists (then how many more there are).
  static let shownOpenItems = 10

  /// `openItems`: how many the person owns and the first `shownOpenItems` of them.
  static func markdown(_ person: Person, openItems: (count: Int, first: [String])) -> String {
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
    if openItems.count > 0 {
      lines.append("")
      lines.append("Open items (\(openItems.count)):")
      for item in openItems.first.prefix(shownOpenItems) { lines.append("- [ ] " + item) }
      if openItems.count > shownOpenItems { lines.append("- … and \(openItems.count - shownOpenItems) more") }
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
