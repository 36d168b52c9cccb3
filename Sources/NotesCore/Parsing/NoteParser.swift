/// Reads one Markdown file into a `NoteDocument`. Parsing never fails: any text gives a document.
public enum NoteParser {
  /// Parses `text` found at `uri` (a `file://` URI or a plain path; only its last components are used, for the file
  /// name date and the series folder).
  public static func parse(uri: String, text: String) -> NoteDocument {
    parse(uri: uri, source: SourceText(text))
  }

  /// Parses a text whose line table the caller already holds (an editor's open document): the note shares it.
  public static func parse(uri: String, source: SourceText) -> NoteDocument {
    let (fileName, folder) = NotePath.split(uri)
    let lines = ByteScanner.lines(of: source)
    let raw = ByteScanner(bytes: source.bytes)
    let frontMatter = FrontMatterParser.parse(raw, lines: lines)
    let bodyStart = frontMatter?.bodyStartLine ?? 0
    let masked = BlockMasker.mask(source, lines: lines, bodyStartLine: bodyStart)
    let scan = ByteScanner(bytes: masked.bytes)

    var pass = LinePass(scan: scan, lines: lines)
    pass.run(from: bodyStart)

    var sections = SectionBuilder.build(pass.headings, lines: lines, textEnd: source.bytes.count)
    promoteSectionsHoldingItems(&sections, items: pass.items)

    var document = NoteDocument(
      uri: uri, source: source, fileName: fileName, folder: folder, kind: .other,
      frontMatter: frontMatter?.frontMatter)
    document.sections = sections.trimmedToSize()
    document.headcounts = pass.headcounts
    document.proposalReferences = pass.proposals

    // Title and dates.
    if let h1 = pass.headings.first(where: { $0.level == 1 }) { document.title = h1.title }
    var dates = NoteDates()
    if let date = DateParser.fileNameDate(fileName) { dates.fileName = DateMention(date: date, range: nil) }
    if let title = document.title,
      let found = DateParser.first(scan, title.range.utf8Start, title.range.utf8End, allowMonthNames: true)
    {
      dates.title = DateMention(date: found.date, range: found.range)
    }
    if let fm = frontMatter {
      for span in [fm.date, fm.frontMatter.title].compactMap({ $0 }) {
        if let found = DateParser.first(raw, span.range.utf8Start, span.range.utf8End, allowMonthNames: true) {
          dates.frontMatter = DateMention(date: found.date, range: found.range)
          break
        }
      }
    }
    document.dates = dates
    // NOTE: a date in the front matter also makes a meeting note (conda-forge's migration added `title: 'YYYY-MM-DD'`
    // to every note); a README beside the notes has none of these.
    let tagged =
      frontMatter?.frontMatter.tags.contains { tag in
        let t = tag.text.lowercased()
        return t == "meeting-notes" || t == "meeting_notes" || t == "meeting notes" || t == "meeting"
      } ?? false
    document.kind =
      dates.title != nil || dates.fileName != nil || dates.frontMatter != nil || tagged ? .meeting : .other

    // Attendees.
    var mentions: [PersonMention] = []
    var attendees = AttendeeLocator.locate(
      scan, lines: lines, sections: sections, headings: pass.headings, pass: pass, mentions: &mentions)
    if let entries = attendees?.entries { attendees?.entries = entries.trimmedToSize() }
    document.attendees = attendees

    // NOTE: items of the attendee list name attendees, not owners (`1. JRG: Jaime …` is a person, not a task).
    if let list = document.attendees {
      for index in pass.items.indices where !pass.items[index].owners.isEmpty {
        let item = pass.items[index]
        let inList =
          !list.range.isEmpty && list.range.utf8Start <= item.range.utf8Start
          && item.range.utf8Start <= list.range.utf8End
        if inList { pass.items[index].owners = [] }
      }
    }

    // Previous meeting links, including entries of a `Previous meetings` list.
    var links = pass.links
    let linkLines = Set(links.map { source.line(containingUTF8Offset: $0.range.utf8Start) })
    for (index, item) in pass.items.enumerated() {
      guard let section = item.section, sections[section].kind == .previousMeetings, item.parent == nil else {
        continue
      }
      if linkLines.contains(pass.itemLines[index]) { continue }
      if let link = PreviousMeetingLinkParser.listEntry(scan, content: item.contentRange) { links.append(link) }
    }
    links.sort { $0.range < $1.range }
    document.previousMeetingLinks = links

    // Handles and initials leading prose, when the note knows them.
    var handles = Set<String>()
    var initials = Set<String>()
    var names = Set<String>()
    for item in pass.items {
      for owner in item.owners {
        switch owner.kind {
        case .handle: handles.insert(owner.text.lowercased())
        case .initials: initials.insert(owner.text)
        case .name: names.insert(String(owner.text.prefix { $0 != " " }))
        default: break
        }
      }
    }
    for entry in document.attendees?.entries ?? [] {
      if let h = entry.github { handles.insert(h.text.lowercased()) }
      if let i = entry.initials { initials.insert(i.text) }
      if let n = entry.name, let first = n.text.split(separator: " ").first { names.insert(String(first)) }
    }
    if !handles.isEmpty || !initials.isEmpty || !names.isEmpty {
      let listed = document.attendees?.range
      for index in pass.items.indices where pass.items[index].owners.isEmpty {
        let content = pass.items[index].contentRange
        // People listed as attendees own nothing.
        if let r = listed, r.utf8Start <= content.utf8Start && content.utf8Start <= r.utf8End { continue }
        if document.sectionKind(ofSection: pass.items[index].section) == .attendees { continue }
        var owners = OwnerParser.knownHandleProse(scan, content.utf8Start, content.utf8End, known: handles)
        if owners.isEmpty, let rest = OwnerParser.afterLabel(scan, content.utf8Start, content.utf8End) {
          owners = OwnerParser.knownHandleProse(scan, rest, content.utf8End, known: handles)
        }
        if owners.isEmpty {
          let kind = document.sectionKind(ofSection: pass.items[index].section)
          let isTask = pass.items[index].checkbox != nil || kind == .actionItems || kind == .carryOver
          owners = OwnerParser.knownPersonFirst(
            scan, content.utf8Start, content.utf8End, initials: initials, names: names, isTask: isTask)
        }
        if !owners.isEmpty { pass.items[index].owners = owners }
      }
    }

    // Tasks, and the owners only a task's form reveals.
    var known = TaskReader.Known(handles: handles, initials: initials, names: names)
    known.lowerNames = names.map { $0.lowercased() }
    TaskReader.assign(
      &pass.items, sections: sections, scan: scan, known: known, attendeeList: document.attendees?.range)
    // A note is held long after it is parsed (until `--check` reports it, or while the editor has it open): its
    // longest arrays (items, sections, attendee rows) keep no spare capacity.
    document.items = pass.items.trimmedToSize()

    // Owners and speakers.
    for index in pass.items.indices {
      let item = pass.items[index]
      guard !item.owners.isEmpty else { continue }
      let role = mentionRole(item, kind: document.sectionKind(ofSection: item.section))
      for owner in item.owners {
        mentions.append(PersonMention(kind: owner.kind, role: role, text: owner.text, range: owner.range))
      }
    }
    mentions.sort { $0.range.utf8Start < $1.range.utf8Start }
    document.mentions = mentions
    return document
  }

