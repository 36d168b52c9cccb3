import Foundation
import NotesConfig
import NotesCore

/// `notes-lsp --check`: finds the files, runs the core over them in two passes and prints what it finds.
///
/// Pass 1 reads and parses every file of the workspace once (on every core) and `index`es its summary into one
/// `NotesWorkspace` (people, dates, series, open items); it keeps the parsed notes of the files to report on and
/// nothing of the others. Pass 2 asks the workspace for the diagnostics of each reported note, printing them file by
/// file. No file is parsed twice. Loading is `NoteSource`'s, shared with the server, so both give the same findings.
public struct CheckEngine: Sendable {
  public var configuration: NotesConfiguration
  /// The folder paths are printed relative to.
  public var currentDirectory: String
  /// The severity at or above which findings fail the run (exit 1).
  public var failOn: Severity
  /// Findings below it are counted but not printed (`--min-severity`).
  public var minSeverity: Severity?
  /// Print a per-code table instead of each finding (`--statistics`).
  public var statistics = false
  /// Findings recorded here are neither printed nor counted (`--baseline`).
  public var baseline: Baseline?
  /// Record the findings here instead of reporting them (`--write-baseline`).
  public var writeBaseline: URL?
  /// How many files are read and parsed at once (default: one per core).
  public var concurrency = ProcessInfo.processInfo.activeProcessorCount

  public init(configuration: NotesConfiguration, currentDirectory: String, failOn: Severity? = nil) {
    self.configuration = configuration
    self.currentDirectory = URL(fileURLWithPath: currentDirectory).standardizedFileURL.path
    self.failOn = failOn ?? configuration.settings.failOn
  }

  // MARK: - Running from the command line

  /// A command-line path as an absolute, standardized URL.
  static func url(_ path: String, cwd: URL) -> URL {
    (path.hasPrefix("/") ? URL(fileURLWithPath: path) : cwd.appendingPathComponent(path)).standardizedFileURL
  }

  /// The paths `--check` was given (default: the current folder).
  static func roots(_ options: CheckOptions, cwd: URL) -> [URL] {
    (options.paths.isEmpty ? ["."] : options.paths).map { url($0, cwd: cwd) }
  }

  static func configurationRequest(_ options: CheckOptions, cwd: URL) -> NoteSource.ConfigurationRequest {
    NoteSource.ConfigurationRequest(
      file: options.configFile.map { url($0, cwd: cwd) }, noConfig: options.noConfig,
      rosters: options.rosters.map { url($0, cwd: cwd) },
      cfepRegistries: options.cfepRegistries.map { url($0, cwd: cwd) },
      cepRegistries: options.cepRegistries.map { url($0, cwd: cwd) })
  }

  /// The workspace a command line names: its configuration, the reference files it names, every file of the
  /// workspace the named paths belong to (in path order) and which of them were named.
  struct NamedWorkspace {
    var configuration: NotesConfiguration
    /// Rosters and registries loaded, settings applied; no notes yet.
    var workspace: NotesWorkspace
    var files: [URL]
    /// The paths of the files named (directly or inside a named folder).
    var named: Set<String>
    /// Named paths that could not be found or read.
    var problems: [(path: String, reason: String)]
  }

  /// The one way a command line's paths become a workspace, for `--check` and the views (`items`, `people`,
  /// `report`): the configuration for the paths, its references, the workspace roots, membership and discovery.
  static func namedWorkspace(paths: [URL], request: NoteSource.ConfigurationRequest) throws(ConfigurationError)
    -> NamedWorkspace
  {
    let configuration = try NoteSource.configuration(for: paths, request: request)
    var workspace = NotesWorkspace()
    try NoteSource.loadReferences(configuration, into: &workspace)
    // NOTE: named files and folders are checked against the workspace they belong to (people, series, carry-over),
    // and only they are reported: `--check note.md` gives that note the findings `--check its-folder/` gives it.
    let workspaceRoots = NoteSource.workspaceRoots(for: paths, configuration: configuration)
    let membership = NoteMembership(configuration: configuration, roots: workspaceRoots)
    let named = membership.discovery(of: paths)
    let namedPaths = Set(named.files.map(\.path))
    var files = named.files.map { ($0.path, $0) }
    // `--check folder/` (the usual run) names the workspace root itself: its files are found once, not twice.
    let sameRoots =
      Set(paths.map { $0.standardizedFileURL.path }) == Set(workspaceRoots.map { $0.standardizedFileURL.path })
    if !sameRoots {
      for url in membership.discovery(of: workspaceRoots).files where !namedPaths.contains(url.path) {
        files.append((url.path, url))
      }
      files.sort { NoteFiles.utf8Precedes($0.0, $1.0) }
    }
    return NamedWorkspace(
      configuration: configuration, workspace: workspace, files: files.map(\.1), named: namedPaths,
      problems: named.problems.map { ($0.path, $0.reason) })
  }

