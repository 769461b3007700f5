import Fakes
import Foundation
import Schema
import Testing
@testable import Server

/// The product through its front door: GraphQL over HTTP against a server whose tools are the
/// loopback fakes. Expected answers are derived from the fakes' dataset.
@Suite(.serialized) struct CombinedQueryTests {
    static func rfc3339(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    @Test func combinedQueryReturnsTheFakesDataMappedAndOrdered() async throws {
        try await EndToEndHarness.with { h in try await self.combinedQueryReturnsTheFakesDataMappedAndOrderedBody(h) }
    }

    private func combinedQueryReturnsTheFakesDataMappedAndOrderedBody(_ h: EndToEndHarness) async throws {
        let response = try await h.graphql("""
            {
              tools { slug enabled }
              github {
                viewer { login name }
                pullRequests(first: 100) { totalCount nodes { number title repository state isDraft url createdAt updatedAt author { login } } }
                issues(first: 100) { totalCount nodes { number title } }
                workflowRuns(first: 100) { totalCount nodes { id name repository } }
              }
              gitlab {
                viewer { login }
                mergeRequests(first: 100) { totalCount nodes { iid title project { pathWithNamespace } updatedAt } }
                pipelines(first: 100) { totalCount nodes { id } }
                issues(first: 100) { totalCount nodes { iid title } }
              }
              jira { issues(jql: "ORDER BY updated DESC", first: 10) { totalCount nodes { key title project { key name } } } }
              codeReviews(first: 100) { totalCount nodes { title source updatedAt } }
              pipelines(first: 100) { totalCount nodes { source } }
              tickets(first: 100) { totalCount nodes { source } }
            }
            """)
        #expect(response["errors"] == nil, "\(response)")
        let data = h.dataset

        // GitHub: the pull requests the viewer is involved in, newest update first.
        let viewer = data.github.viewer.login
        let prs = data.github.pullRequests.filter { data.github.involves($0, login: viewer) }.sorted { $0.updatedAt > $1.updatedAt }
        #expect(response.at("data.github.viewer.login")?.string == viewer)
        #expect(response.at("data.github.pullRequests.totalCount")?.int == prs.count)
        let prNodes = response.at("data.github.pullRequests.nodes")?.list ?? []
        #expect(prNodes.map { $0["number"]?.int } == prs.map { $0.number })
        #expect(prNodes.map { $0["title"]?.string } == prs.map { $0.title })
        #expect(prNodes.map { $0["repository"]?.string } == prs.map { $0.repository })
        #expect(prNodes.map { $0["url"]?.string } == prs.map { $0.htmlURL })
        #expect(prNodes.map { $0["updatedAt"]?.string } == prs.map { Self.rfc3339($0.updatedAt) })
        #expect(prNodes.map { $0["createdAt"]?.string } == prs.map { Self.rfc3339($0.createdAt) })
        #expect(prNodes.map { $0["isDraft"]?.bool } == prs.map { $0.isDraft })
        #expect(prNodes.map { $0.at("author.login")?.string } == prs.map { $0.author })
        #expect(prNodes.map { $0["state"]?.string } == prs.map { $0.isMerged ? "MERGED" : $0.state.uppercased() })

        // GitLab: every merge request visible to the token, newest update first.
        let mrs = data.gitlab.mergeRequests.sorted { $0.updatedAt > $1.updatedAt }
        #expect(response.at("data.gitlab.mergeRequests.totalCount")?.int == mrs.count)
        let mrNodes = response.at("data.gitlab.mergeRequests.nodes")?.list ?? []
        #expect(mrNodes.map { $0["iid"]?.int } == mrs.map { $0.iid })
        #expect(mrNodes.map { $0.at("project.pathWithNamespace")?.string }
                == mrs.map { data.gitlab.project(id: $0.projectID)?.pathWithNamespace })

        // Jira: the first page of every issue, with projects from project search.
        let issues = data.jira.issues.sorted { $0.updated > $1.updated }
        let jiraNodes = response.at("data.jira.issues.nodes")?.list ?? []
        #expect(jiraNodes.map { $0["key"]?.string } == issues.prefix(10).map { $0.key })
        #expect(jiraNodes.map { $0.at("project.name")?.string } == issues.prefix(10).map { data.jira.project(key: $0.projectKey)?.name })
        #expect(response.at("data.jira.issues.totalCount")?.int == issues.count)

        // Cross-tool code reviews: both tools' lists merged, newest update first.
        let reviews = response.at("data.codeReviews.nodes")?.list ?? []
        #expect(response.at("data.codeReviews.totalCount")?.int == prs.count + mrs.count)
        #expect(reviews.count == min(100, prs.count + mrs.count))
        let times = reviews.compactMap { $0["updatedAt"]?.string }
        #expect(times == times.sorted(by: >))
        #expect(Set(reviews.compactMap { $0["source"]?.string }) == ["GITHUB", "GITLAB"])
        #expect(Set(response.at("data.tickets.nodes")?.list.compactMap { $0["source"]?.string } ?? []) == ["GITHUB", "GITLAB", "JIRA"])
        #expect((response.at("data.pipelines.totalCount")?.int ?? 0) > 0)
    }

