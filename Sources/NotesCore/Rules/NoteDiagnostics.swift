// MARK: - Entry points

extension NotesWorkspace {
  /// The diagnostics of the note at `uri` (document-level and workspace-level), with configured severities applied
  /// and rules that are off left out, sorted by position.
  public func diagnostics(for uri: String) -> [Diagnostic] {
    guard let document = document(uri) else { return [] }
    return diagnostics(for: document)
  }

  /// The diagnostics of a parsed note that need not be held by the workspace (see `index(_:)`).
  public func diagnostics(for document: NoteDocument) -> [Diagnostic] {
    var checker = NoteChecker(workspace: self, document: document)
    checker.run()
    let suppressions = Suppressions(document.source)
    var result = checker.found + CarryOverCheck.diagnostics(for: document, workspace: self)
    if !suppressions.isEmpty {
      result.removeAll {
        suppressions.suppresses($0.code, onLine: document.source.line(containingUTF8Offset: $0.range.utf8Start))
      }
    }
    result.sort { ($0.range.utf8Start, $0.range.utf8End, $0.code) < ($1.range.utf8Start, $1.range.utf8End, $1.code) }
    return result
  }

  /// Every finding of a file read from disk: the file-level ones, then (unless the file is binary) the note's.
  public func diagnostics(for document: NoteDocument, decoded: DecodedText) -> [Diagnostic] {
    var result = decodingDiagnostics(decoded, source: document.source)
    if !decoded.issues.contains(.binary) { result += diagnostics(for: document) }
    result.sort { ($0.range.utf8Start, $0.range.utf8End, $0.code) < ($1.range.utf8Start, $1.range.utf8End, $1.code) }
    return result
  }
}

// MARK: - Rules

/// Runs every rule over one note. Each rule is one method; meeting rules run on meeting notes only.
struct NoteChecker {
  let workspace: NotesWorkspace
  let document: NoteDocument
  let people: PeopleIndex
  var found: [Diagnostic] = []

  /// Initials (cleaned) of this note's own attendees, and the initials their names suggest.
  private var localInitials: Set<String> = []
  private var localDerivedInitials: Set<String> = []
  /// People (component ids) attending this meeting, as far as the workspace join knows them.
  private var localPeople: Set<Int> = []
  /// `PersonIdentity` of each attendee entry, in order (computed once: several rules need them).
  private var attendeeIdentities: [PersonIdentity] = []
  /// What this note has already asked of a person (component): one answer per note, however often it is named.
  private let memo = ComponentMemo()
  /// Who each owner is: the one resolver.
  private var resolver: PersonResolver
  /// The items of the previous meeting, normalised (computed when first needed).
  private var previousTexts: Set<String>?

  private final class ComponentMemo {
    var initials: [Int: String?] = [:]
    var names: [Int: String] = [:]
    var handles: [Int: [String: (count: Int, spelling: String)]] = [:]
    var teams: Set<String>?
  }

  init(workspace: NotesWorkspace, document: NoteDocument) {
    self.workspace = workspace
    self.document = document
    self.people = workspace.peopleIndex
    self.resolver = PersonResolver(workspace: workspace, document: document)
    for attendee in document.attendees?.entries ?? [] {
      let identity = PersonIdentity(attendee)
      attendeeIdentities.append(identity)
      if let key = NameMatching.initialsKey(identity.initials) { localInitials.insert(key) }
      for derived in NameMatching.derivedInitials(identity.name) { localDerivedInitials.insert(derived) }
      if let c = people.componentOfIdentity[identity] { localPeople.insert(c) }
    }
  }

  mutating func run() {
    guard document.isMeetingNote else { return }
    checkItems()
    checkOwners()
    checkAttendees()
    checkHeadcounts()
    checkProposals()
    checkDates()
    checkPreviousLinks()
  }

  private mutating func report(_ code: DiagnosticCode, _ range: TextRange, _ message: String) {
    guard let severity = workspace.settings.severity(for: code) else { return }
    found.append(Diagnostic(code: code, severity: severity, message: message, range: range))
  }

