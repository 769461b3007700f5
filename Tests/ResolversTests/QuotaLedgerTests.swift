import Foundation
import Redis
@testable import Resolvers
import Testing

/// The quota ledger: buckets per credential, observed costs, newest-wins merging, the
/// per-bucket floor, and sharing through the real redis-server of `scripts/with-test-services.sh`.
@Suite struct QuotaLedgerTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func github(remaining: Int, limit: Int = 5000, bucket: String? = nil, reset: Date = now.addingTimeInterval(3600)) -> UpstreamResponse {
        var headers: [(name: String, value: String)] = [
            (name: "x-ratelimit-limit", value: String(limit)), (name: "x-ratelimit-remaining", value: String(remaining)),
            (name: "x-ratelimit-reset", value: String(Int(reset.timeIntervalSince1970))),
        ]
        if let bucket { headers.append((name: "x-ratelimit-resource", value: bucket)) }
        return UpstreamResponse(status: 200, headers: headers, body: [])
    }

    @Test func bucketsAndCredentialsAreKeptApart() {
        let ledger = RateLimitLedger()
        ledger.record(tool: "github", scope: "a", response: Self.github(remaining: 4000), at: Self.now)
        ledger.record(tool: "github", scope: "a", response: Self.github(remaining: 25, limit: 30, bucket: "search"), at: Self.now)
        ledger.record(tool: "github", scope: "b", response: Self.github(remaining: 100), at: Self.now)
        #expect(ledger.observation(tool: "github", scope: "a", bucket: "core")?.remaining == 4000)
        #expect(ledger.observation(tool: "github", scope: "a", bucket: "search")?.remaining == 25)
        #expect(ledger.observation(tool: "github", scope: "b", bucket: "core")?.remaining == 100)
        #expect(ledger.snapshot().map { "\($0.scope)/\($0.bucket)" } == ["a/core", "b/core", "a/search"])
    }

    @Test func costsAreTheDropsPerKindAveraged() {
        let ledger = RateLimitLedger()
        ledger.record(tool: "github", scope: "a", kind: "search", response: Self.github(remaining: 30, limit: 30, bucket: "search"), at: Self.now)
        ledger.record(tool: "github", scope: "a", kind: "search", response: Self.github(remaining: 29, limit: 30, bucket: "search"), at: Self.now + 1)
        ledger.record(tool: "github", scope: "a", kind: "search", response: Self.github(remaining: 27, limit: 30, bucket: "search"), at: Self.now + 2)
        let cost = ledger.costs(tool: "github", scope: "a", bucket: "search")
        #expect(cost.map(\.kind) == ["search"])
        #expect(cost.first?.samples == 2)
        #expect(abs((cost.first?.average ?? 0) - 1.2) < 1e-9)  // 1, then 1 + 0.2 × (2 − 1)
        // A new window is not a drop.
        ledger.record(tool: "github", scope: "a", kind: "search",
                      response: Self.github(remaining: 30, limit: 30, bucket: "search", reset: Self.now.addingTimeInterval(7200)), at: Self.now + 3)
        #expect(ledger.costs(tool: "github", scope: "a", bucket: "search").first?.samples == 2)
    }

    @Test func sharedObservationsReplaceOnlyOlderOnes() {
        let ledger = RateLimitLedger()
        ledger.record(tool: "gitlab", scope: "s", response: Self.github(remaining: 50), at: Self.now)
        let older = RateLimitObservation(tool: "gitlab", scope: "s", limit: 5000, remaining: 10, observedAt: Self.now - 1)
        #expect(!ledger.merge(shared: older))
        #expect(ledger.observation(tool: "gitlab", scope: "s", bucket: "core")?.remaining == 50)
        let newer = RateLimitObservation(tool: "gitlab", scope: "s", limit: 5000, remaining: 7, observedAt: Self.now + 1)
        #expect(ledger.merge(shared: newer, costs: [RequestCost(kind: "issues", average: 1, samples: 3)]))
        #expect(ledger.observation(tool: "gitlab", scope: "s", bucket: "core")?.remaining == 7)
        #expect(ledger.costs(tool: "gitlab", scope: "s", bucket: "core") == [RequestCost(kind: "issues", average: 1, samples: 3)])
    }

    @Test func searchFloorIsProportionalToItsLimit() {
        let policy = CachePolicy(quotaFloor: ["github": 10])
        #expect(policy.floor(for: "github", bucket: "core", limit: 5000, coreLimit: 5000) == 10)
        #expect(policy.floor(for: "github", bucket: "search", limit: 30, coreLimit: nil) == 1)
        #expect(policy.floor(for: "github", bucket: "search", limit: 30, coreLimit: 100) == 3)
        #expect(CachePolicy(quotaFloor: ["github": 0]).floor(for: "github", bucket: "search", limit: 30, coreLimit: nil) == 0)
        #expect(CacheKind.githubSearch.quotaBucket == "search")
        #expect(CacheKind.githubUser.quotaBucket == "core")
    }

    // MARK: Redis

    static func client() throws -> RedisClient {
        guard let url = ProcessInfo.processInfo.environment["HYPERPAGE_TEST_REDIS_URL"], !url.isEmpty else {
            let message = "HYPERPAGE_TEST_REDIS_URL is not set: run the tests through scripts/with-test-services.sh"
            Issue.record(Comment(rawValue: message))
            throw RedisError(code: .invalidURL, message: message)
        }
        return RedisClient(configuration: try RedisConfiguration(url: url))
    }

    @Test func anOlderWriteNeverOverwritesANewerOne() async throws {
        let client = try Self.client()
        let scope = "test\(UUID().uuidString.prefix(8).lowercased())"
        let writer = RateLimitLedger(), reader = RateLimitLedger()
        let sync = RedisQuotaSync(client: client, ledger: writer, scopes: ["github": scope])
        let readBack = RedisQuotaSync(client: client, ledger: reader, scopes: ["github": scope])
        writer.attach(sync)
        let now = Date()
        writer.record(tool: "github", scope: scope, response: Self.github(remaining: 40, reset: now + 600), at: now)
        await sync.flush()
        // A pod that read an earlier response writes late.
        sync.ledgerRecorded(RateLimitObservation(tool: "github", scope: scope, limit: 5000, remaining: 90,
                                                 resetAt: now + 600, observedAt: now - 5), costs: [])
        await sync.flush()
        #expect(await readBack.refresh())
        #expect(reader.observation(tool: "github", scope: scope, bucket: "core")?.remaining == 40)
        #expect(sync.writtenCount == 2 && sync.droppedWrites == 0)
        let ttl = try await client.send(["PTTL", RedisQuotaSync.key(tool: "github", scope: scope, bucket: "core")]).int ?? 0
        #expect(ttl > 600_000)
        await client.shutdown()
    }

    @Test func withRedisDownWritesAreDroppedAndCountedAndTheLedgerStillWorks() async throws {
        // A port nothing listens on: every command fails fast.
        let client = RedisClient(configuration: try RedisConfiguration(url: "redis://127.0.0.1:1", connectTimeout: .milliseconds(200)))
        let ledger = RateLimitLedger()
        let sync = RedisQuotaSync(client: client, ledger: ledger, scopes: ["jira": "s"], refreshInterval: .milliseconds(50))
        sync.start()
        ledger.record(tool: "jira", scope: "s", response: Self.github(remaining: 3), at: Date())
        #expect(ledger.observation(tool: "jira", scope: "s", bucket: "core")?.remaining == 3)
        let limit = ContinuousClock.now + .seconds(20)
        while sync.droppedWrites == 0, ContinuousClock.now < limit { try await Task.sleep(for: .milliseconds(20)) }
        #expect(sync.droppedWrites == 1)
        #expect(await sync.refresh() == false)
        await sync.stop()
        await client.shutdown()
    }
}
