/// Matching items across meetings: the same item, copied forward with small edits, must still be the same item.
///
/// NOTE: text is compared after `TrackedItem.normalize` (case, accents, punctuation, Markdown marks and white space
/// folded) with the owners cut out, so `(Eric) Email out…` and `(ED) email out …` match. Beyond that, two items are
/// the same when their word sets overlap by a Jaccard index of at least 0.8, or their normalised texts are within
/// an edit distance of 15% of the longer one (a typo fixed, a word added to a long item) — and their numbers agree —
/// or when one starts with the whole other (an update appended).
public enum ItemMatching {
  public static let jaccardThreshold = 0.8
  public static let editDistanceRatio = 0.15

  /// A normalised item text prepared for repeated comparison, computed once per item when a note is indexed: word
  /// ids (64-bit FNV hashes of the words, sorted and distinct, compared by a merge without allocation), the numbers
  /// among them, and the links and issue numbers the item names.
  public struct Key: Hashable, Sendable {
    public var text: String
    /// Sorted distinct word ids.
    var words: [UInt64]
    /// Sorted distinct ids of the words that are numbers.
    var numbers: [UInt64]
    /// `gh:owner/repo#N` for GitHub issues and pull requests, `#N` for bare issue numbers, other URLs without scheme.
    public var references: [String]
    /// The owners written on the item, lower-cased and sorted (`["kale"]`).
    public var owners: [String]
    /// Sorted distinct ids of the content words' stems (see `stemID`): what a restatement must contain.
    var stems: [UInt64]
    /// One bit per stem (`stemSignature(of:)`): a text whose bits are not all among another's cannot be contained in
    /// it, which rejects most pairs without a comparison.
    var stemBits: UInt64

    public init(_ normalizedText: String, references: [String] = [], owners: [String] = []) {
      text = normalizedText
      self.owners = owners.isEmpty ? [] : owners.map { $0.lowercased() }.sorted()
      // One allocation per list: room for every word (a text of n blanks has at most n + 1), sorted in place.
      let tokens = normalizedText.utf8.reduce(1) { $1 == 0x20 ? $0 + 1 : $0 }
      var words: [UInt64] = []
      words.reserveCapacity(tokens)
      var numbers: [UInt64] = []
      var stems: [UInt64] = []
      stems.reserveCapacity(tokens)
      // One pass: each word's hash, and its stem's (see `stemID`) from the hashes of its first bytes.
      var hash = FNV1a()
      var beforeLast = hash
      var prefix6 = hash
      var length = 0
      var last: UInt8 = 0
      var secondLast: UInt8 = 0
      var digitsOnly = true
      func endWord() {
        guard length > 0 else { return }
        words.append(hash.value)
        if digitsOnly { numbers.append(hash.value) }
        if !Self.stopWords.contains(hash.value) {
          let plural = length > 3 && last == 0x73 && secondLast != 0x73
          let stemLength = plural ? length - 1 : length
          stems.append(stemLength >= 6 ? prefix6.value : (plural ? beforeLast.value : hash.value))
        }
      }
      for b in normalizedText.utf8 {
        if b == 0x20 {
          endWord()
          hash = FNV1a()
          length = 0
          digitsOnly = true
        } else {
          beforeLast = hash
          hash.add(b)
          length += 1
          if length == 6 { prefix6 = hash }
          secondLast = last
          last = b
          if b < 0x30 || b > 0x39 { digitsOnly = false }
        }
      }
      endWord()
      Self.sortUnique(&words)
      Self.sortUnique(&numbers)
      Self.sortUnique(&stems)
      self.words = words
      self.numbers = numbers
      self.references = references
      self.stems = stems
      stemBits = stems.reduce(0) { $0 | Self.bit($1) }
    }

    /// Calls `body` with the stem id of every content word of a normalised text.
    static func forEachStem(of normalizedText: String, _ body: (UInt64) -> Void) {
      var text = normalizedText
      text.withUTF8 { bytes in
        var start = 0
        for end in 0...bytes.count where end == bytes.count || bytes[end] == 0x20 {
          if end > start, let stem = Self.stemID(UnsafeBufferPointer(rebasing: bytes[start..<end])) { body(stem) }
          start = end + 1
        }
      }
    }

    @inline(__always) static func bit(_ stem: UInt64) -> UInt64 { 1 << (stem >> 58) }

    /// The stems of a normalised text (`stems` of its key), without a key.
    public static func stems(of normalizedText: String) -> [UInt64] {
      var stems: [UInt64] = []
      forEachStem(of: normalizedText) { stems.append($0) }
      sortUnique(&stems)
      return stems
    }

