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

  // The same run with the team's rosters and registries named on the command line (they lie outside the notes'
  // folder, so a configuration file may not name them).
  let configured = try runCheck(
    [
      "--no-config", "--roster", "\(corpusReference.path)/core.csv", "--roster", "\(corpusReference.path)/emeritus.csv",
      "--registry", "cfep=\(corpusReference.path)/cfeps.tsv", "--registry", "cep=\(corpusReference.path)/ceps.tsv",
      corpusNotes.path,
    ], in: packageRoot.path)
  #expect(configured.code == 0 || configured.code == 1, "\(configured.err)")
  let lines = configured.out.split(separator: "\n")
  #expect(lines.dropLast().last?.hasPrefix("checked \(files.count) files (") == true)
  #expect(lines.last?.hasPrefix("most findings: ") == true)
}
