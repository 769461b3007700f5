import Fakes
import Foundation
import Resolvers
import Schema
import Testing
@testable import Server

/// The OAuth sign-in with PKCE against loopback fake providers, over real HTTP: the happy path,
/// every way the state can be wrong, a wrong verifier, and linking a second provider.
@Suite struct AuthFlowTests {
    func withHarness(cookieSecure: Bool = true, _ body: (AuthTestHarness) async throws -> Void) async throws {
        let h = try await AuthTestHarness.start(cookieSecure: cookieSecure)
        do {
            try await body(h)
        } catch {
            await h.stop()
            throw error
        }
        await h.stop()
    }

    static func errorCode(_ response: UpstreamResponse) -> String? {
        guard let json = try? JSONParser.parse(bytes: response.body), case .string(let code)? = json["error"]?["code"] else { return nil }
        return code
    }

    @Test func fullSignInWithGitHub() async throws { try await withHarness(fullSignIn) }

    func fullSignIn(_ h: AuthTestHarness) async throws {
        let login = try await h.http("GET", "/auth/github/login")
        #expect(login.status == 302)
        let location = try #require(login.header("location"))
        #expect(location.hasPrefix(h.fake(.github).authorizeURL + "?"))
        let query = Dictionary(FormURLEncoding.decode(String(location.split(separator: "?", maxSplits: 1)[1])), uniquingKeysWith: { a, _ in a })
        #expect(query["response_type"] == "code")
        #expect(query["client_id"] == "client-github")
        #expect(query["redirect_uri"] == "\(AuthTestHarness.publicURL)/auth/github/callback")
        #expect(query["code_challenge_method"] == "S256")
        #expect(query["code_challenge"]?.count == 43)
        #expect((query["state"]?.count ?? 0) >= 43)
        let oauth = try #require(AuthTestHarness.cookie(Cookies.oauth, in: login))
        #expect(Set(oauth.attributes).isSuperset(of: ["Path=/auth", "HttpOnly", "SameSite=Lax", "Secure", "Max-Age=600"]))

        let approved = try await h.http("GET", location)
        #expect(approved.status == 302)
        let back = try #require(approved.header("location"))
        #expect(back.hasPrefix("\(AuthTestHarness.publicURL)/auth/github/callback?code="))
        let callback = String(back.dropFirst(AuthTestHarness.publicURL.count))

        let done = try await h.http("GET", callback, cookies: [Cookies.oauth: oauth.value])
        #expect(done.status == 302)
        #expect(done.header("location") == "/")
        let session = try #require(AuthTestHarness.cookie(Cookies.session, in: done))
        #expect(Set(session.attributes).isSuperset(of: ["Path=/", "HttpOnly", "SameSite=Lax", "Secure"]))
        #expect(Base64URL.decode(session.value)?.count == 32)
        #expect(AuthTestHarness.cookie(Cookies.oauth, in: done)?.attributes.contains("Max-Age=0") == true)
        #expect(h.sessions.count == 1)

        // The fake saw the challenge we sent and a verifier that matched it.
        let events = h.fake(.github).events
        #expect(events.contains(.authorized(clientID: "client-github", redirectURI: "\(AuthTestHarness.publicURL)/auth/github/callback",
                                            codeChallenge: query["code_challenge"]!, scope: "read:user user:email repo")))
        #expect(events.contains(.tokenIssued(grant: "authorization_code")))
        #expect(events.contains(.profileServed))

        let viewer = try await h.graphql("{ viewer { id name email connections { provider login scopes } preferences { theme refreshIntervalSeconds } } }",
                                         session: session.value)
        #expect(viewer["errors"] == nil)
        #expect(viewer["data"]?["viewer"]?["name"] == .string("Demo User"))
        #expect(viewer["data"]?["viewer"]?["email"] == .string("demo@hyperpage.dev"))
        #expect(viewer["data"]?["viewer"]?["connections"] == .list([.object(ObjectValue([
            ("provider", .string("GITHUB")), ("login", .string("octodemo")), ("scopes", .list([.string("read:user"), .string("user:email"), .string("repo")])),
        ]))]))
        #expect(viewer["data"]?["viewer"]?["preferences"]?["theme"] == .string("SYSTEM"))

        // Anonymous: no viewer.
        let anonymous = try await h.graphql("{ viewer { id } }", session: nil)
        #expect(anonymous["data"]?["viewer"] == .null)

        // The stored connection holds the token only sealed, and it opens to the live token.
        let userID = try #require(viewerID(viewer))
        let stored = try #require(try await h.connections.connection(userID: userID, provider: .github))
        let live = h.fake(.github).liveAccessTokens
        #expect(live.count == 1)
        #expect(!live.contains { stored.accessToken.encoded.contains($0) })
        #expect(try await h.auth.accessToken(userID: userID, provider: .github) == live.first)
    }

    func viewerID(_ response: Value) -> String? {
        if case .string(let id)? = response["data"]?["viewer"]?["id"] { return id }
        return nil
    }

    @Test func aReplayedStateSignsNobodyIn() async throws { try await withHarness(replayedState) }

    func replayedState(_ h: AuthTestHarness) async throws {
        let (callback, nonce) = try await h.authorize(.github)
        let first = try await h.http("GET", callback, cookies: [Cookies.oauth: nonce])
        #expect(first.status == 302)
        let replay = try await h.http("GET", callback, cookies: [Cookies.oauth: nonce])
        #expect(replay.status == 400)
        #expect(Self.errorCode(replay) == "AUTH_STATE_INVALID")
        #expect(AuthTestHarness.cookie(Cookies.session, in: replay) == nil)
        #expect(h.sessions.count == 1)
        // The replay never reached the provider's token endpoint.
        #expect(h.fake(.github).events.filter { $0 == .tokenIssued(grant: "authorization_code") }.count == 1)
    }

    @Test func aStateFromAnotherBrowserSignsNobodyIn() async throws { try await withHarness(otherBrowser) }

    func otherBrowser(_ h: AuthTestHarness) async throws {
        let (callback, nonce) = try await h.authorize(.gitlab)
        let stranger = try await h.http("GET", callback, cookies: [Cookies.oauth: "not-the-cookie-that-started-it"])
        #expect(stranger.status == 400)
        #expect(Self.errorCode(stranger) == "AUTH_STATE_MISMATCH")
        let noCookie = try await h.http("GET", callback)
        #expect(Self.errorCode(noCookie) == "AUTH_STATE_INVALID")
        // The state was spent by the failed attempt: the right browser cannot use it afterwards.
        let late = try await h.http("GET", callback, cookies: [Cookies.oauth: nonce])
        #expect(Self.errorCode(late) == "AUTH_STATE_INVALID")
        #expect(h.sessions.count == 0)
        #expect(!h.fake(.gitlab).events.contains(.tokenIssued(grant: "authorization_code")))
    }

    @Test func anExpiredStateSignsNobodyIn() async throws { try await withHarness(expiredState) }

    func expiredState(_ h: AuthTestHarness) async throws {
        let (callback, nonce) = try await h.authorize(.atlassian)
        h.clock.advance(seconds: AuthService.stateLifetime + 1)
        let late = try await h.http("GET", callback, cookies: [Cookies.oauth: nonce], headers: [("Accept", "text/html")])
        #expect(late.status == 400)
        #expect(late.header("content-type")?.hasPrefix("text/html") == true)
        #expect(String(decoding: late.body, as: UTF8.self).contains("AUTH_STATE_EXPIRED"))
        #expect(h.sessions.count == 0)
        #expect(!h.fake(.atlassian).events.contains(.tokenIssued(grant: "authorization_code")))
    }

    @Test func anUnknownStateOrProviderIsRefused() async throws { try await withHarness(unknownState) }

    func unknownState(_ h: AuthTestHarness) async throws {
        let forged = try await h.http("GET", "/auth/github/callback?code=abc&state=forged", cookies: [Cookies.oauth: "x"])
        #expect(Self.errorCode(forged) == "AUTH_STATE_INVALID")
        let missing = try await h.http("GET", "/auth/github/callback?code=abc")
        #expect(Self.errorCode(missing) == "AUTH_STATE_INVALID")
        let provider = try await h.http("GET", "/auth/bitbucket/login")
        #expect(provider.status == 404)
        #expect(Self.errorCode(provider) == "AUTH_UNKNOWN_PROVIDER")
        // A state issued for GitHub cannot finish a GitLab sign-in.
        let (callback, nonce) = try await h.authorize(.github)
        let crossed = try await h.http("GET", callback.replacingOccurrences(of: "/auth/github/", with: "/auth/gitlab/"),
                                       cookies: [Cookies.oauth: nonce])
        #expect(Self.errorCode(crossed) == "AUTH_STATE_INVALID")
        #expect(h.sessions.count == 0)
    }

    @Test func aWrongVerifierSignsNobodyIn() async throws { try await withHarness(wrongVerifier) }

    /// The provider is handed a challenge that is not the S256 of our verifier (as if the
    /// authorization request had been tampered with): the exchange fails with `invalid_grant`.
    func wrongVerifier(_ h: AuthTestHarness) async throws {
        let login = try await h.http("GET", "/auth/gitlab/login")
        let location = try #require(login.header("location"))
        let nonce = try #require(AuthTestHarness.cookie(Cookies.oauth, in: login)).value
        let original = try #require(FormURLEncoding.decode(String(location.split(separator: "?")[1])).first { $0.0 == "code_challenge" }?.1)
        let tampered = location.replacingOccurrences(of: "code_challenge=\(original)", with: "code_challenge=\(PKCE.challenge(for: String(repeating: "a", count: 43)))")
        let approved = try await h.http("GET", tampered)
        let callback = String(try #require(approved.header("location")).dropFirst(AuthTestHarness.publicURL.count))
        let done = try await h.http("GET", callback, cookies: [Cookies.oauth: nonce])
        #expect(done.status == 400)
        #expect(Self.errorCode(done) == "AUTH_INVALID_GRANT")
        #expect(AuthTestHarness.cookie(Cookies.session, in: done) == nil)
        #expect(h.sessions.count == 0)
        #expect(h.fake(.gitlab).events.contains(.tokenRefused(grant: "authorization_code", error: "invalid_grant",
                                                              reason: "code_verifier does not match code_challenge")))
        #expect(h.fake(.gitlab).liveAccessTokens.isEmpty)
    }

    @Test func aDeniedAuthorizationSignsNobodyIn() async throws { try await withHarness(denied) }

    func denied(_ h: AuthTestHarness) async throws {
        let (callback, nonce) = try await h.authorize(.github)
        let state = try #require(FormURLEncoding.decode(String(callback.split(separator: "?")[1])).first { $0.0 == "state" }?.1)
        let response = try await h.http("GET", "/auth/github/callback?error=access_denied&state=\(FormEncoding.percentEncode(state))",
                                        cookies: [Cookies.oauth: nonce])
        #expect(Self.errorCode(response) == "AUTH_PROVIDER_DENIED")
        #expect(h.sessions.count == 0)
    }

    @Test func aSecondProviderIsLinkedToTheSignedInUser() async throws { try await withHarness(linking) }

    func linking(_ h: AuthTestHarness) async throws {
        let first = try await h.signIn(.github)
        let second = try await h.signIn(.gitlab, cookies: [Cookies.session: first])
        #expect(second != first)
        // The old session ended when the new one began (no fixation).
        #expect(h.sessions.count == 1)
        let old = try await h.graphql("{ viewer { id } }", session: first)
        #expect(old["data"]?["viewer"] == .null)
        let viewer = try await h.graphql("{ viewer { connections { provider login } } }", session: second)
        #expect(viewer["data"]?["viewer"]?["connections"] == .list([
            .object(ObjectValue([("provider", .string("GITHUB")), ("login", .string("octodemo"))])),
            .object(ObjectValue([("provider", .string("GITLAB")), ("login", .string("octodemo"))])),
        ]))
        // Signing in again with GitHub alone finds the same user.
        let again = try await h.signIn(.github)
        let same = try await h.graphql("{ viewer { connections { provider } } }", session: again)
        #expect((same["data"]?["viewer"]?["connections"]).map { if case .list(let l) = $0 { l.count } else { 0 } } == 2)
    }

    @Test func cookiesAreNotSecureWhenConfiguredForPlainHTTP() async throws {
        try await withHarness(cookieSecure: false, plainHTTPCookies)
    }

    func plainHTTPCookies(_ h: AuthTestHarness) async throws {
        let login = try await h.http("GET", "/auth/github/login")
        #expect(AuthTestHarness.cookie(Cookies.oauth, in: login)?.attributes.contains("Secure") == false)
        let (callback, nonce) = try await h.authorize(.github)
        let done = try await h.http("GET", callback, cookies: [Cookies.oauth: nonce])
        let session = try #require(AuthTestHarness.cookie(Cookies.session, in: done))
        #expect(!session.attributes.contains("Secure"))
        #expect(session.attributes.contains("HttpOnly") && session.attributes.contains("SameSite=Lax"))
    }
}
