/// The join of every attendee identity and roster line into people, built from distinct identities (not from
/// attendee rows), so its cost follows the number of different ways people are written, not the number of notes.
///
/// Join rules, in order (NOTE: these are product decisions; each errs on the side of keeping people apart):
/// 1. The same GitHub handle (case-insensitive, `@` dropped) is the same person.
/// 2. The same initials with compatible names (`NameMatching.compatible`: `Matt Becker` / `Matthew R. Becker`, or a
///    surname typo within two edits: `Dave Clemtns`) are the same person; the same initials with incompatible names
///    are two people (initials reused over the years), and
///    `people(withInitials:)` returns both. An entry with initials and no name joins the one person with those
///    initials, when there is exactly one.
/// 3. An entry without initials (a name-only bullet `Filipe`, `John K.`, a roster line never seen with initials) joins
///    the one person with initials whose name is compatible, when there is exactly one and their handles do not
///    disagree.
/// 4. Remaining name-only entries with the same full name are one person; a first name alone joins the one person it
///    can be.
/// Cost (NOTE: checked by a growth test): O(N log N) in the N distinct identities and roster lines, plus the pairs
/// compared inside one group of people who share initials or a first name — the only ones that can be the same
/// person. Nothing compares every person with every other.
///
/// Handles that differ are never joined by similarity: a typo (`jaimerg` next to `jaimergp`) only joins through rule 2,
/// and then both spellings are listed on the person, the usual one first.
final class PeopleIndex: @unchecked Sendable {
  /// A joined person: the identities and roster lines that name them.
  struct Component {
    var identities: [PersonIdentity] = []
    var roster: [RosterEntry] = []
  }

  private(set) var components: [Component] = []
  private(set) var componentOfIdentity: [PersonIdentity: Int] = [:]
  private(set) var byInitials: [String: [Int]] = [:]
  private(set) var byHandle: [String: [Int]] = [:]
  private(set) var byNameKey: [String: [Int]] = [:]
  private(set) var byFirstWord: [String: [Int]] = [:]
  /// Last words of names with two words or more (surnames), for owners written by surname.
  private(set) var byLastWord: [String: [Int]] = [:]
  private var sortedFirstWords = SortedWords([String]())

  /// Per component: derived initials of its names, for a fall-back match of owners never written in a table.
  private(set) var byDerivedInitials: [String: [Int]] = [:]

  private struct Node {
    var identity: PersonIdentity?
    var roster: RosterEntry?
    var words: [String]
    var initials: String?
    var handle: String?
  }

