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
