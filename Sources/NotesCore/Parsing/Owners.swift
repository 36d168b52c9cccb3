// MARK: - Owners of an item

/// Finds the owners written at the start of a list item's content.
enum OwnerParser {
  private static let andWord = Array(ascii: "and ")

  private static let maxGroup = 120
  private static let maxPrefix = 48

  /// The owners written at the start of `start..<end` (the item content after marker and checkbox).
  static func owners(_ scan: ByteScanner, _ start: Int, _ end: Int) -> [Owner] {
    var (s, e) = scan.trim(start, end)
    // Emphasis around the owner: `**(MRB)** …`, `**MRB:** …`, `_JRG_: …`.
    var emphasis = 0
    while s < e && emphasis < 3 && isEmphasis(scan[s]) {
      s += 1
      emphasis += 1
    }
    guard s < e else { return [] }
    let first = scan[s]
    if first == UInt8(ascii: "(") { return parenthesized(scan, s, e) }
    if first == UInt8(ascii: "[") { return bracketed(scan, s, e) }
    if first == UInt8(ascii: "@") { return atMentions(scan, s, e) }
    if let owners = colonPrefix(scan, s, e) { return owners }
    if let owners = initialsBeforeAside(scan, s, e) { return owners }
    let direct = prose(scan, s, e)
    if !direct.isEmpty { return direct }
    // NOTE: after a label that names nobody (`TODO: Eric to …`, `cfep-10 next steps: CJ to call a vote`), the owner
    // forms are tried once more on the rest of the item.
    if let colon = scan.firstIndex(of: UInt8(ascii: ":"), from: s, to: min(e, s + maxPrefix)),
      colon + 1 < e, ASCII.isBlank(scan[colon + 1]), !isLinkOrCode(scan, s, colon)
    {
      let rest = scan.skipBlanks(colon + 1, e)
      guard rest < e else { return [] }
      if scan[rest] == UInt8(ascii: "(") { return parenthesized(scan, rest, e) }
      if let owners = colonPrefix(scan, rest, e) { return owners }
      return prose(scan, rest, e)
    }
    return []
  }

  // MARK: Forms

  /// `(JK) [ ] to email steve`, `( ) [ ] make a hint`: an owner slot written before the checkbox. An empty slot is a
  /// place-holder owner with empty text (its range is the blank inside the parentheses).
  static func slotBeforeCheckbox(_ scan: ByteScanner, _ s: Int, _ e: Int) -> (owners: [Owner], checkbox: Checkbox)? {
    guard s < e, scan[s] == UInt8(ascii: "("),
      let close = scan.firstIndex(of: UInt8(ascii: ")"), from: s, to: min(e, s + maxPrefix))
    else { return nil }
    let at = scan.skipBlanks(close + 1, e)
    guard at < e, let box = ListItemParser.checkbox(scan, at: at, end: e), box.state != .malformed else { return nil }
    let (ts, te) = scan.trim(s + 1, close)
    if ts >= te {
      return ([Owner(kind: .placeholder, form: .parenthesized, text: "", range: range(s + 1, close))], box)
    }
    let owners = group(scan, s + 1, close, form: .parenthesized)
    return owners.isEmpty ? nil : (owners, box)
  }

  @inline(__always) static func isEmphasis(_ b: UInt8) -> Bool { b == UInt8(ascii: "*") || b == UInt8(ascii: "_") }

  /// Whether `s..<e` holds a link, code or a URL (a colon there is not a label's).
  private static func isLinkOrCode(_ scan: ByteScanner, _ s: Int, _ e: Int) -> Bool {
    var i = s
    while i < e {
      let b = scan[i]
      if b == UInt8(ascii: "[") || b == UInt8(ascii: "`") || b == UInt8(ascii: "/") { return true }
      i += 1
    }
    return false
  }

  /// `(AB)`, `(AB/CD)`, `(Eric)`, `(jakirkham)`, `(JRG, absent)`, `(CJ via MRB)`, `(???)`.
  // NOTE: only a group at the very start of the item is an owner group; `(…)` later in prose is not. A group whose
  // first token is not a person (`(optional)`, `(5 min)`, a URL, prose) gives no owners at all.
  static func parenthesized(_ scan: ByteScanner, _ s: Int, _ e: Int) -> [Owner] {
    let limit = min(e, s + maxGroup)
    var i = s + 1
    while i < limit && scan[i] != UInt8(ascii: ")") {
      if scan[i] == UInt8(ascii: "(") { return [] }
      i += 1
    }
    guard i < limit else { return [] }
    // `( ) make a hint`: an empty owner slot names nobody.
    let (ts, te) = scan.trim(s + 1, i)
    if ts >= te && scan.skipBlanks(i + 1, e) < e {
      return [Owner(kind: .placeholder, form: .parenthesized, text: "", range: range(s + 1, i))]
    }
    return group(scan, s + 1, i, form: .parenthesized)
  }

