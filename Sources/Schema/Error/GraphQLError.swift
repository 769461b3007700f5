/// The one error type of every phase (parse, validate, execute), in the response shape of the
/// spec (section 7.1.2): a message, 1-based `locations`, a `path` for field errors, and
/// `extensions` carrying at least a machine-readable `code`.
public struct GraphQLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var locations: [SourceLocation]
    /// Response path of a field error: keys (`String`) and list indices (`Int`).
    public var path: [PathComponent]?
    public var extensions: [(String, Value)]

    public init(message: String, locations: [SourceLocation] = [], path: [PathComponent]? = nil,
                extensions: [(String, Value)] = []) {
        self.message = message
        self.locations = locations
        self.path = path
        self.extensions = extensions
    }

    /// An error located at the given nodes of `source`.
    public init(message: String, source: Source?, at locs: [Location], path: [PathComponent]? = nil,
                code: ErrorCode, extensions: [(String, Value)] = []) {
        self.message = message
        self.locations = source.map { s in locs.map { s.location(of: $0.start) } } ?? []
        self.path = path
        self.extensions = [("code", .string(code.rawValue))] + extensions
    }

    public var code: String? {
        for (k, v) in extensions where k == "code" {
            if case .string(let s) = v { return s }
        }
        return nil
    }

    public var description: String {
        if let l = locations.first { return "\(message) (\(l.line):\(l.column))" }
        return message
    }

    public static func == (lhs: GraphQLError, rhs: GraphQLError) -> Bool {
        lhs.message == rhs.message && lhs.locations == rhs.locations && lhs.path == rhs.path
            && lhs.extensions.map(\.0) == rhs.extensions.map(\.0) && lhs.extensions.map(\.1) == rhs.extensions.map(\.1)
    }
}

public enum PathComponent: Sendable, Hashable, CustomStringConvertible {
    case key(String)
    case index(Int)
    public var description: String {
        switch self {
        case .key(let k): k
        case .index(let i): String(i)
        }
    }
}

/// Machine-readable error codes placed in `extensions.code`.
public struct ErrorCode: RawRepresentable, Sendable, Hashable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let parseFailed = ErrorCode(rawValue: "GRAPHQL_PARSE_FAILED")
    public static let validationFailed = ErrorCode(rawValue: "GRAPHQL_VALIDATION_FAILED")
    public static let badUserInput = ErrorCode(rawValue: "BAD_USER_INPUT")
    public static let operationNotFound = ErrorCode(rawValue: "OPERATION_RESOLUTION_FAILURE")
    public static let internalError = ErrorCode(rawValue: "INTERNAL_SERVER_ERROR")
    public static let invalidSchema = ErrorCode(rawValue: "GRAPHQL_SCHEMA_INVALID")
}
