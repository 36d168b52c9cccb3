/// What the workspace keeps of a note it indexed without its text: enough for people, series and carried-over items.
public struct NoteSummary: Hashable, Sendable {
  public var uri: String
  public var fileName: String
  public var folder: String
  public var isMeetingNote: Bool
  /// The meeting's date (title, else file name, else front matter).
  public var date: MeetingDate?
  /// The title H1's text.
  public var title: String?
  /// The series this note belongs to (nil for an undated note or one that is not a meeting note). See `SeriesRules`.
  public var seriesKey: String?
  /// The title's pattern (`SeriesRules.titlePattern`): which series of the folder the note belongs to.
  public var titlePattern: String
  /// Meetings the note names as previous ones (`SeriesRules.namedPreviousDates`).
  public var namedPreviousDates: [MeetingDate]
  /// Its previous-meeting links' targets (URLs), as written.
  public var previousLinkTargets: [String]
  /// The people of the attendee list, as written.
  public var attendees: [AttendeeSummary]
  /// The checkbox items (and plain bullets of `Action items` sections) of the action-tracking sections: new action
  /// items and carry-over lists.
  public var trackedItems: [TrackedItem]

  public init(
    uri: String, fileName: String, folder: String, isMeetingNote: Bool, date: MeetingDate?, title: String?,
    seriesKey: String?, titlePattern: String = "", namedPreviousDates: [MeetingDate] = [],
    previousLinkTargets: [String] = [], attendees: [AttendeeSummary], trackedItems: [TrackedItem]
  ) {
    self.titlePattern = titlePattern
    self.namedPreviousDates = namedPreviousDates
    self.previousLinkTargets = previousLinkTargets
    self.uri = uri
    self.fileName = fileName
    self.folder = folder
    self.isMeetingNote = isMeetingNote
    self.date = date
    self.title = title
    self.seriesKey = seriesKey
    self.attendees = attendees
    self.trackedItems = trackedItems
  }

  /// The tracked items still open (`[ ]`).
  public var openItems: [TrackedItem] { trackedItems.filter { $0.state == .open } }

  /// Summarises a parsed note.
  public init(_ document: NoteDocument) {
    uri = document.uri
    fileName = document.fileName
    folder = document.folder
    isMeetingNote = document.isMeetingNote
    date = document.meetingDate
    title = document.title?.text
    seriesKey = SeriesRules.seriesKey(of: document)
    titlePattern = SeriesRules.titlePattern(document.title?.text)
    namedPreviousDates = SeriesRules.namedPreviousDates(in: document)
    previousLinkTargets = document.previousMeetingLinks.compactMap { $0.isPlaceholder ? nil : $0.target?.text }
    attendees = (document.attendees?.entries ?? []).map(AttendeeSummary.init)
    trackedItems = TrackedItem.items(of: document)
  }
}

/// One attendee entry as written (blank cells are nil).
public struct AttendeeSummary: Hashable, Sendable {
  public var identity: PersonIdentity
  /// The row or list item.
  public var range: TextRange

  public init(identity: PersonIdentity, range: TextRange) {
    self.identity = identity
    self.range = range
  }

  init(_ attendee: Attendee) {
    identity = PersonIdentity(attendee)
    range = attendee.range
  }
}

/// The fields one attendee entry gives of a person, trimmed; empty strings for cells not given.
public struct PersonIdentity: Hashable, Sendable, Comparable {
  public let name: String
  public let initials: String
  public let handle: String
  public let affiliation: String
  /// The FNV-1a hash of the four fields' bytes when all are ASCII, made once (never 0); 0 when one is not ASCII.
  ///
  /// NOTE: identities are hashed by the hundred thousand (every attendee row of every note is looked up in the people
  /// join): hashing four strings each time was a sixth of a references request. ASCII identities hash and compare by
  /// their bytes; the others by their strings (canonical equivalence), and never equal an ASCII one.
  private let fingerprint: UInt64

  public init(name: String = "", initials: String = "", handle: String = "", affiliation: String = "") {
    self.name = name
    self.initials = initials
    self.handle = handle
    self.affiliation = affiliation
    var hash = FNV1a()
    var ascii = true
    func add(_ field: String) {
      for b in field.utf8 {
        if b >= 0x80 { ascii = false }
        hash.add(b)
      }
      hash.add(0xFF)  // A byte no UTF-8 text has: `ab|c` is not `a|bc`.
    }
    add(name)
    add(initials)
    add(handle)
    add(affiliation)
    fingerprint = ascii ? max(1, hash.value) : 0
  }

  public static func == (a: PersonIdentity, b: PersonIdentity) -> Bool {
    a.fingerprint == b.fingerprint && a.name == b.name && a.initials == b.initials && a.handle == b.handle
      && a.affiliation == b.affiliation
  }

  public func hash(into hasher: inout Hasher) {
    guard fingerprint == 0 else { return hasher.combine(fingerprint) }
    hasher.combine(name)
    hasher.combine(initials)
    hasher.combine(handle)
    hasher.combine(affiliation)
  }

