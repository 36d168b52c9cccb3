/// What a workspace symbol stands for.
public enum NoteSymbolKind: Hashable, Sendable {
  case meeting, person, actionItem
}

/// One entry of the workspace symbol picker.
public struct NoteSymbol: Hashable, Sendable {
  public var name: String
  public var kind: NoteSymbolKind
  /// Shown beside the name: the meeting of an item, the initials and handle of a person.
  public var detail: String
  public var location: NoteLocation

  public init(name: String, kind: NoteSymbolKind, detail: String, location: NoteLocation) {
    self.name = name
    self.kind = kind
    self.detail = detail
    self.location = location
  }
}

/// Workspace symbols: meetings (date and title), people, and open action items (answered by `CrossMeetingIndex.symbols`).
///
/// Queries: `@JK` or `@jakirkham` → that person's open items across all notes; `open:` (optionally followed by text)
/// → every open item; anything else → meetings, people and open items whose text contains the query's characters in
/// order (case-insensitive), best matches first.
///
/// NOTE: an item is open when its checkbox is `[ ]` in the latest note of its series that has it: an item copied
/// forward meeting after meeting is listed once, where it was last seen, and an item ticked off in a later meeting
/// is not open any more.
public enum WorkspaceSymbols {
  /// The people an `@token` query means: everyone known by those initials or that handle, else that name.
  static func queriedPeople(_ token: String, in workspace: NotesWorkspace) -> Set<PersonID> {
    var ids = Set(workspace.personCandidates(kind: .initials, text: token))
    ids.formUnion(workspace.personCandidates(kind: .handle, text: token))
    if ids.isEmpty { ids.formUnion(workspace.personCandidates(kind: .name, text: token)) }
    return ids
  }

  /// NOTE: editors filter workspace symbols against the typed query themselves (VS Code's and Neovim's pickers
  /// fuzzy-match names), so the answers to `@JK` and `open:` queries carry the query in their names:
  /// `@JK (JK) write a blog post`, `open: (JK) write a blog post`.
  static func prefixed(_ symbol: NoteSymbol, _ prefix: String) -> NoteSymbol {
    var symbol = symbol
    symbol.name = "\(prefix) \(symbol.name)"
    return symbol
  }

  // MARK: - Symbols

  /// Every dated meeting note: `2024-06-12 conda-forge core meeting`.
  public static func meetings(in workspace: NotesWorkspace) -> [NoteSymbol] {
    var result: [NoteSymbol] = []
    for uri in workspace.uris {
      guard let summary = workspace.summary(uri), summary.isMeetingNote, let date = summary.date else { continue }
      let title = ItemText.trimmed(summary.title ?? "")
      let name = title.contains(date.description) ? title : ItemText.trimmed("\(date) \(title)")
      let range = workspace.titleRange(uri) ?? TextRange(utf8Start: 0, utf8End: 0)
      result.append(
        NoteSymbol(name: name, kind: .meeting, detail: summary.fileName, location: NoteLocation(uri: uri, range: range))
      )
    }
    return result
  }

  /// Everyone who attended a meeting, at their latest attendee row.
  public static func people(in workspace: NotesWorkspace) -> [NoteSymbol] {
    workspace.people.compactMap { person in
      guard let last = person.attendance.last else { return nil }
      var detail: [String] = []
      if let initials = person.initials.first { detail.append(initials) }
      if let handle = person.handles.first { detail.append("@" + handle) }
      if let affiliation = person.affiliations.first { detail.append(affiliation) }
      return NoteSymbol(
        name: person.displayName, kind: .person, detail: detail.joined(separator: " · "),
        location: NoteLocation(uri: last.uri, range: last.range))
    }
  }

  /// A cheap identity of an item's text for listing it once: the 64-bit FNV-1a hash of its content without the owner
  /// tokens, ASCII letters lower-cased, runs of other ASCII bytes folded to one blank. One pass over the bytes, no
  /// copy (no Unicode folding: this key only tells copies of one item apart within a series).
  ///
  /// NOTE: a hash, not the text, so the postings of a 10,000-note workspace do not hold a second copy of every item;
  /// two different items share a key with a chance of about 3 × 10⁻⁸ among a million items of one series.
  static func quickKey(_ item: ListItem, in document: NoteDocument) -> UInt64 {
    let bytes = document.source.bytes
    let range = item.contentRange
    let start = min(max(0, range.utf8Start), bytes.count)
    let end = min(max(start, range.utf8End), bytes.count)
    let owners = item.owners.map(\.range)
    var hash = FNV1a()
    var empty = true
    var i = start
    var pendingBlank = false
    while i < end {
      if let owner = owners.first(where: { $0.utf8Start <= i && i < $0.utf8End }) {
        i = owner.utf8End
        pendingBlank = true
        continue
      }
      var b = bytes[i]
      i += 1
      if b >= 0x41 && b <= 0x5A { b += 0x20 }
      let isWord = (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b >= 0x80
      if !isWord {
        pendingBlank = true
        continue
      }
      if pendingBlank && !empty { hash.add(0x20) }
      pendingBlank = false
      empty = false
      hash.add(b)
    }
    return hash.value
  }

  // MARK: - Matching

  /// Symbols whose name (or detail) contains the query's characters in order, best first; all of them for an empty
  /// query.
  static func rank(_ symbols: [NoteSymbol], query: String, limit: Int) -> [NoteSymbol] {
    rank(symbols, query: query, limit: limit) {
      lowered(symbols[$0].name)
    } detail: {
      lowered(symbols[$0].detail)
    }
  }

  /// `rank` with the lower-cased UTF-8 of each symbol's name and detail given (kept by `CrossMeetingIndex`).
  static func rank(
    _ symbols: [NoteSymbol], query: String, limit: Int, name: (Int) -> [UInt8], detail: (Int) -> [UInt8]
  ) -> [NoteSymbol] {
    let needle = Array(query.lowercased().utf8).filter { $0 != 0x20 }
    guard !needle.isEmpty else { return Array(symbols.prefix(limit)) }
    var scored: [(score: Int, index: Int)] = []
    for index in symbols.indices {
      let byName = score(needle, lowered: name(index))
      let byDetail = score(needle, lowered: detail(index))
      let best = max(byName ?? Int.min, byDetail.map { $0 - 5 } ?? Int.min)
      if byName != nil || byDetail != nil { scored.append((best, index)) }
    }
    scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
    return scored.prefix(limit).map { symbols[$0.index] }
  }

  /// The lower-cased UTF-8 bytes `score` matches against.
  static func lowered(_ text: String) -> [UInt8] { Array(text.lowercased().utf8) }

  /// A subsequence score: higher for contiguous runs, word starts and early matches; nil when no match.
  static func score(_ needle: [UInt8], in haystack: String) -> Int? { score(needle, lowered: lowered(haystack)) }

  static func score(_ needle: [UInt8], lowered hay: [UInt8]) -> Int? {
    var score = 0
    var h = 0
    var run = 0
    for n in needle {
      var found = false
      while h < hay.count {
        let c = hay[h]
        h += 1
        if c == n {
          let wordStart = h == 1 || !(hay[h - 2].isLetterOrDigit)
          run += 1
          score += 1 + run * 2 + (wordStart ? 5 : 0)
          found = true
          break
        }
        run = 0
      }
      if !found { return nil }
    }
    return score - hay.count / 20
  }
}

extension UInt8 {
  fileprivate var isLetterOrDigit: Bool {
    (self >= 0x30 && self <= 0x39) || (self >= 0x41 && self <= 0x5A) || (self >= 0x61 && self <= 0x7A) || self >= 0x80
  }
}
