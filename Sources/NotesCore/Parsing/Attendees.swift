// MARK: - Attendees

/// A list item as the attendee parser needs it.
struct AttendeeItemLine {
  var line: Int
  var item: Int
  var parent: Int?
  var marker: ListMarker
  var content: TextRange
  var range: TextRange
}

enum AttendeeParser {
  // Literals matched inside loops, made once (`Array(ascii:)` allocates).
  private static let ghLabel = Array(ascii: "gh:")
  private static let githubLabel = Array(ascii: "github:")
  private static let andWord = Array(ascii: "and ")

  // MARK: Tables

  /// Recognises a header cell by name, in any order: Name / Full name; Initials; GitHub ID / GH Username /
  /// Username / Github handle / GitHub; Affiliation / Organization / Org.
  static func column(_ header: String) -> AttendeeColumn {
    var key = ""
    for scalar in header.lowercased().unicodeScalars
    where scalar.isASCII
      && (scalar.properties.isAlphabetic
        || ("0"..."9").contains(scalar))
    {
      key.unicodeScalars.append(scalar)
    }
    switch key {
    case "name", "names", "fullname", "attendee", "attendees", "person", "who", "firstname":
      return .name
    case "initials", "initial", "init", "inits", "abbr", "abbreviation", "id":
      return .initials
    case "githubid", "ghusername", "username", "githubhandle", "github", "gh", "handle", "githubusername", "ghhandle",
      "githubuser", "ghid", "login", "githublogin", "ghuser", "githubname", "ghname":
      return .github
    case "affiliation", "affiliations", "organization", "organisation", "org", "company", "employer", "institution",
      "affiliationorg":
      return .affiliation
    default:
      if key.hasPrefix("github") || key.hasPrefix("gh") { return .github }
      if key.hasPrefix("affil") || key.hasPrefix("organi") { return .affiliation }
      if key.hasSuffix("name") { return .name }
      return .other
    }
  }

  /// Whether a trimmed line is a table row (`| a | b |` or `a | b`).
  static func isTableRow(_ scan: ByteScanner, _ line: LineSpan) -> Bool {
    let (s, e) = scan.trim(line.start, line.end)
    guard s < e else { return false }
    return scan[s] == UInt8(ascii: "|") || scan.firstIndex(of: UInt8(ascii: "|"), from: s, to: e) != nil
  }

  /// The cells of a table row, trimmed; a leading and a trailing `|` are optional; `\|` does not split.
  static func cells(_ scan: ByteScanner, _ line: LineSpan) -> [(Int, Int)] {
    var (s, e) = scan.trim(line.start, line.end)
    if s < e && scan[s] == UInt8(ascii: "|") { s += 1 }
    if e > s && scan[e - 1] == UInt8(ascii: "|") && scan[e - 2] != UInt8(ascii: "\\") { e -= 1 }
    var result: [(Int, Int)] = []
    var cs = s
    var i = s
    while i <= e {
      if i == e || (scan[i] == UInt8(ascii: "|") && scan[i - 1] != UInt8(ascii: "\\")) {
        result.append(scan.trim(cs, i))
        cs = i + 1
      }
      i += 1
    }
    return result
  }

  static func isSeparatorRow(_ scan: ByteScanner, _ cells: [(Int, Int)]) -> Bool {
    var dashes = 0
    for (s, e) in cells {
      var i = s
      while i < e {
        let b = scan[i]
        if b == UInt8(ascii: "-") {
          dashes += 1
        } else if b != UInt8(ascii: ":") && !ASCII.isBlank(b) {
          return false
        }
        i += 1
      }
    }
    return dashes > 0
  }

