import Foundation
import Schema
import Testing
@testable import Resolvers

/// `UpstreamClient` (auth, status mapping, retries, deadlines, rate limits) over `CurlTransport`
/// and a real loopback server.
@Suite struct UpstreamClientTests {
    private func client(_ server: UpstreamTestServer, _ transport: CurlTransport, tool: String = "github",
                        auth: UpstreamAuth = .bearer("ghp_secret_token"), retry: RetryPolicy = upstreamQuickRetry,
                        attemptTimeout: Duration = .seconds(8), ledger: RateLimitLedger = RateLimitLedger(),
                        observer: UpstreamRecordingObserver? = nil) -> UpstreamClient {
        UpstreamClient(tool: tool, baseURL: server.baseURL + "/", auth: auth, transport: transport, ledger: ledger,
                       retry: retry, attemptTimeout: attemptTimeout, observer: observer)
    }

    @Test func addsAuthAndStandardHeaders() async throws {
        try await withUpstream { server, transport in
            let github = client(server, transport)
            let (echo, _) = try await github.json("/echo", deadline: upstreamDeadline(in: .seconds(5)))
            #expect(echo["authorization"] == .string("Bearer ghp_secret_token"))
            #expect(echo["user-agent"] == .string("hyperpage"))
            #expect(echo["accept"] == .string("application/vnd.github+json"))
            #expect(echo["content-type"] == nil)

            let gitlab = client(server, transport, tool: "gitlab", auth: .privateToken("glpat-secret"))
            let (gitlabEcho, _) = try await gitlab.json("echo", deadline: upstreamDeadline(in: .seconds(5)))
            #expect(gitlabEcho["private-token"] == .string("glpat-secret"))
            #expect(gitlabEcho["authorization"] == nil)
            #expect(gitlabEcho["accept"] == .string("application/json"))

            let jira = client(server, transport, tool: "jira", auth: .basic(user: "demo@hyperpage.dev", password: "jira-token"))
            let (jiraEcho, _) = try await jira.json("/echo", deadline: upstreamDeadline(in: .seconds(5)))
            let expected = "Basic " + Data("demo@hyperpage.dev:jira-token".utf8).base64EncodedString()
            #expect(jiraEcho["authorization"] == .string(expected))
        }
    }

    @Test func percentEncodesQueryItems() async throws {
        try await withUpstream { server, transport in
            let (echo, _) = try await client(server, transport).json(
                "/echo", query: [("q", "is:pr author:@me"), ("jql", "project = A&B"), ("per_page", "50")],
                deadline: upstreamDeadline(in: .seconds(5)))
            #expect(echo["query"] == .string("q=is%3Apr%20author%3A%40me&jql=project%20%3D%20A%26B&per_page=50"))
        }
    }

    @Test func postsJSONBodies() async throws {
        try await withUpstream { server, transport in
            let body = Value.object(ObjectValue([("jql", .string("project = HP")), ("maxResults", .int(50))]))
            let (echo, response) = try await client(server, transport, tool: "jira").json("POST", "/echo", body: body, deadline: upstreamDeadline(in: .seconds(5)))
            #expect(response.status == 200)
            #expect(echo["method"] == .string("POST"))
            #expect(echo["content-type"] == .string("application/json"))
            #expect(echo["body"] == .string(#"{"jql":"project = HP","maxResults":50}"#))
        }
    }

    @Test func followsAbsoluteLinksOnTheSameOriginOnly() async throws {
        try await withUpstream { server, transport in
            let github = client(server, transport)
            let (value, _) = try await github.json(server.baseURL + "/json", deadline: upstreamDeadline(in: .seconds(5)))
            #expect(value["hello"] == .string("world"))

            let error = await upstreamError { () async throws(UpstreamError) in
                try await github.send("https://evil.example.com/json", deadline: upstreamDeadline(in: .seconds(5)))
            }
            #expect(error?.code == .badResponse)
        }
    }

