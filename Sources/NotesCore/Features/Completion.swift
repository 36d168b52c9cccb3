/// Completion of initials, GitHub handles and CFEP/CEP numbers.
///
/// NOTE: Completion reads the raw line before the cursor rather than the parsed note: a half-typed owner group such
/// as `- [ ] (MR` or an unfinished table row does not parse into anything yet.
public enum Completion {
  /// Where the cursor is, as far as completion goes.
  enum Context: Equatable {
    case initials(prefixStart: Int)
    case handle(prefixStart: Int)
    case proposal(ProposalKind, keywordStart: Int, keyword: String, digits: String)
  }

  /// The candidates at `utf8Offset` in `document`, or nil where nothing is completed.
  /// `directory` is the workspace's people, computed once (see `PeopleDirectory`); nil computes it here.
  public static func complete(
    in workspace: NotesWorkspace, document: NoteDocument, at utf8Offset: Int, directory: PeopleDirectory? = nil
  ) -> CompletionResult? {
    let source = document.source
    let line = source.contentRange(ofLine: source.line(containingUTF8Offset: utf8Offset))
    let cursor = min(max(utf8Offset, line.utf8Start), line.utf8End)
    guard
      let context = context(
        bytes: source.bytes, lineStart: line.utf8Start, lineEnd: line.utf8End, cursor: cursor,
        source: source)
    else { return nil }
    switch context {
    case .initials(let start):
      let prefix = source.text(in: TextRange(utf8Start: start, utf8End: cursor))
      return CompletionResult(
        replaceRange: TextRange(utf8Start: start, utf8End: cursor),
        candidates: personCandidates(
          directory: directory ?? PeopleDirectory(workspace), document: document, prefix: prefix, handles: false))
    case .handle(let start):
      let prefix = source.text(in: TextRange(utf8Start: start, utf8End: cursor))
      return CompletionResult(
        replaceRange: TextRange(utf8Start: start, utf8End: cursor),
        candidates: personCandidates(
          directory: directory ?? PeopleDirectory(workspace), document: document, prefix: prefix, handles: true))
    case .proposal(let kind, let start, let keyword, let digits):
      return CompletionResult(
        replaceRange: TextRange(utf8Start: start, utf8End: cursor),
        candidates: proposalCandidates(workspace: workspace, kind: kind, keyword: keyword, digits: digits))
    }
  }

  // MARK: - Context

  static func context(bytes: [UInt8], lineStart: Int, lineEnd: Int, cursor: Int, source: SourceText) -> Context? {
    // `@handle`
    var i = cursor
    while i > lineStart && isHandleByte(bytes[i - 1]) { i -= 1 }
    if i > lineStart && bytes[i - 1] == UInt8(ascii: "@") {
      let before = i - 2 >= lineStart ? bytes[i - 2] : 0x20
      if !(isASCIILetter(before) || isASCIIDigit(before)) { return .handle(prefixStart: i) }
    }
    // `cfep-12`, `CFEP-1`, `CEP 1`, `CEP-`
    if let proposal = proposalContext(bytes: bytes, lineStart: lineStart, cursor: cursor) { return proposal }
    // Initials
    var start = cursor
    while start > lineStart && isASCIILetter(bytes[start - 1]) { start -= 1 }
    if cursor - start > 4 { return nil }
    if start < cursor && bytes[start..<cursor].contains(where: isASCIILower)
      && !bytes[start..<cursor].allSatisfy(isASCIILower)
    {
      return nil  // `Mixed` case is a word being typed, not initials.
    }
    let before = start > lineStart ? bytes[start - 1] : 0
    if before == UInt8(ascii: "(") { return .initials(prefixStart: start) }
    if insideOwnerGroup(bytes: bytes, lineStart: lineStart, before: start) { return .initials(prefixStart: start) }
    let content = itemContentStart(bytes: bytes, lineStart: lineStart, lineEnd: lineEnd)
    if let content, start == content { return .initials(prefixStart: start) }
    if let content, afterInitialsSlash(bytes: bytes, contentStart: content, before: start) {
      return .initials(prefixStart: start)
    }
    if let column = tableColumn(bytes: bytes, lineStart: lineStart, before: start, source: source) {
      switch column {
      case .initials: return .initials(prefixStart: start)
      case .github:
        var h = cursor
        while h > lineStart && isHandleByte(bytes[h - 1]) { h -= 1 }
        return .handle(prefixStart: h)
      default: return nil
      }
    }
    return nil
  }

