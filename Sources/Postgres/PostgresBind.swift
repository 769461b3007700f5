/// One statement parameter as libpq receives it: the bytes (nil for SQL NULL), the type the
/// server should read them as (0: let the server infer it from the statement) and whether they
/// are in binary format (only `bytea`, so that no escaping is ever needed).
public struct PostgresBind: Sendable, Equatable {
    public var bytes: [UInt8]?
    public var typeOID: UInt32
    public var isBinary: Bool

    public init(bytes: [UInt8]?, typeOID: UInt32, isBinary: Bool = false) {
        self.bytes = bytes
        self.typeOID = typeOID
        self.isBinary = isBinary
    }

    public static let null = PostgresBind(bytes: nil, typeOID: 0)
}

/// Object ids of the built-in types the client sends and reads (`pg_type.oid`).
enum PostgresType {
    static let bool: UInt32 = 16
    static let bytea: UInt32 = 17
    static let int8: UInt32 = 20
    static let int2: UInt32 = 21
    static let int4: UInt32 = 23
    static let text: UInt32 = 25
    static let float4: UInt32 = 700
    static let float8: UInt32 = 701
    static let varchar: UInt32 = 1043
    static let timestamp: UInt32 = 1114
    static let timestamptz: UInt32 = 1184
}

/// A Swift value that can be a statement parameter.
public protocol PostgresEncodable: Sendable {
    var postgresBind: PostgresBind { get }
}

extension String: PostgresEncodable {
    /// Sent untyped, so the server reads it as whatever the statement needs (text, uuid, jsonb…).
    public var postgresBind: PostgresBind { PostgresBind(bytes: Array(utf8), typeOID: 0) }
}

extension Substring: PostgresEncodable {
    public var postgresBind: PostgresBind { PostgresBind(bytes: Array(utf8), typeOID: 0) }
}

extension Int: PostgresEncodable {
    public var postgresBind: PostgresBind { PostgresBind(bytes: Array(String(self).utf8), typeOID: PostgresType.int8) }
}

extension Int64: PostgresEncodable {
    public var postgresBind: PostgresBind { PostgresBind(bytes: Array(String(self).utf8), typeOID: PostgresType.int8) }
}

extension Int32: PostgresEncodable {
    public var postgresBind: PostgresBind { PostgresBind(bytes: Array(String(self).utf8), typeOID: PostgresType.int4) }
}

extension Bool: PostgresEncodable {
    public var postgresBind: PostgresBind { PostgresBind(bytes: self ? [UInt8(ascii: "t")] : [UInt8(ascii: "f")], typeOID: PostgresType.bool) }
}

extension Double: PostgresEncodable {
    public var postgresBind: PostgresBind {
        let text: String
        if isNaN { text = "NaN" } else if isInfinite { text = self < 0 ? "-Infinity" : "Infinity" } else { text = "\(self)" }
        return PostgresBind(bytes: Array(text.utf8), typeOID: PostgresType.float8)
    }
}

extension Array: PostgresEncodable where Element == UInt8 {
    /// `bytea`, sent in binary format.
    public var postgresBind: PostgresBind { PostgresBind(bytes: self, typeOID: PostgresType.bytea, isBinary: true) }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public var postgresBind: PostgresBind {
        switch self {
        case .none: .null
        case .some(let value): value.postgresBind
        }
    }
}
