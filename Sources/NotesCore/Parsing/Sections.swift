// MARK: - Headings

/// A heading found on one line (or two, for setext).
struct HeadingLine {
  var level: Int
  /// First line of the heading (the text line of a setext heading).
  var line: Int
  /// Last line of the heading (the `===` line of a setext heading).
  var lastLine: Int
  var title: Span
  var range: TextRange
}

enum HeadingParser {
  /// An ATX heading `#`…`######` with at most three spaces of indentation.
  static func atx(_ scan: ByteScanner, _ line: LineSpan) -> HeadingLine? {
    var i = line.start
    while i < line.end && i - line.start < 4 && scan[i] == 0x20 { i += 1 }
    guard i - line.start <= 3, scan[i] == UInt8(ascii: "#") else { return nil }
    let hashes = i
    while i < line.end && scan[i] == UInt8(ascii: "#") { i += 1 }
    let level = i - hashes
    guard level <= 6, i == line.end || ASCII.isBlank(scan[i]) else { return nil }
    var (s, e) = scan.trim(i, line.end)
    // A closing sequence of `#`s preceded by a blank is not part of the title.
    var k = e
    while k > s && scan[k - 1] == UInt8(ascii: "#") { k -= 1 }
    if k < e && (k == s || ASCII.isBlank(scan[k - 1])) { (s, e) = scan.trim(s, k) }
    let title = Span(text: scan.string(s, e), range: TextRange(utf8Start: s, utf8End: e))
    let end = scan.trim(line.start, line.end).1
    return HeadingLine(
      level: level, line: line.number, lastLine: line.number, title: title,
      range: TextRange(utf8Start: line.start, utf8End: max(end, line.start)))
  }

  /// Whether a line is a setext `===` underline (level 1 only).
  // NOTE: only `===` underlines make setext headings; `---` under a paragraph is read as a rule, which is what
  // most note authors mean by it.
  static func isSetextUnderline(_ scan: ByteScanner, _ line: LineSpan) -> Bool {
    let (s, e) = scan.trim(line.start, line.end)
    guard e - s >= 2, s - line.start <= 3 else { return false }
    var i = s
    while i < e {
      if scan[i] != UInt8(ascii: "=") { return false }
      i += 1
    }
    return true
  }
}

// MARK: - Section tree

enum SectionBuilder {
  /// Builds the section tree from headings in document order.
  static func build(_ headings: [HeadingLine], lines: [LineSpan], textEnd: Int) -> [Section] {
    var sections: [Section] = []
    sections.reserveCapacity(headings.count)
    var stack: [Int] = []
    for heading in headings {
      while let top = stack.last, sections[top].level >= heading.level {
        close(&sections[top], before: heading.line, lines: lines)
        stack.removeLast()
      }
      let parent = stack.last
      let parentKind = parent.map { sections[$0].kind }
      let kind = SectionClassifier.classify(heading.title.text, parentKind: parentKind)
      sections.append(
        Section(
          level: heading.level, title: heading.title, headingRange: heading.range,
          range: TextRange(utf8Start: heading.range.utf8Start, utf8End: textEnd), parent: parent, kind: kind))
      stack.append(sections.count - 1)
    }
    return sections
  }

  private static func close(_ section: inout Section, before line: Int, lines: [LineSpan]) {
    let last = line - 1
    guard last >= 0 && last < lines.count else { return }
    section.range = TextRange(
      utf8Start: section.range.utf8Start, utf8End: max(lines[last].end, section.headingRange.utf8End))
  }
}

// MARK: - Section kinds

enum SectionClassifier {
  /// Lower-case words of a heading: letters and digits, everything else (emoji, punctuation) a separator.
  static func words(_ title: String) -> [Substring] {
    var normalized = ""
    normalized.reserveCapacity(title.utf8.count)
    for scalar in title.unicodeScalars {
      if scalar.isASCII, let b = UInt8(exactly: scalar.value), ASCII.isAlnum(b) {
        normalized.unicodeScalars.append(Unicode.Scalar(ASCII.lower(b)))
      } else if scalar == "'" || scalar == "’" {
        continue
      } else {
        normalized.append(" ")
      }
    }
    return normalized.split(separator: " ")
  }

  /// Judges a section from its heading text and its parent's kind.
  static func classify(_ title: String, parentKind: SectionKind?) -> SectionKind {
    let own = classifyText(title)
    // NOTE: `### This meeting` (or `This meeting TODOs`) under `Check in on previous action items` holds the new
    // action items of the meeting, which the next note moves to `Last meeting`: action items, not carried ones.
    if parentKind == .carryOver && words(title).starts(with: ["this", "meeting"]) { return .actionItems }
    // NOTE: under a carry-over heading (`Check in on previous action items`), sub-headings such as `### Last meeting`,
    // `### 2 meetings ago` or `### TODOs` hold carried items too.
    if parentKind == .carryOver && (own == .other || own == .actionItems || own == .agenda) { return .carryOver }
    return own
  }