  /// A table starting at `lines[first]`: header, optional separator, rows until the first line that is not a row.
  static func table(
    _ scan: ByteScanner, lines: [LineSpan], first: Int, end: Int, section: Int?,
    mentions: inout [PersonMention]
  ) -> (list: AttendeeList, lastLine: Int) {
    let headerCells = cells(scan, lines[first])
    let columns = headerCells.map { column(scan.string($0.0, $0.1)) }
    var entries: [Attendee] = []
    var placeholders: [TextRange] = []
    var last = first
    var n = first + 1
    while n < end && isTableRow(scan, lines[n]) {
      let line = lines[n]
      last = n
      n += 1
      let row = cells(scan, line)
      if n - 1 == first + 1 && isSeparatorRow(scan, row) { continue }
      let rowRange = TextRange(utf8Start: line.start, utf8End: scan.trim(line.start, line.end).1)
      if isPlaceholderRow(scan, row) {
        placeholders.append(rowRange)
        continue
      }
      var attendee = Attendee(name: nil, initials: nil, github: nil, affiliation: nil, range: rowRange)
      for (index, cell) in row.enumerated() where index < columns.count {
        guard var value = cleanCell(scan, cell.0, cell.1) else { continue }
        switch columns[index] {
        case .name where attendee.name == nil:
          attendee.name = value
        case .initials where attendee.initials == nil:
          attendee.initials = value
        case .github where attendee.github == nil:
          if value.text.hasPrefix("@") {
            guard let stripped = scan.span(value.range.utf8Start + 1, value.range.utf8End) else { continue }
            value = stripped
          }
          attendee.github = value
        case .affiliation where attendee.affiliation == nil:
          attendee.affiliation = value
        default:
          break
        }
      }
      entries.append(attendee)
      appendMentions(scan, attendee, to: &mentions)
    }
    let range = TextRange(
      utf8Start: lines[first].start, utf8End: scan.trim(lines[last].start, lines[last].end).1)
    let header = TextRange(
      utf8Start: lines[first].start, utf8End: scan.trim(lines[first].start, lines[first].end).1)
    let list = AttendeeList(
      form: .table, section: section, columns: columns, headerRange: header, entries: entries,
      placeholderRows: placeholders, range: range)
    return (list, last)
  }

  /// A cell's value: a link's text instead of the link (`[name](url)`), nil when empty.
  static func cleanCell(_ scan: ByteScanner, _ s: Int, _ e: Int) -> Span? {
    guard s < e else { return nil }
    if scan[s] == UInt8(ascii: "["), let close = scan.firstIndex(of: UInt8(ascii: "]"), from: s + 1, to: e),
      scan[close + 1] == UInt8(ascii: "(")
    {
      return scan.span(s + 1, close)
    }
    return scan.span(s, e)
  }

  /// Blank rows and rows of nothing but `XXXX`, dots or question marks.
  static func isPlaceholderRow(_ scan: ByteScanner, _ cells: [(Int, Int)]) -> Bool {
    for (s, e) in cells where s < e {
      if !isPlaceholderText(scan, s, e) { return false }
    }
    return true
  }

  static func isPlaceholderText(_ scan: ByteScanner, _ s: Int, _ e: Int) -> Bool {
    var i = s
    while i < e {
      let b = scan[i]
      let filler =
        b == UInt8(ascii: "X") || b == UInt8(ascii: "x") || b == UInt8(ascii: ".") || b == UInt8(ascii: "?")
        || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || ASCII.isBlank(b)
      if filler {
        i += 1
      } else if b == 0xE2 && scan[i + 1] == 0x80 && scan[i + 2] == 0xA6 {
        i += 3  // …
      } else {
        return false
      }
    }
    return true
  }

  // MARK: Mentions

  static func appendMentions(_ scan: ByteScanner, _ attendee: Attendee, to mentions: inout [PersonMention]) {
    var found: [PersonMention] = []
    if let name = attendee.name {
      found.append(PersonMention(kind: .name, role: .attendee(.name), text: name.text, range: name.range))
    }
    if let initials = attendee.initials {
      let r = initials.range
      let valid =
        OwnerToken.isInitials(scan, r.utf8Start, r.utf8End) && !OwnerToken.isAllX(scan, r.utf8Start, r.utf8End)
      found.append(
        PersonMention(
          kind: valid ? .initials : .malformedInitials, role: .attendee(.initials), text: initials.text, range: r))
    }
    if let github = attendee.github {
      found.append(PersonMention(kind: .handle, role: .attendee(.github), text: github.text, range: github.range))
    }
    found.sort { $0.range < $1.range }
    mentions.append(contentsOf: found)
  }

