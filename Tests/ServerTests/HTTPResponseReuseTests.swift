import Fakes
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Resolvers
import Schema
import Testing
@testable import Server

/// Whole responses kept for reuse (`ResponseCaching.tools`): answered again without executing
/// while every cache entry they read is fresh, and never across callers, after an expiry, an
/// invalidation, a ledger change, a stale answer or an error.
@Suite struct HTTPResponseReuseTests {
    static let adminToken = "reuse-test-admin-token"
    static let dashboard = #"{"query":"{ tools { slug } github { viewer { login } pullRequests(state: OPEN, first: 3) { totalCount nodes { number reviews { state } } } } }"}"#

    /// One GitHub fake, a runtime on a test clock, and a server that keeps responses.
    struct Harness {
        let github: FakeToolServer
        let clock = HTTPCacheTests.Clock()
        let metrics = HyperpageMetrics()
        let runtime: ToolRuntime
        let server: HyperpageHTTPServer<Resolvers.RequestContext>

        init(github: FakeToolServer, transport: CurlTransport) throws {
            self.github = github
            let endpoints = ToolEndpoints(github: GitHubEndpoint(apiURL: github.apiURL, token: FakeCredentials.githubToken))
            let clock = clock
            let runtime = ToolRuntime(endpoints: endpoints, transport: transport, retry: .none, cachePolicy: HTTPCacheTests.policy,
                                      observer: metrics, now: { clock.now })
            self.runtime = runtime
            let schema = try ToolSchema.load(directory: HTTPToolRuntimeTests.schemaDirectory, endpoints: endpoints)
            let service = GraphQLService(schema: schema, resolvers: runtime.resolvers, makeCallerContext: { deadline, caller in
                runtime.makeContext(deadline: deadline, viewerID: caller.userID, credentials: caller.toolCredentials,
                                    isAdmin: caller.isAdmin)
            }, extensions: { $0.sources.extensions }, caching: .tools(runtime))
            var logger = Logger(label: "hyperpage.http.reuse.test")
            logger.logLevel = .warning
            server = HyperpageHTTPServer(config: HTTPTestService.config { $0.server.adminToken = HTTPResponseReuseTests.adminToken },
                                         service: service, metrics: metrics, readiness: { ReadinessReport() }, logger: logger)
        }

        /// (hits, misses) of the response cache so far.
        func lookups(_ client: some TestClientProtocol) async throws -> (hits: Double, misses: Double) {
            let samples = PrometheusTextCheck.samples(in: try await client.execute(uri: "/metrics", method: .get).text)
            return (samples[#"hyperpage_graphql_response_cache_lookups_total{result="hit"}"#] ?? 0,
                    samples[#"hyperpage_graphql_response_cache_lookups_total{result="miss"}"#] ?? 0)
        }

        /// Entry lookups of the tool cache: they happen only when a request is executed.
        func entryLookups(_ client: some TestClientProtocol) async throws -> Double {
            let samples = PrometheusTextCheck.samples(in: try await client.execute(uri: "/metrics", method: .get).text)
            return samples.filter { $0.key.hasPrefix("hyperpage_cache_lookups_total") }.values.reduce(0, +)
        }
    }

    static func withHarness(_ body: @escaping @Sendable (Harness, any TestClientProtocol) async throws -> Void) async throws {
        let github = try await FakeToolServer.start(.github)
        let transport = CurlTransport()
        defer { transport.shutdown() }
        do {
            let harness = try Harness(github: github, transport: transport)
            try await harness.server.makeApplication().test(.router) { client in try await body(harness, client) }
        } catch {
            await github.stop()
            throw error
        }
        await github.stop()
    }

    @Test func aRepeatedQueryIsAnsweredFromTheKeptResponseWithoutExecuting() async throws {
        try await Self.withHarness { h, client in try await repeated(h, client) }
    }

    private func repeated(_ h: Harness, _ client: any TestClientProtocol) async throws {
        let first = try await client.postJSON(Self.dashboard)
        #expect(first.status == .ok)
        #expect(try first.json()[path: "errors"] == nil)
        let calls = h.github.requestCounts()
        let entryLookups = try await h.entryLookups(client)
        let second = try await client.postJSON(Self.dashboard, accept: "application/json")
        #expect(second.status == .ok)
        #expect(second.headers[.contentType] == "application/json; charset=utf-8")
        #expect(second.text == first.text)
        #expect(h.github.requestCounts() == calls)
        #expect(try await h.entryLookups(client) == entryLookups)
        let counts = try await h.lookups(client)
        #expect(counts.hits == 1)
        #expect(counts.misses == 1)
    }

    @Test func concurrentMissesOfOneKeyExecuteOnce() async throws {
        try await Self.withHarness { h, client in try await concurrent(h, client) }
    }

    private func concurrent(_ h: Harness, _ client: any TestClientProtocol) async throws {
        // A slow tool keeps the first request executing while the others arrive.
        h.github.setFaults(FakeFaults(latency: .milliseconds(300)))
        let bodies = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try await client.postJSON(Self.dashboard).text } }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(bodies).count == 1)
        #expect(try JSONParser.parse(bodies[0])[path: "errors"] == nil)
        let counts = try await h.lookups(client)
        #expect(counts.misses == 1)
        #expect(counts.hits == 7)
    }

