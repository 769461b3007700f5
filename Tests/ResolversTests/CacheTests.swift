import Fakes
import Foundation
import Schema
import Testing
@testable import Resolvers

/// The two cache levels over the real tool runtime and the loopback fakes: credential scopes,
/// single flight, stale on error, 304 revalidation, the quota floor and a failing store.
@Suite struct CacheTests {
    static let viewerQuery = "{ github { viewer { login } } }"
    /// What a dashboard asks of the three tools at once (loaders included).
    static let combinedQuery = """
        {
          github { viewer { login } pullRequests(first: 5) { nodes { title reviews { state } } } }
          gitlab { mergeRequests(first: 5) { nodes { title project { name } } } }
          jira { issues(first: 5) { nodes { key project { key } changelog(first: 1) { createdAt } } } }
        }
        """
    /// Short TTLs so a test can step past them with the clock.
    static let policy = CachePolicy(defaultTTL: .seconds(60), staleGrace: .seconds(600),
                                    ttl: ["github": ["user": .seconds(60), "search": .seconds(60)]], keySecret: "test-secret")

    // MARK: Keys

    @Test func keysHoldNeitherTokensNorQueriesAndDifferByCredential() {
        let keys = CacheKeys(secret: "server-secret")
        let a = keys.scope(identity: "github\nhttps://api.github.com\nghp_first")
        let b = keys.scope(identity: "github\nhttps://api.github.com\nghp_second")
        #expect(a != b)
        #expect(a == keys.scope(identity: "github\nhttps://api.github.com\nghp_first"))
        #expect(a != CacheKeys(secret: "other-secret").scope(identity: "github\nhttps://api.github.com\nghp_first"))
        #expect(a.count == 64)
        let resource = CacheKeys.resource(method: "GET", path: "/search/issues", query: [("q", "is:pr secret-project")])
        let key = CacheKeys.key(tool: "github", scope: a, kind: "search", resource: resource)
        #expect(key.hasPrefix(CacheKeys.toolPrefix("github")))
        #expect(!key.contains("ghp_first"))
        #expect(!key.contains("secret-project"))
        #expect(key == "hp:c:github:\(a):search:\(resource)")
    }

    // MARK: Memory store

    @Test func memoryStoreDropsPastRetentionFirstThenSoonestToExpire() async throws {
        let clock = TestUnixClock()
        let store = MemoryCacheStore(capacity: 3, now: { clock.now })
        let t = clock.now
        func entry(_ retain: Double) -> CacheEntry {
            CacheEntry(body: Array("x".utf8), storedAt: t, freshUntil: t + 1, retainUntil: t + retain)
        }
        try await store.store([(key: "long", entry: entry(1000)), (key: "short", entry: entry(50)), (key: "mid", entry: entry(500))])
        try await store.store([(key: "new1", entry: entry(800))])
        #expect(try await store.entries(for: ["long", "short", "mid", "new1"]).map { $0 != nil } == [true, false, true, true])
        clock.advance(seconds: 600)
        // "mid" is now past retention: it goes before "long", which expires sooner than "new2".
        try await store.store([(key: "new2", entry: entry(2000))])
        #expect(try await store.entries(for: ["long", "mid", "new1", "new2"]).map { $0 != nil } == [true, false, true, true])
    }

    @Test func memoryStoreLocksHaveOwnersAndExpire() async throws {
        let clock = TestUnixClock()
        let store = MemoryCacheStore(now: { clock.now })
        #expect(try await store.acquireLock("hp:lock:k", token: "a", ttl: .seconds(5)))
        #expect(try await !store.acquireLock("hp:lock:k", token: "b", ttl: .seconds(5)))
        try await store.releaseLock("hp:lock:k", token: "b")
        #expect(try await !store.acquireLock("hp:lock:k", token: "b", ttl: .seconds(5)))
        clock.advance(seconds: 6)
        #expect(try await store.acquireLock("hp:lock:k", token: "b", ttl: .seconds(5)))
        try await store.releaseLock("hp:lock:k", token: "b")
        #expect(try await store.acquireLock("hp:lock:k", token: "c", ttl: .seconds(5)))
    }

    // MARK: Credentials

    @Test func twoCredentialsNeverShareAnEntry() async throws {
        let store = MemoryCacheStore()
        let h = try await ToolHarness.start(cachePolicy: Self.policy, cacheStore: store)
        do { try await twoCredentialsBody(h, store: store) } catch {
            await h.stop()
            throw error
        }
        await h.stop()
    }

