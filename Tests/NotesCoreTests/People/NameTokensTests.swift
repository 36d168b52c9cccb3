import Foundation
import Testing

@testable import NotesCore

/// `NameMatching.tokens` folds only the runs that are not ASCII; its words must be those of folding the whole text.
@Suite struct NameTokensTests {
  /// The words of `text` by folding it whole (case and diacritics) and splitting at what is not a letter or digit:
  /// what `tokens` gave before it read ASCII runs on their bytes.
  static func foldedWhole(_ text: String) -> [String] {
    let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    var words: [String] = []
    var current = ""
    for scalar in folded.unicodeScalars {
      if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
        current.unicodeScalars.append(scalar)
      } else if !current.isEmpty {
        words.append(current)
        current = ""
      }
    }
    if !current.isEmpty { words.append(current) }
    return words
  }

  @Test(arguments: [
    "Jaime Rodríguez-Guerra", "Amanda Ørsted 😀", "AØ: check the CUDA 12 workers", "Filipe Laíns (FFY00)",
    "e\u{301}cole, Ecole and ÉCOLE", "straße STRASSE", "İstanbul · Ⅻ · ½", "“smart quotes” — and ‘dashes’",
    "日本語のメモ 2024", "emoji😀between😀words", "tab\tand\u{A0}no-break space", "ǅemal Ǆ", "", "😀", "a\u{308}",
    "ﬁnal ligature", "Σίσυφος ΟΔΟΣ.", "x\u{200B}y zero width",
  ])
  func mixedTextHasTheWordsOfFoldingItWhole(text: String) {
    #expect(NameMatching.tokens(text) == Self.foldedWhole(text))
  }

  @Test func asciiTextIsLowerCasedWordByWord() {
    #expect(
      NameMatching.tokens("(JK) Check the Azure-workers, v2!") == ["jk", "check", "the", "azure", "workers", "v2"])
  }
}