    @Test func getRequestsAreKeptToo() async throws {
        try await Self.withHarness { h, client in
            let uri = "/graphql?query=" + "{ github { viewer { login } } }".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let first = try await client.execute(uri: uri, method: .get)
            let second = try await client.execute(uri: uri, method: .get)
            #expect(first.status == .ok)
            #expect(second.text == first.text)
            #expect(try await h.lookups(client).hits == 1)
        }
    }

    @Test func anExpiredEntryOrAnInvalidationEndsTheReuse() async throws {
        try await Self.withHarness { h, client in try await expiry(h, client) }
    }

    private func expiry(_ h: Harness, _ client: any TestClientProtocol) async throws {
        _ = try await client.postJSON(Self.dashboard)
        _ = try await client.postJSON(Self.dashboard)
        #expect(try await h.lookups(client) == (1, 1))
        h.clock.advance(seconds: 75)  // past the 60 s TTL
        let calls = h.github.requestCounts().values.reduce(0, +)
        _ = try await client.postJSON(Self.dashboard)
        #expect(try await h.lookups(client) == (1, 2))
        #expect(h.github.requestCounts().values.reduce(0, +) > calls)
        _ = try await client.postJSON(Self.dashboard)
        #expect(try await h.lookups(client) == (2, 2))
        try await h.runtime.invalidate(tool: "github")
        _ = try await client.postJSON(Self.dashboard)
        #expect(try await h.lookups(client) == (2, 3))
        h.runtime.answersChanged()  // what another pod's event does
        _ = try await client.postJSON(Self.dashboard)
        #expect(try await h.lookups(client) == (2, 4))
    }

    @Test func callersNeverShareAKeptResponse() async throws {
        try await Self.withHarness { h, client in
            var admin = HTTPFields()
            admin[.authorization] = "Bearer \(Self.adminToken)"
            admin[.contentType] = "application/json"
            let asAdmin = { try await client.execute(uri: "/graphql", method: .post, headers: admin, body: ByteBuffer(string: Self.dashboard)) }
            _ = try await client.postJSON(Self.dashboard)
            _ = try await asAdmin()
            #expect(try await h.lookups(client) == (0, 2))
            _ = try await client.postJSON(Self.dashboard)
            _ = try await asAdmin()
            #expect(try await h.lookups(client) == (2, 2))
        }
    }

    @Test func staleAnswersAreNeverKept() async throws {
        try await Self.withHarness { h, client in
            let query = #"{"query":"{ github { viewer { login } } }"}"#
            _ = try await client.postJSON(query)
            h.clock.advance(seconds: 75)
            h.github.setFaults(FakeFaults(failure: .status(503)))
            for _ in 0..<2 {
                let stale = try await client.postJSON(query).json()
                #expect(stale[path: "extensions", "sources", "github", "status"]?.string == "stale")
            }
            #expect(try await h.lookups(client) == (0, 3))
        }
    }

    @Test func answersWithErrorsAreNeverKept() async throws {
        try await Self.withHarness { h, client in
            h.github.setFaults(FakeFaults(failure: .status(503)))
            let query = #"{"query":"{ github { viewer { login } } }"}"#
            for _ in 0..<2 {
                let answer = try await client.postJSON(query).json()
                #expect(answer[path: "errors"] != nil)
            }
            #expect(try await h.lookups(client) == (0, 2))
        }
    }

    @Test func rateLimitsAreReusedOnlyWhileTheLedgerIsUnchanged() async throws {
        try await Self.withHarness { h, client in try await ledger(h, client) }
    }

