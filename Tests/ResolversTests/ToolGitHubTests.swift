import Fakes
import Foundation
import Schema
import Testing
@testable import Resolvers

/// GitHub through the schema against the GitHub fake: exact mapping, `Link` paging, and reviews
/// fetched once per pull request.
@Suite(.serialized) struct ToolGitHubTests {
    func expectedPullRequests(_ d: GitHubDataset, open: Bool?) -> [Fakes.GitHubIssue] {
        d.pullRequests
            .filter { d.involves($0, login: d.viewer.login) }
            .filter { open == nil || ($0.state == "open") == open! }
            .sorted { ($0.updatedAt, $0.id) > ($1.updatedAt, $1.id) }
    }

    @Test func pullRequestsAreMappedExactly() async throws {
        let h = try await ToolHarness.start()
        defer { Task { await h.stop() } }
        let response = try await h.run("""
        { github { viewer { login name avatarUrl }
          pullRequests(state: OPEN, first: 100) { totalCount pageInfo { hasNextPage }
            nodes { id number title state url repository isDraft createdAt updatedAt mergedAt source
                    author { login name } reviews { state author { login } submittedAt url } } } } }
        """)
        #expect(errorSummary(response) == [])
        let d = h.dataset.github
        #expect(response[resultPath: "data", "github", "viewer", "login"]?.text == d.viewer.login)
        let expected = expectedPullRequests(d, open: true)
        let nodes = response[resultPath: "data", "github", "pullRequests", "nodes"]?.items ?? []
        #expect(!expected.isEmpty)
        #expect(response[resultPath: "data", "github", "pullRequests", "totalCount"] == .int(expected.count))
        #expect(nodes.count == expected.count)
        for (node, pr) in zip(nodes, expected) {
            #expect(node["number"] == .int(pr.number))
            #expect(node["title"]?.text == pr.title)
            #expect(node["state"]?.text == "OPEN")
            #expect(node["url"]?.text == pr.htmlURL)
            #expect(node["repository"]?.text == pr.repository)
            #expect(node["isDraft"] == .bool(pr.isDraft))
            #expect(node["createdAt"]?.text == utc(pr.createdAt))
            #expect(node["updatedAt"]?.text == utc(pr.updatedAt))
            #expect(node["mergedAt"] == .null)
            #expect(node["source"]?.text == "GITHUB")
            #expect(node[resultPath: "author", "login"]?.text == pr.author)
            let reviews = d.reviews(repository: pr.repository, number: pr.number)
            #expect(node["reviews"]?.items.map { $0["state"]?.text } == reviews.map { $0.state.uppercased() })
            #expect(node["reviews"]?.items.map { $0[resultPath: "author", "login"]?.text } == reviews.map(\.reviewer))
            #expect(node["reviews"]?.items.map { $0["submittedAt"]?.text } == reviews.map { utc($0.submittedAt) })
            #expect(h.github.requestCount("/repos/\(pr.repository)/pulls/\(pr.number)/reviews") == 1)
        }
    }

    @Test func pagingFollowsLinkHeadersAndVisitsEveryPullRequestOnce() async throws {
        let h = try await ToolHarness.start()
        defer { Task { await h.stop() } }
        let expected = expectedPullRequests(h.dataset.github, open: nil).map { "\($0.repository)#\($0.number)" }
        var seen: [String] = []
        var after: Value = .null
        for _ in 0..<100 {
            let r = try await h.run("""
            query($after: String) { github { pullRequests(first: 3, after: $after) {
              pageInfo { hasNextPage endCursor } nodes { number repository } } } }
            """, variables: [("after", after)])
            #expect(errorSummary(r) == [])
            let conn = r[resultPath: "data", "github", "pullRequests"]
            seen += (conn?["nodes"]?.items ?? []).map { "\($0["repository"]!.text!)#\($0["number"]!.intValue!)" }
            guard conn?[resultPath: "pageInfo", "hasNextPage"] == .bool(true) else { break }
            after = conn?[resultPath: "pageInfo", "endCursor"] ?? .null
        }
        #expect(seen == expected)
        #expect(h.github.requestCount("/search/issues") >= (expected.count + 2) / 3)
    }

    @Test func workflowRunsOfTheViewersRepositoriesAreMapped() async throws {
        let h = try await ToolHarness.start()
        defer { Task { await h.stop() } }
        let r = try await h.run("""
        { github { workflowRuns(first: 100) { totalCount nodes { id name title status conclusion branch repository url
            createdAt updatedAt durationSeconds } } } }
        """)
        #expect(errorSummary(r) == [])
        let d = h.dataset.github
        let repos = Set(d.repositories.sorted { $0.pushedAt > $1.pushedAt }.prefix(10).map(\.fullName))
        let runs = d.workflowRuns.filter { repos.contains($0.repository) }
        let nodes = r[resultPath: "data", "github", "workflowRuns", "nodes"]?.items ?? []
        #expect(nodes.count == min(100, runs.count))
        #expect(r[resultPath: "data", "github", "workflowRuns", "totalCount"] == .int(runs.count))
        let byID = Dictionary(uniqueKeysWithValues: runs.map { (String($0.id), $0) })
        for node in nodes {
            let run = try #require(byID[node["id"]?.text ?? ""])
            #expect(node["name"]?.text == run.name)
            #expect(node["title"]?.text == run.displayTitle)
            #expect(node["branch"]?.text == run.headBranch)
            #expect(node["repository"]?.text == run.repository)
            #expect(node["url"]?.text == run.htmlURL)
            #expect(node["conclusion"]?.text == run.conclusion?.uppercased())
            #expect(node["status"]?.text == GitHubMapping.pipelineStatus(status: run.status, conclusion: run.conclusion))
            #expect(node["createdAt"]?.text == utc(run.createdAt))
            if run.status == "completed" {
                #expect(node["durationSeconds"] == .int(Int(run.updatedAt.timeIntervalSince(run.runStartedAt))))
            } else {
                #expect(node["durationSeconds"] == .null)
            }
        }
        let times = nodes.compactMap { $0["updatedAt"]?.text }
        #expect(times == times.sorted(by: >))
    }
}
