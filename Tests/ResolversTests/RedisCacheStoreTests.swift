import Foundation
import Redis
import Resolvers
import Testing

/// `RedisCacheStore` against the real redis-server of `scripts/with-test-services.sh`.
@Suite struct RedisCacheStoreTests {
    static func client() throws -> RedisClient {
        guard let url = ProcessInfo.processInfo.environment["HYPERPAGE_TEST_REDIS_URL"], !url.isEmpty else {
            let message = "HYPERPAGE_TEST_REDIS_URL is not set: run the tests through scripts/with-test-services.sh"
            Issue.record(Comment(rawValue: message))
            throw RedisError(code: .invalidURL, message: message)
        }
        return RedisClient(configuration: try RedisConfiguration(url: url))
    }

    static func prefix() -> String { "hp:test:\(UUID().uuidString):" }

    static func entry(_ text: String, retainFor seconds: Double = 3600) -> CacheEntry {
        let now = Date().timeIntervalSince1970
        return CacheEntry(body: Array(text.utf8), headers: [("etag", "\"\(text)\"")], storedAt: now,
                          freshUntil: now + 60, retainUntil: now + seconds)
    }

    @Test func entriesComeBackInKeyOrderWithMisses() async throws {
        let client = try Self.client()
        let store = RedisCacheStore(client: client)
        let p = Self.prefix()
        let a = Self.entry("a"), c = Self.entry("c")
        try await store.store([(p + "a", a), (p + "c", c)])
        let found = try await store.entries(for: [p + "c", p + "b", p + "a", p + "c"])
        #expect(found == [c, nil, a, c])
        #expect(try await store.entries(for: []).isEmpty)
        await client.shutdown()
    }

    @Test func entriesExpireAtRetainUntil() async throws {
        let client = try Self.client()
        let store = RedisCacheStore(client: client)
        let p = Self.prefix()
        try await store.store([(p + "short", Self.entry("short", retainFor: 2)), (p + "long", Self.entry("long")),
                               (p + "minute", Self.entry("minute", retainFor: 60))])
        // PX follows retainUntil (bounds loose enough for a loaded machine).
        let ttl = try await client.send(["PTTL", p + "minute"]).int ?? -1
        #expect(ttl > 30_000 && ttl <= 60_000)
        let gone = await pollUntil { (try? await client.send(["EXISTS", p + "short"]).int) == 0 }
        #expect(gone)
        let found = try await store.entries(for: [p + "short", p + "long"])
        #expect(found[0] == nil)
        #expect(found[1]?.body == Array("long".utf8))
        await client.shutdown()
    }

    @Test func entriesAlreadyPastRetainUntilAreNotWritten() async throws {
        let client = try Self.client()
        let store = RedisCacheStore(client: client)
        let p = Self.prefix()
        try await store.store([(p + "old", Self.entry("old", retainFor: -5))])
        #expect(try await client.send(["EXISTS", p + "old"]).int == 0)
        await client.shutdown()
    }

    @Test func aCorruptValueIsAMiss() async throws {
        let client = try Self.client()
        let store = RedisCacheStore(client: client)
        let p = Self.prefix()
        _ = try await client.send(["SET", p + "junk", "not an entry"])
        try await store.store([(p + "ok", Self.entry("ok"))])
        let found = try await store.entries(for: [p + "junk", p + "ok"])
        #expect(found[0] == nil)
        #expect(found[1]?.body == Array("ok".utf8))
        await client.shutdown()
    }

    @Test func lockIsExclusiveAndOnlyItsHolderReleasesIt() async throws {
        let client = try Self.client()
        let store = RedisCacheStore(client: client)
        let lock = Self.prefix() + "lock"
        #expect(try await store.acquireLock(lock, token: "first", ttl: .seconds(30)))
        #expect(try await store.acquireLock(lock, token: "second", ttl: .seconds(30)) == false)
        try await store.releaseLock(lock, token: "second")
        #expect(try await client.send(["GET", lock]).string == "first")
        try await store.releaseLock(lock, token: "first")
        #expect(try await client.send(["EXISTS", lock]).int == 0)
        #expect(try await store.acquireLock(lock, token: "second", ttl: .seconds(30)))
        await client.shutdown()
    }

    @Test func manyContendersOneWinner() async throws {
        let client = try Self.client()
        let store = RedisCacheStore(client: client)
        let lock = Self.prefix() + "lock"
        let winners = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<50 {
                group.addTask { try await store.acquireLock(lock, token: "t\(index)", ttl: .seconds(30)) ? 1 : 0 }
            }
            return try await group.reduce(0, +)
        }
        #expect(winners == 1)
        await client.shutdown()
    }

    @Test func lockExpiresAfterItsTTL() async throws {
        let client = try Self.client()
        let store = RedisCacheStore(client: client)
        let lock = Self.prefix() + "lock"
        #expect(try await store.acquireLock(lock, token: "a", ttl: .milliseconds(200)))
        let taken = await pollUntil { (try? await store.acquireLock(lock, token: "b", ttl: .seconds(30))) == true }
        #expect(taken)
        try await store.releaseLock(lock, token: "a")
        #expect(try await client.send(["GET", lock]).string == "b")
        await client.shutdown()
    }

    @Test func removesEveryKeyWithThePrefixAndNothingElse() async throws {
        let client = try Self.client()
        let store = RedisCacheStore(client: client)
        let p = Self.prefix()
        let github = (0..<1200).map { (key: "\(p)github:\($0)", entry: Self.entry("g\($0)")) }
        try await store.store(github)
        try await store.store([(p + "gitlab:1", Self.entry("l")), (p + "githubx", Self.entry("x"))])
        try await store.removeEntries(withPrefix: p + "github:")
        let left = try await store.entries(for: github.map(\.key) + [p + "gitlab:1", p + "githubx"])
        #expect(left.dropLast(2).allSatisfy { $0 == nil })
        #expect(left.suffix(2).allSatisfy { $0 != nil })
        await client.shutdown()
    }

    @Test func globCharactersInThePrefixAreLiteral() async throws {
        let client = try Self.client()
        let store = RedisCacheStore(client: client)
        let p = Self.prefix()
        try await store.store([(p + "a*[b]?\\:1", Self.entry("1")), (p + "aX[b]?\\:2", Self.entry("2")),
                               (p + "a*b?\\:3", Self.entry("3"))])
        try await store.removeEntries(withPrefix: p + "a*[b]?\\:")
        let left = try await store.entries(for: [p + "a*[b]?\\:1", p + "aX[b]?\\:2", p + "a*b?\\:3"])
        #expect(left[0] == nil)
        #expect(left[1] != nil)
        #expect(left[2] != nil)
        await client.shutdown()
    }

    @Test func redisAwayIsUnavailable() async throws {
        // Nothing listens on port 1 of loopback.
        let client = RedisClient(configuration: try RedisConfiguration(url: "redis://127.0.0.1:1"))
        let store = RedisCacheStore(client: client)
        do throws(CacheStoreError) {
            _ = try await store.entries(for: ["hp:x"])
            Issue.record("a store without Redis answered")
        } catch {
            #expect(error.code == .unavailable)
        }
        await client.shutdown()
    }

    private func pollUntil(_ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}