  private func quoted(_ text: String) -> String { "`\(text)`" }

  // MARK: Items

  /// `action-item.unowned`, `placeholder.empty-item`, `checkbox.malformed`.
  ///
  /// NOTE: `action-item.unowned` applies to tasks, in whatever form they are written (`ListItem.role`, decided by
  /// `TaskReader`): checkboxes of action-tracking sections, checkboxes with an owner slot anywhere, `TODO:` /
  /// `Action item:` lines and the bullets under such a label, the bullets of `Action items` sections. Both teams also
  /// tick agenda topics (`- [x] intros for new folks`, `- [ ] open votes`): those are topics, not tasks, and are not
  /// checked. A ticked task is done and never reported. A task inherits the owner of the task it is nested under; a
  /// placeholder owner (`(???)`, `(Needs Owner)`, `( )`, `-- ??`) is no owner.
  private mutating func checkItems() {
    for (index, item) in document.items.enumerated() {
      if let checkbox = item.checkbox, checkbox.state == .malformed {
        let written = document.source.text(in: checkbox.range)
        report(
          .checkboxMalformed, checkbox.range,
          "\(quoted(written)) is not a checkbox Markdown renders: write `[ ]` for an open item or `[x]` for a done one."
        )
      }
      if item.checkbox != nil && item.isEmptyTemplate {
        report(.placeholderEmptyItem, item.range, "Empty template item: fill it in or delete the line.")
        continue
      }
      guard item.role == .task, item.checkbox?.state != .done else { continue }
      let owners = document.effectiveOwners(ofItem: index)
      guard !owners.contains(where: { $0.kind != .placeholder }) else { continue }
      // NOTE: `- [ ] None yet` / `- [ ] N/A` under `Action items` says there are none; it is not an unowned task.
      let content = document.text(of: item)
      if owners.isEmpty && Self.nothingPhrases.contains(TrackedItem.normalize(content)) { continue }
      if owners.isEmpty
        && (startsWithKnownInitials(content) || startsWithTeam(content) || startsWithKnownHandle(content))
      {
        continue
      }
      // NOTE: `Action item: Open stdlib meta issue ([done](…))`, `… (MRB done)`: the note says it is done.
      if Self.saysDone(content) { continue }
      let range = item.contentRange.isEmpty ? item.range : item.contentRange
      if let placeholder = owners.first, placeholder.text.isEmpty {
        let slot = TextRange(
          utf8Start: max(0, placeholder.range.utf8Start - 1), utf8End: placeholder.range.utf8End + 1)
        report(
          .actionItemUnowned, slot,
          "Action item with an empty owner slot: write the initials of the person who will do it between the "
            + "parentheses.")
      } else if let placeholder = owners.first {
        report(
          .actionItemUnowned, placeholder.range,
          "Action item owned by \(quoted(placeholder.text)), which names nobody: replace it with the initials of "
            + "the person who will do it.")
      } else {
        report(
          .actionItemUnowned, range,
          "Action item with no owner: start it with the initials of the person who will do it, e.g. `(AB)`.")
      }
    }
  }

  /// Whether an item's text starts with the initials of someone known, followed by `:`, `/`, `,` or a parenthesis
  /// (`JRG (conda-forge): Idea to …`), or in parentheses (`(GH) …`): an owner written in a form the parser did not
  /// take as one, or initials that are also an acronym (`GH`, `AI`, `ML`, `PR`, `CI`, `OK`). Guards the promise that
  /// no item owned by initials is reported unowned.
  // NOTE: `(GH)` is an owner when someone is known by those initials: this meeting's attendees first (the parser
  // already took those), else anyone in the workspace's attendee lists and rosters.
  private func startsWithKnownInitials(_ text: String) -> Bool {
    var scalars = Array(text.unicodeScalars.prefix(13))
    let parenthesized = scalars.first == "("
    if parenthesized { scalars.removeFirst() }
    var end = 0
    while end < scalars.count, scalars[end].properties.isAlphabetic { end += 1 }
    guard end >= 2, end < scalars.count else { return false }
    let word = String(String.UnicodeScalarView(scalars[0..<end]))
    guard NameMatching.isWellFormedInitials(word), let key = NameMatching.initialsKey(word) else { return false }
    var next = end
    while next < scalars.count, scalars[next] == " " { next += 1 }
    let followers = parenthesized ? ")/,;" : ":/,("
    guard next < scalars.count, followers.unicodeScalars.contains(scalars[next]) else { return false }
    return people.byInitials[key] != nil || localInitials.contains(key)
  }

