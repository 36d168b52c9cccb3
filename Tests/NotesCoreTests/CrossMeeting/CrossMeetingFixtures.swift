import Foundation
import Testing

@testable import NotesCore

/// Workspaces of small notes for the cross-meeting tests, and the real corpus.
enum CrossMeetingFixtures {
  /// A workspace holding every note (parsed, with text).
  static func workspace(_ notes: [(String, String)], settings: NotesSettings = NotesSettings()) -> NotesWorkspace {
    var workspace = NotesWorkspace(settings: settings)
    for (uri, text) in notes { workspace.update(uri: uri, text: text) }
    return workspace
  }

  /// The UTF-8 offset of the first `marker` in `text`, and the text without it.
  static func cursor(_ text: String, marker: String = "$0") -> (text: String, offset: Int) {
    guard let range = text.range(of: marker) else { return (text, 0) }
    let offset = text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound.samePosition(in: text.utf8)!)
    return (text.replacingCharacters(in: range, with: ""), offset)
  }

  /// The UTF-8 offset of the first occurrence of `needle` (plus `plus`) in `text`.
  static func offset(of needle: String, in text: String, plus: Int = 0) -> Int {
    guard let range = text.range(of: needle) else { return -1 }
    return text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound.samePosition(in: text.utf8)!) + plus
  }

  // MARK: - Corpus

  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let corpus = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
  static let corpusNotes = corpus.appendingPathComponent("notes")

  /// Every note of the corpus as (file URI, text), sorted.
  static func corpusFiles(under folder: URL = corpusNotes) -> [(String, String)] {
    guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
      return []
    }
    var files: [(String, String)] = []
    for case let url as URL in enumerator where url.pathExtension == "md" {
      guard let data = try? Data(contentsOf: url) else { continue }
      files.append((url.absoluteString, String(decoding: data, as: UTF8.self)))
    }
    return files.sorted { $0.0 < $1.0 }
  }

  /// The corpus as a workspace (with the conda-forge roster), built once.
  static let corpusWorkspace: NotesWorkspace = {
    var workspace = NotesWorkspace()
    for name in ["core.csv", "emeritus.csv", "conda-steering.csv", "conda-emeritus.csv"] {
      let url = corpus.appendingPathComponent("reference").appendingPathComponent(name)
      if let data = try? Data(contentsOf: url) {
        workspace.setRoster(name: url.absoluteString, text: String(decoding: data, as: UTF8.self))
      }
    }
    for (uri, text) in corpusFiles() { workspace.update(uri: uri, text: text) }
    return workspace
  }()

  static var hasCorpus: Bool { FileManager.default.fileExists(atPath: corpusNotes.path) }

  /// `file.md:line` for a range of a held note.
  static func place(_ uri: String, _ range: TextRange, in workspace: NotesWorkspace) -> String {
    guard let document = workspace.document(uri) else { return uri }
    let line = document.source.line(containingUTF8Offset: range.utf8Start) + 1
    return "\(document.fileName):\(line)"
  }
}
