/// Every failure of the PostgreSQL client.
///
/// Messages never echo SQL parameter values, row contents or credentials: for a statement the
/// server refused, only the SQLSTATE, its condition name and the names the server reports
/// (schema, table, column, constraint, data type) are kept — the server's own message text is
/// dropped, because it quotes values (`Key (email)=(…) already exists`).
public struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What kind of failure, for callers that branch on it.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The configuration (URL, pool size) is unusable.
        public static let invalidConfiguration = Code("invalid_configuration")
        /// A connection could not be opened (refused, timed out, authentication failed, …).
        public static let connectionFailed = Code("connection_failed")
        /// The connection broke while in use; a transaction on it did not commit.
        public static let connectionLost = Code("connection_lost")
        /// The server refused a statement; `sqlState` says why.
        public static let server = Code("server")
        /// A parameter cannot be sent (e.g. a string holding a NUL byte).
        public static let invalidParameter = Code("invalid_parameter")
        /// A column is missing, NULL where a value was required, or not of the requested type.
        public static let decoding = Code("decoding")
        /// No connection became free within the pool's acquire timeout.
        public static let poolTimeout = Code("pool_timeout")
        /// The pool was shut down.
        public static let poolClosed = Code("pool_closed")
        /// An advisory lock was not obtained within the given time.
        public static let lockTimeout = Code("lock_timeout")
    }

    public var code: Code
    /// A generic, value-free explanation.
    public var message: String
    /// The five-character SQLSTATE of a server error (`23505`), or nil.
    public var sqlState: String?
    public var schema: String?
    public var table: String?
    public var column: String?
    public var constraint: String?
    public var dataType: String?
    /// 1-based character offset into the statement of a syntax error, when the server gives it.
    public var position: Int?

    public init(code: Code, message: String, sqlState: String? = nil) {
        self.code = code
        self.message = message
        self.sqlState = sqlState
    }

    /// The condition name of `sqlState` (`unique_violation`), when known.
    public var conditionName: String? { sqlState.flatMap { SQLState.conditionName($0) } }

    /// True for a statement cancelled by `statement_timeout` (or by a cancel request).
    public var isQueryCanceled: Bool { sqlState == "57014" }

    public var description: String {
        var text = "\(message)"
        if let sqlState {
            text += " (SQLSTATE \(sqlState)\(conditionName.map { " \($0)" } ?? ""))"
        }
        return text
    }

    public var debugDescription: String {
        var parts = ["code=\(code)"]
        if let sqlState { parts.append("sqlstate=\(sqlState)") }
        if let conditionName { parts.append("condition=\(conditionName)") }
        if let schema { parts.append("schema=\(schema)") }
        if let table { parts.append("table=\(table)") }
        if let column { parts.append("column=\(column)") }
        if let constraint { parts.append("constraint=\(constraint)") }
        if let dataType { parts.append("datatype=\(dataType)") }
        if let position { parts.append("position=\(position)") }
        return "PostgresError(\(parts.joined(separator: ", ")): \(message))"
    }
}
