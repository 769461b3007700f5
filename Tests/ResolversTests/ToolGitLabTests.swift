import Fakes
import Foundation
import Schema
import Testing
@testable import Resolvers

/// GitLab through the schema against the GitLab fake: exact mapping, `x-next-page` paging and
/// projects fetched once per distinct id.
@Suite(.serialized) struct ToolGitLabTests {
    @Test func mergeRequestsAreMappedAndProjectsFetchedOncePerId() async throws {
        let h = try await ToolHarness.start()
        defer { Task { await h.stop() } }
        let r = try await h.run("""
        { gitlab { viewer { login name } mergeRequests(first: 100) { totalCount
            nodes { id iid title state url isDraft createdAt updatedAt source author { login }
                    project { id name pathWithNamespace url } } } } }
        """)
        #expect(errorSummary(r) == [])
        let d = h.dataset.gitlab
        #expect(r[resultPath: "data", "gitlab", "viewer", "login"]?.text == d.viewer.username)
        let expected = d.mergeRequests.sorted { ($0.updatedAt, $0.id) > ($1.updatedAt, $1.id) }
        let nodes = r[resultPath: "data", "gitlab", "mergeRequests", "nodes"]?.items ?? []
        #expect(r[resultPath: "data", "gitlab", "mergeRequests", "totalCount"] == .int(expected.count))
        #expect(nodes.count == min(100, expected.count))
        for (node, mr) in zip(nodes, expected) {
            #expect(node["id"]?.text == String(mr.id))
            #expect(node["iid"] == .int(mr.iid))
            #expect(node["title"]?.text == mr.title)
            let state = switch mr.state { case "merged": "MERGED"; case "closed": "CLOSED"; default: "OPEN" }
            #expect(node["state"]?.text == state)
            #expect(node["url"]?.text == mr.webURL)
            #expect(node["isDraft"] == .bool(mr.draft))
            #expect(node["updatedAt"]?.text == utc(mr.updatedAt))
            #expect(node[resultPath: "author", "login"]?.text == mr.author)
            let project = try #require(d.project(id: mr.projectID))
            #expect(node[resultPath: "project", "pathWithNamespace"]?.text == project.pathWithNamespace)
            #expect(node[resultPath: "project", "name"]?.text == project.name)
        }
        for id in Set(expected.prefix(100).map(\.projectID)) {
            #expect(h.gitlab.requestCount("/api/v4/projects/\(id)") == 1)
        }
    }

    @Test func pipelinesPageThroughEveryProjectOnce() async throws {
        let h = try await ToolHarness.start()
        defer { Task { await h.stop() } }
        var seen: [String] = []
        var after: Value = .null
        for _ in 0..<200 {
            let r = try await h.run("""
            query($after: String) { gitlab { pipelines(first: 4, after: $after) {
              totalCount pageInfo { hasNextPage endCursor } nodes { id status ref updatedAt project { id } } } } }
            """, variables: [("after", after)])
            #expect(errorSummary(r) == [])
            let conn = r[resultPath: "data", "gitlab", "pipelines"]
            seen += (conn?["nodes"]?.items ?? []).compactMap { $0["id"]?.text }
            guard conn?[resultPath: "pageInfo", "hasNextPage"] == .bool(true) else { break }
            after = conn?[resultPath: "pageInfo", "endCursor"] ?? .null
        }
        let d = h.dataset.gitlab
        let projects = Set(d.projects.sorted { $0.lastActivityAt > $1.lastActivityAt }.prefix(20).map(\.id))
        let expected = d.pipelines.filter { projects.contains($0.projectID) }
        #expect(seen.count == expected.count)
        #expect(Set(seen) == Set(expected.map { String($0.id) }))
    }
}