  // MARK: Lists

  /// One attendee from a list item or an inline piece: `Matthew R Becker (MRB) (beckermr)`,
  /// `John Kirkham (jakirkham)`, `Eric Dill (EDD) gh: ericdill`, `CJ`, `John K.`,
  /// `JRG: Jaime Rodríguez-Guerra (@jaimergp), Quansight, CF/C`, `JRG, Jaime …`, `[John Kirkham](url)`.
  static func entry(_ scan: ByteScanner, _ start: Int, _ end: Int, range: TextRange) -> Attendee? {
    var (s, e) = scan.trim(start, end)
    // Emphasis around the whole entry: `**Jane Doe**`.
    while s < e && (scan[s] == UInt8(ascii: "*") || scan[s] == UInt8(ascii: "_")) { s += 1 }
    while e > s && (scan[e - 1] == UInt8(ascii: "*") || scan[e - 1] == UInt8(ascii: "_")) { e -= 1 }
    guard s < e, !isPlaceholderText(scan, s, e), !isLegend(scan, s, e) else { return nil }
    var attendee = Attendee(name: nil, initials: nil, github: nil, affiliation: nil, range: range)
    // Leading initials: `JRG:` or `JRG,` followed by more.
    var k = s
    while k < e && (ASCII.isLetter(scan[k]) || scan[k] == UInt8(ascii: ".")) { k += 1 }
    if k > s && k < e && (scan[k] == UInt8(ascii: ":") || scan[k] == UInt8(ascii: ",")) && k - s <= 5 {
      if OwnerToken.isInitials(scan, s, k) || (k - s <= 4 && !OwnerToken.isName(scan, s, k)) {
        attendee.initials = scan.span(s, k)
        s = scan.skipBlanks(k + 1, e)
      }
    }
    // Segments separated by commas outside parentheses.
    var segments: [(Int, Int)] = []
    var depth = 0
    var segStart = s
    var i = s
    while i <= e {
      if i == e || (scan[i] == UInt8(ascii: ",") && depth == 0) {
        let t = scan.trim(segStart, i)
        if t.0 < t.1 { segments.append(t) }
        segStart = i + 1
      } else if scan[i] == UInt8(ascii: "(") {
        depth += 1
      } else if scan[i] == UInt8(ascii: ")") {
        depth = max(0, depth - 1)
      }
      i += 1
    }
    for (index, (ss, se)) in segments.enumerated() {
      var nameEnd = se
      var j = ss
      // `[Name](url)`.
      if scan[ss] == UInt8(ascii: "["), let close = scan.firstIndex(of: UInt8(ascii: "]"), from: ss + 1, to: se) {
        if attendee.name == nil && index == 0 { attendee.name = scan.span(ss + 1, close) }
        j = close + 1
        if scan[j] == UInt8(ascii: "("), let paren = scan.firstIndex(of: UInt8(ascii: ")"), from: j, to: se) {
          j = paren + 1
        }
        nameEnd = ss
      }
      // Parenthesised initials and handles; `gh: handle`.
      var firstParen: Int?
      var closings = true  // false once no `)` is left in the segment: keeps long lines linear
      while j < se {
        let b = scan[j]
        if b == UInt8(ascii: "(") && closings {
          if let close = scan.firstIndex(of: UInt8(ascii: ")"), from: j + 1, to: se) {
            if firstParen == nil { firstParen = j }
            takeToken(scan, j + 1, close, into: &attendee)
            j = close + 1
            continue
          }
          closings = false
        }
        if (b == UInt8(ascii: "g") || b == UInt8(ascii: "G"))
          && (scan.matches(Self.ghLabel, at: j, end: se) || scan.matches(Self.githubLabel, at: j, end: se))
        {
          if firstParen == nil { firstParen = j }
          let colon = scan.firstIndex(of: UInt8(ascii: ":"), from: j, to: se) ?? j
          let hs = scan.skipBlanks(colon + 1, se)
          var he = hs
          while he < se && !ASCII.isBlank(scan[he]) { he += 1 }
          takeToken(scan, hs, he, into: &attendee)
          j = he
          continue
        }
        j += 1
      }
      if nameEnd == se { nameEnd = firstParen ?? se }
      // `Megan C. Yancy (MCY) myancy-anaconda`: a bare handle after the parentheses.
      if index == 0, let paren = firstParen, attendee.github == nil {
        var lastClose = paren
        var q = paren
        while q < se {
          if scan[q] == UInt8(ascii: ")") { lastClose = q }
          q += 1
        }
        let (hs, he) = scan.trim(lastClose + 1, se)
        if hs < he && lastClose > paren && OwnerToken.firstBlank(scan, hs, he) == nil && ASCII.isLetter(scan[hs]) {
          takeToken(scan, hs, he, into: &attendee)
        }
      }
      var (ns, ne) = scan.trim(ss, nameEnd)
      while ns < ne && (scan[ns] == UInt8(ascii: "*") || scan[ns] == UInt8(ascii: "_")) { ns += 1 }
      while ne > ns && (scan[ne - 1] == UInt8(ascii: "*") || scan[ne - 1] == UInt8(ascii: "_")) { ne -= 1 }
      guard ns < ne else { continue }
      if index == 0 && attendee.name == nil {
        // `* CJ` alone: initials; `@handle` alone: a handle.
        if attendee.initials == nil && OwnerToken.isInitials(scan, ns, ne) {
          attendee.initials = scan.span(ns, ne)
        } else if scan[ns] == UInt8(ascii: "@") {
          takeToken(scan, ns, ne, into: &attendee)
        } else {
          var nameEnd = ne
          var words = OwnerToken.wordRanges(scan, ns, ne)
          // `Bill Batey BB @lumbrefrio`: a trailing handle, then trailing initials.
          while words.count >= 2, let lastWord = words.last, scan[lastWord.0] == UInt8(ascii: "@") {
            takeToken(scan, lastWord.0, lastWord.1, into: &attendee)
            words.removeLast()
            nameEnd = lastWord.0
          }
          if words.count >= 3, let lastWord = words.last, attendee.initials == nil,
            OwnerToken.isInitials(scan, lastWord.0, lastWord.1) && lastWord.1 - lastWord.0 >= 2
          {
            attendee.initials = scan.span(lastWord.0, lastWord.1)
            nameEnd = lastWord.0
          }
          attendee.name = scan.span(ns, nameEnd)
        }
      } else if scan[ns] == UInt8(ascii: "@") {
        takeToken(scan, ns, ne, into: &attendee)
      } else if attendee.affiliation == nil && index > 0 {
        attendee.affiliation = scan.span(ns, ne)
      }
    }
    if attendee.name == nil && attendee.initials == nil && attendee.github == nil { return nil }
    // Prose is not a name: `who's here?`, `@mention yourself and add others`.
    if let name = attendee.name, OwnerToken.wordRanges(scan, name.range.utf8Start, name.range.utf8End).count > 6 {
      return nil
    }
    return attendee
  }

