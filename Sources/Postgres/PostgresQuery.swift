import Foundation

/// A statement and its parameters. Safe by construction: every interpolated value becomes a
/// bound parameter (`$1`, `$2`, …), never SQL text.
///
/// ```swift
/// let query: PostgresQuery = "SELECT id FROM users WHERE login = \(login) AND active = \(true)"
/// // sql: "SELECT id FROM users WHERE login = $1 AND active = $2", two binds
/// ```
///
/// SQL text that is not a literal needs an explicit spelling: `\(identifier: name)` quotes an
/// identifier, `\(unsafeRaw: text)` splices text verbatim (only for text the program itself
/// wrote, never for input).
public struct PostgresQuery: Sendable, Equatable, ExpressibleByStringInterpolation {
    public var sql: String
    public var binds: [PostgresBind]

    /// A statement whose `$n` placeholders the caller numbered; `sql` must not hold input.
    public init(unsafeSQL sql: String, binds: [PostgresBind] = []) {
        self.sql = sql
        self.binds = binds
    }

    public init(stringLiteral value: String) {
        self.sql = value
        self.binds = []
    }

    public init(stringInterpolation: StringInterpolation) {
        self.sql = stringInterpolation.sql
        self.binds = stringInterpolation.binds
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var binds: [PostgresBind] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// A value: becomes the next `$n` parameter.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value) {
            binds.append(value.postgresBind)
            sql += "$\(binds.count)"
        }

        /// An optional value: SQL NULL when nil. Spelled out so that interpolating an optional
        /// is plainly intended (and the compiler does not warn about it).
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            binds.append(value.postgresBind)
            sql += "$\(binds.count)"
        }

        /// An already-encoded parameter.
        public mutating func appendInterpolation(bind: PostgresBind) {
            binds.append(bind)
            sql += "$\(binds.count)"
        }

        /// An identifier (table, column), double-quoted with embedded quotes doubled.
        public mutating func appendInterpolation(identifier: String) {
            sql += PostgresQuery.quoteIdentifier(identifier)
        }

        /// Text spliced verbatim into the SQL. Only for text the program wrote itself.
        public mutating func appendInterpolation(unsafeRaw text: String) {
            sql += text
        }
    }

    /// `"name"` with any `"` doubled; NUL bytes are dropped (they cannot appear in SQL text).
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\u{0}", with: "").replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
