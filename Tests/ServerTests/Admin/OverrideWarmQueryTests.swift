import Fakes
import Foundation
import Resolvers
import Testing
@testable import Server

/// Warm queries skip a tool an override switched off, and an overridden refresh interval
/// shortens their automatic cadence (in-process overrides: a server without a database).
@Suite struct OverrideWarmQueryTests {
    @Test func warmQueriesSkipASwitchedOffToolAndFollowItsInterval() async throws {
        let github = try await FakeToolServer.start(.github)
        do {
            try await warm(github)
        } catch {
            await github.stop()
            throw error
        }
        await github.stop()
    }

    func warm(_ github: FakeToolServer) async throws {
        let config = try ConfigLoader.load(yaml: """
            graphql: { schema_dir: "\(ConfigClusterTests.schemaDir)" }
            tools:
              github: { enabled: true, api_url: "\(github.apiURL)", token: "${GITHUB_TOKEN}" }
            cache:
              default_ttl: 60s
              warm_queries:
                - name: me
                  query: "{ github { viewer { login } } }"
            """, file: "test.yaml", environment: ["GITHUB_TOKEN": FakeCredentials.githubToken])
        let assembly = try ServerAssembly.make(config: config, environment: [:])
        #expect(assembly.warm.nextInterval() == .seconds(48))

        _ = try await assembly.overrides.change(.enabled(false), tool: "github", actor: nil)
        github.resetRequestCounts()
        await assembly.warm.round()
        #expect(assembly.warm.runs.load(ordering: .relaxed) == 1)
        #expect(github.requestCounts().isEmpty, "\(github.requestCounts())")

        _ = try await assembly.overrides.change(.refreshInterval(seconds: 10), tool: "github", actor: nil)
        // Off: its interval does not drive the cadence.
        #expect(assembly.warm.nextInterval() == .seconds(48))
        _ = try await assembly.overrides.change(.enabled(true), tool: "github", actor: nil)
        #expect(assembly.warm.nextInterval() == .seconds(8))
        await assembly.warm.round()
        #expect(github.requestCounts().values.reduce(0, +) > 0)

        // The in-process audit log kept each change.
        let log = try #require(assembly.audit.log as? MemoryAuditLog)
        #expect(log.all.map(\.event) == ["tool_override_changed", "tool_override_changed", "tool_override_changed"])
        await assembly.shutdown()
    }
}