  static func proposalContext(bytes: [UInt8], lineStart: Int, cursor: Int) -> Context? {
    var j = cursor
    while j > lineStart && isASCIIDigit(bytes[j - 1]) { j -= 1 }
    let digits = String(decoding: bytes[j..<cursor], as: UTF8.self)
    // The keyword, with or without a separator.
    var k = j
    var separator = false
    if k > lineStart && (bytes[k - 1] == UInt8(ascii: "-") || bytes[k - 1] == UInt8(ascii: " ")) {
      k -= 1
      separator = true
    }
    guard separator || !digits.isEmpty else { return nil }
    for (word, kind) in [("cfep", ProposalKind.cfep), ("cep", ProposalKind.cep)] {
      let length = word.utf8.count
      guard k - length >= lineStart else { continue }
      let candidate = bytes[(k - length)..<k].map { isASCIIUpper($0) ? $0 + 32 : $0 }
      guard candidate.elementsEqual(word.utf8) else { continue }
      let keywordStart = k - length
      if keywordStart > lineStart && isASCIILetter(bytes[keywordStart - 1]) { continue }
      if separator && bytes[k] == UInt8(ascii: " ") && kind == .cfep && digits.isEmpty { return nil }
      let keyword = String(decoding: bytes[keywordStart..<j], as: UTF8.self)
      return .proposal(kind, keywordStart: keywordStart, keyword: keyword, digits: digits)
    }
    return nil
  }

  /// `(AB/` `(AB, ` `(AB/CD,`: inside an owner group, after a separator.
  static func insideOwnerGroup(bytes: [UInt8], lineStart: Int, before: Int) -> Bool {
    var p = before
    while p > lineStart && bytes[p - 1] == UInt8(ascii: " ") { p -= 1 }
    guard p > lineStart, bytes[p - 1] == UInt8(ascii: "/") || bytes[p - 1] == UInt8(ascii: ",") else { return false }
    while p > lineStart {
      let b = bytes[p - 1]
      if b == UInt8(ascii: "(") { return true }
      if isASCIILetter(b) || b == UInt8(ascii: "/") || b == UInt8(ascii: ",") || b == UInt8(ascii: " ")
        || b == UInt8(ascii: ";") || b == UInt8(ascii: "@") || b == UInt8(ascii: "-")
      {
        p -= 1
        continue
      }
      return false
    }
    return false
  }

  /// `AB/` at the start of an item (the `AB/CD:` form).
  static func afterInitialsSlash(bytes: [UInt8], contentStart: Int, before: Int) -> Bool {
    guard before > contentStart, bytes[before - 1] == UInt8(ascii: "/") else { return false }
    return bytes[contentStart..<(before - 1)].allSatisfy { isASCIIUpper($0) || $0 == UInt8(ascii: "/") }
  }

  /// Where an item's text starts on a list line (after the marker, a checkbox and an opening `[`), or nil when the
  /// line is not a list item.
  static func itemContentStart(bytes: [UInt8], lineStart: Int, lineEnd: Int) -> Int? {
    var p = lineStart
    while p < lineEnd && (bytes[p] == 0x20 || bytes[p] == 0x09) { p += 1 }
    guard p < lineEnd else { return nil }
    let b = bytes[p]
    if b == UInt8(ascii: "-") || b == UInt8(ascii: "*") || b == UInt8(ascii: "+") {
      p += 1
    } else if isASCIIDigit(b) {
      while p < lineEnd && isASCIIDigit(bytes[p]) { p += 1 }
      guard p < lineEnd, bytes[p] == UInt8(ascii: ".") || bytes[p] == UInt8(ascii: ")") else { return nil }
      p += 1
    } else {
      return nil
    }
    guard p < lineEnd, bytes[p] == 0x20 || bytes[p] == 0x09 else { return nil }
    while p < lineEnd && (bytes[p] == 0x20 || bytes[p] == 0x09) { p += 1 }
    // A checkbox: `[ ]`, `[x]`, `[X]`, `[]`.
    if p < lineEnd && bytes[p] == UInt8(ascii: "[") {
      var q = p + 1
      if q < lineEnd && bytes[q] != UInt8(ascii: "]") { q += 1 }
      if q < lineEnd && bytes[q] == UInt8(ascii: "]") && q - p <= 2 {
        p = q + 1
        while p < lineEnd && (bytes[p] == 0x20 || bytes[p] == 0x09) { p += 1 }
      }
    }
    // `[AB]` owner form.
    if p < lineEnd && bytes[p] == UInt8(ascii: "[") { p += 1 }
    return p
  }

