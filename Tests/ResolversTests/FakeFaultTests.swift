import Foundation
import Testing
import Fakes

@Suite struct FakeFaultTests {
    @Test func statusFailuresUseTheToolsErrorBodyAndRunOut() async throws {
        try await withFake(.gitlab) { server in
            server.setFaults(FakeFaults(failure: .status(500), failures: 2))
            let url = server.apiURL + "/user"
            let first = try await FakeTestClient.send(url, headers: FakeTestClient.gitlabAuth)
            let second = try await FakeTestClient.send(url, headers: FakeTestClient.gitlabAuth)
            let third = try await FakeTestClient.send(url, headers: FakeTestClient.gitlabAuth)
            #expect(first.status == 500)
            #expect(first.object["message"] as? String == "500 Internal Server Error")
            #expect(second.status == 500)
            #expect(third.status == 200)
            #expect(server.requestCount("/api/v4/user") == 3)
        }
    }

    @Test func everyRequestFailsUntilFaultsAreCleared() async throws {
        try await withFake(.jira) { server in
            server.setFaults(FakeFaults(failure: .status(503)))
            for _ in 0..<3 {
                let r = try await FakeTestClient.send(server.apiURL + "/rest/api/3/myself", headers: FakeTestClient.jiraAuth)
                #expect(r.status == 503)
                #expect((r.object["errorMessages"] as? [String])?.isEmpty == false)
            }
            server.setFaults(.none)
            #expect(try await FakeTestClient.send(server.apiURL + "/rest/api/3/myself", headers: FakeTestClient.jiraAuth).status == 200)
        }
    }

    @Test func rateLimitedAnswers429WithRetryAfter() async throws {
        try await withFake(.github) { server in
            server.setFaults(FakeFaults(failure: .rateLimited(retryAfterSeconds: 7), failures: 1))
            let limited = try await FakeTestClient.send(server.apiURL + "/user", headers: FakeTestClient.githubAuth)
            #expect(limited.status == 429)
            #expect(limited.header("retry-after") == "7")
            #expect(limited.header("x-ratelimit-remaining") == "0")
            #expect((limited.object["message"] as? String)?.contains("rate limit") == true)
            #expect(try await FakeTestClient.send(server.apiURL + "/user", headers: FakeTestClient.githubAuth).status == 200)
        }
    }

    @Test func malformedBodyIsCutJSON() async throws {
        try await withFake(.github) { server in
            server.setFaults(FakeFaults(failure: .malformedBody))
            let r = try await FakeTestClient.send(server.apiURL + "/user", headers: FakeTestClient.githubAuth)
            #expect(r.status == 200)
            #expect(!r.body.isEmpty)
            #expect(r.json == nil)
        }
    }

    @Test func latencyDelaysAnswers() async throws {
        try await withFake(.gitlab) { server in
            server.setFaults(FakeFaults(latency: .milliseconds(300)))
            let start = ContinuousClock.now
            let r = try await FakeTestClient.send(server.apiURL + "/user", headers: FakeTestClient.gitlabAuth)
            #expect(r.status == 200)
            #expect(ContinuousClock.now - start >= .milliseconds(300))
        }
    }

    @Test func hangHoldsUntilTheClientGivesUpAndStopDoesNotWait() async throws {
        let server = try await FakeToolServer.start(.jira)
        server.setFaults(FakeFaults(failure: .hang))
        let start = ContinuousClock.now
        await #expect(throws: (any Error).self) {
            _ = try await FakeTestClient.send(server.apiURL + "/rest/api/3/myself", headers: FakeTestClient.jiraAuth, timeout: 1)
        }
        let waited = ContinuousClock.now - start
        #expect(waited >= .milliseconds(900) && waited < .seconds(5))
        // A second request still held when the server stops must not keep stop() waiting.
        let held = Task { try? await FakeTestClient.send(server.apiURL + "/rest/api/3/myself", headers: FakeTestClient.jiraAuth, timeout: 30) }
        try await Task.sleep(for: .milliseconds(200))
        let stopStart = ContinuousClock.now
        await server.stop()
        #expect(ContinuousClock.now - stopStart < .seconds(5))
        _ = await held.value
    }

    @Test func countersArePerPathAndReset() async throws {
        try await withFake(.github) { server in
            _ = try await FakeTestClient.send(server.apiURL + "/user", headers: FakeTestClient.githubAuth)
            _ = try await FakeTestClient.send(server.apiURL + "/user")
            _ = try await FakeTestClient.send(server.apiURL + "/search/issues?q=is:pr&page=2", headers: FakeTestClient.githubAuth)
            #expect(server.requestCount("/user") == 2)
            #expect(server.requestCount("/search/issues") == 1)
            #expect(server.requestCount("/user/repos") == 0)
            server.resetRequestCounts()
            #expect(server.requestCount("/user") == 0)
        }
    }

    @Test func serversBindDistinctFreePorts() async throws {
        let a = try await FakeToolServer.start(.github)
        let b = try await FakeToolServer.start(.github)
        #expect(a.baseURL != b.baseURL)
        #expect(a.baseURL.hasPrefix("http://127.0.0.1:"))
        await a.stop()
        await b.stop()
    }
}

@Suite struct FakeDatasetTests {
    let data = FakeDataset.standard

    @Test func sizesMatchTheDocumentedSample() {
        #expect(data.github.repositories.count == 3)
        #expect(data.github.pullRequests.count == 25)
        #expect(data.github.plainIssues.count == 12)
        #expect(data.github.workflowRuns.count == 15)
        #expect(data.github.pullRequests.contains { $0.isDraft })
        #expect(data.github.pullRequests.contains { $0.isMerged })
        #expect(data.github.pullRequests.contains { $0.state == "closed" && !$0.isMerged })
        #expect(data.gitlab.projects.count == 3)
        #expect(data.gitlab.mergeRequests.count == 20)
        #expect(Set(data.gitlab.mergeRequests.map(\.state)) == ["opened", "merged", "closed"])
        #expect(data.gitlab.pipelines.count == 15)
        #expect(data.gitlab.issues.count == 10)
        #expect(data.jira.projects.count == 3)
        #expect(data.jira.issues.count == 60)
        #expect(data.jira.issues.allSatisfy { !data.jira.changes(issueID: $0.id).isEmpty })
    }

    @Test func updateTimesNeverTieAcrossTools() {
        let times = data.github.issues.map(\.updatedAt) + data.github.workflowRuns.map(\.updatedAt)
            + data.gitlab.mergeRequests.map(\.updatedAt) + data.gitlab.pipelines.map(\.updatedAt) + data.gitlab.issues.map(\.updatedAt)
            + data.jira.issues.map(\.updated)
        #expect(Set(times).count == times.count)
        #expect(data.github.issues.allSatisfy { $0.createdAt < $0.updatedAt })
        #expect(data.jira.issues.allSatisfy { $0.created < $0.updated })
    }

    @Test func identifiersAreUnique() {
        #expect(Set(data.github.issues.map(\.id)).count == data.github.issues.count)
        #expect(Set(data.github.issues.map { "\($0.repository)#\($0.number)" }).count == data.github.issues.count)
        #expect(Set(data.gitlab.mergeRequests.map { "\($0.projectID)!\($0.iid)" }).count == data.gitlab.mergeRequests.count)
        #expect(Set(data.jira.issues.map(\.key)).count == 60)
        #expect(Set(data.jira.changes.map(\.id)).count == data.jira.changes.count)
    }
}
