import Foundation
import Schema
import Testing
@testable import Resolvers

/// The SDL files in `schema/`: every combination of enabled tools builds, disabled tools'
/// types are absent, and every type and field has a description.
@Suite struct ToolSchemaFilesTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("schema").path

    static let github = GitHubEndpoint(apiURL: "http://127.0.0.1:1", token: "t")
    static let gitlab = GitLabEndpoint(apiURL: "http://127.0.0.1:1/api/v4", token: "t")
    static let jira = JiraEndpoint(webURL: "http://127.0.0.1:1", email: "e", token: "t")

    static func endpoints(_ mask: Int) -> ToolEndpoints {
        ToolEndpoints(github: mask & 1 != 0 ? github : nil, gitlab: mask & 2 != 0 ? gitlab : nil,
                      jira: mask & 4 != 0 ? jira : nil, codeReviews: mask & 8 != 0, ciCd: mask & 16 != 0,
                      ticketing: mask & 32 != 0)
    }

    @Test(arguments: 0..<64) func everyCombinationBuilds(mask: Int) throws {
        let e = Self.endpoints(mask)
        let schema = try ToolSchema.load(directory: Self.directory, endpoints: e)
        #expect((schema.type(named: "GitHubPullRequest") != nil) == (e.github != nil))
        #expect((schema.type(named: "GitLabMergeRequest") != nil) == (e.gitlab != nil))
        #expect((schema.type(named: "JiraIssue") != nil) == (e.jira != nil))
        #expect((schema.type(named: "CodeReviewConnection") != nil) == e.servesCodeReviews)
        #expect((schema.type(named: "PipelineConnection") != nil) == e.servesCIcd)
        #expect((schema.type(named: "TicketConnection") != nil) == e.servesTicketing)
    }

    @Test func everyTypeFieldAndArgumentHasADescription() async throws {
        let schema = try ToolSchema.load(directory: Self.directory, endpoints: Self.endpoints(63))
        let query = """
        { __schema { types { name description
            fields { name description args { name description } }
            enumValues { name description } } } }
        """
        let result = await execute(schema: schema, document: try parse(Source(query)))
        #expect(result.errors.isEmpty)
        guard case .list(let types)? = result.data?.toValue()["__schema"]?["types"] else {
            Issue.record("no types")
            return
        }
        var missing: [String] = []
        for t in types {
            guard case .string(let name)? = t["name"], !name.hasPrefix("__"),
                  !["String", "Int", "Float", "Boolean", "ID"].contains(name) else { continue }
            if t["description"] == .null { missing.append(name) }
            for f in t["fields"]?.listValue ?? [] {
                if f["description"] == .null { missing.append("\(name).\(f["name"]!)") }
            }
            for v in t["enumValues"]?.listValue ?? [] where v["description"] == .null {
                missing.append("\(name).\(v["name"]!)")
            }
        }
        #expect(missing == [])
    }
}