  /// Runs `--check` as the command line asked: configuration, the named paths' workspace, both passes, output.
  /// Returns the exit code.
  public static func run(_ options: CheckOptions, currentDirectory: String, output: CheckOutput) -> Int32 {
    let cwd = URL(fileURLWithPath: currentDirectory).standardizedFileURL
    let named: NamedWorkspace
    do {
      named = try namedWorkspace(paths: roots(options, cwd: cwd), request: configurationRequest(options, cwd: cwd))
    } catch {
      reportConfigurationError(error, format: options.format, currentDirectory: cwd.path, output: output)
      return ExitCode.error
    }
    let configuration = named.configuration
    var engine = CheckEngine(configuration: configuration, currentDirectory: cwd.path, failOn: options.failOn)
    engine.minSeverity = options.minSeverity
    engine.statistics = options.statistics
    if let file = options.writeBaseline {
      engine.writeBaseline = url(file, cwd: cwd)
    } else if let file = options.baseline.map({ url($0, cwd: cwd) }) ?? configuration.baseline {
      do { engine.baseline = try Baseline.load(file) } catch {
        output.writeError(
          "notes-lsp: baseline \(OutputText.visible(engine.displayPath(error.path))): \(OutputText.visible(error.reason))"
            + (error.kind == .io ? "; create it with --write-baseline FILE" : "") + "\n")
        output.flush()
        return ExitCode.error
      }
    }
    let problems = named.problems.map { CheckProblem(path: engine.displayPath($0.path), message: $0.reason) }
    let result = engine.check(
      files: named.files, reportOn: named.named, workspace: named.workspace, format: options.format, output: output,
      problems: problems)
    return result.exitCode
  }

  static func reportConfigurationError(
    _ error: ConfigurationError, format: OutputFormat, currentDirectory: String, output: CheckOutput
  ) {
    var shown = error
    shown.file = CheckEngine.displayPath(error.file, currentDirectory: currentDirectory)
    output.writeError("notes-lsp: configuration error: \(OutputText.visible(shown.description))\n")
    if format == .github {
      var properties = "file=\(GitHubReporter.escapeProperty(shown.file))"
      if shown.line > 0 { properties += ",line=\(shown.line),col=\(shown.column)" }
      output.write("::error \(properties),title=notes-lsp configuration::\(GitHubReporter.escapeData(shown.reason))\n")
      output.flush()
    }
  }

  // MARK: - Checking

  /// What a run found.
  public struct Result: Sendable {
    public var summary: CheckSummary
    public var problems: [CheckProblem]
    public var exitCode: Int32
  }

