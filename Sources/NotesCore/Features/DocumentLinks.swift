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

