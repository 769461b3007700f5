/// One RESP2 reply, as hiredis parsed it.
public enum RedisReply: Sendable, Equatable {
    /// A simple string (`+OK`).
    case status(String)
    /// An error reply (`-ERR …`). `RedisClient.send` throws these as `.server`; inside a
    /// pipeline they come back as values so that one failing command does not hide the others.
    case error(String)
    case integer(Int64)
    /// A bulk string: arbitrary bytes.
    case bulk([UInt8])
    /// A nil bulk string or nil array (`GET` of a missing key, `SET NX` that did not set).
    case null
    case array([RedisReply])

    /// The text of a status or a bulk string that is valid UTF-8.
    public var string: String? {
        switch self {
        case .status(let text): text
        case .bulk(let bytes): String(validating: bytes, as: UTF8.self)
        default: nil
        }
    }

    /// An integer reply, or a status/bulk string holding a decimal integer (`SCAN`'s cursor).
    public var int: Int64? {
        switch self {
        case .integer(let value): value
        case .status, .bulk: string.flatMap { Int64($0) }
        default: nil
        }
    }

    /// The bytes of a bulk string (or of a status).
    public var bytes: [UInt8]? {
        switch self {
        case .bulk(let bytes): bytes
        case .status(let text): Array(text.utf8)
        default: nil
        }
    }

    /// The elements of an array reply.
    public var array: [RedisReply]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    public var isNull: Bool { self == .null }
}