  /// Whether an item starts with a team or company that people in the workspace belong to (`Anaconda: …`,
  /// `Anaconda should …`, `Anaconda to …`): the team owns it.
  // NOTE: teams are known from the affiliation column of attendee lists; a word that is nobody's affiliation is not
  // taken as an owner (`Website: check the draft` is unowned).
  private func startsWithTeam(_ text: String) -> Bool {
    let words = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
    guard let first = words.first, first.count >= 3 else { return false }
    var team = first.lowercased()
    var colon = false
    if team.hasSuffix(":") {
      team.removeLast()
      colon = true
    }
    guard colon || (words.count > 1 && ["should", "to", "will", "needs", "must"].contains(words[1].lowercased())) else {
      return false
    }
    return teams().contains(team)
  }

  /// Whether a task's text says it is done: `(done)`, `[done](…)`, `(MRB done)`.
  static func saysDone(_ text: String) -> Bool {
    if let found = ASCIISearch.contains(text, anyOf: ["(done", "[done]", " done)"], lowercasing: true) { return found }
    let lower = text.lowercased()
    return lower.contains("(done") || lower.contains("[done]") || lower.contains(" done)")
  }

  /// Whether a task (after a label such as `cfep-04 next steps:`) starts with the handle of someone the workspace
  /// knows, then `to` / `will` / `and` / `&`: `jjhelmus to add a comment` is jjhelmus's.
  // NOTE: the parser takes a lower-case word before `to` as an owner only when this note names that person
  // (`need to …` is English); the workspace's attendee lists and rosters know more handles.
  private func startsWithKnownHandle(_ text: String) -> Bool {
    var rest = Substring(text)
    if let colon = rest.prefix(48).firstIndex(of: ":"), !rest[..<colon].contains("["), !rest[..<colon].contains("/") {
      rest = rest[rest.index(after: colon)...]
    }
    let words = rest.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
    guard words.count >= 2, ["to", "will", "and", "&"].contains(words[1]) else { return false }
    var handle = words[0]
    if handle.hasPrefix("@") { handle = handle.dropFirst() }
    guard let key = NameMatching.handleKey(String(handle)) else { return false }
    return people.byHandle[key] != nil
  }

  /// Affiliations of everyone in the workspace, lower-cased, and their first words.
  private func teams() -> Set<String> {
    if let known = memo.teams { return known }
    var result = Set<String>()
    for component in people.components {
      for identity in component.identities where identity.affiliation.count >= 3 {
        let lower = identity.affiliation.lowercased()
        result.insert(lower)
        if let first = Self.firstWord(lower), first.count >= 3 { result.insert(String(first)) }
      }
    }
    memo.teams = result
    return result
  }

  /// The first run of letters and digits of a text (`anaconda` of `anaconda, inc.`), by bytes when it is ASCII.
  static func firstWord(_ text: String) -> Substring? {
    let utf8 = text.utf8
    guard utf8.allSatisfy({ $0 < 0x80 }) else {
      return text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).first
    }
    func isWordByte(_ b: UInt8) -> Bool {
      (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
    }
    guard let start = utf8.firstIndex(where: isWordByte) else { return nil }
    let end = utf8[start...].firstIndex(where: { !isWordByte($0) }) ?? utf8.endIndex
    return text[start..<end]
  }

