import Foundation
import NotesConfig
import NotesCore
import NotesJSON
import Testing

// MARK: - Errors, with the exact line and column of the offending key or value

struct BadConfiguration: CustomTestStringConvertible, Sendable {
  var json: String
  var line: Int
  var column: Int
  var reason: String
  var testDescription: String { reason }
}

@Test(arguments: [
  BadConfiguration(
    json: "{\n  \"rules\": {\n    \"action-item.unowned\": \"error\",\n  }\n}", line: 4, column: 3,
    reason: "invalid JSON"),
  BadConfiguration(json: "", line: 1, column: 1, reason: "invalid JSON"),
  BadConfiguration(json: "[1]", line: 1, column: 1, reason: "must be a JSON object"),
  BadConfiguration(json: "{\n  \"rulez\": {}\n}", line: 2, column: 3, reason: "did you mean \"rules\""),
  BadConfiguration(json: "{\"colour\": 1}", line: 1, column: 2, reason: "unknown key \"colour\""),
  BadConfiguration(
    json: "{\n  \"rules\": {\n    \"action-item.unknown\": \"error\"\n  }\n}", line: 3, column: 5,
    reason: "unknown rule \"action-item.unknown\""),
  BadConfiguration(
    json: "{\"rules\": {\"initials.unknown\": \"loud\"}}", line: 1, column: 32,
    reason: "unknown severity \"loud\""),
  BadConfiguration(json: "{\"rules\": {\"initials.unknown\": 3}}", line: 1, column: 32, reason: "not number"),
  BadConfiguration(json: "{\"rules\": []}", line: 1, column: 11, reason: "must be an object"),
  BadConfiguration(json: "{\"failOn\": \"off\"}", line: 1, column: 12, reason: "unknown severity \"off\""),
  BadConfiguration(json: "{\n\t\"include\": \"*.md\"\n}", line: 2, column: 13, reason: "array of glob patterns"),
  BadConfiguration(json: "{\"exclude\": [\"a\", 2]}", line: 1, column: 19, reason: "\"exclude\"[1] must be a string"),
  BadConfiguration(json: "{\"exclude\": [\"\"]}", line: 1, column: 14, reason: "is empty"),
  BadConfiguration(json: "{\"rosters\": [\"missing.csv\"]}", line: 1, column: 14, reason: "does not exist"),
  BadConfiguration(
    json: "{\"registries\": {\"cfep\": [\"nope.tsv\"]}}", line: 1, column: 26,
    reason: "\"nope.tsv\" does not exist"),
  BadConfiguration(json: "{\"registries\": {\"pep\": []}}", line: 1, column: 17, reason: "unknown registry kind"),
  BadConfiguration(json: "{\"staleAfterMeetings\": 0}", line: 1, column: 24, reason: "at least 1"),
  BadConfiguration(json: "{\"staleAfterMeetings\": 2.5}", line: 1, column: 24, reason: "a whole number"),
  BadConfiguration(json: "{\"inlayHints\": \"yes\"}", line: 1, column: 16, reason: "true or false"),
  BadConfiguration(json: "{\"template\": \"T.md\"}", line: 1, column: 14, reason: "does not exist"),
  // Columns count Unicode scalars, not bytes: "é" and "😀" are one column each.
  BadConfiguration(json: "{\"$schema\": \"é😀\", \"bad\": 1}", line: 1, column: 19, reason: "unknown key \"bad\""),
])
func badConfigurationIsAnErrorWithFileLineAndColumn(_ bad: BadConfiguration) throws {
  let folder = try TemporaryFolder(text: [".notes-lsp.json": bad.json])
  defer { folder.remove() }
  let file = folder.url.appendingPathComponent(".notes-lsp.json")
  do {
    _ = try NotesConfiguration.load(from: file)
    Issue.record("expected a configuration error for \(bad.json)")
  } catch {
    #expect(error.file == file.path)
    #expect(error.line == bad.line, "\(error)")
    #expect(error.column == bad.column, "\(error)")
    #expect(error.reason.contains(bad.reason), "\(error)")
    #expect(error.description.hasPrefix("\(file.path):\(bad.line):\(bad.column): "))
  }
}

@Test func unreadableConfigurationIsAnErrorWithoutALine() throws {
  let folder = try TemporaryFolder()
  defer { folder.remove() }
  let file = folder.url.appendingPathComponent("absent.json")
  #expect(throws: ConfigurationError.self) { try NotesConfiguration.load(from: file) }
  do {
    _ = try NotesConfiguration.load(from: file)
  } catch {
    #expect(error.line == 0)
    #expect(error.description == "\(file.path): cannot read the configuration file")
  }
}

// MARK: - A valid configuration

