import Fakes
import Foundation
import Postgres
import Schema
import Testing
@testable import Server

/// Admin overrides made through one `hyperpage serve` process reach a second one sharing the
/// PostgreSQL database and the Redis: pod B stops calling a tool pod A switched off (counted at
/// the fake), says so in `extensions.sources`, starts again when it is switched back on, and
/// shows a new refresh interval in `toolSettings`.
@Suite(.serialized) struct OverrideClusterTests {
    static let adminToken = "override-test-admin-token"
    static let viewer = "{ github { viewer { login } } }"

    @Test func anOverrideMadeOnPodAIsAppliedByPodB() async throws {
        try await StoreTestDatabase.run { database in
            let pool = try await PostgresAuthStoreTests.migratedPool(database)
            await pool.shutdown()
            let redis = try ClusterRedisServer()
            try redis.start()
            let github = try await FakeToolServer.start(.github)
            let directory = try makeTemporaryFolder("hyperpage-overrides")
            let config = directory.appendingPathComponent("hyperpage.yaml")
            try """
                server: { host: 127.0.0.1, port: 0, admin_token: "${HYPERPAGE_ADMIN_TOKEN}" }
                graphql: { schema_dir: "\(ServeProcessTests.packageRoot.appendingPathComponent("schema").path)" }
                database: { url: "${HYPERPAGE_DATABASE_URL}", migrations_dir: "\(PostgresAuthStoreTests.migrations)" }
                cache: { redis_url: "\(redis.url)", key_secret: "${HYPERPAGE_CACHE_KEY_SECRET}", default_ttl: 60s }
                cluster: { heartbeat_interval: 200ms, leader_lease: 1s }
                tools:
                  github: { enabled: true, api_url: "\(github.apiURL)", token: "${GITHUB_TOKEN}" }
                  code_reviews: { enabled: true }
                """.write(to: config, atomically: true, encoding: .utf8)
            guard let binary = ServeProcessTests.binary else { throw ClusterHarness.MissingBinary() }
            let environment = ["GITHUB_TOKEN": FakeCredentials.githubToken, "HYPERPAGE_ADMIN_TOKEN": Self.adminToken,
                               "HYPERPAGE_CACHE_KEY_SECRET": "override-test-\(UUID().uuidString)",
                               "HYPERPAGE_DATABASE_URL": database.url]
            var pods: [ClusterPod] = []
            do {
                pods.append(try ClusterPod(binary: binary, config: config, environment: environment))
                pods.append(try ClusterPod(binary: binary, config: config, environment: environment))
                try await overrideReachesTheOtherPod(a: pods[0], b: pods[1], github: github, database: database)
            } catch {
                for pod in pods { pod.kill(signal: SIGTERM) }
                redis.kill()
                await github.stop()
                throw error
            }
            for pod in pods { pod.kill(signal: SIGTERM) }
            redis.kill()
            await github.stop()
        }
    }

