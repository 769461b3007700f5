import Foundation
import Postgres

/// `PersistedQueryStore` over `persisted_queries` (migrations/0001_initial.sql), shared by every
/// pod. Reads go through `PersistedQueryMemo` in the server, so a hot hash costs no round trip.
///
/// `document(sha256:)` reads the row and records the use in one statement; `last_used_at` is
/// only written when it is older than `touchInterval` (a minute), so a document used by every
/// request of every pod costs at most one write a minute.
public final class PostgresPersistedQueryStore: PersistedQueryStore {
    let pool: PostgresPool
    /// How stale `last_used_at` may get before a read updates it, in whole seconds.
    let touchIntervalSeconds: Int

    public init(pool: PostgresPool, touchInterval: Duration = .seconds(60)) {
        self.pool = pool
        touchIntervalSeconds = max(0, Int(touchInterval.components.seconds))
    }

    public func document(sha256: String) async throws(PersistedQueryStoreError) -> PersistedDocument? {
        do {
            // The UPDATE and the SELECT see the same snapshot: the row read is the one before
            // the touch, which does not change `document` or `trusted`.
            let rows = try await pool.query("""
                WITH touched AS (
                    UPDATE persisted_queries SET last_used_at = now()
                    WHERE sha256 = \(sha256)
                      AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => \(touchIntervalSeconds)))
                    RETURNING sha256
                )
                SELECT document, trusted FROM persisted_queries WHERE sha256 = \(sha256)
                """).rows
            guard let row = rows.first else { return nil }
            return PersistedDocument(text: try row.decode("document"), trusted: try row.decode("trusted"))
        } catch {
            throw Self.storeError(error, "read a persisted query")
        }
    }

    @discardableResult
    public func register(sha256: String, text: String) async throws(PersistedQueryStoreError) -> Bool {
        do {
            return try await pool.query("""
                INSERT INTO persisted_queries (sha256, document, trusted, last_used_at) VALUES (\(sha256), \(text), false, now())
                ON CONFLICT (sha256) DO NOTHING
                """).affectedRows == 1
        } catch {
            throw Self.storeError(error, "register a persisted query")
        }
    }

    public func trust(_ documents: [(sha256: String, text: String)]) async throws(PersistedQueryStoreError) {
        do {
            try await pool.withTransaction { tx in
                for (sha256, text) in documents {
                    try await tx.query("""
                        INSERT INTO persisted_queries (sha256, document, trusted) VALUES (\(sha256), \(text), true)
                        ON CONFLICT (sha256) DO UPDATE SET trusted = true
                        """)
                }
            }
        } catch let error as PostgresError {
            throw Self.storeError(error, "register trusted documents")
        } catch {
            throw PersistedQueryStoreError(code: .unavailable, message: "The database could not register trusted documents.")
        }
    }

    public func list() async throws(PersistedQueryStoreError) -> [PersistedQueryRecord] {
        do {
            return try await pool.query("""
                SELECT sha256, trusted, created_at, last_used_at FROM persisted_queries ORDER BY created_at, sha256
                """).rows.map { row throws(PostgresError) in
                PersistedQueryRecord(sha256: try row.decode("sha256"), trusted: try row.decode("trusted"),
                                     createdAt: try row.decode("created_at"), lastUsedAt: try row.decode("last_used_at"))
            }
        } catch {
            throw Self.storeError(error, "list persisted queries")
        }
    }

    public func remove(sha256: String) async throws(PersistedQueryStoreError) -> Bool {
        do {
            return try await pool.query("DELETE FROM persisted_queries WHERE sha256 = \(sha256)").affectedRows == 1
        } catch {
            throw Self.storeError(error, "remove a persisted query")
        }
    }

    /// The client's code and SQLSTATE, never values (`PostgresError` already drops the
    /// server's message text).
    static func storeError(_ error: PostgresError, _ operation: String) -> PersistedQueryStoreError {
        var detail = error.code.rawValue
        if let state = error.sqlState { detail += ", SQLSTATE \(state)" }
        return PersistedQueryStoreError(code: .unavailable, message: "The database could not \(operation) (\(detail)).")
    }
}