  /// Whether the people named at the start of an item own it or are speaking in a discussion.
  // NOTE: a nested bullet without a checkbox (`- WV: Mostly…`, `- (IF) Adding CUDA 11.3…`) records who said
  // something: its people are speakers. A checkbox item, a top-level bullet, a prose owner (`Filipe to …`) and any
  // item in an action-item or carry-over section name owners. Both keep `owners`, so that nested items still inherit.
  static func mentionRole(_ item: ListItem, kind: SectionKind) -> MentionRole {
    guard item.checkbox == nil, item.parent != nil, kind != .actionItems, kind != .carryOver else { return .owner }
    let form = item.owners.first?.form
    return form == .colonPrefix || form == .parenthesized || form == .bracketed ? .speaker : .owner
  }

  /// A section with no telling name that holds items directly is an agenda section.
  private static func promoteSectionsHoldingItems(_ sections: inout [Section], items: [ListItem]) {
    var holds = [Bool](repeating: false, count: sections.count)
    for item in items { if let s = item.section, s < holds.count { holds[s] = true } }
    for index in sections.indices where sections[index].kind == .other && holds[index] {
      var inherited = SectionKind.other
      var current = sections[index].parent
      while let p = current {
        if sections[p].kind != .other {
          inherited = sections[p].kind
          break
        }
        current = sections[p].parent
      }
      if inherited == .other || inherited == .attendees { sections[index].kind = .agenda }
    }
  }
}