  init(identities: [PersonIdentity], roster: [RosterEntry]) {
    var nodes: [Node] = []
    nodes.reserveCapacity(identities.count + roster.count)
    for identity in identities.sorted() {
      nodes.append(
        Node(
          identity: identity, roster: nil, words: NameMatching.tokens(identity.name),
          initials: NameMatching.initialsKey(identity.initials), handle: NameMatching.handleKey(identity.handle)))
    }
    for entry in roster {
      nodes.append(
        Node(
          identity: nil, roster: entry, words: NameMatching.tokens(entry.name), initials: nil,
          handle: NameMatching.handleKey(entry.handle)))
    }
    var parent = Array(nodes.indices)
    func find(_ x: Int) -> Int {
      var x = x
      while parent[x] != x {
        parent[x] = parent[parent[x]]
        x = parent[x]
      }
      return x
    }
    func union(_ a: Int, _ b: Int) {
      let ra = find(a)
      let rb = find(b)
      if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }

    // Rule 1: handles.
    var firstWithHandle: [String: Int] = [:]
    for (i, node) in nodes.enumerated() {
      guard let handle = node.handle else { continue }
      if let j = firstWithHandle[handle] { union(i, j) } else { firstWithHandle[handle] = i }
    }

    // Rule 2: initials + compatible names; nameless entries join a unique person with those initials.
    var withInitials: [String: [Int]] = [:]
    for (i, node) in nodes.enumerated() {
      if let initials = node.initials { withInitials[initials, default: []].append(i) }
    }
    for key in withInitials.keys.sorted() {
      let members = withInitials[key] ?? []
      let named = members.filter { !nodes[$0].words.isEmpty }.sorted {
        let a = nodes[$0].words
        let b = nodes[$1].words
        if a.count != b.count { return a.count > b.count }
        let la = a.reduce(0) { $0 + $1.count }
        let lb = b.reduce(0) { $0 + $1.count }
        return la != lb ? la > lb : $0 < $1
      }
      // One representative node per distinct person of these initials, indexed by first word: a name meets only the
      // representatives whose first name can match (`similar` needs that), not every person with these initials.
      var clusters = NameIndex()
      var clusterRoots = Set<Int>()
      for i in named {
        var matches: [Int] = []
        clusters.forEachCandidate(nodes[i].words) { rep, words in
          if NameMatching.similar(words, nodes[i].words) && !matches.contains(rep) { matches.append(rep) }
        }
        if matches.count == 1 {
          let before = find(matches[0])
          union(i, matches[0])
          clusterRoots.remove(before)
          clusterRoots.insert(find(matches[0]))
        } else if !clusterRoots.contains(find(i)) {
          clusters.insert(i, nodes[i].words)
          clusterRoots.insert(find(i))
        }
      }
      let nameless = members.filter { nodes[$0].words.isEmpty }
      let roots = Set(named.map(find))
      var looseRoot: Int?
      // Handles per root among these members, computed once (not per nameless entry).
      var handlesOfRoot: [Int: Set<String>] = [:]
      if roots.count == 1 {
        for m in members { if let h = nodes[m].handle { handlesOfRoot[find(m), default: []].insert(h) } }
      }
      for i in nameless where !roots.contains(find(i)) {
        if roots.count == 1, let only = roots.first {
          let mine = handlesOfRoot[find(i)] ?? []
          let theirs = handlesOfRoot[find(only)] ?? []
          if mine.isEmpty || theirs.isEmpty || !mine.isDisjoint(with: theirs) {
            union(i, only)
            let merged = mine.union(theirs)
            handlesOfRoot[find(only)] = merged
          }
        } else if roots.isEmpty, nodes[i].handle == nil {
          if let r = looseRoot { union(i, r) } else { looseRoot = i }
        }
      }
    }

    // Facts per root, for rules 3 and 4.
    func rootsFacts() -> [Int: (initials: Set<String>, handles: Set<String>, names: [[String]])] {
      var facts: [Int: (initials: Set<String>, handles: Set<String>, names: [[String]])] = [:]
      for (i, node) in nodes.enumerated() {
        let r = find(i)
        var f = facts[r] ?? ([], [], [])
        if let initials = node.initials { f.initials.insert(initials) }
        if let handle = node.handle { f.handles.insert(handle) }
        if !node.words.isEmpty { f.names.append(node.words) }
        facts[r] = f
      }
      return facts
    }

    // Rule 2b: the same full name (or a typo of it: two edits in the surname, a name of ten letters or more) is the
    // same person whatever initials each entry gave (`ADW` / `AW` Amy Williams), unless their handles disagree.
    var facts = rootsFacts()
    // Candidates share every word but the last, and the last word's first two letters: exact duplicates and typos
    // (`Clemtns` / `Clements`) land in the same small group, so the pairwise check stays cheap.
    var sameNameGroups: [String: [Int]] = [:]
    for (i, node) in nodes.enumerated() where node.words.count >= 2 {
      let last = node.words[node.words.count - 1]
      let key = node.words.dropLast().joined(separator: " ") + "|" + String(last.prefix(2))
      sameNameGroups[key, default: []].append(i)
    }
    for key in sameNameGroups.keys.sorted() {
      let group = sameNameGroups[key] ?? []
      guard group.count > 1 else { continue }
      for (x, i) in group.enumerated() {
        for j in group[(x + 1)...] where find(i) != find(j) {
          let a = nodes[i].words
          let b = nodes[j].words
          let same = a == b || (a.joined().count >= 10 && NameMatching.similar(a, b))
          guard same else { continue }
          let ha = facts[find(i)]?.handles ?? []
          let hb = facts[find(j)]?.handles ?? []
          if !ha.isEmpty && !hb.isEmpty && ha.isDisjoint(with: hb) { continue }
          union(i, j)
          // Keep the merged person's handles current without recomputing every root's facts.
          facts[find(i), default: ([], [], [])].handles = ha.union(hb)
        }
      }
    }

    // Rule 3: people without initials join the one compatible person with initials.
    facts = rootsFacts()
    // Candidates come from an index of first words (`NameIndex`): only people whose first name can match are compared.
    var withInitialsByName = NameIndex()
    for (root, f) in facts where !f.initials.isEmpty {
      for words in f.names { withInitialsByName.insert(root, words) }
    }
    let bare = facts.filter { $0.value.initials.isEmpty && !$0.value.names.isEmpty }.keys.sorted()
    for root in bare {
      guard let f = facts[root] else { continue }
      // Candidates are counted whatever their handles, so that a person ruled out by a handle still makes the name
      // ambiguous; the one candidate left must not disagree on handles.
      var candidates = Set<Int>()
      for words in f.names {
        withInitialsByName.forEachCandidate(words) { other, names in
          if other != root && NameMatching.compatible(names, words) { candidates.insert(other) }
        }
      }
      guard candidates.count == 1, let target = candidates.first, let g = facts[target] else { continue }
      if !f.handles.isEmpty && !g.handles.isEmpty && f.handles.isDisjoint(with: g.handles) { continue }
      union(root, target)
    }

    // Rule 4: the rest, by identical full names, then first names that fit one person only.
    facts = rootsFacts()
    var byFullName: [String: Int] = [:]
    for root in facts.keys.sorted() {
      guard let f = facts[root], f.initials.isEmpty else { continue }
      for words in f.names where words.count >= 2 {
        let key = words.joined(separator: " ")
        if let other = byFullName[key], let g = facts[other],
          f.handles.isEmpty || g.handles.isEmpty || !f.handles.isDisjoint(with: g.handles)
        {
          union(root, other)
        } else {
          byFullName[key] = root
        }
      }
    }
    // Then fuller names without initials or handle join the one compatible person known by a handle (a roster
    // line: `Lori Burns` → `Lori A. Burns (loriab)`).
    facts = rootsFacts()
    var withHandleByName = NameIndex()
    for (root, g) in facts where !g.handles.isEmpty {
      for words in g.names { withHandleByName.insert(root, words) }
    }
    for root in facts.keys.sorted() {
      guard let f = facts[root], f.initials.isEmpty, f.handles.isEmpty, f.names.contains(where: { $0.count >= 2 })
      else { continue }
      var candidates = Set<Int>()
      for w in f.names where w.count >= 2 {
        withHandleByName.forEachCandidate(w) { other, names in
          if other != root && NameMatching.compatible(names, w) { candidates.insert(find(other)) }
        }
      }
      if candidates.count == 1, let target = candidates.first { union(root, target) }
    }
    facts = rootsFacts()
    var fullNames = NameIndex()
    for (root, g) in facts {
      for words in g.names where words.count >= 2 { fullNames.insert(root, words) }
    }
    for root in facts.keys.sorted() {
      guard let f = facts[root], f.initials.isEmpty, f.handles.isEmpty, f.names.allSatisfy({ $0.count == 1 })
      else { continue }
      var candidates = Set<Int>()
      for w in f.names {
        fullNames.forEachCandidate(w) { other, names in
          if other != root && NameMatching.compatible(names, w) { candidates.insert(other) }
        }
      }
      if candidates.count == 1, let target = candidates.first { union(root, target) }
    }

    // Components, numbered by their first node (identities sorted, then roster lines): stable for equal inputs.
    var componentOfRoot: [Int: Int] = [:]
    for (i, node) in nodes.enumerated() {
      let r = find(i)
      let c: Int
      if let existing = componentOfRoot[r] {
        c = existing
      } else {
        c = components.count
        componentOfRoot[r] = c
        components.append(Component())
      }
      if let identity = node.identity {
        components[c].identities.append(identity)
        componentOfIdentity[identity] = c
      }
      if let entry = node.roster { components[c].roster.append(entry) }
      func add(_ key: String?, _ table: inout [String: [Int]]) {
        guard let key, !key.isEmpty else { return }
        if table[key]?.last != c { table[key, default: []].append(c) }
      }
      add(node.initials, &byInitials)
      add(node.handle, &byHandle)
      if !node.words.isEmpty {
        add(node.words.joined(separator: " "), &byNameKey)
        add(node.words[0], &byFirstWord)
        if node.words.count >= 2, let last = node.words.last, last.count >= 3 { add(last, &byLastWord) }
        let name = node.identity?.name ?? node.roster?.name ?? ""
        for derived in NameMatching.derivedInitials(name) { add(derived, &byDerivedInitials) }
      }
    }
    // Each list once per component, in first-seen order: O(entries).
    func dedupe(_ table: inout [String: [Int]]) {
      for (key, list) in table where list.count > 1 {
        var seen = Set<Int>()
        table[key] = list.filter { seen.insert($0).inserted }
      }
    }
    dedupe(&byInitials)
    dedupe(&byHandle)
    dedupe(&byNameKey)
    dedupe(&byFirstWord)
    dedupe(&byLastWord)
    dedupe(&byDerivedInitials)
    sortedFirstWords = SortedWords(byFirstWord.keys)
  }

