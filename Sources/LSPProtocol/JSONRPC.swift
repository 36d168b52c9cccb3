import NotesJSON

// MARK: - Identifiers and error codes

/// A JSON-RPC request id: an integer or a string (never a fraction), echoed back unchanged.
public enum RequestID: Hashable, Sendable, CustomStringConvertible {
  case int(Int)
  case string(String)

  public init?(json: JSONValue) {
    switch json {
    case .int(let i): self = .int(i)
    case .string(let s): self = .string(s)
    case .double(let d) where d.rounded() == d && abs(d) < 9.0e15: self = .int(Int(d))
    default: return nil
    }
  }

  public var json: JSONValue {
    switch self {
    case .int(let i): return .int(i)
    case .string(let s): return .string(s)
    }
  }

  public var description: String {
    switch self {
    case .int(let i): return String(i)
    case .string(let s): return "\"\(s)\""
    }
  }
}

/// JSON-RPC 2.0 and LSP error codes. A struct, not an enum, so codes a peer sends that we do not know still decode.
public struct ErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  public var rawValue: Int
  public init(rawValue: Int) { self.rawValue = rawValue }
  public var description: String { String(rawValue) }

  public static let parseError = ErrorCode(rawValue: -32700)
  public static let invalidRequest = ErrorCode(rawValue: -32600)
  public static let methodNotFound = ErrorCode(rawValue: -32601)
  public static let invalidParams = ErrorCode(rawValue: -32602)
  public static let internalError = ErrorCode(rawValue: -32603)
  public static let serverNotInitialized = ErrorCode(rawValue: -32002)
  public static let unknown = ErrorCode(rawValue: -32001)
  public static let requestFailed = ErrorCode(rawValue: -32803)
  public static let serverCancelled = ErrorCode(rawValue: -32802)
  public static let contentModified = ErrorCode(rawValue: -32801)
  public static let requestCancelled = ErrorCode(rawValue: -32800)
}

/// The `error` member of a response.
public struct ResponseError: Error, Hashable, Sendable, CustomStringConvertible {
  public var code: ErrorCode
  public var message: String
  public var data: JSONValue?

  public init(code: ErrorCode, message: String, data: JSONValue? = nil) {
    self.code = code
    self.message = message
    self.data = data
  }

  public init?(json: JSONValue) {
    guard let code = json["code"]?.intValue else { return nil }
    self.code = ErrorCode(rawValue: code)
    self.message = json["message"]?.stringValue ?? ""
    self.data = json["data"]
  }

  public var json: JSONValue {
    var object: JSONObject = ["code": .int(code.rawValue), "message": .string(message)]
    if let data { object["data"] = data }
    return .object(object)
  }

  public var description: String { "\(code.rawValue): \(message)" }

  public static func invalidParams(_ message: String) -> ResponseError {
    ResponseError(code: .invalidParams, message: "Invalid params: \(message)")
  }
  public static func methodNotFound(_ method: String) -> ResponseError {
    ResponseError(code: .methodNotFound, message: "Method not found: \(method)")
  }
}

// MARK: - Messages

/// One JSON-RPC 2.0 message, classified exactly.
public enum Message: Hashable, Sendable {
  case request(id: RequestID, method: String, params: JSONValue?)
  case notification(method: String, params: JSONValue?)
  case response(id: RequestID, result: JSONValue)
  case errorResponse(id: RequestID?, error: ResponseError)

  /// Why a JSON value is not a message we can act on, and the id to answer it with when one could be read.
  public struct Invalid: Error, Hashable, Sendable {
    public var id: RequestID?
    public var error: ResponseError
  }

  /// Classifies a parsed JSON value. A batch (an array), a value that is not an object, a wrong `jsonrpc`, a request
  /// without a method or with a bad id, and params that are neither object nor array are -32600 Invalid Request.
  public static func classify(_ json: JSONValue) -> Result<Message, Invalid> {
    func invalid(_ id: RequestID?, _ why: String) -> Result<Message, Invalid> {
      .failure(Invalid(id: id, error: ResponseError(code: .invalidRequest, message: "Invalid Request: \(why)")))
    }
    guard case .object(let object) = json else {
      if case .array = json { return invalid(nil, "batches (JSON arrays) are not supported") }
      return invalid(nil, "a message must be a JSON object, not \(json.typeName)")
    }
    let rawID = object["id"]
    var id: RequestID?
    if let rawID, rawID != .null {
      guard let parsed = RequestID(json: rawID) else { return invalid(nil, "id must be an integer or a string") }
      id = parsed
    }
    guard object["jsonrpc"]?.stringValue == "2.0" else { return invalid(id, "\"jsonrpc\" must be \"2.0\"") }
    if let method = object["method"] {
      guard let name = method.stringValue else { return invalid(id, "method must be a string") }
      let params = object["params"]
      if let params, params != .null {
        switch params {
        case .object, .array: break
        default: return invalid(id, "params must be an object or an array")
        }
      }
      if let id { return .success(.request(id: id, method: name, params: params)) }
      if rawID == .null { return invalid(nil, "a request id must not be null") }
      return .success(.notification(method: name, params: params))
    }
    if let error = object["error"] {
      guard let parsed = ResponseError(json: error) else { return invalid(id, "malformed error object") }
      return .success(.errorResponse(id: id, error: parsed))
    }
    if let result = object["result"], let id { return .success(.response(id: id, result: result)) }
    if id != nil { return invalid(id, "a request needs a method") }
    return invalid(nil, "neither a request, a notification nor a response")
  }

  /// The message as JSON.
  public var json: JSONValue {
    var object: JSONObject = ["jsonrpc": "2.0"]
    switch self {
    case .request(let id, let method, let params):
      object["id"] = id.json
      object["method"] = .string(method)
      if let params { object["params"] = params }
    case .notification(let method, let params):
      object["method"] = .string(method)
      if let params { object["params"] = params }
    case .response(let id, let result):
      object["id"] = id.json
      object["result"] = result
    case .errorResponse(let id, let error):
      object["id"] = id?.json ?? .null
      object["error"] = error.json
    }
    return .object(object)
  }
}
