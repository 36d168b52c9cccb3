/// The blanks `String.trimmingBlanks()` cuts (space, tab, line feed, carriage return, NBSP, BOM), found on UTF-8 bytes:
/// each is one scalar, so cutting them byte by byte cuts the same scalars.
enum UTF8Blanks {
  /// `range` of `bytes` without its leading and trailing blanks; with `byteOrderMark` false a BOM is kept (the blanks
  /// `ItemText.trimmed` cuts).
  static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, byteOrderMark: Bool = true) -> Range<
    Int
  > {
    var start = range.lowerBound
    var end = range.upperBound
    while start < end, case let n = blank(bytes, at: start, end: end, byteOrderMark), n > 0 { start += n }
    while end > start, case let n = blank(bytes, endingAt: end, start: start, byteOrderMark), n > 0 { end -= n }
    return start..<end
  }

  /// The length of the blank starting at `i` (before `end`), else 0.
  @inline(__always)
  static func blank(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int, _ byteOrderMark: Bool) -> Int {
    let b = bytes[i]
    if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { return 1 }
    if b == 0xC2 && i + 1 < end && bytes[i + 1] == 0xA0 { return 2 }
    if byteOrderMark && b == 0xEF && i + 2 < end && bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF { return 3 }
    return 0
  }

  /// The length of the blank ending at `end` (from `start` on), else 0.
  @inline(__always)
  static func blank(_ bytes: UnsafeBufferPointer<UInt8>, endingAt end: Int, start: Int, _ byteOrderMark: Bool) -> Int {
    let b = bytes[end - 1]
    if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { return 1 }
    if b == 0xA0 && end - 2 >= start && bytes[end - 2] == 0xC2 { return 2 }
    if byteOrderMark && b == 0xBF && end - 3 >= start && bytes[end - 3] == 0xEF && bytes[end - 2] == 0xBB { return 3 }
    return 0
  }
}
