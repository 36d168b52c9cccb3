/// The 64-bit FNV-1a hash of bytes fed one at a time: the one hash of word ids, item keys, spellings and identity
/// fingerprints.
/// Deterministic across runs (unlike `Hasher`), and cheap enough to run over every byte as it is read.
struct FNV1a: Hashable, Sendable {
  static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
  static let prime: UInt64 = 0x100_0000_01b3

  private(set) var value = offsetBasis

  @inline(__always) mutating func add(_ byte: UInt8) { value = (value ^ UInt64(byte)) &* Self.prime }

  mutating func add<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    for byte in bytes { add(byte) }
  }

  /// The hash of `bytes`.
  static func hash<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
    var hash = FNV1a()
    hash.add(bytes)
    return hash.value
  }
}