// MARK: - The line pass

/// One pass over the lines: headings, list items with their owners, headcounts, proposal references and
/// previous-meeting links.
struct LinePass {
  let scan: ByteScanner
  let lines: [LineSpan]
  var headings: [HeadingLine] = []
  /// For each line, the index of the heading it starts, or -1.
  var headingAtLine: [Int]
  var items: [ListItem] = []
  var itemLines: [Int] = []
  /// For each line, the item index it starts, or -1.
  var itemAtLine: [Int]
  var headcounts: [Headcount] = []
  /// Lines holding a headcount.
  var headcountLines = Set<Int>()
  var proposals: [ProposalReference] = []
  var links: [PreviousMeetingLink] = []
  /// Lines that label a list of attendees outside any attendees section (`**Attendees**`, `Attendees: …`).
  var labelLines: [(line: Int, end: Int)] = []

  init(scan: ByteScanner, lines: [LineSpan]) {
    self.scan = scan
    self.lines = lines
    headingAtLine = [Int](repeating: -1, count: lines.count)
    itemAtLine = [Int](repeating: -1, count: lines.count)
  }

  mutating func run(from bodyStart: Int) {
    var stack: [(indent: Int, index: Int)] = []
    var paragraphLine: Int?
    for line in lines where line.number >= bodyStart {
      let first = scan.skipBlanks(line.start, line.end)
      if first == line.end {
        paragraphLine = nil
        continue
      }
      ProposalReferenceParser.references(scan, line, into: &proposals)
      PreviousMeetingLinkParser.links(scan, line, into: &links)
      if let heading = HeadingParser.atx(scan, line) {
        headingAtLine[line.number] = headings.count
        headings.append(heading)
        stack.removeAll()
        paragraphLine = nil
        continue
      }
      if let p = paragraphLine, HeadingParser.isSetextUnderline(scan, line) {
        let text = lines[p]
        let (s, e) = scan.trim(text.start, text.end)
        headingAtLine[p] = headings.count
        headings.append(
          HeadingLine(
            level: 1, line: p, lastLine: line.number,
            title: Span(text: scan.string(s, e), range: TextRange(utf8Start: s, utf8End: e)),
            range: TextRange(utf8Start: text.start, utf8End: scan.trim(line.start, line.end).1)))
        stack.removeAll()
        paragraphLine = nil
        continue
      }
      if let marker = ListItemParser.marker(scan, line) {
        paragraphLine = nil
        while let top = stack.last, top.indent >= marker.indent { stack.removeLast() }
        let item = makeItem(line, marker, parent: stack.last?.index)
        itemAtLine[line.number] = items.count
        stack.append((marker.indent, items.count))
        items.append(item)
        itemLines.append(line.number)
        continue
      }
      // A paragraph line at the left margin ends every list.
      if first == line.start { stack.removeAll() }
      paragraphLine = AttendeeParser.isTableRow(scan, line) ? nil : line.number
      if let count = HeadcountParser.headcount(scan, line) {
        headcounts.append(count)
        headcountLines.insert(line.number)
      } else if let end = AttendeeParser.labelEnd(scan, line) {
        labelLines.append((line.number, end))
      }
    }
  }

