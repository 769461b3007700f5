import Foundation

/// Creates, resolves and ends sessions. A session id is 256 random bits (base64url) that only
/// the browser's cookie holds; the store sees its SHA-256. A session ends when unused for
/// `idleTimeout` or `absoluteTimeout` after sign-in, whichever comes first.
struct SessionManager: Sendable {
    let store: any SessionStore
    let idleTimeout: TimeInterval
    let absoluteTimeout: TimeInterval
    let now: @Sendable () -> Date
    /// `lastSeenAt` is written at most this often, to spare the store a write per request.
    static let touchInterval: TimeInterval = 60

    /// A new session for `userID`: the cookie value and the stored record.
    func create(userID: String) async throws(AuthError) -> (id: String, session: AuthSession) {
        let id: String
        do { id = Base64URL.encode(try CryptoPrimitives.randomBytes(32)) } catch { throw AuthError(error) }
        let t = now()
        let session = AuthSession(key: Self.key(id), userID: userID, createdAt: t, lastSeenAt: t)
        do { try await store.save(session) } catch { throw AuthError(error) }
        return (id, session)
    }

    /// The live session for cookie value `id`, or nil (unknown, malformed or expired: an expired
    /// one is deleted).
    func resolve(_ id: String) async throws(AuthError) -> AuthSession? {
        guard let raw = Base64URL.decode(id), raw.count == 32 else { return nil }
        let key = Self.key(id)
        do {
            guard var session = try await store.session(key: key) else { return nil }
            // The store is looked up by hash; compare in constant time anyway before trusting it.
            guard CryptoPrimitives.constantTimeEquals(Array(session.key.utf8), Array(key.utf8)) else { return nil }
            let t = now()
            if t.timeIntervalSince(session.lastSeenAt) >= idleTimeout || t.timeIntervalSince(session.createdAt) >= absoluteTimeout {
                try await store.delete(key: key)
                return nil
            }
            if t.timeIntervalSince(session.lastSeenAt) >= Self.touchInterval {
                session.lastSeenAt = t
                try await store.save(session)
            }
            return session
        } catch {
            throw AuthError(error)
        }
    }

    func end(_ id: String) async throws(AuthError) {
        do { try await store.delete(key: Self.key(id)) } catch { throw AuthError(error) }
    }

    /// Seconds the cookie lives: the absolute timeout (the idle timeout is enforced server-side).
    var cookieMaxAge: Int { Int(absoluteTimeout) }

    static func key(_ id: String) -> String { Hex.encode(CryptoPrimitives.sha256(Array(id.utf8))) }
}