  /// Words in parentheses after a name that are not handles: `(late)`, `(host)`.
  static let annotationWords: Set<String> = [
    "late", "early", "remote", "absent", "host", "chair", "notes", "minutes", "facilitator", "organizer", "left",
    "partial", "guest", "visitor", "new", "first", "lurker", "observer", "scribe", "moderator", "presenter", "audio",
    "phone", "video", "away",
  ]

  /// A parenthesised token of a list entry: initials, or a handle (with or without `@`).
  private static func takeToken(_ scan: ByteScanner, _ start: Int, _ end: Int, into attendee: inout Attendee) {
    var (s, e) = scan.trim(start, end)
    guard s < e else { return }
    if scan[e - 1] == UInt8(ascii: ",") { e -= 1 }
    if OwnerToken.isInitials(scan, s, e) && attendee.initials == nil {
      attendee.initials = scan.span(s, e)
      return
    }
    if scan[s] == UInt8(ascii: "@") {
      s += 1
    } else if annotationWords.contains(scan.string(s, e).lowercased()) {
      return
    }
    guard s < e, attendee.github == nil else { return }
    var i = s
    while i < e && OwnerToken.isHandleByte(scan[i]) { i += 1 }
    if i == e { attendee.github = scan.span(s, e) }
  }

  /// A list of attendees from items (top-level items only; nested items are notes about a person).
  static func list(
    _ scan: ByteScanner, items: [AttendeeItemLine], section: Int?, mentions: inout [PersonMention]
  ) -> AttendeeList? {
    guard let first = items.first else { return nil }
    var entries: [Attendee] = []
    var placeholders: [TextRange] = []
    let minIndentParent = first.parent
    var lastIncluded = first
    for item in items where item.parent == minIndentParent {
      let c = item.content
      // `* **Apologies**`: the people after it did not attend.
      if isAbsenceLabel(scan, c.utf8Start, c.utf8End) { break }
      lastIncluded = item
      // `* Jonathan, Phil, John, Filipe`: several people in one item.
      if isNameSeries(scan, c.utf8Start, c.utf8End),
        let inline = inline(scan, c.utf8Start, c.utf8End, section: section, mentions: &mentions)
      {
        entries.append(contentsOf: inline.entries)
        continue
      }
      if let attendee = entry(scan, c.utf8Start, c.utf8End, range: item.range) {
        entries.append(attendee)
        appendMentions(scan, attendee, to: &mentions)
      } else {
        placeholders.append(item.range)
      }
    }
    let ordered = items.filter { $0.parent == minIndentParent }.allSatisfy { $0.marker == .ordered }
    return AttendeeList(
      form: ordered ? .orderedList : .bulletList, section: section, columns: [], headerRange: nil, entries: entries,
      placeholderRows: placeholders,
      range: TextRange(utf8Start: first.range.utf8Start, utf8End: lastIncluded.range.utf8End))
  }

