import Foundation
import NotesConfig
import NotesCore

/// `notes-lsp --check --fix [PATH…]`: applies the safe fixes (see `CodeActions`) to every note, each file written
/// atomically, reports what changed, then checks as `--check` does and exits as it does. Without `--fix`, the checker
/// never writes.
///
/// NOTE: a file that is not valid UTF-8 is never rewritten (writing it back would change its encoding); a byte order
/// mark is kept.
public enum FixCommand {
  public static func run(_ options: CheckOptions, currentDirectory: String, output: CheckOutput) -> Int32 {
    let cwd = URL(fileURLWithPath: currentDirectory).standardizedFileURL
    let paths = CheckEngine.roots(options, cwd: cwd)
    let configuration: NotesConfiguration
    var workspace = NotesWorkspace()
    do {
      configuration = try NoteSource.configuration(
        for: paths, request: CheckEngine.configurationRequest(options, cwd: cwd))
      try NoteSource.loadReferences(configuration, into: &workspace)
    } catch {
      // The check below reports the configuration error the way it always does.
      return CheckEngine.run(options, currentDirectory: currentDirectory, output: output)
    }
    let roots = NoteSource.workspaceRoots(for: paths, configuration: configuration)
    let membership = NoteMembership(configuration: configuration, roots: roots)
    let named = membership.discovery(of: paths).files
    let namedPaths = Set(named.map(\.path))
    let context = membership.discovery(of: roots).files.filter { !namedPaths.contains($0.path) }
    let fixes = fix(files: named, context: context, workspace: workspace)
    // NOTE: what changed goes to stdout in text form, to stderr for the machine formats (json, sarif, github) so that
    // their output stays valid.
    for line in fixes.report {
      let shown = OutputText.visible(line.replacingPath { NoteFiles.relativePath($0, under: cwd.path) ?? $0 })
      if options.format == .text { output.write(shown + "\n") } else { output.writeError(shown + "\n") }
    }
    for problem in fixes.problems { output.writeError("notes-lsp: \(OutputText.visible(problem))\n") }
    let summary = "fixed \(fixes.fixCount) problem(s) in \(fixes.changedFiles) file(s)"
    if options.format == .text { output.write(summary + "\n") } else { output.writeError(summary + "\n") }
    output.flush()
    let code = CheckEngine.run(options, currentDirectory: currentDirectory, output: output)
    return fixes.problems.isEmpty ? code : ExitCode.error
  }

  /// One applied fix, as reported.
  public struct FixLine: Hashable, Sendable {
    public var path: String
    public var line: Int
    public var column: Int
    public var title: String
    public var code: DiagnosticCode?

    func replacingPath(_ transform: (String) -> String) -> String {
      "\(transform(path)):\(line):\(column): fixed: \(title)" + (code.map { " [\($0.rawValue)]" } ?? "")
    }
  }

  /// What `fix` did.
  public struct Outcome: Sendable {
    public var report: [FixLine] = []
    public var problems: [String] = []
    public var changedFiles = 0
    public var fixCount: Int { report.count }
  }

  /// Indexes `files` and `context` (the rest of their workspace), then applies the safe fixes of each of `files` and
  /// writes the notes that changed (see `NoteFiles.writeAtomically` for links, modes and read-only files).
  public static func fix(files: [URL], context: [URL] = [], workspace initial: NotesWorkspace) -> Outcome {
    var workspace = initial
    var outcome = Outcome()
    var readable: [(URL, DecodedText)] = []
    for url in context {
      if case .note(let document, _, _) = NoteSource.load(url, settings: workspace.settings) {
        workspace.index(document)
      }
    }
    for url in files {
      guard case .note(let document, let decoded, _) = NoteSource.load(url, settings: workspace.settings) else {
        continue
      }
      workspace.index(document)
      if !decoded.issues.contains(where: { if case .notUTF8 = $0 { return true } else { return false } }) {
        readable.append((url, decoded))
      }
    }
    for (url, decoded) in readable {
      let document = NoteParser.parse(uri: NoteSource.uri(of: url), text: decoded.text)
      let actions = CodeActions.safeFixes(in: document, workspace: workspace)
      guard !actions.isEmpty else { continue }
      let fixed = NoteTextEdit.apply(actions.flatMap(\.edits), to: decoded.text)
      guard fixed != decoded.text else { continue }
      do {
        try NoteFiles.writeAtomically((decoded.hadByteOrderMark ? "\u{FEFF}" : "") + fixed, to: url)
      } catch {
        outcome.problems.append(error.description)
        continue
      }
      outcome.changedFiles += 1
      for action in actions {
        let at = action.edits.first?.range.utf8Start ?? 0
        let position = document.source.oneBasedLineColumn(ofUTF8Offset: at)
        outcome.report.append(
          FixLine(path: url.path, line: position.line, column: position.column, title: action.title, code: action.fixes)
        )
      }
      workspace.index(NoteParser.parse(uri: NoteSource.uri(of: url), text: fixed))
    }
    return outcome
  }
}
