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

@Test(arguments: [0, 7, 9, 10, 42, 1_000_000, -1, -10, -987_654_321, Int.max, Int.min])
func writesIntegersAsTheirDecimalDigits(n: Int) throws {
  #expect(JSONValue.int(n).serialized() == String(n))
  #expect(JSONValue.array([.int(n), .double(Double(n % 1_000_000))]).serialized() == "[\(n),\(n % 1_000_000)]")
  #expect(try JSONValue.parse(JSONValue.int(n).serialized()) == .int(n))
}

@Test func writesStringsEscapedOnlyWhereJSONNeedsIt() {
  let cases: [(String, String)] = [
    ("", #""""#), ("plain file:///a/b.md", #""plain file:///a/b.md""#), ("short", #""short""#),
    ("tab\there", #""tab\there""#), ("q\"b\\", #""q\"b\\""#), ("\u{1}", #""\u0001""#), ("é 😀 \u{7F}", "\"é 😀 \u{7F}\""),
  ]
  for (text, written) in cases { #expect(JSONValue.string(text).serialized() == written) }
}

@Test func readsNumbersExactlyWhateverTheirLength() throws {
  #expect(
    try JSONValue.parse("[0,-0,7,-12,123456789012345678,-123456789012345678]")
      == [0, 0, 7, -12, 123_456_789_012_345_678, -123_456_789_012_345_678].map(JSONValue.int).jsonArray)
  #expect(try JSONValue.parse("9223372036854775807") == .int(Int.max))
  #expect(try JSONValue.parse("-9223372036854775808") == .int(Int.min))
  #expect(try JSONValue.parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
  #expect(try JSONValue.parse("[1.5,-2e3]") == [JSONValue.double(1.5), .double(-2000)].jsonArray)
  #expect(
    try JSONValue.parse(#"["plain","esc\"aped","é"]"#)
      == [JSONValue.string("plain"), .string("esc\"aped"), .string("é")].jsonArray)
}

extension Array where Element == JSONValue {
  fileprivate var jsonArray: JSONValue { .array(self) }
}

@Test func objectLiteralsAndPairsKeepTheFirstPlaceAndLastValueOfARepeatedKey() {
  let literal: JSONValue = ["a": 1, "b": 2]
  #expect(literal.serialized() == #"{"a":1,"b":2}"#)
  #expect(JSONObject([("a", 1), ("b", 2), ("a", 3)]) == ["a": 3, "b": 2])
  #expect(JSONValue.object(JSONObject([("a", 1), ("b", 2), ("a", 3)])).serialized() == #"{"a":3,"b":2}"#)
  let many = (0..<20).map { ("k\($0 % 15)", JSONValue.int($0)) }
  let object = JSONObject(many)
  #expect(object.count == 15)
  #expect(object["k3"] == .int(18) && object["k14"] == .int(14))
  #expect(object.keys == (0..<15).map { "k\($0)" })
  #expect(object.map(\.value).first == .int(15))
}
