import Schema

/// The parameters of one GraphQL-over-HTTP request (spec "Request Parameters"): the document
/// text, the operation to run, its variables, and the reserved `extensions` map, with the
/// automatic-persisted-query reference read out of `extensions.persistedQuery`.
public struct GraphQLRequest: Sendable, Equatable {
    /// The document text; nil when the request names a persisted document by hash alone
    /// (`persistedQuery` is then set). `PersistedQueries.resolve` fills it in before `prepare`.
    public var query: String?
    public var operationName: String?
    public var variables: ObjectValue
    public var extensions: ObjectValue
    /// `extensions.persistedQuery`, checked (version 1, a SHA-256 in hex).
    public var persistedQuery: PersistedQueryReference?

    public init(query: String?, operationName: String? = nil, variables: ObjectValue = ObjectValue(),
                extensions: ObjectValue = ObjectValue(), persistedQuery: PersistedQueryReference? = nil) {
        self.query = query
        self.operationName = operationName
        self.variables = variables
        self.extensions = extensions
        self.persistedQuery = persistedQuery
    }
}

/// Why an HTTP request is not a well-formed GraphQL-over-HTTP request; `message` is shown to the
/// client as is, with `code` in `extensions.code` (`BAD_REQUEST` unless a more precise code
/// exists, e.g. `PERSISTED_QUERY_HASH_MISMATCH`). Always answered with 400.
struct MalformedRequest: Error, Equatable {
    var message: String
    var code: ErrorCode = HTTPErrorCode.badRequest
}

extension GraphQLRequest {
    /// Reads a JSON-encoded request: an object with a string `query`, and optionally a string
    /// `operationName` and object `variables` / `extensions` (`null` counts as absent). Other
    /// members are reserved by the spec and ignored. `query` may be left out when
    /// `extensions.persistedQuery` names the document by hash.
    init(json: Value) throws(MalformedRequest) {
        guard case .object(let body) = json else {
            throw MalformedRequest(message: "The request body must be a JSON object with a \"query\" string (or an array of them).")
        }
        let extensions = try Self.object(body["extensions"], named: "extensions")
        let persisted = try PersistedQueryReference(extensions: extensions)
        var query: String?
        switch body["query"] {
        case .string(let text)?: query = text
        case nil, .null?:
            if persisted == nil {
                throw MalformedRequest(message: "The request has no \"query\": it must be a string holding a GraphQL document.")
            }
        default: throw MalformedRequest(message: "The \"query\" parameter must be a string.")
        }
        var operationName: String?
        switch body["operationName"] {
        case nil, .null?: break
        case .string(let name)?: operationName = name
        default: throw MalformedRequest(message: "The \"operationName\" parameter must be a string.")
        }
        self.init(query: query, operationName: operationName,
                  variables: try Self.object(body["variables"], named: "variables"),
                  extensions: extensions, persistedQuery: persisted)
    }

    /// Reads a GET request's URL parameters (`application/x-www-form-urlencoded`, already
    /// decoded): `query`, `operationName` (empty means absent), and `variables` / `extensions`
    /// each as JSON text. `query` may be left out when `extensions` holds a `persistedQuery`.
    init(urlParameters: [(String, String)]) throws(MalformedRequest) {
        func value(_ name: String) -> String? { urlParameters.first { $0.0 == name }?.1 }
        func jsonObject(_ name: String) throws(MalformedRequest) -> ObjectValue {
            guard let text = value(name), !text.isEmpty else { return ObjectValue() }
            let parsed: Value
            do {
                parsed = try JSONParser.parse(text)
            } catch {
                throw MalformedRequest(message: "The \"\(name)\" parameter is not valid JSON: \(error.description).")
            }
            return try Self.object(parsed, named: name)
        }
        let extensions = try jsonObject("extensions")
        let persisted = try PersistedQueryReference(extensions: extensions)
        let query = value("query")
        if query == nil, persisted == nil {
            throw MalformedRequest(message: "The request has no \"query\" parameter: it must hold a GraphQL document.")
        }
        let operationName = value("operationName").flatMap { $0.isEmpty ? nil : $0 }
        self.init(query: query, operationName: operationName, variables: try jsonObject("variables"),
                  extensions: extensions, persistedQuery: persisted)
    }

    private static func object(_ value: Value?, named name: String) throws(MalformedRequest) -> ObjectValue {
        switch value {
        case nil, .null?: return ObjectValue()
        case .object(let o)?: return o
        default: throw MalformedRequest(message: "The \"\(name)\" parameter must be a JSON object.")
        }
    }
}