  /// Components whose names fit `name`: the same full name, else the same first word, else compatible names; a single
  /// word that is nobody's first name may be a surname (`Dill` → Eric Dill).
  ///
  /// Cost: a hash lookup, or a binary search over the sorted first words (O(log N + matches)).
  func components(named name: String) -> [Int] {
    let words = NameMatching.tokens(name)
    guard let first = words.first else { return [] }
    if words.count == 1, let sameFirst = byFirstWord[first] { return sameFirst.sorted() }
    if let exact = byNameKey[words.joined(separator: " ")] { return exact }
    var result: [Int] = []
    // The written name may shorten a known first name (`Matt` → Matthew), not extend it (`MattiP` is not a Matt).
    for key in sortedFirstWords.startingWith(first) {
      for c in byFirstWord[key] ?? [] where !result.contains(c) {
        let comp = components[c]
        let names = comp.identities.map(\.name) + comp.roster.map(\.name)
        if names.contains(where: { NameMatching.compatible(NameMatching.tokens($0), words) }) { result.append(c) }
      }
    }
    if result.isEmpty && words.count == 1, let bySurname = byLastWord[first] { return bySurname.sorted() }
    return result.sorted()
  }
}

/// Distinct words kept sorted, to find those starting with a prefix by binary search.
struct SortedWords: Sendable {
  private(set) var words: [String] = []