    private func ledger(_ h: Harness, _ client: any TestClientProtocol) async throws {
        let query = #"{"query":"{ rateLimits { tool remaining } github { viewer { login } } }"}"#
        // The first answer is outdated as it is made: its own upstream call changed the ledger.
        _ = try await client.postJSON(query)
        let kept = try await client.postJSON(query)
        let reused = try await client.postJSON(query)
        #expect(reused.text == kept.text)
        #expect(try await h.lookups(client) == (1, 2))
        // Another query's upstream call moves the ledger: the kept answer is outdated.
        _ = try await client.postJSON(#"{"query":"{ github { pullRequests(state: OPEN, first: 1) { totalCount } } }"}"#)
        _ = try await client.postJSON(query)
        #expect(try await h.lookups(client) == (1, 4))
    }

    @Test func operationsOutsideTheToolFieldsAreAlwaysExecuted() async throws {
        try await Self.withHarness { h, client in
            let introspection = #"{"query":"{ __schema { queryType { name } } }"}"#
            for _ in 0..<2 {
                let response = try await client.postJSON(introspection)
                #expect(response.status == .ok)
            }
            #expect(try await h.lookups(client) == (0, 2))
        }
    }

    @Test func admissionFollowsFragmentsAndRefusesMutations() throws {
        let caching = ResponseCaching<Int>(rootFields: ["a", "b"], generation: { 0 }, validity: { _, _ in nil })
        func admits(_ text: String) throws -> Bool {
            let selected = try #require(SelectedOperation(document: try parse(Source(text)), operationName: nil))
            return caching.admits(selected)
        }
        #expect(try admits("{ a __typename ... on Query { b } ...F } fragment F on Query { a }"))
        #expect(try !admits("{ a ...F } fragment F on Query { c }"))
        #expect(try !admits("{ a ... @include(if: true) { c } }"))
        #expect(try !admits("mutation { a }"))
        #expect(try admits("{ ...F } fragment F on Query { a ...F }"))
    }

    @Test func keysOfDifferentCallersOrMethodsDiffer() {
        let body = Array(#"{"query":"{ a }"}"#.utf8)
        let anonymous = ResponseCache.Key(isGET: false, request: body, caller: RequestCaller())
        let ada = ResponseCache.Key(isGET: false, request: body, caller: RequestCaller(userID: "ada"))
        let adaAgain = ResponseCache.Key(isGET: false, request: body, caller: RequestCaller(userID: "ada"))
        #expect(anonymous != ada)
        #expect(ada == adaAgain)
        #expect(ResponseCache.Key(isGET: true, request: body, caller: RequestCaller()) != anonymous)
        let withGitHub = RequestCaller(userID: "ada", toolCredentials: ToolCredentials(github: .init(token: "t", account: "github:1")))
        #expect(ResponseCache.Key(isGET: false, request: body, caller: withGitHub) != ada)
    }

    @Test func theStoreIsBoundedAndDropsOutdatedEntries() {
        let cache = ResponseCache(capacity: 2, maxBodyBytes: 8)
        let valid = ResponseValidity(freshUntil: .infinity) { true }
        let outdated = ResponseValidity(freshUntil: 0) { false }
        func key(_ s: String) -> ResponseCache.Key { ResponseCache.Key(isGET: false, request: Array(s.utf8), caller: RequestCaller()) }
        cache.insert(Array("one".utf8), validity: valid, for: key("1"))
        cache.insert(Array("two".utf8), validity: valid, for: key("2"))
        cache.insert(Array("three".utf8), validity: valid, for: key("3"))
        #expect(cache.count == 1)
        #expect(cache.body(for: key("3")) == ByteBuffer(string: "three"))
        cache.insert(Array("too long!".utf8), validity: valid, for: key("4"))
        cache.insert(Array("old".utf8), validity: outdated, for: key("5"))
        #expect(cache.body(for: key("4")) == nil)
        #expect(cache.body(for: key("5")) == nil)
    }

    @Test func theStoreIsBoundedInBytes() {
        let cache = ResponseCache(capacity: 100, maxBodyBytes: 10, maxTotalBytes: 24)
        let valid = ResponseValidity(freshUntil: .infinity) { true }
        func key(_ s: String) -> ResponseCache.Key { ResponseCache.Key(isGET: false, request: Array(s.utf8), caller: RequestCaller()) }
        cache.insert(Array("0123456789".utf8), validity: valid, for: key("a"))
        cache.insert(Array("0123456789".utf8), validity: valid, for: key("b"))
        #expect(cache.bytes == 22)
        cache.insert(Array("0123456789".utf8), validity: valid, for: key("b"))
        #expect(cache.bytes == 22)
        cache.insert(Array("0123456789".utf8), validity: valid, for: key("c"))
        #expect(cache.count == 1)
        #expect(cache.bytes == 11)
        #expect(cache.body(for: key("c")) != nil)
    }
}
