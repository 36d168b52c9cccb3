/// An open item of the previous meeting that this one lost.
public struct DroppedItem: Hashable, Sendable {
  /// The previous note and its date.
  public var previousURI: String
  public var previousDate: MeetingDate?
  /// The item as the previous note has it.
  public var item: TrackedItem
}

/// Dropped items as they are reported: one item, or a whole tracking list of the previous note left out.
public struct DroppedGroup: Hashable, Sendable {
  public var items: [DroppedItem]
  /// The title of the previous note's section, when every open item of it was left out (then one finding).
  public var wholeSection: String?
}

/// An item of this meeting carried over unchanged for many meetings.
public struct StaleItem: Hashable, Sendable {
  /// The item's first line in this note.
  public var range: TextRange
  public var text: String
  /// How many meetings before this one had it open, unchanged.
  public var meetings: Int
  /// The oldest of those meetings.
  public var since: MeetingDate?
}

/// `action-item.dropped`, `action-item.stale` and `previous-link.stale`: what the previous meetings of the series left
/// open, and whether the note still points at them.
///
/// Works from the workspace's summaries (`NotesWorkspace.summary(_:)`), so `--check` needs only `index(_:)` of every
/// note, not their texts. The previous meeting is the series model's (`NotesWorkspace.previousMeetingURI`): across a
/// gap (missing meetings, see `SeriesRules`) nothing is compared.
public enum CarryOverCheck {
  /// A whole list is one finding from this many items on.
  static let wholeListMinimum = 3
  /// Notes of a run that may lack an item without ending its run (a list left out once, a note missing).
  static let staleHoles = 2

  /// The open items of the previous meeting's action-tracking sections that `document` neither carries over (any list
  /// item or heading of this note, in any section, open or done, with the same text allowing small edits, or the same
  /// link or issue number) nor marks done.
  public static func droppedItems(in document: NoteDocument, workspace: NotesWorkspace) -> [DroppedItem] {
    droppedGroups(in: document, workspace: workspace).flatMap(\.items)
  }

  /// `droppedItems`, grouped as reported.
  public static func droppedGroups(in document: NoteDocument, workspace: NotesWorkspace) -> [DroppedGroup] {
    guard document.isMeetingNote, let previousURI = workspace.previousMeetingURI(of: document),
      let previous = workspace.summary(previousURI)
    else { return [] }
    guard previous.trackedItems.contains(where: { $0.state == .open }) else { return [] }
    var candidates = Candidates(document, summary: workspace.summary(document.uri))
    func carried(_ item: TrackedItem) -> Bool { candidates.contains(item.key) }
    var seen = Set<String>()
    var dropped: [DroppedItem] = []
    var examined: [Int: Int] = [:]
    var droppedPerSection: [Int: Int] = [:]
    // NOTE: a sub-item of a dropped item is not reported again: carrying the parent over carries it.
    var parentDropped = false
    for item in previous.trackedItems {
      guard item.state == .open else {
        if !item.isNested { parentDropped = false }
        continue
      }
      if item.isNested && parentDropped { continue }
      guard seen.insert(item.normalizedText).inserted else { continue }
      let isDropped = !carried(item)
      if !item.isNested { parentDropped = isDropped }
      let section = item.sectionIndex ?? -1
      examined[section, default: 0] += 1
      if isDropped {
        droppedPerSection[section, default: 0] += 1
        dropped.append(DroppedItem(previousURI: previousURI, previousDate: previous.date, item: item))
      }
    }
    // NOTE: a whole tracking list left out (every open item of `### TODOs`, at least three) is one finding, not one
    // per item: the note-taker left the list out, and one fix brings it back.
    var groups: [DroppedGroup] = []
    var listed: [Int: Int] = [:]
    for item in dropped {
      let section = item.item.sectionIndex ?? -1
      let whole =
        section >= 0 && droppedPerSection[section] == examined[section]
        && (droppedPerSection[section] ?? 0) >= wholeListMinimum
      if whole {
        if let at = listed[section] {
          groups[at].items.append(item)
        } else {
          listed[section] = groups.count
          groups.append(DroppedGroup(items: [item], wholeSection: item.item.section))
        }
      } else {
        groups.append(DroppedGroup(items: [item], wholeSection: nil))
      }
    }
    return groups
  }

