import Fakes
import Schema
import Testing
@testable import Resolvers

/// `ToolEndpoints.userCredentialOnly` (`tools.<tool>.service_token_fallback: false`): a tool whose
/// data only its connected users may see is never called with the service token.
@Suite struct ToolUserCredentialOnlyTests {
    static let userToken = "gho_user_only_test_token"

    @Test func callersWithoutAConnectionGetToolNotConnectedAndNoCall() async throws {
        let h = try await ToolHarness.start()
        do { try await unconnected(h) } catch {
            await h.stop()
            throw error
        }
        await h.stop()
    }

    private func runtime(_ h: ToolHarness) -> ToolRuntime {
        var endpoints = ToolHarness.endpoints(github: h.github, gitlab: h.gitlab, jira: h.jira)
        endpoints.userCredentialOnly = ["github"]
        return ToolRuntime(endpoints: endpoints, transport: h.transport, retry: .none, cachePolicy: .off)
    }

    private func unconnected(_ h: ToolHarness) async throws {
        let runtime = runtime(h)
        let context = runtime.makeContext(deadline: .now + .seconds(20))
        let answer = try await h.run("{ github { viewer { login } } gitlab { viewer { login } } }", context: context)
        #expect(answer[resultPath: "data", "github"] == .null)
        #expect(answer[resultPath: "data", "gitlab", "viewer", "login"] != nil)
        #expect(answer[resultPath: "errors", 0, "extensions", "code"] == .string("TOOL_NOT_CONNECTED"))
        #expect(answer[resultPath: "errors", 0, "extensions", "tool"] == .string("github"))
        #expect(answer[resultPath: "errors", 0, "path", 0] == .string("github"))
        #expect(context.sources.extensions.first?.1["github"]?["status"] == .string("not_connected"))
        // The merged view leaves GitHub out without failing.
        let merged = try await h.run("{ codeReviews(first: 50) { nodes { source } } }", context: runtime.makeContext(deadline: .now + .seconds(20)))
        #expect(merged[resultPath: "errors"] == nil)
        guard case .list(let nodes)? = merged[resultPath: "data", "codeReviews", "nodes"] else {
            Issue.record("no code reviews")
            return
        }
        #expect(!nodes.isEmpty)
        #expect(nodes.allSatisfy { $0["source"] != .string("GITHUB") })
        #expect(h.github.requestCounts().values.reduce(0, +) == 0)
    }

    @Test func aConnectedUserIsAnsweredWithTheirOwnToken() async throws {
        let h = try await ToolHarness.start()
        do { try await connected(h) } catch {
            await h.stop()
            throw error
        }
        await h.stop()
    }

    private func connected(_ h: ToolHarness) async throws {
        h.github.acceptCredentialHeader("Bearer \(Self.userToken)")
        let runtime = runtime(h)
        let credentials = ToolCredentials(github: .init(token: Self.userToken, account: "github:4242"))
        let context = runtime.makeContext(deadline: .now + .seconds(20), viewerID: "u1", credentials: credentials)
        let answer = try await h.run("{ github { viewer { login } } }", context: context)
        #expect(answer[resultPath: "errors"] == nil)
        #expect(answer[resultPath: "data", "github", "viewer", "login"] != nil)
        #expect(!h.github.requestPaths(credentialHeader: "Bearer \(Self.userToken)").isEmpty)
        #expect(h.github.requestPaths(credentialHeader: "Bearer \(FakeCredentials.githubToken)").isEmpty)
    }
}
