// MARK: - Tasks

/// Decides which list items are tasks (`ItemRole`), and reads the owners that only a task's form or context
/// reveals: a label's owner (`TODO for @chenghlee:`, `todo (all MRB)`, `Patrick TODO:`), `Name - task`, a trailing
/// owner (`… -- SA`, `… (KF):`), a lower-case name leading a task (`matt to …`) and a single child bullet naming a
/// person.
///
/// NOTE: what makes a task, as teams write them (see the README, "How notes are read"):
/// - every checkbox of an action-tracking section (`Action items`, `TODOs`, the carry-over lists), as before;
/// - a checkbox with an owner slot anywhere, also nested under an agenda topic: a placeholder (`(???)`, `( )`,
///   `(TBD)`, `-- ??`), a slot before the checkbox (`(JK) [ ]`), a prose owner (`matt to …`);
/// - a bullet that starts with a task label (`TODO:`, `Todo:`, `Action item:`, `AI:`), with or without a checkbox,
///   and every bullet or checkbox directly under a bullet that is only such a label (`* TODO`, `- Action items:`);
/// - every top-level bullet of an `Action items` / `TODOs` / `Next steps` section, and of a carry-over list that
///   tracks its items with checkboxes;
/// - a checkbox under a task (a sub-task), and a top-level checkbox under a topic's own sub-heading
///   (`## Agenda` → `### Migrate away from Appveyor` → `* [ ] Get list of packages to KEEP`).
/// Not tasks: agenda checkboxes (topics, ticked when discussed), bullets under a task without a checkbox (status
/// lines: `* still waiting to hear back`), a question with discussion under it, anything in a code block.
enum TaskReader {
  /// What asks a person named before a comma to do something (`Jannis, can you …`).
  private static let requests = ["can you", "could you", "would you", "please"].map { Array(ascii: $0) }

  /// People the note itself names: attendees and item owners.
  struct Known {
    var handles: Set<String> = []
    var initials: Set<String> = []
    /// First names as written (`Marius`) and lower-cased.
    var names: Set<String> = []
    var lowerNames: [String] = []
  }