  /// `[AB] …`: a bracketed owner, not a link (`[text](url)`) and not a checkbox.
  static func bracketed(_ scan: ByteScanner, _ s: Int, _ e: Int) -> [Owner] {
    let limit = min(e, s + maxPrefix)
    var i = s + 1
    while i < limit && scan[i] != UInt8(ascii: "]") { i += 1 }
    guard i < limit, scan[i + 1] != UInt8(ascii: "("), scan[i + 1] != UInt8(ascii: "[") else { return [] }
    // Every token must be a person: `[tentative, pending …]` is prose, `[WIP]` a stop word.
    let tokens = split(scan, s + 1, i)
    let owners = group(scan, s + 1, i, form: .bracketed)
    guard owners.count == tokens.count, !owners.contains(where: { $0.kind == .placeholder }) else { return [] }
    return owners
  }

  /// `@dholth, JL, JRG discussed …`: handles (and initials) listed at the start.
  static func atMentions(_ scan: ByteScanner, _ s: Int, _ e: Int) -> [Owner] {
    // `@Eric D uploaded …`, `@Christopher W : …`: a name with an initial, written with `@`.
    let words = OwnerToken.wordRanges(scan, s + 1, min(e, s + 60))
    if words.count >= 2, words[0].0 == s + 1, OwnerToken.isName(scan, words[0].0, words[0].1) {
      let (ws, we) = words[1]
      var end = we
      if scan[end - 1] == UInt8(ascii: ":") || scan[end - 1] == UInt8(ascii: ",") { end -= 1 }
      if ASCII.isUpper(scan[ws]) && (end - ws == 1 || (end - ws == 2 && scan[ws + 1] == UInt8(ascii: "."))) {
        return [Owner(kind: .name, form: .atMention, text: scan.string(s + 1, end), range: range(s + 1, end))]
      }
    }
    var owners: [Owner] = []
    var i = s
    let limit = min(e, s + maxGroup)
    while i < limit {
      let ws = i
      while i < limit && !ASCII.isBlank(scan[i]) && scan[i] != UInt8(ascii: ",") && scan[i] != UInt8(ascii: "/") {
        i += 1
      }
      var we = i
      if we > ws && scan[we - 1] == UInt8(ascii: ":") { we -= 1 }
      guard we > ws else { break }
      let verdict = OwnerToken.classify(scan, ws, we)
      // After the first handle, only further `@handles` and initials continue the list (`@dholth, JL, JRG discussed`).
      guard case .person(let kind, let ts, let te) = verdict,
        (kind == .handle && scan[ws] == UInt8(ascii: "@")) || (kind == .initials && !owners.isEmpty),
        scan[we] != UInt8(ascii: "/")
      else { break }
      owners.append(Owner(kind: kind, form: .atMention, text: scan.string(ts, te), range: range(ts, te)))
      if we < i { break }  // a colon ends the list
      // Separators: `,`, `/`, blanks, `and`.
      while i < limit && (ASCII.isBlank(scan[i]) || scan[i] == UInt8(ascii: ",") || scan[i] == UInt8(ascii: "/")) {
        i += 1
      }
      if scan.matches(Self.andWord, at: i, end: limit) { i += 4 }
    }
    return owners
  }

  /// `AB:`, `AB/CD:`, `John K:`, `Mike S.:`, `Anthony and Filipe:`.
  static func colonPrefix(_ scan: ByteScanner, _ s: Int, _ e: Int) -> [Owner]? {
    let limit = min(e, s + maxPrefix)
    var i = s
    var tokenEnd: Int?
    while i < limit {
      let b = scan[i]
      if b == UInt8(ascii: ":") { break }
      if isEmphasis(b) {
        // Only closing emphasis may stand between the people and the colon: `**MRB**:`.
        if tokenEnd == nil { tokenEnd = i }
      } else if tokenEnd != nil || b == UInt8(ascii: "(") || b == UInt8(ascii: "[") || b == UInt8(ascii: "`")
        || b == UInt8(ascii: "\"")
      {
        return nil
      }
      i += 1
    }
    var after = i + 1
    while after < e && isEmphasis(scan[after]) { after += 1 }
    guard i < limit, i > s, after >= e || ASCII.isBlank(scan[after]) || scan[after] == 0xC2 else { return nil }
    let tokens = split(scan, s, tokenEnd ?? i)
    var owners: [Owner] = []
    for (ts, te) in tokens {
      guard case .person(let kind, let ps, let pe) = OwnerToken.classify(scan, ts, te), pe == scan.trim(ts, te).1
      else { return nil }
      // NOTE: a lower-case word before a colon (`todo:`, `note:`, `cheng:`) is too often not a person to be an owner.
      if kind == .handle && scan[ps - 1] != UInt8(ascii: "@") { return nil }
      if kind == .placeholder || (kind == .malformedInitials && !ASCII.isUpper(scan[ps])) { return nil }
      owners.append(Owner(kind: kind, form: .colonPrefix, text: scan.string(ps, pe), range: range(ps, pe)))
    }
    return owners.isEmpty ? nil : owners
  }

