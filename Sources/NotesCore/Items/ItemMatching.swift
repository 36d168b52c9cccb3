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

  /// A normalised text prepared for repeated comparison.
  public struct Key: Hashable, Sendable {
    public var text: String
    public var words: Set<String>
    /// The words that are numbers.
    public var numbers: Set<String>
    /// How often each letter and digit occurs (other bytes share a bin): half the L1 distance of two histograms is a
    /// lower bound of the texts' edit distance, which rules most pairs out without the quadratic work.
    var histogram: [Int16]
    public init(_ normalizedText: String) {
      text = normalizedText
      words = Set(normalizedText.split(separator: " ").map(String.init))
      numbers = words.filter { $0.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }
      var bins = [Int16](repeating: 0, count: 37)
      for b in normalizedText.utf8 {
        let bin: Int
        if b >= 0x61 && b <= 0x7A {
          bin = Int(b - 0x61)
        } else if b >= 0x30 && b <= 0x39 {
          bin = 26 + Int(b - 0x30)
        } else {
          bin = 36
        }
        bins[bin] &+= 1
      }
      histogram = bins
    }
  }

  /// Whether two normalised item texts are the same item.
  public static func isSameItem(_ a: Key, _ b: Key) -> Bool {
    if a.text == b.text { return true }
    if a.words.isEmpty || b.words.isEmpty { return false }
    // NOTE: an item copied forward with an update appended (`… kubernetes cluster. Did some work at SciPy.`, `… Still in
    // progress 2019-09-04`) is the same item: one text starts with the whole other, of at least three words.
    let (short, long) = a.text.utf8.count <= b.text.utf8.count ? (a, b) : (b, a)
    if short.words.count >= 3 && long.text.hasPrefix(short.text + " ") { return true }
    // NOTE: numbers must agree: `Python 2.7 migration` and `Python 3.12 migration` are different items.
    if a.numbers != b.numbers { return false }
    let la = a.text.utf8.count
    let lb = b.text.utf8.count
    // Jaccard ≥ 0.8 needs word counts within a ratio of 0.8; the edit distance, lengths within 15%.
    let (small, large) = (min(a.words.count, b.words.count), max(a.words.count, b.words.count))
    if Double(small) >= Double(large) * jaccardThreshold {
      let common = a.words.intersection(b.words).count
      let union = a.words.count + b.words.count - common
      if union > 0 && Double(common) / Double(union) >= jaccardThreshold { return true }
    }
    let longer = max(la, lb)
    let budget = Int(Double(longer) * editDistanceRatio)
    guard abs(la - lb) <= budget, budget > 0, longer <= 600 else { return false }
    var difference = 0
    for i in 0..<37 { difference += abs(Int(a.histogram[i]) - Int(b.histogram[i])) }
    guard (difference + 1) / 2 <= budget else { return false }
    return editDistance(Array(a.text.utf8), Array(b.text.utf8), limit: budget) <= budget
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

  /// The normalised text of every list item of a note (owners cut out), for finding items carried into it.
  public static func itemKeys(of document: NoteDocument) -> [Key] {
    document.items.compactMap { item in
      guard !item.isEmptyTemplate else { return nil }
      let text = normalizedContent(item, in: document)
      return text.isEmpty ? nil : Key(text)
    }
  }

  /// `TrackedItem.normalize(TrackedItem.contentWithoutOwners(item))`, in one pass over the bytes when the item is
  /// ASCII (the usual case); Unicode text takes the general path (accents folded).
  static func normalizedContent(_ item: ListItem, in document: NoteDocument) -> String {
    let bytes = document.source.bytes
    let content = item.content.range
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

  /// The items of one note, to look for other notes' items among: normalised texts, with the comparison keys built
  /// only for the texts that cheap length tests do not rule out.
  public struct Haystack {
    let texts: [String]
    let wordCounts: [Int]
    let exact: Set<String>
    var keys: [Key?]

    public init(_ texts: [String]) {
      self.texts = texts
      wordCounts = texts.map { $0.utf8.reduce(1) { $1 == 0x20 ? $0 + 1 : $0 } }
      exact = Set(texts)
      keys = Array(repeating: nil, count: texts.count)
    }

    /// Whether some text of the note is the same item as `key` (see `isSameItem`).
    public mutating func contains(_ key: Key) -> Bool {
      if exact.contains(key.text) { return true }
      let la = key.text.utf8.count
      let words = max(1, key.words.count)
      for i in texts.indices {
        let lb = texts[i].utf8.count
        let budget = Int(Double(max(la, lb)) * editDistanceRatio)
        let (small, large) = (min(words, wordCounts[i]), max(words, wordCounts[i]))
        // Token counts bound the distinct words loosely (repeats), hence 0.5 rather than the threshold itself.
        let possible =
          Double(small) >= Double(large) * 0.5 || abs(la - lb) <= budget
          || (la < lb
            ? texts[i].hasPrefix(key.text)
            : key.text.hasPrefix(texts[i]))
        guard possible else { continue }
        if keys[i] == nil { keys[i] = Key(texts[i]) }
        if let other = keys[i], isSameItem(key, other) { return true }
      }
      return false
    }
  }

  /// Whether `key` matches any of `keys` (exact texts first, through `exact`).
  public static func matchesAny(_ key: Key, exact: Set<String>, keys: [Key]) -> Bool {
    if exact.contains(key.text) { return true }
    return keys.contains { isSameItem(key, $0) }
  }
}

extension ItemText {
  /// `text` without leading and trailing blanks (spaces, tabs, NBSP, line ends).
  public static func trimmed(_ text: String) -> String {
    let scalars = Array(text.unicodeScalars)
    func blank(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\u{A0}" || s == "\n" || s == "\r" }
    guard let first = scalars.firstIndex(where: { !blank($0) }), let last = scalars.lastIndex(where: { !blank($0) })
    else { return "" }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[first...last])
    return String(view)
  }
}

/// Small helpers on item and line text.
public enum ItemText {}
