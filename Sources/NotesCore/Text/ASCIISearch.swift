/// Substring tests on hot paths, by bytes: exact for ASCII text, `nil` for anything else so that the caller keeps
/// Foundation's comparison there (it compares non-ASCII text by canonical equivalence, which output depends on).
public enum ASCIISearch {
  /// Whether `text` contains any of `needles` (ASCII), optionally after ASCII lower-casing; `nil` if `text` is not
  /// all ASCII.
  public static func contains(_ text: String, anyOf needles: [StaticString], lowercasing: Bool = false) -> Bool? {
    var text = text
    return text.withUTF8 { bytes -> Bool? in
      for b in bytes where b >= 0x80 { return nil }
      for needle in needles {
        let count = needle.utf8CodeUnitCount
        guard count > 0, count <= bytes.count else { continue }
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: count)
        var start = 0
        while start + count <= bytes.count {
          var i = 0
          while i < count {
            var b = bytes[start + i]
            if lowercasing && b >= 0x41 && b <= 0x5A { b += 0x20 }
            if b != pattern[i] { break }
            i += 1
          }
          if i == count { return true }
          start += 1
        }
      }
      return false
    }
  }
}
