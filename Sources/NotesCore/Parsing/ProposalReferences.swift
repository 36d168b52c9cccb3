// MARK: - CFEP and CEP references

enum ProposalReferenceParser {
  private static let cfep: [UInt8] = Array(ascii: "cfep")
  private static let cep: [UInt8] = Array(ascii: "cep")

  /// Every `cfep-12`, `CFEP-18`, `CFEP9`, `CFEP 01`, `CEP 17`, `CEP-8`, `cep-0017.md` in one line.
  // NOTE: a reference inside a URL counts (`…/cfep/blob/main/cfep-05.md` names CFEP 5), and so does link text
  // (`[cfep-10](…)`). A word boundary is required before (`precept-5`, `concept 2` are not references) and after the
  // number; numbers above 999 are years or other things (`CEP 2021`), not proposals.
  static func references(_ scan: ByteScanner, _ line: LineSpan, into result: inout [ProposalReference]) {
    var i = line.start
    let end = line.end
    while i < end {
      let b = scan[i]
      guard b == UInt8(ascii: "c") || b == UInt8(ascii: "C"), i == line.start || !ASCII.isWordByte(scan[i - 1])
      else {
        i += 1
        continue
      }
      let kind: ProposalKind
      var j: Int
      if scan.matches(cfep, at: i, end: end) {
        kind = .cfep
        j = i + 4
      } else if scan.matches(cep, at: i, end: end) {
        kind = .cep
        j = i + 3
      } else {
        i += 1
        continue
      }
      let sep = scan[j]
      if sep == UInt8(ascii: "-") || sep == UInt8(ascii: "_") || sep == UInt8(ascii: " ") { j += 1 }
      guard let (number, numberEnd) = scan.digits(at: j, end: end, maxDigits: 5), numberEnd - j <= 4,
        number <= 999, numberEnd == end || !ASCII.isWordByte(scan[numberEnd])
      else {
        i += 1
        continue
      }
      let title = statedTitle(scan, referenceStart: i, referenceEnd: numberEnd, lineEnd: end)
      result.append(
        ProposalReference(
          kind: kind, number: number, range: TextRange(utf8Start: i, utf8End: numberEnd),
          numberRange: TextRange(utf8Start: j, utf8End: numberEnd), statedTitle: title,
          isInLinkTarget: isInURL(scan, i, lineStart: line.start)))
      i = numberEnd
    }
  }

  /// Whether `i` is inside a URL (`https://github.com/conda/ceps/blob/main/cep-0099.md`, a link's target): the text
  /// from the last blank, `(`, `<` or `[` before it holds `://` or starts with `www.`.
  // NOTE: a number read from a URL is where a link points, not a reference the note-taker wrote: `cfep.unknown`
  // leaves it alone (hover and definition still use it).
  static func isInURL(_ scan: ByteScanner, _ i: Int, lineStart: Int) -> Bool {
    var s = i
    while s > lineStart {
      let b = scan[s - 1]
      if ASCII.isBlank(b) || b == UInt8(ascii: "(") || b == UInt8(ascii: "<") || b == UInt8(ascii: "[")
        || b == UInt8(ascii: "]")
      {
        break
      }
      s -= 1
    }
    guard s < i else { return false }
    return scan.find(Array(ascii: "://"), from: s, to: i) != nil || scan.matches(Array(ascii: "www."), at: s, end: i)
  }

  /// `[cfep-10](…) Feedstock statuses` → `Feedstock statuses`: the text after a link whose text is the reference.
  private static func statedTitle(_ scan: ByteScanner, referenceStart: Int, referenceEnd: Int, lineEnd: Int) -> Span? {
    guard scan[referenceStart - 1] == UInt8(ascii: "["), scan[referenceEnd] == UInt8(ascii: "]"),
      scan[referenceEnd + 1] == UInt8(ascii: "(")
    else { return nil }
    let limit = min(lineEnd, referenceEnd + 600)
    guard let close = scan.firstIndex(of: UInt8(ascii: ")"), from: referenceEnd + 2, to: limit) else { return nil }
    var s = close + 1
    // Separators: blanks, `:`, `-`, en and em dashes.
    while s < lineEnd {
      let b = scan[s]
      if ASCII.isBlank(b) || b == UInt8(ascii: ":") || b == UInt8(ascii: "-") {
        s += 1
      } else if b == 0xE2 && scan[s + 1] == 0x80 && (scan[s + 2] == 0x93 || scan[s + 2] == 0x94) {
        s += 3
      } else {
        break
      }
    }
    var e = s
    let titleLimit = min(lineEnd, s + 200)
    while e < titleLimit {
      let b = scan[e]
      if b == UInt8(ascii: ";") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") { break }
      if b == UInt8(ascii: ".") && (e + 1 >= lineEnd || ASCII.isBlank(scan[e + 1])) { break }
      e += 1
    }
    if e < titleLimit || e == lineEnd {
      return scan.span(s, e)
    }
    // Cut at the last blank so that a long title does not end in the middle of a word.
    var cut = e
    while cut > s && !ASCII.isBlank(scan[cut - 1]) { cut -= 1 }
    return scan.span(s, cut > s ? cut : e)
  }
}

// MARK: - Links to the previous meeting