  /// Item texts that say there is nothing to do.
  static let nothingPhrases: Set<String> = [
    "", "none", "none yet", "nothing", "nothing yet", "n a", "na", "tbd", "no action items", "no items",
  ]

  // MARK: Owners

  /// `initials.malformed`, `initials.unknown`, `owner.ambiguous` and `owner.name-not-initials` on item owners.
  private mutating func checkOwners() {
    var seen = Set<TextRange>()
    // NOTE: owners are checked on tasks only — checkbox items, tasks in any form (`(Eric) TODO: …`), and the bullets
    // of `Action items` sections. `(SD)` or `JR:` at the start of a discussion bullet attributes a remark to a
    // speaker (and the parser's owner reading of prose such as `Chicken and egg: …` is a guess), so they are not held
    // to the owner rules. The owner-form rules (`initials.malformed` on an owner, `initials.unknown`,
    // `owner.name-not-initials`) fire where the item is first written, not on its carried copies.
    for (index, item) in document.items.enumerated()
    where item.checkbox != nil || item.isTask || document.sectionKind(ofSection: item.section) == .actionItems {
      for owner in item.owners where seen.insert(owner.range).inserted {
        switch owner.kind {
        case .malformedInitials: if !isCarriedCopy(index) { malformedOwner(owner) }
        case .initials: initialsOwner(owner, item: index)
        case .name, .handle: namedOwner(owner, item: index)
        case .placeholder: break
        }
      }
    }
  }

  /// `initials.malformed`: where initials are expected and the token is not 2–4 capital letters.
  private mutating func malformedOwner(_ owner: Owner) {
    report(.initialsMalformed, owner.range, malformedMessage(owner.text, whose: "the owner's"))
  }

  private mutating func malformedMessage(_ text: String, whose: String) -> String {
    if NameMatching.isPlaceholder(text) {
      return "\(quoted(text)) is a placeholder, not initials: write \(whose) initials (2–4 capital letters)."
    }
    if let key = NameMatching.initialsKey(text) {
      return "\(quoted(text)) is not written as initials: write \(quoted(key)) (2–4 capital letters, no dots)."
    }
    var hint = ""
    if let c = resolver.resolve(kind: .malformedInitials, text: text).person, let initials = mostUsedInitials(c) {
      hint = " (\(quoted(initials)) for \(displayName(c)))"
    }
    return "\(quoted(text)) is not initials: write \(whose) initials, 2–4 capital letters\(hint)."
  }

  /// `initials.unknown` and `owner.ambiguous`: what `PersonResolver` says of the owner.
  private mutating func initialsOwner(_ owner: Owner, item: Int) {
    guard let key = NameMatching.initialsKey(owner.text) else { return }
    switch resolver.resolve(kind: owner.kind, text: owner.text, item: item) {
    case .one: return
    case .unknown:
      // NOTE: reported where the item is first written, as the owner-form rules are: a carried copy repeats what an
      // earlier meeting wrote, and the same finding in each of 30 later notes is noise.
      if isCarriedCopy(item) { return }
      // NOTE: initials that the name of someone in this meeting suggests count as known: the person is here, they
      // were just never written with initials. (Those a roster's or another note's name suggests resolve.)
      if localInitials.contains(key) || localDerivedInitials.contains(key) || people.byDerivedInitials[key] != nil {
        return
      }
      // NOTE: a carried item's owner may have attended only the meeting it came from: do not ask to add them here.
      let advice =
        resolver.isCarried(item)
        ? "check the initials, or add the person to the attendees of the meeting this item came from."
        : "check the initials, or add the person to this meeting's attendees."
      report(
        .initialsUnknown, owner.range,
        "No one in the attendee lists or rosters is known as \(quoted(key)): " + advice)
    case .ambiguous(let candidates):
      let names = candidates.prefix(4).map(displayName).joined(separator: ", ")
      if resolver.isCarried(item) {
        // NOTE: a carried item is older than this meeting: asking to list its owner in today's attendees would be
        // wrong advice.
        let from =
          resolver.origin(ofItem: item).map { " carried from \($0.date)" } ?? " carried from an earlier meeting"
        report(
          .ownerAmbiguous, owner.range,
          "\(quoted(key)) on this item\(from) could be \(names), and nothing tells which: write the owner's GitHub "
            + "handle instead.")
      } else {
        report(
          .ownerAmbiguous, owner.range,
          "\(quoted(key)) could be \(names), and none of them is in this meeting's attendees: list the owner there, "
            + "or write their GitHub handle.")
      }
    }
  }

