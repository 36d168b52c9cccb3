import Foundation
import NotesConfig
import NotesCore

/// The cross-meeting commands of the command line: `notes-lsp new [--date YYYY-MM-DD] [FOLDER]` and
/// `notes-lsp --check --fix [PATH…]`. `main.swift` hands them the arguments first; anything else is left to
/// `NotesCommandLine`.
public enum CrossMeetingCommandLine {
  /// Runs `new` or `--check --fix` when the arguments ask for one of them, returning the exit code; nil otherwise.
  public static func run(_ arguments: [String], currentDirectory: String, output: CheckOutput) -> Int32? {
    if arguments.first == "new" {
      return NewMeetingCommand.run(Array(arguments.dropFirst()), currentDirectory: currentDirectory, output: output)
    }
    if arguments.prefix(while: { $0 != "--" }).contains("--fix") {
      return FixCommand.run(arguments, currentDirectory: currentDirectory, output: output)
    }
    return nil
  }
}

/// `notes-lsp new [--date YYYY-MM-DD] [--config FILE | --no-config] [FOLDER]`: writes the next note of the series in
/// FOLDER (default: the current folder; a folder holding several series' folders picks the one with the latest
/// meeting) and prints its path. Never overwrites a file.
public enum NewMeetingCommand {
  public static let usage = "usage: notes-lsp new [--date YYYY-MM-DD] [--config FILE | --no-config] [FOLDER]"

  public static func run(_ arguments: [String], currentDirectory: String, output: CheckOutput) -> Int32 {
    var date: MeetingDate?
    var folderArgument: String?
    var configFile: String?
    var noConfig = false
    var index = 0
    func fail(_ message: String) -> Int32 {
      output.writeError("notes-lsp new: \(message)\n\(usage)\n")
      output.flush()
      return ExitCode.error
    }
    while index < arguments.count {
      let argument = arguments[index]
      var flag = argument
      var inline: String?
      if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
        flag = String(argument[..<equals])
        inline = String(argument[argument.index(after: equals)...])
      }
      switch flag {
      case "-h", "--help":
        output.write(usage + "\n")
        output.flush()
        return ExitCode.clean
      case "--date", "--config":
        var value = inline
        if value == nil {
          index += 1
          value = index < arguments.count ? arguments[index] : nil
        }
        guard let value else { return fail("\(flag) needs a value") }
        if flag == "--config" {
          configFile = value
        } else {
          guard let parsed = CalendarMath.parse(value) else { return fail("--date must be YYYY-MM-DD, not '\(value)'") }
          date = parsed
        }
      case "--no-config":
        noConfig = true
      default:
        if argument.hasPrefix("-") && argument != "-" { return fail("unknown option '\(argument)'") }
        if folderArgument != nil { return fail("one FOLDER only") }
        folderArgument = argument
      }
      index += 1
    }
    let cwd = URL(fileURLWithPath: currentDirectory, isDirectory: true).standardizedFileURL
    let folderPath = folderArgument ?? "."
    let folder =
      (folderPath.hasPrefix("/")
      ? URL(fileURLWithPath: folderPath, isDirectory: true)
      : cwd.appendingPathComponent(folderPath, isDirectory: true)).standardizedFileURL
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      return fail("\(folderPath) is not a folder")
    }

    var configuration = NotesConfiguration()
    do {
      if let configFile {
        let url = configFile.hasPrefix("/") ? URL(fileURLWithPath: configFile) : cwd.appendingPathComponent(configFile)
        configuration = try NotesConfiguration.load(from: url.standardizedFileURL)
      } else if !noConfig, let found = NotesConfiguration.find(from: folder) {
        configuration = try NotesConfiguration.load(from: found)
      }
    } catch {
      output.writeError("notes-lsp: configuration error: \(error)\n")
      output.flush()
      return ExitCode.error
    }
    var workspace = NotesWorkspace(settings: configuration.settings)
    do { try configuration.apply(to: &workspace) } catch { return fail("cannot read \(error.path): \(error.reason)") }
    for url in NoteFiles.discovery(roots: [folder], configuration: configuration).files {
      guard let decoded = try? NoteFiles.read(url), !decoded.issues.contains(.binary) else { continue }
      workspace.update(uri: CheckEngine.uri(of: url), text: decoded.text)
    }
    // The series: the folder's own notes, else the subfolder with the latest meeting.
    var seriesFolder = CheckEngine.uri(of: folder)
    if !seriesFolder.hasSuffix("/") { seriesFolder += "/" }
    let summaries = workspace.uris.compactMap { workspace.summary($0) }.filter { $0.isMeetingNote && $0.date != nil }
    if !summaries.contains(where: { $0.folder == seriesFolder }) {
      guard let latest = summaries.max(by: { ($0.date!, $0.uri) < ($1.date!, $1.uri) }) else {
        return fail("no dated meeting notes in \(folderPath)")
      }
      seriesFolder = latest.folder
    }
    var template: String?
    if let url = configuration.template {
      do { template = try NoteFiles.read(url).text } catch { return fail("template: \(error.description)") }
    }
    if let existing = NewMeeting.existingNote(folder: seriesFolder, workspace: workspace, date: date) {
      let name = URL(string: existing)?.lastPathComponent ?? existing
      return fail("a note for that date already exists in the series (\(name)); nothing was written")
    }
    guard let plan = NewMeeting.plan(folder: seriesFolder, workspace: workspace, date: date, template: template),
      let target = URL(string: seriesFolder)?.appendingPathComponent(plan.fileName)
    else { return fail("no dated meeting note to follow in \(folderPath)") }
    if FileManager.default.fileExists(atPath: target.path) {
      return fail("\(target.path) already exists; it was left as it is")
    }
    do { try NoteFiles.writeAtomically(plan.text, to: target) } catch {
      return fail("cannot write \(error.path): \(error.reason)")
    }
    let shown = NoteFiles.relativePath(target.standardizedFileURL.path, under: cwd.path) ?? target.path
    output.write(shown + "\n")
    let previous = plan.previousURI.flatMap { URL(string: $0)?.lastPathComponent } ?? "-"
    output.writeError(
      "notes-lsp new: \(plan.date), after \(previous), \(plan.carriedItems) open item(s) carried over\n")
    output.flush()
    return ExitCode.clean
  }
}
