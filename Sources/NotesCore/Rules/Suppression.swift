/// Inline suppression comments, read from the note's own text.
///
/// NOTE: `<!-- notes-lsp-disable-next-line CODE … -->` silences the listed codes (all codes when none is listed) on the
/// line after the comment; `<!-- notes-lsp-disable-line CODE -->` on the comment's own line; `<!-- notes-lsp-disable
/// CODE -->` in the whole file. Codes are separated by blanks or commas. Suppression lives in the core, so the editor
/// and `--check` agree; file-level codes (`file.*`) cannot be suppressed from inside a file that could not be read.
public struct Suppressions: Sendable {
  /// Codes silenced in the whole file; an empty set inside means every code.
  public private(set) var file: Set<DiagnosticCode>? = nil
  /// 0-based line → codes silenced on it (empty set: every code).
  public private(set) var lines: [Int: Set<DiagnosticCode>] = [:]

  public var isEmpty: Bool { file == nil && lines.isEmpty }

  /// Reads every suppression comment of `source`.
  public init(_ source: SourceText) {
    let bytes = source.bytes
    let needle = Array("notes-lsp-disable".utf8)
    guard bytes.count >= needle.count else { return }
    var i = 0
    let last = bytes.count - needle.count
    while i <= last {
      guard bytes[i] == 0x6E, bytes[i..<(i + needle.count)].elementsEqual(needle) else {
        i += 1
        continue
      }
      // Must open an HTML comment on the same line: `<!--`, then only blanks. (Read backwards over the blanks
      // only, so that a long line of many such words costs its length, not its length squared.)
      let line = source.line(containingUTF8Offset: i)
      let lineStart = source.lineStarts[line]
      var open = i
      while open > lineStart, bytes[open - 1] == 0x20 || bytes[open - 1] == 0x09 { open -= 1 }
      guard open - lineStart >= 4, bytes[(open - 4)..<open].elementsEqual("<!--".utf8) else {
        i += needle.count
        continue
      }
      var j = i + needle.count
      var variant = ""
      while j < bytes.count, bytes[j] == 0x2D || (bytes[j] >= 0x61 && bytes[j] <= 0x7A) {
        variant.append(Character(Unicode.Scalar(bytes[j])))
        j += 1
      }
      // The codes run to `-->` (or `--->`), possibly on later lines.
      var end = j
      while end + 2 < bytes.count, !(bytes[end] == 0x2D && bytes[end + 1] == 0x2D && bytes[end + 2] == 0x3E) {
        end += 1
      }
      // No `-->` after this one means none after any later one either.
      if end + 2 >= bytes.count { break }
      let codesText = String(decoding: bytes[j..<end], as: UTF8.self)
      let codes = Set(
        codesText.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" || $0 == "\r" })
          .map { DiagnosticCode(rawValue: String($0)) }
          .filter { !$0.rawValue.isEmpty && $0.rawValue != "-" })
      let endLine = source.line(containingUTF8Offset: end)
      switch variant {
      case "":
        if codes.isEmpty { file = [] } else if file != [] { file = (file ?? []).union(codes) }
      case "-next-line": add(codes, to: endLine + 1)
      case "-line": add(codes, to: line)
      default: break
      }
      i = end + 3
    }
  }

  private mutating func add(_ codes: Set<DiagnosticCode>, to line: Int) {
    if let existing = lines[line] {
      lines[line] = existing.isEmpty || codes.isEmpty ? [] : existing.union(codes)
    } else {
      lines[line] = codes
    }
  }

  /// Whether a finding with `code` starting on `line` is silenced.
  public func suppresses(_ code: DiagnosticCode, onLine line: Int) -> Bool {
    if let file, file.isEmpty || file.contains(code) { return true }
    if let codes = lines[line], codes.isEmpty || codes.contains(code) { return true }
    return false
  }
}
