import Foundation

/// A file glob as written in `.notes-lsp.json` `include` / `exclude` and in `.gitignore`:
/// `*` (any run of characters but `/`), `**` (any run of whole path segments, also none), `?` (one character but `/`),
/// `[abc]`, `[a-z]`, `[!abc]` / `[^abc]`, `{a,b}` (alternatives, nestable) and `\` to escape.
///
/// Paths are matched relative to a base folder (the configuration's), with `/` separators.
/// NOTE: as in `.gitignore`, a pattern with no `/` (other than a trailing one) matches a file or folder name at any
/// depth (`*.tmp`, `drafts`); a pattern with a `/` is anchored at the base folder (`notes/*.md`, `/README.md`). A
/// trailing `/` matches folders only. A folder that matches excludes everything in it.
public struct Glob: Hashable, Sendable, CustomStringConvertible {
  /// The pattern as written.
  public let pattern: String
  /// Whether the pattern applies to folders only (it ended in `/`).
  public let directoryOnly: Bool
  /// Whether it matches the last path component only (no `/` in it).
  public let matchesName: Bool
  /// The brace-expanded alternatives, as scalars.
  let alternatives: [[Unicode.Scalar]]

  public init(_ pattern: String) {
    self.pattern = pattern
    var body = pattern
    var directoryOnly = false
    while body.count > 1 && body.hasSuffix("/") {
      body.removeLast()
      directoryOnly = true
    }
    var anchored = false
    if body.hasPrefix("/") {
      body.removeFirst()
      anchored = true
    }
    if body.hasPrefix("./") {
      body.removeFirst(2)
      anchored = true
    }
    self.directoryOnly = directoryOnly
    self.matchesName = !anchored && !body.contains("/")
    self.alternatives = Glob.expandBraces(Array(body.unicodeScalars))
  }

  public var description: String { pattern }

  /// Whether `path` (relative, `/`-separated, no leading `/`) matches.
  public func matches(_ path: String, isDirectory: Bool = false) -> Bool {
    if directoryOnly && !isDirectory { return false }
    var subject = Array(path.unicodeScalars)
    while subject.first == "/" { subject.removeFirst() }
    while subject.count > 1 && subject.last == "/" { subject.removeLast() }
    if matchesName, let slash = subject.lastIndex(of: "/") {
      subject = Array(subject[(slash + 1)...])
    }
    for alternative in alternatives where Glob.match(alternative, subject) { return true }
    return false
  }

  /// Whether `path` or one of the folders above it (within the path) matches: a matching folder excludes its content.
  public func matchesSelfOrAncestor(_ path: String, isDirectory: Bool = false) -> Bool {
    if matches(path, isDirectory: isDirectory) { return true }
    var components = path.split(separator: "/", omittingEmptySubsequences: true)
    while components.count > 1 {
      components.removeLast()
      if matches(components.joined(separator: "/"), isDirectory: true) { return true }
    }
    return false
  }

  // MARK: - Braces

  /// `a{b,c{d,e}}f` → `abf`, `acdf`, `acef`. Unbalanced braces are literal.
  static func expandBraces(_ pattern: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
    var i = 0
    while i < pattern.count {
      let c = pattern[i]
      if c == "\\" {
        i += 2
        continue
      }
      if c == "[" {
        // Braces inside a character class are literal.
        if let close = classEnd(pattern, from: i) {
          i = close + 1
          continue
        }
      }
      if c == "{" {
        var depth = 0
        var j = i
        var commas: [Int] = []
        var close: Int?
        while j < pattern.count {
          let d = pattern[j]
          if d == "\\" {
            j += 2
            continue
          }
          if d == "{" { depth += 1 }
          if d == "}" {
            depth -= 1
            if depth == 0 {
              close = j
              break
            }
          }
          if d == "," && depth == 1 { commas.append(j) }
          j += 1
        }
        guard let end = close else { return [pattern] }
        let prefix = Array(pattern[..<i])
        let suffix = Array(pattern[(end + 1)...])
        var bounds = [i]
        bounds.append(contentsOf: commas)
        bounds.append(end)
        var out: [[Unicode.Scalar]] = []
        for k in 0..<(bounds.count - 1) {
          let option = Array(pattern[(bounds[k] + 1)..<bounds[k + 1]])
          for expanded in expandBraces(prefix + option + suffix) where !out.contains(expanded) {
            out.append(expanded)
          }
        }
        return out
      }
      i += 1
    }
    return [pattern]
  }

