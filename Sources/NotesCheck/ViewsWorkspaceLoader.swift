import Foundation
import NotesConfig
import NotesCore

/// Loads the workspace `items`, `people` and `report` look at exactly as `--check` does: `CheckEngine.namedWorkspace`
/// (the configuration for the paths, `--config FILE`, `--no-config`, the references it names, the workspace the paths
/// belong to, membership and discovery) and `CheckEngine.index` (pass 1: `NoteSource.load` on every core).
///
/// NOTE: unlike `--check`, the views keep every parsed note of the workspace (they print lines of items in any note,
/// and the report checks the named notes); the corpus's 259 notes take a few MB.
struct ViewsWorkspace {
  var engine: CheckEngine
  var workspace: NotesWorkspace
  /// The named files, in path order, with what reading them gave.
  var files: [(url: URL, loaded: LoadedFile)]
  /// Paths that could not be read or found.
  var problems: [CheckProblem]
  /// The URIs of the named notes (the workspace may hold more: the folder of the configuration, the repository).
  var namedURIs: Set<String>

  /// The options every view accepts.
  struct Options {
    var paths: [String] = []
    var configFile: String?
    var noConfig = false
  }

  /// Loads the workspace, or prints a configuration error and returns nil (exit 2).
  static func load(_ options: Options, currentDirectory: String, output: CheckOutput) -> ViewsWorkspace? {
    let cwd = URL(fileURLWithPath: currentDirectory).standardizedFileURL
    let check = CheckOptions(paths: options.paths, configFile: options.configFile, noConfig: options.noConfig)
    let named: CheckEngine.NamedWorkspace
    do {
      named = try CheckEngine.namedWorkspace(
        paths: CheckEngine.roots(check, cwd: cwd), request: CheckEngine.configurationRequest(check, cwd: cwd))
    } catch {
      CheckEngine.reportConfigurationError(error, format: .text, currentDirectory: cwd.path, output: output)
      return nil
    }
    let engine = CheckEngine(configuration: named.configuration, currentDirectory: cwd.path)
    var workspace = named.workspace
    var problems = named.problems.map { CheckProblem(path: engine.displayPath($0.path), message: $0.reason) }
    let files = engine.index(
      named.files, reportOn: named.named, into: &workspace, problems: &problems, holdingNotes: true)
    return ViewsWorkspace(
      engine: engine, workspace: workspace, files: files.map { (url: $0.0, loaded: $0.1) }, problems: problems,
      namedURIs: Set(named.named.map { NoteSource.uri(of: URL(fileURLWithPath: $0)) }))
  }

  /// A note's path as printed (relative to the current folder when under it).
  func displayPath(uri: String) -> String {
    guard let url = URL(string: uri) else { return uri }
    return engine.displayPath(url.path)
  }

  /// Reports unreadable paths on stderr; returns whether there were any.
  func reportProblems(to output: CheckOutput) -> Bool {
    for problem in problems { output.writeError("notes-lsp: \(problem.path): \(problem.message)\n") }
    return !problems.isEmpty
  }
}
