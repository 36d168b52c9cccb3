/// What kind of code action: a quick fix of a diagnostic, a source action on the whole note, or the fix-all.
public enum NoteCodeActionKind: Hashable, Sendable {
  case quickFix
  case source
  case sourceFixAll
}

/// A code action as a core value: a front end turns it into an LSP `CodeAction` or applies it in `--check --fix`.
public struct NoteCodeAction: Hashable, Sendable {
  public var title: String
  public var kind: NoteCodeActionKind
  /// The code of the diagnostic this fixes, and the range that diagnostic is reported at.
  public var fixes: DiagnosticCode?
  public var diagnosticRange: TextRange?
  public var edits: [NoteTextEdit]
  public var isPreferred: Bool
  /// Safe to apply unattended (`source.fixAll`, `--check --fix`).
  public var isSafe: Bool

  public init(
    title: String, kind: NoteCodeActionKind, fixes: DiagnosticCode?, diagnosticRange: TextRange?,
    edits: [NoteTextEdit], isPreferred: Bool = false, isSafe: Bool = false
  ) {
    self.title = title
    self.kind = kind
    self.fixes = fixes
    self.diagnosticRange = diagnosticRange
    self.edits = edits
    self.isPreferred = isPreferred
    self.isSafe = isSafe
  }
}

/// Quick fixes and source actions over one note.
///
/// NOTE: the safe fixes — applied by `source.fixAll` and `notes-lsp --check --fix` without a person looking — are
/// those with one right answer: malformed initials that clean up (`MRB.` → `MRB`, `mcg` → `MCG`) to initials that
/// exactly one known person has; a headcount smaller than the people listed raised to that number; and a
/// `#REPLACE_ME#` (or empty) previous-meeting link pointed at the local previous note of the series. Assigning an
/// owner, turning a name into initials (`Eric` could be ED or EDD), filling an `X people total` (people join without
/// listing themselves), inserting an attendees table and carrying items over all need a person's judgement.
public enum CodeActions {
  /// The actions for a request on `range` of `document`. `diagnostics` are those the client sent (to attach fixes to
  /// them); actions whose fix needs no diagnostic are offered whenever the range touches what they change.
  public static func actions(
    in document: NoteDocument, range: TextRange, workspace: NotesWorkspace
  ) -> [NoteCodeAction] {
    let all = candidates(in: document, workspace: workspace)
    var result = all.filter { action in
      guard let at = action.diagnosticRange else { return true }
      return at.utf8Start <= range.utf8End && range.utf8Start <= at.utf8End
    }
    let safe = safeFixes(among: all)
    if !safe.isEmpty {
      result.append(
        NoteCodeAction(
          title: "Fix all safe problems in this note (\(safe.count))", kind: .sourceFixAll, fixes: nil,
          diagnosticRange: nil, edits: merged(safe.flatMap(\.edits)), isSafe: true))
    }
    return result
  }

  /// The safe fixes of a whole note (see the type's NOTE), with non-overlapping edits.
  public static func safeFixes(in document: NoteDocument, workspace: NotesWorkspace) -> [NoteCodeAction] {
    safeFixes(among: candidates(in: document, workspace: workspace))
  }