    /// The stem bits of a normalised text (`stemBits` of its key), without a key or an allocation.
    public static func stemBits(of normalizedText: String) -> UInt64 {
      var bits: UInt64 = 0
      forEachStem(of: normalizedText) { bits |= bit($0) }
      return bits
    }

    /// Whether a text with `bits` might have every content word in a text with `other` (see `stemBits`).
    @inline(__always) static func mayBeContained(_ bits: UInt64, in other: UInt64) -> Bool { bits & ~other == 0 }

    /// The id of a word's stem — its first six letters after a plural `s` is cut (`engagements`, `engage` →
    /// `engage`; `bots` → `bot`) — or nil for a stop word (`the`, `to`, `about`, …).
    static func stemID(_ word: UnsafeBufferPointer<UInt8>) -> UInt64? {
      if stopWords.contains(FNV1a.hash(word)) { return nil }
      var count = word.count
      if count > 3 && word[count - 1] == 0x73 && word[count - 2] != 0x73 { count -= 1 }
      return FNV1a.hash(word.prefix(min(count, 6)))
    }

    /// Word ids of the words a restatement need not repeat.
    static let stopWords: Set<UInt64> = Set(
      [
        "a", "an", "the", "to", "of", "on", "in", "for", "and", "or", "with", "about", "by", "at", "is", "are", "be",
        "we", "our", "it", "its", "this", "that", "from", "as", "will", "i", "you", "they", "some", "any", "all", "up",
        "out", "into", "more", "what", "how", "can", "should", "need", "needs", "re", "s",
      ].map { FNV1a.hash($0.utf8) })

    /// Sorts `values` and drops repeats, in place.
    static func sortUnique(_ values: inout [UInt64]) {
      guard values.count > 1 else { return }
      values.sort()
      var n = 1
      for k in 1..<values.count where values[k] != values[n - 1] {
        values[n] = values[k]
        n += 1
      }
      values.removeLast(values.count - n)
    }

    /// Word ids of this key (for indexes).
    var wordIDs: [UInt64] { words }
  }

  /// How many ids two sorted id lists share (a merge, no allocation).
  static func commonCount(_ a: [UInt64], _ b: [UInt64]) -> Int {
    var i = 0
    var j = 0
    var common = 0
    while i < a.count && j < b.count {
      if a[i] == b[j] {
        common += 1
        i += 1
        j += 1
      } else if a[i] < b[j] {
        i += 1
      } else {
        j += 1
      }
    }
    return common
  }

  /// Whether two items are the same item: the same normalised text; the same GitHub issue or pull request (or bare
  /// issue number); the same other link with half the words of the shorter in common; or similar texts (see the
  /// type's note).
  ///
  /// NOTE: `- [x] CUDA 12` linking the same issue as `- [ ] CUDA 12 Packages` is the same item (done): a shared link
  /// or issue number is stronger evidence than the words.
  public static func isSameItem(_ a: Key, _ b: Key) -> Bool {
    if a.text == b.text { return true }
    if !a.references.isEmpty && !b.references.isEmpty && sharesReference(a, b) { return true }
    return isSimilarText(a, b)
  }

  static func sharesReference(_ a: Key, _ b: Key) -> Bool {
    for ref in a.references where b.references.contains(ref) {
      if ref.hasPrefix("gh:") || ref.hasPrefix("#") { return true }
      let shorter = min(a.words.count, b.words.count)
      if shorter > 0 && commonCount(a.words, b.words) * 2 >= shorter { return true }
    }
    return false
  }