  init(_ attendee: Attendee) {
    func clean(_ span: Span?) -> String {
      guard let span else { return "" }
      if let fast = span.text.utf8.withContiguousStorageIfAvailable({ Self.cleanUTF8($0) }), let text = fast {
        return text
      }
      // Markdown emphasis around a cell (`**Name**`) is not part of it.
      var text = span.text.trimmingBlanks()
      while let first = text.first, first == "*" || first == "_" || first == "`" { text.removeFirst() }
      while let last = text.last, last == "*" || last == "_" || last == "`" { text.removeLast() }
      text = text.trimmingBlanks()
      return NameMatching.isPlaceholder(text) ? "" : text
    }
    var handle = clean(attendee.github)
    while handle.hasPrefix("@") { handle.removeFirst() }
    while let last = handle.last, last == "." || last == "," || last == ";" { handle.removeLast() }
    var name = clean(attendee.name)
    var initials = clean(attendee.initials)
    // A "name" that is 2–4 capitals (`MS, ED, LB` listed inline) is initials, not a first name.
    if NameMatching.isWellFormedInitials(name) && name.uppercased() == name {
      if initials.isEmpty { initials = name }
      name = ""
    }
    self.init(name: name, initials: initials, handle: handle, affiliation: clean(attendee.affiliation))
  }

  public var isEmpty: Bool { name.isEmpty && initials.isEmpty && handle.isEmpty }

  /// `clean` of `init(_:)` on the text's bytes: blanks (ASCII, NBSP, BOM) and emphasis marks are single scalars, so
  /// trimming them byte by byte is trimming them scalar by scalar. Nil (use the characters) only where a mark to strip
  /// touches a non-ASCII byte, which could join it into one character (`*` + a combining accent).
  private static func cleanUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    func isEmphasis(_ b: UInt8) -> Bool { b == UInt8(ascii: "*") || b == UInt8(ascii: "_") || b == UInt8(ascii: "`") }
    var cell = UTF8Blanks.trimmed(bytes, 0..<bytes.count)
    while let first = cell.first, isEmphasis(bytes[first]) {
      if first + 1 < cell.upperBound && bytes[first + 1] >= 0x80 { return nil }
      cell = (first + 1)..<cell.upperBound
    }
    while let last = cell.last, isEmphasis(bytes[last]) {
      if last - 1 >= cell.lowerBound && bytes[last - 1] >= 0x80 { return nil }
      cell = cell.lowerBound..<last
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[UTF8Blanks.trimmed(bytes, cell)]), as: UTF8.self)
    return NameMatching.isPlaceholder(text) ? "" : text
  }

  public static func < (lhs: PersonIdentity, rhs: PersonIdentity) -> Bool {
    (lhs.name, lhs.initials, lhs.handle, lhs.affiliation) < (rhs.name, rhs.initials, rhs.handle, rhs.affiliation)
  }
}

/// The state of a tracked item's checkbox.
public enum TrackedItemState: Hashable, Sendable {
  case open, done, malformed
  /// A plain bullet in an `Action items` section.
  case noCheckbox
}

/// An item of an action-tracking section, kept so that the next meeting can be compared with it.
public struct TrackedItem: Hashable, Sendable {
  /// The item's text without owners, as written.
  public var text: String
  /// `normalize(text)`: what matching across meetings compares.
  public var normalizedText: String
  /// Owner tokens (own or inherited), as written.
  public var owners: [String]
  public var state: TrackedItemState
  /// The item's first line.
  public var range: TextRange
  /// The title of the section holding it.
  public var section: String
  /// Whether the item is nested under another item.
  public var isNested: Bool
  /// The index of the section holding it in its note (nil outside any section).
  public var sectionIndex: Int?
  /// The 0-based line of `range`'s start.
  public var line: Int
  /// The links and issue numbers the item cites (`ItemMatching.Key.references`).
  public var references: [String]
  /// The owners written on the item itself, as matching reads them (`ItemMatching.Key.owners` before lower-casing).
  public var ownOwners: [String]

  /// What matching across meetings compares, made from the item's normalised text, references and own owners.
  ///
  /// NOTE: made when asked, not held: the word and stem ids of every item of a 10,000-note workspace took 1.3 KB per
  /// note, and each item is compared once (`--check`) or a few times (the open note against its previous meeting).
  public var key: ItemMatching.Key { ItemMatching.Key(normalizedText, references: references, owners: ownOwners) }

  /// `references` nil: those written in `text`.
  public init(
    text: String, normalizedText: String, owners: [String], state: TrackedItemState, range: TextRange,
    section: String, isNested: Bool, sectionIndex: Int? = nil, line: Int = 0, references: [String]? = nil,
    ownOwners: [String] = []
  ) {
    self.line = line
    self.text = text
    self.normalizedText = normalizedText
    self.sectionIndex = sectionIndex
    self.references = references ?? ItemMatching.references(in: text)
    self.ownOwners = ownOwners
    self.owners = owners
    self.state = state
    self.range = range
    self.section = section
    self.isNested = isNested
  }

