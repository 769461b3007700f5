import Foundation
import Testing
@testable import Server

/// The command-line contract of `hyperpage graphql …`, exercised through `CommandLineTool.execute`
/// (the same entry point the binary calls) with real files.
@Suite struct CommandLineToolTests {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("hyperpage-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try write("schema.graphql", """
            type Query { board(id: ID!): Board, boards: [Board!]! }
            type Board { id: ID!, title: String!, cards(first: Int = 10): [Card!]!, owner: Member }
            interface Member { login: String! }
            type Person implements Member { login: String!, team: String }
            type Bot implements Member { login: String!, vendor: String! }
            type Card { id: ID!, title: String!, points: Int }
            """)
        try write("data.json", """
            {"boards": [
              {"id": "b1", "title": "Sprint 12", "owner": {"__typename": "Bot", "login": "ci-bot", "vendor": "acme"},
               "cards": [{"id": "c1", "title": "Fix login", "points": 3}, {"id": "c2", "title": "Docs", "points": null}]},
              {"id": "b2", "title": "Backlog", "owner": null, "cards": []}
            ]}
            """)
    }

    private func write(_ name: String, _ text: String) throws {
        try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    private func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    private func run(_ args: String...) async -> CommandResult { await CommandLineTool.execute(args) }

    private func json(_ result: CommandResult) throws -> NSDictionary {
        try #require(JSONSerialization.jsonObject(with: Data(result.stdout)) as? NSDictionary)
    }

    @Test func parseReportsNoErrorsForAValidDocument() async throws {
        try write("q.graphql", "query Q { boards { id } }")
        let result = await run("graphql", "parse", path("q.graphql"))
        #expect(result.status == 0)
        #expect(try json(result) == ["errors": []])
    }

    @Test func parseReportsALocatedSyntaxError() async throws {
        try write("q.graphql", "query Q {\n  boards { id\n")
        let result = await run("graphql", "parse", path("q.graphql"))
        #expect(result.status == 1)
        let errors = try #require(try json(result)["errors"] as? [NSDictionary])
        #expect(errors.count == 1)
        #expect(errors[0]["locations"] as? [NSDictionary] == [["line": 3, "column": 1]])
        #expect((errors[0]["extensions"] as? NSDictionary)?["code"] as? String == "GRAPHQL_PARSE_FAILED")
    }

    @Test func tokensModeOnlyLexes() async throws {
        try write("q.graphql", "{ { ] query")
        #expect(await run("graphql", "parse", "--tokens", path("q.graphql")).status == 0)
        try write("bad.graphql", "{ \"open")
        #expect(await run("graphql", "parse", "--tokens", path("bad.graphql")).status == 1)
    }

    @Test func validateNamesTheRuleOfEachError() async throws {
        try write("q.graphql", "{ boards { id nope } }\nfragment Unused on Board { id }")
        let all = await run("graphql", "validate", "--schema", path("schema.graphql"), path("q.graphql"))
        #expect(all.status == 1)
        let rules = try #require(try json(all)["errors"] as? [NSDictionary]).compactMap {
            ($0["extensions"] as? NSDictionary)?["rule"] as? String
        }
        #expect(Set(rules) == ["FieldsOnCorrectTypeRule", "NoUnusedFragmentsRule"])

        let one = await run("graphql", "validate", "--schema", path("schema.graphql"), "--rule", "NoUnusedFragmentsRule",
                            path("q.graphql"))
        let errors = try #require(try json(one)["errors"] as? [NSDictionary])
        #expect(errors.count == 1)
        #expect(errors[0]["locations"] as? [NSDictionary] == [["line": 2, "column": 1]])
        #expect((errors[0]["extensions"] as? NSDictionary) == ["code": "GRAPHQL_VALIDATION_FAILED", "rule": "NoUnusedFragmentsRule"])
    }

    @Test func validateSDLExtendingASchema() async throws {
        try write("ext.graphql", "extend type Board { archived: Boolean }\nextend type Nowhere { x: Int }")
        let result = await run("graphql", "validate", "--sdl", "--schema", path("schema.graphql"), path("ext.graphql"))
        #expect(result.status == 1)
        let errors = try #require(try json(result)["errors"] as? [NSDictionary])
        #expect(errors.count == 1)
        #expect(errors[0]["locations"] as? [NSDictionary] == [["line": 2, "column": 13]])
    }

    @Test func executeAnswersOverJSONData() async throws {
        try write("q.graphql", """
            { boards { title owner { __typename login ... on Bot { vendor } } cards { title points } } }
            """)
        let result = await run("graphql", "execute", "--schema", path("schema.graphql"), "--data", path("data.json"),
                               path("q.graphql"))
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let expected = try JSONSerialization.jsonObject(with: Data("""
            {"data": {"boards": [
              {"title": "Sprint 12", "owner": {"__typename": "Bot", "login": "ci-bot", "vendor": "acme"},
               "cards": [{"title": "Fix login", "points": 3}, {"title": "Docs", "points": null}]},
              {"title": "Backlog", "owner": null, "cards": []}]}}
            """.utf8)) as? NSDictionary
        #expect(try json(result) == expected)
    }

    @Test func executeWithVariablesOperationAndRepeat() async throws {
        try write("q.graphql", "query A { boards { id } }\nquery B($n: Int!) { boards { cards(first: $n) { id } } }")
        try write("v.json", "{\"n\": 1}")
        let result = await run("graphql", "execute", "--schema", path("schema.graphql"), "--data", path("data.json"),
                               "--variables", path("v.json"), "--operation", "A", "--repeat", "3", path("q.graphql"))
        #expect(result.status == 0)
        #expect(try json(result) == ["data": ["boards": [["id": "b1"], ["id": "b2"]]]])
        let timing = try #require(
            JSONSerialization.jsonObject(with: Data(result.stderr.utf8)) as? [String: Any])
        #expect(Set(timing.keys) == ["iterations", "parse_us", "validate_us", "execute_us", "serialize_us", "total_us"])
        #expect(timing["iterations"] as? Int == 3)
    }

    @Test func executeReportsFieldErrorsWithExitStatusOne() async throws {
        try write("q.graphql", "query B($n: Int!) { boards { id } }")
        let result = await run("graphql", "execute", "--schema", path("schema.graphql"), "--data", path("data.json"),
                               path("q.graphql"))
        #expect(result.status == 1)
        let errors = try #require(try json(result)["errors"] as? [NSDictionary])
        #expect(errors.count == 1)
        #expect(errors[0]["locations"] as? [NSDictionary] == [["line": 1, "column": 9]])
    }

    @Test func usageAndIOProblemsExitWithTwo() async throws {
        for args in [["graphql"], ["graphql", "parse"], ["graphql", "parse", path("missing.graphql")],
                     ["graphql", "validate", "--rule", "NoSuchRule", "--schema", path("schema.graphql"), path("data.json")],
                     ["graphql", "execute", path("data.json")], ["frobnicate"]] {
            let result = await CommandLineTool.execute(args)
            #expect(result.status == 2, "\(args)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasPrefix("hyperpage: ") && result.stderr.filter { $0 == "\n" }.count == 1)
        }
        try write("bad.json", "{\"boards\": [1, }")
        try write("q.graphql", "{ boards { id } }")
        let badData = await run("graphql", "execute", "--schema", path("schema.graphql"), "--data", path("bad.json"),
                                path("q.graphql"))
        #expect(badData.status == 2)
    }

    @Test func printSchemaRoundTrips() async throws {
        let first = await run("graphql", "print-schema", "--schema", path("schema.graphql"))
        #expect(first.status == 0)
        try write("printed.graphql", first.stdoutText)
        let second = await run("graphql", "print-schema", "--schema", path("printed.graphql"))
        #expect(second.stdoutText == first.stdoutText)
        #expect(first.stdoutText.contains("type Bot implements Member {"))
    }
}
