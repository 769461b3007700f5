import Foundation
import Logging
import Redis

/// `CacheStore` on Redis, shared by every pod. Values are `CacheEntryCodec` bytes under the
/// callers' keys (`hp:cache:…`, see docs/redis.md), each with a Redis expiry at its
/// `retainUntil`, so Redis itself forgets what nobody may serve any more.
///
/// Every method is one round trip: `MGET`; one pipeline of `SET … PX`; `SET NX PX`; an `EVAL`
/// compare-and-delete. Only `removeEntries(withPrefix:)` walks the keyspace (`SCAN` + `UNLINK`,
/// without blocking the server). Redis errors become `.unavailable` or `.timeout`, which callers
/// treat as a miss; an unreadable value is a miss too (logged as `.corruptEntry`).
public struct RedisCacheStore: CacheStore {
    private let client: RedisClient
    private let now: @Sendable () -> Double
    private let logger: Logger

    /// - Parameter now: the current Unix time in seconds (for the `PX` of each entry).
    public init(client: RedisClient, logger: Logger = Logger(label: "hyperpage.cache.redis"),
                now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.client = client
        self.logger = logger
        self.now = now
    }

    public func entries(for keys: [String]) async throws(CacheStoreError) -> [CacheEntry?] {
        guard !keys.isEmpty else { return [] }
        let reply = try await run { () async throws(RedisError) in try await client.send(["MGET"] + keys) }
        guard let values = reply.array, values.count == keys.count else {
            throw CacheStoreError(code: .unavailable, message: "MGET answered with an unexpected reply")
        }
        let time = now()
        return zip(keys, values).map { key, value -> CacheEntry? in
            guard case .bulk(let bytes) = value else { return nil }
            do throws(CacheStoreError) {
                let entry = try CacheEntryCodec.decode(bytes)
                return entry.retainUntil > time ? entry : nil
            } catch {
                logger.warning("unreadable cache entry treated as a miss", metadata: [
                    "hyperpage.cache.key": "\(key)", "hyperpage.error.code": "\(error.code.rawValue)",
                ])
                return nil
            }
        }
    }

    public func store(_ entries: [(key: String, entry: CacheEntry)]) async throws(CacheStoreError) {
        let time = now()
        let commands: [[[UInt8]]] = entries.compactMap { key, entry in
            let milliseconds = ((entry.retainUntil - time) * 1000).rounded(.up)
            guard milliseconds >= 1 else { return nil }
            return [Array("SET".utf8), Array(key.utf8), CacheEntryCodec.encode(entry),
                    Array("PX".utf8), Array(String(Int(min(milliseconds, 1e15))).utf8)]
        }
        guard !commands.isEmpty else { return }
        let replies = try await run { () async throws(RedisError) in try await client.pipeline(commands) }
        if let failure = replies.first(where: { if case .error = $0 { true } else { false } }),
           case .error(let text) = failure {
            throw CacheStoreError(code: .unavailable, message: "Redis refused a write: \(text)")
        }
    }

    public func acquireLock(_ key: String, token: String, ttl: Duration) async throws(CacheStoreError) -> Bool {
        let milliseconds = max(1, ttl.components.seconds * 1000 + ttl.components.attoseconds / 1_000_000_000_000_000)
        let reply = try await run { () async throws(RedisError) in
            try await client.send(["SET", key, token, "NX", "PX", String(milliseconds)])
        }
        return reply == .status("OK")
    }

    /// Deletes the lock only when `token` still holds it (a holder whose lock expired and was
    /// taken by another must not release the other's lock).
    public func releaseLock(_ key: String, token: String) async throws(CacheStoreError) {
        _ = try await run { () async throws(RedisError) in
            try await client.send(["EVAL", Self.compareAndDelete, "1", key, token])
        }
    }

    public func removeEntries(withPrefix prefix: String) async throws(CacheStoreError) {
        let pattern = Self.escapeGlob(prefix) + "*"
        var cursor = "0"
        repeat {
            let reply = try await run { () async throws(RedisError) in
                try await client.send(["SCAN", cursor, "MATCH", pattern, "COUNT", "500"])
            }
            guard let parts = reply.array, parts.count == 2, let next = parts[0].string, let keys = parts[1].array else {
                throw CacheStoreError(code: .unavailable, message: "SCAN answered with an unexpected reply")
            }
            let names = keys.compactMap(\.bytes)
            if !names.isEmpty {
                _ = try await run { () async throws(RedisError) in
                    try await client.send(bytes: [Array("UNLINK".utf8)] + names)
                }
            }
            cursor = next
        } while cursor != "0"
    }

    static let compareAndDelete = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0
        """

    /// The prefix with Redis glob metacharacters escaped, so `MATCH` takes it literally.
    static func escapeGlob(_ prefix: String) -> String {
        var out = ""
        for character in prefix {
            if "*?[]\\^".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    private func run<T>(_ body: () async throws(RedisError) -> T) async throws(CacheStoreError) -> T {
        do {
            return try await body()
        } catch {
            let code: CacheStoreError.Code = error.code == .timeout ? .timeout : .unavailable
            throw CacheStoreError(code: code, message: "Redis: \(error.message)")
        }
    }
}
