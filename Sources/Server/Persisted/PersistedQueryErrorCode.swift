import Schema

/// Codes of the persisted-query errors (in `errors[].extensions.code`). The not-found error's
/// message is exactly `PersistedQueryNotFound`: Apollo clients retry with the full text when
/// they see that message or this code (docs/persisted-queries.md).
public enum PersistedQueryErrorCode {
    /// A hash alone that no document is registered under: send it again with `query`.
    public static let notFound = ErrorCode(rawValue: "PERSISTED_QUERY_NOT_FOUND")
    /// `sha256Hash` is not the SHA-256 of `query` (answered 400).
    public static let hashMismatch = ErrorCode(rawValue: "PERSISTED_QUERY_HASH_MISMATCH")
    /// `persistedQuery.version` is not 1 (answered 400).
    public static let versionNotSupported = ErrorCode(rawValue: "PERSISTED_QUERY_VERSION_NOT_SUPPORTED")
    /// `graphql.persisted_only` is on and the operation is not a trusted document.
    public static let notTrusted = ErrorCode(rawValue: "PERSISTED_QUERY_NOT_TRUSTED")
    /// The store of persisted documents (PostgreSQL) could not be read.
    public static let unavailable = ErrorCode(rawValue: "PERSISTED_QUERY_UNAVAILABLE")

    /// The message Apollo clients match on.
    public static let notFoundMessage = "PersistedQueryNotFound"
}
