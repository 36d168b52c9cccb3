extension Array {
  /// The same elements, without the spare capacity growth by doubling left when it is more than an eighth of them.
  ///
  /// NOTE: for arrays the model keeps long after building them (a parsed note's items until `--check` reports it, a
  /// summary's tracked items for the whole run, a note's cross-meeting postings); anything else keeps its capacity.
  func trimmedToSize() -> [Element] {
    guard capacity - count > count / 8 else { return self }
    return withUnsafeBufferPointer { Array($0) }
  }
}
