/// An open item of the previous meeting that this one lost.
public struct DroppedItem: Hashable, Sendable {
  /// The previous note and its date.
  public var previousURI: String
  public var previousDate: MeetingDate?
  /// The item as the previous note has it.
  public var item: TrackedItem
}

/// An item of this meeting carried over unchanged for many meetings.
public struct StaleItem: Hashable, Sendable {
  /// The item's first line in this note.
  public var range: TextRange
  public var text: String
  /// How many meetings before this one had it open, unchanged, in a row.
  public var meetings: Int
  /// The oldest of those meetings.
  public var since: MeetingDate?
}

/// `action-item.dropped` and `action-item.stale`: what the previous meetings of the series left open.
///
/// Works from the workspace's summaries (`NotesWorkspace.summary(_:)`), so `--check` needs only `index(_:)` of every
/// note, not their texts.
public enum CarryOverCheck {
  /// The open items of the previous meeting's action-tracking sections that `document` neither carries over (any list
  /// item of this note with the same text, allowing small edits) nor marks done.
  public static func droppedItems(in document: NoteDocument, workspace: NotesWorkspace) -> [DroppedItem] {
    guard document.isMeetingNote, let previousURI = workspace.previousMeetingURI(of: document),
      let previous = workspace.summary(previousURI)
    else { return [] }
    guard previous.trackedItems.contains(where: { $0.state == .open && !$0.normalizedText.isEmpty }) else { return [] }
    // NOTE: most items are carried into this note's own tracking sections word for word: those are matched first,
    // and every item of the note is normalised only when something is left to look for.
    var haystack = ItemMatching.Haystack(
      document.items.filter { !$0.isEmptyTemplate }.map { ItemMatching.normalizedContent($0, in: document) }
        .filter { !$0.isEmpty })
    func carried(_ text: String) -> Bool { haystack.contains(ItemMatching.Key(text)) }
    var seen = Set<String>()
    var result: [DroppedItem] = []
    // NOTE: a sub-item of a dropped item is not reported again: carrying the parent over carries it.
    var parentDropped = false
    for item in previous.trackedItems {
      guard item.state == .open, !item.normalizedText.isEmpty else {
        if !item.isNested { parentDropped = false }
        continue
      }
      if item.isNested && parentDropped { continue }
      let dropped = !seen.contains(item.normalizedText) && !carried(item.normalizedText)
      seen.insert(item.normalizedText)
      if !item.isNested { parentDropped = dropped }
      if dropped { result.append(DroppedItem(previousURI: previousURI, previousDate: previous.date, item: item)) }
    }
    return result
  }

  /// The open items of `document`'s action-tracking sections that the meetings before it had open, unchanged, for
  /// more than `workspace.settings.staleAfterMeetings` meetings in a row.
  public static func staleItems(in document: NoteDocument, workspace: NotesWorkspace) -> [StaleItem] {
    guard document.isMeetingNote else { return [] }
    let threshold = max(0, workspace.settings.staleAfterMeetings)
    // The open items of the tracking sections (as `TrackedItem.items` has them), normalised in one pass each.
    let own = document.items.indices.compactMap { index -> (index: Int, text: String)? in
      let item = document.items[index]
      guard item.isOpen, !item.isEmptyTemplate else { return nil }
      let kind = document.sectionKind(ofSection: item.section)
      guard kind == .actionItems || kind == .carryOver else { return nil }
      let text = ItemMatching.normalizedContent(item, in: document)
      return text.isEmpty ? nil : (index, text)
    }
    guard !own.isEmpty else { return [] }
    // The chain of earlier meetings, with their open item texts, fetched as far back as any item needs.
    var chain: [(date: MeetingDate?, open: Set<String>)] = []
    var nextURI = workspace.previousMeetingURI(of: document)
    func link(_ index: Int) -> (date: MeetingDate?, open: Set<String>)? {
      while chain.count <= index {
        guard let uri = nextURI, let summary = workspace.summary(uri), chain.count < 10_000 else { return nil }
        chain.append((summary.date, Set(summary.openItems.map(\.normalizedText))))
        nextURI = workspace.previousMeetingURI(of: uri)
      }
      return chain[index]
    }
    // NOTE: a stale item is reported once, in the last note of its run: where the next meeting carries it on open
    // too, that next note reports it. Years of archived notes then give one finding per stale item, not one per
    // meeting, and the newest note of a series (the one being edited) always shows it.
    let carriedOnward: Set<String> =
      workspace.nextMeetingURI(of: document.uri).flatMap(workspace.summary).map {
        Set($0.openItems.map(\.normalizedText))
      } ?? []
    var result: [StaleItem] = []
    var seen = carriedOnward
    for (index, text) in own where !seen.contains(text) {
      seen.insert(text)
      var count = 0
      var since: MeetingDate?
      while let previous = link(count), previous.open.contains(text) {
        count += 1
        since = previous.date
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

  /// Where a dropped item is reported in this note: its carry-over section, else its action-items section, else its
  /// title, else its first line.
  public static func anchor(in document: NoteDocument) -> TextRange {
    if let section = document.sections.first(where: { $0.kind == .carryOver }) { return section.title.range }
    if let section = document.sections.first(where: { $0.kind == .actionItems }) { return section.title.range }
    if let title = document.title { return title.range }
    return document.source.contentRange(ofLine: 0)
  }

  /// Both checks as diagnostics, with the workspace's configured severities (rules turned off are left out).
  public static func diagnostics(for document: NoteDocument, workspace: NotesWorkspace) -> [Diagnostic] {
    var result: [Diagnostic] = []
    if let severity = workspace.settings.severity(for: .actionItemDropped) {
      let anchor = anchor(in: document)
      for dropped in droppedItems(in: document, workspace: workspace) {
        result.append(
          Diagnostic(code: .actionItemDropped, severity: severity, message: message(dropped), range: anchor))
      }
    }
    if let severity = workspace.settings.severity(for: .actionItemStale) {
      for stale in staleItems(in: document, workspace: workspace) {
        result.append(
          Diagnostic(code: .actionItemStale, severity: severity, message: message(stale), range: stale.range))
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

  static func message(_ stale: StaleItem) -> String {
    let since = stale.since.map { " (since \($0))" } ?? ""
    return "“\(clip(stale.text))” carried over unchanged for \(stale.meetings) meetings\(since): "
      + "move it to the issue tracker, split it, or close it."
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
