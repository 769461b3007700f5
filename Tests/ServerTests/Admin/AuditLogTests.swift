import Fakes
import Foundation
import Postgres
import Resolvers
import Schema
import Testing
@testable import Server

/// The audit log in a real PostgreSQL: every kind of event is written by the code path that
/// causes it (read back from the table itself), `details` holds no token or secret, and a log
/// that cannot be written never fails the request (the failure is counted in /metrics).
@Suite struct AuditLogTests {
    static let adminToken = "audit-test-admin-token"

    @Test func everySecurityEventIsWrittenWithoutSecrets() async throws {
        try await StoreTestDatabase.run { database in
            let pool = try await PostgresAuthStoreTests.migratedPool(database)
            let stores = AuthStoreSet.make(database: pool, redis: nil, settings: HyperpageConfig().auth)
            let github = try await FakeToolServer.start(.github)
            let h: AuthTestHarness
            do {
                h = try await AuthTestHarness.start(stores: stores, auditLog: PostgresAuditLog(pool: pool),
                                                    overrideStore: PostgresToolOverrideStore(pool: pool)) { config in
                    config.tools.github.enabled = true
                    config.tools.github.apiURL = github.apiURL
                    config.tools.github.token = FakeCredentials.githubToken
                    config.server.adminToken = Self.adminToken
                    config.auth.admins = ["github:octodemo"]
                }
            } catch {
                await github.stop()
                await pool.shutdown()
                throw error
            }
            do {
                try await events(h, pool, stores, database)
            } catch {
                await h.stop()
                await github.stop()
                await pool.shutdown()
                throw error
            }
            await h.stop()
            await github.stop()
            await pool.shutdown()
        }
    }