  private func makeItem(_ line: LineSpan, _ marker: ListMarkerLine, parent: Int?) -> ListItem {
    var contentStart = marker.contentStart
    var checkbox = ListItemParser.checkbox(scan, at: contentStart, end: line.end)
    if let box = checkbox { contentStart = scan.skipBlanks(box.range.utf8End, line.end) }
    // `* (JK) [ ] to email steve`, `* ( ) [ ] make a hint`: the owner slot before the checkbox.
    var slotOwners: [Owner]?
    if checkbox == nil, let slot = OwnerParser.slotBeforeCheckbox(scan, contentStart, line.end) {
      checkbox = slot.checkbox
      slotOwners = slot.owners
      contentStart = scan.skipBlanks(slot.checkbox.range.utf8End, line.end)
    }
    let (cs, ce) = scan.trim(contentStart, line.end)
    let owners = slotOwners ?? OwnerParser.owners(scan, cs, ce)
    return ListItem(
      range: TextRange(utf8Start: marker.markerStart, utf8End: line.end), indent: marker.indent, marker: marker.marker,
      checkbox: checkbox, contentRange: TextRange(utf8Start: cs, utf8End: ce), owners: owners, parent: parent,
      section: headings.isEmpty ? nil : headings.count - 1,
      isEmptyTemplate: checkbox != nil && ListItemParser.isEmptyTemplate(scan.string(cs, ce)))
  }
}

// MARK: - Finding the attendees

enum AttendeeLocator {
  static func locate(
    _ scan: ByteScanner, lines: [LineSpan], sections: [Section], headings: [HeadingLine], pass: LinePass,
    mentions: inout [PersonMention]
  ) -> AttendeeList? {
    if let index = sections.firstIndex(where: { $0.kind == .attendees }) {
      let heading = headings[index]
      let bodyEnd = index + 1 < headings.count ? headings[index + 1].line : lines.count
      if let list = fromLines(
        scan, lines: lines, from: heading.lastLine + 1, to: bodyEnd, section: index, pass: pass, paragraphs: true,
        mentions: &mentions)
      {
        return list
      }
      // `## Attendees: Michael Sarahan, Ray Donnelly`: the names are in the heading.
      let title = sections[index].title.range
      if let colon = scan.firstIndex(of: UInt8(ascii: ":"), from: title.utf8Start, to: title.utf8End),
        let list = AttendeeParser.inline(scan, colon + 1, title.utf8End, section: index, mentions: &mentions)
      {
        return list
      }
      // NOTE: an attendees heading with nobody under it gives an empty list (form `.bulletList`, the form a
      // template's people are added in) whose range is empty at the end of the heading: `attendees.missing` can
      // point there.
      let end = sections[index].headingRange.utf8End
      return AttendeeList(
        form: .bulletList, section: index, columns: [], headerRange: nil, entries: [], placeholderRows: [],
        range: TextRange(utf8Start: end, utf8End: end))
    }
    // No attendees heading: a label line (`**Attendees**`, `Attendees: Michael Sarahan, …`).
    let labels = Set(pass.labelLines.map(\.line))
    for label in pass.labelLines {
      let line = lines[label.line]
      if scan.skipBlanks(label.end, line.end) < line.end {
        if let list = AttendeeParser.inline(scan, label.end, line.end, section: nil, mentions: &mentions) {
          return list
        }
        continue
      }
      var end = label.line + 1
      while end < lines.count && pass.headingAtLine[end] < 0 && !labels.contains(end)
        && !isLabelLike(scan, lines[end], pass: pass)
      {
        end += 1
      }
      if let list = fromLines(
        scan, lines: lines, from: label.line + 1, to: end, section: nil, pass: pass, paragraphs: true,
        mentions: &mentions)
      {
        return list
      }
    }
    return nil
  }