    private func twoCredentialsBody(_ h: ToolHarness, store: MemoryCacheStore) async throws {
        let second = ToolRuntime(endpoints: ToolHarness.endpoints(github: h.github, gitlab: h.gitlab, jira: h.jira,
                                                                  githubToken: FakeCredentials.githubSecondToken),
                                 transport: h.transport, retry: .none, cachePolicy: Self.policy, cacheStore: store)
        let first = try await h.run(Self.viewerQuery)
        #expect(first[resultPath: "data", "github", "viewer", "login"]?.text == h.dataset.github.viewer.login)
        let document = try parse(Source(Self.viewerQuery))
        let other = await execute(schema: h.schema, document: document, context: second.makeContext(deadline: .now + .seconds(20)),
                                  resolvers: second.resolvers).toValue()
        #expect(other[resultPath: "data", "github", "viewer", "login"]?.text == h.dataset.github.viewer.login)
        // Each token reached the tool: the second was not served the first one's entry.
        #expect(h.github.requestCount(credentialHeader: "Bearer \(FakeCredentials.githubToken)") == 1)
        #expect(h.github.requestCount(credentialHeader: "Bearer \(FakeCredentials.githubSecondToken)") == 1)
        #expect(store.count == 2)
        // Each is now served its own entry.
        _ = try await h.run(Self.viewerQuery)
        _ = await execute(schema: h.schema, document: document, context: second.makeContext(deadline: .now + .seconds(20)),
                          resolvers: second.resolvers)
        #expect(h.github.requestCount("/user") == 2)
    }

    // MARK: Stampede

    @Test func twentyConcurrentColdQueriesCostOneRequestPerResource() async throws {
        let h = try await ToolHarness.start(cachePolicy: Self.policy)
        do { try await concurrentBody(h) } catch {
            await h.stop()
            throw error
        }
        await h.stop()
    }

    private func concurrentBody(_ h: ToolHarness) async throws {
        let responses = try await withThrowingTaskGroup(of: Value.self) { group in
            for _ in 0..<20 { group.addTask { try await h.run(Self.combinedQuery) } }
            var out: [Value] = []
            for try await r in group { out.append(r) }
            return out
        }
        for response in responses {
            #expect(errorSummary(response).isEmpty, "\(errorSummary(response))")
            #expect(response == responses[0])
        }
        #expect(!(responses[0][resultPath: "data", "github", "pullRequests", "nodes"]?.items.isEmpty ?? true))
        for fake in [h.github, h.gitlab, h.jira] {
            let counts = fake.requestCounts()
            #expect(!counts.isEmpty)
            for (path, count) in counts {
                #expect(count == 1, "\(fake.tool) \(path) was asked \(count) times")
            }
        }
    }

    // MARK: Stale on error and revalidation

    @Test func expiredEntryIsServedStaleWhenTheToolFails() async throws {
        let clock = TestUnixClock()
        let h = try await ToolHarness.start(cachePolicy: Self.policy, clock: clock)
        do { try await staleBody(h, clock: clock) } catch {
            await h.stop()
            throw error
        }
        await h.stop()
    }

    private func staleBody(_ h: ToolHarness, clock: TestUnixClock) async throws {
        let fresh = try await h.run(Self.viewerQuery)
        clock.advance(seconds: 90)
        h.github.setFaults(FakeFaults(failure: .status(500)))
        let context = h.runtime.makeContext(deadline: .now + .seconds(20))
        let stale = try await h.run(Self.viewerQuery, context: context)
        #expect(errorSummary(stale).isEmpty, "\(errorSummary(stale))")
        #expect(stale[resultPath: "data"] == fresh[resultPath: "data"])
        #expect(h.github.requestCount("/user") == 2)
        let age = try #require(context.sources.staleTools["github"])
        #expect(age >= 90 && age < 600)
        let ext = Value.object(ObjectValue(context.sources.extensions))
        #expect(ext[resultPath: "sources", "github", "status"]?.text == "stale")
        #expect(ext[resultPath: "sources", "github", "ageSeconds"]?.intValue == age)
        // Past the grace period nothing is retained: the failure shows.
        clock.advance(seconds: 700)
        let failed = try await h.run(Self.viewerQuery)
        #expect(failed[resultPath: "errors", 0, "extensions", "code"]?.text == "UPSTREAM_UNAVAILABLE")
    }