  static func assign(
    _ items: inout [ListItem], sections: [Section], scan: ByteScanner, known: Known, attendeeList: TextRange?
  ) {
    // NOTE: a carry-over section directly under an agenda heading (`### Standing items` → `#### From previous
    // meeting(s)`, `## Agenda` → `### Stuff from last week that we didn't get to`) carries agenda topics, not action
    // items: its checkboxes are read as the agenda's. A list of action items (`Check in on previous action items`,
    // `Move to Issue Tracker`, and sub-headings under them) stays one wherever it stands.
    func kindOfSection(_ section: Int?) -> SectionKind {
      var current = section
      while let i = current, i < sections.count {
        let own = sections[i].kind
        if own == .carryOver { return carriesAgenda(i) ? .agenda : .carryOver }
        if own != .other { return own }
        current = sections[i].parent
      }
      return .other
    }
    func carriesAgenda(_ index: Int) -> Bool {
      var current: Int? = index
      var top = index
      while let i = current, i < sections.count, sections[i].kind == .carryOver {
        let words = SectionClassifier.joinedWords(sections[i].title.text)
        let title = String(decoding: words, as: UTF8.self)
        if ASCIISearch.contains(title, anyOf: [" action ", " todo", " issue tracker "])
          ?? (title.contains(" action ") || title.contains(" todo") || title.contains(" issue tracker "))
        {
          return false
        }
        top = i
        current = sections[i].parent
      }
      guard let parent = sections[top].parent, parent < sections.count else { return false }
      return sections[parent].kind == .agenda && sections[parent].level > 1
    }
    // Each section's kind is decided once (it walks the parents and reads carry-over titles), not once per item.
    let sectionKinds = sections.indices.map { kindOfSection($0) }
    func kind(_ section: Int?) -> SectionKind {
      guard let section, section >= 0, section < sectionKinds.count else { return .other }
      return sectionKinds[section]
    }
    // Carry-over lists that track their items with checkboxes, and topic sub-headings under an agenda.
    var tracksWithCheckboxes = Set<Int>()
    for item in items where item.parent == nil && item.checkbox != nil && kind(item.section) == .carryOver {
      if let s = item.section { tracksWithCheckboxes.insert(s) }
    }
    var children = [[Int]](repeating: [], count: items.count)
    for (index, item) in items.enumerated() { if let p = item.parent, p < index { children[p].append(index) } }

    for index in items.indices {
      let item = items[index]
      let sectionKind = kind(item.section)
      if sectionKind == .attendees || sectionKind == .previousMeetings { continue }
      if let list = attendeeList, !list.isEmpty, list.utf8Start <= item.range.utf8Start,
        item.range.utf8Start <= list.utf8End
      {
        continue
      }
      if item.isEmptyTemplate || item.contentRange.isEmpty { continue }
      let content = item.contentRange
      let parentRole = item.parent.map { items[$0].role }
      let label = TaskLabel.read(scan, content.utf8Start, content.utf8End)
      var role = ItemRole.other
      if let label, label.isBare {
        role = .taskLabel
      } else if label != nil || parentRole == .taskLabel {
        role = .task
      } else if item.checkbox != nil {
        if sectionKind == .actionItems || sectionKind == .carryOver || parentRole == .task {
          role = .task
        } else if item.owners.contains(where: { isSlotPlaceholder($0) || $0.form == .prose })
          || hasTrailingPlaceholder(scan, content)
        {
          role = .task
        } else if item.owners.isEmpty,
          case let revealed = taskOwners(scan, content.utf8Start, content.utf8End, known: known),
          !revealed.isEmpty
        {
          // `- [ ] matt to make smithy release` under an agenda topic: an owner makes it a task.
          role = .task
          items[index].owners = revealed
        } else if item.parent == nil, let s = item.section, s < sections.count, sections[s].kind == .other,
          sectionKind == .agenda
        {
          // `### Migrate away from Appveyor (Marius / Isuru)` under `## Agenda`: the heading is the topic, its
          // checkboxes are what came out of it.
          role = .task
        } else if isSlotBeforeCheckbox(scan, item) {
          role = .task
        }
      } else if item.parent == nil {
        if sectionKind == .actionItems {
          role = .task
        } else if item.parent == nil && sectionKind == .carryOver, let s = item.section,
          tracksWithCheckboxes.contains(s)
        {
          role = .task
        }
        // A question with discussion under it is a topic, even in a task section.
        if role == .task && !children[index].isEmpty && isQuestion(scan, content) { role = .other }
      }
      items[index].role = role
      guard role != .other else { continue }
      if let label, !label.owners.isEmpty, items[index].owners.isEmpty { items[index].owners = label.owners }
      if role == .task && items[index].owners.isEmpty {
        let start = label?.rest ?? content.utf8Start
        items[index].owners = taskOwners(scan, start, content.utf8End, known: known)
      }
      // `… Need a champion for this one`: the task says it has no owner, whoever it is nested under.
      if role == .task && items[index].owners.isEmpty, let phrase = needsOwnerPhrase(scan, content) {
        items[index].owners = [
          Owner(kind: .placeholder, form: .prose, text: scan.string(phrase.utf8Start, phrase.utf8End), range: phrase)
        ]
      }
    }
    // A task whose only child is a bullet naming a person: `* [ ] schema` / `* Cheng Lee`.
    for index in items.indices where items[index].role == .task && items[index].owners.isEmpty {
      guard children[index].count == 1 else { continue }
      let child = children[index][0]
      guard items[child].checkbox == nil, let owner = personLine(scan, items[child].contentRange, known: known)
      else { continue }
      items[index].owners = [owner]
      items[child].role = .other
    }
  }

  private static let interrogatives: Set<String> = [
    "how", "what", "why", "who", "when", "where", "which", "should", "can", "could", "do", "does", "is", "are",
  ]

