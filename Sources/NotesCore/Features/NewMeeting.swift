import Foundation

/// The next note of a series, as a file name and a text: what `notes-lsp new` writes and the
/// `notes-lsp.newMeeting` command creates.
public struct NewMeetingPlan: Hashable, Sendable {
  /// The new file's name, in the series' own pattern (`2024-07-10.md`, `20240710_agenda_and_minutes.md`).
  public var fileName: String
  public var text: String
  public var date: MeetingDate
  /// The note it follows, when there is one.
  public var previousURI: String?
  /// How many open items (with their sub-items) the text carries over: counted in what was written.
  public var carriedItems: Int
}

/// Builds the next meeting's note from the previous note of the series (or a template).
///
/// NOTE: from the previous note, the new note keeps the front matter, the title, the text before the first section
/// (links, instructions) and every heading with its HTML comments, with the date changed everywhere it was the
/// previous date; it empties the attendee table (the same columns, blank rows, `X people total`) and every agenda
/// list (one `- [ ]`, as the templates do); it drops the previous meeting's discussion; and it copies the open items of
/// the action-tracking sections, with their sub-items, into the carry-over section. A previous-meeting link points
/// at the previous file, relative to the new one. From a template (`template` in configuration), the template's text
/// is kept as written with `{{ date.strftime("%Y-%m-%d") }}` filled in, and the same link and carried items added.
public enum NewMeeting {
  // MARK: - Dates

  /// The series' usual interval in days: the median gap of its last 12 meetings (7 when it has fewer than two).
  public static func usualInterval(_ dates: [MeetingDate]) -> Int {
    let days = dates.map(CalendarMath.dayNumber).sorted()
    guard days.count >= 2 else { return 7 }
    var gaps: [Int] = []
    for i in max(1, days.count - 12)..<days.count where days[i] > days[i - 1] { gaps.append(days[i] - days[i - 1]) }
    guard !gaps.isEmpty else { return 7 }
    gaps.sort()
    return gaps[gaps.count / 2]
  }

  /// The date of the next meeting: the latest date plus the usual interval.
  public static func nextDate(after dates: [MeetingDate]) -> MeetingDate? {
    guard let last = dates.max() else { return nil }
    return CalendarMath.adding(days: usualInterval(dates), to: last)
  }

  // MARK: - From a workspace

  /// Plans the next meeting of the series of the notes in `folder` (a folder URI or path, with or without the trailing
  /// `/`): it follows the latest note before `date` (default: the next date of the series). Nil when the folder holds
  /// no dated meeting note. The previous note must be held by the workspace (`update`, not only `index`).
  public static func plan(
    folder: String, workspace: NotesWorkspace, date: MeetingDate? = nil, template: String? = nil
  ) -> NewMeetingPlan? {
    let members = seriesMembers(folder: folder, workspace: workspace)
    guard !members.isEmpty else { return nil }
    guard let target = date ?? nextDate(after: members.map(\.0)) else { return nil }
    let before = members.filter { $0.0 < target }
    guard let previousURI = (before.last ?? members.last)?.1, let previous = workspace.document(previousURI) else {
      return nil
    }
    return plan(previous: previous, date: target, template: template)
  }

  /// The series `new` extends in a folder, as (date, URI) oldest first: the series of the folder's latest note that
  /// is not a one-off (see `SeriesRules`: a folder may hold several series).
  static func seriesMembers(folder: String, workspace: NotesWorkspace) -> [(MeetingDate, String)] {
    let key = folder.hasSuffix("/") ? folder : folder + "/"
    let inFolder = workspace.uris.compactMap { uri -> (MeetingDate, String)? in
      guard let summary = workspace.summary(uri), summary.isMeetingNote,
        summary.folder == key || summary.folder == folder,
        summary.seriesKey != nil, let date = summary.date
      else { return nil }
      return (date, uri)
    }.sorted { $0 < $1 }
    guard let latest = inFolder.last(where: { !workspace.isOneOff($0.1) }) ?? inFolder.last else { return [] }
    return workspace.series(of: latest.1).compactMap { uri in workspace.summary(uri)?.date.map { ($0, uri) } }
  }

