import Foundation
import NotesConfig
import NotesCore

/// Loads the workspace `items`, `people` and `report` look at, as `--check` does: the same configuration (found from
/// the first PATH, `--config FILE`, `--no-config`), the same discovery, the same reading and parsing of each file
/// (`CheckEngine.load`), on every core.
///
/// NOTE: unlike `--check`, the views keep every parsed note (they report lines of items in any note, and the report
/// checks every note); the corpus's 259 notes take a few MB. When the shared loading layer lands in NotesConfig, this
/// file is the one to switch to it.
struct ViewsWorkspace {
  var engine: CheckEngine
  var workspace: NotesWorkspace
  /// Every file found, in path order, with what reading it gave.
  var files: [(url: URL, loaded: CheckEngine.Loaded)]
  /// Paths that could not be read or found.
  var problems: [CheckProblem]

  /// The options every view accepts.
  struct Options {
    var paths: [String] = []
    var configFile: String?
    var noConfig = false
  }

  /// Loads the workspace, or prints a configuration error and returns nil (exit 2).
  static func load(_ options: Options, currentDirectory: String, output: CheckOutput) -> ViewsWorkspace? {
    let cwd = URL(fileURLWithPath: currentDirectory).standardizedFileURL
    let roots = (options.paths.isEmpty ? ["."] : options.paths).map { path in
      path.hasPrefix("/")
        ? URL(fileURLWithPath: path).standardizedFileURL
        : cwd.appendingPathComponent(path).standardizedFileURL
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
      CheckEngine.reportConfigurationError(error, format: .text, currentDirectory: cwd.path, output: output)
      return nil
    }
    let engine = CheckEngine(configuration: configuration, currentDirectory: cwd.path)
    var workspace = NotesWorkspace(settings: configuration.settings)
    do {
      try configuration.apply(to: &workspace)
    } catch {
      CheckEngine.reportConfigurationError(
        ConfigurationError(file: error.path, line: 0, column: 0, reason: "cannot read: \(error.reason)"),
        format: .text, currentDirectory: cwd.path, output: output)
      return nil
    }
    let discovery = NoteFiles.discovery(roots: roots, configuration: configuration)
    var problems = discovery.problems.map { CheckProblem(path: engine.displayPath($0.path), message: $0.reason) }
    let urls = discovery.files
    let settings = workspace.settings
    let loaded = engine.inParallel(urls.count) { i -> (CheckEngine.Loaded, NoteSummary?) in
      let item = engine.load(urls[i], settings: settings)
      if case .document(let document, _, _) = item { return (item, NoteSummary(document)) }
      return (item, nil)
    }
    var files: [(url: URL, loaded: CheckEngine.Loaded)] = []
    for (url, (item, summary)) in zip(urls, loaded) {
      switch item {
      case .document(let document, _, _):
        if let summary { workspace.update(document, summary: summary) }
      case .unreadable(let problem):
        problems.append(problem)
        continue
      case .skipped: break
      }
      files.append((url, item))
    }
    return ViewsWorkspace(engine: engine, workspace: workspace, files: files, problems: problems)
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
