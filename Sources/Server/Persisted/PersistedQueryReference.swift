import Schema

/// `extensions.persistedQuery` of a request, the automatic-persisted-query protocol Apollo
/// clients speak: `{"version": 1, "sha256Hash": "<64 hex digits>"}`, the hash being the
/// SHA-256 of the document's UTF-8 text. See docs/persisted-queries.md.
public struct PersistedQueryReference: Sendable, Equatable {
    /// The only protocol version there is.
    public static let version = 1

    /// The SHA-256 in lowercase hex (clients may send uppercase digits; they are lowered).
    public let sha256: String

    public init(sha256: String) { self.sha256 = sha256 }

    /// The reference in `extensions`, nil when there is none (absent or `null`). Wrong types
    /// are malformed requests naming the field; a version other than 1 is refused with
    /// `PERSISTED_QUERY_VERSION_NOT_SUPPORTED` (checked before the hash, whose form a later
    /// version may change).
    init?(extensions: ObjectValue) throws(MalformedRequest) {
        let field = "extensions.persistedQuery"
        switch extensions["persistedQuery"] {
        case nil, .null?:
            return nil
        case .object(let object)?:
            let version: Int
            switch object["version"] {
            case .int(let v)?: version = v
            case .float(let v)? where v == v.rounded() && abs(v) < 1e9: version = Int(v)
            case nil, .null?:
                throw MalformedRequest(message: "The \"\(field).version\" field is missing: it must be the integer 1.")
            default:
                throw MalformedRequest(message: "The \"\(field).version\" field must be an integer (1).")
            }
            guard version == Self.version else {
                throw MalformedRequest(
                    message: "Persisted query version \(version) is not supported: this server speaks version \(Self.version).",
                    code: PersistedQueryErrorCode.versionNotSupported)
            }
            guard case .string(let hash)? = object["sha256Hash"] else {
                throw MalformedRequest(message: object["sha256Hash"].map { $0.isNull } ?? true
                    ? "The \"\(field).sha256Hash\" field is missing: it must be the SHA-256 of the query, in hex."
                    : "The \"\(field).sha256Hash\" field must be a string: the SHA-256 of the query, in hex.")
            }
            guard let normalized = DocumentHash.normalized(hash) else {
                throw MalformedRequest(message: "The \"\(field).sha256Hash\" field must be 64 hexadecimal digits (a SHA-256).")
            }
            self.init(sha256: normalized)
        default:
            throw MalformedRequest(message: "The \"\(field)\" field must be a JSON object with \"version\" and \"sha256Hash\".")
        }
    }
}
