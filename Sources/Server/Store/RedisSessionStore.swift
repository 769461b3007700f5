import Foundation
import Redis

/// `SessionStore` in Redis, shared by every pod (preferred over PostgreSQL when `cache.redis_url`
/// is set: a session is read on every request).
///
/// - `hyperpage:session:<hex SHA-256 of the id>` holds `userID`, `createdAt`, `lastSeenAt` (Unix
///   seconds) on three lines, with a `PX` expiry at the earlier of the idle and absolute ends, so
///   Redis drops sessions nobody uses. The session id itself is never stored.
/// - `hyperpage:user-sessions:<userID>` is a set of that user's session keys, for `deleteAll`.
public final class RedisSessionStore: SessionStore {
    let client: RedisClient
    let prefix: String
    let idleTimeout: TimeInterval
    let absoluteTimeout: TimeInterval
    let now: @Sendable () -> Date

    public init(client: RedisClient, idleTimeout: Duration, absoluteTimeout: Duration, prefix: String = "hyperpage:",
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.client = client
        self.prefix = prefix
        self.idleTimeout = AuthService.seconds(idleTimeout)
        self.absoluteTimeout = AuthService.seconds(absoluteTimeout)
        self.now = now
    }

    private func sessionKey(_ key: String) -> String { prefix + "session:" + key }
    private func userKey(_ userID: String) -> String { prefix + "user-sessions:" + userID }

    public func save(_ session: AuthSession) async throws(AuthStoreError) {
        let end = min(session.lastSeenAt.addingTimeInterval(idleTimeout), session.createdAt.addingTimeInterval(absoluteTimeout))
        let ttl = max(1, Int64((end.timeIntervalSince(now()) * 1000).rounded(.up)))
        let value = "\(session.userID)\n\(session.createdAt.timeIntervalSince1970)\n\(session.lastSeenAt.timeIntervalSince1970)"
        let commands: [[String]] = [
            ["SET", sessionKey(session.key), value, "PX", String(ttl)],
            ["SADD", userKey(session.userID), session.key],
            // The index outlives every session it lists: a full absolute lifetime from now.
            ["PEXPIRE", userKey(session.userID), String(max(ttl, Int64(absoluteTimeout * 1000)))],
        ]
        let replies: [RedisReply]
        do {
            replies = try await client.pipeline(commands.map { $0.map { Array($0.utf8) } })
        } catch {
            throw AuthStoreError(code: .unavailable, message: "Redis could not save a session (\(error.code)).")
        }
        if replies.first.map({ if case .error = $0 { true } else { false } }) ?? true {
            throw AuthStoreError(code: .unavailable, message: "Redis refused to save a session.")
        }
    }

    public func session(key: String) async throws(AuthStoreError) -> AuthSession? {
        let reply: RedisReply
        do { reply = try await client.send(["GET", sessionKey(key)]) } catch {
            throw AuthStoreError(code: .unavailable, message: "Redis could not read a session (\(error.code)).")
        }
        guard case .bulk(let bytes) = reply else { return nil }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count == 3, let created = Double(lines[1]), let seen = Double(lines[2]) else { return nil }
        return AuthSession(key: key, userID: String(lines[0]), createdAt: Date(timeIntervalSince1970: created),
                           lastSeenAt: Date(timeIntervalSince1970: seen))
    }

    public func delete(key: String) async throws(AuthStoreError) {
        // The user index keeps the stale member until it expires; deleteAll tolerates that.
        do { _ = try await client.send(["DEL", sessionKey(key)]) } catch {
            throw AuthStoreError(code: .unavailable, message: "Redis could not delete a session (\(error.code)).")
        }
    }

    public func deleteAll(userID: String) async throws(AuthStoreError) {
        do {
            let reply = try await client.send(["SMEMBERS", userKey(userID)])
            guard case .array(let members) = reply else { return }
            let keys = members.compactMap(\.string).map(sessionKey)
            _ = try await client.send(["DEL", userKey(userID)] + keys)
        } catch {
            throw AuthStoreError(code: .unavailable, message: "Redis could not delete sessions (\(error.code)).")
        }
    }

    static func milliseconds(_ d: Duration) -> Int64 {
        max(1, d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000)
    }
}
