import Foundation
import NotesCheck
import NotesConfig
import Testing

/// `--check` over the real notes: never a crash, never exit 2, every file reported, in a stable order.
@Test func checkOverTheCorpusReportsEveryFile() throws {
  let files = NoteFiles.discover(roots: [corpusNotes], configuration: NotesConfiguration())
  let onDisk = try FileManager.default.subpathsOfDirectory(atPath: corpusNotes.path).filter { $0.hasSuffix(".md") }
  #expect(files.count == onDisk.count)
  #expect(files.count >= 250)

  let result = try runCheck(["--no-config", "--format", "json", "../shared/corpus/notes"], in: packageRoot.path)
  #expect(result.code == 0 || result.code == 1, "\(result.err)")
  let object = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
  let summary = try #require(object["summary"] as? [String: Any])
  #expect(summary["files"] as? Int == files.count)
  #expect(summary["problems"] as? Int == 0)
  let findings = try #require(object["findings"] as? [[String: Any]])
  let paths = findings.compactMap { $0["path"] as? String }
  // Printed relative to the current folder (`../shared/corpus/notes/…` in this checkout): each path opens from it.
  for path in Set(paths) {
    let resolved = path.hasPrefix("/") ? path : packageRoot.path + "/" + path
    #expect(FileManager.default.fileExists(atPath: resolved), "\(path)")
  }
  #expect(paths == paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })

  // The same run with the team's rosters and registries configured.
  let folder = try TemporaryFolder(text: [
    ".notes-lsp.json": """
    {"rosters": ["\(corpusReference.path)/core.csv", "\(corpusReference.path)/emeritus.csv"],
     "registries": {"cfep": ["\(corpusReference.path)/cfeps.tsv"], "cep": ["\(corpusReference.path)/ceps.tsv"]}}
    """
  ])
  defer { folder.remove() }
  let configured = try runCheck(
    ["--config", folder.path + "/.notes-lsp.json", corpusNotes.path], in: packageRoot.path)
  #expect(configured.code == 0 || configured.code == 1, "\(configured.err)")
  #expect(configured.out.split(separator: "\n").last?.hasPrefix("checked \(files.count) files (") == true)
}