  /// `owner.name-not-initials`: `(Eric)`, `John K:` where that person's initials are known — only where the item is
  /// first written, and never on a GitHub handle.
  ///
  /// NOTE: a handle is an unambiguous owner (initials get reused over the years): it is never nudged. A carried copy
  /// repeats what an earlier meeting wrote; nudging it again in every later note is noise.
  private mutating func namedOwner(_ owner: Owner, item: Int) {
    guard owner.kind == .name, owner.form == .parenthesized || owner.form == .colonPrefix || owner.form == .bracketed
    else { return }
    if let handle = NameMatching.handleKey(owner.text), people.byHandle[handle] != nil { return }
    guard !isCarriedCopy(item), let c = resolver.resolve(kind: owner.kind, text: owner.text, item: item).person,
      let initials = mostUsedInitials(c)
    else { return }
    report(
      .ownerNameNotInitials, owner.range,
      "Owners are written as initials: write \(quoted(initials)) for \(displayName(c)).")
  }

  /// Whether an item repeats one of an earlier meeting: in a carry-over section, or written in the previous meeting
  /// of the series already.
  private mutating func isCarriedCopy(_ item: Int) -> Bool {
    if document.sectionKind(ofSection: document.items[item].section) == .carryOver { return true }
    guard let previous = workspace.previousMeetingURI(of: document).flatMap(workspace.summary) else { return false }
    if previousTexts == nil { previousTexts = Set(previous.trackedItems.map(\.normalizedText)) }
    let text = TrackedItem.normalize(TrackedItem.contentWithoutOwners(document.items[item], in: document))
    return !text.isEmpty && previousTexts?.contains(text) == true
  }

  /// The initials a person is most often written with, as written when well formed (`MvN`), else upper-cased.
  private func mostUsedInitials(_ component: Int) -> String? {
    if let known = memo.initials[component] { return known }
    let found = computeMostUsedInitials(component)
    memo.initials[component] = .some(found)
    return found
  }

