import Foundation
import NotesConfig
import Testing

@Test(arguments: [
  // pattern, path, is a folder, matches
  ("*.md", "2021-08-25.md", false, true),
  ("*.md", "notes/2021/2021-08-25.md", false, true),  // no slash: any depth
  ("*.md", "notes.markdown", false, false),
  ("*.md", "a/b.md/c.txt", false, false),
  ("**/*.md", "a.md", false, true),
  ("**/*.md", "a/b/c.md", false, true),
  ("notes/*.md", "notes/a.md", false, true),
  ("notes/*.md", "notes/sub/a.md", false, false),  // `*` never crosses `/`
  ("notes/*.md", "other/notes/a.md", false, false),  // anchored
  ("notes/**", "notes", true, true),
  ("notes/**", "notes/a/b.md", false, true),
  ("drafts/**", "drafts-old/a.md", false, false),
  ("a/**/b.md", "a/b.md", false, true),
  ("a/**/b.md", "a/x/y/b.md", false, true),
  ("a/**/b.md", "ab.md", false, false),
  ("/README.md", "README.md", false, true),
  ("/README.md", "docs/README.md", false, false),
  ("./README.md", "README.md", false, true),
  ("202?-*.md", "2024-01-01.md", false, true),
  ("202?-*.md", "2024/01.md", false, false),  // `?` never matches `/`
  ("[0-9][0-9][0-9][0-9]-*.md", "2016-04-01.md", false, true),
  ("[0-9][0-9][0-9][0-9]-*.md", "abcd-04-01.md", false, false),
  ("[!a-c]*.md", "d.md", false, true),
  ("[!a-c]*.md", "b.md", false, false),
  ("[^a-c]*.md", "b.md", false, false),
  ("[]x].md", "].md", false, true),
  ("[abc", "[abc", false, true),  // unclosed class is literal
  ("*.{md,markdown}", "a.markdown", false, true),
  ("*.{md,markdown}", "a.txt", false, false),
  ("{notes,minutes}/{*.md,sub/{x,y}.md}", "minutes/sub/y.md", false, true),
  ("{notes,minutes}/{*.md,sub/{x,y}.md}", "minutes/sub/z.md", false, false),
  ("{a,b", "{a,b", false, true),  // unbalanced brace is literal
  ("\\*.md", "*.md", false, true),
  ("\\*.md", "x.md", false, false),
  ("drafts/", "drafts", true, true),
  ("drafts/", "drafts", false, false),  // trailing slash: folders only
  ("drafts", "team/drafts", true, true),
  ("Rodríguez-*.md", "Rodríguez-notes.md", false, true),
  ("?.md", "é.md", false, true),  // one scalar
  ("**", "anything/at/all", false, true),
])
func globMatches(pattern: String, path: String, isDirectory: Bool, expected: Bool) {
  #expect(Glob(pattern).matches(path, isDirectory: isDirectory) == expected, "\(pattern) ~ \(path)")
}

@Test func folderMatchCoversItsContent() {
  #expect(Glob("drafts").matchesSelfOrAncestor("team/drafts/2024-01-01.md"))
  #expect(Glob("team/drafts/**").matchesSelfOrAncestor("team/drafts/a/b.md"))
  #expect(!Glob("drafts").matchesSelfOrAncestor("team/final/2024-01-01.md"))
}

@Test func pathologicalPatternsStayFast() {
  let pattern = String(repeating: "*a", count: 30) + "b"
  let path = String(repeating: "a", count: 200)
  let start = Date()
  #expect(!Glob(pattern).matches(path))
  #expect(!Glob(String(repeating: "**/", count: 20) + "x").matches(String(repeating: "a/", count: 100) + "y"))
  #expect(Date().timeIntervalSince(start) < 2)
}