    func events(_ h: AuthTestHarness, _ pool: PostgresPool, _ stores: AuthStoreSet, _ database: StoreTestDatabase) async throws {
        var secrets: [String] = [Self.adminToken, String(AuthTestHarness.keys.dropFirst(3)), String(PostgresAuthStoreTests.newKey.dropFirst(3))]

        // sign_in + tool_connected
        let session = try await h.signIn(.github)
        secrets.append(session)
        let viewer = try await h.graphql("{ viewer { id } }", session: session)
        let userID = try #require(viewer[path: "data", "viewer", "id"]?.string)

        // sign_in_refused: a replayed state, then a wrong verifier
        let (callback, nonce) = try await h.authorize(.github)
        #expect(try await h.http("GET", callback, cookies: [Cookies.oauth: nonce]).status == 302)
        #expect(try await h.http("GET", callback, cookies: [Cookies.oauth: nonce]).status == 400)
        let login = try await h.http("GET", "/auth/gitlab/login")
        let location = try #require(login.header("location"))
        let gitlabNonce = try #require(AuthTestHarness.cookie(Cookies.oauth, in: login)).value
        let original = try #require(FormURLEncoding.decode(String(location.split(separator: "?")[1])).first { $0.0 == "code_challenge" }?.1)
        let tampered = location.replacingOccurrences(of: "code_challenge=\(original)",
                                                     with: "code_challenge=\(PKCE.challenge(for: String(repeating: "a", count: 43)))")
        let approved = try await h.http("GET", tampered)
        let gitlabCallback = String(try #require(approved.header("location")).dropFirst(AuthTestHarness.publicURL.count))
        #expect(try await h.http("GET", gitlabCallback, cookies: [Cookies.oauth: gitlabNonce]).status == 400)

        // token_refresh_failed: an Atlassian refresh token spent behind the service's back
        let atlassianSession = try await h.signIn(.atlassian)
        secrets.append(atlassianSession)
        let atlassianUser = try #require(try await h.graphql("{ viewer { id } }", session: atlassianSession)[path: "data", "viewer", "id"]?.string)
        _ = try await h.auth.accessToken(userID: atlassianUser, provider: .atlassian)
        h.clock.advance(seconds: 3600)
        let stored = try #require(try await stores.connections.connection(userID: atlassianUser, provider: .atlassian))
        let refreshToken = try h.auth.cipher.open(try #require(stored.refreshToken),
                                                  for: TokenBinding(userID: atlassianUser, provider: "atlassian", purpose: "refresh"))
        _ = try await h.auth.clients[.atlassian]!.refresh(refreshToken: refreshToken)
        await #expect(throws: AuthError.self) { try await h.auth.accessToken(userID: atlassianUser, provider: .atlassian) }

        // tool_override_changed (by the listed user), admin_refused, cache_invalidated
        let off = try await h.graphql("mutation { setToolEnabled(tool: GITHUB, enabled: false) { enabled } }", session: session)
        #expect(off[path: "data", "setToolEnabled", "enabled"] == .bool(false), "\(off)")
        let refused = try await h.graphql("mutation { setToolEnabled(tool: GITHUB, enabled: true) { enabled } }", session: atlassianSession)
        #expect(AdminAccessTests.code(refused) == "FORBIDDEN")
        let invalidated = try await h.graphql("mutation { invalidateCache(tool: GITHUB) { sharedEntriesRemoved } }", session: nil,
                                              bearer: Self.adminToken)
        #expect(invalidated[path: "data", "invalidateCache", "sharedEntriesRemoved"] == .bool(true), "\(invalidated)")

        // tool_disconnected, logout
        #expect(try await h.http("POST", "/auth/github/disconnect", cookies: [Cookies.session: session]).status == 200)
        #expect(try await h.http("POST", "/auth/logout", cookies: [Cookies.session: session]).status == 200)

        // keys_rotated
        let rotated = await CommandLineTool.execute(["keys", "rotate", "--database-url", database.url, "--dir", PostgresAuthStoreTests.migrations],
                                                    environment: ["HYPERPAGE_TOKEN_KEYS": "\(PostgresAuthStoreTests.newKey),\(AuthTestHarness.keys)"])
        #expect(rotated.status == 0, "\(rotated.stderr)")

        // config_reloaded (and a refused reload)
        try await reload(database)

        for provider in h.providers.values { secrets += provider.secrets }
        #expect(secrets.count > 10)
        try await check(pool, secrets: secrets, admin: userID)
    }

    /// A served assembly over the same database: `POST /admin/reload` without, then with, the token.
    func reload(_ database: StoreTestDatabase) async throws {
        let folder = try makeTemporaryFolder("hyperpage-audit-reload")
        let file = folder.appendingPathComponent("hyperpage.yaml")
        try """
            server: { host: 127.0.0.1, port: 0, admin_token: "${HYPERPAGE_ADMIN_TOKEN}" }
            graphql: { schema_dir: "\(ServeProcessTests.packageRoot.appendingPathComponent("schema").path)" }
            database: { url: "${HYPERPAGE_DATABASE_URL}", migrations_dir: "\(PostgresAuthStoreTests.migrations)" }
            """.write(to: file, atomically: true, encoding: .utf8)
        let environment = ["HYPERPAGE_ADMIN_TOKEN": Self.adminToken, "HYPERPAGE_DATABASE_URL": database.url]
        let config = try ConfigLoader.load(path: file.path, environment: environment)
        let assembly = try ServerAssembly.make(config: config, environment: environment, configPath: file.path)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = assembly.server.makeApplication { port in continuation.yield(port) }
        let serving = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let client = CurlTransport()
        let url = "http://127.0.0.1:\(port)/admin/reload"
        let anonymous = try await client.perform(UpstreamRequest(method: "POST", url: url, headers: [], body: []), timeout: .seconds(20))
        let admin = try await client.perform(UpstreamRequest(method: "POST", url: url, headers: [(name: "authorization", value: "Bearer \(Self.adminToken)")],
                                                             body: []), timeout: .seconds(20))
        client.shutdown()
        serving.cancel()
        _ = await serving.result
        await assembly.shutdown()
        #expect(anonymous.status == 403)
        #expect(admin.status == 200)
    }

    func check(_ pool: PostgresPool, secrets: [String], admin: String) async throws {
        let rows = try await pool.query("""
            SELECT a.event, a.provider, a.tool, a.details::text AS details, u.public_id
            FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id ORDER BY a.id
            """).rows
        var byEvent: [String: [(provider: String?, tool: String?, details: Value, actor: String?)]] = [:]
        var texts: [String] = []
        for row in rows {
            let details: String = try row.decode("details")
            texts.append(details)
            byEvent[try row.decode("event"), default: []].append((try row.decode("provider"), try row.decode("tool"),
                                                                  try JSONParser.parse(bytes: Array(details.utf8)), try row.decode("public_id")))
        }
        #expect(Set(byEvent.keys) == Set(AuditEventName.allCases.map(\.rawValue)), "\(byEvent.keys.sorted())")
        #expect(byEvent["sign_in"]?.contains { $0.provider == "github" && $0.actor == admin } == true)
        #expect(byEvent["tool_connected"]?.map(\.provider) == ["github", "atlassian"])
        #expect(byEvent["sign_in_refused"]?.map { $0.details["code"] } == [.string("AUTH_STATE_INVALID"), .string("AUTH_INVALID_GRANT")])
        #expect(byEvent["token_refresh_failed"]?.first?.details["code"] == .string("AUTH_INVALID_GRANT"))
        #expect(byEvent["tool_override_changed"]?.first?.actor == admin)
        #expect(byEvent["tool_override_changed"]?.first?.details["new"]?["enabled"] == .bool(false))
        #expect(byEvent["tool_override_changed"]?.first?.details["old"] == .null)
        #expect(byEvent["admin_refused"]?.map { $0.details["operation"] } == [.string("setToolEnabled"), .string("POST /admin/reload")])
        #expect(byEvent["cache_invalidated"]?.first?.tool == "github")
        #expect(byEvent["tool_disconnected"]?.first?.details["revoked"] == .bool(true))
        #expect(byEvent["logout"]?.first?.actor == admin)
        let rotation = try #require(byEvent["keys_rotated"]?.first?.details)
        #expect(rotation["activeKey"] == .string("k2"))
        #expect(rotation["rotatedFromKeys"] == .list([.string("k1")]))
        #expect(rotation["rotated"] == .int(1))
        #expect(byEvent["config_reloaded"]?.first?.details["applied"] == .bool(true))
        for secret in secrets {
            #expect(!texts.contains { $0.contains(secret) }, "a secret is in the audit log")
        }
    }

    @Test func aFailingAuditLogNeverFailsTheRequestAndIsCounted() async throws {
        try await StoreTestDatabase.run { database in
            // Not migrated: every insert into audit_log fails.
            let pool = try database.pool(size: 2)
            let metrics = HyperpageMetrics()
            await AuditTrail(log: PostgresAuditLog(pool: pool), metrics: metrics).record(.logout, actor: "someone")
            #expect(metrics.exposition().contains("hyperpage_audit_write_failures_total{event=\"logout\"} 1"), "\(metrics.exposition())")
            let h = try await AuthTestHarness.start(auditLog: PostgresAuditLog(pool: pool))
            do {
                let session = try await h.signIn(.github)
                let viewer = try await h.graphql("{ viewer { id } }", session: session)
                #expect(viewer[path: "data", "viewer", "id"] != nil)
                #expect(h.logs.all.contains { $0.contains("audit event not written") && $0.contains("sign_in") })
            } catch {
                await h.stop()
                await pool.shutdown()
                throw error
            }
            await h.stop()
            await pool.shutdown()
        }
    }
}
