import LSPProtocol
import NotesJSON
import Testing

/// Results written straight as JSON text (`JSONEncodable.json(of:)`) are the same text as the tree they replace.
@Suite struct ResultEncodingTests {
  static func location(_ uri: String, _ line: Int, _ character: Int, _ length: Int) -> Location {
    Location(
      uri: uri,
      range: Range(
        start: Position(line: line, character: character), end: Position(line: line, character: character + length)))
  }

  static let lists: [[Location]] = [
    [],
    [location("file:///notes/2024-06-12.md", 0, 0, 3)],
    // Runs of one note, a note coming back after another, URIs that need escaping and non-ASCII ones.
    [
      location("file:///notes/a.md", 3, 2, 2), location("file:///notes/a.md", 12, 0, 17),
      location("file:///notes/b \"q\" \\.md", 1, 4, 3), location("file:///notes/a.md", 1_000_000, 5, 0),
      location("file:///notes/é🎉\t.md", 0, 0, 1), location("file:///notes/é🎉\t.md", 2, 9, 4),
    ],
  ]

  @Test(arguments: lists) func locationsAreTheTreesText(_ locations: [Location]) throws {
    let direct = Location.json(of: locations)
    let tree = JSONValue.array(locations.map(\.json))
    #expect(direct.serialized() == tree.serialized())
    #expect(try JSONValue.parse(direct.serialized()) == tree)
    // In a response, as the server sends it.
    let response = Message.response(id: .int(7), result: locations.json).json.serialized()
    #expect(response == Message.response(id: .int(7), result: tree).json.serialized())
  }
}
