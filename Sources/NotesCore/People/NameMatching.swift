import Foundation

/// How names, initials and handles are compared when people are joined and owners resolved.
public enum NameMatching {
  // MARK: - Keys

  /// A name folded for comparison: lower-case, accents removed (`Rodríguez` = `Rodriguez`), every run of characters
  /// that are not letters or digits (spaces, `.`, `-`, quotes) turned into one space.
  public static func nameKey(_ name: String) -> String { tokens(name).joined(separator: " ") }

  /// The folded words of a name: `Jaime Rodríguez-Guerra` → `jaime rodriguez guerra`.
  public static func tokens(_ name: String) -> [String] {
    if let fast = name.utf8.withContiguousStorageIfAvailable({ asciiTokens($0) }), let result = fast { return result }
    if let mixed = name.utf8.withContiguousStorageIfAvailable({ mixedTokens($0) }) { return mixed }
    return foldedTokens(name)
  }

  /// `tokens` of text that is not all ASCII, a run at a time: runs between ASCII separators (blanks, punctuation)
  /// that are ASCII are lower-cased on their bytes; only runs holding other scalars are folded (`foldedTokens`).
  /// The same words as folding the whole text: folding maps scalars one by one, and every ASCII separator separates.
  private static func mixedTokens(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
    func isWordByte(_ b: UInt8) -> Bool {
      (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
    }
    var result: [String] = []
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      guard b >= 0x80 || isWordByte(b) else {
        i += 1
        continue
      }
      let start = i
      var ascii = true
      while i < bytes.count && (bytes[i] >= 0x80 || isWordByte(bytes[i])) {
        if bytes[i] >= 0x80 { ascii = false }
        i += 1
      }
      let run = UnsafeBufferPointer(rebasing: bytes[start..<i])
      if ascii {
        result.append(
          String(unsafeUninitializedCapacity: run.count) { buffer in
            for k in 0..<run.count { buffer[k] = run[k] >= 0x41 && run[k] <= 0x5A ? run[k] + 0x20 : run[k] }
            return run.count
          })
      } else {
        result += foldedTokens(String(decoding: run, as: UTF8.self))
      }
    }
    return result
  }

