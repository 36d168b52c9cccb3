/// A small reader for comma- and tab-separated text (rosters, registries): RFC 4180 quoting (`"a, b"`, `""` for a
/// quote), CRLF or LF or CR line ends, a leading byte order mark, blank lines skipped. Never fails.
public enum DelimitedText {
  /// One record: its fields and the 0-based line it starts on.
  public struct Record: Hashable, Sendable {
    public var fields: [String]
    public var line: Int
  }

  /// Splits `text` into records. Quoted fields may hold the separator, quotes (doubled) and line breaks.
  public static func records(_ text: String, separator: Character) -> [Record] {
    var bytes = Array(text.utf8)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    let sep = separator.asciiValue ?? 0x2C
    var records: [Record] = []
    var fields: [String] = []
    var field: [UInt8] = []
    var line = 0
    var recordLine = 0
    var inQuotes = false
    var fieldWasQuoted = false
    var i = 0
    let n = bytes.count

    func endField() {
      var value = String(decoding: field, as: UTF8.self)
      if !fieldWasQuoted { value = value.trimmingBlanks() }
      fields.append(value)
      field.removeAll(keepingCapacity: true)
      fieldWasQuoted = false
    }
    func endRecord() {
      endField()
      if !(fields.count == 1 && fields[0].isEmpty) {
        records.append(Record(fields: fields, line: recordLine))
      }
      fields.removeAll(keepingCapacity: true)
    }

    while i < n {
      let b = bytes[i]
      if inQuotes {
        if b == 0x22 {
          if i + 1 < n && bytes[i + 1] == 0x22 {
            field.append(0x22)
            i += 2
            continue
          }
          inQuotes = false
        } else {
          if b == 0x0A || (b == 0x0D && !(i + 1 < n && bytes[i + 1] == 0x0A)) { line += 1 }
          field.append(b)
        }
        i += 1
        continue
      }
      if b == 0x22 && field.allSatisfy({ $0 == 0x20 || $0 == 0x09 && sep != 0x09 }) && !fieldWasQuoted {
        field.removeAll(keepingCapacity: true)
        inQuotes = true
        fieldWasQuoted = true
      } else if b == sep {
        endField()
      } else if b == 0x0A || b == 0x0D {
        if b == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A { i += 1 }
        endRecord()
        line += 1
        recordLine = line
      } else if !(fieldWasQuoted && (b == 0x20 || b == 0x09)) {
        field.append(b)
      }
      i += 1
    }
    if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
    return records
  }

  /// Records as dictionaries keyed by the header's lower-cased, trimmed names (the first record). Missing cells are
  /// empty strings. Returns the header-keyed rows with their 0-based lines.
  public static func table(_ text: String, separator: Character) -> [(line: Int, values: [String: String])] {
    let all = records(text, separator: separator)
    guard let header = all.first else { return [] }
    let names = header.fields.map { $0.lowercased().trimmingBlanks() }
    var rows: [(line: Int, values: [String: String])] = []
    rows.reserveCapacity(all.count)
    for record in all.dropFirst() {
      var values: [String: String] = [:]
      for (index, name) in names.enumerated() where !name.isEmpty && values[name] == nil {
        values[name] = index < record.fields.count ? record.fields[index] : ""
      }
      rows.append((record.line, values))
    }
    return rows
  }
}

extension String {
  /// Without leading and trailing spaces, tabs, NBSPs and line breaks.
  func trimmingBlanks() -> String {
    let scalars = unicodeScalars
    var start = scalars.startIndex
    var end = scalars.endIndex
    func isBlank(_ s: Unicode.Scalar) -> Bool {
      s == " " || s == "\t" || s == "\n" || s == "\r" || s == "\u{A0}" || s == "\u{FEFF}"
    }
    while start < end && isBlank(scalars[start]) { start = scalars.index(after: start) }
    while end > start && isBlank(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
    if start == scalars.startIndex && end == scalars.endIndex { return self }
    return String(scalars[start..<end])
  }
}