  /// `**Name (Initials) (githubid)**`: the template's line that shows how to write an entry.
  static func isLegend(_ scan: ByteScanner, _ s: Int, _ e: Int) -> Bool {
    guard scan.matches(Array(ascii: "name"), at: s, end: e) else { return false }
    return ["initials", "github", "handle", "username"].contains { scan.find(Array(ascii: $0), from: s, to: e) != nil }
  }

  /// `Apologies`, `Regrets`, `Absent` (maybe in emphasis, maybe with a colon).
  static func isAbsenceLabel(_ scan: ByteScanner, _ start: Int, _ end: Int) -> Bool {
    var s = start
    while s < end && (scan[s] == UInt8(ascii: "*") || scan[s] == UInt8(ascii: "_")) { s += 1 }
    return absenceLabels.contains { scan.matches($0, at: s, end: end) }
  }

  private static let absenceLabels: [[UInt8]] = [
    "apolog", "regrets", "absent", "not present", "unable to attend", "excused",
  ].map { Array(ascii: $0) }
  // NOTE: misspellings seen in real notes (`Attendence:`, `Attendess:`) label attendees as well as the right word.
  private static let attendeeLabels: [[UInt8]] = [
    "attendees", "attendance", "present", "participants", "in attendance", "attendence", "attendess", "atendees",
    "attendies",
  ].map { Array(ascii: $0) }