enum PreviousMeetingLinkParser {
  private static let phrases: [[UInt8]] = [
    "last week", "previous meeting", "last meeting", "previous week", "past meeting", "prior meeting",
  ].map { Array(ascii: $0) }

  /// `[last weeks meeting](https://hackmd.io/…)`, `[Last week's meeting](…#REPLACE_ME#)`, `[last weeks meeting]()`.
  static func links(_ scan: ByteScanner, _ line: LineSpan, into result: inout [PreviousMeetingLink]) {
    var i = line.start
    while let open = scan.firstIndex(of: UInt8(ascii: "["), from: i, to: line.end) {
      let limit = min(line.end, open + 300)
      guard let close = scan.firstIndex(of: UInt8(ascii: "]"), from: open + 1, to: limit) else {
        i = open + 1
        continue
      }
      i = close + 1
      guard phrases.contains(where: { scan.find($0, from: open + 1, to: close) != nil }) else { continue }
      // Spans of the form `[text]` between `[` and `]` that hold another `[` are not links.
      if scan.firstIndex(of: UInt8(ascii: "["), from: open + 1, to: close) != nil { continue }
      let text = TextRange(utf8Start: open + 1, utf8End: close)
      var target: Span?
      var placeholder = true
      if scan[close + 1] == UInt8(ascii: "("),
        let end = scan.firstIndex(of: UInt8(ascii: ")"), from: close + 2, to: min(line.end, close + 2000))
      {
        target = scan.span(close + 2, end)
        i = end + 1
        if let url = target { placeholder = isPlaceholderTarget(url.text) }
      }
      result.append(PreviousMeetingLink(range: text, target: target, isPlaceholder: placeholder))
    }
  }

  /// An entry of a `# Previous meetings` list: `- 2023-02-15 https://hackmd.io/…` or a link.
  static func listEntry(_ scan: ByteScanner, content: TextRange) -> PreviousMeetingLink? {
    let s = content.utf8Start
    let e = content.utf8End
    guard s < e else { return nil }
    var target: Span?
    if let http = scan.find(Array(ascii: "http"), from: s, to: e) {
      var j = http
      while j < e && !ASCII.isBlank(scan[j]) && scan[j] != UInt8(ascii: ")") && scan[j] != UInt8(ascii: ">") {
        j += 1
      }
      target = scan.span(http, j)
    }
    return PreviousMeetingLink(
      range: content, target: target, isPlaceholder: target.map { containsReplaceMe($0.text, dashed: false) } ?? true)
  }

  /// A link target still to fill in: `#`, or one holding `REPLACE_ME` (or `replace-me`), in any case.
  static func isPlaceholderTarget(_ url: String) -> Bool {
    url == "#" || containsReplaceMe(url, dashed: true)
  }

  /// Whether `text` holds `replace_me` (and `replace-me` when `dashed`) in any case: on bytes for ASCII text (every
  /// link in the notes), by Foundation otherwise.
  static func containsReplaceMe(_ text: String, dashed: Bool) -> Bool {
    if let found = ASCIISearch.contains(
      text, anyOf: dashed ? ["replace_me", "replace-me"] : ["replace_me"], lowercasing: true)
    {
      return found
    }
    let lower = text.lowercased()
    return lower.contains("replace_me") || (dashed && lower.contains("replace-me"))
  }
}

// MARK: - Headcounts

enum HeadcountParser {
  private static let people: [[UInt8]] = ["people", "persons", "attendees", "participants", "folks"].map {
    Array(ascii: $0)
  }
  private static let totals: [[UInt8]] = [
    "in total", "total", "present", "attended", "attending", "on the call", "in attendance", "joined",
  ].map { Array(ascii: $0) }

  /// `15 people total`, `N people in total`, `X people present`, `**12 people total**`.
  static func headcount(_ scan: ByteScanner, _ line: LineSpan) -> Headcount? {
    var s = scan.skipBlanks(line.start, line.end)
    // A bullet or emphasis before the number.
    while s < line.end
      && (scan[s] == UInt8(ascii: "*") || scan[s] == UInt8(ascii: "_") || scan[s] == UInt8(ascii: "-")
        || ASCII.isBlank(scan[s]))
    {
      s += 1
    }
    guard s < line.end else { return nil }
    var e = s
    var count: Int?
    if let (value, end) = scan.digits(at: s, end: line.end, maxDigits: 6) {
      count = value
      e = end
    } else {
      while e < line.end
        && (scan[e] == UInt8(ascii: "X") || scan[e] == UInt8(ascii: "x") || scan[e] == UInt8(ascii: "N")
          || scan[e] == UInt8(ascii: "?"))
      {
        e += 1
      }
      guard e > s, e - s <= 3 else { return nil }
    }
    var j = scan.skipBlanks(e, line.end)
    guard j > e, let word = people.first(where: { scan.matches($0, at: j, end: line.end) }) else { return nil }
    j = scan.skipBlanks(j + word.count, line.end)
    guard let total = totals.first(where: { scan.matches($0, at: j, end: line.end) }) else { return nil }
    let after = j + total.count
    guard after == line.end || !ASCII.isLetter(scan[after]) else { return nil }
    return Headcount(
      count: count, numberRange: TextRange(utf8Start: s, utf8End: e),
      range: TextRange(utf8Start: line.start, utf8End: scan.trim(line.start, line.end).1))
  }
}
