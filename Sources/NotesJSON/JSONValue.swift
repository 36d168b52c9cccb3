import Foundation

/// A JSON value. Objects keep their keys in insertion order, so written JSON is stable and readable.
public enum JSONValue: Hashable, Sendable {
  case null
  case bool(Bool)
  /// Integers that fit in 64 bits stay exact.
  case int(Int)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)
  /// JSON text written beforehand by an encoder of a large result (thousands of locations), sent as it is: the value
  /// is opaque to the accessors and compares by its bytes. Parsing never makes one.
  case encoded(JSONText)

  // MARK: - Accessors (nil when the value has another type)

  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  public var intValue: Int? {
    switch self {
    case .int(let i): return i
    case .double(let d) where d.rounded() == d && abs(d) < 9.0e15: return Int(d)
    default: return nil
    }
  }

  public var doubleValue: Double? {
    switch self {
    case .int(let i): return Double(i)
    case .double(let d): return d
    default: return nil
    }
  }

  public var boolValue: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  public var arrayValue: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }

  public var objectValue: JSONObject? {
    if case .object(let o) = self { return o }
    return nil
  }

  public var isNull: Bool { self == .null }

  /// `value["key"]` on an object; nil for other values or a missing key.
  public subscript(key: String) -> JSONValue? {
    objectValue?[key]
  }

  /// A short name of the value's type, for error messages.
  public var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "boolean"
    case .int, .double: return "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    case .encoded: return "encoded JSON"
    }
  }
}

/// A JSON object with keys in insertion order; a repeated key keeps its last value in its first place.
///
/// NOTE: members are held in one array of pairs, looked up by a linear scan while the object is small (every LSP
/// position, range and location is an object of two to four keys, and a references answer holds tens of thousands of
/// them: one allocation each, not one per keys and values); an index by key is built once an object has more than
/// `indexedFrom` keys.
public struct JSONObject: Hashable, Sendable, ExpressibleByDictionaryLiteral, Sequence {
  /// A key and its value (unlabelled, so that the pairs of a literal are adopted as they are).
  public typealias Member = (String, JSONValue)
  private var members: [Member] = []
  private var index: [String: Int]?
  private static let indexedFrom = 12

  public init() {}

  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self.init(elements)
  }

  public init(_ pairs: [(String, JSONValue)]) {
    // The usual case, a few distinct keys (every literal in the server): the pairs are the members, no copy.
    if pairs.count <= Self.indexedFrom
      && pairs.indices.allSatisfy({ i in !pairs[..<i].contains { $0.0 == pairs[i].0 } })
    {
      members = pairs
      return
    }
    members.reserveCapacity(pairs.count)
    for (k, v) in pairs { self[k] = v }
  }

  /// The keys, in insertion order.
  public var keys: [String] { members.map(\.0) }

  private func position(_ key: String) -> Int? {
    if let index { return index[key] }
    return members.firstIndex { $0.0 == key }
  }

  public subscript(key: String) -> JSONValue? {
    get { position(key).map { members[$0].1 } }
    set {
      if let newValue {
        if let at = position(key) {
          members[at].1 = newValue
        } else {
          members.append((key, newValue))
          if index != nil {
            index?[key] = members.count - 1
          } else if members.count > Self.indexedFrom {
            buildIndex()
          }
        }
      } else if let at = position(key) {
        members.remove(at: at)
        if index != nil { buildIndex() }
      }
    }
  }

  private mutating func buildIndex() {
    var built: [String: Int] = [:]
    built.reserveCapacity(members.count)
    for (at, member) in members.enumerated() { built[member.0] = at }
    index = built
  }

  public var count: Int { members.count }
  public var isEmpty: Bool { members.isEmpty }

  public func makeIterator() -> LazyMapSequence<[Member], (key: String, value: JSONValue)>.Iterator {
    members.lazy.map { (key: $0.0, value: $0.1) }.makeIterator()
  }

  /// Equal when the same keys map to the same values, in any order.
  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    guard lhs.members.count == rhs.members.count else { return false }
    for (key, value) in lhs.members where rhs[key] != value { return false }
    return true
  }

  /// Independent of the order of the keys (as `==`).
  public func hash(into hasher: inout Hasher) {
    var combined = 0
    for (key, value) in members {
      var element = Hasher()
      element.combine(key)
      element.combine(value)
      combined ^= element.finalize()
    }
    hasher.combine(members.count)
    hasher.combine(combined)
  }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
  public init(nilLiteral: ()) { self = .null }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(integerLiteral value: Int) { self = .int(value) }
  public init(floatLiteral value: Double) { self = .double(value) }
  public init(stringLiteral value: String) { self = .string(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(JSONObject(elements)) }
}

/// Compact JSON text made by `JSONTextWriter` (see `JSONValue.encoded`).
public struct JSONText: Hashable, Sendable {
  public let bytes: [UInt8]
}

/// Writes JSON text straight into bytes, for results too large to build as `JSONValue` trees first. The writer only
/// appends; the caller writes well-formed JSON (keys in the order the tree would have them, so the text is the same).
public struct JSONTextWriter {
  @usableFromInline var out: [UInt8] = []

  public init(capacity: Int = 256) { out.reserveCapacity(capacity) }

  // NOTE: inlinable: a references answer writes these a hundred thousand times from another module.

  /// Punctuation and keys as written (`{"uri":`), which must be valid JSON fragments.
  @inlinable
  public mutating func raw(_ text: StaticString) {
    text.withUTF8Buffer { out.append(contentsOf: $0) }
  }

  @inlinable
  public mutating func int(_ value: Int) { JSONValue.writeInt(value, into: &out) }

  /// JSON text made earlier by `encoded(_:)`.
  @inlinable
  public mutating func append(_ encoded: [UInt8]) { out.append(contentsOf: encoded) }

  /// A string as JSON text (quoted and escaped), to `append` many times.
  public static func encoded(_ value: String) -> [UInt8] {
    var bytes: [UInt8] = []
    JSONValue.writeString(value, into: &bytes)
    return bytes
  }

  public var text: JSONText { JSONText(bytes: out) }
}