  private func computeMostUsedInitials(_ component: Int) -> String? {
    var counts: [String: Int] = [:]
    var spelling: [String: [String: Int]] = [:]
    for identity in people.components[component].identities {
      guard let key = NameMatching.initialsKey(identity.initials) else { continue }
      let n = max(1, workspace.identityCount(identity))
      counts[key, default: 0] += n
      if NameMatching.isWellFormedInitials(identity.initials) {
        spelling[key, default: [:]][identity.initials, default: 0] += n
      }
    }
    guard let key = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key })?.key else {
      return nil
    }
    return spelling[key]?.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key })?.key ?? key
  }

  /// The name a person is most often written with (roster names count once).
  private func displayName(_ component: Int) -> String {
    if let known = memo.names[component] { return known }
    let found = computeDisplayName(component)
    memo.names[component] = found
    return found
  }

  private func computeDisplayName(_ component: Int) -> String {
    let c = people.components[component]
    var counts: [String: Int] = [:]
    for identity in c.identities where !identity.name.isEmpty {
      counts[identity.name, default: 0] += max(1, workspace.identityCount(identity))
    }
    for entry in c.roster where !entry.name.isEmpty { counts[entry.name, default: 0] += 1 }
    if let best = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) { return best.key }
    return c.identities.first?.handle ?? c.roster.first?.handle ?? "?"
  }

  // MARK: Attendees

  /// `attendees.missing`, `initials.malformed` (Initials cells) and `attendees.duplicate`.
  private mutating func checkAttendees() {
    guard let list = document.attendees else {
      report(
        .attendeesMissing, document.title?.range ?? document.source.contentRange(ofLine: 0),
        "No attendees listed: add an `## Attendees` section with one row per person (name, initials, GitHub "
          + "handle, affiliation).")
      return
    }
    if list.entries.isEmpty {
      let range =
        list.section.flatMap { document.sections.indices.contains($0) ? document.sections[$0].headingRange : nil }
        ?? list.range
      report(.attendeesMissing, range, "The attendees section lists nobody: add one row per person who attended.")
      return
    }
    for entry in list.entries {
      guard let initials = entry.initials else { continue }
      let text = initials.text.trimmingBlanks()
      guard !text.isEmpty, !NameMatching.isWellFormedInitials(text) || NameMatching.isPlaceholder(text) else {
        continue
      }
      report(.initialsMalformed, initials.range, malformedMessage(text, whose: "this person's"))
    }
    checkDuplicates(list.entries)
    checkHandleTypos(list.entries)
    checkMissingInitials(list)
  }

  /// `attendees.initials-missing`: a table row with a name and an empty Initials cell.
  ///
  /// NOTE: owners are written as initials, so a row without them leaves the reader guessing who `(MB)` is. Only
  /// tables with an Initials column are checked (a list of first names, or a grant meeting's `Full name | Github
  /// handle` table, never asked for initials). The message and the quick fix give the initials the person is usually
  /// listed with, when the workspace knows them.
  private mutating func checkMissingInitials(_ list: AttendeeList) {
    guard list.form == .table, list.columns.contains(.initials) else { return }
    for entry in list.entries where entry.initials == nil {
      guard let name = entry.name, !name.text.trimmingBlanks().isEmpty else { continue }
      var message = "\(name.text.trimmingBlanks()) has no initials in this row: fill in the Initials cell"
      if let initials = Self.usualInitials(of: entry, in: workspace) {
        message += " (usually \(quoted(initials)))"
      }
      report(.attendeesInitialsMissing, name.range, message + ".")
    }
  }

  /// The initials an attendee is usually listed with elsewhere in the workspace, when well formed.
  static func usualInitials(of entry: Attendee, in workspace: NotesWorkspace) -> String? {
    guard let person = workspace.person(for: entry), let initials = person.initials.first,
      NameMatching.isWellFormedInitials(initials)
    else { return nil }
    return initials
  }

  /// `attendees.handle-typo`: `jaimerg` on a row that the workspace joined (by initials and name) to the person
  /// usually listed as `jaimergp`.
  ///
  /// NOTE: handles are never joined by similarity (that would merge different people); this only points at a
  /// handle that differs by one or two edits from the handle the same person is usually written with.
  private mutating func checkHandleTypos(_ entries: [Attendee]) {
    for (index, entry) in entries.enumerated() {
      guard let github = entry.github else { continue }
      let identity = identity(of: entries, index)
      guard let key = NameMatching.handleKey(identity.handle), let c = people.componentOfIdentity[identity] else {
        continue
      }
      let counts = handleCounts(c)
      guard let usual = counts.max(by: { ($0.value.count, $1.key) < ($1.value.count, $0.key) }), usual.key != key,
        usual.value.count > (counts[key]?.count ?? 0),
        NameMatching.editDistance(usual.key, key, limit: 2) <= 2
      else { continue }
      report(
        .attendeesHandleTypo, github.range,
        "\(quoted(identity.handle)) looks like a typo of \(quoted(usual.value.spelling)), the handle "
          + "\(displayName(c)) is usually listed with: check it.")
    }
  }

  /// The identity of `entries[index]`, from the ones computed at the start when `entries` are this note's attendees.
  private func identity(of entries: [Attendee], _ index: Int) -> PersonIdentity {
    attendeeIdentities.count == entries.count ? attendeeIdentities[index] : PersonIdentity(entries[index])
  }

  /// How often each handle (folded) is written for a person, with its first spelling; roster handles count 1000.
  private func handleCounts(_ c: Int) -> [String: (count: Int, spelling: String)] {
    if let known = memo.handles[c] { return known }
    let counts = workspace.handleCounts(c) { computeHandleCounts(c) }
    memo.handles[c] = counts
    return counts
  }

  private func computeHandleCounts(_ c: Int) -> [String: (count: Int, spelling: String)] {
    var counts: [String: (count: Int, spelling: String)] = [:]
    for other in people.components[c].identities {
      guard let k = NameMatching.handleKey(other.handle) else { continue }
      let n = max(1, workspace.identityCount(other))
      counts[k] = ((counts[k]?.count ?? 0) + n, counts[k]?.spelling ?? other.handle)
    }
    for entry in people.components[c].roster {
      guard let k = NameMatching.handleKey(entry.handle) else { continue }
      counts[k] = ((counts[k]?.count ?? 0) + 1000, entry.handle)
    }
    return counts
  }

  /// `attendees.duplicate`: the same handle, the same full name, or the same initials with compatible names.
  private mutating func checkDuplicates(_ entries: [Attendee]) {
    var byHandle: [String: Int] = [:]
    var byName: [String: Int] = [:]
    var byInitials: [String: [Int]] = [:]
    var wordsOf: [[String]] = []
    wordsOf.reserveCapacity(entries.count)
    for (index, entry) in entries.enumerated() {
      let identity = identity(of: entries, index)
      let words = NameMatching.tokens(identity.name)
      wordsOf.append(words)
      var earlier: Int?
      if let handle = NameMatching.handleKey(identity.handle) {
        if let i = byHandle[handle] { earlier = i } else { byHandle[handle] = index }
      }
      if words.count >= 2 {
        let key = words.joined(separator: " ")
        if earlier == nil, let i = byName[key] { earlier = i }
        if byName[key] == nil { byName[key] = index }
      }
      if let initials = NameMatching.initialsKey(identity.initials) {
        if earlier == nil {
          earlier = (byInitials[initials] ?? []).first {
            let other = wordsOf[$0]
            return !other.isEmpty && !words.isEmpty && NameMatching.compatible(other, words)
          }
        }
        byInitials[initials, default: []].append(index)
      }
      guard let first = earlier else { continue }
      let line = document.source.oneBasedLineColumn(ofUTF8Offset: entries[first].range.utf8Start).line
      let who = identity.name.isEmpty ? (identity.handle.isEmpty ? identity.initials : identity.handle) : identity.name
      report(
        .attendeesDuplicate, entry.range,
        "\(who) is already listed on line \(line): remove one of the two entries.")
    }
  }

  // MARK: Headcounts

  /// `attendees.count-placeholder` and `attendees.count-mismatch`.
  private mutating func checkHeadcounts() {
    let listed = document.attendees?.entries.count ?? 0
    for headcount in document.headcounts {
      guard let count = headcount.count else {
        let suggestion = listed > 0 ? " (\(listed) people are listed)" : ""
        report(
          .attendeesCountPlaceholder, headcount.numberRange,
          "The headcount was left as a placeholder: write how many people attended\(suggestion).")
        continue
      }
      if count < listed {
        report(
          .attendeesCountMismatch, headcount.numberRange,
          "The headcount says \(count) but \(listed) people are listed: correct the number (it can be higher than "
            + "the list, never lower).")
      }
    }
  }

  // MARK: Proposals

  /// `cfep.unknown` (only when a registry of that kind is configured) and `cfep.title-mismatch`.
  private mutating func checkProposals() {
    for reference in document.proposalReferences where workspace.hasRegistry(reference.kind) {
      let name = reference.kind.rawValue
      guard let proposal = workspace.proposal(reference.kind, reference.number) else {
        if reference.isInLinkTarget { continue }
        let all = workspace.proposals(reference.kind)
        let span = all.isEmpty ? "" : " (it lists \(name)-\(all[0].number)…\(name)-\(all[all.count - 1].number))"
        report(
          .cfepUnknown, reference.numberRange,
          "\(name)-\(reference.number) is not in the \(name) registry\(span): check the number.")
        continue
      }
      guard let stated = reference.statedTitle, let better = misattributed(stated.text, proposal) else { continue }
      report(
        .cfepTitleMismatch, stated.range,
        "\(quoted(stated.text)) is the title of \(name)-\(better.number) (\"\(better.title)\"); "
          + "\(name)-\(proposal.number) is \"\(proposal.title)\": fix the number or the title.")
    }
  }

  /// The registry entry a stated title belongs to when it clearly is not the referenced one's: the stated title
  /// shares little with the referenced title and most of its words with another entry's title.
  ///
  /// NOTE: notes often give a pull request's working title, which differs from the registry's; only a title that
  /// names *another* proposal is reported, never one that is merely worded differently.
  private func misattributed(_ stated: String, _ proposal: Proposal) -> Proposal? {
    let words = Set(Self.significantWords(stated))
    guard words.count >= 1 else { return nil }
    func overlap(_ title: String) -> Double {
      let other = Set(Self.significantWords(title))
      guard !other.isEmpty else { return 0 }
      return Double(words.intersection(other).count) / Double(min(words.count, other.count))
    }
    if overlap(proposal.title) >= 0.34 { return nil }
    let best = workspace.proposals(proposal.kind).filter { $0.number != proposal.number }
      .map { ($0, overlap($0.title)) }.max { $0.1 < $1.1 }
    guard let (candidate, score) = best, score >= 0.99,
      Set(Self.significantWords(candidate.title)).intersection(words).count >= min(2, words.count)
    else { return nil }
    return candidate
  }

  private static let stopWords: Set<String> = [
    "a", "an", "the", "of", "for", "and", "or", "to", "in", "on", "with", "cfep", "cep", "conda", "forge",
  ]

  static func significantWords(_ text: String) -> [String] {
    NameMatching.tokens(text).filter { !stopWords.contains($0) && !$0.allSatisfy(\.isNumber) }
  }

  // MARK: Dates

  /// `date.mismatch`: a date in the title or front matter that disagrees with the file name's (or, without one, the
  /// title's).
  private mutating func checkDates() {
    let dates = document.dates
    let reference = dates.fileName ?? dates.title
    guard let reference else { return }
    let referenceName = dates.fileName != nil ? "the file name" : "the title"
    for (mention, place) in [(dates.title, "title"), (dates.frontMatter, "front matter")] {
      guard let mention, mention.date != reference.date, let range = mention.range else { continue }
      if place == "title" && dates.fileName == nil { continue }
      report(
        .dateMismatch, range,
        "The \(place) says \(mention.date) but \(referenceName) says \(reference.date): make them agree.")
    }
  }

  // MARK: Previous meeting

  /// `previous-link.placeholder`: `[Last week's meeting](https://hackmd.io/#REPLACE_ME#)` or an empty target.
  private mutating func checkPreviousLinks() {
    // Asked once, not per link: the question reads the note's title (a note of many links and a long title took the
    // product of the two).
    var asked = false
    var previousMeeting: String?
    for link in document.previousMeetingLinks where link.isPlaceholder {
      var message = "The previous-meeting link was never filled in: link the previous meeting's notes"
      if !asked {
        previousMeeting = workspace.previousMeetingURI(of: document)
        asked = true
      }
      let previous = previousMeeting
      // NOTE: the first meeting of a series has no previous meeting: `[last weeks meeting]() None!` is then honest.
      let target = link.target?.text.trimmingBlanks() ?? ""
      if previous == nil && !target.contains("REPLACE") { continue }
      if let previous, let summary = workspace.summary(previous) {
        let name = summary.fileName
        message += " (\(summary.date.map { "\($0), " } ?? "")\(quoted(name)))"
      }
      message += " or remove the link."
      report(.previousLinkPlaceholder, link.target?.range ?? link.range, message)
    }
  }
}
