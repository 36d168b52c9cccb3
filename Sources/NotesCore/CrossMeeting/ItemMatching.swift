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
    public init(_ normalizedText: String) {
      text = normalizedText
      words = Set(normalizedText.split(separator: " ").map(String.init))
      numbers = words.filter { $0.unicodeScalars.allSatisfy { ("0"..."9").contains($0) } }
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
    return editDistance(Array(a.text.utf8), Array(b.text.utf8), limit: budget) <= budget
  }

  /// Levenshtein distance over bytes, giving up (returning `limit + 1`) once every path exceeds `limit`.
  static func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      var rowMin = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        rowMin = min(rowMin, current[j])
      }
      if rowMin > limit { return limit + 1 }
      swap(&previous, &current)
    }
    return previous[b.count]
  }

  /// The normalised text of every list item of a note (owners cut out), for finding items carried into it.
  public static func itemKeys(of document: NoteDocument) -> [Key] {
    document.items.compactMap { item in
      guard !item.isEmptyTemplate else { return nil }
      let text = TrackedItem.normalize(TrackedItem.contentWithoutOwners(item, in: document))
      return text.isEmpty ? nil : Key(text)
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
