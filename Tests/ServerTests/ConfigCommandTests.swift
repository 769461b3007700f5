import Foundation
import Testing
@testable import Server

/// `hyperpage config check` and `hyperpage schema print` through `CommandLineTool.execute`, the
/// entry point the binary calls, with real files.
@Suite struct ConfigCommandTests {
    let dir: URL

    init() throws {
        dir = try makeTemporaryFolder("hyperpage-config-cli")
    }

    private func write(_ name: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private func run(_ args: String...) async -> CommandResult { await CommandLineTool.execute(args) }

    @Test func checkSummarisesAValidFile() async throws {
        let path = try write("ok.yaml", """
            server: { port: "${HYPERPAGE_TEST_UNSET_PORT_5E1:-8181}" }
            tools:
              code_reviews: { enabled: true }
              ticketing: { enabled: true }
            """)
        let result = await run("config", "check", "--config", path)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdoutText == "\(path): ok; tools: none enabled (enabled but not served, no tool feeds them: code_reviews, ticketing)\n")
    }

    @Test func checkPrintsOneLocatedLinePerProblem() async throws {
        let path = try write("bad.yaml", """
            server:
              port: "abc"
            tools:
              github:
                enabled: true
                token: ${HYPERPAGE_TEST_UNSET_TOKEN_5E1}
            """)
        let result = await run("config", "check", "--config=\(path)")
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
            \(path):2:9: server.port: expected an integer from 0 to 65535, got 'abc'
            \(path):6:12: tools.github.token: environment variable HYPERPAGE_TEST_UNSET_TOKEN_5E1 is not set; a token is required when tools.github is enabled

            """)
    }

    @Test func checkUsageProblemsExitWithTwo() async throws {
        let missing = dir.appendingPathComponent("missing.yaml").path
        let result = await run("config", "check", "--config", missing)
        #expect(result.status == 2)
        #expect(result.stderr == "hyperpage: \(missing): no such file\n")
        #expect(await run("config", "check").stderr == "hyperpage: config check needs --config FILE\n")
        #expect(await run("config", "check").status == 2)
        #expect(await run("config").status == 2)
        #expect(await run("config", "lint", "--config", missing).stderr == "hyperpage: unknown config sub-command 'lint'\n")
        #expect(await run("config", "check", "--config", missing, "extra").status == 2)
    }

    @Test func schemaPrintComposesTheEnabledToolsFiles() async throws {
        let schemaDir = dir.appendingPathComponent("schema").path
        _ = try write("schema/core.graphql", "\"The root.\"\ntype Query { \"Tools.\" tools: [String!]! }\n")
        _ = try write("schema/github.graphql", "extend type Query { \"GitHub.\" github: GitHub }\ntype GitHub { login: String }\n")
        _ = try write("schema/jira.graphql", "extend type Query { jira: Int }\n")
        // Always served, like the server does.
        _ = try write("schema/cluster.graphql", "extend type Query { \"Pods.\" cluster: Int }\n")
        _ = try write("schema/admin.graphql", "extend type Query { \"Settings.\" toolSettings: [String!]! }\n")
        let config = try write("hp.yaml", """
            graphql: { schema_dir: "\(schemaDir)" }
            tools:
              github: { enabled: true, token: "${HYPERPAGE_TEST_UNSET_GH_5E1:-test-token}" }
            """)
        let result = await run("schema", "print", "--config", config)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let sdl = result.stdoutText
        #expect(sdl.contains("github: GitHub"))
        #expect(sdl.contains("type GitHub {"))
        #expect(sdl.contains("tools: [String!]!"))
        #expect(sdl.contains("cluster: Int"))
        #expect(sdl.contains("toolSettings: [String!]!"))
        #expect(!sdl.contains("jira"))
    }

    @Test func schemaPrintFailsOnConfigProblemsAndMissingSchemaFiles() async throws {
        let bad = try write("bad.yaml", "graphql:\n  explorer: perhaps\n")
        let invalid = await run("schema", "print", "--config", bad)
        #expect(invalid.status == 1)
        #expect(invalid.stderr == "\(bad):2:13: graphql.explorer: expected true or false, got 'perhaps'\n")

        let emptyDir = try makeTemporaryFolder("hyperpage-empty-schema").path
        let config = try write("hp.yaml", "graphql: { schema_dir: \"\(emptyDir)\" }\n")
        let missing = await run("schema", "print", "--config", config)
        #expect(missing.status == 2)
        // The message itself is ToolSchema's; it names the missing file.
        #expect(missing.stderr.hasPrefix("hyperpage: \(emptyDir)/core.graphql"))
        #expect(await run("schema", "dump", "--config", config).status == 2)
    }
}
