// The values the editor features return. Plain core values: ranges are UTF-8 offsets into the note the request was
// made on (or into the note named by `uri`); a front end converts them once.

// MARK: - Completion

/// What a completion candidate names.
public enum CompletionCandidateKind: Hashable, Sendable {
  case initials
  case handle
  case proposal
}

/// One completion candidate.
public struct CompletionCandidate: Hashable, Sendable {
  public var label: String
  /// The text that replaces `CompletionResult.replaceRange`.
  public var insertText: String
  public var kind: CompletionCandidateKind
  /// One line: the person's name, affiliation and handle, or a proposal's title and status.
  public var detail: String
  /// Markdown shown beside the list.
  public var documentation: String
  /// Candidates sort by this key (already in order; the key keeps the order in clients that re-sort).
  public var sortKey: String

  public init(
    label: String, insertText: String, kind: CompletionCandidateKind, detail: String, documentation: String,
    sortKey: String
  ) {
    self.label = label
    self.insertText = insertText
    self.kind = kind
    self.detail = detail
    self.documentation = documentation
    self.sortKey = sortKey
  }
}

/// Completion at a cursor: the typed prefix to replace and the candidates, best first.
public struct CompletionResult: Hashable, Sendable {
  public var replaceRange: TextRange
  public var candidates: [CompletionCandidate]

  public init(replaceRange: TextRange, candidates: [CompletionCandidate]) {
    self.replaceRange = replaceRange
    self.candidates = candidates
  }
}

// MARK: - Hover

/// A hover card: Markdown and the range of the thing hovered.
public struct HoverCard: Hashable, Sendable {
  public var range: TextRange
  public var markdown: String

  public init(range: TextRange, markdown: String) {
    self.range = range
    self.markdown = markdown
  }
}

// MARK: - Definition and links

/// Where a definition or a link leads.
public enum NoteTarget: Hashable, Sendable {
  /// A range in a note the workspace holds.
  case note(uri: String, range: TextRange)
  /// A whole 0-based line of a file the workspace does not hold as a note (a roster).
  case line(uri: String, line: Int)
}

/// A link in a note to another note.
public struct NoteLink: Hashable, Sendable {
  public var range: TextRange
  public var targetURI: String

  public init(range: TextRange, targetURI: String) {
    self.range = range
    self.targetURI = targetURI
  }
}

// MARK: - Outline

public enum OutlineSymbolKind: Hashable, Sendable {
  case section
  case attendees
  case actionItem
}

/// A node of the document outline: a section with its subsections and action items.
public struct OutlineSymbol: Hashable, Sendable {
  public var name: String
  public var detail: String?
  public var kind: OutlineSymbolKind
  public var range: TextRange
  public var selectionRange: TextRange
  public var children: [OutlineSymbol]

  public init(
    name: String, detail: String?, kind: OutlineSymbolKind, range: TextRange, selectionRange: TextRange,
    children: [OutlineSymbol]
  ) {
    self.name = name
    self.detail = detail
    self.kind = kind
    self.range = range
    self.selectionRange = selectionRange
    self.children = children
  }
}

public enum FoldKind: Hashable, Sendable {
  case section
  case list
  case frontMatter
}

/// A foldable region, from the line of `range.utf8Start` to the line holding the last byte of `range`.
public struct FoldRegion: Hashable, Sendable {
  public var range: TextRange
  public var kind: FoldKind

  public init(range: TextRange, kind: FoldKind) {
    self.range = range
    self.kind = kind
  }
}

