import Foundation
import NotesCheck
import Testing

/// The built `notes-lsp` executable, next to the test bundle in the products folder.
func builtExecutable() throws -> URL {
  var candidates: [URL] = []
  for bundle in Bundle.allBundles {
    candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("notes-lsp"))
  }
  candidates.append(
    URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent().appendingPathComponent(
      "notes-lsp"))
  if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) { return found }
  throw ExecutableMissing(candidates: candidates.map(\.path))
}

struct ExecutableMissing: Error, CustomStringConvertible {
  var candidates: [String]
  var description: String { "notes-lsp not built next to the tests; looked at \(candidates)" }
}

/// Runs the built binary and returns its exit code and output.
func runBuilt(_ arguments: [String], in directory: String? = nil) throws -> (code: Int32, out: String, err: String) {
  let process = Process()
  process.executableURL = try builtExecutable()
  process.arguments = arguments
  // Never the package root: a stray command must not touch the project.
  process.currentDirectoryURL = URL(fileURLWithPath: directory ?? NSTemporaryDirectory())
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  process.standardInput = FileHandle.nullDevice
  try process.run()
  // Read both pipes fully before waiting, so a large output cannot dead-lock the child.
  nonisolated(unsafe) var errData = Data()
  let errReader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
  errReader.start()
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  while errReader.isExecuting || !errReader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
  return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

@Test func builtBinaryPrintsVersionAndHelp() throws {
  let version = try runBuilt(["--version"])
  #expect(version.code == 0)
  #expect(version.out == "notes-lsp \(NotesLSPVersion.string)\n")
  let help = try runBuilt(["--help"])
  #expect(help.code == 0)
  #expect(help.out.contains("--check") && help.out.contains("EXIT CODES") && help.out.contains("--fail-on"))
  let newHelp = try runBuilt(["new", "--help"])
  #expect(newHelp.code == 0)
  #expect(newHelp.out.hasPrefix("usage: notes-lsp new"))
}

@Test(arguments: [
  (["--bogus"], "unknown option '--bogus'"),
  (["--check", "--format", "xml"], "unknown format 'xml'"),
  (["notes"], "unexpected argument 'notes'"),
  (["--fix"], "--fix is an option of --check"),
  (["--check", "--fail-on"], "--fail-on needs a value"),
])
func builtBinaryRejectsBadUsageWithExitTwo(arguments: [String], message: String) throws {
  let result = try runBuilt(arguments)
  #expect(result.code == 2)
  #expect(result.out.isEmpty)
  #expect(result.err.contains(message), "\(result.err)")
}

@Test func builtBinaryChecksAFolder() throws {
  let folder = try fixtureFolder()
  defer { folder.remove() }
  let result = try runBuilt(["--check", "notes"], in: folder.path)
  #expect(result.code == 1)
  #expect(result.out.contains("notes/2024-02-14.md:1:1: warning: The file looks binary"))
  #expect(result.out.split(separator: "\n").dropLast().last?.hasPrefix("checked 8 files (") == true)
  #expect(result.out.split(separator: "\n").last?.hasPrefix("most findings: ") == true)
  let sarif = try runBuilt(["--check", "--format", "sarif", "notes"], in: folder.path)
  #expect(sarif.code == 1)
  #expect(try JSONSerialization.jsonObject(with: Data(sarif.out.utf8)) is [String: Any])
  let missing = try runBuilt(["--check", "notes", "absent"], in: folder.path)
  #expect(missing.code == 2)
  #expect(missing.err.contains("absent: no such file or folder"))
}
