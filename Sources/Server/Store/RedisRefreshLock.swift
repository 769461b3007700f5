import Foundation
import Redis

/// `RefreshLock` across every pod: `SET key token NX PX ttl`, released by a compare-and-delete
/// script so a holder whose lock expired never releases the next holder's.
public final class RedisRefreshLock: RefreshLock {
    let client: RedisClient
    let prefix: String

    public init(client: RedisClient, prefix: String = "hyperpage:") {
        self.client = client
        self.prefix = prefix
    }

    static let compareAndDelete = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end"

    public func acquire(_ key: String, ttl: Duration) async throws(AuthStoreError) -> String? {
        let token = UUID().uuidString
        do {
            let reply = try await client.send(["SET", prefix + key, token, "NX", "PX", String(RedisSessionStore.milliseconds(ttl))])
            return reply == .status("OK") ? token : nil
        } catch {
            throw AuthStoreError(code: .unavailable, message: "Redis could not take the refresh lock (\(error.code)).")
        }
    }

    public func release(_ key: String, token: String) async {
        // A lock that cannot be released expires by itself after its ttl.
        _ = try? await client.send(["EVAL", Self.compareAndDelete, "1", prefix + key, token])
    }
}