  /// `Have a triage team?`, `How do we continue the conversations`: a question.
  static func isQuestion(_ scan: ByteScanner, _ content: TextRange) -> Bool {
    let (s, e) = scan.trim(content.utf8Start, content.utf8End)
    guard s < e else { return false }
    if scan[e - 1] == UInt8(ascii: "?") { return true }
    guard let first = OwnerToken.wordRanges(scan, s, e, maxCount: 1).first else { return false }
    return interrogatives.contains(scan.string(first.0, first.1).lowercased())
  }

  private static let needsOwnerPhrases: [[UInt8]] = [
    "need a champion", "needs a champion", "need an owner", "needs an owner", "need a volunteer",
    "needs a volunteer", "looking for a volunteer", "looking for an owner", "who wants to", "anyone want to",
  ].map { Array(ascii: $0) }

  /// `Need a champion for this one`, `needs an owner`: a task that says nobody has it yet.
  static func needsOwnerPhrase(_ scan: ByteScanner, _ content: TextRange) -> TextRange? {
    for phrase in needsOwnerPhrases {
      if let at = scan.find(phrase, from: content.utf8Start, to: content.utf8End) {
        return TextRange(utf8Start: at, utf8End: at + phrase.count)
      }
    }
    return nil
  }

  /// `( ) [ ]`, `(JK) [ ]`: the checkbox stands after the content's start (the parser moved the slot out).
  private static func isSlotBeforeCheckbox(_ scan: ByteScanner, _ item: ListItem) -> Bool {
    guard let box = item.checkbox, let first = item.owners.first else { return false }
    return first.range.utf8Start < box.range.utf8Start
  }

  /// A place-holder that marks a missing owner (`(???)`, `(TBD)`, `( )`, `(Needs Owner)`), as opposed to one that
  /// names the whole room on an agenda topic (`* [ ] (anyone) intros for new people on the line?`).
  // NOTE: in an action-tracking section `(anyone)` is still no owner; on an agenda topic it says who may speak.
  static func isSlotPlaceholder(_ owner: Owner) -> Bool {
    guard owner.kind == .placeholder else { return false }
    let text = owner.text.lowercased()
    return text != "anyone" && text != "everyone" && text != "all"
  }

  /// `… -- ??`: a trailing place-holder owner.
  static func hasTrailingPlaceholder(_ scan: ByteScanner, _ content: TextRange) -> Bool {
    guard let owner = trailingOwner(scan, content.utf8Start, content.utf8End, known: Known()) else { return false }
    return owner.kind == .placeholder
  }

  // MARK: Owners of a task

  /// Owners a task reveals by its form: `Marius - reach out…`, `matt to make…`, `… -- SA`, `… (KF):`.
  static func taskOwners(_ scan: ByteScanner, _ start: Int, _ end: Int, known: Known) -> [Owner] {
    let (s, e) = scan.trim(start, end)
    guard s < e else { return [] }
    if let owner = nameBeforeDash(scan, s, e) { return [owner] }
    if let owner = addressed(scan, s, e) { return [owner] }
    if let owner = lowerCaseName(scan, s, e, known: known) { return [owner] }
    if let owner = knownAcronymSlot(scan, s, e, known: known) { return [owner] }
    if let owner = trailingOwner(scan, s, e, known: known) { return [owner] }
    return []
  }

  /// `Marius - reach out to internal IT`, `John K -- draft the post`: a name or initials, then a dash.
  // NOTE: only on tasks: `Docs - …` at the head of a topic is a topic (and `Docs` a stop word anyway).
  static func nameBeforeDash(_ scan: ByteScanner, _ s: Int, _ e: Int) -> Owner? {
    let limit = min(e, s + 40)
    var i = s
    while i < limit {
      if scan[i] == UInt8(ascii: "-") || (scan[i] == 0xE2 && scan[i + 1] == 0x80 && scan[i + 2] == 0x93) {
        guard i > s, ASCII.isBlank(scan[i - 1]) else { return nil }
        var after = i + (scan[i] == UInt8(ascii: "-") ? 1 : 3)
        if scan[after] == UInt8(ascii: "-") { after += 1 }
        guard after < e, ASCII.isBlank(scan[after]) else { return nil }
        let (ts, te) = scan.trim(s, i)
        guard case .person(let kind, let ps, let pe) = OwnerToken.classify(scan, ts, te), pe == te,
          kind == .name || kind == .initials
        else { return nil }
        return Owner(kind: kind, form: .prose, text: scan.string(ps, pe), range: OwnerParser.range(ps, pe))
      }
      if scan[i] == UInt8(ascii: ":") || scan[i] == UInt8(ascii: "(") { return nil }
      i += 1
    }
    return nil
  }

