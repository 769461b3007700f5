import Fakes
import Foundation
import Schema
import Testing
@testable import Server

/// One tool failing leaves the other tools' data intact, with located errors that carry the
/// failure's code and the tool; sibling tools are asked concurrently.
@Suite(.serialized) struct ToolFailureTests {
    static let query = """
        {
          github { pullRequests(first: 3) { nodes { title } } }
          gitlab { mergeRequests(first: 3) { nodes { title } } }
          jira { issues(first: 3) { nodes { key } } }
        }
        """

    /// Sets `failure` on GitHub's fake, runs the query and checks the outcome.
    func expectGitHubFailure(_ failure: FakeFailure, code: String,
                             configure: @escaping (inout HyperpageConfig) -> Void = { _ in }) async throws {
        try await EndToEndHarness.with({ config in
            config.cache.defaultTTL = .zero
            configure(&config)
        }) { h in try await self.checkGitHubFailure(h, failure, code: code) }
    }

    private func checkGitHubFailure(_ h: EndToEndHarness, _ failure: FakeFailure, code: String) async throws {
        h.world.github.setFaults(FakeFaults(failure: failure))
        let response = try await h.graphql(Self.query)
        #expect(response.at("data.github") == .null)
        #expect((response.at("data.gitlab.mergeRequests.nodes")?.list.count ?? 0) == 3)
        #expect((response.at("data.jira.issues.nodes")?.list.count ?? 0) == 3)
        let errors = response["errors"]?.list ?? []
        #expect(errors.count == 1, "\(errors)")
        let error = errors.first
        #expect(error?.at("extensions.code")?.string == code)
        #expect(error?.at("extensions.tool")?.string == "github")
        #expect(error?.at("path.0")?.string == "github")
        #expect(error?.at("locations.0.line")?.int != nil)
        // No secret leaks into the error.
        #expect(!"\(response)".contains(FakeCredentials.githubToken))
    }

    @Test func serverErrorNullsOnlyThatTool() async throws {
        try await expectGitHubFailure(.status(500), code: "UPSTREAM_UNAVAILABLE")
    }

    @Test func rateLimitNullsOnlyThatTool() async throws {
        // Retry-After beyond the request's deadline: no waiting, the request fails fast.
        try await expectGitHubFailure(.rateLimited(retryAfterSeconds: 120), code: "UPSTREAM_RATE_LIMITED")
    }

    @Test func timeoutNullsOnlyThatTool() async throws {
        try await expectGitHubFailure(.hang, code: "UPSTREAM_TIMEOUT") { config in
            config.upstream.timeout = .milliseconds(500)
            config.upstream.maxRetries = 0
            config.server.requestTimeout = .seconds(2)
        }
    }

    @Test func malformedBodyNullsOnlyThatTool() async throws {
        try await expectGitHubFailure(.malformedBody, code: "UPSTREAM_BAD_RESPONSE")
    }

    @Test func wrongCredentialsAreReportedAsUnauthorized() async throws {
        try await EndToEndHarness.with({ $0.tools.github.token = "not-the-token" }) { h in try await self.wrongCredentialsAreReportedAsUnauthorizedBody(h) }
    }

    private func wrongCredentialsAreReportedAsUnauthorizedBody(_ h: EndToEndHarness) async throws {
        let response = try await h.graphql(Self.query)
        #expect(response.at("data.github") == .null)
        #expect(response.at("errors.0.extensions.code")?.string == "UPSTREAM_UNAUTHORIZED")
        #expect((response.at("data.jira.issues.nodes")?.list.count ?? 0) == 3)
        #expect(!"\(response)".contains("not-the-token"))
    }

    @Test func aTransient500IsRetried() async throws {
        try await EndToEndHarness.with { h in try await self.aTransient500IsRetriedBody(h) }
    }

    private func aTransient500IsRetriedBody(_ h: EndToEndHarness) async throws {
        h.world.github.setFaults(FakeFaults(failure: .status(502), failures: 1))
        let response = try await h.graphql(Self.query)
        #expect(response["errors"] == nil, "\(response)")
        #expect((response.at("data.github.pullRequests.nodes")?.list.count ?? 0) == 3)
    }

    /// Each fake answers after 200 ms; the three tools are asked at the same time, so the
    /// combined query costs about one delay, not three. (Best of three, on a shared machine.)
    @Test func toolsAreAskedConcurrently() async throws {
        try await EndToEndHarness.with({ $0.cache.defaultTTL = .zero }) { h in try await self.toolsAreAskedConcurrentlyBody(h) }
    }

    private func toolsAreAskedConcurrentlyBody(_ h: EndToEndHarness) async throws {
        for fake in [h.world.github, h.world.gitlab, h.world.jira] {
            fake.setFaults(FakeFaults(latency: .milliseconds(200)))
        }
        var best = Duration.seconds(100)
        for _ in 0..<3 {
            let start = ContinuousClock.now
            let response = try await h.graphql("""
                {
                  github { pullRequests(first: 5) { nodes { title } } }
                  gitlab { mergeRequests(first: 5) { nodes { title } } }
                  jira { issues(first: 5) { nodes { key title } } }
                  codeReviews(first: 5) { nodes { title } }
                  tickets(first: 5) { nodes { title } }
                  pipelines(first: 5) { nodes { title } }
                }
                """)
            best = min(best, ContinuousClock.now - start)
            #expect(response["errors"] == nil, "\(response)")
        }
        #expect(best < .milliseconds(300), "best of three: \(best)")
    }
}

/// A tool failing inside a cross-tool view: the other tools' items stay, the failure is a
/// located error at the view's field, even when the query does not ask for `sources`.
@Suite(.serialized) struct AggregateFailureTests {
    @Test func aFailingToolInAViewIsReportedAtTheViewField() async throws {
        try await EndToEndHarness.with({ $0.cache.defaultTTL = .zero }) { h in try await self.body(h) }
    }

    private func body(_ h: EndToEndHarness) async throws {
        h.world.gitlab.setFaults(FakeFaults(failure: .status(500)))
        let response = try await h.graphql("{ codeReviews(first: 4) { nodes { source } sources { tool ok } } }")
        let nodes = response.at("data.codeReviews.nodes")?.list ?? []
        #expect(nodes.count == 4)
        #expect(nodes.allSatisfy { $0["source"]?.string == "GITHUB" })
        #expect(response.at("data.codeReviews.sources.1.ok") == .bool(false))
        let errors = response["errors"]?.list ?? []
        #expect(errors.count == 1)
        #expect(errors.first?.at("path.0")?.string == "codeReviews")
        #expect(errors.first?.at("extensions.code")?.string == "UPSTREAM_UNAVAILABLE")
        #expect(errors.first?.at("extensions.tool")?.string == "gitlab")
        #expect(errors.first?.at("locations.0.column")?.int == 3)
    }
}