  /// Everything in the note being checked that an item could be carried as — every list item (any section, open or
  /// done) and every heading — with the normalised texts computed once and comparison keys only when needed.
  ///
  /// Complexity: exact texts first (one normalisation per item, a set lookup per previous item: most items are carried
  /// word for word). What is left is compared with the note's items one by one behind cheap length bounds when the note
  /// is small (at most `linearLimit` items: keys built only for plausible ones), else through an inverted index built
  /// once (O(items · words)) — near-linear in both notes' items, never their product.
  struct Candidates {
    static let linearLimit = 128
    let document: NoteDocument
    var texts: [String] = []
    /// The list item of each text (nil for a heading).
    var items: [Int?] = []
    var tokenCounts: [Int] = []
    /// Each text's stem bits and stems (see `ItemMatching.Key`), when first needed.
    var stemBits: [UInt64?] = []
    var stems: [[UInt64]?] = []
    var exact = Set<String>()
    var keys: [ItemMatching.Key?] = []
    /// Keys without links, for text comparison only (see `textKey`).
    var textKeys: [ItemMatching.Key?] = []
    var references: [[String]]?
    var index: ItemMatching.Haystack?
    /// The note's tracked items as its summary has them, by item start: an item of the same normalised text takes
    /// its key from them (the same key, without a scan of the note for the links of every item).
    var indexed: [Int: TrackedItem] = [:]

    init(_ document: NoteDocument, summary: NoteSummary? = nil) {
      self.document = document
      if let summary, summary.uri == document.uri {
        for item in summary.trackedItems { indexed[item.range.utf8Start] = item }
      }
      let capacity = document.items.count + document.sections.count
      texts.reserveCapacity(capacity)
      for (position, item) in document.items.enumerated() where !item.isEmptyTemplate {
        let text = ItemMatching.normalizedContent(item, in: document)
        guard !text.isEmpty else { continue }
        texts.append(text)
        items.append(position)
      }
      for section in document.sections {
        let text = TrackedItem.normalize(section.title.text)
        guard !text.isEmpty else { continue }
        texts.append(text)
        items.append(nil)
      }
      exact = Set(texts)
      tokenCounts = texts.map { $0.utf8.reduce(1) { $1 == 0x20 ? $0 + 1 : $0 } }
      stemBits = Array(repeating: nil, count: texts.count)
      stems = Array(repeating: nil, count: texts.count)
      keys = Array(repeating: nil, count: texts.count)
      textKeys = Array(repeating: nil, count: texts.count)
    }

    mutating func key(_ slot: Int) -> ItemMatching.Key {
      if let key = keys[slot] { return key }
      var key: ItemMatching.Key
      if let position = items[slot] {
        if let item = indexed[document.items[position].range.utf8Start], item.normalizedText == texts[slot] {
          key = item.key
          keys[slot] = key
          return key
        }
        if references == nil { references = ItemMatching.blockReferences(of: document) }
        let item = document.items[position]
        let owners = item.owners.allSatisfy { $0.form != .prose } ? item.owners.map(\.text) : []
        key = ItemMatching.Key(texts[slot], references: references?[position] ?? [], owners: owners)
      } else {
        key = ItemMatching.Key(texts[slot])
      }
      keys[slot] = key
      return key
    }

    /// The key of `slot` for comparing texts (`ItemMatching.isSimilarText` reads no links): the full key when it is
    /// known, else one made without the note's links (which cost a scan of every item to find).
    mutating func textKey(_ slot: Int) -> ItemMatching.Key {
      if let key = keys[slot] ?? textKeys[slot] { return key }
      guard let position = items[slot] else { return key(slot) }
      if let item = indexed[document.items[position].range.utf8Start], item.normalizedText == texts[slot] {
        return key(slot)
      }
      let item = document.items[position]
      let owners = item.owners.allSatisfy { $0.form != .prose } ? item.owners.map(\.text) : []
      let key = ItemMatching.Key(texts[slot], owners: owners)
      textKeys[slot] = key
      return key
    }