  /// `Matt, can you write down …`: the person a task asks.
  static func addressed(_ scan: ByteScanner, _ s: Int, _ e: Int) -> Owner? {
    var k = s
    while k < e && (ASCII.isLetter(scan[k]) || scan[k] >= 0x80) { k += 1 }
    guard k < e, scan[k] == UInt8(ascii: ","), case .person(let kind, let ps, let pe) = OwnerToken.classify(scan, s, k),
      pe == k, kind == .name || kind == .initials
    else { return nil }
    let next = scan.skipBlanks(k + 1, e)
    let asks = Self.requests.contains { scan.matches($0, at: next, end: e) }
    guard asks else { return nil }
    return Owner(kind: kind, form: .prose, text: scan.string(ps, pe), range: OwnerParser.range(ps, pe))
  }

  /// `matt to make smithy release`, `john to talk more`, `matt B to send …`: a lower-case first name that the note
  /// knows (an attendee's first name, or its start: `matt` for Matthew), or a known handle, before `to` / `will`.
  // NOTE: a lower-case word before `to` is usually English (`need to`, `switch to`): it must be someone the note
  // names.
  static func lowerCaseName(_ scan: ByteScanner, _ s: Int, _ e: Int, known: Known) -> Owner? {
    let words = OwnerToken.wordRanges(scan, s, min(e, s + 60), maxCount: 4)
    guard words.count >= 3 else { return nil }
    let (ws, we) = words[0]
    guard we - ws >= 3, ASCII.isLower(scan[ws]) else { return nil }
    var k = ws
    while k < we && ASCII.isLower(scan[k]) { k += 1 }
    guard k == we else { return nil }
    var verb = 1
    var end = we
    let (is0, ie0) = words[1]
    if ie0 - is0 == 1 && ASCII.isUpper(scan[is0]) {
      verb = 2
      end = ie0
    }
    guard verb < words.count, OwnerParser.isVerb(scan, words[verb]) else { return nil }
    let word = scan.string(ws, we)
    let isKnown =
      known.handles.contains(word)
      || known.lowerNames.contains {
        $0 == word || (word.count >= 3 && $0.hasPrefix(word) && $0.count <= word.count + 4)
      }
    guard isKnown else { return nil }
    return Owner(
      kind: known.handles.contains(word) ? .handle : .name, form: .prose, text: scan.string(ws, end),
      range: OwnerParser.range(ws, end))
  }

  /// `(GH) …`, `GH: …`: initials that are also an acronym, taken as an owner when an attendee of this note is known
  /// by them (the workspace is asked at check time, see `action-item.unowned`).
  static func knownAcronymSlot(_ scan: ByteScanner, _ s: Int, _ e: Int, known: Known) -> Owner? {
    var ts = s
    let paren = scan[s] == UInt8(ascii: "(")
    if paren { ts += 1 }
    var te = ts
    while te < e && ASCII.isUpper(scan[te]) { te += 1 }
    guard te - ts >= 2, te - ts <= 4, OwnerToken.isAcronym(scan, ts, te), known.initials.contains(scan.string(ts, te))
    else { return nil }
    let next = scan[te]
    guard
      paren
        ? next == UInt8(ascii: ")") || next == UInt8(ascii: "/") || next == UInt8(ascii: ",")
        : next == UInt8(ascii: ":")
    else { return nil }
    return Owner(
      kind: .initials, form: paren ? .parenthesized : .colonPrefix, text: scan.string(ts, te),
      range: OwnerParser.range(ts, te))
  }

