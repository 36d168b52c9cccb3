/// Go to definition: previous meetings, people and CFEP/CEP documents.
public enum DefinitionFeature {
  /// Where what lies under `utf8Offset` is defined, best first; empty when nothing is.
  public static func definition(
    in workspace: NotesWorkspace, document: NoteDocument, at utf8Offset: Int, directory: PeopleDirectory? = nil
  ) -> [NoteTarget] {
    // A previous-meeting link or mention, even one pointing at HackMD or a placeholder: the previous note here.
    if document.previousMeetingLinks.contains(where: {
      $0.range.touches(utf8Offset) || ($0.target?.range.touches(utf8Offset) ?? false)
    }) {
      guard let previous = workspace.previousMeeting(of: document.uri) else { return [] }
      return [.note(uri: previous.uri, range: previous.title?.range ?? TextRange(utf8Start: 0, utf8End: 0))]
    }
    if let reference = document.proposalReferences.first(where: { $0.range.touches(utf8Offset) }) {
      return proposalDocuments(reference.kind, reference.number, in: workspace)
    }
    let source = PeopleSource(workspace: workspace, directory: directory)
    guard let found = PersonLookup.person(at: utf8Offset, in: document, workspace: source) else { return [] }
    return personTargets(found, document: document, workspace: source)
  }

  /// The attendee row defining the person in this note, else the most recent note listing them, else a roster line.
  static func personTargets(_ found: PersonAtCursor, document: NoteDocument, workspace: PeopleSource)
    -> [NoteTarget]
  {
    let entries = document.attendees?.entries ?? []
    // This note's own row: by the token itself, or by anyone the token means.
    let token = found.text.hasPrefix("@") ? String(found.text.dropFirst()) : found.text
    if let row = entries.first(where: { entry in
      entry.initials?.text.uppercased() == token.uppercased() || entry.github?.text.lowercased() == token.lowercased()
    }) {
      return [.note(uri: document.uri, range: row.range)]
    }
    var targets: [NoteTarget] = []
    for person in found.people {
      if let row = entries.first(where: { entry in
        !PersonLookup.people(for: entry, in: workspace).filter { $0.id == person.id }.isEmpty
      }) {
        targets.append(.note(uri: document.uri, range: row.range))
        continue
      }
      let latest = person.attendance.filter { $0.uri != document.uri }.max { a, b in
        switch (a.date, b.date) {
        case (let x?, let y?): return x < y
        case (nil, _?): return true
        default: return false
        }
      }
      if let latest {
        targets.append(.note(uri: latest.uri, range: latest.range))
      } else if let roster = person.rosterEntries.first {
        targets.append(.line(uri: roster.roster, line: roster.line))
      }
    }
    return targets
  }

  /// Documents named after the proposal (`cfep-05.md`, `cep-0017.md`) that the workspace holds.
  static func proposalDocuments(_ kind: ProposalKind, _ number: Int, in workspace: NotesWorkspace) -> [NoteTarget] {
    let names = ProposalLinks.fileNames(kind, number)
    return workspace.uris.filter { uri in
      guard let slash = uri.lastIndex(of: "/") else { return names.contains(uri.lowercased()) }
      return names.contains(uri[uri.index(after: slash)...].lowercased())
    }.map { .note(uri: $0, range: TextRange(utf8Start: 0, utf8End: 0)) }
  }
}

/// Document links: previous-meeting links whose target is a local note.
public enum DocumentLinkFeature {
  public static func links(in workspace: NotesWorkspace, document: NoteDocument) -> [NoteLink] {
    var links: [NoteLink] = []
    for link in document.previousMeetingLinks where !link.isPlaceholder {
      guard let target = link.target?.text, let uri = resolve(target, against: document.folder) else { continue }
      if workspace.document(uri) != nil {
        links.append(NoteLink(range: link.target?.range ?? link.range, targetURI: uri))
      }
    }
    return links
  }

  /// A relative link resolved against a folder URI (`file:///notes/`), or nil for absolute URLs and anchors.
  static func resolve(_ target: String, against folder: String) -> String? {
    var path = target
    if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
    guard !path.isEmpty, !path.contains("://"), !path.hasPrefix("mailto:") else { return nil }
    var components: [Substring]
    if path.hasPrefix("/") { return nil }  // Site-absolute paths name no file we can find.
    components = folder.split(separator: "/", omittingEmptySubsequences: false)
    if components.last == "" { components.removeLast() }
    for part in path.split(separator: "/") {
      if part == "." { continue }
      if part == ".." {
        if components.count > 3 { components.removeLast() }
        continue
      }
      components.append(part)
    }
    return components.joined(separator: "/").replacingSpaces
  }
}

extension String {
  fileprivate var replacingSpaces: String {
    var out = ""
    for ch in self { out += ch == " " ? "%20" : String(ch) }
    return out
  }
}