    /// Whether the item of `slot` has owners, the same as `key`'s (as `key(_:)` would write them).
    func sameOwners(_ key: ItemMatching.Key, _ slot: Int) -> Bool {
      guard !key.owners.isEmpty, let position = items[slot] else { return false }
      let item = document.items[position]
      guard item.owners.count == key.owners.count, item.owners.allSatisfy({ $0.form != .prose }) else { return false }
      return item.owners.map { $0.text.lowercased() }.sorted() == key.owners
    }

    /// Whether the note carries `key` (see `ItemMatching.isSameItem`).
    mutating func contains(_ key: ItemMatching.Key) -> Bool {
      if exact.contains(key.text) { return true }
      if texts.count > Self.linearLimit {
        if index == nil { index = ItemMatching.Haystack(texts.indices.map { self.key($0) }) }
        return index!.contains(key)
      }
      if !key.references.isEmpty {
        if references == nil { references = ItemMatching.blockReferences(of: document) }
        for slot in texts.indices {
          guard let position = items[slot], !(references?[position].isEmpty ?? true) else { continue }
          if ItemMatching.isSameItem(key, self.key(slot)) { return true }
        }
      }
      let la = key.text.utf8.count
      let words = max(1, key.words.count)
      for slot in texts.indices {
        let lb = texts[slot].utf8.count
        let budget = Int(Double(max(la, lb)) * ItemMatching.editDistanceRatio)
        let (small, large) = (min(words, tokenCounts[slot]), max(words, tokenCounts[slot]))
        // Token counts bound the distinct words loosely (repeats), hence 0.5 rather than the Jaccard threshold.
        let possible =
          Double(small) >= Double(large) * 0.5 || abs(la - lb) <= budget
          || (la < lb ? texts[slot].utf8.starts(with: key.text.utf8) : key.text.utf8.starts(with: texts[slot].utf8))
        guard possible else {
          // A restatement may be any length (see `ItemMatching.isRestatement`): tested on the slot's stems alone,
          // with no key built, and only when one text's stem bits are among the other's.
          if stemBits[slot] == nil { stemBits[slot] = ItemMatching.Key.stemBits(of: texts[slot]) }
          let bits = stemBits[slot]!
          guard
            ItemMatching.Key.mayBeContained(key.stemBits, in: bits)
              || ItemMatching.Key.mayBeContained(bits, in: key.stemBits)
          else { continue }
          if stems[slot] == nil { stems[slot] = ItemMatching.Key.stems(of: texts[slot]) }
          if ItemMatching.isRestatement(key.stems, key.stemBits, stems[slot]!, bits, sameOwners: sameOwners(key, slot))
          {
            return true
          }
          continue
        }
        if ItemMatching.isSimilarText(key, textKey(slot)) { return true }
      }
      return false
    }
  }