  ///
  /// Complexity: O(n log n) in the edits (a note of a thousand placeholder links has a thousand safe fixes). The ranges
  /// taken are kept sorted by start; they do not overlap one another, so their ends rise with their starts and only
  /// the last range starting before an edit's end can overlap it.
  static func safeFixes(among candidates: [NoteCodeAction]) -> [NoteCodeAction] {
    var taken: [TextRange] = []
    /// How many taken ranges start before `offset` (or at it, with an end before `end`).
    func position(_ start: Int, _ end: Int) -> Int {
      var low = 0
      var high = taken.count
      while low < high {
        let mid = (low + high) / 2
        let t = taken[mid]
        if t.utf8Start < start || (t.utf8Start == start && t.utf8End < end) { low = mid + 1 } else { high = mid }
      }
      return low
    }
    func overlapsTaken(_ r: TextRange) -> Bool {
      // The last taken range that starts before `r` ends.
      var low = 0
      var high = taken.count
      while low < high {
        let mid = (low + high) / 2
        if taken[mid].utf8Start < r.utf8End { low = mid + 1 } else { high = mid }
      }
      return low > 0 && r.utf8Start < taken[low - 1].utf8End
    }
    var result: [NoteCodeAction] = []
    for action in candidates where action.isSafe && action.kind == .quickFix {
      let ranges = action.edits.map(\.range)
      if ranges.contains(where: overlapsTaken) { continue }
      for r in ranges { taken.insert(r, at: position(r.utf8Start, r.utf8End)) }
      result.append(action)
    }
    return result
  }

  /// Every action the note offers, anywhere in it.
  public static func candidates(in document: NoteDocument, workspace: NotesWorkspace) -> [NoteCodeAction] {
    guard document.isMeetingNote else { return [] }
    var result: [NoteCodeAction] = []
    result += assignOwner(document, workspace)
    result += ownerToInitials(document, workspace)
    result += ambiguousOwner(document, workspace)
    result += malformedInitials(document, workspace)
    result += missingInitials(document, workspace)
    result += headcount(document)
    result += previousLink(document, workspace)
    result += insertAttendees(document, workspace)
    result += carryOver(document, workspace)
    return result
  }

  // MARK: - Owners

  static func assignOwner(_ document: NoteDocument, _ workspace: NotesWorkspace) -> [NoteCodeAction] {
    let attendees = (document.attendees?.entries ?? []).compactMap { entry -> (String, String)? in
      guard let initials = entry.initials?.text, InitialsRename.isValidInitials(initials) else { return nil }
      return (initials, entry.name?.text ?? entry.github?.text ?? "")
    }
    guard !attendees.isEmpty else { return [] }
    var result: [NoteCodeAction] = []
    for (index, item) in document.items.enumerated()
    where (item.checkbox != nil || item.isTask) && !item.isEmptyTemplate {
      guard document.effectiveOwners(ofItem: index).allSatisfy({ $0.kind == .placeholder }) else { continue }
      var seen = Set<String>()
      for (initials, name) in attendees where seen.insert(initials).inserted {
        let placeholder = item.owners.first { $0.kind == .placeholder }
        let edit: NoteTextEdit
        if let placeholder {
          edit = NoteTextEdit(uri: document.uri, range: placeholder.range, newText: initials)
        } else {
          let at = item.contentRange.utf8Start
          edit = NoteTextEdit(
            uri: document.uri, range: TextRange(utf8Start: at, utf8End: at), newText: "(\(initials)) ")
        }
        let who = name.isEmpty ? initials : "\(initials) (\(ItemText.trimmed(name)))"
        result.append(
          NoteCodeAction(
            title: "Assign to \(who)", kind: .quickFix, fixes: .actionItemUnowned, diagnosticRange: item.range,
            edits: [edit]))
      }
    }
    return result
  }

  static func ownerToInitials(_ document: NoteDocument, _ workspace: NotesWorkspace) -> [NoteCodeAction] {
    var resolver = PersonResolver(workspace: workspace, document: document)
    var result: [NoteCodeAction] = []
    let bytes = document.source.bytes
    for (index, item) in document.items.enumerated() {
      // NOTE: a GitHub handle is never rewritten as initials (initials get reused; a handle does not).
      for owner in item.owners where owner.kind == .name {
        guard owner.form != .prose else { continue }
        if let handle = NameMatching.handleKey(owner.text), !workspace.people(withHandle: handle).isEmpty { continue }
        guard let id = resolver.resolve(kind: owner.kind, text: owner.text, item: index).person,
          let person = workspace.person(id), let initials = person.initials.first,
          InitialsRename.isValidInitials(initials)
        else { continue }
        var range = owner.range
        if range.utf8Start > 0, range.utf8Start <= bytes.count, bytes[range.utf8Start - 1] == UInt8(ascii: "@") {
          range.utf8Start -= 1
        }
        result.append(
          NoteCodeAction(
            title: "Write \(owner.text) as \(initials) (\(person.displayName))", kind: .quickFix,
            fixes: .ownerNameNotInitials, diagnosticRange: owner.range,
            edits: [NoteTextEdit(uri: document.uri, range: range, newText: initials)], isPreferred: true))
      }
    }
    return result
  }

