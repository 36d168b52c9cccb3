/// The outline: sections, with their subsections and action items as children.
public enum DocumentSymbolFeature {
  /// The outline of a note, with at most `limit` symbols: beyond that, the sections and items that come last in the
  /// document are left out, so that the outline of a huge note costs memory in proportion to `limit`, not to it.
  public static func symbols(in document: NoteDocument, limit: Int = .max) -> [OutlineSymbol] {
    let sections = document.sections
    let items = document.items
    let cutoff = cutoffOffset(sections: sections, items: items, limit: limit)
    var sectionChildren = [[Int]](repeating: [], count: sections.count)
    var topSections: [Int] = []
    for (index, section) in sections.enumerated() where section.headingRange.utf8Start < cutoff {
      if let parent = section.parent, parent >= 0, parent < sections.count, parent != index {
        sectionChildren[parent].append(index)
      } else {
        topSections.append(index)
      }
    }
    var itemChildren = [[Int]](repeating: [], count: items.count)
    var sectionItems = [[Int]](repeating: [], count: sections.count)
    var topItems: [Int] = []
    for (index, item) in items.enumerated() where item.checkbox != nil && item.range.utf8Start < cutoff {
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
      var name = document.text(of: item)
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

  /// The offset from which sections and checkbox items are left out to keep `limit` symbols (`Int.max`: none).
  /// O(n log n) in the number of sections and items, with one offset per symbol as extra memory.
  static func cutoffOffset(sections: [Section], items: [ListItem], limit: Int) -> Int {
    guard sections.count + items.count > limit else { return .max }
    var starts = sections.map(\.headingRange.utf8Start)
    starts.reserveCapacity(sections.count + items.count)
    for item in items where item.checkbox != nil { starts.append(item.range.utf8Start) }
    guard starts.count > limit else { return .max }
    starts.sort()
    return starts[max(0, limit)]
  }
}