  /// The index of the `]` closing a class that opens at `start`, or nil when it is not a class.
  static func classEnd(_ p: [Unicode.Scalar], from start: Int) -> Int? {
    var j = start + 1
    if j < p.count && (p[j] == "!" || p[j] == "^") { j += 1 }
    if j < p.count && p[j] == "]" { j += 1 }
    while j < p.count {
      if p[j] == "]" { return j }
      if p[j] == "/" { return nil }
      j += 1
    }
    return nil
  }

  // MARK: - Matching

  /// Matches one brace-free pattern against a whole path. Memoised on (pattern index, path index), so the worst
  /// case is quadratic, never exponential.
  static func match(_ p: [Unicode.Scalar], _ s: [Unicode.Scalar]) -> Bool {
    var memo = [UInt8](repeating: 0, count: (p.count + 1) * (s.count + 1))
    return matchFrom(p, 0, s, 0, &memo)
  }

  static func matchFrom(
    _ p: [Unicode.Scalar], _ pi: Int, _ s: [Unicode.Scalar], _ si: Int, _ memo: inout [UInt8]
  ) -> Bool {
    let key = pi * (s.count + 1) + si
    if memo[key] != 0 { return memo[key] == 1 }
    let result = matchUncached(p, pi, s, si, &memo)
    memo[key] = result ? 1 : 2
    return result
  }

  static func matchUncached(
    _ p: [Unicode.Scalar], _ pi: Int, _ s: [Unicode.Scalar], _ si: Int, _ memo: inout [UInt8]
  ) -> Bool {
    if pi == p.count { return si == s.count }
    let c = p[pi]
    switch c {
    case "*":
      let isDouble = pi + 1 < p.count && p[pi + 1] == "*"
      if isDouble {
        var next = pi + 2
        while next < p.count && p[next] == "*" { next += 1 }
        let atSegmentStart = pi == 0 || p[pi - 1] == "/"
        let atSegmentEnd = next == p.count || p[next] == "/"
        if atSegmentStart && atSegmentEnd {
          if next == p.count {
            // `dir/**` matches `dir` itself and everything under it; a leading `**` matches anything.
            return true
          }
          // `**/` matches zero or more whole segments.
          if matchFrom(p, next + 1, s, si, &memo) { return true }
          var k = si
          while k < s.count {
            if s[k] == "/" && matchFrom(p, next + 1, s, k + 1, &memo) { return true }
            k += 1
          }
          return false
        }
        // `a**b`: any run, slashes included.
        var k = si
        while k <= s.count {
          if matchFrom(p, next, s, k, &memo) { return true }
          k += 1
        }
        return false
      }
      var k = si
      while true {
        if matchFrom(p, pi + 1, s, k, &memo) { return true }
        if k == s.count || s[k] == "/" { return false }
        k += 1
      }
    case "?":
      guard si < s.count, s[si] != "/" else { return false }
      return matchFrom(p, pi + 1, s, si + 1, &memo)
    case "[":
      guard let close = classEnd(p, from: pi) else {
        return si < s.count && s[si] == "[" && matchFrom(p, pi + 1, s, si + 1, &memo)
      }
      guard si < s.count, s[si] != "/" else { return false }
      var j = pi + 1
      var negated = false
      if p[j] == "!" || p[j] == "^" {
        negated = true
        j += 1
      }
      var found = false
      while j < close {
        let low = p[j]
        if j + 2 < close && p[j + 1] == "-" {
          if low.value <= s[si].value && s[si].value <= p[j + 2].value { found = true }
          j += 3
        } else {
          if low == s[si] { found = true }
          j += 1
        }
      }
      guard found != negated else { return false }
      return matchFrom(p, close + 1, s, si + 1, &memo)
    case "\\" where pi + 1 < p.count:
      guard si < s.count, s[si] == p[pi + 1] else { return false }
      return matchFrom(p, pi + 2, s, si + 1, &memo)
    default:
      // `dir/**` also matches `dir` itself.
      if c == "/" && si == s.count && p.count - pi >= 3 && p[(pi + 1)...].allSatisfy({ $0 == "*" }) { return true }
      guard si < s.count, s[si] == c else { return false }
      return matchFrom(p, pi + 1, s, si + 1, &memo)
    }
  }
}
