import Fakes
import Foundation
import Schema
import Testing
@testable import Resolvers

/// Jira through the schema against the Jira fake: exact mapping, `nextPageToken` paging, and
/// the projects and changelogs of a page of 50 issues in one request each.
@Suite(.serialized) struct ToolJiraTests {
    static let query = """
    query($after: String) { jira { issues(jql: "ORDER BY updated DESC", first: 50, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id key title status statusName priority issueType url createdAt updatedAt source
              assignee { login name } reporter { login }
              project { id key name } changelog(first: 10) { id createdAt author { login } items { field from to } } } } } }
    """

    @Test func fiftyIssuesCostOneProjectAndOneChangelogRequestPerPage() async throws {
        let h = try await ToolHarness.start()
        defer { Task { await h.stop() } }
        let d = h.dataset.jira
        let expected = d.issues.sorted { ($0.updated, Int($0.id)!) > ($1.updated, Int($1.id)!) }
        #expect(expected.count > 50)
        var after: Value = .null
        var seen: [Value] = []
        var pages = 0
        while pages < 10 {
            h.resetCounts()
            let r = try await h.run(Self.query, variables: [("after", after)])
            #expect(errorSummary(r) == [])
            let conn = r[resultPath: "data", "jira", "issues"]
            let nodes = conn?["nodes"]?.items ?? []
            seen += nodes
            pages += 1
            #expect(h.jira.requestCount("/rest/api/3/project/search") == 1)
            #expect(h.jira.requestCount("/rest/api/3/changelog/bulkfetch") == 1)
            #expect(h.jira.requestCount("/rest/api/3/search/jql") == 1)
            guard conn?[resultPath: "pageInfo", "hasNextPage"] == .bool(true) else { break }
            after = conn?[resultPath: "pageInfo", "endCursor"] ?? .null
        }
        #expect(pages == 2)
        #expect(seen.count == expected.count)
        for (node, issue) in zip(seen, expected) {
            #expect(node["id"]?.text == issue.id)
            #expect(node["key"]?.text == issue.key)
            #expect(node["title"]?.text == issue.summary)
            #expect(node["statusName"]?.text == issue.status)
            let status = switch issue.statusCategory.key { case "done": "DONE"; case "indeterminate": "IN_PROGRESS"; default: "OPEN" }
            #expect(node["status"]?.text == status)
            #expect(node["priority"]?.text == issue.priority)
            #expect(node["issueType"]?.text == issue.issueType)
            #expect(node["url"]?.text == "\(h.jira.apiURL)/browse/\(issue.key)")
            #expect(node["createdAt"]?.text == utc(issue.created))
            #expect(node["updatedAt"]?.text == utc(issue.updated))
            #expect(node[resultPath: "assignee", "login"]?.text == issue.assigneeAccountID)
            #expect(node[resultPath: "reporter", "login"]?.text == issue.reporterAccountID)
            let project = try #require(d.project(key: issue.projectKey))
            #expect(node[resultPath: "project", "key"]?.text == project.key)
            #expect(node[resultPath: "project", "name"]?.text == project.name)
            #expect(node[resultPath: "project", "id"]?.text == project.id)
            let changes = d.changes(issueID: issue.id).sorted { ($0.created, Int($0.id)!) > ($1.created, Int($1.id)!) }
            #expect(node["changelog"]?.items.map { $0["id"]?.text } == changes.prefix(10).map(\.id))
            #expect(node["changelog"]?.items.first?["items"]?.items.map { $0["to"]?.text }
                    == changes.first?.items.map(\.toString))
        }
    }

    @Test func totalCountWalksTheSearchWithIdsOnly() async throws {
        let h = try await ToolHarness.start()
        defer { Task { await h.stop() } }
        let r = try await h.run("""
        { jira { viewer { login name } issues(jql: "ORDER BY updated DESC", first: 5) { totalCount nodes { key } } } }
        """)
        #expect(errorSummary(r) == [])
        #expect(r[resultPath: "data", "jira", "issues", "totalCount"] == .int(h.dataset.jira.issues.count))
        #expect(r[resultPath: "data", "jira", "viewer", "login"]?.text == h.dataset.jira.viewer.accountID)
        #expect(r[resultPath: "data", "jira", "viewer", "name"]?.text == h.dataset.jira.viewer.displayName)
    }
}
