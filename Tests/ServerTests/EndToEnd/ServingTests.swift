import Fakes
import Foundation
import Schema
import Testing
@testable import Server

/// The served product beyond queries: health, readiness, metrics after real upstream traffic,
/// the explorer, and the demo command end to end.
@Suite(.serialized) struct ServingTests {
    @Test func metricsCountUpstreamTrafficAndParseAsPrometheusText() async throws {
        try await EndToEndHarness.with { h in try await self.metricsCountUpstreamTrafficAndParseAsPrometheusTextBody(h) }
    }

    private func metricsCountUpstreamTrafficAndParseAsPrometheusTextBody(_ h: EndToEndHarness) async throws {
        _ = try await h.graphql("{ jira { issues(first: 5) { nodes { key project { name } } } } github { pullRequests(first: 2) { nodes { title } } } }")
        let response = try await h.http("GET", "/metrics")
        #expect(response.status == 200)
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text.contains("hyperpage_upstream_requests_total{"))
        #expect(text.contains("tool=\"jira\""))
        #expect(text.contains("hyperpage_dataloader_batch_size"))
        #expect(text.contains("hyperpage_rate_limit_remaining{tool=\"github\",bucket=\""))
        #expect(text.contains("hyperpage_graphql_requests_total{"))
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            // name{labels} value  |  name value
            let ok = line.wholeMatch(of: /[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? [-+0-9.eEInfa]+/) != nil
            #expect(ok, "not a Prometheus sample line: \(line)")
        }
    }

    @Test func readinessReportsEachTool() async throws {
        try await EndToEndHarness.with { h in try await self.readinessReportsEachToolBody(h) }
    }

    private func readinessReportsEachToolBody(_ h: EndToEndHarness) async throws {
        h.world.gitlab.setFaults(FakeFaults(failure: .status(503)))
        let response = try await h.http("GET", "/readyz")
        let body = try JSONParser.parse(bytes: response.body)
        let checks = body["checks"]?.list ?? []
        let byName = Dictionary(uniqueKeysWithValues: checks.compactMap { c in c["name"]?.string.map { ($0, c["status"]?.string ?? "") } })
        #expect(byName["github"] == "ok")
        #expect(byName["jira"] == "ok")
        #expect(byName["gitlab"] == "down")
        #expect(body["status"]?.string == "degraded")
        #expect(response.status == 200)
        let health = try await h.http("GET", "/healthz")
        #expect(health.status == 200)
    }

    @Test func toolsListIsSanitized() async throws {
        try await EndToEndHarness.with { h in try await self.toolsListIsSanitizedBody(h) }
    }

    private func toolsListIsSanitizedBody(_ h: EndToEndHarness) async throws {
        let response = try await h.graphql("{ tools { slug name enabled capabilities } }")
        let text = String(decoding: JSONSerializer.serialize(response), as: UTF8.self)
        #expect(!text.contains(FakeCredentials.githubToken))
        #expect(!text.contains(FakeCredentials.jiraToken))
        #expect(!text.contains("127.0.0.1"))
        let slugs = response.at("data.tools")?.list.compactMap { $0["slug"]?.string } ?? []
        #expect(Set(["github", "gitlab", "jira"]).isSubset(of: Set(slugs)))
    }

    @Test func demoOnceAnswersTheExampleQuery() async throws {
        let result = await CommandLineTool.execute(["demo", "--once", "--schema-dir", EndToEndHarness.schemaDirectory])
        #expect(result.status == 0, "\(result.stderr) \(result.stdoutText.prefix(2000))")
        let response = try JSONParser.parse(bytes: result.stdout)
        #expect(response["errors"] == nil)
        #expect((response.at("data.codeReviews.nodes")?.list.count ?? 0) == 5)
        #expect((response.at("data.jira.issues.nodes")?.list.count ?? 0) > 0)
    }

    @Test func demoPrintsItsQueryAndRejectsABadCacheTTL() async throws {
        let printed = await CommandLineTool.execute(["demo", "--print-query"])
        #expect(printed.status == 0)
        #expect(printed.stdoutText.hasPrefix("query Dashboard {"))
        let bad = await CommandLineTool.execute(["demo", "--cache-ttl", "soon"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--cache-ttl"))
    }

    @Test func aDisabledToolIsAbsentFromTheSchema() async throws {
        try await EndToEndHarness.with({ config in
            config.tools.github.enabled = false
            config.tools.codeReviews.enabled = false
        }) { h in try await self.aDisabledToolIsAbsentFromTheSchemaBody(h) }
    }

    private func aDisabledToolIsAbsentFromTheSchemaBody(_ h: EndToEndHarness) async throws {
        let response = try await h.graphql("{ github { viewer { login } } }")
        #expect(response["data"] == nil)
        #expect(response.at("errors.0.extensions.code")?.string == "GRAPHQL_VALIDATION_FAILED")
        let types = try await h.graphql("{ __schema { types { name } } }")
        let names = Set(types.at("data.__schema.types")?.list.compactMap { $0["name"]?.string } ?? [])
        #expect(!names.contains("GitHubPullRequest"))
        #expect(!names.contains("CodeReviewConnection"))
        #expect(names.contains("GitLabMergeRequest"))
    }
}