  /// For `owner.ambiguous`: one fix per person the initials can mean, writing that person's GitHub handle in their
  /// place — right for a new item and for one carried from years ago alike.
  static func ambiguousOwner(_ document: NoteDocument, _ workspace: NotesWorkspace) -> [NoteCodeAction] {
    var resolver = PersonResolver(workspace: workspace, document: document)
    var result: [NoteCodeAction] = []
    for (index, item) in document.items.enumerated() {
      for owner in item.owners where owner.kind == .initials {
        guard case .ambiguous(let ids) = resolver.resolve(kind: owner.kind, text: owner.text, item: index) else {
          continue
        }
        for id in ids {
          guard let person = workspace.person(id), let handle = person.handles.first else { continue }
          result.append(
            NoteCodeAction(
              title: "Owner is \(person.displayName): write \(handle)", kind: .quickFix, fixes: .ownerAmbiguous,
              diagnosticRange: owner.range,
              edits: [NoteTextEdit(uri: document.uri, range: owner.range, newText: handle)]))
        }
      }
    }
    return result
  }

  static func malformedInitials(_ document: NoteDocument, _ workspace: NotesWorkspace) -> [NoteCodeAction] {
    var ranges: [(TextRange, String)] = document.mentions.filter { $0.kind == .malformedInitials }.map {
      ($0.range, $0.text)
    }
    for item in document.items {
      for owner in item.owners
      where owner.kind == .malformedInitials && !ranges.contains(where: { $0.0 == owner.range }) {
        ranges.append((owner.range, owner.text))
      }
    }
    var result: [NoteCodeAction] = []
    var resolver = PersonResolver(workspace: workspace, document: document)
    for (range, text) in ranges {
      guard let key = NameMatching.initialsKey(text), key != text else { continue }
      guard let id = resolver.resolve(kind: .malformedInitials, text: text).person, let person = workspace.person(id),
        NameMatching.initialsKey(text) != nil, person.initials.contains(key)
      else { continue }
      result.append(
        NoteCodeAction(
          title: "Write \(text) as \(key) (\(person.displayName))", kind: .quickFix, fixes: .initialsMalformed,
          diagnosticRange: range,
          edits: [NoteTextEdit(uri: document.uri, range: range, newText: padded(key, replacing: range, in: document))],
          isPreferred: true, isSafe: true))
    }
    return result
  }

  /// `attendees.initials-missing`: fill the empty Initials cell with the initials the person is usually listed with.
  static func missingInitials(_ document: NoteDocument, _ workspace: NotesWorkspace) -> [NoteCodeAction] {
    guard let list = document.attendees, list.form == .table,
      let column = list.columns.firstIndex(of: .initials)
    else { return [] }
    var result: [NoteCodeAction] = []
    for entry in list.entries where entry.initials == nil {
      guard let name = entry.name, let initials = NoteChecker.usualInitials(of: entry, in: workspace),
        let cell = cellRange(column, inRow: entry.range, of: document)
      else { continue }
      let width = cell.utf8Length
      var text = " \(initials) "
      if text.utf8.count < width { text += String(repeating: " ", count: width - text.utf8.count) }
      let who = workspace.person(for: entry)?.displayName ?? name.text
      result.append(
        NoteCodeAction(
          title: "Fill in \(initials) (\(who)'s usual initials)", kind: .quickFix, fixes: .attendeesInitialsMissing,
          diagnosticRange: name.range, edits: [NoteTextEdit(uri: document.uri, range: cell, newText: text)],
          isPreferred: true))
    }
    return result
  }

