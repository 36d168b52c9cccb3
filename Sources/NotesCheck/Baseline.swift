import Foundation
import NotesConfig
import NotesCore
import NotesJSON

/// Today's findings, recorded so that a team can switch the check on over an old archive: `--check --baseline FILE`
/// reports and fails only on findings that are not in it, and names the recorded ones that have gone (fixed).
///
/// NOTE: a finding's fingerprint is its file (relative to the baseline's folder), its code, its line's text with white
/// space collapsed, and which occurrence of that (code, text) in the file it is — not its line number, so lines
/// inserted above it (a new agenda item) do not make it new. Editing the line itself makes it new, as it should.
public struct Baseline: Sendable {
  public struct Entry: Hashable, Sendable, Comparable {
    public var path: String
    public var code: String
    public var text: String
    public var occurrence: Int

    public static func < (a: Entry, b: Entry) -> Bool {
      (a.path, a.code, a.text, a.occurrence) < (b.path, b.code, b.text, b.occurrence)
    }
  }

  /// The folder entry paths are relative to (the baseline file's).
  public var folder: String
  public var entries: Set<Entry>

  public init(folder: String, entries: Set<Entry> = []) {
    self.folder = folder
    self.entries = entries
  }

  /// The baseline's path for a file (absolute path in).
  public func path(of absolutePath: String) -> String {
    CheckEngine.displayPath(absolutePath, currentDirectory: folder)
  }

  /// The line text as fingerprinted: trimmed, runs of white space as one space.
  public static func normalise(_ line: String) -> String {
    // An ASCII line without line breaks (almost every line) is normalised on its bytes: the same words, without
    // breaking the text into characters.
    if let fast = line.utf8.withContiguousStorageIfAvailable({ normaliseASCII($0) }), let result = fast {
      return result
    }
    return line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
  }

  /// `normalise` of ASCII bytes holding no `\r` or `\n`; nil for any other text.
  private static func normaliseASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var pendingSpace = false
    for b in bytes {
      if b >= 0x80 || b == 0x0A || b == 0x0D { return nil }
      if b == 0x20 || b == 0x09 {
        pendingSpace = !out.isEmpty
        continue
      }
      if pendingSpace {
        out.append(0x20)
        pendingSpace = false
      }
      out.append(b)
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The fingerprints of one file's findings, in order.
  public static func entries(of findings: [Finding], path: String) -> [Entry] {
    var seen: [String: Int] = [:]
    return findings.map { finding in
      let key = finding.code.rawValue + "\u{0}" + finding.lineText
      let occurrence = seen[key, default: 0]
      seen[key] = occurrence + 1
      return Entry(path: path, code: finding.code.rawValue, text: finding.lineText, occurrence: occurrence)
    }
  }

  // MARK: - File

  /// Reads a baseline file. A missing or malformed file is an error: CI must not pass by accident.
  public static func load(_ url: URL) throws(FileReadError) -> Baseline {
    let bytes = try NoteFiles.readBytes(url, limit: 256 << 20)
    let folder = url.deletingLastPathComponent().standardizedFileURL.path
    guard let json = try? JSONValue.parse(bytes), let list = json["findings"]?.arrayValue else {
      throw FileReadError(path: url.path, reason: "is not a notes-lsp baseline (a JSON object with \"findings\")")
    }
    var entries = Set<Entry>()
    for item in list {
      guard let path = item["path"]?.stringValue, let code = item["code"]?.stringValue,
        let text = item["line"]?.stringValue
      else { throw FileReadError(path: url.path, reason: "has a finding without path, code or line") }
      entries.insert(Entry(path: path, code: code, text: text, occurrence: item["occurrence"]?.intValue ?? 0))
    }
    return Baseline(folder: folder, entries: entries)
  }

  /// Writes the baseline (sorted, one finding a line, so that its diffs review well), atomically.
  public func write(to url: URL) throws(FileReadError) {
    var text = "{\n\"version\": 1,\n\"findings\": ["
    for (index, entry) in entries.sorted().enumerated() {
      let value: JSONValue = [
        "path": .string(entry.path), "code": .string(entry.code), "line": .string(entry.text),
        "occurrence": .int(entry.occurrence),
      ]
      text += (index == 0 ? "\n  " : ",\n  ") + value.serialized()
    }
    text += entries.isEmpty ? "]\n}\n" : "\n]\n}\n"
    try NoteFiles.writeAtomically(text, to: url)
  }
}
