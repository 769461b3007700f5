import Foundation
import Postgres

/// `SessionStore` over `sessions` (used when Redis is not configured). The row is keyed by the
/// SHA-256 of the session id (`AuthSession.key`, stored as 32 bytes): a copy of the table cannot
/// be replayed as cookies. `idle_expires_at` and `absolute_expires_at` are written from the
/// configured timeouts so expired rows can be purged; whether a session is live is still decided
/// by `SessionManager`.
public final class PostgresSessionStore: SessionStore {
    let pool: PostgresPool
    let idleTimeout: TimeInterval
    let absoluteTimeout: TimeInterval

    public init(pool: PostgresPool, idleTimeout: Duration, absoluteTimeout: Duration) {
        self.pool = pool
        self.idleTimeout = AuthService.seconds(idleTimeout)
        self.absoluteTimeout = AuthService.seconds(absoluteTimeout)
    }

    public func save(_ session: AuthSession) async throws(AuthStoreError) {
        guard let hash = Self.hash(session.key) else {
            throw AuthStoreError(code: .unavailable, message: "A session key must be a hex SHA-256.")
        }
        let idle = session.lastSeenAt.addingTimeInterval(idleTimeout)
        let absolute = session.createdAt.addingTimeInterval(absoluteTimeout)
        do {
            if session.lastSeenAt == session.createdAt {
                // A new session: a cheap moment to drop the ones nobody will resolve again.
                try await pool.query("DELETE FROM sessions WHERE absolute_expires_at < now()")
            }
            let result = try await pool.query("""
                INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, idle_expires_at, absolute_expires_at)
                SELECT \(hash), id, \(session.createdAt), \(session.lastSeenAt), \(idle), \(absolute) FROM users WHERE public_id = \(session.userID)
                ON CONFLICT (id_hash) DO UPDATE
                SET last_seen_at = EXCLUDED.last_seen_at, idle_expires_at = EXCLUDED.idle_expires_at
                """)
            guard result.affectedRows == 1 else {
                throw AuthStoreError(code: .unavailable, message: "The session's user is not stored.")
            }
        } catch let error as PostgresError {
            throw PostgresStoreSupport.storeError(error, "save a session")
        } catch let error as AuthStoreError {
            throw error
        } catch {
            throw AuthStoreError(code: .unavailable, message: "The database could not save a session.")
        }
    }

    public func session(key: String) async throws(AuthStoreError) -> AuthSession? {
        guard let hash = Self.hash(key) else { return nil }
        do {
            let rows = try await pool.query("""
                SELECT u.public_id, s.created_at, s.last_seen_at FROM sessions s JOIN users u ON u.id = s.user_id
                WHERE s.id_hash = \(hash)
                """).rows
            guard let row = rows.first else { return nil }
            return AuthSession(key: Hex.encode(hash), userID: try row.decode("public_id"), createdAt: try row.decode("created_at"),
                               lastSeenAt: try row.decode("last_seen_at"))
        } catch {
            throw PostgresStoreSupport.storeError(error, "read a session")
        }
    }

    public func delete(key: String) async throws(AuthStoreError) {
        guard let hash = Self.hash(key) else { return }
        do { try await pool.query("DELETE FROM sessions WHERE id_hash = \(hash)") } catch {
            throw PostgresStoreSupport.storeError(error, "delete a session")
        }
    }

    public func deleteAll(userID: String) async throws(AuthStoreError) {
        do {
            try await pool.query("DELETE FROM sessions s USING users u WHERE u.id = s.user_id AND u.public_id = \(userID)")
        } catch {
            throw PostgresStoreSupport.storeError(error, "delete sessions")
        }
    }

    /// The 32 bytes behind a hex session key; nil for anything else.
    static func hash(_ key: String) -> [UInt8]? {
        guard let bytes = PostgresStoreSupport.hexBytes(key), bytes.count == 32 else { return nil }
        return bytes
    }
}