  /// The inside of cell `column` (0-based, after the leading `|`) of the table row at `row`.
  static func cellRange(_ column: Int, inRow row: TextRange, of document: NoteDocument) -> TextRange? {
    let bytes = document.source.bytes
    var pipes: [Int] = []
    var i = row.utf8Start
    while i < row.utf8End && i < bytes.count {
      if bytes[i] == UInt8(ascii: "|") && (i == 0 || bytes[i - 1] != UInt8(ascii: "\\")) { pipes.append(i) }
      i += 1
    }
    var first = row.utf8Start
    while first < row.utf8End && (bytes[first] == 0x20 || bytes[first] == 0x09) { first += 1 }
    let leading = first < bytes.count && bytes[first] == UInt8(ascii: "|")
    let k = leading ? column : column - 1
    let start = k < 0 ? row.utf8Start : (k < pipes.count ? pipes[k] + 1 : nil)
    guard let start else { return nil }
    let end = k + 1 < pipes.count ? pipes[k + 1] : row.utf8End
    return end >= start ? TextRange(utf8Start: start, utf8End: end) : nil
  }

  /// In a table row, a shorter replacement is padded with blanks when a blank follows, so the columns stay aligned
  /// (`| TEO.     |` → `| TEO      |`).
  static func padded(_ text: String, replacing range: TextRange, in document: NoteDocument) -> String {
    let source = document.source
    let line = source.contentRange(ofLine: source.line(containingUTF8Offset: range.utf8Start))
    let bytes = source.bytes
    let lineText = source.text(in: line)
    let width = source.text(in: range).count
    guard ItemText.trimmed(lineText).hasPrefix("|"), text.count < width, range.utf8End < bytes.count,
      bytes[range.utf8End] == UInt8(ascii: " ")
    else { return text }
    return text + String(repeating: " ", count: width - text.count)
  }

  // MARK: - Attendees

  static func headcount(_ document: NoteDocument) -> [NoteCodeAction] {
    let listed = document.attendees?.entries.count ?? 0
    guard listed > 0 else { return [] }
    var result: [NoteCodeAction] = []
    for count in document.headcounts {
      let edit = NoteTextEdit(uri: document.uri, range: count.numberRange, newText: String(listed))
      if count.count == nil {
        result.append(
          NoteCodeAction(
            title: "Fill in the headcount: \(listed) people listed", kind: .quickFix,
            fixes: .attendeesCountPlaceholder, diagnosticRange: count.range, edits: [edit], isPreferred: true))
      } else if let n = count.count, n < listed {
        result.append(
          NoteCodeAction(
            title: "Change the headcount to the \(listed) people listed", kind: .quickFix,
            fixes: .attendeesCountMismatch, diagnosticRange: count.range, edits: [edit], isPreferred: true,
            isSafe: true))
      }
    }
    return result
  }

