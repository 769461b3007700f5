import Fakes
import Foundation
import Resolvers
import Schema
import Testing
@testable import Server

/// After sign-in: token refresh, disconnect with revocation, logout, session expiry,
/// preferences, key rotation of stored tokens, and a scan for leaked secrets.
@Suite struct AuthSessionTests {
    func withHarness(_ body: (AuthTestHarness) async throws -> Void) async throws {
        let h = try await AuthTestHarness.start()
        do {
            try await body(h)
        } catch {
            await h.stop()
            throw error
        }
        await h.stop()
    }

    func userID(_ h: AuthTestHarness, session: String) async throws -> String {
        let viewer = try await h.graphql("{ viewer { id } }", session: session)
        guard case .string(let id)? = viewer["data"]?["viewer"]?["id"] else { throw HarnessError.status(0, "no viewer") }
        return id
    }

    @Test func tokensAreRefreshedBeforeExpiryOnceAtATime() async throws { try await withHarness(refresh) }

    func refresh(_ h: AuthTestHarness) async throws {
        let session = try await h.signIn(.gitlab)
        let user = try await userID(h, session: session)
        let fake = h.fake(.gitlab)
        let first = try await h.auth.accessToken(userID: user, provider: .gitlab)
        #expect(fake.liveAccessTokens == [first])
        #expect(!fake.events.contains(.tokenIssued(grant: "refresh_token")))
        let before = try #require(try await h.connections.connection(userID: user, provider: .gitlab))

        // Within the refresh margin of expiry: five concurrent callers, one refresh.
        h.clock.advance(seconds: 7200 - AuthService.refreshMargin + 1)
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<5 { group.addTask { try await h.auth.accessToken(userID: user, provider: .gitlab) } }
            var out: [String] = []
            for try await t in group { out.append(t) }
            return out
        }
        #expect(Set(tokens).count == 1)
        #expect(tokens.first != first)
        #expect(fake.events.filter { $0 == .tokenIssued(grant: "refresh_token") }.count == 1)
        #expect(fake.isRevoked(first))
        #expect(fake.liveAccessTokens == [tokens[0]])
        let after = try #require(try await h.connections.connection(userID: user, provider: .gitlab))
        #expect(after.refreshToken != before.refreshToken)
        #expect((after.expiresAt ?? .distantPast) > (before.expiresAt ?? .distantFuture))
        // The new token serves the profile; the old refresh token is spent at the provider.
        #expect(try await h.auth.accessToken(userID: user, provider: .gitlab) == tokens[0])
    }

    @Test func aRevokedRefreshTokenFailsWithInvalidGrant() async throws { try await withHarness(refreshRefused) }

    func refreshRefused(_ h: AuthTestHarness) async throws {
        let session = try await h.signIn(.atlassian)
        let user = try await userID(h, session: session)
        let token = try await h.auth.accessToken(userID: user, provider: .atlassian)
        let client = h.auth.clients[.atlassian]!
        h.clock.advance(seconds: 3600)
        // Spend the refresh token once behind the service's back: the one it holds is now retired.
        let stored = try #require(try await h.connections.connection(userID: user, provider: .atlassian))
        let refreshToken = try h.auth.cipher.open(try #require(stored.refreshToken),
                                                  for: TokenBinding(userID: user, provider: "atlassian", purpose: "refresh"))
        _ = try await client.refresh(refreshToken: refreshToken)
        let error = await #expect(throws: AuthError.self) { try await h.auth.accessToken(userID: user, provider: .atlassian) }
        #expect(error?.code == .invalidGrant)
        #expect(token.isEmpty == false)
    }

    @Test func disconnectRevokesAtTheProviderAndDeletes() async throws { try await withHarness(disconnect) }

    func disconnect(_ h: AuthTestHarness) async throws {
        let first = try await h.signIn(.github)
        let current = try await h.signIn(.gitlab, cookies: [Cookies.session: first])
        let user = try await userID(h, session: current)
        let githubToken = try await h.auth.accessToken(userID: user, provider: .github)
        let gitlabToken = try await h.auth.accessToken(userID: user, provider: .gitlab)

        let anonymous = try await h.http("POST", "/auth/github/disconnect")
        #expect(anonymous.status == 401)
        let crossSite = try await h.http("POST", "/auth/github/disconnect", cookies: [Cookies.session: current],
                                         headers: [("Origin", "https://evil.example")])
        #expect(crossSite.status == 403)
        #expect(!h.fake(.github).isRevoked(githubToken))

        let github = try await h.http("POST", "/auth/github/disconnect", cookies: [Cookies.session: current],
                                      headers: [("Origin", AuthTestHarness.publicURL)])
        #expect(github.status == 200)
        #expect(String(decoding: github.body, as: UTF8.self) == "{\"provider\":\"github\",\"disconnected\":true,\"revoked\":true}")
        #expect(h.fake(.github).isRevoked(githubToken))
        let gitlab = try await h.http("POST", "/auth/gitlab/disconnect", cookies: [Cookies.session: current])
        #expect(gitlab.status == 200)
        #expect(h.fake(.gitlab).isRevoked(gitlabToken))
        #expect(try await h.connections.connections(userID: user).isEmpty)
        let viewer = try await h.graphql("{ viewer { connections { provider } } }", session: current)
        #expect(viewer["data"]?["viewer"]?["connections"] == .list([]))
        let again = try await h.http("POST", "/auth/github/disconnect", cookies: [Cookies.session: current])
        #expect(again.status == 404)
    }

    @Test func logoutEndsTheSession() async throws { try await withHarness(logout) }

    func logout(_ h: AuthTestHarness) async throws {
        let session = try await h.signIn(.github)
        let out = try await h.http("POST", "/auth/logout", cookies: [Cookies.session: session])
        #expect(out.status == 200)
        #expect(AuthTestHarness.cookie(Cookies.session, in: out)?.attributes.contains("Max-Age=0") == true)
        #expect(h.sessions.count == 0)
        let viewer = try await h.graphql("{ viewer { id } }", session: session)
        #expect(viewer["data"]?["viewer"] == .null)
        // Logging out twice, or without a session, is fine.
        #expect(try await h.http("POST", "/auth/logout", cookies: [Cookies.session: session]).status == 200)
        #expect(try await h.http("POST", "/auth/logout").status == 200)
    }

    @Test func sessionsExpireWhenIdleAndAfterTheAbsoluteLimit() async throws { try await withHarness(expiry) }

    func expiry(_ h: AuthTestHarness) async throws {
        let idle = try await h.signIn(.github)
        h.clock.advance(seconds: 11 * 3600)
        #expect(try await h.graphql("{ viewer { id } }", session: idle)["data"]?["viewer"] != .null)
        h.clock.advance(seconds: 11 * 3600)
        // Used 11 h ago: still alive (the idle limit is 12 h since the last use).
        #expect(try await h.graphql("{ viewer { id } }", session: idle)["data"]?["viewer"] != .null)
        h.clock.advance(seconds: 12 * 3600 + 1)
        #expect(try await h.graphql("{ viewer { id } }", session: idle)["data"]?["viewer"] == .null)
        #expect(h.sessions.count == 0)

        let busy = try await h.signIn(.github)
        for _ in 0..<15 {
            h.clock.advance(seconds: 11 * 3600)
            #expect(try await h.graphql("{ viewer { id } }", session: busy)["data"]?["viewer"] != .null)
        }
        // 165 h in; the absolute limit is 168 h however active the session is.
        h.clock.advance(seconds: 3 * 3600 + 1)
        #expect(try await h.graphql("{ viewer { id } }", session: busy)["data"]?["viewer"] == .null)
        #expect(try await h.graphql("{ viewer { id } }", session: "not-a-session")["data"]?["viewer"] == .null)
    }

    @Test func preferencesAreUpdatedByTheSignedInUserOnly() async throws { try await withHarness(preferences) }

    func preferences(_ h: AuthTestHarness) async throws {
        let session = try await h.signIn(.github)
        let update = try await h.graphql("""
            mutation { updatePreferences(theme: DARK, refreshIntervalSeconds: 120, dashboardLayout: ["reviews", "pipelines"]) {
              theme refreshIntervalSeconds dashboardLayout } }
            """, session: session)
        #expect(update["errors"] == nil)
        #expect(update["data"]?["updatePreferences"] == .object(ObjectValue([
            ("theme", .string("DARK")), ("refreshIntervalSeconds", .int(120)),
            ("dashboardLayout", .list([.string("reviews"), .string("pipelines")])),
        ])))
        let partial = try await h.graphql("mutation { updatePreferences(theme: LIGHT) { theme refreshIntervalSeconds } }", session: session)
        #expect(partial["data"]?["updatePreferences"]?["refreshIntervalSeconds"] == .int(120))
        let viewer = try await h.graphql("{ viewer { preferences { theme dashboardLayout } } }", session: session)
        #expect(viewer["data"]?["viewer"]?["preferences"]?["theme"] == .string("LIGHT"))

        let outOfRange = try await h.graphql("mutation { updatePreferences(refreshIntervalSeconds: 5) { theme } }", session: session)
        #expect(firstErrorCode(outOfRange) == .string("BAD_USER_INPUT"))
        let anonymous = try await h.graphql("mutation { updatePreferences(theme: DARK) { theme } }", session: nil)
        #expect(firstErrorCode(anonymous) == .string("UNAUTHENTICATED"))
    }

    func firstErrorCode(_ response: Value) -> Value? {
        guard case .list(let errors)? = response["errors"], let first = errors.first else { return nil }
        return first["extensions"]?["code"]
    }

    @Test func rotationKeepsEveryConnectionUsable() async throws { try await withHarness(rotation) }

    func rotation(_ h: AuthTestHarness) async throws {
        let session = try await h.signIn(.gitlab)
        let user = try await userID(h, session: session)
        let token = try await h.auth.accessToken(userID: user, provider: .gitlab)
        let newKey = "k2:" + Data((0..<32).map { UInt8(255 - $0) }).base64EncodedString()
        func service(_ keys: String) throws -> AuthService {
            AuthService(settings: h.auth.settings, publicURL: AuthTestHarness.publicURL,
                        cipher: TokenCipher(keyRing: try TokenKeyRing(parsing: keys)), transport: h.upstream,
                        connections: h.connections, now: { h.clock.now() })
        }
        let both = try service("\(newKey),\(AuthTestHarness.keys)")
        let result = try await both.rotateKeys()
        #expect(result.rotated == 1 && result.failed == 0)
        let rotated = try #require(try await h.connections.connection(userID: user, provider: .gitlab))
        #expect(rotated.accessToken.keyID == "k2")
        #expect(rotated.refreshToken?.keyID == "k2")
        #expect(try await both.rotateKeys().rotated == 0)
        // The old key can go: the new key alone opens the rotated tokens, the old alone cannot.
        #expect(try await service(newKey).accessToken(userID: user, provider: .gitlab) == token)
        let stale = await #expect(throws: AuthError.self) { try await h.auth.accessToken(userID: user, provider: .gitlab) }
        #expect(stale?.code == .tokenUnreadable)
    }

    @Test func aTamperedStoredTokenIsRefused() async throws { try await withHarness(tampered) }

    func tampered(_ h: AuthTestHarness) async throws {
        let session = try await h.signIn(.github)
        let user = try await userID(h, session: session)
        var stored = try #require(try await h.connections.connection(userID: user, provider: .github))
        var payload = try #require(Base64URL.decode(stored.accessToken.encoded.split(separator: ".")[2]))
        payload[payload.count / 2] ^= 0x80
        stored.accessToken = try SealedToken(encoded: "v1.k1.\(Base64URL.encode(payload))")
        try await h.connections.save(stored)
        let error = await #expect(throws: AuthError.self) { try await h.auth.accessToken(userID: user, provider: .github) }
        #expect(error?.code == .tokenUnreadable)
    }

    @Test func noSecretAppearsInAnyResponseOrLogLine() async throws { try await withHarness(leakScan) }

    func leakScan(_ h: AuthTestHarness) async throws {
        // Exercise everything: sign-ins, a refresh, failures, viewer, disconnect, logout.
        let session = try await h.signIn(.gitlab)
        let user = try await userID(h, session: session)
        let linked = try await h.signIn(.github, cookies: [Cookies.session: session])
        h.clock.advance(seconds: 7200)
        _ = try await h.auth.accessToken(userID: user, provider: .gitlab)
        let (callback, nonce) = try await h.authorize(.atlassian)
        _ = try await h.http("GET", callback, cookies: [Cookies.oauth: "wrong"])
        _ = try await h.http("GET", callback, cookies: [Cookies.oauth: nonce])
        _ = try await h.graphql("{ viewer { id name connections { provider login expiresAt scopes } } }", session: linked)
        _ = try await h.http("POST", "/auth/github/disconnect", cookies: [Cookies.session: linked])
        _ = try await h.http("POST", "/auth/logout", cookies: [Cookies.session: linked])

        var secrets = h.providers.values.flatMap(\.secrets)
        secrets.append(String(AuthTestHarness.keys.dropFirst(3)))
        #expect(secrets.count > 8)
        let ourResponses = h.responses.filter { response in
            // Responses of the fakes (their redirect carries the code by design) are not ours to scan.
            !response.headers.contains { $0.name == "location" && $0.value.hasPrefix(AuthTestHarness.publicURL) }
        }
        var texts = ourResponses.map { r in
            r.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n") + "\n" + String(decoding: r.body, as: UTF8.self)
        }
        texts += h.logs.all
        #expect(h.logs.all.count > 5)
        for secret in secrets {
            let leaks = texts.filter { $0.contains(secret) }
            #expect(leaks.isEmpty, "a secret leaked into \(leaks.count) response(s) or log line(s)")
        }
        // Session ids are secrets too: they appear only in our own Set-Cookie headers, never in logs.
        #expect(!h.logs.all.contains { $0.contains(linked) || $0.contains(session) })
    }
}