  init(_ words: some Sequence<String>) { self.words = Array(Set(words)).sorted() }

  /// Adds a word not yet held, keeping the order (O(W) moves, no comparisons beyond a binary search).
  mutating func insert(_ word: String) {
    let at = lowerBound(word)
    if at < words.count && words[at] == word { return }
    words.insert(word, at: at)
  }

  private func lowerBound(_ word: String) -> Int {
    var low = 0
    var high = words.count
    while low < high {
      let mid = (low + high) / 2
      if words[mid] < word { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// The words that start with `prefix` (`prefix` itself included).
  func startingWith(_ prefix: String) -> ArraySlice<String> {
    var low = 0
    var high = words.count
    while low < high {
      let mid = (low + high) / 2
      if words[mid] < prefix { low = mid + 1 } else { high = mid }
    }
    var end = low
    while end < words.count && words[end].hasPrefix(prefix) { end += 1 }
    return words[low..<end]
  }
}

/// Names by first word, for the join's "compatible name" rules: a query meets only the names whose first word is a
/// prefix of its own or starts with it (`NameMatching.compatible` needs one of the two), never the whole workspace.
///
/// Cost: O(log W) per query plus the names met, W the distinct first words; building is O(N log N).
struct NameIndex {
  private var byFirst: [String: [(root: Int, words: [String])]] = [:]
  private var sorted = SortedWords([String]())

  mutating func insert(_ root: Int, _ words: [String]) {
    guard let first = words.first else { return }
    if byFirst[first] == nil { sorted.insert(first) }
    byFirst[first, default: []].append((root, words))
  }

  /// Calls `body` with every name whose first word is a prefix of `words`' first word or starts with it.
  func forEachCandidate(_ words: [String], _ body: (Int, [String]) -> Void) {
    guard let first = words.first else { return }
    var visited = Set<String>()
    // First words that are prefixes of `first` (`J` for Jaime; `Matt` for Matthew).
    var prefix = ""
    for character in first {
      prefix.append(character)
      if prefix != first, let list = byFirst[prefix] {
        visited.insert(prefix)
        for entry in list { body(entry.root, entry.words) }
      }
    }
    for key in sorted.startingWith(first) where !visited.contains(key) {
      for entry in byFirst[key] ?? [] { body(entry.root, entry.words) }
    }
  }
}
