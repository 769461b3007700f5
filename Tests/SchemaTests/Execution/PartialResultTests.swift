import Testing
@testable import Schema

/// `Resolved.partial`: a value that is only part of the answer, with the errors of the parts
/// that failed reported at the field (or list item) that returned it.
@Suite struct PartialResultTests {
    static let sdl = """
        type Query { merged: Page, items: [Item!]!, syncMerged: Page }
        type Page { names: [String!]! }
        type Item { name: String! }
        """

    static func upstream(_ tool: String) -> GraphQLFieldError {
        GraphQLFieldError("\(tool) is down", code: "UPSTREAM_UNAVAILABLE", extensions: [("tool", .string(tool))])
    }

    @Test func errorsAreReportedAtTheFieldNextToItsValue() async throws {
        let schema = try makeSchema(Self.sdl)
        var resolvers = ResolverMap<Void>()
        resolvers.resolveAsync("Query", "merged") { _ in
            .partial(.value(.object(ObjectValue([("names", .list([.string("a"), .string("b")]))]))),
                     errors: [Self.upstream("gitlab"), Self.upstream("jira")])
        }
        resolvers.resolve("Query", "syncMerged") { _ in
            .partial(.value(.object(ObjectValue([("names", .list([]))]))), errors: [Self.upstream("github")])
        }
        let out = try await run(schema, "{ merged { names } syncMerged { names } }", resolvers: resolvers)
        try expectJSON(out, """
            {"data": {"merged": {"names": ["a", "b"]}, "syncMerged": {"names": []}},
             "errors": [
               {"message": "gitlab is down", "locations": [{"line": 1, "column": 3}], "path": ["merged"],
                "extensions": {"code": "UPSTREAM_UNAVAILABLE", "tool": "gitlab"}},
               {"message": "jira is down", "locations": [{"line": 1, "column": 3}], "path": ["merged"],
                "extensions": {"code": "UPSTREAM_UNAVAILABLE", "tool": "jira"}},
               {"message": "github is down", "locations": [{"line": 1, "column": 20}], "path": ["syncMerged"],
                "extensions": {"code": "UPSTREAM_UNAVAILABLE", "tool": "github"}}]}
            """)
    }

    @Test func aPartialListItemReportsAtTheItemsPath() async throws {
        let schema = try makeSchema(Self.sdl)
        var resolvers = ResolverMap<Void>()
        resolvers.resolve("Query", "items") { _ in
            .list([.value(.object(ObjectValue([("name", .string("x"))]))),
                   .partial(.value(.object(ObjectValue([("name", .string("y"))]))), errors: [Self.upstream("jira")])])
        }
        let out = try await run(schema, "{ items { name } }", resolvers: resolvers)
        try expectJSON(out, """
            {"data": {"items": [{"name": "x"}, {"name": "y"}]},
             "errors": [{"message": "jira is down", "locations": [{"line": 1, "column": 3}], "path": ["items", 1],
                         "extensions": {"code": "UPSTREAM_UNAVAILABLE", "tool": "jira"}}]}
            """)
    }

    @Test func aPartialNullStillPropagatesThroughNonNullTypes() async throws {
        let schema = try makeSchema("type Query { page: Page } type Page { names: [String!]! }")
        var resolvers = ResolverMap<Void>()
        resolvers.resolve("Page", "names") { _ in .partial(.null, errors: [Self.upstream("github")]) }
        let out = try await run(schema, "{ page { names } }", data: #"{"page": {}}"#, resolvers: resolvers)
        try expectJSON(out, """
            {"data": {"page": null},
             "errors": [{"message": "github is down", "locations": [{"line": 1, "column": 10}], "path": ["page", "names"],
                         "extensions": {"code": "UPSTREAM_UNAVAILABLE", "tool": "github"}},
                        {"message": "Cannot return null for non-nullable field Page.names.", "locations": [{"line": 1, "column": 10}],
                         "path": ["page", "names"]}]}
            """)
    }
}
