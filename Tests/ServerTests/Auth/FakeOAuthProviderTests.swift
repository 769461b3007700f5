import Fakes
import Foundation
import Resolvers
import Testing
@testable import Server

/// The fake providers check PKCE and redirect URIs the way the real ones do (the sign-in tests
/// rely on it), so these talk to them directly.
@Suite struct FakeOAuthProviderTests {
    static let redirect = "http://hyperpage.test/auth/gitlab/callback"

    func withFake(_ body: (FakeOAuthProvider, CurlTransport) async throws -> Void) async throws {
        let fake = try await FakeOAuthProvider.start(.gitlab, client: FakeOAuthClient(clientID: "cid", clientSecret: "csecret", redirectURI: Self.redirect))
        let client = CurlTransport()
        do {
            try await body(fake, client)
        } catch {
            client.shutdown()
            await fake.stop()
            throw error
        }
        client.shutdown()
        await fake.stop()
    }

    func authorize(_ fake: FakeOAuthProvider, _ client: CurlTransport, challenge: String, method: String = "S256",
                   redirect: String = redirect) async throws -> UpstreamResponse {
        let query = FormEncoding.encode([("response_type", "code"), ("client_id", "cid"), ("redirect_uri", redirect),
                                         ("state", "s1"), ("code_challenge", challenge), ("code_challenge_method", method)])
        return try await client.perform(UpstreamRequest(url: fake.authorizeURL + "?" + query, followsRedirects: false), timeout: .seconds(10))
    }

    func code(_ response: UpstreamResponse) -> String? {
        guard let location = response.header("location"), let q = location.split(separator: "?").last else { return nil }
        return FormURLEncoding.decode(String(q)).first { $0.0 == "code" }?.1
    }

    func exchange(_ fake: FakeOAuthProvider, _ client: CurlTransport, code: String, verifier: String,
                  redirect: String = redirect) async throws -> (Int, String) {
        let body = FormEncoding.encode([("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirect),
                                        ("client_id", "cid"), ("client_secret", "csecret"), ("code_verifier", verifier)])
        let r = try await client.perform(UpstreamRequest(method: "POST", url: fake.tokenURL,
                                                         headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                                         body: Array(body.utf8)), timeout: .seconds(10))
        return (r.status, String(decoding: r.body, as: UTF8.self))
    }

    @Test func pkceIsCheckedExactly() async throws { try await withFake(pkce) }

    func pkce(_ fake: FakeOAuthProvider, _ client: CurlTransport) async throws {
        let pkce = try PKCE.make()
        // Plain PKCE and foreign redirect URIs are refused at authorize.
        #expect(try await authorize(fake, client, challenge: pkce.verifier, method: "plain").status == 400)
        #expect(try await authorize(fake, client, challenge: pkce.challenge, redirect: "http://evil.example/cb").status == 400)

        let wrong = try #require(code(try await authorize(fake, client, challenge: pkce.challenge)))
        let (status, body) = try await exchange(fake, client, code: wrong, verifier: String(repeating: "b", count: 43))
        #expect(status == 400 && body.contains("invalid_grant"))

        let good = try #require(code(try await authorize(fake, client, challenge: pkce.challenge)))
        let (badRedirect, _) = try await exchange(fake, client, code: good, verifier: pkce.verifier, redirect: "http://hyperpage.test/other")
        #expect(badRedirect == 400)
        // The failed attempt spent the code.
        #expect(try await exchange(fake, client, code: good, verifier: pkce.verifier).0 == 400)

        let fresh = try #require(code(try await authorize(fake, client, challenge: pkce.challenge)))
        let (ok, tokens) = try await exchange(fake, client, code: fresh, verifier: pkce.verifier)
        #expect(ok == 200 && tokens.contains("refresh_token") && tokens.contains("\"expires_in\":7200"))
        #expect(fake.liveAccessTokens.count == 1)
        // Replaying a code revokes what it issued.
        #expect(try await exchange(fake, client, code: fresh, verifier: pkce.verifier).0 == 400)
        #expect(fake.liveAccessTokens.isEmpty)
    }

    @Test func codesExpire() async throws { try await withFake(expiry) }

    func expiry(_ fake: FakeOAuthProvider, _ client: CurlTransport) async throws {
        fake.setCodeLifetime(seconds: 0)
        let pkce = try PKCE.make()
        let code = try #require(code(try await authorize(fake, client, challenge: pkce.challenge)))
        let (status, body) = try await exchange(fake, client, code: code, verifier: pkce.verifier)
        #expect(status == 400 && body.contains("code expired"))
    }
}