  /// The words of a heading as bytes, each preceded and followed by one space (`" action items "`); empty when the
  /// heading has no words. The same words as `words(_:)`, without a String per word.
  static func joinedWords(_ title: String) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(title.utf8.count + 2)
    out.append(0x20)
    var utf8 = title.utf8.makeIterator()
    var pending: [UInt8] = []
    func emit(_ b: UInt8) {
      if b == 0x20 {
        if out.last != 0x20 { out.append(0x20) }
      } else {
        out.append(b)
      }
    }
    // Scalars: ASCII letters and digits are kept (lower-cased), `'` and `’` are dropped, all else separates.
    while let b = utf8.next() {
      if b < 0x80 {
        if ASCII.isAlnum(b) {
          emit(ASCII.lower(b))
        } else if b != UInt8(ascii: "'") {
          emit(0x20)
        }
        continue
      }
      // A multi-byte scalar: read its continuation bytes.
      pending.removeAll(keepingCapacity: true)
      pending.append(b)
      let count = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
      while pending.count < count, let c = utf8.next() { pending.append(c) }
      if pending == [0xE2, 0x80, 0x99] { continue }
      emit(0x20)
    }
    if out.count == 1 { return [] }
    if out.last != 0x20 { out.append(0x20) }
    return out
  }

  private static let agendaWords: Set<String> = [
    "agenda", "announcements", "announcement", "discussion", "discussions", "items", "item", "introductions",
    "intros", "updates", "update", "votes", "vote", "cfeps", "ceps", "cfep", "cep", "topics", "topic", "notes",
    "minutes", "news", "questions", "deferred", "pushed", "standing", "new", "done", "business", "reports",
    "report", "status", "proposals", "roundtable", "open",
  ]

  private static let attendeeFirstWords: Set<String> = [
    "attendee", "attendees", "attendance", "present", "participants", "participant", "attendence", "attendess",
    "atendees", "attendies",
  ]

  static func classifyText(_ title: String) -> SectionKind {
    let text = joinedWords(title)
    if text.isEmpty { return .other }
    let count = text.count
    /// Whether the words of `phrase` occur consecutively.
    func has(_ phrase: StaticString) -> Bool {
      let p = UnsafeBufferPointer(start: phrase.utf8Start, count: phrase.utf8CodeUnitCount)
      let n = p.count
      guard n + 2 <= count else { return false }
      var i = 0
      while i + n + 1 < count {
        if text[i] == 0x20 && text[i + n + 1] == 0x20 {
          var k = 0
          while k < n && text[i + 1 + k] == p[k] { k += 1 }
          if k == n { return true }
        }
        i += 1
      }
      return false
    }
    /// Whether the text starts with ` phrase`.
    func hasPrefix(_ phrase: StaticString) -> Bool {
      let p = UnsafeBufferPointer(start: phrase.utf8Start, count: phrase.utf8CodeUnitCount)
      guard p.count + 1 <= count else { return false }
      for k in 0..<p.count where text[k + 1] != p[k] { return false }
      return true
    }
    /// Whether the text is exactly ` phrase `.
    func equals(_ phrase: StaticString) -> Bool {
      phrase.utf8CodeUnitCount + 2 == count && hasPrefix(phrase)
    }
    var firstEnd = 1
    while firstEnd < count && text[firstEnd] != 0x20 { firstEnd += 1 }
    let first = String(decoding: text[1..<firstEnd], as: UTF8.self)

    // Attendees, but not the absent.
    let absent = has("absentia") || has("absent") || has("regrets") || has("apologies") || has("not present")
    if !absent
      && (attendeeFirstWords.contains(first)
        || has("attendees") || has("whos here") || has("who is here") || equals("people present")
        || hasPrefix("in attendance "))
    {
      return .attendees
    }
    // A list of links to earlier meetings.
    if equals("previous meetings") || equals("past meetings") || equals("previous meeting notes")
      || equals("past meeting notes") || equals("older meetings") || equals("archive")
    {
      return .previousMeetings
    }
    // Items copied forward from earlier meetings.
    if has("previous action items") || has("previous action item") || hasPrefix("from previous")
      || hasPrefix("from the previous") || has("from previous meeting") || has("from previous meetings")
      || has("from last meeting") || has("from last week") || hasPrefix("last meeting") || has("meetings ago")
      || has("meeting ago") || has("issue tracker") || has("outstanding items") || has("carried over")
      || has("carry over") || has("carryover") || has("previous meeting") || has("last weeks action items")
      || hasPrefix("check in on")
    {
      return .carryOver
    }
    if has("action items") || has("action item") || equals("todos") || equals("todo") || equals("to do")
      || equals("to dos") || hasPrefix("new action") || has("next steps") || has("todos") || equals("follow ups")
      || equals("follow up") || equals("followups") || equals("follow up items") || has("action points")
      || equals("tasks") || equals("open tasks")
    {
      return .actionItems
    }
    var start = 1
    while start < count {
      var end = start
      while end < count && text[end] != 0x20 { end += 1 }
      if end > start && agendaWords.contains(String(decoding: text[start..<end], as: UTF8.self)) { return .agenda }
      start = end + 1
    }
    return .other
  }
}