  /// `KK - do we have …`, `JRG (conda-forge): Idea …`: initials followed by a dash, or by a parenthetical and a
  /// colon.
  // NOTE: only initials (never a capitalised word) may own an item this way: `Docs - …` is a topic.
  static func initialsBeforeAside(_ scan: ByteScanner, _ s: Int, _ e: Int) -> [Owner]? {
    var k = s
    while k < e && ASCII.isLetter(scan[k]) { k += 1 }
    guard k < e, ASCII.isBlank(scan[k]), OwnerToken.isInitials(scan, s, k), !OwnerToken.isAcronym(scan, s, k) else {
      return nil
    }
    let next = scan.skipBlanks(k, e)
    var ok = false
    if scan[next] == UInt8(ascii: "-") || (scan[next] == 0xE2 && scan[next + 1] == 0x80 && scan[next + 2] == 0x93) {
      let after = next + (scan[next] == UInt8(ascii: "-") ? 1 : 3)
      ok = after < e && ASCII.isBlank(scan[after])
    } else if scan[next] == UInt8(ascii: "("),
      let close = scan.firstIndex(of: UInt8(ascii: ")"), from: next, to: min(e, next + maxPrefix))
    {
      ok = scan[close + 1] == UInt8(ascii: ":")
    }
    guard ok else { return nil }
    return [Owner(kind: .initials, form: .colonPrefix, text: scan.string(s, k), range: range(s, k))]
  }

  /// `Filipe to …`, `Cheng will …`, `John K. will …`, `CJ and Jaime to …`.
  // NOTE: prose owners are a capitalised first name (or initials) at the very start followed by `to`, `will` or
  // `should`; common words (`We`, `Need`, `Anaconda`) and words ending in -ing/-ed are not names.
  static func prose(_ scan: ByteScanner, _ s: Int, _ e: Int) -> [Owner] {
    let limit = min(e, s + 80)
    // Only the first seven words are ever looked at.
    let words = OwnerToken.wordRanges(scan, s, limit, maxCount: 7)
    guard words.count >= 2 else { return [] }
    var verbIndex: Int?
    for k in 1..<min(words.count, 7) where isVerb(scan, words[k]) {
      verbIndex = k
      break
    }
    guard let v = verbIndex else { return [] }
    var owners: [Owner] = []
    var k = 0
    while k < v {
      let (ws, we) = words[k]
      var (ns, ne) = (ws, we)
      if scan[ne - 1] == UInt8(ascii: ",") { ne -= 1 }
      let lower = scan.string(ns, ne).lowercased()
      if lower == "and" || lower == "&" {
        k += 1
        continue
      }
      if OwnerToken.isInitials(scan, ns, ne) {
        if OwnerToken.isAcronym(scan, ns, ne) { return [] }
        owners.append(Owner(kind: .initials, form: .prose, text: scan.string(ns, ne), range: range(ns, ne)))
        k += 1
        continue
      }
      // `Someone to …`, `Anyone to …`: a place-holder owner, which names nobody.
      if v == 1 && ["someone", "somebody", "anyone", "anybody", "volunteer", "tbd"].contains(lower) {
        return [Owner(kind: .placeholder, form: .prose, text: scan.string(ns, ne), range: range(ns, ne))]
      }
      if OwnerToken.stopWords.contains(lower) || lower.hasSuffix("ing") || lower.hasSuffix("ed") { return [] }
      guard OwnerToken.isName(scan, ns, ne) else { return [] }
      // An optional surname or initial: `John K.`, `Michael Sarahan`.
      if k + 1 < v {
        let (ss, se) = words[k + 1]
        var sEnd = se
        if scan[sEnd - 1] == UInt8(ascii: ",") { sEnd -= 1 }
        let single =
          ASCII.isUpper(scan[ss]) && (sEnd - ss == 1 || (sEnd - ss == 2 && scan[ss + 1] == UInt8(ascii: ".")))
        if single || (OwnerToken.isName(scan, ss, sEnd) && scan.string(ss, sEnd).lowercased() != "and") {
          ne = sEnd
          k += 1
        }
      }
      ns = ws
      owners.append(Owner(kind: .name, form: .prose, text: scan.string(ns, ne), range: range(ns, ne)))
      k += 1
      if owners.count > 3 { return [] }
    }
    return owners
  }