    @Test(arguments: [
        (401, UpstreamErrorCode.unauthorized, 1),
        (403, .unauthorized, 1),
        (404, .badResponse, 1),
        (422, .badResponse, 1),
        (500, .unavailable, 3),
        (503, .unavailable, 3),
    ])
    func mapsStatuses(status: Int, code: UpstreamErrorCode, attempts: Int) async throws {
        try await withUpstream { server, transport in
            let error = await upstreamError { () async throws(UpstreamError) in
                try await client(server, transport).send("/status/\(status)", deadline: upstreamDeadline(in: .seconds(5)))
            }
            #expect(error?.code == code)
            #expect(error?.tool == "github")
            #expect(server.count("/status/\(status)") == attempts)
            // Neither the token nor the body reach the message.
            #expect(error?.message.contains("ghp_secret_token") == false)
            #expect(error?.message.contains("should-not-leak") == false)
            #expect(error?.description.contains("ghp_secret_token") == false)
        }
    }

    @Test func forbiddenWithNoRemainingRequestsIsRateLimited() async throws {
        try await withUpstream { server, transport in
            let error = await upstreamError { () async throws(UpstreamError) in
                try await client(server, transport).send("/status/403", query: [("h-x-ratelimit-remaining", "0"), ("h-x-ratelimit-reset", "4102444800")],
                                                         deadline: upstreamDeadline(in: .seconds(2)))
            }
            #expect(error?.code == .rateLimited)
            #expect((error?.retryAfter ?? 0) > 3600)
        }
    }

    @Test func retryAfterPastTheDeadlineFailsAtOnce() async throws {
        try await withUpstream { server, transport in
            let started = ContinuousClock.now
            let error = await upstreamError { () async throws(UpstreamError) in
                try await client(server, transport).send("/status/429", query: [("h-retry-after", "120")], deadline: upstreamDeadline(in: .seconds(60)))
            }
            #expect(error?.code == .rateLimited)
            #expect(error?.retryAfter == 120)
            #expect(server.count("/status/429") == 1)
            // Waiting out Retry-After would take 120 s, past the 60 s deadline; failing at once
            // takes one round trip (the bound leaves room for a loaded machine).
            #expect(started.duration(to: .now) < .seconds(30))
            let extensions = error?.clientExtensions ?? []
            #expect(extensions.map(\.0) == ["code", "tool", "retryAfter"])
            #expect(extensions.first { $0.0 == "code" }?.1 == .string("UPSTREAM_RATE_LIMITED"))
            #expect(extensions.first { $0.0 == "tool" }?.1 == .string("github"))
            #expect(extensions.first { $0.0 == "retryAfter" }?.1 == .int(120))
        }
    }

    @Test func honoursRetryAfterThenSucceeds() async throws {
        try await withUpstream { server, transport in
            let started = ContinuousClock.now
            let (value, _) = try await client(server, transport, tool: "jira").json(
                "/flaky", query: [("key", "retry-after"), ("failures", "1"), ("status", "429"), ("retryAfter", "1")],
                deadline: upstreamDeadline(in: .seconds(5)))
            #expect(value["attempt"] == .int(2))
            #expect(started.duration(to: .now) >= .milliseconds(950))
        }
    }

    @Test func retriesServerErrorsThenSucceeds() async throws {
        try await withUpstream { server, transport in
            let observer = UpstreamRecordingObserver()
            let (value, response) = try await client(server, transport, observer: observer).json(
                "/flaky", query: [("key", "twice"), ("failures", "2")], deadline: upstreamDeadline(in: .seconds(5)))
            #expect(response.status == 200)
            #expect(value["attempt"] == .int(3))
            #expect(observer.finished.map(\.status) == [503, 503, 200])
            #expect(observer.finished.map(\.errorCode) == [.unavailable, .unavailable, nil])
            #expect(observer.finished.allSatisfy { $0.tool == "github" && $0.method == "GET" })
        }
    }

