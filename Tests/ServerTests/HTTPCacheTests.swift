import Fakes
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Resolvers
import Schema
import Synchronization
import Testing
@testable import Server

/// What the cache shows over HTTP: `extensions.sources` when a tool's data is served stale,
/// and the cache's health on `/readyz`.
@Suite struct HTTPCacheTests {
    /// A Unix clock the test moves past TTLs.
    final class Clock: Sendable {
        private let value = Mutex(Date().timeIntervalSince1970)
        var now: Double { value.withLock { $0 } }
        func advance(seconds: Double) { value.withLock { $0 += seconds } }
    }

    /// A backend that is down.
    struct DownStore: CacheStore {
        var error: CacheStoreError { CacheStoreError(code: .timeout, message: "the test store does not answer") }
        func entries(for keys: [String]) async throws(CacheStoreError) -> [CacheEntry?] { throw error }
        func store(_ entries: [(key: String, entry: CacheEntry)]) async throws(CacheStoreError) { throw error }
        func acquireLock(_ key: String, token: String, ttl: Duration) async throws(CacheStoreError) -> Bool { throw error }
        func releaseLock(_ key: String, token: String) async throws(CacheStoreError) { throw error }
        func removeEntries(withPrefix prefix: String) async throws(CacheStoreError) { throw error }
    }

    static let policy = CachePolicy(defaultTTL: .seconds(60), staleGrace: .seconds(600),
                                    ttl: ["github": ["user": .seconds(60)]], keySecret: "http-test")

    static func server(_ runtime: ToolRuntime, endpoints: ToolEndpoints, metrics: HyperpageMetrics) throws -> HyperpageHTTPServer<Resolvers.RequestContext> {
        let schema = try ToolSchema.load(directory: HTTPToolRuntimeTests.schemaDirectory, endpoints: endpoints)
        let service = GraphQLService(schema: schema, resolvers: runtime.resolvers, makeContext: runtime.makeContext,
                                     extensions: { $0.sources.extensions })
        let probe = ReadinessProbe(tools: runtime, cacheDescription: "in-process")
        var logger = Logger(label: "hyperpage.http.cache.test")
        logger.logLevel = .warning
        return HyperpageHTTPServer(config: HTTPTestService.config(), service: service, metrics: metrics,
                                   readiness: { await probe.report() }, logger: logger)
    }

    @Test func staleAnswersAreMarkedInExtensionsSources() async throws {
        let github = try await FakeToolServer.start(.github)
        let transport = CurlTransport()
        defer { transport.shutdown() }
        do { try await staleBody(github, transport) } catch {
            await github.stop()
            throw error
        }
        await github.stop()
    }

    private func staleBody(_ github: FakeToolServer, _ transport: CurlTransport) async throws {
        let clock = Clock()
        let metrics = HyperpageMetrics()
        let endpoints = ToolEndpoints(github: GitHubEndpoint(apiURL: github.apiURL, token: FakeCredentials.githubToken))
        let runtime = ToolRuntime(endpoints: endpoints, transport: transport, retry: .none, cachePolicy: Self.policy,
                                  observer: metrics, now: { clock.now })
        let query = #"{"query":"{ github { viewer { login } } }"}"#
        try await Self.server(runtime, endpoints: endpoints, metrics: metrics).makeApplication().test(.router) { client in
            let fresh = try await client.postJSON(query).json()
            #expect(fresh[path: "extensions"] == nil)
            clock.advance(seconds: 75)
            github.setFaults(FakeFaults(failure: .status(503)))
            let stale = try await client.postJSON(query).json()
            #expect(stale[path: "data"] == fresh[path: "data"])
            #expect(stale[path: "errors"] == nil)
            #expect(stale[path: "extensions", "sources", "github", "status"]?.string == "stale")
            let age = try #require(stale[path: "extensions", "sources", "github", "ageSeconds"]?.int)
            #expect(age >= 75 && age < 600)
            let samples = PrometheusTextCheck.samples(in: try await client.execute(uri: "/metrics", method: .get).text)
            #expect(samples[#"hyperpage_cache_stale_served_total{tool="github"}"#] == 1)
        }
    }

    @Test func readinessShowsADegradedCacheAndQueriesStillAnswer() async throws {
        let github = try await FakeToolServer.start(.github)
        let transport = CurlTransport()
        defer { transport.shutdown() }
        do { try await degradedBody(github, transport) } catch {
            await github.stop()
            throw error
        }
        await github.stop()
    }

    private func degradedBody(_ github: FakeToolServer, _ transport: CurlTransport) async throws {
        let metrics = HyperpageMetrics()
        let endpoints = ToolEndpoints(github: GitHubEndpoint(apiURL: github.apiURL, token: FakeCredentials.githubToken))
        let runtime = ToolRuntime(endpoints: endpoints, transport: transport, retry: .none, cachePolicy: Self.policy,
                                  cacheStore: DownStore(), observer: metrics)
        try await Self.server(runtime, endpoints: endpoints, metrics: metrics).makeApplication().test(.router) { client in
            let before = try await client.execute(uri: "/readyz", method: .get).json()
            #expect(before[path: "checks", 0, "name"]?.string == "cache")
            #expect(before[path: "checks", 0, "status"]?.string == "ok")
            let answer = try await client.postJSON(#"{"query":"{ github { viewer { login } } }"}"#).json()
            #expect(answer[path: "data", "github", "viewer", "login"]?.string != nil)
            #expect(answer[path: "errors"] == nil)
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .ok)
            let report = try ready.json()
            #expect(report[path: "status"]?.string == "degraded")
            #expect(report[path: "checks", 0, "status"]?.string == "degraded")
            #expect(report[path: "checks", 0, "message"]?.string?.contains("CACHE_TIMEOUT") == true)
            let samples = PrometheusTextCheck.samples(in: try await client.execute(uri: "/metrics", method: .get).text)
            #expect((samples[#"hyperpage_cache_errors_total{code="CACHE_TIMEOUT"}"#] ?? 0) >= 1)
        }
    }
}
