import Fakes
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Resolvers
import Schema
import Testing
@testable import Server

/// The HTTP layer over the real tool runtime against the loopback GitHub and Jira fakes (libcurl):
/// the metrics hear the upstream client, loaders and cache as its `UpstreamObserver`, and
/// `/readyz` reports the tools' readiness.
@Suite struct HTTPToolRuntimeTests {
    static let schemaDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("schema").path

    @Test func upstreamMetricsAndToolReadinessThroughHTTP() async throws {
        let github = try await FakeToolServer.start(.github)
        let jira = try await FakeToolServer.start(.jira)
        let transport = CurlTransport()
        defer { transport.shutdown() }
        let metrics = HyperpageMetrics()
        let endpoints = ToolEndpoints(
            github: GitHubEndpoint(apiURL: github.apiURL, token: FakeCredentials.githubToken),
            jira: JiraEndpoint(webURL: jira.apiURL, email: FakeCredentials.jiraEmail, token: "wrong-token"))
        let runtime = ToolRuntime(endpoints: endpoints, transport: transport, retry: .none, attemptTimeout: .seconds(5),
                                  cacheTTL: .seconds(60), observer: metrics)
        let schema = try ToolSchema.load(directory: Self.schemaDirectory, endpoints: endpoints)
        let service = GraphQLService(schema: schema, resolvers: runtime.resolvers, makeContext: runtime.makeContext)
        var logger = Logger(label: "hyperpage.http.test")
        logger.logLevel = .warning
        let server = HyperpageHTTPServer(config: HTTPTestService.config(), service: service, metrics: metrics, readiness: {
            ReadinessReport(tools: await runtime.readiness(deadline: .now + .seconds(5)))
        }, logger: logger)
        do {
            try await server.makeApplication().test(.router) { client in
                let first = try await client.postJSON(#"{"query":"{ github { viewer { login } } }"}"#)
                #expect(first.status == .ok)
                #expect(try first.json()[path: "data", "github", "viewer", "login"]?.string != nil)
                // The same GET again is answered from the response cache.
                _ = try await client.postJSON(#"{"query":"{ github { viewer { login } } }"}"#)

                let ready = try await client.execute(uri: "/readyz", method: .get)
                #expect(ready.status == .ok)
                let report = try ready.json()
                #expect(report[path: "status"]?.string == "degraded")
                #expect(report[path: "checks", 0, "name"]?.string == "github")
                #expect(report[path: "checks", 0, "status"]?.string == "ok")
                #expect(report[path: "checks", 1, "name"]?.string == "jira")
                #expect(report[path: "checks", 1, "status"]?.string == "down")
                #expect(report[path: "checks", 1, "kind"]?.string == "tool")

                let text = try await client.execute(uri: "/metrics", method: .get).text
                #expect(PrometheusTextCheck.problems(in: text).isEmpty, "\(text)")
                let samples = PrometheusTextCheck.samples(in: text)
                #expect((samples[#"hyperpage_upstream_requests_total{tool="github",status="200"}"#] ?? 0) >= 2)
                #expect(samples[#"hyperpage_upstream_requests_total{tool="jira",status="401"}"#] == 1)
                #expect((samples[#"hyperpage_upstream_request_duration_seconds_count{tool="github"}"#] ?? 0) >= 2)
                #expect((samples[#"hyperpage_cache_lookups_total{tool="github",result="hit"}"#] ?? 0) >= 1)
                #expect((samples[#"hyperpage_cache_lookups_total{tool="github",result="miss"}"#] ?? 0) >= 1)
                // The fake sends GitHub's x-ratelimit-* headers.
                let remaining = try #require(samples[#"hyperpage_rate_limit_remaining{tool="github",bucket="core"}"#])
                #expect(remaining >= 0)
                #expect(samples[#"hyperpage_graphql_requests_total{operation_type="query",outcome="ok"}"#] == 2)
            }
        } catch {
            await github.stop()
            await jira.stop()
            throw error
        }
        await github.stop()
        await jira.stop()
    }
}
