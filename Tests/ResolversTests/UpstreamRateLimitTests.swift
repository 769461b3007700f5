import Foundation
import Testing
@testable import Resolvers

@Suite struct UpstreamRateLimitTests {
    private let now = Date(timeIntervalSince1970: 1_750_000_000)

    private func response(_ headers: [(String, String)], status: Int = 200) -> UpstreamResponse {
        UpstreamResponse(status: status, headers: headers.map { (name: $0.0, value: $0.1) }, body: [])
    }

    @Test func readsGitHubHeaders() {
        let ledger = RateLimitLedger()
        ledger.record(tool: "github", response: response([("x-ratelimit-limit", "5000"), ("x-ratelimit-remaining", "4321"),
                                                          ("x-ratelimit-reset", "1750003600"), ("x-ratelimit-used", "679")]), at: now)
        #expect(ledger.observation(for: "github") == RateLimitObservation(
            tool: "github", limit: 5000, remaining: 4321, resetAt: Date(timeIntervalSince1970: 1_750_003_600), observedAt: now))
    }

    @Test func readsGitLabHeaders() {
        let ledger = RateLimitLedger()
        ledger.record(tool: "gitlab", response: response([("ratelimit-limit", "2000"), ("ratelimit-remaining", "1999"),
                                                          ("ratelimit-reset", "1750000060"), ("ratelimit-observed", "1")]), at: now)
        #expect(ledger.observation(for: "gitlab") == RateLimitObservation(
            tool: "gitlab", limit: 2000, remaining: 1999, resetAt: Date(timeIntervalSince1970: 1_750_000_060), observedAt: now))
    }

    @Test func readsJiraHeaders() {
        let ledger = RateLimitLedger()
        ledger.record(tool: "jira", response: response([("x-ratelimit-limit", "350"), ("x-ratelimit-remaining", "349"),
                                                        ("x-ratelimit-reset", "2025-06-15T15:07Z")]), at: now)
        let observation = ledger.observation(for: "jira")
        #expect(observation?.limit == 350)
        #expect(observation?.remaining == 349)
        // 2025-06-15T15:07:00Z
        #expect(observation?.resetAt == Date(timeIntervalSince1970: 1_750_000_020))
    }

    @Test func jiraRetryAfterOnA429KeepsTheLimitAndMeansNoneRemaining() {
        let ledger = RateLimitLedger()
        ledger.record(tool: "jira", response: response([("x-ratelimit-limit", "350"), ("x-ratelimit-remaining", "10")]), at: now)
        ledger.record(tool: "jira", response: response([("retry-after", "7")], status: 429), at: now)
        #expect(ledger.observation(for: "jira") == RateLimitObservation(
            tool: "jira", limit: 350, remaining: 0, resetAt: now.addingTimeInterval(7), observedAt: now))
    }

    @Test func ignoresResponsesWithoutRateLimitHeaders() {
        let ledger = RateLimitLedger()
        ledger.record(tool: "gitlab", response: response([("ratelimit-remaining", "5")]), at: now)
        ledger.record(tool: "gitlab", response: response([("content-type", "application/json")]), at: now.addingTimeInterval(1))
        #expect(ledger.observation(for: "gitlab")?.remaining == 5)
        #expect(ledger.observation(for: "gitlab")?.observedAt == now)
    }

    @Test func snapshotIsSortedByTool() {
        let ledger = RateLimitLedger()
        for tool in ["jira", "github", "gitlab"] {
            ledger.record(tool: tool, response: response([("x-ratelimit-remaining", "1")]), at: now)
        }
        #expect(ledger.snapshot().map(\.tool) == ["github", "gitlab", "jira"])
    }

    @Test(arguments: [
        ("2025-06-15T15:07Z", 1_750_000_020.0),
        ("2025-06-15T15:07:30Z", 1_750_000_050.0),
        ("2025-06-15T15:07:30.250Z", 1_750_000_050.25),
        ("2025-06-15T17:07:30+02:00", 1_750_000_050.0),
        ("2025-06-15T10:07:30-0500", 1_750_000_050.0),
        ("1970-01-01T00:00:00Z", 0.0),
        ("2000-02-29T00:00:00Z", 951_782_400.0),
    ])
    func parsesISO8601(text: String, epoch: Double) {
        #expect(parseISO8601(text) == Date(timeIntervalSince1970: epoch))
    }

    @Test(arguments: ["", "2025-06-15", "2025-13-01T00:00Z", "2025-06-15T15:07", "yesterday", "2025-06-15T15:07Zjunk"])
    func rejectsMalformedTimestamps(text: String) {
        #expect(parseISO8601(text) == nil)
    }

    @Test func retryAfterAcceptsSecondsAndHTTPDates() {
        #expect(retryAfterSeconds("120", now: now) == 120)
        let date = Date(timeIntervalSince1970: 1_750_000_030)   // Sun, 15 Jun 2025 15:07:10 GMT
        #expect(retryAfterSeconds("Sun, 15 Jun 2025 15:07:10 GMT", now: date.addingTimeInterval(-30)) == 30)
        #expect(retryAfterSeconds("soon", now: now) == nil)
    }

    @Test func backoffStaysWithinItsBounds() {
        let policy = RetryPolicy(maxRetries: 5, baseDelay: .milliseconds(100), maxDelay: .seconds(2))
        #expect(policy.backoff(beforeRetry: 0, random: 0) == .milliseconds(100))
        #expect(policy.backoff(beforeRetry: 0, random: 1) == .milliseconds(200))
        #expect(policy.backoff(beforeRetry: 2, random: 1) == .milliseconds(800))
        #expect(policy.backoff(beforeRetry: 10, random: 1) == .seconds(2))
        for retry in 0..<8 {
            let delay = policy.backoff(beforeRetry: retry)
            #expect(delay >= .milliseconds(100) && delay <= .seconds(2))
        }
    }
}
