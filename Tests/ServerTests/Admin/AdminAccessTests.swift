import Fakes
import Foundation
import Resolvers
import Schema
import Testing
@testable import Server

/// Who may use the admin fields: the admin token, or a signed-in user whose connected account
/// is listed in `auth.admins`; anyone else gets `FORBIDDEN` and nothing changes. Values outside
/// 10…86400 are refused; an override switches the tool off and sets its cache TTL live.
@Suite struct AdminAccessTests {
    static let adminToken = "admin-access-test-token"

    @Test func adminsByTokenOrConfigListChangeOverridesOthersAreRefused() async throws {
        let github = try await FakeToolServer.start(.github)
        let h: AuthTestHarness
        do {
            h = try await AuthTestHarness.start { config in
                config.tools.github.enabled = true
                config.tools.github.apiURL = github.apiURL
                config.tools.github.token = FakeCredentials.githubToken
                config.tools.ticketing.enabled = true
                config.server.adminToken = Self.adminToken
                config.auth.admins = ["github:octodemo"]
            }
        } catch {
            await github.stop()
            throw error
        }
        do {
            try await access(h, github)
        } catch {
            await h.stop()
            await github.stop()
            throw error
        }
        await h.stop()
        await github.stop()
    }

    static func code(_ response: Value) -> String? { response[path: "errors", 0, "extensions", "code"]?.string }

