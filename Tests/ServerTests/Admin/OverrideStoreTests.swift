import Foundation
import Logging
import Postgres
import Resolvers
import Testing
@testable import Server

/// `tool_overrides` in a real PostgreSQL: a change keeps the other field, names its author, and
/// an emptied override disappears; a pod that never hears the `hp:events` message still
/// converges by its periodic re-read.
@Suite struct OverrideStoreTests {
    @Test func changesKeepTheOtherFieldAndNameTheirAuthor() async throws {
        try await StoreTestDatabase.run { database in
            let pool = try await PostgresAuthStoreTests.migratedPool(database)
            do {
                try await storeBody(pool)
            } catch {
                await pool.shutdown()
                throw error
            }
            await pool.shutdown()
        }
    }

    func storeBody(_ pool: PostgresPool) async throws {
        let store = PostgresToolOverrideStore(pool: pool)
        let user = AuthUser(id: "admin-public-id", name: "Admin", email: nil, avatarURL: nil, createdAt: Date())
        try await PostgresUserStore(pool: pool).save(user)
        #expect(try await store.overrides().isEmpty)

        let first = try await store.apply(.enabled(false), tool: "gitlab", by: nil)
        #expect(first.old == nil)
        #expect(first.new?.enabled == false && first.new?.updatedBy == nil)
        let second = try await store.apply(.refreshInterval(seconds: 300), tool: "gitlab", by: user.id)
        #expect(second.old?.enabled == false)
        #expect(second.new?.enabled == false && second.new?.refreshIntervalSeconds == 300)
        let listed = try await store.overrides()
        #expect(listed.count == 1)
        #expect(listed.first?.updatedBy == user.id)
        #expect(listed.first?.refreshIntervalSeconds == 300)

        // The table's CHECK backs up the resolvers' range check.
        await #expect(throws: AdminStoreError.self) { try await store.apply(.refreshInterval(seconds: 5), tool: "gitlab", by: nil) }
        #expect(try await store.overrides().first?.refreshIntervalSeconds == 300)

        let cleared = try await store.apply(.clear, tool: "gitlab", by: user.id)
        #expect(cleared.old?.refreshIntervalSeconds == 300 && cleared.new == nil)
        #expect(try await store.overrides().isEmpty)
        #expect(try await pool.query("SELECT count(*)::bigint AS n FROM tool_overrides").rows.first?.decode("n", as: Int.self) == 0)
    }

    @Test func aPodWithoutTheEventConvergesByItsPeriodicReread() async throws {
        try await StoreTestDatabase.run { database in
            let pool = try await PostgresAuthStoreTests.migratedPool(database)
            let transport = CurlTransport()
            do {
                try await convergence(pool, transport)
            } catch {
                transport.shutdown()
                await pool.shutdown()
                throw error
            }
            transport.shutdown()
            await pool.shutdown()
        }
    }

    func convergence(_ pool: PostgresPool, _ transport: CurlTransport) async throws {
        let endpoints = ToolEndpoints(github: GitHubEndpoint(apiURL: "http://127.0.0.1:9", token: "unused"))
        let podA = ToolRuntime(endpoints: endpoints, transport: transport)
        let podB = ToolRuntime(endpoints: endpoints, transport: transport)
        let logger = Logger(label: "test")
        // No cluster: pod A's change is never announced to pod B.
        let a = ToolOverrideManager(store: PostgresToolOverrideStore(pool: pool), tools: podA, cluster: nil, audit: .none, logger: logger)
        let b = ToolOverrideManager(store: PostgresToolOverrideStore(pool: pool), tools: podB, cluster: nil, audit: .none,
                                    interval: .milliseconds(200), logger: logger)
        let rereading = Task { try await b.run() }
        defer { rereading.cancel() }

        _ = try await a.change(.enabled(false), tool: "github", actor: nil)
        #expect(podA.overrides.disabledTools == ["github"])
        let off = await ClusterHarness.eventually(timeout: .seconds(20)) { podB.overrides.disabledTools == ["github"] }
        #expect(off)
        #expect(podB.makeContext(deadline: .now + .seconds(5)).disabledTools == ["github"])

        _ = try await a.change(.refreshInterval(seconds: 45), tool: "github", actor: nil)
        let ttl = await ClusterHarness.eventually(timeout: .seconds(20)) {
            CacheKind.all.filter { $0.tool == "github" }.allSatisfy { podB.cachePolicy.ttl(for: $0) == .seconds(45) }
        }
        #expect(ttl)

        _ = try await a.change(.clear, tool: "github", actor: nil)
        let back = await ClusterHarness.eventually(timeout: .seconds(20)) { podB.overrides.all.isEmpty && podB.overrides.disabledTools.isEmpty }
        #expect(back)
    }
}