  /// The text tests of `isSameItem`, cheapest bounds first; nothing is allocated unless the edit distance must be
  /// computed.
  static func isSimilarText(_ a: Key, _ b: Key) -> Bool {
    if a.words.isEmpty || b.words.isEmpty { return false }
    let la = a.text.utf8.count
    let lb = b.text.utf8.count
    // NOTE: an item copied forward with an update appended (`… kubernetes cluster. Did some work at SciPy.`, `… Still in
    // progress 2019-09-04`) is the same item: one text starts with the whole other, of at least three words.
    let (short, long) = la <= lb ? (a, b) : (b, a)
    // NOTE: with the same owners, one word is enough: `(Kale) schedule` → `(Kale) schedule conda working group`.
    let minimumWords = !a.owners.isEmpty && a.owners == b.owners ? 1 : 3
    if short.words.count >= minimumWords, long.text.utf8.count > short.text.utf8.count,
      long.text.utf8.starts(with: short.text.utf8),
      long.text.utf8.dropFirst(short.text.utf8.count).first == 0x20
    {
      return true
    }
    let sameOwners = !a.owners.isEmpty && a.owners == b.owners
    if isRestatement(a.stems, a.stemBits, b.stems, b.stemBits, sameOwners: sameOwners) { return true }
    // NOTE: numbers must agree: `Python 2.7 migration` and `Python 3.12 migration` are different items.
    if a.numbers != b.numbers { return false }
    // Jaccard ≥ 0.8 needs word counts within a ratio of 0.8; the edit distance, lengths within 15%.
    let (small, large) = (min(a.words.count, b.words.count), max(a.words.count, b.words.count))
    if Double(small) >= Double(large) * jaccardThreshold {
      let common = commonCount(a.words, b.words)
      let union = a.words.count + b.words.count - common
      if union > 0 && Double(common) / Double(union) >= jaccardThreshold { return true }
    }
    let longer = max(la, lb)
    let budget = Int(Double(longer) * editDistanceRatio)
    guard abs(la - lb) <= budget, budget > 0, longer <= 600 else { return false }
    // Half the L1 distance of the letter histograms bounds the edit distance from below: most pairs stop here.
    let difference = withUnsafeTemporaryAllocation(of: Int32.self, capacity: 37) { bins -> Int in
      bins.initialize(repeating: 0)
      for byte in a.text.utf8 { bins[histogramBin(byte)] += 1 }
      for byte in b.text.utf8 { bins[histogramBin(byte)] -= 1 }
      var total = 0
      for i in 0..<37 { total += Int(abs(bins[i])) }
      return total
    }
    guard (difference + 1) / 2 <= budget else { return false }
    return editDistance(Array(a.text.utf8), Array(b.text.utf8), limit: budget) <= budget
  }

  /// Whether one text restates the other (stems and stem bits as in `Key`).
  ///
  /// NOTE: an item restated at more length is the same item: every content word of the shorter is in the longer
  /// (`(ED) Add conda-forge page about commercial engagements` → `Eric to add a new page to our docs around how to
  /// engage with conda-forge … in a commercial relationship`; `(MRB) bot updates` ← `(MRB) updates on bots and
  /// secrets`). Words are compared by stem, without stop words; at least four of them, or two under the same owners.
  static func isRestatement(
    _ a: [UInt64], _ aBits: UInt64, _ b: [UInt64], _ bBits: UInt64, sameOwners: @autoclosure () -> Bool
  ) -> Bool {
    let ((fewer, fewerBits), (more, moreBits)) =
      a.count <= b.count ? ((a, aBits), (b, bBits)) : ((b, bBits), (a, aBits))
    guard fewer.count >= 2, Key.mayBeContained(fewerBits, in: moreBits) else { return false }
    return (fewer.count >= 4 || sameOwners()) && commonCount(fewer, more) == fewer.count
  }

  @inline(__always) static func histogramBin(_ b: UInt8) -> Int {
    if b >= 0x61 && b <= 0x7A { return Int(b - 0x61) }
    if b >= 0x30 && b <= 0x39 { return 26 + Int(b - 0x30) }
    return 36
  }

  /// Placeholders written where an item would be: `None yet`, `TBD`, `n/a`, `-`, `nothing` (normalised). They are not
  /// items: never tracked, never dropped.
  public static func isPlaceholder(_ normalizedText: String) -> Bool {
    placeholders.contains(normalizedText)
  }

  static let placeholders: Set<String> = [
    "", "none", "none yet", "tbd", "tba", "tbc", "n a", "na", "nothing", "nothing yet", "nothing new", "none so far",
    "xxx", "x", "empty", "no items", "none for now", "nil", "no action items", "none this week",
  ]

  /// The links and issue numbers an item's raw text names, canonical: `https://github.com/conda-forge/x/pull/12` →
  /// `gh:conda-forge/x#12`, `#123` → `#123`, other URLs lower-cased without scheme, `www.` or a trailing `/`. Links
  /// to a whole site or repository name no item and are left out.
  public static func references(in text: String) -> [String] {
    var text = text
    return text.withUTF8 { references(inBytes: $0) }
  }