  /// Checks `files` (in the order given) against `workspace` (rosters and registries already loaded), writing
  /// `format` to `output`. All of `files` are indexed; only those in `reportOn` (all when nil) are reported.
  /// `problems` found earlier (missing paths) are reported with the others.
  public func check(
    files: [URL], reportOn: Set<String>? = nil, workspace initial: NotesWorkspace, format: OutputFormat,
    output: CheckOutput, problems initialProblems: [CheckProblem] = []
  ) -> Result {
    var workspace = initial
    workspace.settings = configuration.settings
    var problems = initialProblems
    // NOTE: files are read and parsed on every core, a chunk at a time; indexing and printing stay sequential and in
    // file order, so output is deterministic.
    let chunkSize = max(1, concurrency) * 16

    // Pass 1: read, parse and index every note once; keep the parsed files to report on.
    var reported = index(files, reportOn: reportOn, into: &workspace, problems: &problems)

    // Pass 2: diagnostics, file by file.
    var reporter = makeReporter(
      format, currentDirectory: currentDirectory, annotateFrom: minSeverity ?? failOn)
    var summary = CheckSummary()
    var recorded = Set<Baseline.Entry>()
    var matched = Set<Baseline.Entry>()
    let baselineFolder =
      writeBaseline?.deletingLastPathComponent().standardizedFileURL.path ?? baseline?.folder ?? currentDirectory
    let keyed = Baseline(folder: baselineFolder)
    let printsFindings = writeBaseline == nil && !(statistics && format == .text)
    reporter.begin(output: output)
    let snapshot = workspace
    var start = 0
    while start < reported.count {
      let end = min(reported.count, start + chunkSize)
      let chunk = Array(reported[start..<end])
      for i in start..<end { reported[i].1 = .fileOnly([], SourceText(""), bytes: 0) }  // released after use
      let engine = self
      let reports = inParallel(chunk.count) { i in engine.report(chunk[i].0, loaded: chunk[i].1, workspace: snapshot) }
      for (i, report) in reports.enumerated() {
        summary.files += 1
        summary.bytes += report.bytes
        if report.isMeetingNote { summary.notes += 1 }
        var findings = report.findings
        if writeBaseline != nil || baseline != nil {
          let entries = Baseline.entries(of: findings, path: keyed.path(of: chunk[i].0.path))
          if writeBaseline != nil {
            recorded.formUnion(entries)
          } else if let baseline {
            var kept: [Finding] = []
            for (finding, entry) in zip(findings, entries) {
              if baseline.entries.contains(entry) {
                matched.insert(entry)
                summary.baselined += 1
              } else {
                kept.append(finding)
              }
            }
            findings = kept
          }
        }
        for f in findings {
          summary.count(f.severity)
          summary.byCode[f.code, default: 0] += 1
        }
        if let minSeverity {
          let shown = findings.filter { $0.severity >= minSeverity }
          summary.hidden += findings.count - shown.count
          findings = shown
        }
        if printsFindings { reporter.file(findings, output: output) }
        output.flush()
      }
      start = end
    }
    summary.problems = problems.count
    for problem in problems {
      output.writeError("notes-lsp: \(OutputText.visible(problem.path)): \(OutputText.visible(problem.message))\n")
    }
    if let baseline {
      // Recorded findings of the files checked now that were not found: fixed, so the baseline can be refreshed.
      let checked = Set(reported.map { baseline.path(of: $0.0.path) })
      let fixed = baseline.entries.subtracting(matched).filter { checked.contains($0.path) }.sorted()
      summary.fixed = fixed.count
      for entry in fixed {
        let line = "\(entry.path): fixed: \(entry.text) [\(entry.code)]\n"
        if format == .text {
          output.write(OutputText.visible(line))
        } else {
          output.writeError(OutputText.visible(line))
        }
      }
    }
    if let writeBaseline {
      var all = recorded
      // Entries of files not checked this time (pre-commit passes some files) are kept.
      if let existing = try? Baseline.load(writeBaseline) {
        let checked = Set(reported.map { keyed.path(of: $0.0.path) })
        all.formUnion(existing.entries.filter { !checked.contains($0.path) })
      }
      do {
        try Baseline(folder: baselineFolder, entries: all).write(to: writeBaseline)
        output.writeError(
          "notes-lsp: wrote \(all.count) finding(s) to \(OutputText.visible(displayPath(writeBaseline.path)))\n")
      } catch {
        problems.append(CheckProblem(path: displayPath(error.path), message: error.reason))
        output.writeError("notes-lsp: \(OutputText.visible(error.description))\n")
      }
    }
    if statistics {
      if format == .text { output.write(summary.statisticsTable) } else { output.writeError(summary.statisticsTable) }
    }
    reporter.finish(summary: summary, problems: problems, output: output)
    if format == .text, !statistics, writeBaseline == nil, let line = summary.noisiestLine { output.write(line + "\n") }
    output.flush()
    let exitCode: Int32 =
      !problems.isEmpty
      ? ExitCode.error
      : writeBaseline != nil
        ? ExitCode.clean
        : summary.count(atOrAbove: failOn) > 0 ? ExitCode.findings : ExitCode.clean
    return Result(summary: summary, problems: problems, exitCode: exitCode)
  }