  /// The note the series of `folder` already has on `date` (so `new` must refuse), if any: the date a plan would
  /// take when `date` is nil.
  public static func existingNote(folder: String, workspace: NotesWorkspace, date: MeetingDate? = nil) -> String? {
    let members = seriesMembers(folder: folder, workspace: workspace)
    guard let target = date ?? nextDate(after: members.map(\.0)) else { return nil }
    return members.first { $0.0 == target }?.1
  }

  // MARK: - From the previous note

  /// Plans the note of `date` that follows `previous`.
  public static func plan(previous: NoteDocument, date: MeetingDate, template: String? = nil) -> NewMeetingPlan {
    let name = fileName(after: previous, date: date)
    let newURI = previous.folder + name
    let carried = carriedBlocks(from: previous)
    var text: String
    if let template {
      text = fillTemplate(template, date: date)
      text = addCarried(carried.map(\.text), to: text, uri: newURI)
      text = linkPrevious(text, uri: newURI, previousURI: previous.uri)
    } else {
      text = skeleton(of: previous, date: date, newURI: newURI, carried: carried)
    }
    return NewMeetingPlan(
      fileName: name, text: text, date: date, previousURI: previous.uri,
      carriedItems: carried.filter { text.contains($0.text) }.count)
  }

  /// The new file's name: the previous name with its date replaced in the same form, else `YYYY-MM-DD.md`.
  public static func fileName(after previous: NoteDocument, date: MeetingDate) -> String {
    let name = previous.fileName
    if let old = previous.dates.fileName?.date ?? previous.meetingDate {
      for (form, new) in [(old.description, date.description), (CalendarMath.compact(old), CalendarMath.compact(date))]
      where name.contains(form) {
        return name.replacingFirst(form, with: new)
      }
    }
    return "\(date).md"
  }

  /// The open items of the previous note's action-tracking sections, as blocks of text (an item with its sub-items),
  /// the outermost of each family only, without repeats.
  static func carriedBlocks(from previous: NoteDocument) -> [CarriedBlock] {
    let open = TrackedItem.items(of: previous).filter { $0.state == .open && !$0.normalizedText.isEmpty }
    var ranges = Set(open.map(\.range))
    // NOTE: open items of a `Deferred to next meeting` / `Pushed to next meeting` section are carried too: they were
    // put off to exactly this meeting.
    for item in previous.items where item.isOpen && !item.isEmptyTemplate && isDeferred(item.section, in: previous) {
      ranges.insert(item.range)
    }
    var indices: [Int] = []
    for (index, item) in previous.items.enumerated() where ranges.contains(item.range) {
      // Skip an item whose ancestor is carried: the ancestor's block holds it.
      var parent = item.parent
      var covered = false
      var guardCount = 0
      while let p = parent, guardCount < previous.items.count {
        if ranges.contains(previous.items[p].range) {
          covered = true
          break
        }
        parent = previous.items[p].parent
        guardCount += 1
      }
      if !covered { indices.append(index) }
    }
    var seen = Set<String>()
    var blocks: [CarriedBlock] = []
    for index in indices {
      let key = TrackedItem.normalize(TrackedItem.contentWithoutOwners(previous.items[index], in: previous))
      guard seen.insert(key).inserted else { continue }
      blocks.append(
        CarriedBlock(section: previous.items[index].section, text: CarryOverText.block(ofItem: index, in: previous)))
    }
    return blocks
  }

  /// An item carried over with its sub-items, and the section of the previous note it came from.
  struct CarriedBlock: Hashable, Sendable {
    var section: Int?
    var text: String
  }