    @Test func notModifiedRevalidationReusesTheCachedBody() async throws {
        let clock = TestUnixClock()
        let events = CacheEventCounter()
        let h = try await ToolHarness.start(observer: events, cachePolicy: Self.policy, clock: clock)
        do { try await revalidationBody(h, clock: clock, events: events) } catch {
            await h.stop()
            throw error
        }
        await h.stop()
    }

    private func revalidationBody(_ h: ToolHarness, clock: TestUnixClock, events: CacheEventCounter) async throws {
        let query = "{ github { viewer { login } pullRequests(first: 3) { totalCount nodes { title } } } }"
        let first = try await h.run(query)
        _ = try await h.run(query)
        #expect(h.github.requestCount("/user") == 1)
        #expect(events.count("hit:github") == 2)
        clock.advance(seconds: 90)
        let context = h.runtime.makeContext(deadline: .now + .seconds(20))
        let again = try await h.run(query, context: context)
        #expect(again == first)
        #expect(h.github.requestCount("/user") == 2)
        #expect(h.github.notModifiedCount("/user") == 1)
        #expect(h.github.notModifiedCount("/search/issues") == 1)
        #expect(events.count("revalidated:github") == 2)
        #expect(context.sources.staleTools.isEmpty)
        // Revalidated entries are fresh again.
        _ = try await h.run(query)
        #expect(h.github.requestCount("/user") == 2)
    }

    // MARK: Quota floor

    @Test func belowTheQuotaFloorCachedDataIsServedWithoutAskingTheTool() async throws {
        let clock = TestUnixClock()
        let h = try await ToolHarness.start(cachePolicy: Self.policy, clock: clock)
        do { try await quotaBody(h, clock: clock) } catch {
            await h.stop()
            throw error
        }
        await h.stop()
    }

    private func quotaBody(_ h: ToolHarness, clock: TestUnixClock) async throws {
        let warm = try await h.run(Self.viewerQuery)
        clock.advance(seconds: 90)
        let reset = Int(Date().timeIntervalSince1970) + 600
        h.runtime.ledger.record(tool: "github", scope: h.runtime.credentialScopes["github"] ?? "", response: UpstreamResponse(status: 200, headers: [
            (name: "x-ratelimit-limit", value: "5000"), (name: "x-ratelimit-remaining", value: "3"),
            (name: "x-ratelimit-reset", value: String(reset)),
        ], body: []))
        h.resetCounts()
        let context = h.runtime.makeContext(deadline: .now + .seconds(20))
        let cached = try await h.run(Self.viewerQuery, context: context)
        #expect(cached == warm)
        #expect(h.github.requestCount("/user") == 0)
        #expect(context.sources.staleTools["github"] != nil)
        // A total miss still goes to the tool.
        let missed = try await h.run("{ github { pullRequests(first: 2) { nodes { title } } } }")
        #expect(errorSummary(missed).isEmpty)
        #expect(h.github.requestCount("/search/issues") == 1)
    }

    // MARK: Store outage

    @Test func aFailingStoreStillAnswersQueries() async throws {
        let events = CacheEventCounter()
        let h = try await ToolHarness.start(observer: events, cachePolicy: Self.policy, cacheStore: FailingCacheStore())
        do { try await failingStoreBody(h, events: events) } catch {
            await h.stop()
            throw error
        }
        await h.stop()
    }

    private func failingStoreBody(_ h: ToolHarness, events: CacheEventCounter) async throws {
        #expect(h.runtime.cacheHealth.state == .ok)
        let first = try await h.run(Self.combinedQuery)
        #expect(errorSummary(first).isEmpty, "\(errorSummary(first))")
        #expect(first[resultPath: "data", "github", "viewer", "login"]?.text == h.dataset.github.viewer.login)
        let second = try await h.run(Self.combinedQuery)
        #expect(second == first)
        // Nothing could be kept: both queries reached the tool.
        #expect(h.github.requestCount("/user") == 2)
        #expect(events.count("error:CACHE_UNAVAILABLE") > 0)
        guard case .degraded(let code, _, _) = h.runtime.cacheHealth.state else {
            Issue.record("the cache health should be degraded")
            return
        }
        #expect(code == .unavailable)
    }
}
