import Foundation
import Postgres
import Redis
import Testing
@testable import Server

/// Sessions and the refresh lock in a real Redis (`HYPERPAGE_TEST_REDIS_URL`), and a sign-in whose
/// user lives in PostgreSQL and whose session lives in Redis.
@Suite struct RedisAuthStoreTests {
    struct MissingServer: Error, CustomStringConvertible {
        var description: String { "HYPERPAGE_TEST_REDIS_URL is not set: run the tests through scripts/with-test-services.sh" }
    }

    static func client() throws -> RedisClient {
        guard let url = ProcessInfo.processInfo.environment["HYPERPAGE_TEST_REDIS_URL"], !url.isEmpty else {
            Issue.record("HYPERPAGE_TEST_REDIS_URL is not set: run the tests through scripts/with-test-services.sh")
            throw MissingServer()
        }
        return RedisClient(configuration: try RedisConfiguration(url: url))
    }

    static func sessionKey(_ id: String) -> String { Hex.encode(CryptoPrimitives.sha256(Array(id.utf8))) }

    @Test func sessionsExpireAndEndPerUser() async throws {
        let client = try Self.client()
        do {
            try await sessions(client)
        } catch {
            await client.shutdown()
            throw error
        }
        await client.shutdown()
    }

    func sessions(_ client: RedisClient) async throws {
        let prefix = "hp-test-\(UUID().uuidString):"
        let store = RedisSessionStore(client: client, idleTimeout: .seconds(3600), absoluteTimeout: .seconds(7200), prefix: prefix)
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded())
        let first = AuthSession(key: Self.sessionKey("one"), userID: "ada", createdAt: now, lastSeenAt: now)
        let second = AuthSession(key: Self.sessionKey("two"), userID: "ada", createdAt: now, lastSeenAt: now)
        let other = AuthSession(key: Self.sessionKey("three"), userID: "grace", createdAt: now, lastSeenAt: now)
        for session in [first, second, other] { try await store.save(session) }
        #expect(try await store.session(key: first.key) == first)
        // Expires with the idle timeout (the earlier end), set in milliseconds.
        let ttl = try #require(try await client.send(["PTTL", prefix + "session:" + first.key]).int)
        #expect(ttl > 3_500_000 && ttl <= 3_600_000)
        // The stored value holds no session id, only the user and times.
        if case .bulk(let bytes) = try await client.send(["GET", prefix + "session:" + first.key]) {
            #expect(!String(decoding: bytes, as: UTF8.self).contains("one"))
        }
        try await store.delete(key: first.key)
        #expect(try await store.session(key: first.key) == nil)
        try await store.deleteAll(userID: "ada")
        #expect(try await store.session(key: second.key) == nil)
        #expect(try await store.session(key: other.key) == other)
        try await store.deleteAll(userID: "grace")
    }

    @Test func theRefreshLockIsExclusiveAcrossClients() async throws {
        let a = try Self.client(), b = try Self.client()
        do {
            try await refreshLock(a, b)
        } catch {
            await a.shutdown()
            await b.shutdown()
            throw error
        }
        await a.shutdown()
        await b.shutdown()
    }

    func refreshLock(_ a: RedisClient, _ b: RedisClient) async throws {
        let prefix = "hp-test-\(UUID().uuidString):"
        let podA = RedisRefreshLock(client: a, prefix: prefix), podB = RedisRefreshLock(client: b, prefix: prefix)
        let held = try #require(try await podA.acquire("auth:refresh:gitlab:ada", ttl: .seconds(30)))
        #expect(try await podB.acquire("auth:refresh:gitlab:ada", ttl: .seconds(30)) == nil)
        // Another holder's token does not release it.
        await podB.release("auth:refresh:gitlab:ada", token: "not-the-token")
        #expect(try await podB.acquire("auth:refresh:gitlab:ada", ttl: .seconds(30)) == nil)
        await podA.release("auth:refresh:gitlab:ada", token: held)
        let next = try await podB.acquire("auth:refresh:gitlab:ada", ttl: .seconds(30))
        #expect(next != nil)
        if let next { await podB.release("auth:refresh:gitlab:ada", token: next) }
    }

    @Test func aSignInKeepsItsSessionInRedisAndItsUserInPostgreSQL() async throws {
        let client = try Self.client()
        do {
            try await StoreTestDatabase.run { database in try await redisSessions(client, database) }
        } catch {
            await client.shutdown()
            throw error
        }
        await client.shutdown()
    }

    func redisSessions(_ client: RedisClient, _ database: StoreTestDatabase) async throws {
        let pool = try await PostgresAuthStoreTests.migratedPool(database)
        let stores = AuthStoreSet.make(database: pool, redis: client, settings: HyperpageConfig().auth)
        #expect(stores.sessionBackend == "redis" && stores.durableBackend == "postgresql")
        let h = try await AuthTestHarness.start(stores: stores)
        do {
            let session = try await h.signIn(.github)
            let viewer = try await h.graphql("{ viewer { name } }", session: session)
            #expect(viewer["data"]?["viewer"]?["name"] == .string("Demo User"))
            #expect(try await client.send(["EXISTS", "hyperpage:session:" + SessionManager.key(session)]).int == 1)
            #expect(try await pool.query("SELECT count(*) AS n FROM sessions").rows.first?.decode("n", as: Int.self) == 0)
            #expect(try await pool.query("SELECT count(*) AS n FROM users").rows.first?.decode("n", as: Int.self) == 1)
            _ = try await h.http("POST", "/auth/logout", cookies: [Cookies.session: session])
            #expect(try await client.send(["EXISTS", "hyperpage:session:" + SessionManager.key(session)]).int == 0)
        } catch {
            await h.stop()
            await pool.shutdown()
            throw error
        }
        await h.stop()
        await pool.shutdown()
    }
}
