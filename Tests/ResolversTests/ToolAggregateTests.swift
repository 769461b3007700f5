import Fakes
import Foundation
import Schema
import Testing
@testable import Resolvers

/// The cross-tool views against all three fakes: merged paging visits every item once, newest
/// first, and a failing tool nulls only its own part with the right error code.
@Suite(.serialized) struct ToolAggregateTests {
    static let codeReviews = """
    query($after: String) { codeReviews(first: 7, after: $after) { totalCount
      pageInfo { hasNextPage endCursor } sources { tool nodeCount ok }
      nodes { __typename id updatedAt source ... on GitHubPullRequest { repository number } } } }
    """

    @Test func pagingCodeReviewsVisitsEveryItemOnceNewestFirst() async throws {
        let h = try await ToolHarness.start()
        defer { Task { await h.stop() } }
        let gh = h.dataset.github, gl = h.dataset.gitlab
        let githubCount = gh.pullRequests.filter { gh.involves($0, login: gh.viewer.login) }.count
        let expectedCount = githubCount + gl.mergeRequests.count
        var ids: [String] = [], times: [String] = []
        var after: Value = .null
        var total: Value?
        for _ in 0..<100 {
            let r = try await h.run(Self.codeReviews, variables: [("after", after)])
            #expect(errorSummary(r) == [])
            let conn = r[resultPath: "data", "codeReviews"]
            total = conn?["totalCount"]
            for n in conn?["nodes"]?.items ?? [] {
                ids.append("\(n["__typename"]!.text!):\(n["id"]!.text!)")
                times.append(n["updatedAt"]!.text!)
            }
            guard conn?[resultPath: "pageInfo", "hasNextPage"] == .bool(true) else { break }
            after = conn?[resultPath: "pageInfo", "endCursor"] ?? .null
        }
        #expect(total == .int(expectedCount))
        #expect(ids.count == expectedCount)
        #expect(Set(ids).count == expectedCount)
        #expect(times == times.sorted(by: >))
    }

    @Test(arguments: [FakeFailure.status(500), .status(401), .rateLimited(retryAfterSeconds: 1), .malformedBody])
    func aFailingToolNullsOnlyItsOwnFields(failure: FakeFailure) async throws {
        let h = try await ToolHarness.start()
        defer { Task { await h.stop() } }
        h.gitlab.setFaults(FakeFaults(failure: failure))
        let r = try await h.run("""
        { github { viewer { login } } gitlab { viewer { login } } jira { viewer { login } }
          codeReviews(first: 5) { sources { tool nodeCount ok } nodes { source } } }
        """)
        let code = switch failure {
        case .status(401): "UPSTREAM_UNAUTHORIZED"
        case .rateLimited: "UPSTREAM_RATE_LIMITED"
        case .malformedBody: "UPSTREAM_BAD_RESPONSE"
        default: "UPSTREAM_UNAVAILABLE"
        }
        #expect(r[resultPath: "data", "gitlab"] == .null)
        #expect(r[resultPath: "data", "github", "viewer", "login"]?.text == h.dataset.github.viewer.login)
        #expect(r[resultPath: "data", "jira", "viewer", "login"]?.text == h.dataset.jira.viewer.accountID)
        let nodes = r[resultPath: "data", "codeReviews", "nodes"]?.items ?? []
        #expect(nodes.count == 5)
        #expect(nodes.allSatisfy { $0["source"]?.text == "GITHUB" })
        #expect(r[resultPath: "data", "codeReviews", "sources", 1, "ok"] == .null)
        #expect(r[resultPath: "data", "codeReviews", "sources", 1, "tool"]?.text == "GITLAB")
        #expect(r[resultPath: "data", "codeReviews", "sources", 0, "ok"] == .bool(true))
        let errors = r["errors"]?.items ?? []
        #expect(errors.count == 2)
        for e in errors {
            #expect(e[resultPath: "extensions", "code"]?.text == code)
            #expect(e[resultPath: "extensions", "tool"]?.text == "gitlab")
        }
        let paths = Set(errors.map { $0["path"]?.items.map { v -> String in v.text ?? "\(v.intValue ?? -1)" }.joined(separator: ".") ?? "" })
        #expect(paths == ["gitlab.viewer", "codeReviews.sources.1.ok"])
    }

    @Test func ticketsMergeAllThreeToolsAndPipelinesBothCIs() async throws {
        let h = try await ToolHarness.start()
        defer { Task { await h.stop() } }
        let r = try await h.run("""
        { tickets(first: 30) { totalCount sources { tool nodeCount ok } nodes { source status updatedAt title url } }
          pipelines(first: 30) { totalCount sources { tool ok } nodes { source status updatedAt } }
          tools { slug enabled capabilities } }
        """)
        #expect(errorSummary(r) == [])
        let tickets = r[resultPath: "data", "tickets", "nodes"]?.items ?? []
        #expect(tickets.count == 30)
        let times = tickets.compactMap { $0["updatedAt"]?.text }
        #expect(times == times.sorted(by: >))
        let sources = r[resultPath: "data", "tickets", "sources"]?.items ?? []
        #expect(sources.map { $0["tool"]?.text } == ["GITHUB", "GITLAB", "JIRA"])
        #expect(sources.allSatisfy { $0["ok"] == .bool(true) })
        let pipelines = r[resultPath: "data", "pipelines", "nodes"]?.items ?? []
        #expect(pipelines.count == 30)
        #expect(r[resultPath: "data", "tools"]?.items.count == 6)
        let text = String(decoding: JSONSerializer.serialize(r[resultPath: "data", "tools"]!), as: UTF8.self)
        #expect(!text.contains("127.0.0.1") && !text.contains(FakeCredentials.githubToken))
        // Read after the calls above: a sibling field would run before their answers arrive.
        let after = try await h.run("{ rateLimits { tool limit remaining resetAt observedAt } }")
        let limits = after[resultPath: "data", "rateLimits"]?.items ?? []
        #expect(limits.contains { $0["tool"]?.text == "github" && $0["remaining"]?.intValue != nil }, "\(limits)")
    }
}