  /// The conda-forge layout of a carry-over section: sub-sections `This meeting`, `Last meeting`, `2 meetings ago`, …
  /// and `Move to Issue Tracker`, whose items move down one sub-section each meeting. Maps each such sub-section to its
  /// slot (0 this meeting, 1 last meeting, N meetings ago, `Int.max` the issue tracker list); nil for other layouts.
  static func shiftSlots(in document: NoteDocument) -> [Int: Int]? {
    var slots: [Int: Int] = [:]
    for (index, section) in document.sections.enumerated() {
      guard let parent = section.parent, document.sectionKind(ofSection: parent) == .carryOver else { continue }
      let title = ItemText.trimmed(section.title.text.lowercased())
      if title.hasPrefix("this meeting") {
        slots[index] = 0
      } else if title.hasPrefix("last meeting") {
        slots[index] = 1
      } else if title.contains("issue tracker") {
        slots[index] = Int.max
      } else if title.contains("meetings ago"), let n = Int(title.prefix { $0.isNumber }), n >= 2 {
        slots[index] = n
      }
    }
    guard slots.values.contains(1), slots.values.contains(where: { $0 >= 2 }) else { return nil }
    return slots
  }

  // MARK: - Skeleton

  static func skeleton(of previous: NoteDocument, date: MeetingDate, newURI: String, carried blocks: [CarriedBlock])
    -> String
  {
    let source = previous.source
    let carried = blocks.map(\.text)
    // The conda-forge layout moves every item one sub-section down; elsewhere all go to one section.
    let slots = shiftSlots(in: previous)
    func slot(of section: Int?) -> Int? {
      var current = section
      var guardCount = 0
      while let index = current, guardCount < 64 {
        if let slot = slots?[index] { return slot }
        current = previous.sections.indices.contains(index) ? previous.sections[index].parent : nil
        guardCount += 1
      }
      return nil
    }
    // NOTE: each block moves one rung down the ladder (`This meeting` → `Last meeting` → `2 meetings ago` → … →
    // `Move to Issue Tracker`). A rung the note lacks passes its items on to the next one there is; the items of the
    // last rung stay on it when there is no issue-tracker list: every open item is written.
    let rungs = Set(slots?.values.filter { $0 != Int.max && $0 >= 1 } ?? [])
    let hasTracker = slots?.values.contains(Int.max) ?? false
    func destination(_ block: CarriedBlock) -> Int {
      let from = slot(of: block.section)
      let wanted: Int
      switch from {
      case nil, 0?: wanted = 1
      case Int.max?: wanted = Int.max
      case let n?: wanted = n + 1
      }
      if wanted == Int.max || rungs.isEmpty { return hasTracker || rungs.isEmpty ? wanted : rungs.max()! }
      if let rung = rungs.filter({ $0 >= wanted }).min() { return rung }
      return hasTracker ? Int.max : rungs.max()!
    }
    func shifted(into target: Int) -> String {
      blocks.filter { destination($0) == target }.map(\.text).joined()
    }
    let link = CarryOverText.relativeLink(from: newURI, to: previous.uri)
    // Replacements inside copied text: the dates of the title and front matter, previous-meeting links.
    var replacements: [NoteTextEdit] = []
    let old = previous.meetingDate
    for mention in [previous.dates.title, previous.dates.frontMatter].compactMap({ $0 }) {
      guard let range = mention.range else { continue }
      let written = source.text(in: range)
      let compact = written.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
      replacements.append(
        NoteTextEdit(uri: "", range: range, newText: compact ? CalendarMath.compact(date) : date.description))
    }
    var linked = false
    for mention in previous.previousMeetingLinks {
      let label = source.text(in: mention.range).lowercased()
      guard !label.contains("meetings"), let target = CodeActions.targetRange(of: mention, in: previous) else {
        continue
      }
      replacements.append(NoteTextEdit(uri: "", range: target, newText: link))
      linked = true
    }
    if let title = previous.title, let old, replacements.isEmpty || previous.dates.title == nil {
      // A title whose date the parser did not locate: replace the plain ISO form if present.
      let text = title.text
      if text.contains(old.description), let r = text.utf8RangeOf(old.description) {
        let start = title.range.utf8Start + r.lowerBound
        replacements.append(
          NoteTextEdit(
            uri: "", range: TextRange(utf8Start: start, utf8End: start + r.count), newText: date.description))
      }
    }
    func copy(_ range: TextRange) -> String {
      let inside = replacements.filter { $0.range.utf8Start >= range.utf8Start && $0.range.utf8End <= range.utf8End }
        .map {
          NoteTextEdit(
            uri: "",
            range: TextRange(
              utf8Start: $0.range.utf8Start - range.utf8Start,
              utf8End: $0.range.utf8End - range.utf8Start), newText: $0.newText)
        }
      return NoteTextEdit.apply(inside, to: source.text(in: range))
    }
    func lineRange(_ from: Int, _ to: Int) -> TextRange {
      let start = from < source.lineCount ? source.lineStarts[from] : source.bytes.count
      let end = to < source.lineCount ? source.lineStarts[to] : source.bytes.count
      return TextRange(utf8Start: start, utf8End: max(start, end))
    }

    let headings = previous.sections.enumerated().map {
      ($0.offset, source.line(containingUTF8Offset: $0.element.headingRange.utf8Start))
    }
    .sorted { $0.1 < $1.1 }
    let checkboxLines = Set(
      previous.items.filter { $0.checkbox != nil }.map {
        source.line(containingUTF8Offset: $0.range.utf8Start)
      })
    let target = carryTarget(in: previous)
    // Without a carry-over section, a new one goes before the new agenda items (else the action items).
    let newSectionBefore =
      previous.sections.indices.first { index in
        let title = previous.sections[index].title.text.lowercased()
        return previous.sections[index].level >= 2 && (title.contains("new agenda") || title.contains("agenda items"))
      } ?? previous.sections.indices.first { previous.sections[$0].kind == .actionItems }
    var out = ""
    var carriedWritten = carried.isEmpty
    let marker = CarryOverText.marker(of: previous)
    let firstHeading = headings.first?.1 ?? source.lineCount
    // Front matter and anything before the first heading.
    out += copy(lineRange(0, firstHeading))
    for (position, (sectionIndex, headingLine)) in headings.enumerated() {
      let section = previous.sections[sectionIndex]
      let bodyEnd = position + 1 < headings.count ? headings[position + 1].1 : source.lineCount
      // A new carry-over section goes before the first action-items section when the note has none.
      if !carriedWritten, target == nil, sectionIndex == newSectionBefore {
        out += String(repeating: "#", count: max(2, section.level)) + " From previous meetings\n\n"
        out += carried.joined() + "\n"
        carriedWritten = true
      }
      out += ensureNewline(copy(lineRange(headingLine, headingLine + 1)))
      let isTitle =
        previous.title.map {
          $0.range.utf8Start >= section.headingRange.utf8Start
            && $0.range.utf8End <= section.headingRange.utf8End
        } ?? false
      let body = (headingLine + 1)..<bodyEnd
      if isTitle {
        var lines: [String] = []
        var i = body.lowerBound
        while i < body.upperBound {
          if checkboxLines.contains(i) {
            i += 1
            continue
          }
          lines.append(copy(lineRange(i, i + 1)))
          i += 1
        }
        var preamble = lines.joined()
        if !linked {
          preamble = "\n[Previous meeting](\(link))\n" + (preamble.hasPrefix("\n") ? "" : "\n") + preamble
          linked = true
        }
        out += preamble
        continue
      }
      let comments = commentLines(body, source: source)
      let kind = previous.sectionKind(ofSection: sectionIndex)
      var parts: [String] = []
      if !comments.isEmpty { parts.append(comments) }
      if section.kind == .attendees || (kind == .attendees && previous.attendees?.section == sectionIndex) {
        parts.append(contentsOf: attendeeSkeleton(previous, marker: marker))
      } else if let slots, let slot = slots[sectionIndex] {
        let moved = shifted(into: slot)
        if !moved.isEmpty { parts.append(moved) }
        carriedWritten = true
      } else if slots != nil, slot(of: sectionIndex) != nil || kind == .carryOver {
        // The carry-over section's own text (its instructions) stays; its items moved into the sub-sections.
      } else if sectionIndex == target {
        if !carried.isEmpty {
          parts.append(carried.joined())
          carriedWritten = true
        } else {
          parts.append("\(marker) [ ]\n")
        }
      } else if previous.items.contains(where: { $0.section == sectionIndex && $0.checkbox != nil }) {
        parts.append("\(marker) [ ]\n")
      }
      out += parts.isEmpty ? "\n" : "\n" + parts.joined(separator: "\n") + "\n"
    }
    if !carriedWritten {
      out = ensureNewline(out) + "\n## From previous meetings\n\n" + carried.joined()
    }
    return collapseBlankLines(ensureNewline(out))
  }

