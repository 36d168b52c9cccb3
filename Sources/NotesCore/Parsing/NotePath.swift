// MARK: - File name and folder of a URI

enum NotePath {
  /// The last path component (percent-decoded for URIs with a scheme) and the URI up to its last separator.
  static func split(_ uri: String) -> (fileName: String, folder: String) {
    let bytes = Array(uri.utf8)
    let scheme = ByteScanner(bytes: bytes).find(Array(ascii: "://"), from: 0, to: bytes.count)
    let hasScheme = uri.hasPrefix("file:") || scheme != nil
    var cut = -1
    for (i, b) in bytes.enumerated() where b == UInt8(ascii: "/") || (!hasScheme && b == UInt8(ascii: "\\")) {
      cut = i
    }
    var nameBytes = Array(bytes[(cut + 1)...])
    if hasScheme {
      // Drop a query or fragment, then decode `%XX`.
      if let q = nameBytes.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
        nameBytes = Array(nameBytes[..<q])
      }
      nameBytes = percentDecoded(nameBytes)
    }
    let folder = cut >= 0 ? String(decoding: bytes[...cut], as: UTF8.self) : ""
    return (String(decoding: nameBytes, as: UTF8.self), folder)
  }

  static func percentDecoded(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "%") && i + 2 < bytes.count, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) {
        out.append(h << 4 | l)
        i += 3
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return out
  }

  private static func hex(_ b: UInt8) -> UInt8? {
    if ASCII.isDigit(b) { return b - 0x30 }
    if b >= 0x61 && b <= 0x66 { return b - 0x61 + 10 }
    if b >= 0x41 && b <= 0x46 { return b - 0x41 + 10 }
    return nil
  }
}