  /// Pass 1: reads, parses and indexes every file of `files` into `workspace` once (on every core) and returns the
  /// loaded files in `reportOn` (all when nil); files that cannot be read among them go to `problems`. With
  /// `holdingNotes`, the workspace holds every parsed note (the views read their lines); else only summaries.
  func index(
    _ files: [URL], reportOn: Set<String>?, into workspace: inout NotesWorkspace, problems: inout [CheckProblem],
    holdingNotes: Bool = false
  ) -> [(URL, LoadedFile)] {
    let chunkSize = max(1, concurrency) * 16
    // NOTE: the summaries are made with the parse, on every core, and the next chunk is read and parsed while this
    // one is indexed (in file order, on this thread), so indexing does not leave the other cores idle.
    var reported: [(URL, LoadedFile)] = []
    let settings = workspace.settings
    let registries = Set([ProposalKind.cfep, .cep].filter(workspace.hasRegistry))
    let engine = self
    let chunks = stride(from: 0, to: files.count, by: chunkSize).map {
      Array(files[$0..<min(files.count, $0 + chunkSize)])
    }
    let loadChunk: @Sendable ([URL]) -> [(LoadedFile, NoteSummary?)] = { chunk in
      engine.inParallel(chunk.count) { i in
        let item = NoteSource.load(chunk[i], settings: settings)
        guard case .note(var document, var decoded, let bytes) = item else { return (item, nil) }
        let summary = NoteSummary(document)
        // NOTE: pass 2 needs the note and the decoding issues, not a second copy of the text, nor the person mentions
        // (hover, references and rename read them; no rule does), nor proposal references of a kind no registry lists
        // (`cfep.*` checks only those).
        decoded.text = ""
        if !holdingNotes {
          document.mentions = []
          document.proposalReferences = document.proposalReferences.filter { registries.contains($0.kind) }
        }
        return (.note(document, decoded, bytes: bytes), summary)
      }
    }
    var pending = chunks.isEmpty ? nil : PendingChunk(chunks[0], loadChunk)
    for (k, chunk) in chunks.enumerated() {
      guard let current = pending?.wait() else { break }
      // NOTE: only the settings go to the parallel reads: a copy of the workspace alive while `index` mutates it
      // would make every chunk copy the whole index.
      pending = k + 1 < chunks.count ? PendingChunk(chunks[k + 1], loadChunk) : nil
      for (i, (item, summary)) in current.enumerated() {
        if let summary {
          if holdingNotes, let document = item.document {
            workspace.update(document, summary: summary)
          } else {
            workspace.index(summary: summary)
          }
        }
        let isReported = reportOn?.contains(chunk[i].path) ?? true
        guard isReported else { continue }
        if case .unreadable(let error) = item {
          problems.append(CheckProblem(path: displayPath(chunk[i].path), message: error.reason))
        } else {
          reported.append((chunk[i], item))
        }
      }
    }

    return reported
  }

  /// What pass 2 found in one file.
  struct FileReport: Sendable {
    var findings: [Finding] = []
    var isMeetingNote = false
    var bytes = 0
  }