  /// Whether a section (or one enclosing it) puts items off to the next meeting.
  static func isDeferred(_ section: Int?, in document: NoteDocument) -> Bool {
    var current = section
    var guardCount = 0
    while let index = current, document.sections.indices.contains(index), guardCount < 64 {
      let title = document.sections[index].title.text.lowercased()
      if title.contains("deferred") || title.contains("pushed to next") || title.contains("next meeting") {
        return true
      }
      current = document.sections[index].parent
      guardCount += 1
    }
    return false
  }

  /// The section of the previous note that receives carried items in the new one (same rule as the code action).
  static func carryTarget(in document: NoteDocument) -> Int? {
    let carry = document.sections.indices.filter { document.sections[$0].kind == .carryOver }
    return carry.first { index in
      let title = document.sections[index].title.text.lowercased()
      return title.contains("last meeting") || title.contains("previous meeting")
    } ?? carry.first
  }

  /// The attendee list emptied: the table's header with blank rows, or list placeholders; the headcount as `X`.
  static func attendeeSkeleton(_ previous: NoteDocument, marker: String) -> [String] {
    var parts: [String] = []
    if let list = previous.attendees {
      switch list.form {
      case .table:
        let rows = max(5, min(30, list.entries.count + list.placeholderRows.count))
        parts.append(CodeActions.attendeeTableSkeleton(from: previous, rows: rows))
      case .orderedList:
        parts.append("1. ...\n1. ...\n1. ...\n")
      case .bulletList:
        parts.append("\(marker) ...\n\(marker) ...\n\(marker) ...\n")
      case .inline:
        parts.append("Attendees: ...\n")
      }
    } else {
      parts.append(CodeActions.attendeeTableSkeleton(from: nil, rows: 5))
    }
    if let count = previous.headcounts.first {
      let source = previous.source
      let line = source.text(in: source.contentRange(ofLine: source.line(containingUTF8Offset: count.range.utf8Start)))
      let lineStart = source.contentRange(ofLine: source.line(containingUTF8Offset: count.range.utf8Start)).utf8Start
      let local = TextRange(
        utf8Start: count.numberRange.utf8Start - lineStart, utf8End: count.numberRange.utf8End - lineStart)
      var text = NoteTextEdit.apply([NoteTextEdit(uri: "", range: local, newText: "X")], to: line)
      // Drop remarks about the previous meeting's people: `15 people total (MRB arrived halfway through)`.
      if let paren = text.firstIndex(of: "(") { text = String(text[..<paren]) }
      parts.append(ItemText.trimmed(text) + "\n")
    }
    return parts
  }