  private static func references(inBytes bytes: UnsafeBufferPointer<UInt8>) -> [String] {
    var result: [String] = []
    var i = 0
    func isURLByte(_ b: UInt8) -> Bool {
      b > 0x20 && b != UInt8(ascii: ")") && b != UInt8(ascii: ">") && b != UInt8(ascii: "]") && b != 0x22
        && b != UInt8(ascii: "'")
    }
    while i < bytes.count {
      if bytes[i] == 0x68, i + 7 < bytes.count, bytes[i + 1] == 0x74, bytes[i + 2] == 0x74, bytes[i + 3] == 0x70 {
        var j = i
        var ascii = true
        while j < bytes.count && isURLByte(bytes[j]) {
          if bytes[j] >= 0x80 { ascii = false }
          j += 1
        }
        var url: String
        if ascii {
          // Lower-cased and trailing punctuation cut by bytes (what the general path below does, for ASCII).
          var end = j
          while end > i, ".,;:!?".utf8.contains(bytes[end - 1]) { end -= 1 }
          url = String(unsafeUninitializedCapacity: end - i) { out in
            for k in i..<end { out[k - i] = bytes[k] >= 0x41 && bytes[k] <= 0x5A ? bytes[k] + 0x20 : bytes[k] }
            return end - i
          }
        } else {
          url = String(decoding: bytes[i..<j], as: UTF8.self).lowercased()
          while let last = url.last, ".,;:!?".contains(last) { url.removeLast() }
        }
        if let ref = canonical(url) { result.append(ref) }
        i = j
        continue
      }
      if bytes[i] == UInt8(ascii: "#"), i == 0 || bytes[i - 1] == 0x20 || bytes[i - 1] == UInt8(ascii: "(") {
        var j = i + 1
        while j < bytes.count && bytes[j] >= 0x30 && bytes[j] <= 0x39 { j += 1 }
        let digits = j - i - 1
        let ends = j == bytes.count || !(bytes[j] >= 0x30 && bytes[j] <= 0x39 || bytes[j] >= 0x41 && bytes[j] <= 0x7A)
        if digits >= 2 && digits <= 7 && ends { result.append(String(decoding: bytes[i..<j], as: UTF8.self)) }
        i = max(j, i + 1)
        continue
      }
      i += 1
    }
    return result
  }

  /// The references of every item of a note (`references(in:)` of its text), each with those of the plain bullets
  /// nested under it (`- [ ] CUDA 12 Packages` › `* https://github.com/…/issues/21382`): a link on a sub-bullet
  /// names the item. O(items · depth).
  public static func blockReferences(of document: NoteDocument) -> [[String]] {
    // Read in the note's bytes: a content range lies on character boundaries, so they are its text's UTF-8.
    let bytes = document.source.bytes
    var result = bytes.withUnsafeBufferPointer { all in
      document.items.map { item in
        let start = min(max(0, item.contentRange.utf8Start), all.count)
        let end = min(max(start, item.contentRange.utf8End), all.count)
        return references(inBytes: UnsafeBufferPointer(rebasing: all[start..<end]))
      }
    }
    for index in document.items.indices where document.items[index].checkbox == nil && !result[index].isEmpty {
      var parent = document.items[index].parent
      var steps = 0
      while let p = parent, steps < 16 {
        result[p] += result[index]
        if document.items[p].checkbox != nil { break }
        parent = document.items[p].parent
        steps += 1
      }
    }
    return result
  }

  static func canonical(_ url: String) -> String? {
    var url = url
    if let ascii = url.withUTF8({ asciiCanonical($0) }) { return ascii }
    return generalCanonical(url)
  }

  /// `canonical` for any text (Character by Character).
  static func generalCanonical(_ url: String) -> String? {
    var rest = Substring(url)
    for scheme in ["https://", "http://"] where rest.hasPrefix(scheme) { rest = rest.dropFirst(scheme.count) }
    if rest.hasPrefix("www.") { rest = rest.dropFirst(4) }
    if let hash = rest.firstIndex(of: "#"), rest[hash...].count <= 1 || rest[hash...].contains("replace") {
      rest = rest[..<hash]
    }
    while rest.last == "/" { rest.removeLast() }
    let parts = rest.split(separator: "/")
    if parts.count >= 5, parts[0] == "github.com", ["issues", "pull", "pulls", "discussions"].contains(parts[3]),
      let number = Int(parts[4].prefix { $0.isNumber })
    {
      return "gh:\(parts[1])/\(parts[2])#\(number)"
    }
    // A link to a whole site or repository names no item.
    guard parts.count >= 4 || (parts.count >= 2 && parts[0] != "github.com") else { return nil }
    return String(rest)
  }

