import Foundation

/// The columns of a result: names in order and a name → index map, shared by its rows.
final class PostgresColumns: Sendable {
    let names: [String]
    let typeOIDs: [UInt32]
    let indexByName: [String: Int]

    init(names: [String], typeOIDs: [UInt32]) {
        self.names = names
        self.typeOIDs = typeOIDs
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
        self.indexByName = index
    }
}

/// One row of a result, in text format; read its columns by name.
///
/// ```swift
/// let login = try row.decode("login", as: String.self)
/// let email = try row.decode("email", as: String?.self)   // nil for NULL
/// ```
public struct PostgresRow: Sendable {
    let columns: PostgresColumns
    let values: [[UInt8]?]

    public var columnNames: [String] { columns.names }

    /// The column `name` as `T`. Throws `.decoding` when there is no such column, when it is NULL
    /// and `T` is not optional, or when its text is not a `T`; the message never quotes the value.
    public func decode<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws(PostgresError) -> T {
        guard let index = columns.indexByName[name] else {
            throw PostgresError(code: .decoding, message: "The result has no column \(name).")
        }
        let cell = PostgresCell(column: name, typeOID: columns.typeOIDs[index], bytes: values[index])
        return try T.decode(cell)
    }

    /// True when the column `name` is NULL.
    public func isNull(_ name: String) throws(PostgresError) -> Bool {
        guard let index = columns.indexByName[name] else {
            throw PostgresError(code: .decoding, message: "The result has no column \(name).")
        }
        return values[index] == nil
    }
}

/// What a statement returned: its rows (empty for commands) and the number of rows it
/// inserted, updated, deleted or selected.
public struct PostgresResult: Sendable {
    public let rows: [PostgresRow]
    public let affectedRows: Int

    public init(rows: [PostgresRow], affectedRows: Int) {
        self.rows = rows
        self.affectedRows = affectedRows
    }
}

/// One value of a row as the server sent it (text format; nil bytes for NULL).
public struct PostgresCell: Sendable {
    public let column: String
    public let typeOID: UInt32
    public let bytes: [UInt8]?

    public init(column: String, typeOID: UInt32, bytes: [UInt8]?) {
        self.column = column
        self.typeOID = typeOID
        self.bytes = bytes
    }

    func required() throws(PostgresError) -> [UInt8] {
        guard let bytes else {
            throw PostgresError(code: .decoding, message: "The column \(column) is NULL.")
        }
        return bytes
    }

    func mismatch(_ type: String) -> PostgresError {
        PostgresError(code: .decoding, message: "The column \(column) does not hold a \(type).")
    }
}

/// A Swift type a column can be read as.
public protocol PostgresDecodable {
    static func decode(_ cell: PostgresCell) throws(PostgresError) -> Self
}

extension String: PostgresDecodable {
    /// Any column's text; `bytea` columns are refused (read them as `[UInt8]`).
    public static func decode(_ cell: PostgresCell) throws(PostgresError) -> String {
        guard cell.typeOID != PostgresType.bytea else { throw cell.mismatch("string (it is bytea)") }
        return String(decoding: try cell.required(), as: UTF8.self)
    }
}

extension Int: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws(PostgresError) -> Int {
        guard let value = Int(String(decoding: try cell.required(), as: UTF8.self)) else { throw cell.mismatch("integer") }
        return value
    }
}

extension Int64: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws(PostgresError) -> Int64 {
        guard let value = Int64(String(decoding: try cell.required(), as: UTF8.self)) else { throw cell.mismatch("integer") }
        return value
    }
}

extension Int32: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws(PostgresError) -> Int32 {
        guard let value = Int32(String(decoding: try cell.required(), as: UTF8.self)) else { throw cell.mismatch("32-bit integer") }
        return value
    }
}

extension Double: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws(PostgresError) -> Double {
        let text = String(decoding: try cell.required(), as: UTF8.self)
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            guard let value = Double(text) else { throw cell.mismatch("number") }
            return value
        }
    }
}

extension Bool: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws(PostgresError) -> Bool {
        switch try cell.required() {
        case [UInt8(ascii: "t")]: return true
        case [UInt8(ascii: "f")]: return false
        default: throw cell.mismatch("boolean")
        }
    }
}

extension Array: PostgresDecodable where Element == UInt8 {
    /// A `bytea` column in hex output format (`\x0a1b…`, set on every connection).
    public static func decode(_ cell: PostgresCell) throws(PostgresError) -> [UInt8] {
        let text = try cell.required()
        guard cell.typeOID == PostgresType.bytea, text.count >= 2, text[0] == UInt8(ascii: "\\"),
              text[1] == UInt8(ascii: "x"), text.count % 2 == 0 else { throw cell.mismatch("bytea") }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((text.count - 2) / 2)
        var i = 2
        while i < text.count {
            guard let high = hexValue(text[i]), let low = hexValue(text[i + 1]) else { throw cell.mismatch("bytea") }
            bytes.append(high << 4 | low)
            i += 2
        }
        return bytes
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 97...102: c - 87
        case 65...70: c - 55
        default: nil
        }
    }
}

extension Date: PostgresDecodable {
    /// A `timestamptz` column (the connection's time zone is UTC).
    public static func decode(_ cell: PostgresCell) throws(PostgresError) -> Date {
        guard cell.typeOID == PostgresType.timestamptz || cell.typeOID == PostgresType.timestamp,
              let date = PostgresTimestamp.parse(try cell.required()) else { throw cell.mismatch("timestamp") }
        return date
    }
}

extension Date: PostgresEncodable {
    public var postgresBind: PostgresBind {
        PostgresBind(bytes: Array(PostgresTimestamp.format(self).utf8), typeOID: PostgresType.timestamptz)
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(_ cell: PostgresCell) throws(PostgresError) -> Wrapped? {
        guard cell.bytes != nil else { return nil }
        return try Wrapped.decode(cell)
    }
}