  /// The HTML comments of a section's body (instructions for the writer), as written.
  static func commentLines(_ lines: Range<Int>, source: SourceText) -> String {
    var out = ""
    var inComment = false
    for i in lines {
      let text = source.lineText(i)
      let trimmed = ItemText.trimmed(text)
      if !inComment && trimmed.hasPrefix("<!--") { inComment = true }
      if inComment {
        out += text + "\n"
        if trimmed.contains("-->") { inComment = false }
      }
    }
    return out
  }

  // MARK: - Template

  /// Fills `{{ date.strftime("…") }}` (and `{{ date }}`) in a template.
  public static func fillTemplate(_ template: String, date: MeetingDate) -> String {
    var out = ""
    var rest = Substring(template)
    while let open = rest.range(of: "{{") {
      out += rest[..<open.lowerBound]
      guard let close = rest[open.upperBound...].range(of: "}}") else {
        out += rest[open.lowerBound...]
        return out
      }
      let expression = ItemText.trimmed(String(rest[open.upperBound..<close.lowerBound]))
      if expression == "date" {
        out += date.description
      } else if expression.hasPrefix("date.strftime("),
        let q1 = expression.firstIndex(where: { $0 == "\"" || $0 == "'" }),
        let q2 = expression[expression.index(after: q1)...].firstIndex(where: { $0 == expression[q1] })
      {
        out += CalendarMath.strftime(String(expression[expression.index(after: q1)..<q2]), date)
      } else {
        out += rest[open.lowerBound..<close.upperBound]
      }
      rest = rest[close.upperBound...]
    }
    out += rest
    return out
  }