    func access(_ h: AuthTestHarness, _ github: FakeToolServer) async throws {
        let disable = "mutation { setToolEnabled(tool: GITHUB, enabled: false) { tool enabled configured overridden updatedBy } }"
        // Anonymous, and a signed-in user whose GitLab account is not listed.
        #expect(Self.code(try await h.graphql(disable, session: nil)) == "FORBIDDEN")
        #expect(Self.code(try await h.graphql("{ toolSettings { tool } }", session: nil)) == "FORBIDDEN")
        #expect(Self.code(try await h.graphql("{ auditLog { nodes { event } } }", session: nil)) == "FORBIDDEN")
        let gitlabUser = try await h.signIn(.gitlab)
        #expect(try await h.graphql("{ viewer { isAdmin } }", session: gitlabUser)[path: "data", "viewer", "isAdmin"] == .bool(false))
        #expect(Self.code(try await h.graphql(disable, session: gitlabUser)) == "FORBIDDEN")
        #expect(Self.code(try await h.graphql("mutation { invalidateCache(tool: GITHUB) { tool } }", session: gitlabUser)) == "FORBIDDEN")
        #expect(Self.code(try await h.graphql(disable, session: nil, bearer: "not-the-token")) == "FORBIDDEN")
        #expect(h.tools.overrides.all.isEmpty)

        // The GitHub account octodemo is listed: its user is an admin.
        let admin = try await h.signIn(.github)
        let viewer = try await h.graphql("{ viewer { id isAdmin } }", session: admin)
        #expect(viewer[path: "data", "viewer", "isAdmin"] == .bool(true))
        let adminID = try #require(viewer[path: "data", "viewer", "id"]?.string)
        let off = try await h.graphql(disable, session: admin)
        #expect(off["errors"] == nil, "\(off)")
        #expect(off[path: "data", "setToolEnabled"] == .object(ObjectValue([
            ("tool", .string("GITHUB")), ("enabled", .bool(false)), ("configured", .bool(true)), ("overridden", .bool(true)),
            ("updatedBy", .string(adminID)),
        ])))

        // Switched off: null without an error, said in extensions, no upstream call.
        github.resetRequestCounts()
        let answer = try await h.graphql("{ github { viewer { login } } tickets(first: 3) { nodes { id } } }", session: nil)
        #expect(answer["errors"] == nil, "\(answer)")
        #expect(answer[path: "data", "github"] == .null)
        #expect(answer[path: "data", "tickets", "nodes"] == .list([]))
        #expect(answer[path: "extensions", "sources", "github"] == .object(ObjectValue([("status", .string("disabled"))])))
        #expect(github.requestCounts().isEmpty, "\(github.requestCounts())")

        // Refresh interval: 10…86400 only.
        for seconds in [9, 0, -5, 86401] {
            let bad = try await h.graphql("mutation { setToolRefreshInterval(tool: GITHUB, seconds: \(seconds)) { tool } }",
                                          session: nil, bearer: Self.adminToken)
            #expect(Self.code(bad) == "BAD_USER_INPUT", "\(bad)")
            #expect(bad[path: "errors", 0, "message"]?.string == "seconds must be from 10 to 86400.")
        }
        #expect(h.tools.overrides.all["github"]?.refreshIntervalSeconds == nil)
        let set = try await h.graphql("mutation { setToolRefreshInterval(tool: GITHUB, seconds: 86400) { refreshIntervalSeconds enabled updatedBy } }",
                                      session: nil, bearer: Self.adminToken)
        #expect(set[path: "data", "setToolRefreshInterval"] == .object(ObjectValue([
            ("refreshIntervalSeconds", .int(86400)), ("enabled", .bool(false)), ("updatedBy", .string("admin-token")),
        ])), "\(set)")
        // The TTL of every cached GitHub kind follows it.
        for kind in CacheKind.all where kind.tool == "github" {
            #expect(h.tools.cachePolicy.ttl(for: kind) == .seconds(86400))
        }
        #expect(CacheKind.all.filter { $0.tool == "gitlab" }.allSatisfy { h.tools.cachePolicy.ttl(for: $0) != .seconds(86400) })

        // Jira is not configured here: an override cannot add it.
        let jira = try await h.graphql("mutation { setToolEnabled(tool: JIRA, enabled: true) { tool } }", session: admin)
        #expect(Self.code(jira) == "BAD_USER_INPUT")

        let settings = try await h.graphql("{ toolSettings { tool enabled configured refreshIntervalSeconds overridden } }", session: admin)
        #expect(settings[path: "data", "toolSettings"] == .list([
            .object(ObjectValue([("tool", .string("GITHUB")), ("enabled", .bool(false)), ("configured", .bool(true)),
                                 ("refreshIntervalSeconds", .int(86400)), ("overridden", .bool(true))])),
            .object(ObjectValue([("tool", .string("GITLAB")), ("enabled", .bool(false)), ("configured", .bool(false)),
                                 ("refreshIntervalSeconds", .null), ("overridden", .bool(false))])),
            .object(ObjectValue([("tool", .string("JIRA")), ("enabled", .bool(false)), ("configured", .bool(false)),
                                 ("refreshIntervalSeconds", .null), ("overridden", .bool(false))])),
        ]), "\(settings)")

        // Cleared: the configuration's values again, and GitHub answers.
        let cleared = try await h.graphql("mutation { clearToolOverride(tool: GITHUB) { enabled overridden refreshIntervalSeconds updatedBy } }",
                                          session: admin)
        #expect(cleared[path: "data", "clearToolOverride"] == .object(ObjectValue([
            ("enabled", .bool(true)), ("overridden", .bool(false)), ("refreshIntervalSeconds", .null), ("updatedBy", .null),
        ])))
        #expect(CacheKind.all.filter { $0.tool == "github" }.allSatisfy { h.tools.cachePolicy.ttl(for: $0) != .seconds(86400) })
        let back = try await h.graphql("{ github { viewer { login } } }", session: nil)
        #expect(back[path: "data", "github", "viewer", "login"] != nil, "\(back)")
        #expect(back["extensions"] == nil)

        // The log holds each change and each refusal.
        let log = try #require(h.audit.log as? MemoryAuditLog)
        #expect(log.all.filter { $0.event == "tool_override_changed" }.count == 3)
        #expect(log.all.filter { $0.event == "admin_refused" }.count == 6)
        #expect(log.all.filter { $0.event == "admin_refused" && $0.actor != nil }.count == 2)
        let page = try await h.graphql("{ auditLog(first: 2) { nodes { event actor tool details } pageInfo { hasNextPage endCursor } } }",
                                       session: admin)
        #expect(page[path: "data", "auditLog", "nodes", 0, "event"] == .string("tool_override_changed"), "\(page)")
        #expect(page[path: "data", "auditLog", "nodes", 0, "actor"] == .string(adminID))
        #expect(page[path: "data", "auditLog", "pageInfo", "hasNextPage"] == .bool(true))
        let cursor = try #require(page[path: "data", "auditLog", "pageInfo", "endCursor"]?.string)
        let next = try await h.graphql("{ auditLog(first: 200, after: \"\(cursor)\") { nodes { event } pageInfo { hasNextPage } } }",
                                       session: admin)
        #expect(next[path: "data", "auditLog", "nodes"]?.array?.count == log.all.count - 2)
        #expect(next[path: "data", "auditLog", "pageInfo", "hasNextPage"] == .bool(false))
        #expect(Self.code(try await h.graphql("{ auditLog(first: 0) { nodes { event } } }", session: admin)) == "BAD_USER_INPUT")
    }

    @Test func malformedAdminEntriesAreReportedWithTheirPosition() {
        let problems = configProblems("""
            auth:
              admins: ["github:octocat", "octocat", "bitbucket:jo", "gitlab:"]
            """)
        #expect(problems.count == 3, "\(problems)")
        #expect(problems.allSatisfy { $0.hasPrefix("2:") && $0.contains("auth.admins[") && $0.contains("expected provider:login") },
                "\(problems)")
    }

    @Test func adminEntriesAreLowercased() throws {
        let config = try ConfigLoader.load(yaml: "auth:\n  admins: [\"GitHub:OctoCat\"]\n", file: "test.yaml", environment: [:])
        #expect(config.auth.admins == ["github:octocat"])
    }
}