  /// `… -- SA`, `… -- ??`, `… (KF):`, `… (MRB done)`: an owner at the end of the task.
  // NOTE: a trailing `(…)` is often an aside (`(maybe after we ship qt)`, `(Probably yes)`): only initials or a
  // name the note knows count there. A trailing `-- X` is the owner form of the conda action items.
  static func trailingOwner(_ scan: ByteScanner, _ s: Int, _ e: Int, known: Known) -> Owner? {
    var end = e
    while end > s && (scan[end - 1] == UInt8(ascii: ":") || scan[end - 1] == UInt8(ascii: ".")) { end -= 1 }
    end = scan.trim(s, end).1
    guard end > s else { return nil }
    if scan[end - 1] == UInt8(ascii: ")") {
      guard let open = lastIndex(scan, of: UInt8(ascii: "("), from: s, to: end - 1), open > s else { return nil }
      // Every part must be a person (`(MRB done)` allowed): `(SG from JFrog was present, thanks!)` is an aside.
      var gs = open + 1
      var ge = end - 1
      (gs, ge) = scan.trim(gs, ge)
      // `(JL, DPC will follow up)`: the people before what they will do.
      for verb in [" will ", " to "] {
        if let at = scan.find(Array(verb.utf8), from: gs, to: ge) { ge = scan.trim(gs, at).1 }
      }
      for word in ["done", "wip", "absent"] {
        let literal = Array(word.utf8)
        if ge - gs > literal.count + 1, scan.matches(literal, at: ge - literal.count, end: ge),
          ASCII.isBlank(scan[ge - literal.count - 1])
        {
          ge = scan.trim(gs, ge - literal.count).1
        }
      }
      let tokens = OwnerParser.split(scan, gs, ge)
      let owners = OwnerParser.group(scan, gs, ge, form: .parenthesized)
      guard let first = owners.first, owners.count == tokens.count,
        zip(owners, tokens).allSatisfy({ $0.range.utf8End == $1.1 })
      else { return nil }
      // `(?)` marks a doubt, not an owner slot.
      if first.kind == .placeholder && first.text == "?" { return nil }
      switch first.kind {
      case .placeholder: return first
      case .initials where known.initials.contains(first.text): return first
      case .name where known.names.contains(first.text): return first
      default: return nil
      }
    }
    // `-- X` / `— X`: the last blank-separated word after a double dash or an em dash.
    guard let space = lastIndex(scan, of: 0x20, from: s, to: end) else { return nil }
    let ts = space + 1
    var d = space
    while d > s && ASCII.isBlank(scan[d - 1]) { d -= 1 }
    let dashed =
      d - 2 >= s && scan[d - 1] == UInt8(ascii: "-") && scan[d - 2] == UInt8(ascii: "-")
      || d - 3 >= s && scan[d - 3] == 0xE2 && scan[d - 2] == 0x80 && scan[d - 1] == 0x94
    guard dashed, ts < end else { return nil }
    switch OwnerToken.classify(scan, ts, end) {
    case .person(let kind, let ps, let pe) where kind != .malformedInitials:
      return Owner(kind: kind, form: .prose, text: scan.string(ps, pe), range: OwnerParser.range(ps, pe))
    default:
      return nil
    }
  }

  /// A bullet that only names a person: `Cheng Lee`, `@jakirkham`, initials or a first name the note knows.
  static func personLine(_ scan: ByteScanner, _ content: TextRange, known: Known) -> Owner? {
    var (s, e) = scan.trim(content.utf8Start, content.utf8End)
    while e > s && (scan[e - 1] == UInt8(ascii: ".") || scan[e - 1] == UInt8(ascii: ",")) { e -= 1 }
    guard s < e, e - s <= 40 else { return nil }
    guard case .person(let kind, let ps, let pe) = OwnerToken.classify(scan, s, e), pe == e else { return nil }
    let text = scan.string(ps, pe)
    let words = OwnerToken.wordRanges(scan, ps, pe)
    switch kind {
    case .name where words.count >= 2 || known.names.contains(text): break
    case .initials where known.initials.contains(text): break
    case .handle where scan[s] == UInt8(ascii: "@") || known.handles.contains(text.lowercased()): break
    default: return nil
    }
    return Owner(kind: kind, form: .prose, text: text, range: OwnerParser.range(ps, pe))
  }

