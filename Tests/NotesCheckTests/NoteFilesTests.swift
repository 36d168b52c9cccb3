import Foundation
import NotesConfig
import NotesCore
import Testing

@Test func discoveryWalksFoldersSkipsTheUsualAndIsSorted() throws {
  let folder = try TemporaryFolder(text: [
    "b/2024-01-02.md": "", "a/2024-01-01.md": "", "a/notes.MARKDOWN": "", "a/image.png": "",
    ".git/x.md": "", "node_modules/pkg/README.md": "", ".build/checkouts/README.md": "", "drafts/wip.md": "",
    "team/drafts/wip.md": "", "README.md": "", "ignored/x.md": "", "tmp.md": "",
    ".gitignore": "# comment\nignored/\n/tmp.md\n!keep.md\n",
  ])
  defer { folder.remove() }
  try folder.write(".notes-lsp.json", text: #"{"exclude": ["drafts"]}"#)
  let configuration = try NotesConfiguration.load(from: folder.url.appendingPathComponent(".notes-lsp.json"))
  let files = NoteFiles.discover(roots: [folder.url], configuration: configuration)
  #expect(
    files.map { $0.path.dropFirst(folder.path.count + 1) } == [
      "README.md", "a/2024-01-01.md", "a/notes.MARKDOWN", "b/2024-01-02.md",
    ])
}

@Test func includeGlobsChooseFilesAndDirectFilesAreAlwaysChecked() throws {
  let folder = try TemporaryFolder(text: [
    "minutes/2024-01-01.md": "", "minutes/2024-01-01.txt": "", "other/README.md": "", "drafts/x.md": "",
  ])
  defer { folder.remove() }
  try folder.write(".notes-lsp.json", text: #"{"include": ["minutes/*.{md,txt}"], "exclude": ["drafts/**"]}"#)
  let configuration = try NotesConfiguration.load(from: folder.url.appendingPathComponent(".notes-lsp.json"))
  let walked = NoteFiles.discover(roots: [folder.url], configuration: configuration)
  #expect(walked.map(\.lastPathComponent) == ["2024-01-01.md", "2024-01-01.txt"])
  let direct = NoteFiles.discovery(
    roots: [folder.url.appendingPathComponent("drafts/x.md"), folder.url.appendingPathComponent("nope.md")],
    configuration: configuration)
  #expect(direct.files.map(\.lastPathComponent) == ["x.md"])
  #expect(direct.problems.map(\.reason) == ["no such file or folder"])
}

@Test func aFileGivenTwiceIsCheckedOnce() throws {
  let folder = try TemporaryFolder(text: ["n/2024-01-01.md": "x"])
  defer { folder.remove() }
  let files = NoteFiles.discover(
    roots: [folder.url, folder.url.appendingPathComponent("n/2024-01-01.md"), folder.url.appendingPathComponent("n")],
    configuration: NotesConfiguration())
  #expect(files.count == 1)
}

@Test func symbolicLinkLoopsEnd() throws {
  let folder = try TemporaryFolder(text: ["a/2024-01-01.md": "x"])
  defer { folder.remove() }
  try FileManager.default.createSymbolicLink(
    atPath: folder.path + "/a/loop", withDestinationPath: folder.path + "/a")
  let files = NoteFiles.discover(roots: [folder.url], configuration: NotesConfiguration())
  #expect(files.map(\.lastPathComponent) == ["2024-01-01.md"])
}

@Test func readDecodesAndWriteIsAtomic() throws {
  let folder = try TemporaryFolder(["bom.md": [0xEF, 0xBB, 0xBF] + Array("# Hi\r\n".utf8)])
  defer { folder.remove() }
  let decoded = try NoteFiles.read(folder.url.appendingPathComponent("bom.md"))
  #expect(decoded.text == "# Hi\r\n")
  #expect(decoded.hadByteOrderMark)
  #expect(throws: FileReadError.self) { try NoteFiles.read(folder.url.appendingPathComponent("absent.md")) }
  #expect(throws: FileReadError.self) { try NoteFiles.read(folder.url) }

  let target = folder.url.appendingPathComponent("bom.md")
  try NoteFiles.writeAtomically("# Rodríguez 😀\n", to: target)
  #expect(try String(contentsOf: target, encoding: .utf8) == "# Rodríguez 😀\n")
  let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
  #expect(leftovers.isEmpty)
  #expect(throws: FileReadError.self) {
    try NoteFiles.writeAtomically("x", to: folder.url.appendingPathComponent("no/such/folder.md"))
  }
}

@Test func readsLargeFilesWhole() throws {
  let big = [UInt8](repeating: UInt8(ascii: "a"), count: 3_000_001)
  let folder = try TemporaryFolder(["big.md": big])
  defer { folder.remove() }
  #expect(try NoteFiles.readBytes(folder.url.appendingPathComponent("big.md")).count == big.count)
  #expect(NoteFiles.size(of: folder.url.appendingPathComponent("big.md")) == big.count)
}
