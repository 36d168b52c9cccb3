// Byte classes and proposal links shared by the features.

// MARK: - Byte classes

@inline(__always) func isASCIIUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
@inline(__always) func isASCIILower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
@inline(__always) func isASCIILetter(_ b: UInt8) -> Bool { isASCIIUpper(b) || isASCIILower(b) }
@inline(__always) func isASCIIDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
/// Characters of a GitHub handle.
@inline(__always) func isHandleByte(_ b: UInt8) -> Bool {
  isASCIILetter(b) || isASCIIDigit(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
}

enum PersonLookup {
  /// The most recent meeting date a person attended.
  static func lastAttended(_ person: Person) -> MeetingDate? {
    person.attendance.lazy.compactMap(\.date).max()
  }
}

// MARK: - Proposals

enum ProposalLinks {
  /// The proposal's canonical document on GitHub.
  static func url(_ kind: ProposalKind, _ number: Int) -> String {
    switch kind {
    case .cfep: return "https://github.com/conda-forge/cfep/blob/main/cfep-\(pad(number, 2)).md"
    case .cep: return "https://github.com/conda/ceps/blob/main/cep-\(pad(number, 4)).md"
    }
  }

  static func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }

  /// The usual name of a proposal, e.g. `CFEP-05`, `CEP 17`.
  static func name(_ kind: ProposalKind, _ number: Int) -> String {
    switch kind {
    case .cfep: return "CFEP-\(pad(number, 2))"
    case .cep: return "CEP \(number)"
    }
  }

  /// File names a proposal's document goes by: `cfep-05.md`, `cfep-5.md`, `cep-0017.md`, `cep-17.md`.
  static func fileNames(_ kind: ProposalKind, _ number: Int) -> Set<String> {
    let stem = kind == .cfep ? "cfep-" : "cep-"
    var names: Set<String> = []
    for width in [1, 2, 3, 4] { names.insert(stem + pad(number, width) + ".md") }
    return names
  }
}