  private static func lastIndex(_ scan: ByteScanner, of byte: UInt8, from s: Int, to e: Int) -> Int? {
    var i = e - 1
    while i >= s {
      if scan[i] == byte { return i }
      i -= 1
    }
    return nil
  }
}

// MARK: - Task labels

/// `TODO:`, `Todo:`, `todo`, `Action item:`, `Action Item:`, `Action items:`, `AI:`, `Next steps:`, `Follow-up:` at
/// the start of an item, with the owner forms that go with them: `TODO for @chenghlee:`, `Action item for Anaconda:`,
/// `todo (all MRB)`, `TODO (MRB) [ ] do these votes`, `Patrick TODO:`, `(Eric) TODO:`.
struct TaskLabel {
  /// Nothing follows the label (and its owner): the bullet labels the tasks under it.
  var isBare: Bool
  /// Owners written in the label itself (`for X`, `(X)`, `X TODO:`).
  var owners: [Owner]
  /// Where the task's own text starts, after the label.
  var rest: Int

  private static let words: [(String, needsColon: Bool)] = [
    ("action items", false), ("action item", false), ("next steps", true), ("next step", true),
    ("follow-ups", true), ("follow-up", true), ("follow ups", true), ("follow up", true), ("followups", true),
    ("to-dos", false), ("to-do", false), ("todos", false), ("todo", false), ("to do", true), ("ai", true),
  ]
  /// `words` as bytes, made once (not once per item read).
  private static let literals: [(bytes: [UInt8], needsColon: Bool)] = words.map { (Array($0.0.utf8), $0.needsColon) }
  private static let actionItem = Array(ascii: "action item")
  private static let ai = Array(ascii: "ai")
  private static let forWord = Array(ascii: "for ")
  private static let all = Array(ascii: "all ")

  static func read(_ scan: ByteScanner, _ start: Int, _ end: Int) -> TaskLabel? {
    var (s, e) = scan.trim(start, end)
    while s < e && OwnerParser.isEmphasis(scan[s]) { s += 1 }
    guard s < e else { return nil }
    var owners: [Owner] = []
    var p = s
    // `(Eric) TODO:`, `Patrick TODO:`, `Anaconda action item:`.
    if scan[p] == UInt8(ascii: "("), let close = scan.firstIndex(of: UInt8(ascii: ")"), from: p, to: min(e, p + 40)) {
      let next = scan.skipBlanks(close + 1, e)
      if match(scan, next, e) != nil {
        owners = OwnerParser.group(scan, p + 1, close, form: .parenthesized)
        p = next
      }
    } else if OwnerToken.isCapital(scan, p) {
      var k = p + 1
      while k < e && (ASCII.isLetter(scan[k]) || scan[k] >= 0x80) { k += 1 }
      let next = scan.skipBlanks(k, e)
      let isPerson: Bool
      if case .person(.name, _, _) = OwnerToken.classify(scan, p, k) { isPerson = true } else { isPerson = false }
      // `Anaconda action item:`: a team or company owns an action item.
      let isTeam = OwnerToken.isName(scan, p, k) && scan.matches(actionItem, at: next, end: e)
      if k < e, ASCII.isBlank(scan[k]), isPerson || isTeam, match(scan, next, e) != nil {
        owners = [Owner(kind: .name, form: .prose, text: scan.string(p, k), range: OwnerParser.range(p, k))]
        p = next
      }
    }
    guard let (labelEnd, needsColon) = match(scan, p, e) else {
      return trailingLabel(scan, s, e)
    }
    var i = labelEnd
    // `AI` and `TODO` in capitals are labels only as written; `ai` in lower case is a word.
    if scan.matches(ai, at: p, end: e) && labelEnd - p == 2 && !OwnerToken.isUpperRun(scan, p, labelEnd) {
      return nil
    }
    i = skipBlanksAndEmphasis(scan, i, e)
    // `for X:`.
    if scan.matches(forWord, at: i, end: e),
      let colon = scan.firstIndex(of: UInt8(ascii: ":"), from: i, to: min(e, i + 40))
    {
      let (ts, te) = scan.trim(i + 4, colon)
      if case .person(let kind, let ps, let pe) = OwnerToken.classify(scan, ts, te), pe == te {
        owners = [Owner(kind: kind, form: .prose, text: scan.string(ps, pe), range: OwnerParser.range(ps, pe))]
      } else if ts < te, OwnerToken.isCapital(scan, ts) {
        // `Action item for Anaconda:`: a team or company.
        owners = [Owner(kind: .name, form: .prose, text: scan.string(ts, te), range: OwnerParser.range(ts, te))]
      }
      i = colon
    }
    // `(MRB)`, `(all MRB)`.
    if i < e, scan[i] == UInt8(ascii: "("),
      let close = scan.firstIndex(of: UInt8(ascii: ")"), from: i, to: min(e, i + 40))
    {
      var gs = scan.skipBlanks(i + 1, close)
      if scan.matches(all, at: gs, end: close) { gs += 4 }
      let found = OwnerParser.group(scan, gs, close, form: .parenthesized)
      if !found.isEmpty { owners = found }
      i = scan.skipBlanks(close + 1, e)
    }
    var sawColon = false
    while i < e && (scan[i] == UInt8(ascii: ":") || ASCII.isBlank(scan[i]) || OwnerParser.isEmphasis(scan[i])) {
      if scan[i] == UInt8(ascii: ":") { sawColon = true }
      i += 1
    }
    // `TODO (MRB) [ ] do these votes`.
    if let box = ListItemParser.checkbox(scan, at: i, end: e) { i = scan.skipBlanks(box.range.utf8End, e) }
    if i >= e { return TaskLabel(isBare: true, owners: owners, rest: e) }
    // `todo suggest …` (lower case, no colon) is a word; `TODO New python build` in capitals is a label.
    if !sawColon && (needsColon || !OwnerToken.isUpperRun(scan, p, min(labelEnd, p + 4))) && owners.isEmpty {
      return nil
    }
    return TaskLabel(isBare: false, owners: owners, rest: i)
  }

