/// An inlay hint: a label shown at a point of the text.
public struct NoteInlayHint: Hashable, Sendable {
  /// Where the label is shown (a UTF-8 offset).
  public var position: Int
  public var label: String
  /// Markdown shown on hover over the label.
  public var tooltip: String

  public init(position: Int, label: String, tooltip: String) {
    self.position = position
    self.label = label
    self.tooltip = tooltip
  }
}

/// A code lens: a line of text above a range.
public struct NoteCodeLens: Hashable, Sendable {
  public var range: TextRange
  public var title: String
  /// Where the lens leads (the previous note), if anywhere.
  public var target: NoteLocation?

  public init(range: TextRange, title: String, target: NoteLocation?) {
    self.range = range
    self.title = title
    self.target = target
  }
}

/// Inlay hints (the full name after initials) and code lenses (what the previous meeting left open).
public enum InlineHints {
  /// The full name after each owner's or speaker's initials in `range` that name exactly one known person; nothing
  /// unless the `inlayHints` setting is on.
  ///
  /// NOTE: attendee rows already show the name next to the initials, so they get no hint.
  public static func inlayHints(in document: NoteDocument, range: TextRange, workspace: NotesWorkspace)
    -> [NoteInlayHint]
  {
    guard workspace.settings.inlayHints else { return [] }
    var resolver = PersonResolver(workspace: workspace, document: document)
    var result: [NoteInlayHint] = []
    var seen = Set<Int>()
    var mentions = document.mentions.filter { $0.kind == .initials && $0.role != .attendee(.initials) }
    for item in document.items where item.range.utf8End >= range.utf8Start && item.range.utf8Start <= range.utf8End {
      for owner in item.owners where owner.kind == .initials {
        mentions.append(PersonMention(kind: owner.kind, role: .owner, text: owner.text, range: owner.range))
      }
    }
    for mention in mentions.sorted(by: { $0.range < $1.range }) {
      guard mention.range.utf8Start >= range.utf8Start, mention.range.utf8End <= range.utf8End,
        !seen.contains(mention.range.utf8End)
      else { continue }
      if case .attendee = mention.role { continue }
      guard let id = resolver.resolve(mention).person, let person = workspace.person(id), let name = person.names.first
      else { continue }
      seen.insert(mention.range.utf8End)
      var tooltip = "**\(name)**"
      if let handle = person.handles.first { tooltip += " · @\(handle)" }
      if let affiliation = person.affiliations.first { tooltip += " · \(affiliation)" }
      result.append(NoteInlayHint(position: mention.range.utf8End, label: name, tooltip: tooltip))
    }
    return result
  }

  /// A lens on each outermost carry-over section: `5 open items from 2024-06-12`, and how many of them this note
  /// dropped.
  ///
  /// NOTE: across a gap (meetings missing, see `SeriesRules`) the lens names the preceding note and says its items
  /// are not compared, rather than counting items against a meeting that is not the previous one.
  public static func codeLenses(in document: NoteDocument, workspace: NotesWorkspace) -> [NoteCodeLens] {
    guard document.isMeetingNote, let step = workspace.precedingMeeting(of: document),
      let previous = workspace.summary(step.uri)
    else { return [] }
    let previousURI = step.uri
    let when = previous.date.map(\.description) ?? previous.fileName
    var title: String
    if let gap = step.gap {
      switch gap {
      case .namedMeeting(let date):
        title = "Previous meeting \(date) is not in this folder: items of \(when) not compared"
      case .interval(let days, _):
        title = "Preceding note \(when) is \(days) days back (meetings missing): items not compared"
      }
    } else {
      let open = Set(previous.openItems.map(\.normalizedText).filter { !$0.isEmpty }).count
      title = open == 1 ? "1 open item from \(when)" : "\(open) open items from \(when)"
      let dropped = CarryOverCheck.droppedItems(in: document, workspace: workspace).count
      if dropped > 0 { title += " · \(dropped) not carried over" }
    }
    let target = NoteLocation(uri: previousURI, range: TextRange(utf8Start: 0, utf8End: 0))
    var result: [NoteCodeLens] = []
    for section in document.sections where section.kind == .carryOver {
      if let parent = section.parent, document.sectionKind(ofSection: parent) == .carryOver { continue }
      result.append(NoteCodeLens(range: section.headingRange, title: title, target: target))
    }
    return result
  }
}