  /// A table, a list or lines of names, whichever comes first in `from..<to`.
  static func fromLines(
    _ scan: ByteScanner, lines: [LineSpan], from: Int, to: Int, section: Int?, pass: LinePass, paragraphs: Bool,
    mentions: inout [PersonMention]
  ) -> AttendeeList? {
    var n = from
    var firstParagraph: Int?
    while n < to && n < lines.count {
      let line = lines[n]
      if scan.isBlankLine(line) || pass.headcountLines.contains(n) {
        n += 1
        continue
      }
      if pass.itemAtLine[n] >= 0 {
        // Items up to the first paragraph line at the left margin.
        var items: [AttendeeItemLine] = []
        var k = n
        while k < to && k < lines.count {
          let index = pass.itemAtLine[k]
          if index >= 0 {
            let item = pass.items[index]
            items.append(
              AttendeeItemLine(
                line: k, item: index, parent: item.parent, marker: item.marker, content: item.contentRange,
                range: item.range))
          } else if !scan.isBlankLine(lines[k]) && scan.indentation(lines[k]).columns == 0 {
            break
          }
          k += 1
        }
        return AttendeeParser.list(scan, items: items, section: section, mentions: &mentions)
      }
      if AttendeeParser.isTableRow(scan, line) {
        return AttendeeParser.table(scan, lines: lines, first: n, end: to, section: section, mentions: &mentions).list
      }
      if firstParagraph == nil { firstParagraph = n }
      n += 1
    }
    // NOTE: a list or a table anywhere in the attendees body wins over prose (`Add yourself below:`); lines of
    // names are read only when there is neither.
    var p = firstParagraph
    while paragraphs, let start = p, start < to {
      if let list = paragraphNames(
        scan, lines: lines, from: start, to: to, section: section, pass: pass,
        mentions: &mentions)
      {
        return list
      }
      var next = start + 1
      while next < to && (scan.isBlankLine(lines[next]) || pass.headcountLines.contains(next)) { next += 1 }
      p = next < to ? next : nil
    }
    return nil
  }

  /// A line that labels what follows (`**Standing items**`, `Notes:`): it ends the names after `**Attendees**`.
  static func isLabelLike(_ scan: ByteScanner, _ line: LineSpan, pass: LinePass) -> Bool {
    guard pass.itemAtLine[line.number] < 0 else { return false }
    let (s, e) = scan.trim(line.start, line.end)
    guard s < e else { return false }
    let emphasis =
      scan[s] == UInt8(ascii: "*") && scan[s + 1] == UInt8(ascii: "*")
      || scan[s] == UInt8(ascii: "_") && scan[s + 1] == UInt8(ascii: "_")
    return emphasis || scan[e - 1] == UInt8(ascii: ":")
  }

  /// One to four capitalised words: `Filipe`, `Matt Craig`, `Marius van Niekerk`.
  static func isNameLine(_ scan: ByteScanner, _ range: TextRange) -> Bool {
    let words = OwnerToken.wordRanges(scan, range.utf8Start, range.utf8End)
    if words.count == 1 { return OwnerToken.isName(scan, words[0].0, words[0].1) }
    return OwnerToken.isFullName(scan, words)
  }

  /// Names written as lines of prose: `Attendees: a, b, c` continued, or one name per paragraph (2016 notes).
  private static func paragraphNames(
    _ scan: ByteScanner, lines: [LineSpan], from: Int, to: Int, section: Int?, pass: LinePass,
    mentions: inout [PersonMention]
  ) -> AttendeeList? {
    let line = lines[from]
    let (s, e) = scan.trim(line.start, line.end)
    // A line of comma-separated names.
    if scan.firstIndex(of: UInt8(ascii: ","), from: s, to: e) != nil {
      return AttendeeParser.inline(scan, s, e, section: section, mentions: &mentions)
    }
    // One short name per line, until emphasis, a list or a long line.
    var entries: [Attendee] = []
    var first: Int?
    var last = s
    var n = from
    var local: [PersonMention] = []
    while n < to && n < lines.count {
      let l = lines[n]
      n += 1
      let (ls, le) = scan.trim(l.start, l.end)
      if ls >= le { continue }
      if scan[ls] == UInt8(ascii: "*") || scan[ls] == UInt8(ascii: "_") || pass.itemAtLine[l.number] >= 0
        || le - ls > 80 || AttendeeParser.isTableRow(scan, l)
      {
        break
      }
      guard let attendee = AttendeeParser.entry(scan, ls, le, range: TextRange(utf8Start: ls, utf8End: le)),
        let name = attendee.name, isNameLine(scan, name.range)
      else { break }
      entries.append(attendee)
      AttendeeParser.appendMentions(scan, attendee, to: &local)
      if first == nil { first = ls }
      last = le
    }
    guard let start = first, !entries.isEmpty else { return nil }
    mentions.append(contentsOf: local)
    return AttendeeList(
      form: .inline, section: section, columns: [], headerRange: nil, entries: entries, placeholderRows: [],
      range: TextRange(utf8Start: start, utf8End: last))
  }
}