  /// `canonical` by bytes for an ASCII URL (the usual case: no Substring, Character or Foundation work); `.none`
  /// when the URL has other bytes (the general path then answers).
  static func asciiCanonical(_ url: UnsafeBufferPointer<UInt8>) -> String?? {
    for b in url where b >= 0x80 { return .none }
    var start = 0
    var end = url.count
    func starts(_ prefix: StaticString, at position: Int, before limit: Int) -> Bool {
      let count = prefix.utf8CodeUnitCount
      guard limit - position >= count else { return false }
      for k in 0..<count where url[position + k] != prefix.utf8Start[k] { return false }
      return true
    }
    for scheme: StaticString in ["https://", "http://"] where starts(scheme, at: start, before: end) {
      start += scheme.utf8CodeUnitCount
    }
    if starts("www.", at: start, before: end) { start += 4 }
    if let hash = (start..<end).first(where: { url[$0] == UInt8(ascii: "#") }) {
      let replaces = (hash..<end).contains { starts("replace", at: $0, before: end) }
      if end - hash <= 1 || replaces { end = hash }
    }
    while end > start && url[end - 1] == UInt8(ascii: "/") { end -= 1 }
    // The first five non-empty `/`-separated parts, and how many there are.
    var parts: [Range<Int>] = []
    parts.reserveCapacity(5)
    var partCount = 0
    var i = start
    while i < end {
      if url[i] == UInt8(ascii: "/") {
        i += 1
        continue
      }
      var j = i
      while j < end && url[j] != UInt8(ascii: "/") { j += 1 }
      if parts.count < 5 { parts.append(i..<j) }
      partCount += 1
      i = j
    }
    func part(_ k: Int) -> UnsafeBufferPointer<UInt8>.SubSequence { url[parts[k]] }
    func text(_ bytes: UnsafeBufferPointer<UInt8>.SubSequence) -> String { String(decoding: bytes, as: UTF8.self) }
    let onGitHub = partCount >= 1 && part(0).elementsEqual("github.com".utf8)
    if partCount >= 5, onGitHub,
      ["issues", "pull", "pulls", "discussions"].contains(where: { part(3).elementsEqual($0.utf8) }),
      let number = Int(text(part(4).prefix { $0 >= 0x30 && $0 <= 0x39 }))
    {
      return "gh:\(text(part(1)))/\(text(part(2)))#\(number)"
    }
    // A link to a whole site or repository names no item.
    guard partCount >= 4 || (partCount >= 2 && !onGitHub) else { return .some(nil) }
    return text(url[start..<end])
  }