@Test func fullConfigurationIsReadWithPathsRelativeToItsFolder() throws {
  let folder = try TemporaryFolder(text: [
    "people.csv": "github_username,email,name\nbeckermr,,Matthew R Becker\n",
    "ref/cfeps.tsv": "number\ttitle\tstatus\n1\tCFEP Template\tAccepted\n",
    "ref/ceps.tsv": "number\ttitle\tstatus\n1\tCEP purpose\tFinal\n",
    "TEMPLATE.md": "# YYYY-MM-DD\n",
    ".notes-lsp.json": """
    {
      "$schema": "https://example.org/notes-lsp.schema.json",
      "rules": {"action-item.unowned": "error", "initials.unknown": "off", "placeholder.empty-item": "hint"},
      "failOn": "error",
      "include": ["**/*.md"],
      "exclude": ["drafts/**"],
      "rosters": ["people.csv"],
      "registries": {"cfep": ["ref/cfeps.tsv"], "cep": ["ref/ceps.tsv"]},
      "staleAfterMeetings": 12,
      "inlayHints": true,
      "template": "TEMPLATE.md"
    }
    """,
  ])
  defer { folder.remove() }
  let file = folder.url.appendingPathComponent(".notes-lsp.json")
  let configuration = try NotesConfiguration.load(from: file)
  #expect(configuration.file == file)
  #expect(configuration.baseDirectory?.path == folder.path)
  #expect(configuration.settings.severity(for: .actionItemUnowned) == .error)
  #expect(configuration.settings.severity(for: .initialsUnknown) == nil)
  #expect(configuration.settings.severity(for: .attendeesMissing) == .warning)
  #expect(configuration.settings.failOn == .error)
  #expect(configuration.settings.staleAfterMeetings == 12)
  #expect(configuration.settings.inlayHints)
  #expect(configuration.include == ["**/*.md"])
  #expect(configuration.exclude == ["drafts/**"])
  #expect(configuration.rosters.map(\.path) == [folder.path + "/people.csv"])
  #expect(configuration.cfepRegistries.map(\.path) == [folder.path + "/ref/cfeps.tsv"])
  #expect(configuration.cepRegistries.map(\.path) == [folder.path + "/ref/ceps.tsv"])
  #expect(configuration.template?.path == folder.path + "/TEMPLATE.md")
}

@Test func emptyConfigurationKeepsTheDefaults() throws {
  let configuration = try NotesConfiguration.parse(
    [:], baseDirectory: URL(fileURLWithPath: "/"), source: "initializationOptions")
  #expect(configuration.settings == NotesSettings())
  #expect(configuration.include.isEmpty && configuration.exclude.isEmpty && configuration.rosters.isEmpty)
}

@Test func settingsFromTheEditorNameTheKeyWhenWrong() throws {
  do {
    _ = try NotesConfiguration.parse(
      ["rules": ["cfep.unknown": "never"]], baseDirectory: URL(fileURLWithPath: "/"), source: "initializationOptions")
    Issue.record("expected an error")
  } catch {
    #expect(error.line == 0)
    #expect(error.description.hasPrefix("initializationOptions: unknown severity \"never\" for rule \"cfep.unknown\""))
  }
}

@Test func everyCatalogueRuleCanBeConfigured() throws {
  var rules = JSONObject()
  for rule in RuleRegistry.rules { rules[rule.code.rawValue] = "off" }
  let configuration = try NotesConfiguration.parse(
    ["rules": .object(rules)], baseDirectory: URL(fileURLWithPath: "/"), source: "test")
  for rule in RuleRegistry.rules { #expect(configuration.settings.severity(for: rule.code) == nil) }
}

// MARK: - Finding the file

@Test func configurationIsFoundInTheNearestFolderAbove() throws {
  let folder = try TemporaryFolder(text: [
    ".notes-lsp.json": "{}", "team/notes/2024-01-01.md": "# 2024-01-01\n", "team/.notes-lsp.json": "{}",
  ])
  defer { folder.remove() }
  let notes = folder.url.appendingPathComponent("team/notes")
  #expect(NotesConfiguration.find(from: notes)?.path == folder.path + "/team/.notes-lsp.json")
  #expect(
    NotesConfiguration.find(from: notes.appendingPathComponent("2024-01-01.md"))?.path
      == folder.path + "/team/.notes-lsp.json")
  #expect(NotesConfiguration.find(from: folder.url)?.path == folder.path + "/.notes-lsp.json")
}

// MARK: - JSON locations

@Test func locationsPointAtKeysAndValuesByJSONPointer() throws {
  let text = "{\n  \"a/b\": [1, {\"c~\": true}],\n  \"x\": \"y\"\n}"
  let (value, locations) = try JSONValue.parseWithLocations(text)
  #expect(value["x"] == "y")
  #expect(locations.value("")?.line == 1)
  #expect(locations.key("/a~1b").map { [$0.line, $0.column] } == [2, 3])
  #expect(locations.value("/a~1b").map { [$0.line, $0.column] } == [2, 10])
  #expect(locations.value("/a~1b/0").map { [$0.line, $0.column] } == [2, 11])
  #expect(locations.key("/a~1b/1/c~0").map { [$0.line, $0.column] } == [2, 15])
  #expect(locations.value("/a~1b/1/c~0").map { [$0.line, $0.column] } == [2, 21])
  #expect(locations.value("/x").map { [$0.line, $0.column] } == [3, 8])
}
