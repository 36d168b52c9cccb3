/// A place in a note: the unit that references, workspace symbols and code lenses point at.
public struct NoteLocation: Hashable, Sendable {
  public var uri: String
  public var range: TextRange

  public init(uri: String, range: TextRange) {
    self.uri = uri
    self.range = range
  }
}

/// One replacement in one note. Edits of one note never overlap; front ends apply them from the end backwards.
public struct NoteTextEdit: Hashable, Sendable {
  public var uri: String
  public var range: TextRange
  public var newText: String

  public init(uri: String, range: TextRange, newText: String) {
    self.uri = uri
    self.range = range
    self.newText = newText
  }
}

extension NoteTextEdit {
  /// Applies `edits` (all for one document, non-overlapping) to `text`; edits that fall outside the text are clamped.
  public static func apply(_ edits: [NoteTextEdit], to text: String) -> String {
    var bytes = Array(text.utf8)
    for edit in edits.sorted(by: { $0.range.utf8Start > $1.range.utf8Start }) {
      let start = min(max(0, edit.range.utf8Start), bytes.count)
      let end = min(max(start, edit.range.utf8End), bytes.count)
      bytes.replaceSubrange(start..<end, with: Array(edit.newText.utf8))
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// A failure a user should read (a rename that cannot be done), never a crash.
public struct CrossMeetingError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
