import NotesJSON

// Decoding of request and notification params. Every params type reads its members through `ParamsReader`, which
// answers a missing required member or a member of the wrong type with -32602 Invalid params, naming the member's
// path (`params.range.start.line`). Optional members may be absent or `null`; when present they must have their type.

/// A value decoded from JSON that names the path of a bad member when it does not fit.
public protocol JSONDecodable: Sendable {
  /// Decodes `json`, found at `path` (for messages); throws `ResponseError` -32602 when it does not fit.
  init(json: JSONValue, path: String) throws(ResponseError)
}

/// A value the server sends as JSON.
public protocol JSONEncodable {
  var json: JSONValue { get }
  /// An array of such values (default: an array of each one's `json`; a type sent by the thousand writes it
  /// directly).
  static func json(of elements: [Self]) -> JSONValue
}

extension JSONEncodable {
  public static func json(of elements: [Self]) -> JSONValue { .array(elements.map(\.json)) }
}

extension Optional: JSONEncodable where Wrapped: JSONEncodable {
  public var json: JSONValue { self?.json ?? .null }
}

extension Array: JSONEncodable where Element: JSONEncodable {
  public var json: JSONValue { Element.json(of: self) }
}

extension JSONValue: JSONEncodable {
  public var json: JSONValue { self }
}

/// The members of one JSON object of params, read with their types checked.
public struct ParamsReader {
  public let object: JSONObject
  public let path: String

  /// Reads `json` as an object; anything else is -32602.
  public init(_ json: JSONValue, path: String) throws(ResponseError) {
    guard case .object(let object) = json else {
      throw ResponseError.invalidParams("\(path) must be an object, not \(json.typeName)")
    }
    self.object = object
    self.path = path
  }

  /// The member, or nil when it is absent or `null`.
  public func value(_ key: String) -> JSONValue? {
    guard let value = object[key], value != .null else { return nil }
    return value
  }

  func missing(_ key: String, _ type: String) -> ResponseError {
    ResponseError.invalidParams("\(path).\(key) is required (\(type))")
  }

  func mistyped(_ key: String, _ type: String, _ value: JSONValue) -> ResponseError {
    ResponseError.invalidParams("\(path).\(key) must be \(type), not \(value.typeName)")
  }

  /// A required member decoded by `T`.
  public func decode<T: JSONDecodable>(_ key: String, as: T.Type = T.self) throws(ResponseError) -> T {
    guard let value = value(key) else { throw missing(key, "\(T.self)") }
    return try T(json: value, path: "\(path).\(key)")
  }

  /// An optional member decoded by `T`.
  public func decodeIfPresent<T: JSONDecodable>(_ key: String, as: T.Type = T.self) throws(ResponseError) -> T? {
    guard let value = value(key) else { return nil }
    return try T(json: value, path: "\(path).\(key)")
  }

  /// A required array whose elements `T` decodes.
  public func decodeArray<T: JSONDecodable>(_ key: String, of: T.Type = T.self) throws(ResponseError) -> [T] {
    guard let value = value(key) else { throw missing(key, "an array") }
    return try Self.array(value, path: "\(path).\(key)")
  }

  /// An optional array whose elements `T` decodes.
  public func decodeArrayIfPresent<T: JSONDecodable>(_ key: String, of: T.Type = T.self) throws(ResponseError)
    -> [T]?
  {
    guard let value = value(key) else { return nil }
    return try Self.array(value, path: "\(path).\(key)")
  }

  static func array<T: JSONDecodable>(_ value: JSONValue, path: String) throws(ResponseError) -> [T] {
    guard case .array(let elements) = value else {
      throw ResponseError.invalidParams("\(path) must be an array, not \(value.typeName)")
    }
    var result: [T] = []
    result.reserveCapacity(elements.count)
    for (index, element) in elements.enumerated() { result.append(try T(json: element, path: "\(path)[\(index)]")) }
    return result
  }

  /// A required string member.
  public func string(_ key: String) throws(ResponseError) -> String {
    guard let value = value(key) else { throw missing(key, "a string") }
    guard let string = value.stringValue else { throw mistyped(key, "a string", value) }
    return string
  }

  /// An optional string member.
  public func stringIfPresent(_ key: String) throws(ResponseError) -> String? {
    guard let value = value(key) else { return nil }
    guard let string = value.stringValue else { throw mistyped(key, "a string", value) }
    return string
  }

  /// A required integer member.
  public func int(_ key: String) throws(ResponseError) -> Int {
    guard let value = value(key) else { throw missing(key, "an integer") }
    guard let int = value.intValue else { throw mistyped(key, "an integer", value) }
    return int
  }

  /// An optional integer member.
  public func intIfPresent(_ key: String) throws(ResponseError) -> Int? {
    guard let value = value(key) else { return nil }
    guard let int = value.intValue else { throw mistyped(key, "an integer", value) }
    return int
  }

  /// An optional boolean member.
  public func boolIfPresent(_ key: String) throws(ResponseError) -> Bool? {
    guard let value = value(key) else { return nil }
    guard let bool = value.boolValue else { throw mistyped(key, "a boolean", value) }
    return bool
  }

  /// An optional object member, kept as JSON (settings, capabilities, options).
  public func objectIfPresent(_ key: String) throws(ResponseError) -> JSONValue? {
    guard let value = value(key) else { return nil }
    guard case .object = value else { throw mistyped(key, "an object", value) }
    return value
  }

  /// A required object member, kept as JSON.
  public func object(_ key: String) throws(ResponseError) -> JSONValue {
    guard let value = try objectIfPresent(key) else { throw missing(key, "an object") }
    return value
  }

  /// An optional member of any type (`LSPAny`).
  public func anyIfPresent(_ key: String) -> JSONValue? { value(key) }
}

/// A string element of an array (`only`, `triggerCharacters`).
extension String: JSONDecodable {
  public init(json: JSONValue, path: String) throws(ResponseError) {
    guard let string = json.stringValue else {
      throw ResponseError.invalidParams("\(path) must be a string, not \(json.typeName)")
    }
    self = string
  }
}