  func report(_ url: URL, loaded: LoadedFile, workspace: NotesWorkspace) -> FileReport {
    let path = displayPath(url.path)
    var report = FileReport()
    let diagnostics: [Diagnostic]
    let source: SourceText
    var date: MeetingDate?
    switch loaded {
    case .unreadable:
      return report
    case .fileOnly(let fileDiagnostics, let fileSource, let bytes):
      source = fileSource
      diagnostics = fileDiagnostics
      report.bytes = bytes
    case .note(let document, let decoded, let bytes):
      source = document.source
      diagnostics = workspace.diagnostics(for: document, decoded: decoded)
      report.isMeetingNote = document.isMeetingNote
      report.bytes = bytes
      date = document.meetingDate
    }
    report.findings = diagnostics.map { finding($0, path: path, source: source, date: date) }
    report.findings.sort { ($0.line, $0.column, $0.code.rawValue) < ($1.line, $1.column, $1.code.rawValue) }
    return report
  }

  /// `body(0..<count)` on every core; results in index order.
  func inParallel<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
    if concurrency <= 1 || count <= 1 { return (0..<count).map(body) }
    let buffer = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
    buffer.initialize(repeating: nil)
    defer {
      _ = buffer.deinitialize()
      buffer.deallocate()
    }
    nonisolated(unsafe) let slots = buffer
    DispatchQueue.concurrentPerform(iterations: count) { i in slots[i] = body(i) }
    return buffer.compactMap { $0 }
  }

  /// A chunk being read and parsed on other threads while the caller goes on.
  final class PendingChunk: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: [(LoadedFile, NoteSummary?)] = []

    init(_ chunk: [URL], _ load: @escaping @Sendable ([URL]) -> [(LoadedFile, NoteSummary?)]) {
      group.enter()
      DispatchQueue.global().async {
        self.result = load(chunk)
        self.group.leave()
      }
    }

    /// The chunk's files, loaded (waits for them).
    func wait() -> [(LoadedFile, NoteSummary?)] {
      group.wait()
      return result
    }
  }

  // MARK: - One file

  func finding(_ diagnostic: Diagnostic, path: String, source: SourceText, date: MeetingDate? = nil) -> Finding {
    let start = source.oneBasedLineColumn(ofUTF8Offset: diagnostic.range.utf8Start)
    let end = source.oneBasedLineColumn(ofUTF8Offset: diagnostic.range.utf8End)
    let line =
      source.bytes.isEmpty ? "" : source.lineText(source.line(containingUTF8Offset: diagnostic.range.utf8Start))
    var finding = Finding(
      path: path, code: diagnostic.code, severity: diagnostic.severity, message: diagnostic.message, line: start.line,
      column: start.column, endLine: end.line, endColumn: end.column, lineText: Baseline.normalise(line),
      noteDate: date)
    finding.related = diagnostic.related.map { related in
      let file = URL(string: related.uri).map(\.path) ?? related.uri
      return FindingLocation(path: displayPath(file), line: related.line + 1, message: related.message)
    }
    return finding
  }

  // MARK: - Paths

  /// `path` relative to the current folder when it lies under it, else as given.
  public func displayPath(_ path: String) -> String {
    CheckEngine.displayPath(path, currentDirectory: currentDirectory)
  }

  /// NOTE: paths print relative to the current folder, with `../` when the file is beside it (`../notes/x.md`),
  /// so that they stay short and clickable; only when the two share nothing but `/` is the path absolute.
  static func displayPath(_ path: String, currentDirectory: String) -> String {
    // Paths from discovery are already absolute and standardized: build a URL only for the others.
    let isClean =
      path.hasPrefix("/")
      && !(ASCIISearch.contains(path, anyOf: ["/.", "//"]) ?? (path.contains("/.") || path.contains("//")))
    let standardized = isClean ? path : URL(fileURLWithPath: path).standardizedFileURL.path
    if let relative = NoteFiles.relativePath(standardized, under: currentDirectory), !relative.isEmpty {
      return relative
    }
    let target = standardized.split(separator: "/", omittingEmptySubsequences: true)
    let base = currentDirectory.split(separator: "/", omittingEmptySubsequences: true)
    var common = 0
    while common < target.count && common < base.count && target[common] == base[common] { common += 1 }
    guard common > 0 else { return standardized }
    let ups = Array(repeating: "..", count: base.count - common)
    return (ups + target[common...].map(String.init)).joined(separator: "/")
  }
}