  /// `Self-hosting CI TODOs:`: a short bullet ending in a label word and a colon labels the tasks under it.
  private static func trailingLabel(_ scan: ByteScanner, _ s: Int, _ e: Int) -> TaskLabel? {
    var end = e
    while end > s && OwnerParser.isEmphasis(scan[end - 1]) { end -= 1 }
    guard end > s, scan[end - 1] == UInt8(ascii: ":") else { return nil }
    let words = OwnerToken.wordRanges(scan, s, end - 1)
    guard words.count >= 2, words.count <= 5, let last = words.last else { return nil }
    let word = scan.string(last.0, last.1).lowercased()
    guard ["todos", "todo", "to-dos", "items"].contains(word) else { return nil }
    if word == "items" {
      guard words.count >= 2, scan.string(words[words.count - 2].0, words[words.count - 2].1).lowercased() == "action"
      else { return nil }
    }
    return TaskLabel(isBare: true, owners: [], rest: e)
  }

  /// The end of a label word at `p` and whether it needs a colon to be a label.
  private static func match(_ scan: ByteScanner, _ p: Int, _ e: Int) -> (Int, Bool)? {
    // Every label word starts with `a`, `f`, `n` or `t`.
    guard p >= 0, p < e, p < scan.count else { return nil }
    let first = ASCII.lower(scan[p])
    guard first == 0x61 || first == 0x66 || first == 0x6E || first == 0x74 else { return nil }
    for (literal, needsColon) in literals {
      guard scan.matches(literal, at: p, end: e) else { continue }
      let after = p + literal.count
      guard after >= e || !ASCII.isLetter(scan[after]) else { continue }
      return (after, needsColon)
    }
    return nil
  }

  private static func skipBlanksAndEmphasis(_ scan: ByteScanner, _ i: Int, _ e: Int) -> Int {
    var i = i
    while i < e && (ASCII.isBlank(scan[i]) || OwnerParser.isEmphasis(scan[i])) { i += 1 }
    return i
  }
}
