import Foundation
import NotesConfig
import NotesCore
import NotesJSON

/// The workspace the server answers from and everything that feeds or derives from it: the notes (`NotesWorkspace`,
/// whose `revision` moves on every change), the cross-meeting cache and the people directory keyed by it, the
/// configuration and the workspace folders, and what was read from disk. Loading and following the disk live in
/// `Server+Workspace.swift`; the open documents' texts live in the `DocumentStore` and are shared, not copied.
struct WorkspaceHost {
  var workspace = NotesWorkspace() {
    // NOTE: no `oldValue`, so a mutation does not copy the workspace.
    didSet { revision &+= 1 }
  }
  /// Bumped on every change of `workspace`: the cross-meeting cache checks the notes again only when it moved.
  private(set) var revision = 0
  /// Per-note data for references, rename and workspace symbols (see `CrossMeetingIndex`), keyed by `revision`.
  let crossIndex = CrossMeetingIndex()
  /// The people of the workspace for completion and hover (see `currentPeopleDirectory`).
  var people = PeopleState()
  /// The open items by owner of the note hovered last, at `revision` (see `HoverFeature.OpenItems`).
  var hoverItems: (uri: String, revision: Int, items: HoverFeature.OpenItems)?

  var configuration = NotesConfiguration()
  /// Which files belong to the workspace: `NoteMembership`, the policy `--check` walks by (rebuilt with the
  /// configuration and the workspace folders).
  var membership = NoteMembership(configuration: NotesConfiguration(), roots: [])
  /// The `file.*` findings of files read from disk (empty, binary, not UTF-8, too large, not regular), by URI.
  var fileFindings: [String: FileFindings] = [:]
  var editorSettings: JSONValue?
  /// `diagnosticsDelayMs` from the editor's settings, in seconds.
  var diagnosticsDelayOverride: Double?
  var roots: [URL] = []
  var indexState = NotesLanguageServer.IndexState.notStarted
  /// Modification stamps of files read from disk, to rescan only what changed.
  var diskStamps: [String: FileStamp] = [:]
  var loadedRosterNames: [String] = []
  var loadedRegistryNames: [(ProposalKind, String)] = []

  /// The people directory and when to build it again.
  struct PeopleState {
    var directory: PeopleDirectory?
    var generation = 0
    var rebuildScheduled = false
  }
}

// MARK: - Accessors by the names the loading code uses

extension NotesLanguageServer {
  var workspace: NotesWorkspace {
    get { host.workspace }
    _modify { yield &host.workspace }
  }
  var workspaceGeneration: Int { host.revision }
  var crossIndex: CrossMeetingIndex { host.crossIndex }
  var configuration: NotesConfiguration {
    get { host.configuration }
    _modify { yield &host.configuration }
  }
  var membership: NoteMembership {
    get { host.membership }
    _modify { yield &host.membership }
  }
  var fileFindings: [String: FileFindings] {
    get { host.fileFindings }
    _modify { yield &host.fileFindings }
  }
  var editorSettings: JSONValue? {
    get { host.editorSettings }
    _modify { yield &host.editorSettings }
  }
  var diagnosticsDelayOverride: Double? {
    get { host.diagnosticsDelayOverride }
    _modify { yield &host.diagnosticsDelayOverride }
  }
  var roots: [URL] {
    get { host.roots }
    _modify { yield &host.roots }
  }
  var indexState: IndexState {
    get { host.indexState }
    _modify { yield &host.indexState }
  }
  var diskStamps: [String: FileStamp] {
    get { host.diskStamps }
    _modify { yield &host.diskStamps }
  }
  var loadedRosterNames: [String] {
    get { host.loadedRosterNames }
    _modify { yield &host.loadedRosterNames }
  }
  var loadedRegistryNames: [(ProposalKind, String)] {
    get { host.loadedRegistryNames }
    _modify { yield &host.loadedRegistryNames }
  }
  var peopleDirectory: PeopleDirectory? {
    get { host.people.directory }
    _modify { yield &host.people.directory }
  }
  var peopleGeneration: Int {
    get { host.people.generation }
    _modify { yield &host.people.generation }
  }
  /// The URI each file path is held under (owned by the document store).
  var uriByPath: [String: String] {
    get { documents.uriByPath }
    _modify { yield &documents.uriByPath }
  }
  /// The open documents by URI (owned by the document store).
  var openDocuments: [String: DocumentStore.Document] { documents.documents }
}