  /// The open items of `document`'s action-tracking sections that have been open, unchanged, in more than
  /// `workspace.settings.staleAfterMeetings` earlier meetings of the series, reported only where no later note
  /// carries them on.
  ///
  /// NOTE: the run of an item continues across gaps and across up to `staleHoles` notes in a row that lack it (a
  /// list left out once, a note missing from the folder): the count does not restart. A stale item is reported once,
  /// on the newest note that carries it open, so years of archived notes give one finding per stale item and the
  /// newest note of a series (the one being edited) always shows it.
  public static func staleItems(in document: NoteDocument, workspace: NotesWorkspace) -> [StaleItem] {
    guard document.isMeetingNote else { return [] }
    let threshold = max(0, workspace.settings.staleAfterMeetings)
    let own = document.items.indices.compactMap { index -> (index: Int, text: String)? in
      let item = document.items[index]
      guard item.isOpen, !item.isEmptyTemplate else { return nil }
      let kind = document.sectionKind(ofSection: item.section)
      guard kind == .actionItems || kind == .carryOver else { return nil }
      let text = ItemMatching.normalizedContent(item, in: document)
      return ItemMatching.isPlaceholder(text) ? nil : (index, text)
    }
    guard !own.isEmpty else { return [] }
    // Later notes: an item one of the next `staleHoles + 1` notes has open is reported there, not here.
    var later = Set<String>()
    var nextURI = workspace.summary(document.uri) != nil ? workspace.nextMeetingURI(of: document.uri) : nil
    for _ in 0...staleHoles {
      guard let uri = nextURI, let open = workspace.openItemTexts(of: uri) else { break }
      later.formUnion(open)
      nextURI = workspace.nextMeetingURI(of: uri)
    }
    // The chain of earlier meetings, with their open item texts, fetched as far back as any item needs.
    var chain: [(date: MeetingDate?, open: Set<String>)] = []
    var previousURI = workspace.precedingMeeting(of: document)?.uri
    func link(_ index: Int) -> (date: MeetingDate?, open: Set<String>)? {
      while chain.count <= index {
        guard let uri = previousURI, let summary = workspace.summary(uri), chain.count < 10_000 else { return nil }
        chain.append((summary.date, workspace.openItemTexts(of: uri) ?? []))
        previousURI = workspace.precedingMeeting(of: uri)?.uri
      }
      return chain[index]
    }
    var result: [StaleItem] = []
    var seen = later
    for (index, text) in own where !seen.contains(text) {
      seen.insert(text)
      var count = 0
      var since: MeetingDate?
      var holes = 0
      var position = 0
      while let previous = link(position) {
        if previous.open.contains(text) {
          count += 1
          since = previous.date
          holes = 0
        } else {
          holes += 1
          if holes > staleHoles { break }
        }
        position += 1
      }
      if count > threshold {
        let item = document.items[index]
        result.append(
          StaleItem(
            range: item.range, text: TrackedItem.contentWithoutOwners(item, in: document), meetings: count,
            since: since))
      }
    }
    return result
  }

  /// `previous-link.stale`: previous-meeting links whose URL is the previous note's own previous-meeting link — copied
  /// forward unchanged, so they point two or more meetings back. Links to a folder or list of notes (`Previous meetings`,
  /// `…/tree/master/meetings`, `…/community/minutes/`) are meant to stay the same and are left alone.
  public static func staleLinks(in document: NoteDocument, workspace: NotesWorkspace) -> [(
    link: PreviousMeetingLink, previousURI: String
  )] {
    guard document.isMeetingNote, !document.previousMeetingLinks.isEmpty,
      let previousURI = workspace.previousMeetingURI(of: document), let previous = workspace.summary(previousURI)
    else { return [] }
    let targets = Set(previous.previousLinkTargets.map(canonicalLink))
    guard !targets.isEmpty else { return [] }
    return document.previousMeetingLinks.compactMap { link in
      guard !link.isPlaceholder, let target = link.target, isDocumentLink(link, in: document),
        targets.contains(canonicalLink(target.text))
      else { return nil }
      return (link, previousURI)
    }
  }

  static func canonicalLink(_ url: String) -> String {
    var text = url.trimmingBlanks().lowercased()
    for suffix in ["?view", "?edit", "?both", "/"] where text.hasSuffix(suffix) { text.removeLast(suffix.count) }
    return text
  }

  /// Whether a previous-meeting link names one meeting's notes (not an archive of them).
  static func isDocumentLink(_ link: PreviousMeetingLink, in document: NoteDocument) -> Bool {
    guard let target = link.target?.text.lowercased(), target.hasPrefix("http") else { return false }
    let label = document.source.text(in: link.range).lowercased()
    if ASCIISearch.contains(label, anyOf: ["meetings", "minutes", "archive"])
      ?? (label.contains("meetings") || label.contains("minutes") || label.contains("archive"))
    {
      return false
    }
    let path = canonicalLink(target)
    let archives: [StaticString] = ["/tree/", "/meetings", "/minutes", "/archive", "/blob/"]
    if let found = ASCIISearch.contains(path, anyOf: archives) { return !found }
    for archive in archives where path.contains(archive.description) { return false }
    return true
  }