/// The outline: sections, with their subsections and action items as children.
public enum DocumentSymbolFeature {
  public static func symbols(in document: NoteDocument) -> [OutlineSymbol] {
    let sections = document.sections
    let items = document.items
    var sectionChildren = [[Int]](repeating: [], count: sections.count)
    var topSections: [Int] = []
    for (index, section) in sections.enumerated() {
      if let parent = section.parent, parent >= 0, parent < sections.count, parent != index {
        sectionChildren[parent].append(index)
      } else {
        topSections.append(index)
      }
    }
    var itemChildren = [[Int]](repeating: [], count: items.count)
    var sectionItems = [[Int]](repeating: [], count: sections.count)
    var topItems: [Int] = []
    for (index, item) in items.enumerated() where item.checkbox != nil {
      // Attach to the nearest ancestor that is itself a checkbox item.
      var parent = item.parent
      var guardCount = 0
      while let p = parent, p >= 0, p < items.count, items[p].checkbox == nil, guardCount < items.count {
        parent = items[p].parent
        guardCount += 1
      }
      if let p = parent, p >= 0, p < items.count, p != index, items[p].checkbox != nil {
        itemChildren[p].append(index)
      } else if let s = item.section, s >= 0, s < sections.count {
        sectionItems[s].append(index)
      } else {
        topItems.append(index)
      }
    }

    func itemSymbol(_ index: Int, depth: Int) -> OutlineSymbol {
      let item = items[index]
      let children = depth < 32 ? itemChildren[index].map { itemSymbol($0, depth: depth + 1) } : []
      var range = item.range
      for child in children {
        range = TextRange(utf8Start: range.utf8Start, utf8End: max(range.utf8End, child.range.utf8End))
      }
      let state: String
      switch item.checkbox?.state {
      case .done: state = "done"
      case .malformed: state = "malformed checkbox"
      default: state = "open"
      }
      let owners = item.owners.map(\.text).joined(separator: "/")
      var name = item.content.text
      if name.count > 80 { name = String(name.prefix(79)) + "…" }
      if name.isEmpty { name = "(empty item)" }
      return OutlineSymbol(
        name: name, detail: owners.isEmpty ? state : "\(state) · \(owners)", kind: .actionItem, range: range,
        selectionRange: item.range, children: children)
    }

    func sectionSymbol(_ index: Int, depth: Int) -> OutlineSymbol {
      let section = sections[index]
      var children: [OutlineSymbol] = []
      if depth < 32 {
        children =
          sectionItems[index].map { itemSymbol($0, depth: 0) }
          + sectionChildren[index].map { sectionSymbol($0, depth: depth + 1) }
        children.sort { $0.range.utf8Start < $1.range.utf8Start }
      }
      var range = section.range
      for child in children {
        range = TextRange(
          utf8Start: min(range.utf8Start, child.range.utf8Start), utf8End: max(range.utf8End, child.range.utf8End))
      }
      let isAttendees = section.kind == .attendees
      var detail: String?
      if isAttendees, let list = document.attendees, list.section == index {
        detail = "\(list.entries.count) listed"
      }
      return OutlineSymbol(
        name: section.title.text, detail: detail, kind: isAttendees ? .attendees : .section, range: range,
        selectionRange: section.headingRange, children: children)
    }

    var result = topSections.map { sectionSymbol($0, depth: 0) } + topItems.map { itemSymbol($0, depth: 0) }
    result.sort { $0.range.utf8Start < $1.range.utf8Start }
    return result
  }
}

/// Folding: front matter, sections and lists.
public enum FoldingFeature {
  public static func regions(in document: NoteDocument) -> [FoldRegion] {
    var regions: [FoldRegion] = []
    let source = document.source
    if let frontMatter = document.frontMatter {
      regions.append(FoldRegion(range: frontMatter.range, kind: .frontMatter))
    }
    for section in document.sections {
      regions.append(FoldRegion(range: section.range, kind: .section))
    }
    // An item with nested items folds over them.
    let items = document.items
    var lastDescendantEnd = items.map(\.range.utf8End)
    for index in items.indices.reversed() {
      if let parent = items[index].parent, parent >= 0, parent < index {
        lastDescendantEnd[parent] = max(lastDescendantEnd[parent], lastDescendantEnd[index])
      }
    }
    for (index, item) in items.enumerated() where lastDescendantEnd[index] > item.range.utf8End {
      regions.append(
        FoldRegion(range: TextRange(utf8Start: item.range.utf8Start, utf8End: lastDescendantEnd[index]), kind: .list))
    }
    // A run of items on consecutive lines folds as a list.
    var runStart: Int?
    var runEnd = 0
    var runLastLine = -2
    var runSection: Int?
    func closeRun() {
      if let start = runStart, source.line(containingUTF8Offset: start) < source.line(containingUTF8Offset: runEnd) {
        regions.append(FoldRegion(range: TextRange(utf8Start: start, utf8End: runEnd), kind: .list))
      }
      runStart = nil
    }
    for item in items {
      let line = source.line(containingUTF8Offset: item.range.utf8Start)
      if runStart != nil && line == runLastLine + 1 && item.section == runSection {
        runEnd = item.range.utf8End
      } else {
        closeRun()
        runStart = item.range.utf8Start
        runEnd = item.range.utf8End
        runSection = item.section
      }
      runLastLine = line
    }
    closeRun()
    return regions
  }
}
