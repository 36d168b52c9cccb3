import Foundation
import NotesConfig
import NotesCore

/// `notes-lsp report --html FILE`: one self-contained page with attendance, open items and the checker's findings.
enum ReportCommand {
  static func run(
    html file: String, workspace workspaceOptions: ViewsWorkspace.Options, currentDirectory: String,
    output: CheckOutput
  ) -> Int32 {
    guard let loaded = ViewsWorkspace.load(workspaceOptions, currentDirectory: currentDirectory, output: output) else {
      return ExitCode.error
    }
    let report = data(loaded, title: workspaceOptions.paths.first ?? ".")
    let page = HTMLReport.render(report)
    let cwd = URL(fileURLWithPath: currentDirectory).standardizedFileURL
    let target = (file.hasPrefix("/") ? URL(fileURLWithPath: file) : cwd.appendingPathComponent(file))
      .standardizedFileURL
    do {
      try NoteFiles.writeAtomically(page, to: target)
    } catch {
      output.writeError("notes-lsp report: cannot write \(error.path): \(error.reason)\n")
      return ExitCode.error
    }
    output.write(
      "\(loaded.engine.displayPath(target.path)): \(report.notes) notes, \(report.overview.people.count) people, "
        + "\(report.openItems.count) open items (\(report.openItems.filter(\.isStale).count) stale), "
        + "\(report.findings.reduce(0) { $0 + $1.findings.count }) findings\n")
    output.flush()
    return loaded.reportProblems(to: output) ? ExitCode.error : ExitCode.clean
  }

  /// Everything the page shows, computed from the loaded workspace.
  static func data(_ loaded: ViewsWorkspace, title: String) -> HTMLReport.Data {
    let workspace = loaded.workspace
    let histories = OpenItemsQuery.histories(in: workspace)
    let overview = PeopleQuery.overview(in: workspace, items: histories)
    let engine = loaded.engine
    let files = loaded.files
    let reports = engine.inParallel(files.count) { i in
      engine.report(files[i].url, loaded: files[i].loaded, workspace: workspace)
    }
    var findings: [HTMLReport.NoteFindings] = []
    var notes = 0
    for (file, report) in zip(files, reports) {
      if report.isMeetingNote { notes += 1 }
      findings.append(HTMLReport.NoteFindings(path: engine.displayPath(file.url.path), findings: report.findings))
    }
    let latest = workspace.uris.compactMap { workspace.summary($0)?.date }.max()
    return HTMLReport.Data(
      title: title, latestMeeting: latest, notes: notes, files: files.count,
      staleAfterMeetings: workspace.settings.staleAfterMeetings,
      charts: PeopleQuery.attendance(in: workspace), overview: overview,
      // NOTE: the named notes' open items, as `items` lists them; attendance and people cover the whole workspace.
      openItems: OpenItemsQuery.select(histories, filter: OpenItemsFilter(notes: loaded.namedURIs)),
      ownerName: { id in workspace.person(id)?.displayName ?? "?" },
      location: { sighting in
        let path = loaded.displayPath(uri: sighting.uri)
        return sighting.line > 0 ? "\(path):\(sighting.line)" : path
      }, findings: findings)
  }
}
