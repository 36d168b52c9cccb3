import Foundation
import NotesCheck
import NotesConfig
import Testing

/// The package root, from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// The real notes next to the package.
let corpusNotes = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/notes")
let corpusReference = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/reference")

/// A fresh temporary folder with `files` (relative path → bytes) written into it; removed by `remove()`.
struct TemporaryFolder {
  let url: URL
  var path: String { url.path }

  init(_ files: [String: [UInt8]] = [:]) throws {
    let base = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent(
      "notes-check-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    // Resolve /tmp symbolic links so paths compare equal to what discovery reports.
    url = base.resolvingSymlinksInPath()
    for (path, bytes) in files { try write(path, bytes) }
  }

  init(text files: [String: String]) throws {
    try self.init(files.mapValues { Array($0.utf8) })
  }

  func write(_ path: String, _ bytes: [UInt8]) throws {
    let file = url.appendingPathComponent(path)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: file)
  }

  func write(_ path: String, text: String) throws { try write(path, Array(text.utf8)) }

  func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Runs `--check` in-process with `arguments` (after `--check`) from `directory`.
func runCheck(_ arguments: [String], in directory: String) throws -> (code: Int32, out: String, err: String) {
  let command = try NotesCommandLine.parse(["--check"] + arguments)
  guard case .check(let options, _) = command else {
    Issue.record("not a check command: \(command)")
    return (-1, "", "")
  }
  let output = CapturedCheckOutput()
  let code = CheckEngine.run(options, currentDirectory: directory, output: output)
  return (code, output.standardOutput, output.standardError)
}

/// Compares `actual` with the golden file `name` (in Tests/NotesCheckTests/Golden/), or rewrites the golden when
/// `NOTES_LSP_UPDATE_GOLDEN=1`.
func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
  let file = packageRoot.appendingPathComponent("Tests/NotesCheckTests/Golden/\(name)")
  if ProcessInfo.processInfo.environment["NOTES_LSP_UPDATE_GOLDEN"] == "1" {
    try Data(actual.utf8).write(to: file)
    return
  }
  let expected = try String(contentsOf: file, encoding: .utf8)
  #expect(
    actual == expected, "golden \(name) differs; NOTES_LSP_UPDATE_GOLDEN=1 refreshes it", sourceLocation: sourceLocation
  )
}