// MARK: - Holding notes

extension NotesLanguageServer {
  /// Whether a text is beyond the configured size: such a document is held by the store but not parsed (see
  /// `tooLargeDiagnostic`).
  func isTooLarge(_ source: SourceText) -> Bool { source.bytes.count > options.maximumDocumentBytes }

  /// Parses and holds a note's text (sharing the caller's line table); forgets the people directory when who the
  /// note lists changed. A text beyond the configured size is not parsed, and the workspace forgets the note.
  func store(uri: String, source: SourceText, typing: Bool = false) {
    guard !isTooLarge(source) else {
      // NOTE: a document beyond the size limit gets `file.too-large` and nothing else: no parse, so no feature
      // (outline, hover, references…) can take time or memory in proportion to it.
      if workspace.summary(uri) != nil {
        workspace.remove(uri: uri)
        forgetPeople()
      }
      return
    }
    // NOTE: a note held by its text (closed until now) is not parsed again to compare: its summary's attendees are
    // what the people are built from.
    if !workspace.holdsParse(uri), let held = workspace.summary(uri) {
      let document = NoteParser.parse(uri: uri, source: source)
      workspace.update(document)
      if held.attendees != workspace.summary(uri)?.attendees { forgetPeople(whileTyping: typing) }
      return
    }
    let before = workspace.document(uri)?.attendees
    let document = NoteParser.parse(uri: uri, source: source)
    workspace.update(document)
    if before != document.attendees { forgetPeople(whileTyping: typing) }
  }

  /// `store(uri:source:)` for a text read from disk.
  func store(uri: String, text: String, typing: Bool = false) {
    store(uri: uri, source: SourceText(text), typing: typing)
  }

  // MARK: - People directory

  /// The people of the workspace for completion and hover, computed once: built here when there is none, else the
  /// current one, which lags behind an attendee row being typed until typing pauses.
  func currentPeopleDirectory() -> PeopleDirectory {
    if let directory = host.people.directory { return directory }
    let built = PeopleDirectory(workspace)
    host.people.directory = built
    return built
  }

  /// Builds the directory on the message loop shortly, after the messages already queued (first diagnostics come
  /// first), so the first completion after indexing does not wait for it.
  ///
  /// NOTE: the directory is built on the loop, never from a snapshot on another thread: a snapshot alive while the
  /// loop mutates the workspace makes the next keystroke copy every dictionary of a 10,000-note workspace.
  func prewarmPeople() {
    queue.asyncAfter(deadline: .now() + 0.05) { [self] in
      if host.people.directory == nil && phase == .running { host.people.directory = PeopleDirectory(workspace) }
    }
  }

  /// The people may have changed. While typing (an attendee row being edited), the current directory stays in use and
  /// a new one is built once typing has paused for a second, so no keystroke waits for it; otherwise it is dropped
  /// and built again right after the messages already queued.
  func forgetPeople(whileTyping: Bool = false) {
    host.people.generation += 1
    guard whileTyping, host.people.directory != nil else {
      host.people.directory = nil
      prewarmPeople()
      return
    }
    guard !host.people.rebuildScheduled else { return }
    host.people.rebuildScheduled = true
    let generation = host.people.generation
    queue.asyncAfter(deadline: .now() + 1.0) { [self] in
      host.people.rebuildScheduled = false
      guard host.people.directory != nil else { return }  // Dropped meanwhile: rebuilt on demand.
      if generation == host.people.generation {
        host.people.directory = PeopleDirectory(workspace)
      } else {
        forgetPeople(whileTyping: true)  // Still typing: wait for the next pause.
      }
    }
  }
}