  static func insertAttendees(_ document: NoteDocument, _ workspace: NotesWorkspace) -> [NoteCodeAction] {
    if let list = document.attendees, !list.entries.isEmpty { return [] }
    if let list = document.attendees, list.form == .table { return [] }
    let source = document.source
    let previous = workspace.previousMeeting(of: document.uri)
    let table = attendeeTableSkeleton(from: previous, rows: 3)
    let section = document.sections.first { $0.kind == .attendees }
    let edit: NoteTextEdit
    var at: TextRange
    if let section {
      let line = source.line(containingUTF8Offset: section.headingRange.utf8Start)
      let start = line + 1 < source.lineCount ? source.lineStarts[line + 1] : source.bytes.count
      let lead = start == source.bytes.count && !source.string.hasSuffix("\n") ? "\n" : ""
      at = TextRange(utf8Start: start, utf8End: start)
      edit = NoteTextEdit(uri: document.uri, range: at, newText: lead + "\n" + table + "\n")
      at = section.headingRange
    } else {
      let level = document.sections.first { $0.level >= 2 }?.level ?? 2
      let heading = String(repeating: "#", count: level) + " Attendees\n\n"
      if let next = document.sections.first(where: { $0.level >= 2 }) {
        let start = next.headingRange.utf8Start
        edit = NoteTextEdit(
          uri: document.uri, range: TextRange(utf8Start: start, utf8End: start), newText: heading + table + "\n")
      } else {
        let end = source.bytes.count
        let lead = source.string.isEmpty ? "" : (source.string.hasSuffix("\n") ? "\n" : "\n\n")
        edit = NoteTextEdit(
          uri: document.uri, range: TextRange(utf8Start: end, utf8End: end), newText: lead + heading + table)
      }
      at = document.title?.range ?? source.contentRange(ofLine: 0)
    }
    return [
      NoteCodeAction(
        title: "Insert an attendees table", kind: .quickFix, fixes: .attendeesMissing, diagnosticRange: at,
        edits: [edit])
    ]
  }

  /// The series' attendee table (the previous note's header and separator rows as written) with `rows` empty rows;
  /// `| Name | Initials | GitHub ID | Affiliation |` when the previous note has no table.
  public static func attendeeTableSkeleton(from previous: NoteDocument?, rows: Int) -> String {
    var header = "| Name | Initials | GitHub ID | Affiliation |"
    var separator = "| ---- | -------- | --------- | ----------- |"
    if let previous, let list = previous.attendees, list.form == .table, let headerRange = list.headerRange {
      let source = previous.source
      let line = source.line(containingUTF8Offset: headerRange.utf8Start)
      let next = source.lineText(line + 1)
      if next.contains("-") && next.contains("|") {
        header = ItemText.trimmed(source.lineText(line))
        separator = ItemText.trimmed(next)
      }
    }
    let empty = emptyRow(like: separator)
    return ([header, separator] + Array(repeating: empty, count: max(0, rows))).map { $0 + "\n" }.joined()
  }

  /// `| --- | :--: |` → `|     |      |`: an empty row with the separator's cell widths.
  static func emptyRow(like separator: String) -> String {
    String(String.UnicodeScalarView(separator.unicodeScalars.map { $0 == "|" ? "|" : " " }))
  }

  // MARK: - Previous meeting

  static func previousLink(_ document: NoteDocument, _ workspace: NotesWorkspace) -> [NoteCodeAction] {
    guard let previousURI = workspace.previousMeetingURI(of: document) else { return [] }
    let link = CarryOverText.relativeLink(from: document.uri, to: previousURI)
    let name = workspace.summary(previousURI)?.date.map(\.description) ?? link
    var result: [NoteCodeAction] = []
    for mention in document.previousMeetingLinks where mention.isPlaceholder {
      guard let target = targetRange(of: mention, in: document) else { continue }
      result.append(
        NoteCodeAction(
          title: "Link to the previous meeting (\(name))", kind: .quickFix, fixes: .previousLinkPlaceholder,
          diagnosticRange: mention.range, edits: [NoteTextEdit(uri: document.uri, range: target, newText: link)],
          isPreferred: true, isSafe: true))
    }
    // A link copied forward from the previous note (`previous-link.stale`): pointed at the local previous note, not
    // safe unattended (the team may prefer its own URL).
    for (mention, _) in CarryOverCheck.staleLinks(in: document, workspace: workspace) {
      guard let target = mention.target else { continue }
      result.append(
        NoteCodeAction(
          title: "Point the link at the previous meeting (\(name))", kind: .quickFix, fixes: .previousLinkStale,
          diagnosticRange: target.range,
          edits: [NoteTextEdit(uri: document.uri, range: target.range, newText: link)], isPreferred: true))
    }
    return result
  }