  /// `tokens` by folding the whole text (case and diacritics) and splitting at scalars that are not letters or digits.
  private static func foldedTokens(_ name: String) -> [String] {
    var result: [String] = []
    let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    var current = String.UnicodeScalarView()
    for scalar in folded.unicodeScalars {
      if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
        current.append(scalar)
      } else if !current.isEmpty {
        result.append(String(current))
        current = String.UnicodeScalarView()
      }
    }
    if !current.isEmpty { result.append(String(current)) }
    return result
  }

  /// `tokens` of ASCII bytes, one string per word and no other allocation; nil when the text is not ASCII.
  private static func asciiTokens(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
    for b in bytes where b >= 0x80 { return nil }
    func isWordByte(_ b: UInt8) -> Bool {
      (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
    }
    var result: [String] = []
    var i = 0
    while i < bytes.count {
      guard isWordByte(bytes[i]) else {
        i += 1
        continue
      }
      let start = i
      while i < bytes.count && isWordByte(bytes[i]) { i += 1 }
      let count = i - start
      result.append(
        String(unsafeUninitializedCapacity: count) { buffer in
          for k in 0..<count {
            let b = bytes[start + k]
            buffer[k] = b >= 0x41 && b <= 0x5A ? b + 0x20 : b
          }
          return count
        })
    }
    return result
  }

  /// `derivedInitials` of ASCII bytes; nil when the text is not ASCII.
  private static func asciiDerivedInitials(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
    for b in bytes where b >= 0x80 { return nil }
    func isLetter(_ b: UInt8) -> Bool { (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) }
    func isWordByte(_ b: UInt8) -> Bool { isLetter(b) || (b >= 0x30 && b <= 0x39) }
    var letters: [UInt8] = []
    var i = 0
    while i < bytes.count {
      guard isWordByte(bytes[i]) else {
        i += 1
        continue
      }
      let b = bytes[i]
      if isLetter(b) { letters.append(b >= 0x61 ? b - 0x20 : b) }
      while i < bytes.count && isWordByte(bytes[i]) { i += 1 }
    }
    guard letters.count >= 2 else { return [] }
    let all = String(decoding: letters, as: UTF8.self)
    let firstLast = String(decoding: [letters[0], letters[letters.count - 1]], as: UTF8.self)
    return all == firstLast ? [all] : [all, firstLast]
  }

  /// A handle folded for comparison: without `@` and surrounding blanks, lower-case. Nil when nothing is left or the
  /// text cannot be a GitHub handle (spaces, placeholders such as `XXXX`).
  public static func handleKey(_ handle: String) -> String? {
    if let fast = handle.utf8.withContiguousStorageIfAvailable({ handleKeyBytes($0) }), let known = fast {
      return known
    }
    var text = handle.trimmingBlanks()
    while text.hasPrefix("@") { text.removeFirst() }
    text = text.trimmingBlanks().lowercased()
    guard !text.isEmpty, !isPlaceholder(text) else { return nil }
    for scalar in text.unicodeScalars {
      let ok = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
      if !ok { return nil }
    }
    return text
  }

  /// `handleKey` on UTF-8 bytes: `.some(key)` (nil: no key) when the handle, blanks and leading `@`s cut, is ASCII;
  /// nil (use the scalars) otherwise, since lower-casing other scalars may give ASCII (KELVIN SIGN → `k`).
  private static func handleKeyBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> String?? {
    var handle = UTF8Blanks.trimmed(bytes, 0..<bytes.count)
    while let first = handle.first, bytes[first] == UInt8(ascii: "@") {
      // `@` + a combining mark is one character, not `@`.
      if first + 1 < handle.upperBound && bytes[first + 1] >= 0x80 { return nil }
      handle = (first + 1)..<handle.upperBound
    }
    handle = UTF8Blanks.trimmed(bytes, handle)
    for i in handle where bytes[i] >= 0x80 { return nil }
    guard !handle.isEmpty else { return .some(nil) }
    let text = String(unsafeUninitializedCapacity: handle.count) { out in
      for (k, i) in handle.enumerated() { out[k] = bytes[i] >= 0x41 && bytes[i] <= 0x5A ? bytes[i] + 0x20 : bytes[i] }
      return handle.count
    }
    if isPlaceholder(text) { return .some(nil) }
    for b in text.utf8 {
      let ok =
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
      if !ok { return .some(nil) }
    }
    return .some(text)
  }

  /// Initials cleaned for joining: dots and blanks dropped, upper-cased; nil unless 2–4 letters remain and they are
  /// not a placeholder (`XX`, `XXXX`).
  public static func initialsKey(_ initials: String) -> String? {
    if let fast = initials.utf8.withContiguousStorageIfAvailable({ initialsKeyBytes($0) }) { return fast }
    var letters = String.UnicodeScalarView()
    for scalar in initials.unicodeScalars {
      if scalar == "." || scalar == " " || scalar == "\u{A0}" || scalar == "@" { continue }
      guard scalar.properties.isAlphabetic, scalar.isASCII else { return nil }
      letters.append(scalar)
    }
    let key = String(letters).uppercased()
    guard (2...4).contains(key.count), !isPlaceholder(key) else { return nil }
    return key
  }

  /// `initialsKey` on UTF-8 bytes, with no string made unless there is a key.
  private static func initialsKeyBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    var key: UInt32 = 0
    var count = 0
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      i += 1
      if b == UInt8(ascii: ".") || b == UInt8(ascii: " ") || b == UInt8(ascii: "@") { continue }
      if b == 0xC2 && i < bytes.count && bytes[i] == 0xA0 {  // U+00A0
        i += 1
        continue
      }
      let upper = b >= 0x61 && b <= 0x7A ? b - 0x20 : b
      guard upper >= 0x41 && upper <= 0x5A else { return nil }
      // More than four letters is no key, whatever follows.
      guard count < 4 else { return nil }
      key |= UInt32(upper) << (8 * count)
      count += 1
    }
    guard count >= 2 else { return nil }
    let text = withUnsafeBytes(of: key.littleEndian) { raw in
      String(decoding: UnsafeRawBufferPointer(rebasing: raw[0..<count]), as: UTF8.self)
    }
    return isPlaceholder(text) ? nil : text
  }

  /// Whether `text` is written the way initials should be: 2–4 ASCII letters, capitals except for lower-case name
  /// particles between capitals (`MvN` for Marius van Niekerk, `JdG`).
  ///
  /// NOTE: `MvN` is how that person writes their initials in every note; calling it malformed would be noise. `mcg`,
  /// `Mcg`, `MRB.` and `M` are malformed.
  public static func isWellFormedInitials(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    guard (2...4).contains(scalars.count), let first = scalars.first, let last = scalars.last else { return false }
    func upper(_ s: Unicode.Scalar) -> Bool { ("A"..."Z").contains(s) }
    func lower(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) }
    guard upper(first), upper(last), scalars.allSatisfy({ upper($0) || lower($0) }) else { return false }
    return scalars.filter(upper).count >= 2
  }

  /// `X`, `XX`, `XXXX`, `???`, `...`, `TBD`, `-`: a cell or owner that names nobody.
  public static func isPlaceholder(_ text: String) -> Bool {
    // Fast path: ASCII text, judged on its bytes without new strings (the same answer as below).
    if let answer = text.utf8.withContiguousStorageIfAvailable({ asciiIsPlaceholder($0) }), let known = answer {
      return known
    }
    let t = text.trimmingBlanks().lowercased()
    if t.isEmpty { return true }
    if t.unicodeScalars.allSatisfy({ $0 == "x" }) { return true }
    if t.unicodeScalars.allSatisfy({ $0 == "?" || $0 == "." || $0 == "-" || $0 == "_" || $0 == "…" }) { return true }
    return placeholderSet.contains(t)
  }

  /// `placeholderWords` as strings, for text that is not ASCII.
  private static let placeholderSet = Set(placeholderWords.map { "\($0)" })

  private static let placeholderWords: [StaticString] = [
    "tbd", "tba", "n/a", "none", "needs owner", "owner", "name", "initials", "someone", "anyone",
  ]

  /// `isPlaceholder` for ASCII bytes; nil when the text is not ASCII.
  private static func asciiIsPlaceholder(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
    for b in bytes where b >= 0x80 { return nil }
    func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    var s = 0
    var e = bytes.count
    while s < e && isBlank(bytes[s]) { s += 1 }
    while e > s && isBlank(bytes[e - 1]) { e -= 1 }
    if s == e { return true }
    func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }
    var allX = true
    var allPunctuation = true
    for i in s..<e {
      let b = lower(bytes[i])
      if b != UInt8(ascii: "x") { allX = false }
      if !(b == UInt8(ascii: "?") || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")) {
        allPunctuation = false
      }
    }
    if allX || allPunctuation { return true }
    let n = e - s
    for word in placeholderWords where word.utf8CodeUnitCount == n {
      let w = UnsafeBufferPointer(start: word.utf8Start, count: n)
      var k = 0
      while k < n && lower(bytes[s + k]) == w[k] { k += 1 }
      if k == n { return true }
    }
    return false
  }

  /// The initials a name suggests: first letters of its words (`Matthew R. Becker` → `MRB`), and of its first and last
  /// words (`MB`).
  public static func derivedInitials(_ name: String) -> [String] {
    if let fast = name.utf8.withContiguousStorageIfAvailable({ asciiDerivedInitials($0) }), let result = fast {
      return result
    }
    let words = tokens(name).filter { $0.first?.isLetter == true }
    guard words.count >= 2 else { return [] }
    let all = String(words.compactMap(\.first)).uppercased()
    let firstLast = String([words[0], words[words.count - 1]].compactMap(\.first)).uppercased()
    return all == firstLast ? [all] : [all, firstLast]
  }

  // MARK: - Compatibility

  /// Whether two names can be the same person's: the first words agree (one a prefix of the other: `Matt` /
  /// `Matthew`, `J` / `Jaime`; a lone first name only as the shorter), and when both have more words, the shorter
  /// name's last word starts some later word of the longer (`Cheng Lee` / `Cheng H. Lee`, `John K.` / `John Kirkham`,
  /// `Filipe Fernandes` / `Filipe Pires Alvarenga Fernandes`).
  public static func compatible(_ a: [String], _ b: [String]) -> Bool {
    guard let fa = a.first, let fb = b.first else { return false }
    // A first name alone may shorten a fuller first name (`Matt` → Matthew) but not extend it (`Markus` is not
    // `Mark Anderson`, `Philippe` is not `Phil Elson`).
    if a.count == 1 && b.count > 1 { return fb.hasPrefix(fa) }
    if b.count == 1 && a.count > 1 { return fa.hasPrefix(fb) }
    guard fa.hasPrefix(fb) || fb.hasPrefix(fa) else { return false }
    if a.count == 1 || b.count == 1 { return true }
    let lastA = a[a.count - 1]
    let lastB = b[b.count - 1]
    if a.count == b.count { return lastA.hasPrefix(lastB) || lastB.hasPrefix(lastA) }
    let (short, long) = a.count < b.count ? (lastA, b) : (lastB, a)
    // A middle initial of the longer name (`R` in `Matthew R Becker`) only matches the same initial.
    return long.dropFirst().contains { word in
      word.count == 1 ? word == short : word.hasPrefix(short) || short.hasPrefix(word)
    }
  }

  /// `compatible`, or a likely typo of the same name: the first words agree and the last words differ by at most two
  /// edits (`Dave Clemtns` / `Dave Clements`). Used only between entries that already share initials.
  public static func similar(_ a: [String], _ b: [String]) -> Bool {
    if compatible(a, b) { return true }
    guard a.count >= 2, b.count >= 2, let fa = a.first, let fb = b.first, fa.hasPrefix(fb) || fb.hasPrefix(fa)
    else { return false }
    let la = a[a.count - 1]
    let lb = b[b.count - 1]
    guard la.count >= 5, lb.count >= 5 else { return false }
    return editDistance(la, lb, limit: 2) <= 2
  }

  /// Levenshtein distance, stopping early above `limit`.
  static func editDistance(_ a: String, _ b: String, limit: Int) -> Int {
    let x = Array(a.unicodeScalars)
    let y = Array(b.unicodeScalars)
    if abs(x.count - y.count) > limit { return limit + 1 }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...max(1, x.count) where !x.isEmpty {
      current[0] = i
      var best = current[0]
      for j in 1...max(1, y.count) where !y.isEmpty {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        best = min(best, current[j])
      }
      if best > limit { return limit + 1 }
      swap(&previous, &current)
    }
    return previous[y.count]
  }
}