  private static let verbs: [[UInt8]] = [Array(ascii: "to"), Array(ascii: "will"), Array(ascii: "should")]

  /// `to`, `will` or `should`, exactly (lower case).
  static func isVerb(_ scan: ByteScanner, _ word: (Int, Int)) -> Bool {
    let n = word.1 - word.0
    guard n >= 2 && n <= 6, ASCII.isLower(scan[word.0]) else { return false }
    return verbs.contains { $0.count == n && scan.matches($0, at: word.0, end: word.1) }
  }

  /// `jjhelmus to add …`, `jakirkham & CJ-wright to sync …`: a lower-case handle leading prose, accepted only when
  /// the note names the same handle elsewhere (an attendee's handle or a `(handle)` owner).
  // NOTE: a lower-case first word followed by `to` is usually English (`need to`, `switch to`); the handle must be
  // known from the same note to be taken as an owner.
  static func knownHandleProse(_ scan: ByteScanner, _ start: Int, _ end: Int, known: Set<String>) -> [Owner] {
    let (s, e) = scan.trim(start, end)
    let words = OwnerToken.wordRanges(scan, s, min(e, s + 80))
    guard words.count >= 2 else { return [] }
    var owners: [Owner] = []
    for (k, word) in words.enumerated() {
      var (ws, we) = word
      if scan[we - 1] == UInt8(ascii: ",") { we -= 1 }
      if scan[ws] == UInt8(ascii: "@") { ws += 1 }
      guard ws < we else { return [] }
      if k > 0 && isVerb(scan, word) { return owners }
      let text = scan.string(ws, we)
      let lower = text.lowercased()
      if lower == "and" || lower == "&" { continue }
      if k == 0 && !known.contains(lower) { return [] }
      if known.contains(lower) {
        owners.append(Owner(kind: .handle, form: .prose, text: text, range: range(ws, we)))
      } else if case .person(let kind, _, _) = OwnerToken.classify(scan, ws, we),
        kind == .initials || kind == .handle || kind == .name
      {
        owners.append(Owner(kind: kind, form: .prose, text: text, range: range(ws, we)))
      } else {
        return []
      }
      if owners.count > 3 { return [] }
    }
    return []
  }

  /// `MRB bot metadata is killing github`, `TODO: Marius ping folks at intel`: initials or a first name as the first
  /// word (after a label such as `TODO:`), with no punctuation, accepted only when the note knows them (an attendee's
  /// initials or first name, or another item's owner).
  // NOTE: the conda template asks for "the initials of the person adding the item"; without a separator a capital
  // word could be any acronym (`JOSS paper`) or topic, so it must be known from the same note.
  static func knownPersonFirst(
    _ scan: ByteScanner, _ start: Int, _ end: Int, initials: Set<String>, names: Set<String>, isTask: Bool
  ) -> [Owner] {
    var (s, e) = scan.trim(start, end)
    var labelled = false
    // After a label: `TODO: …`, `Action item: …`.
    if let colon = scan.firstIndex(of: UInt8(ascii: ":"), from: s, to: min(e, s + 24)), colon + 1 < e,
      ASCII.isBlank(scan[colon + 1])
    {
      let label = scan.string(s, colon).lowercased()
      if ["todo", "todos", "action", "action item", "ai", "task", "next step", "next steps"].contains(label) {
        s = scan.skipBlanks(colon + 1, e)
        labelled = true
      }
    }
    var k = s
    while k < e && (ASCII.isLetter(scan[k]) || scan[k] >= 0x80) { k += 1 }
    guard k > s, k < e, ASCII.isBlank(scan[k]) || scan[k] == UInt8(ascii: ",") else { return [] }
    let text = scan.string(s, k)
    // NOTE: `MRB also mentioned that we need to …` reports who said it; it names no owner.
    if isReport(scan, scan.skipBlanks(k, e), e) { return [] }
    if OwnerToken.isInitials(scan, s, k) && !OwnerToken.isAcronym(scan, s, k) && initials.contains(text) {
      return [Owner(kind: .initials, form: .prose, text: text, range: range(s, k))]
    }
    // A known first name must start a task (a checkbox item, an action item, a `TODO:`), not a remark
    // (`John questioned …`), and be followed by a lower-case word (a verb) or a comma.
    guard isTask || labelled else { return [] }
    let next = scan.skipBlanks(k, e)
    if isReport(scan, next, e) { return [] }
    let verbLike = ASCII.isLower(scan[next]) || scan[k] == UInt8(ascii: ",")
    if OwnerToken.isName(scan, s, k) && names.contains(text) && verbLike {
      return [Owner(kind: .name, form: .prose, text: text, range: range(s, k))]
    }
    return []
  }