  /// Where a dropped item is reported in this note: its carry-over section, else its action-items section, else its
  /// title, else its first line.
  public static func anchor(in document: NoteDocument) -> TextRange {
    if let section = document.sections.first(where: { $0.kind == .carryOver }) { return section.title.range }
    if let section = document.sections.first(where: { $0.kind == .actionItems }) { return section.title.range }
    if let title = document.title { return title.range }
    return document.source.contentRange(ofLine: 0)
  }

  /// The checks as diagnostics, with the workspace's configured severities (rules turned off are left out).
  public static func diagnostics(for document: NoteDocument, workspace: NotesWorkspace) -> [Diagnostic] {
    var result: [Diagnostic] = []
    if let severity = workspace.settings.severity(for: .actionItemDropped) {
      let anchor = anchor(in: document)
      for group in droppedGroups(in: document, workspace: workspace) {
        let related = group.items.map {
          RelatedLocation(uri: $0.previousURI, range: $0.item.range, line: $0.item.line, message: clip($0.item.text))
        }
        let text = group.wholeSection == nil ? message(group.items[0]) : message(group)
        result.append(
          Diagnostic(
            code: .actionItemDropped, severity: severity, message: text, range: anchor, related: related))
      }
    }
    if let severity = workspace.settings.severity(for: .actionItemStale) {
      for stale in staleItems(in: document, workspace: workspace) {
        result.append(
          Diagnostic(code: .actionItemStale, severity: severity, message: message(stale), range: stale.range))
      }
    }
    if let severity = workspace.settings.severity(for: .previousLinkStale) {
      for (link, previousURI) in staleLinks(in: document, workspace: workspace) {
        let summary = workspace.summary(previousURI)
        let name = summary.map { "\($0.date.map { "\($0), " } ?? "")`\($0.fileName)`" } ?? previousURI
        result.append(
          Diagnostic(
            code: .previousLinkStale, severity: severity,
            message:
              "This previous-meeting link is the previous note's own previous-meeting link, copied forward: it points two or more meetings back. Point it at the previous meeting (\(name)).",
            range: link.target?.range ?? link.range,
            related: [
              RelatedLocation(
                uri: previousURI, range: TextRange(utf8Start: 0, utf8End: 0), line: 0, message: "the previous meeting")
            ]))
      }
    }
    return result
  }

  /// The message of a dropped item; code actions find the item again by it.
  public static func message(_ dropped: DroppedItem) -> String {
    let when = dropped.previousDate.map { "the \($0) meeting" } ?? "the previous meeting"
    let owners = dropped.item.owners.isEmpty ? "" : " (\(dropped.item.owners.joined(separator: "/")))"
    return "Open item from \(when) is neither carried over nor marked done: “\(clip(dropped.item.text))”\(owners). "
      + "Copy it into this meeting or mark it done."
  }

  /// The message of a whole list left out.
  public static func message(_ group: DroppedGroup) -> String {
    let first = group.items[0]
    let when = first.previousDate.map { "\($0)" } ?? "the previous meeting"
    let section = ItemText.trimmed(group.wholeSection ?? "")
    return "The \(group.items.count) open items of \(when)’s `\(section)` are not in this note "
      + "(neither carried over nor marked done): carry the list over, or close its items."
  }

  static func message(_ stale: StaleItem) -> String {
    let since = stale.since.map { "since \($0)" } ?? "for a long time"
    return "“\(clip(stale.text))” has been open \(since), carried over unchanged through \(stale.meetings) "
      + "earlier meetings (\(stale.meetings + 1) with this one): move it to the issue tracker, split it, or close it."
  }

  /// An item's text for a message: without the empty owner brackets the owners were cut from (`(//) intel oneAPI`
  /// → `intel oneAPI`), at most 100 characters.
  static func clip(_ text: String) -> String {
    var shown = Substring(text)
    while shown.first == "(", let close = shown.firstIndex(of: ")"),
      shown[shown.index(after: shown.startIndex)..<close].allSatisfy({ " /,;&+".contains($0) })
    {
      shown = shown[shown.index(after: close)...].drop { $0 == " " || $0 == ":" }
    }
    let result = String(shown)
    return result.count <= 100 ? result : String(result.prefix(97)) + "…"
  }
}