  /// Levenshtein distance over bytes, giving up (returning `limit + 1`) once every path exceeds `limit`.
  /// Only the cells within `limit` of the diagonal are computed (a path leaving that band costs more than `limit`).
  static func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    if abs(a.count - b.count) > limit { return limit + 1 }
    let outside = limit + 1
    var previous = (0...b.count).map { $0 <= limit ? $0 : outside }
    var current = [Int](repeating: outside, count: b.count + 1)
    for i in 1...a.count {
      let low = max(1, i - limit)
      let high = min(b.count, i + limit)
      current[0] = i <= limit ? i : outside
      if low > 1 { current[low - 1] = outside }
      var rowMin = current[0]
      if low <= high {
        for j in low...high {
          let cost = a[i - 1] == b[j - 1] ? 0 : 1
          let value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
          current[j] = min(value, outside)
          rowMin = min(rowMin, current[j])
        }
      }
      if high < b.count { current[high + 1] = outside }
      if rowMin > limit { return limit + 1 }
      swap(&previous, &current)
    }
    return min(previous[b.count], outside)
  }

  /// `TrackedItem.normalize(TrackedItem.contentWithoutOwners(item))`, in one pass over the bytes when the item is
  /// ASCII (the usual case); Unicode text takes the general path (accents folded).
  static func normalizedContent(_ item: ListItem, in document: NoteDocument) -> String {
    let bytes = document.source.bytes
    let content = item.contentRange
    let start = min(max(0, content.utf8Start), bytes.count)
    let end = min(max(start, content.utf8End), bytes.count)
    let cuts =
      item.owners.allSatisfy { $0.form != .prose }
      ? item.owners.map(\.range).filter { $0.utf8Start >= start && $0.utf8End <= end } : []
    var out: [UInt8] = []
    out.reserveCapacity(end - start)
    var inWord = false
    var i = start
    while i < end {
      if let cut = cuts.first(where: { $0.utf8Start <= i && i < $0.utf8End }) {
        i = cut.utf8End
        continue
      }
      var b = bytes[i]
      i += 1
      if b >= 0x80 { return TrackedItem.normalize(TrackedItem.contentWithoutOwners(item, in: document)) }
      if b >= 0x41 && b <= 0x5A { b += 0x20 }
      if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) {
        if !inWord && !out.isEmpty { out.append(0x20) }
        out.append(b)
        inWord = true
      } else {
        inWord = false
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The items of one note, to look other notes' items up in: exact texts in a dictionary, then an inverted index
  /// from word ids and references to items, so a lookup compares only items sharing a word or a link.
  ///
  /// Complexity: building is O(total words); a lookup of an item the note has (edited) is O(words · `rareLimit`), one
  /// it lacks O(words · `postingCap`) (each posting visit capped), so matching P items against N is
  /// O((P + N) · words · cap) — near-linear — instead of O(P · N).
  /// NOTE: a word shared by more than `postingCap` items of one note (a 300-item note where every item says `check`)
  /// finds candidates only among its first `postingCap` holders; such a note's items also share rarer words.
  public struct Haystack {
    public private(set) var keys: [Key]
    private var exact: [String: Int] = [:]
    private var byWord: [UInt64: [Int32]] = [:]
    private var byReference: [String: [Int32]] = [:]
    /// Scratch: shared-word counts per item for the lookup in progress (reset after each lookup).
    private var shared: [Int32]
    private var touched: [Int32] = []
    static let postingCap = 256

    public init(_ keys: [Key]) {
      self.keys = keys
      for (index, key) in keys.enumerated() {
        if exact[key.text] == nil { exact[key.text] = index }
        for word in key.words { byWord[word, default: []].append(Int32(index)) }
        for ref in key.references { byReference[ref, default: []].append(Int32(index)) }
      }
      shared = Array(repeating: 0, count: keys.count)
    }

    /// The index of an item of the note that is the same item as `key` (see `isSameItem`), if any.
    ///
    /// Candidates are the items sharing a link, then those sharing a word, tried most shared words first: an edited
    /// item is usually the first candidate tried. Counting shared words touches only the postings (no comparison, no
    /// allocation beyond the scratch list).
    public mutating func match(_ key: Key) -> Int? {
      if let index = exact[key.text] { return index }
      for ref in key.references {
        for index in (byReference[ref] ?? []).prefix(Self.postingCap) where isSameItem(key, keys[Int(index)]) {
          return Int(index)
        }
      }
      // NOTE: an edited item keeps most of its rare words (a number, a name, a package), so the items sharing a word
      // that at most `rareLimit` items hold are tried first: O(words · rareLimit) per lookup, whatever the note's size.
      // Only when none of them is the same item are all candidates counted: whether an item is found does not change,
      // since those tried first are among them.
      if let found = similar(key, postingLimit: Self.rareLimit) { return found }
      return similar(key, postingLimit: nil)
    }

    /// Items sharing a word that at most `rareLimit` items of the note hold are candidates of the first round.
    static let rareLimit = 16

    /// The first item (most shared words first) that `isSimilarText` to `key`, among the items sharing a word with it;
    /// with `postingLimit`, only words held by at most that many items count.
    private mutating func similar(_ key: Key, postingLimit: Int?) -> Int? {
      defer {
        for index in touched { shared[Int(index)] = 0 }
        touched.removeAll(keepingCapacity: true)
      }
      for word in key.words {
        guard let posting = byWord[word] else { continue }
        if let postingLimit, posting.count > postingLimit { continue }
        for index in posting.prefix(Self.postingCap) {
          if shared[Int(index)] == 0 { touched.append(index) }
          shared[Int(index)] += 1
        }
      }
      let order = touched.sorted { shared[Int($0)] > shared[Int($1)] }
      for index in order where isSimilarText(key, keys[Int(index)]) { return Int(index) }
      return nil
    }

    /// Whether some item of the note is the same item as `key`.
    public mutating func contains(_ key: Key) -> Bool { match(key) != nil }
  }
}

extension ItemText {
  /// `text` without leading and trailing blanks (spaces, tabs, NBSP, line ends).
  public static func trimmed(_ text: String) -> String {
    var text = text
    return text.withUTF8 { bytes -> String? in
      let kept = UTF8Blanks.trimmed(bytes, 0..<bytes.count, byteOrderMark: false)
      if kept.count == bytes.count { return nil }
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[kept]), as: UTF8.self)
    } ?? text
  }
}

/// Small helpers on item and line text.
public enum ItemText {}