    @Test func pagingThroughCodeReviewsVisitsEveryItemOnce() async throws {
        try await EndToEndHarness.with { h in try await self.pagingThroughCodeReviewsVisitsEveryItemOnceBody(h) }
    }

    private func pagingThroughCodeReviewsVisitsEveryItemOnceBody(_ h: EndToEndHarness) async throws {
        var seen: [String] = []
        var after: Value = .null
        var total = -1
        for _ in 0..<50 {
            let page = try await h.graphql("""
                query($after: String) { codeReviews(first: 7, after: $after) {
                  totalCount nodes { id source updatedAt } pageInfo { hasNextPage endCursor } } }
                """, variables: [("after", after)])
            #expect(page["errors"] == nil, "\(page)")
            total = page.at("data.codeReviews.totalCount")?.int ?? -1
            seen += (page.at("data.codeReviews.nodes")?.list ?? []).map { "\($0["source"]?.string ?? ""):\($0["id"]?.string ?? "")" }
            guard page.at("data.codeReviews.pageInfo.hasNextPage")?.bool == true,
                  let cursor = page.at("data.codeReviews.pageInfo.endCursor")?.string else { break }
            after = .string(cursor)
        }
        let viewer = h.dataset.github.viewer.login
        let expected = h.dataset.github.pullRequests.filter { h.dataset.github.involves($0, login: viewer) }.count
            + h.dataset.gitlab.mergeRequests.count
        #expect(total == expected)
        #expect(seen.count == expected)
        #expect(Set(seen).count == seen.count)
    }

    @Test func fiftyJiraIssuesCostOneProjectAndOneChangelogRequest() async throws {
        try await EndToEndHarness.with { h in try await self.fiftyJiraIssuesCostOneProjectAndOneChangelogRequestBody(h) }
    }

    private func fiftyJiraIssuesCostOneProjectAndOneChangelogRequestBody(_ h: EndToEndHarness) async throws {
        h.world.jira.resetRequestCounts()
        let response = try await h.graphql("""
            { jira { issues(jql: "ORDER BY updated DESC", first: 50) {
                nodes { key project { key name } changelog(first: 5) { createdAt items { field } } } } } }
            """)
        #expect(response["errors"] == nil, "\(response)")
        let nodes = response.at("data.jira.issues.nodes")?.list ?? []
        #expect(nodes.count == 50)
        #expect(nodes.allSatisfy { $0.at("project.name")?.string != nil })
        #expect(h.world.jira.requestCount("/rest/api/3/project/search") == 1)
        #expect(h.world.jira.requestCount("/rest/api/3/changelog/bulkfetch") == 1)
        let withChanges = nodes.filter { !($0["changelog"]?.list.isEmpty ?? true) }
        #expect(!withChanges.isEmpty)
    }
}