  /// Lower-case, accents folded, punctuation and Markdown marks dropped, blanks collapsed: `**Fix** the  CI!` →
  /// `fix the ci`.
  public static func normalize(_ text: String) -> String {
    if let fast = text.utf8.withContiguousStorageIfAvailable({ normalizeASCII($0) }), let result = fast {
      return result
    }
    return NameMatching.tokens(text).joined(separator: " ")
  }

  /// `normalize` of ASCII bytes in one pass (the words `NameMatching.tokens` gives, joined by one space); nil when
  /// the text is not ASCII.
  private static func normalizeASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    for b in bytes where b >= 0x80 { return nil }
    return String(unsafeUninitializedCapacity: bytes.count) { out in
      var n = 0
      var pendingSpace = false
      for b in bytes {
        let lower = b >= 0x41 && b <= 0x5A ? b + 0x20 : b
        if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
          if pendingSpace {
            out[n] = 0x20
            n += 1
            pendingSpace = false
          }
          out[n] = lower
          n += 1
        } else if n > 0 {
          pendingSpace = true
        }
      }
      return n
    }
  }

  /// The items of `document`'s action-tracking sections (`actionItems`, `carryOver`); placeholders (`None yet`,
  /// `TBD`, `n/a`) are not items.
  static func items(of document: NoteDocument) -> [TrackedItem] {
    var result: [TrackedItem] = []
    var references: [[String]]?
    for (index, item) in document.items.enumerated() {
      let kind = document.sectionKind(ofSection: item.section)
      guard kind == .actionItems || kind == .carryOver, !item.isEmptyTemplate else { continue }
      let state: TrackedItemState
      switch item.checkbox?.state {
      case .open: state = .open
      case .done: state = .done
      case .malformed: state = .malformed
      case nil:
        guard kind == .actionItems, item.parent == nil else { continue }
        state = .noCheckbox
      }
      let text = contentWithoutOwners(item, in: document)
      let normalized = normalize(text)
      guard !ItemMatching.isPlaceholder(normalized) else { continue }
      let owners = document.effectiveOwners(ofItem: index).filter { $0.kind != .placeholder }.map(\.text)
      let section = item.section.flatMap { document.sections.indices.contains($0) ? document.sections[$0] : nil }
      if references == nil { references = ItemMatching.blockReferences(of: document) }
      var ownOwners = item.owners.allSatisfy { $0.form != .prose } ? item.owners.map(\.text) : []
      if ownOwners == owners { ownOwners = owners }  // One array for both, as most items own what they are owned by.
      result.append(
        TrackedItem(
          text: text, normalizedText: normalized, owners: owners, state: state, range: item.range,
          section: section?.title.text ?? "", isNested: item.parent != nil, sectionIndex: item.section,
          line: document.source.line(containingUTF8Offset: item.range.utf8Start),
          references: references?[index] ?? [], ownOwners: ownOwners))
    }
    return result.trimmedToSize()
  }

  /// The item's content with the owner tokens written on it (and their punctuation) cut out.
  static func contentWithoutOwners(_ item: ListItem, in document: NoteDocument) -> String {
    let content = item.contentRange
    guard !item.owners.isEmpty, !item.owners.contains(where: { $0.form == .prose }) else {
      return document.text(of: item)
    }
    let cuts = item.owners.map(\.range).filter { $0.utf8Start >= content.utf8Start && $0.utf8End <= content.utf8End }
      .sorted()
    guard !cuts.isEmpty else { return document.text(of: item) }
    return document.source.bytes.withUnsafeBufferPointer { bytes in
      let end = min(content.utf8End, bytes.count)
      var kept: [UInt8] = []
      kept.reserveCapacity(max(0, end - content.utf8Start))
      var position = min(content.utf8Start, end)
      for cut in cuts where cut.utf8Start >= position {
        kept.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<max(position, min(cut.utf8Start, end))]))
        position = min(cut.utf8End, end)
      }
      kept.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<end]))
      // Drop the punctuation that held the owners (`()`, `[]`), then leading `:`, `/`, `,` and blanks.
      return kept.withUnsafeMutableBufferPointer { kept -> String in
        var count = 0
        var i = 0
        while i < kept.count {
          if i + 1 < kept.count, (kept[i] == 0x28 && kept[i + 1] == 0x29) || (kept[i] == 0x5B && kept[i + 1] == 0x5D) {
            i += 2
            continue
          }
          kept[count] = kept[i]
          count += 1
          i += 1
        }
        func skip(_ b: UInt8) -> Bool { b == 0x3A || b == 0x3B || b == 0x2C || b == 0x2F || b == 0x20 || b == 0x09 }
        var start = 0
        while start < count && skip(kept[start]) { start += 1 }
        let cleaned = UnsafeBufferPointer(rebasing: kept[0..<count])
        return String(
          decoding: UnsafeBufferPointer(rebasing: cleaned[UTF8Blanks.trimmed(cleaned, start..<count)]), as: UTF8.self)
      }
    }
  }
}