  /// The attendee column of the table cell holding `before`, read from the table's header row.
  static func tableColumn(bytes: [UInt8], lineStart: Int, before: Int, source: SourceText) -> AttendeeColumn? {
    var p = lineStart
    while p < before && (bytes[p] == 0x20 || bytes[p] == 0x09) { p += 1 }
    guard p < before || p == before, p < bytes.count, bytes[p] == UInt8(ascii: "|") else { return nil }
    var cell = -1
    var q = p
    while q < before {
      if bytes[q] == UInt8(ascii: "|") && (q == 0 || bytes[q - 1] != UInt8(ascii: "\\")) { cell += 1 }
      q += 1
    }
    guard cell >= 0 else { return nil }
    // Walk up to the header: the first line of the run of table lines.
    var line = source.line(containingUTF8Offset: lineStart)
    var header = line
    var steps = 0
    while line > 0 && steps < 500 {
      let previous = source.contentRange(ofLine: line - 1)
      let text = source.text(in: previous).trimmingLeadingSpaces()
      guard text.hasPrefix("|") else { break }
      header = line - 1
      line -= 1
      steps += 1
    }
    let currentLine = source.line(containingUTF8Offset: lineStart)
    if header == currentLine { return nil }  // Typing in the header row itself.
    let separatorLine = source.lineText(header + 1)
    if header + 1 == currentLine && separatorLine.contains("-") { return nil }
    var cells = source.lineText(header).trimmingLeadingSpaces().split(separator: "|", omittingEmptySubsequences: false)
    if !cells.isEmpty { cells.removeFirst() }
    guard cell < cells.count else { return nil }
    return column(named: String(cells[cell]))
  }

  /// The attendee column a header cell names.
  static func column(named header: String) -> AttendeeColumn {
    let name = header.lowercased().filter { $0.isLetter || $0 == " " }.trimmingLeadingSpaces()
    let trimmed = String(name.reversed().drop { $0 == " " }.reversed())
    switch trimmed {
    case "initials", "ini", "initial": return .initials
    case "github id", "github", "gh username", "username", "github handle", "github username", "handle", "gh":
      return .github
    case "name", "full name": return .name
    case "affiliation", "organization", "organisation": return .affiliation
    default: return .other
    }
  }

  // MARK: - Candidates

  static func personCandidates(directory: PeopleDirectory, document: NoteDocument, prefix: String, handles: Bool)
    -> [CompletionCandidate]
  {
    let upper = prefix.uppercased()
    let lower = prefix.lowercased()
    // NOTE: "here" is the resolver's first step: the people this note's attendee list names.
    let present = directory.attendeePeople(of: document)
    struct Ranked {
      var candidate: CompletionCandidate
      var here: Bool
      var last: MeetingDate?
      var count: Int
    }
    var ranked: [Ranked] = []
    for entry in directory.entries {
      let person = entry.person
      let labels: [String]
      if handles {
        labels = person.handles.filter { $0.lowercased().hasPrefix(lower) }
      } else {
        labels = person.initials.filter { $0.uppercased().hasPrefix(upper) }
      }
      guard !labels.isEmpty else { continue }
      let here = present.contains(person.id)
      let last = entry.lastAttended
      var seen: Set<String> = []
      for label in labels where seen.insert(label.lowercased()).inserted {
        let candidate = CompletionCandidate(
          label: label, insertText: label, kind: handles ? .handle : .initials, detail: entry.detail,
          documentation: entry.summary, sortKey: "")
        ranked.append(Ranked(candidate: candidate, here: here, last: last, count: person.attendance.count))
      }
    }
    ranked.sort { a, b in
      if a.here != b.here { return a.here }
      if a.last != b.last {
        guard let l = a.last else { return false }
        guard let r = b.last else { return true }
        return l > r
      }
      if a.count != b.count { return a.count > b.count }
      return a.candidate.label < b.candidate.label
    }
    return ranked.enumerated().map { index, entry in
      var candidate = entry.candidate
      candidate.sortKey = ProposalLinks.pad(index, 5)
      return candidate
    }
  }

  /// `Name · Affiliation · @handle`.
  static func detailLine(_ person: Person) -> String {
    var parts: [String] = [person.names.first ?? person.displayName]
    if let affiliation = person.affiliations.first, !affiliation.isEmpty { parts.append(affiliation) }
    if let handle = person.handles.first { parts.append("@" + handle) }
    return parts.joined(separator: " · ")
  }

  static func proposalCandidates(workspace: NotesWorkspace, kind: ProposalKind, keyword: String, digits: String)
    -> [CompletionCandidate]
  {
    let typed = digits.drop { $0 == "0" }
    return workspace.proposals(kind).filter { proposal in
      digits.isEmpty || String(proposal.number).hasPrefix(typed)
        || ProposalLinks.pad(proposal.number, 2).hasPrefix(
          digits)
        || ProposalLinks.pad(proposal.number, 4).hasPrefix(digits)
    }.sorted { $0.number < $1.number }.map { proposal in
      let width = kind == .cfep ? 2 : (digits.count >= 4 ? 4 : 1)
      let text = keyword + ProposalLinks.pad(proposal.number, width)
      return CompletionCandidate(
        label: text, insertText: text, kind: .proposal, detail: "\(proposal.title) — \(proposal.status)",
        documentation: ProposalCard.markdown(proposal, statedTitle: nil),
        sortKey: ProposalLinks.pad(proposal.number, 5))
    }
  }
}

extension StringProtocol {
  func trimmingLeadingSpaces() -> String {
    String(drop { $0 == " " || $0 == "\t" })
  }
}
