import Foundation
import NotesConfig
import NotesCore

/// Runs `new` and `--check --fix` for callers that hold raw arguments (tests); `main.swift` uses
/// `NotesCommandLine.parse` and `run` directly.
public enum CrossMeetingCommandLine {
  /// Runs `new` or `--check --fix` when the arguments ask for one of them, returning the exit code; nil otherwise.
  public static func run(_ arguments: [String], currentDirectory: String, output: CheckOutput) -> Int32? {
    let command: NotesCommand
    do { command = try NotesCommandLine.parse(arguments) } catch {
      output.writeError("notes-lsp: \(error.message)\n\(NotesCommandLine.usageHint(for: arguments))\n")
      output.flush()
      return ExitCode.error
    }
    switch command {
    case .fix, .newMeeting, .help:
      let code = NotesCommandLine.run(
        command, context: CommandContext(currentDirectory: currentDirectory, output: output))
      output.flush()
      return code
    default: return nil
    }
  }
}

/// `notes-lsp new [--date YYYY-MM-DD] [--config FILE | --no-config] [FOLDER]`: writes the next note of the series in
/// FOLDER (default: the current folder; a folder holding several series' folders picks the one with the latest
/// meeting) and prints its path. Never overwrites a file. The loading, series choice and writing are `NoteSource`'s,
/// shared with the server's `notes-lsp.newMeeting`.
public enum NewMeetingCommand {
  public static let usage = "usage: notes-lsp new \(NotesCommandLine.newMeeting.usage)"

  public static func run(_ options: NewMeetingOptions, currentDirectory: String, output: CheckOutput) -> Int32 {
    func fail(_ message: String) -> Int32 {
      output.writeError("notes-lsp new: \(OutputText.visible(message))\n\(usage)\n")
      output.flush()
      return ExitCode.error
    }
    let cwd = URL(fileURLWithPath: currentDirectory, isDirectory: true).standardizedFileURL
    let folderPath = options.folder ?? "."
    let folder =
      (folderPath.hasPrefix("/")
      ? URL(fileURLWithPath: folderPath, isDirectory: true)
      : cwd.appendingPathComponent(folderPath, isDirectory: true)).standardizedFileURL
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      return fail("\(folderPath) is not a folder")
    }
    let configuration: NotesConfiguration
    var workspace = NotesWorkspace()
    do {
      let request = NoteSource.ConfigurationRequest(
        file: options.configFile.map { CheckEngine.url($0, cwd: cwd) }, noConfig: options.noConfig)
      configuration = try NoteSource.configuration(for: [folder], request: request)
      try NoteSource.loadReferences(configuration, into: &workspace)
    } catch {
      output.writeError("notes-lsp: configuration error: \(OutputText.visible(error.description))\n")
      output.flush()
      return ExitCode.error
    }
    let membership = NoteMembership(configuration: configuration, roots: [folder])
    for url in membership.discovery(of: [folder]).files {
      if case .note(let document, _, _) = NoteSource.load(url, settings: configuration.settings) {
        workspace.update(document)
      }
    }
    guard let series = NoteSource.seriesFolder(given: NoteSource.uri(of: folder), workspace: workspace) else {
      return fail("no dated meeting notes in \(folderPath)")
    }
    let created: (url: URL, plan: NewMeetingPlan)
    do {
      created = try NoteSource.createNextMeeting(
        seriesFolder: series, date: options.date, workspace: workspace, configuration: configuration)
    } catch { return fail(error.message) }
    let shown = NoteFiles.relativePath(created.url.path, under: cwd.path) ?? created.url.path
    output.write(OutputText.visible(shown) + "\n")
    let previous = created.plan.previousURI.flatMap { URL(string: $0)?.lastPathComponent } ?? "-"
    output.writeError(
      "notes-lsp new: \(created.plan.date), after \(OutputText.visible(previous)), \(created.plan.carriedItems) open item(s) carried over\n"
    )
    output.flush()
    return ExitCode.clean
  }
}
