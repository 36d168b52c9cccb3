import Foundation
import NotesCore

/// A file that could not be read.
public struct FileReadError: Error, Sendable, CustomStringConvertible {
  public var path: String
  public var reason: String
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }
  public var description: String { "\(path): \(reason)" }
}

/// Finding, reading and writing note files: the only place that touches the disk for notes.
public enum NoteFiles {
  /// Every Markdown file under `roots` (files are taken as given, folders recursively), skipping `.git`,
  /// `node_modules` and what `configuration` excludes, sorted by path.
  public static func discover(roots: [URL], configuration: NotesConfiguration) -> [URL] {
    []  // FIXME: stub (check helper)
  }

  /// Reads a file's bytes and decodes them (never fails on content; fails only on I/O).
  public static func read(_ url: URL) throws(FileReadError) -> DecodedText {
    throw FileReadError(path: url.path, reason: "not implemented")  // FIXME: stub (check helper)
  }

  /// Writes `text` atomically: a temporary file in the same folder, then a rename over the target.
  public static func writeAtomically(_ text: String, to url: URL) throws(FileReadError) {
    throw FileReadError(path: url.path, reason: "not implemented")  // FIXME: stub (check helper)
  }
}
