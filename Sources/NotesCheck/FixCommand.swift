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
  public static func run(_ arguments: [String], currentDirectory: String, output: CheckOutput) -> Int32 {
    let rest = arguments.filter { $0 != "--fix" }
    let command: NotesCommand
    do { command = try NotesCommandLine.parse(rest) } catch {
      output.writeError("notes-lsp: \(error.message)\nRun 'notes-lsp --help' for usage.\n")
      output.flush()
      return ExitCode.error
    }
    guard case .check(let options, _) = command else {
      output.writeError("notes-lsp: --fix is an option of --check\n")
      output.flush()
      return ExitCode.error
    }
    let cwd = URL(fileURLWithPath: currentDirectory).standardizedFileURL
    let roots = (options.paths.isEmpty ? ["."] : options.paths).map { path in
      path.hasPrefix("/")
        ? URL(fileURLWithPath: path).standardizedFileURL : cwd.appendingPathComponent(path).standardizedFileURL
    }
    var configuration = NotesConfiguration()
    do {
      if let file = options.configFile {
        let url = file.hasPrefix("/") ? URL(fileURLWithPath: file) : cwd.appendingPathComponent(file)
        configuration = try NotesConfiguration.load(from: url.standardizedFileURL)
      } else if !options.noConfig, let found = NotesConfiguration.find(from: roots[0]) {
        configuration = try NotesConfiguration.load(from: found)
      }
    } catch {
      // The check below reports the configuration error the way it always does.
      return CheckEngine.run(options, currentDirectory: currentDirectory, output: output)
    }
    var workspace = NotesWorkspace(settings: configuration.settings)
    try? configuration.apply(to: &workspace)
    let files = NoteFiles.discovery(roots: roots, configuration: configuration).files
    let fixes = fix(files: files, workspace: workspace)
    // NOTE: what changed goes to stdout in text form, to stderr for the machine formats (json, sarif, github) so that
    // their output stays valid.
    for line in fixes.report {
      let shown = line.replacingPath { NoteFiles.relativePath($0, under: cwd.path) ?? $0 }
      if options.format == .text { output.write(shown + "\n") } else { output.writeError(shown + "\n") }
    }
    for problem in fixes.problems { output.writeError("notes-lsp: \(problem)\n") }
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

  /// Indexes `files`, then applies each note's safe fixes and writes the notes that changed.
  public static func fix(files: [URL], workspace initial: NotesWorkspace) -> Outcome {
    var workspace = initial
    var outcome = Outcome()
    var readable: [(URL, DecodedText)] = []
    for url in files {
      guard let size = NoteFiles.size(of: url), size <= NoteFiles.maximumFileSize,
        let bytes = try? NoteFiles.readBytes(url)
      else { continue }
      let decoded = DecodedText(bytes: bytes)
      guard !decoded.issues.contains(.binary) else { continue }
      workspace.index(NoteParser.parse(uri: CheckEngine.uri(of: url), text: decoded.text))
      if !decoded.issues.contains(where: { if case .notUTF8 = $0 { return true } else { return false } }) {
        readable.append((url, decoded))
      }
    }
    for (url, decoded) in readable {
      let document = NoteParser.parse(uri: CheckEngine.uri(of: url), text: decoded.text)
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
      workspace.index(NoteParser.parse(uri: CheckEngine.uri(of: url), text: fixed))
    }
    return outcome
  }
}