  private static let reportingVerbs: Set<String> = [
    "mentioned", "said", "says", "asked", "asks", "noted", "notes", "suggested", "suggests", "thinks", "thought",
    "raised", "commented", "agreed", "agrees", "proposed", "wondered", "explained", "reported", "pointed",
    "mentions", "questioned", "argued", "believes", "feels",
  ]

  /// Whether the word at `i` (after an optional `also`) reports speech: `mentioned`, `said`, `asked`, …
  static func isReport(_ scan: ByteScanner, _ i: Int, _ e: Int) -> Bool {
    var words = OwnerToken.wordRanges(scan, i, min(e, i + 40), maxCount: 2)
    if let first = words.first, scan.string(first.0, first.1).lowercased() == "also" { words.removeFirst() }
    guard let word = words.first else { return false }
    return reportingVerbs.contains(scan.string(word.0, word.1).lowercased())
  }

  /// Just after a leading label that ends in a colon (`TODO: `, `cfep-04 next steps: `), or nil.
  static func afterLabel(_ scan: ByteScanner, _ start: Int, _ end: Int) -> Int? {
    let (s, e) = scan.trim(start, end)
    guard let colon = scan.firstIndex(of: UInt8(ascii: ":"), from: s, to: min(e, s + maxPrefix)), colon + 1 < e,
      ASCII.isBlank(scan[colon + 1]), !isLinkOrCode(scan, s, colon)
    else { return nil }
    let rest = scan.skipBlanks(colon + 1, e)
    return rest < e ? rest : nil
  }

  // MARK: Groups

  /// Splits an owner group and classifies its tokens; the first token must be a person.
  static func group(_ scan: ByteScanner, _ s: Int, _ e: Int, form: OwnerForm) -> [Owner] {
    // A colon ends the people: `(JL: most Anaconda staff …)`.
    let end = scan.firstIndex(of: UInt8(ascii: ":"), from: s, to: e) ?? e
    var owners: [Owner] = []
    for (index, (ts, te)) in split(scan, s, end).enumerated() {
      switch OwnerToken.classify(scan, ts, te) {
      case .person(let kind, let ps, let pe):
        var ps = ps
        if kind == .handle && scan[ps] == UInt8(ascii: "@") { ps += 1 }
        owners.append(Owner(kind: kind, form: form, text: scan.string(ps, pe), range: range(ps, pe)))
      case .annotation, .notOwner:
        if index == 0 { return [] }
      }
    }
    return owners
  }

  /// Splits `s..<e` at `/`, `,`, `;`, `&`, `+` and the words `and`, `via`, `with`.
  static func split(_ scan: ByteScanner, _ s: Int, _ e: Int) -> [(Int, Int)] {
    var tokens: [(Int, Int)] = []
    var ts = s
    var i = s
    while i < e {
      let b = scan[i]
      if b == UInt8(ascii: "/") || b == UInt8(ascii: ",") || b == UInt8(ascii: ";") || b == UInt8(ascii: "&")
        || b == UInt8(ascii: "+")
      {
        tokens.append((ts, i))
        i += 1
        ts = i
        continue
      }
      if ASCII.isBlank(b) {
        for word in ["and", "via", "with"] where isWord(scan, word, at: i + 1, end: e) {
          tokens.append((ts, i))
          i += 1 + word.utf8.count
          ts = i
          break
        }
      }
      i += 1
    }
    tokens.append((ts, e))
    return tokens.compactMap { token in
      let (a, b) = scan.trim(token.0, token.1)
      return a < b ? (a, b) : nil
    }
  }

  private static func isWord(_ scan: ByteScanner, _ word: String, at i: Int, end: Int) -> Bool {
    let literal = Array(word.utf8)
    guard scan.matches(literal, at: i, end: end) else { return false }
    let after = i + literal.count
    return after == end || ASCII.isBlank(scan[after])
  }

  @inline(__always) static func range(_ s: Int, _ e: Int) -> TextRange { TextRange(utf8Start: s, utf8End: e) }
}