  /// Puts carried blocks into a text's carry-over section (or a new one).
  static func addCarried(_ carried: [String], to text: String, uri: String) -> String {
    guard !carried.isEmpty else { return text }
    let document = NoteParser.parse(uri: uri, text: text)
    let insertion = CarryOverText.insertion(in: document)
    let edit = NoteTextEdit(
      uri: uri, range: insertion.range, newText: insertion.prefix + carried.joined() + insertion.suffix)
    return NoteTextEdit.apply([edit], to: text)
  }

  /// Points the text's placeholder previous-meeting links at the previous file, or adds a link after the title.
  static func linkPrevious(_ text: String, uri: String, previousURI: String) -> String {
    let document = NoteParser.parse(uri: uri, text: text)
    let link = CarryOverText.relativeLink(from: uri, to: previousURI)
    var edits: [NoteTextEdit] = []
    for mention in document.previousMeetingLinks {
      let label = document.source.text(in: mention.range).lowercased()
      guard !label.contains("meetings"), let target = CodeActions.targetRange(of: mention, in: document) else {
        continue
      }
      edits.append(NoteTextEdit(uri: uri, range: target, newText: link))
    }
    if edits.isEmpty {
      let line = document.title.map { document.source.line(containingUTF8Offset: $0.range.utf8Start) } ?? -1
      let at = line + 1 < document.source.lineCount ? document.source.lineStarts[line + 1] : document.source.bytes.count
      let lead = at == document.source.bytes.count && !text.hasSuffix("\n") ? "\n" : ""
      edits.append(
        NoteTextEdit(
          uri: uri, range: TextRange(utf8Start: at, utf8End: at), newText: lead + "\n[Previous meeting](\(link))\n"))
    }
    return NoteTextEdit.apply(edits, to: text)
  }

  // MARK: - Text

  static func ensureNewline(_ text: String) -> String { text.isEmpty || text.hasSuffix("\n") ? text : text + "\n" }

  /// At most one blank line in a row, and none at the end.
  static func collapseBlankLines(_ text: String) -> String {
    var out: [Substring] = []
    var blank = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if CarryOverText.isBlank(String(line)) {
        blank += 1
        if blank > 1 { continue }
      } else {
        blank = 0
      }
      out.append(line)
    }
    while let last = out.last, CarryOverText.isBlank(String(last)) { out.removeLast() }
    return out.joined(separator: "\n") + "\n"
  }
}

extension String {
  fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
    guard let range = range(of: target) else { return self }
    return replacingCharacters(in: range, with: replacement)
  }

  /// The UTF-8 offsets of the first occurrence of `needle`.
  fileprivate func utf8RangeOf(_ needle: String) -> Range<Int>? {
    let hay = Array(utf8)
    let n = Array(needle.utf8)
    guard !n.isEmpty, hay.count >= n.count else { return nil }
    for i in 0...(hay.count - n.count) where Array(hay[i..<(i + n.count)]) == n { return i..<(i + n.count) }
    return nil
  }
}