  /// Two or more commas, no handle, every piece starting with a capital or a link: a series of names.
  static func isNameSeries(_ scan: ByteScanner, _ start: Int, _ end: Int) -> Bool {
    guard scan.firstIndex(of: UInt8(ascii: "@"), from: start, to: end) == nil else { return false }
    var commas = 0
    var pieceStart = start
    var i = start
    while i <= end {
      if i == end || scan[i] == UInt8(ascii: ",") {
        let (ps, pe) = scan.trim(pieceStart, i)
        if ps < pe {
          if !(OwnerToken.isCapital(scan, ps) || scan[ps] == UInt8(ascii: "[")) { return false }
          if commas == 0 && OwnerToken.isInitials(scan, ps, pe) { return false }
        }
        if i < end { commas += 1 }
        pieceStart = i + 1
      }
      i += 1
    }
    return commas >= 2
  }

  /// `Michael Sarahan, Ray Donnelly, Kale Franz`: names separated by commas (and `and`).
  static func inline(
    _ scan: ByteScanner, _ start: Int, _ end: Int, section: Int?, mentions: inout [PersonMention]
  ) -> AttendeeList? {
    let (s, e) = scan.trim(start, end)
    guard s < e else { return nil }
    var entries: [Attendee] = []
    var depth = 0
    var pieceStart = s
    var i = s
    while i <= e {
      let atAnd = i < e && depth == 0 && ASCII.isBlank(scan[i]) && scan.matches(Self.andWord, at: i + 1, end: e)
      if i == e || (depth == 0 && (scan[i] == UInt8(ascii: ",") || scan[i] == UInt8(ascii: ";"))) || atAnd {
        let (ps, pe) = scan.trim(pieceStart, i)
        if ps < pe, let attendee = entry(scan, ps, pe, range: TextRange(utf8Start: ps, utf8End: pe)) {
          entries.append(attendee)
          appendMentions(scan, attendee, to: &mentions)
        }
        pieceStart = atAnd ? i + 4 : i + 1
        i = pieceStart
        continue
      }
      if scan[i] == UInt8(ascii: "(") { depth += 1 }
      if scan[i] == UInt8(ascii: ")") { depth = max(0, depth - 1) }
      i += 1
    }
    guard !entries.isEmpty else { return nil }
    return AttendeeList(
      form: .inline, section: section, columns: [], headerRange: nil, entries: entries, placeholderRows: [],
      range: TextRange(utf8Start: s, utf8End: e))
  }

  /// `Attendees`, `**Attendees**`, `Attendees (github handle in parens):`, `Present: …` as a line of prose: the
  /// offset just after the label (and its colon), or nil.
  static func labelEnd(_ scan: ByteScanner, _ line: LineSpan) -> Int? {
    var s = scan.skipBlanks(line.start, line.end)
    while s < line.end && (scan[s] == UInt8(ascii: "*") || scan[s] == UInt8(ascii: "_")) { s += 1 }
    guard let label = attendeeLabels.first(where: { scan.matches($0, at: s, end: line.end) }) else { return nil }
    var j = s + label.count
    guard j == line.end || !ASCII.isLetter(scan[j]) else { return nil }
    // An optional parenthetical, then `:` and/or closing emphasis.
    j = scan.skipBlanks(j, line.end)
    if scan[j] == UInt8(ascii: "("), let close = scan.firstIndex(of: UInt8(ascii: ")"), from: j, to: line.end) {
      j = close + 1
    }
    var sawColon = false
    while j < line.end
      && (scan[j] == UInt8(ascii: "*") || scan[j] == UInt8(ascii: "_") || scan[j] == UInt8(ascii: ":")
        || ASCII.isBlank(scan[j]))
    {
      if scan[j] == UInt8(ascii: ":") { sawColon = true }
      j += 1
    }
    // `Present` needs a colon: `Present day …` is prose.
    if label == attendeeLabels[2] && !sawColon { return nil }
    if j < line.end && !sawColon { return nil }
    return j
  }
}