  /// The URL between `(` and `)` of a link, also when the parser found no target (`[last weeks meeting]()`).
  static func targetRange(of link: PreviousMeetingLink, in document: NoteDocument) -> TextRange? {
    if let target = link.target { return target.range }
    let bytes = document.source.bytes
    let lineEnd = document.source.contentRange(ofLine: document.source.line(containingUTF8Offset: link.range.utf8Start))
      .utf8End
    var i = link.range.utf8End
    while i < lineEnd && bytes[i] == UInt8(ascii: "]") { i += 1 }
    guard i < lineEnd, bytes[i] == UInt8(ascii: "(") else { return nil }
    // NOTE: a link's target is one token: the scan stops at white space or the start of another link, so a line of
    // many unclosed `[last week](` costs linear time, not a scan to the end of the line per link.
    var j = i + 1
    while j < lineEnd, bytes[j] != UInt8(ascii: ")"), bytes[j] != 0x20, bytes[j] != 0x09,
      bytes[j] != UInt8(ascii: "["), bytes[j] != UInt8(ascii: "(")
    {
      j += 1
    }
    guard j < lineEnd, bytes[j] == UInt8(ascii: ")") else { return nil }
    return TextRange(utf8Start: i + 1, utf8End: j)
  }

  // MARK: - Carry over

  static func carryOver(_ document: NoteDocument, _ workspace: NotesWorkspace) -> [NoteCodeAction] {
    let groups = CarryOverCheck.droppedGroups(in: document, workspace: workspace)
    let dropped = groups.flatMap(\.items)
    guard !dropped.isEmpty else { return [] }
    let previous = workspace.document(dropped[0].previousURI)
    let marker = CarryOverText.marker(of: document)
    let insertion = CarryOverText.insertion(in: document)
    // One lookup table, not a search of the previous note's items per dropped item (quadratic in long lists).
    var indexByRange: [TextRange: Int] = [:]
    for (index, item) in (previous?.items ?? []).enumerated() where indexByRange[item.range] == nil {
      indexByRange[item.range] = index
    }
    func text(_ item: DroppedItem) -> String {
      if let previous, let index = indexByRange[item.item.range] {
        return CarryOverText.block(ofItem: index, in: previous)
      }
      return CarryOverText.line(for: item.item, marker: marker)
    }
    func edit(_ body: String) -> NoteTextEdit {
      NoteTextEdit(uri: document.uri, range: insertion.range, newText: insertion.prefix + body + insertion.suffix)
    }
    let anchor = CarryOverCheck.anchor(in: document)
    // NOTE: a whole list left out is one finding with one fix that carries the whole list over.
    var result: [NoteCodeAction] = groups.map { group in
      if let section = group.wholeSection {
        return NoteCodeAction(
          title: "Carry over the \(group.items.count) open items of `\(ItemText.trimmed(section))`",
          kind: .quickFix, fixes: .actionItemDropped, diagnosticRange: anchor,
          edits: [edit(group.items.map(text).joined())])
      }
      let item = group.items[0]
      return NoteCodeAction(
        title: "Carry over “\(CarryOverCheck.clip(item.item.text))”", kind: .quickFix, fixes: .actionItemDropped,
        diagnosticRange: anchor, edits: [edit(text(item))])
    }
    let when = dropped[0].previousDate.map { " from \($0)" } ?? ""
    result.append(
      NoteCodeAction(
        title: "Carry over the \(dropped.count) open items\(when)", kind: .source, fixes: nil, diagnosticRange: nil,
        edits: [edit(dropped.map(text).joined())]))
    return result
  }

  // MARK: - Edits

  /// Edits sorted and with overlapping ones dropped (the first one wins).
  static func merged(_ edits: [NoteTextEdit]) -> [NoteTextEdit] {
    var result: [NoteTextEdit] = []
    for edit in edits.sorted(by: { $0.range < $1.range }) {
      if let last = result.last, last.uri == edit.uri, last.range.utf8End > edit.range.utf8Start { continue }
      result.append(edit)
    }
    return result
  }
}
