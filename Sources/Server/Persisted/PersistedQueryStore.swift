import Foundation

/// A registered document as a request needs it.
public struct PersistedDocument: Sendable, Equatable {
    /// The exact text whose SHA-256 is the key.
    public var text: String
    /// Registered with `hyperpage persisted add` (runs under `graphql.persisted_only`), rather
    /// than by a client through automatic persisted queries.
    public var trusted: Bool

    public init(text: String, trusted: Bool) {
        self.text = text
        self.trusted = trusted
    }
}

/// One row of `hyperpage persisted list`.
public struct PersistedQueryRecord: Sendable, Equatable {
    public var sha256: String
    public var trusted: Bool
    public var createdAt: Date
    /// When a request last ran it (updated at most once a minute per document); nil: never.
    public var lastUsedAt: Date?

    public init(sha256: String, trusted: Bool, createdAt: Date, lastUsedAt: Date?) {
        self.sha256 = sha256
        self.trusted = trusted
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
    }
}

/// A store failure; `message` never holds document text or database values.
public struct PersistedQueryStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The database failed or is unreachable.
        case unavailable = "PERSISTED_QUERY_STORE_UNAVAILABLE"
    }
    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}

/// Where persisted documents live, by the lowercase hex SHA-256 of their text: PostgreSQL
/// (`persisted_queries`, shared by every pod) or, without a database, one process's memory.
/// Callers pass hashes they computed from the text or checked with `DocumentHash.normalized`.
public protocol PersistedQueryStore: Sendable {
    /// The document registered under `sha256`, recording the use (`last_used_at`, written at
    /// most once a minute per document); nil when there is none.
    func document(sha256: String) async throws(PersistedQueryStoreError) -> PersistedDocument?
    /// Registers `text` under `sha256` unless a document is already there. Returns whether it
    /// was added. Never downgrades a trusted document.
    @discardableResult
    func register(sha256: String, text: String) async throws(PersistedQueryStoreError) -> Bool
    /// Registers trusted documents (`hyperpage persisted add`): each is inserted, or marked
    /// trusted when already registered. All or none.
    func trust(_ documents: [(sha256: String, text: String)]) async throws(PersistedQueryStoreError)
    /// Every registered document, oldest first.
    func list() async throws(PersistedQueryStoreError) -> [PersistedQueryRecord]
    /// Deletes the document under `sha256`; whether there was one.
    func remove(sha256: String) async throws(PersistedQueryStoreError) -> Bool
}
