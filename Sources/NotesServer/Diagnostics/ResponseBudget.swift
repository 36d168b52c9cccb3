import NotesCore

/// How much one request may answer about one document, so that no answer (and no conversion behind it) grows beyond
/// a small multiple of the document's size, whatever the document holds (a megabyte of empty headings, say).
///
/// NOTE: a list result (outline symbols, folding ranges, links, diagnostics, inlay hints, code lenses) holds at most
/// one item per 512 bytes of the document, and at least 2,000 items — ten times what the longest real note needs. A
/// longer list is cut, in document order.
enum ResponseBudget {
  static func items(for source: SourceText) -> Int { max(2_000, source.bytes.count / 512) }
}
