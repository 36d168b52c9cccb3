import NotesJSON
import Testing

@Test func parsesAndWritesRoundTrip() throws {
  let text = #"{"a":[1,2.5,true,null,"x\n\"y\" \u00e9 \ud83d\ude00"],"b":{}}"#
  let value = try JSONValue.parse(text)
  #expect(value["a"]?.arrayValue?.count == 5)
  #expect(value["a"]?.arrayValue?[4].stringValue == "x\n\"y\" é 😀")
  #expect(try JSONValue.parse(value.serialized()) == value)
  #expect(value.serialized() == #"{"a":[1,2.5,true,null,"x\n\"y\" é 😀"],"b":{}}"#)
}

@Test(arguments: [
  ("{\"a\":1,}", 1, 8), ("[1,\n 2,,]", 2, 4), ("", 1, 1), ("{\"a\" 1}", 1, 6), ("\"abc", 1, 5), ("[1] x", 1, 5),
  ("01", 1, 2), ("{\"a\":tru}", 1, 6),
])
func reportsWhereTextStopsBeingJSON(text: String, line: Int, column: Int) {
  #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
  do {
    _ = try JSONValue.parse(text)
  } catch {
    #expect(error.line == line)
    #expect(error.column == column)
  }
}

@Test func deepNestingIsAnErrorNotACrash() {
  let deep = String(repeating: "[", count: 100_000)
  #expect(throws: JSONParseError.self) { try JSONValue.parse(deep) }
}

@Test func objectsKeepInsertionOrderAndLastValueOfRepeatedKey() throws {
  let value = try JSONValue.parse(#"{"z":1,"a":2,"z":3}"#)
  #expect(value.serialized() == #"{"z":3,"a":2}"#)
}