    @Test func givesUpAfterMaxRetries() async throws {
        try await withUpstream { server, transport in
            let error = await upstreamError { () async throws(UpstreamError) in
                try await client(server, transport, retry: RetryPolicy(maxRetries: 1, baseDelay: .milliseconds(5))).send(
                    "/flaky", query: [("key", "always"), ("failures", "10")], deadline: upstreamDeadline(in: .seconds(5)))
            }
            #expect(error?.code == .unavailable)
            #expect(server.count("/flaky") == 2)
        }
    }

    @Test func respectsTheDeadline() async throws {
        try await withUpstream { server, transport in
            let started = ContinuousClock.now
            let error = await upstreamError { () async throws(UpstreamError) in
                try await client(server, transport).send("/slow", query: [("ms", "8000")], deadline: upstreamDeadline(in: .seconds(1)))
            }
            let elapsed = started.duration(to: .now)
            #expect(error?.code == .timeout)
            // The server answers after 8 s: giving up well before proves the deadline cut the
            // transfer (the bound leaves room for a loaded machine). A loaded machine may not
            // even reach the server within the deadline; it must never retry past it.
            #expect(elapsed < .seconds(6), "took \(elapsed)")
            #expect(server.count("/slow") <= 1)
        }
    }

    @Test func retriesAttemptTimeoutsWithinTheDeadline() async throws {
        try await withUpstream { server, transport in
            let error = await upstreamError { () async throws(UpstreamError) in
                // Attempts long enough to reach the server on a loaded machine, a deadline
                // far beyond three of them.
                try await client(server, transport, attemptTimeout: .milliseconds(600)).send(
                    "/slow", query: [("ms", "3000")], deadline: upstreamDeadline(in: .seconds(12)))
            }
            #expect(error?.code == .timeout)
            #expect(server.count("/slow") == 3)
        }
    }

    @Test func expiredDeadlineSendsNothing() async throws {
        try await withUpstream { server, transport in
            let error = await upstreamError { () async throws(UpstreamError) in
                try await client(server, transport).send("/json", deadline: upstreamDeadline(in: .milliseconds(-1)))
            }
            #expect(error?.code == .timeout)
            #expect(server.count("/json") == 0)
        }
    }

    @Test func unparsableJSONIsABadResponse() async throws {
        try await withUpstream { server, transport in
            let error = await upstreamError { () async throws(UpstreamError) in
                try await client(server, transport).json("/notjson", deadline: upstreamDeadline(in: .seconds(5)))
            }
            #expect(error?.code == .badResponse)
            #expect(error?.message.contains("<html>") == false)
        }
    }

    @Test func connectFailureIsUnavailableAndNamesTheTool() async throws {
        let transport = CurlTransport(connectTimeout: .seconds(1))
        defer { transport.shutdown() }
        let gitlab = UpstreamClient(tool: "gitlab", baseURL: "http://127.0.0.1:9/api/v4", auth: .privateToken("glpat-secret"),
                                    transport: transport, ledger: RateLimitLedger(), retry: upstreamQuickRetry)
        let error = await upstreamError { () async throws(UpstreamError) in
            try await gitlab.send("/user", deadline: upstreamDeadline(in: .seconds(3)))
        }
        #expect(error?.code == .unavailable)
        #expect(error?.tool == "gitlab")
        #expect(error?.message.hasPrefix("gitlab: ") == true)
        #expect(error?.message.contains("glpat-secret") == false)
    }

    @Test func recordsRateLimitsFromResponses() async throws {
        try await withUpstream { server, transport in
            let ledger = RateLimitLedger()
            let observer = UpstreamRecordingObserver()
            _ = try await client(server, transport, ledger: ledger, observer: observer).send("/json", deadline: upstreamDeadline(in: .seconds(5)))
            let observation = try #require(ledger.observation(for: "github"))
            #expect(observation.limit == 5000)
            #expect(observation.remaining == 4999)
            #expect(observation.resetAt == Date(timeIntervalSince1970: 1_700_000_000))
            #expect(observer.rateLimits == [observation])
            #expect(ledger.snapshot() == [observation])
        }
    }
}