    func overrideReachesTheOtherPod(a: ClusterPod, b: ClusterPod, github: FakeToolServer, database: StoreTestDatabase) async throws {
        #expect(try await ClusterHarness.eventually { try await a.cluster().pods.count == 2 })
        let before = try await b.graphQL(Self.viewer)
        #expect(before["data"]?["github"]?["viewer"]?["login"] != nil, "\(before)")
        #expect(github.requestCounts().values.reduce(0, +) > 0)

        // Nobody but an admin can switch it off.
        let refused = try await a.graphQL("mutation { setToolEnabled(tool: GITHUB, enabled: false) { enabled } }")
        #expect(refused[path: "errors", 0, "extensions", "code"] == .string("FORBIDDEN"), "\(refused)")

        let off = try await a.graphQL("mutation { setToolEnabled(tool: GITHUB, enabled: false) { tool enabled overridden updatedBy } }",
                                      adminToken: Self.adminToken)
        #expect(off["errors"] == nil, "\(off)")
        #expect(off["data"]?["setToolEnabled"]?["enabled"] == .bool(false))
        #expect(off["data"]?["setToolEnabled"]?["updatedBy"] == .string("admin-token"))

        // Pod B: no upstream call for GitHub, and the response says why its field is null.
        let disabled = try await ClusterHarness.eventually {
            try await b.graphQL(Self.viewer)["extensions"]?["sources"]?["github"]?["status"] == .string("disabled")
        }
        #expect(disabled)
        github.resetRequestCounts()
        for _ in 0..<3 {
            let answer = try await b.graphQL(Self.viewer + " ")
            #expect(answer["data"]?["github"] == .null)
            #expect(answer["errors"] == nil, "\(answer)")
        }
        let codeReviews = try await b.graphQL("{ codeReviews(first: 5) { nodes { id } sources { tool } } }")
        #expect(codeReviews["data"]?["codeReviews"]?["nodes"] == .list([]), "\(codeReviews)")
        #expect(codeReviews["extensions"]?["sources"]?["github"]?["status"] == .string("disabled"))
        #expect(github.requestCounts().values.reduce(0, +) == 0, "pod B called the disabled tool: \(github.requestCounts())")
        // A switched-off tool does not count as failing.
        let ready = try await b.readiness()
        guard case .list(let checks)? = ready["checks"] else { Issue.record("no checks in \(ready)"); return }
        let githubCheck = checks.first { $0["name"] == .string("github") }
        #expect(githubCheck?["status"] == .string("ok"), "\(ready)")
        #expect(github.requestCounts().values.reduce(0, +) == 0)

        // Switched back on from pod B, pod A answers again.
        let on = try await b.graphQL("mutation { setToolEnabled(tool: GITHUB, enabled: true) { enabled } }", adminToken: Self.adminToken)
        #expect(on["data"]?["setToolEnabled"]?["enabled"] == .bool(true), "\(on)")
        let restored = try await ClusterHarness.eventually {
            let answer = try await a.graphQL(Self.viewer)
            return answer["data"]?["github"]?["viewer"]?["login"] != nil && answer["extensions"]?["sources"] == nil
        }
        #expect(restored)
        let fresh = try await b.graphQL("{ github { issues(first: 1) { totalCount } } }")
        #expect(fresh["errors"] == nil, "\(fresh)")
        #expect(github.requestCounts().values.reduce(0, +) > 0)

        // A new refresh interval shows in pod B's settings.
        let interval = try await a.graphQL("mutation { setToolRefreshInterval(tool: GITHUB, seconds: 120) { refreshIntervalSeconds } }",
                                           adminToken: Self.adminToken)
        #expect(interval["data"]?["setToolRefreshInterval"]?["refreshIntervalSeconds"] == .int(120), "\(interval)")
        let seen = try await ClusterHarness.eventually {
            let settings = try await b.graphQL("{ toolSettings { tool enabled refreshIntervalSeconds overridden } }", adminToken: Self.adminToken)
            return settings[path: "data", "toolSettings", 0] == .object(ObjectValue([
                ("tool", .string("GITHUB")), ("enabled", .bool(true)), ("refreshIntervalSeconds", .int(120)), ("overridden", .bool(true)),
            ]))
        }
        #expect(seen)

        // Each change is in the audit log, with old and new values.
        let pool = try database.pool(size: 1)
        let rows = try await pool.query("SELECT event, tool, details::text AS details FROM audit_log ORDER BY id").rows
        await pool.shutdown()
        let changes = try rows.filter { try $0.decode("event", as: String.self) == "tool_override_changed" }
        #expect(changes.count == 3)
        let refusals = try rows.filter { try $0.decode("event", as: String.self) == "admin_refused" }
        #expect(refusals.count == 1)
        let last = try #require(changes.last)
        let details = try JSONParser.parse(bytes: Array(try last.decode("details", as: String.self).utf8))
        #expect(details["change"] == .string("refresh_interval"))
        #expect(details["old"]?["enabled"] == .bool(true))
        #expect(details["new"]?["refreshIntervalSeconds"] == .int(120))
        #expect(details["published"] == .bool(true))
    }
}
