import Foundation
import Testing

@testable import NotesCore

/// The resolver against owner tokens labelled by reading the corpus (Truth/owners/owners.tsv; how rows were chosen is
/// in the README beside it). Prints the figures.
@Suite(.enabled(if: CrossMeetingFixtures.hasCorpus)) struct OwnerTruthTests {
  struct Row {
    var file: String
    var line: Int
    var text: String
    var person: String
  }

  static func rows() throws -> [Row] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Truth/owners/owners.tsv")
    let text = try String(contentsOf: url, encoding: .utf8)
    return text.split(separator: "\n").dropFirst().compactMap { line in
      let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard cells.count >= 4, let number = Int(cells[1]) else { return nil }
      return Row(file: cells[0], line: number, text: cells[2], person: cells[3])
    }
  }

  /// Whether `person` is the one the label names (the same name, folded).
  static func names(_ person: Person, _ label: String) -> Bool {
    let key = NameMatching.nameKey(label)
    return person.names.contains { NameMatching.nameKey($0) == key }
  }

  @Test func resolverNamesTheRightPersonAndFeaturesAgree() throws {
    let rows = try Self.rows()
    #expect(rows.count >= 200)
    let workspace = CrossMeetingFixtures.corpusWorkspace
    let index = CrossMeetingIndex()
    var right = 0
    var ambiguous = 0
    var wrong: [String] = []
    var disagreements: [String] = []
    for row in rows {
      let uri = CrossMeetingFixtures.corpusNotes.appendingPathComponent(row.file).absoluteString
      let document = try #require(workspace.document(uri), "\(row.file)")
      let lineRange = document.source.contentRange(ofLine: row.line - 1)
      guard
        let (itemIndex, owner) = document.items.enumerated().lazy.compactMap({ (i, item) -> (Int, Owner)? in
          guard
            let o = item.owners.first(where: {
              lineRange.utf8Start <= $0.range.utf8Start && $0.range.utf8End <= lineRange.utf8End
                && $0.kind != .placeholder
            })
          else { return nil }
          return (i, o)
        }).first
      else {
        wrong.append("\(row.file):\(row.line) no owner parsed")
        continue
      }
      var resolver = PersonResolver(workspace: workspace, document: document)
      let resolution = resolver.resolve(kind: owner.kind, text: owner.text, item: itemIndex)
      switch resolution {
      case .one(let id):
        if let person = workspace.person(id), Self.names(person, row.person) {
          right += 1
        } else {
          wrong.append(
            "\(row.file):\(row.line) \(owner.text) → \(workspace.person(id)?.displayName ?? "?"), not \(row.person)")
        }
      case .ambiguous:
        ambiguous += 1
        wrong.append("\(row.file):\(row.line) \(owner.text) ambiguous, is \(row.person)")
      case .unknown:
        wrong.append("\(row.file):\(row.line) \(owner.text) unknown, is \(row.person)")
      }
      // Hover, definition and references give the same answer.
      let offset = owner.range.utf8Start
      let expected = resolution.person
      let hover = HoverFeature.hover(in: workspace, document: document, at: offset)?.markdown ?? ""
      let hoverName = expected.flatMap { workspace.person($0) }.map { PersonCard.headline($0) }
      let hoverAgrees = hoverName.map { hover.hasPrefix($0) } ?? !hover.hasPrefix("**")
      let definition = DefinitionFeature.definition(in: workspace, document: document, at: offset)
      let definitionAgrees = expected == nil ? definition.count != 1 || resolution == .unknown : definition.count == 1
      let references = index.references(at: offset, in: document, workspace: workspace) ?? []
      let referencesAgree =
        expected == nil ? references.isEmpty : references.contains { $0.uri == uri && $0.range == owner.range }
      if !(hoverAgrees && definitionAgrees && referencesAgree) {
        disagreements.append(
          "\(row.file):\(row.line) hover \(hoverAgrees) definition \(definitionAgrees) references \(referencesAgree)")
      }
    }
    let share = Double(right) / Double(max(1, rows.count))
    print(
      "owner truth: \(rows.count) tokens, \(right) right (\(String(format: "%.1f", share * 100))%), "
        + "\(ambiguous) ambiguous, \(wrong.count - ambiguous) wrong or unknown, \(disagreements.count) feature disagreements"
    )
    for line in wrong.prefix(20) { print("  miss: \(line)") }
    for line in disagreements.prefix(10) { print("  disagree: \(line)") }
    #expect(share >= 0.98)
    #expect(ambiguous == 0)
    #expect(disagreements.isEmpty)
  }
}
