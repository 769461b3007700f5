import Foundation
import Synchronization

/// The bookkeeping of a fake OAuth provider — authorization codes, access and refresh tokens —
/// with the checks the real providers make:
///
/// - `/authorize` requires the registered `client_id` and exactly the registered
///   `redirect_uri`, `response_type=code`, a `code_challenge` of 43 base64url characters and
///   `code_challenge_method=S256` (plain is refused).
/// - the token endpoint requires the client's secret, the same `redirect_uri`, an unexpired code
///   that was never used before, and a `code_verifier` (43-128 unreserved characters) whose
///   base64url SHA-256 equals the challenge; anything else is `invalid_grant` (or
///   `invalid_client`). A code presented twice also revokes what its first use issued (RFC 6749 §4.1.2).
/// - refresh tokens (GitLab, Atlassian) rotate: each refresh retires the refresh token it used
///   (and the access token issued with it).
/// - each grant belongs to the user approved at its authorization (`setUser` changes who the
///   next authorization approves), and the profile is that user's.
/// - Atlassian: `accessible-resources` lists the sites set with `setAccessibleResources` to a
///   live access token.
final class FakeOAuthAuthority: Sendable {
    let flavor: FakeOAuthFlavor
    private let state: Mutex<State>

    struct PendingCode {
        var challenge: String
        var redirectURI: String
        var scope: String
        var expiresAt: Date
        var user: FakeOAuthUser
        var used = false
        var grant: Int?
    }

    struct Grant {
        var accessToken: String
        var accessExpiresAt: Date?
        var refreshToken: String?
        var user: FakeOAuthUser
        var revoked = false
    }

    struct State {
        var client: FakeOAuthClient
        var user: FakeOAuthUser
        var codeLifetime: TimeInterval = 60
        var accessTokenLifetime: TimeInterval
        var codes: [String: PendingCode] = [:]
        var grants: [Grant] = []
        var events: [FakeOAuthEvent] = []
        var secrets: [String] = []
        /// Atlassian's `accessible-resources` answer.
        var resources: [FakeAtlassianSite] = []
    }

    init(flavor: FakeOAuthFlavor, client: FakeOAuthClient, user: FakeOAuthUser) {
        self.flavor = flavor
        let lifetime: TimeInterval = switch flavor {
        case .github: 0
        case .gitlab: 7200
        case .atlassian: 3600
        }
        state = Mutex(State(client: client, user: user, accessTokenLifetime: lifetime, secrets: [client.clientSecret]))
    }

    func update(_ body: (inout State) -> Void) { state.withLock { body(&$0) } }
    func read<T: Sendable>(_ body: (State) -> T) -> T { state.withLock { body($0) } }

    // MARK: Authorize

    func authorize(_ request: FakeRequest) -> FakeResponse {
        state.withLock { s in
            func refuse(_ reason: String) -> FakeResponse {
                s.events.append(.authorizeRefused(reason: reason))
                return .json(.object([("error", .string("invalid_request")), ("error_description", .string(reason))]), status: 400)
            }
            guard request.query("client_id") == s.client.clientID else { return refuse("unknown client_id") }
            guard let redirect = request.query("redirect_uri"), redirect == s.client.redirectURI else {
                return refuse("redirect_uri does not match the registered one")
            }
            guard request.query("response_type") == "code" else { return refuse("response_type must be code") }
            guard request.query("code_challenge_method") == "S256" else { return refuse("code_challenge_method must be S256") }
            guard let challenge = request.query("code_challenge"), challenge.utf8.count == 43, Self.isBase64URL(challenge) else {
                return refuse("code_challenge must be 43 base64url characters")
            }
            let code = Self.randomToken("code")
            s.codes[code] = PendingCode(challenge: challenge, redirectURI: redirect, scope: request.query("scope") ?? "",
                                        expiresAt: Date().addingTimeInterval(s.codeLifetime), user: s.user)
            s.secrets.append(code)
            s.events.append(.authorized(clientID: s.client.clientID, redirectURI: redirect, codeChallenge: challenge,
                                        scope: request.query("scope") ?? ""))
            var location = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + fakePercentEncode(code)
            if let st = request.query("state") { location += "&state=" + fakePercentEncode(st) }
            return FakeResponse(status: 302, headers: [("location", location)], body: [])
        }
    }

    // MARK: Token

    func token(_ request: FakeRequest) -> FakeResponse {
        let form = Dictionary(FakeRequest.parseQuery(String(decoding: request.body, as: UTF8.self)).map { ($0.name, $0.value) },
                              uniquingKeysWith: { first, _ in first })
        let grantType = form["grant_type"] ?? ""
        return state.withLock { s in
            func refuse(_ error: String, _ reason: String, status: Int? = nil) -> FakeResponse {
                s.events.append(.tokenRefused(grant: grantType, error: error, reason: reason))
                return .json(.object([("error", .string(error)), ("error_description", .string(reason))]),
                             status: status ?? flavor.tokenErrorStatus)
            }
            let (clientID, secret) = Self.clientCredentials(form: form, authorization: request.header("authorization"))
            guard clientID == s.client.clientID, secret == s.client.clientSecret else {
                return refuse("invalid_client", "client authentication failed", status: 401)
            }
            switch grantType {
            case "authorization_code":
                guard let code = form["code"], var pending = s.codes[code] else { return refuse("invalid_grant", "unknown code") }
                if pending.used {
                    if let g = pending.grant { s.grants[g].revoked = true }
                    return refuse("invalid_grant", "code already used")
                }
                pending.used = true
                s.codes[code] = pending
                guard pending.expiresAt > Date() else { return refuse("invalid_grant", "code expired") }
                guard form["redirect_uri"] == pending.redirectURI else { return refuse("invalid_grant", "redirect_uri mismatch") }
                guard let verifier = form["code_verifier"], (43...128).contains(verifier.utf8.count),
                      verifier.utf8.allSatisfy(Self.isUnreserved) else {
                    return refuse("invalid_grant", "code_verifier missing or malformed")
                }
                guard FakeSHA256.base64URL(Array(verifier.utf8)) == pending.challenge else {
                    return refuse("invalid_grant", "code_verifier does not match code_challenge")
                }
                let (index, response) = issue(&s, scope: pending.scope, user: pending.user)
                pending.grant = index
                s.codes[code] = pending
                s.events.append(.tokenIssued(grant: grantType))
                return response
            case "refresh_token":
                guard flavor.issuesRefreshTokens else { return refuse("unsupported_grant_type", "no refresh tokens") }
                guard let presented = form["refresh_token"],
                      let index = s.grants.firstIndex(where: { $0.refreshToken == presented && !$0.revoked }) else {
                    return refuse("invalid_grant", "unknown, used or revoked refresh token")
                }
                s.grants[index].revoked = true
                let (_, response) = issue(&s, scope: "", user: s.grants[index].user)
                s.events.append(.tokenIssued(grant: grantType))
                return response
            default:
                return refuse("unsupported_grant_type", "grant_type must be authorization_code or refresh_token")
            }
        }
    }

    private func issue(_ s: inout State, scope: String, user: FakeOAuthUser) -> (Int, FakeResponse) {
        let access = Self.randomToken("\(flavor.rawValue)_at")
        let refresh = flavor.issuesRefreshTokens ? Self.randomToken("\(flavor.rawValue)_rt") : nil
        let lifetime = s.accessTokenLifetime
        s.grants.append(Grant(accessToken: access, accessExpiresAt: lifetime > 0 ? Date().addingTimeInterval(lifetime) : nil,
                              refreshToken: refresh, user: user))
        s.secrets.append(access)
        if let refresh { s.secrets.append(refresh) }
        var members: [(String, FakeJSON)] = [("access_token", .string(access)), ("token_type", .string(flavor == .github ? "bearer" : "Bearer")),
                                             ("scope", .string(scope))]
        if lifetime > 0 { members.append(("expires_in", .int(Int(lifetime)))) }
        if let refresh { members.append(("refresh_token", .string(refresh))) }
        return (s.grants.count - 1, .json(.object(members)))
    }

    // MARK: Profile and revocation

    func profile(_ request: FakeRequest) -> FakeResponse {
        state.withLock { s in
            guard let token = Self.bearer(request.header("authorization")),
                  let grant = s.grants.first(where: { $0.accessToken == token }), !grant.revoked,
                  grant.accessExpiresAt.map({ $0 > Date() }) ?? true else {
                s.events.append(.profileRefused)
                return .json(.object([("message", .string("Bad credentials"))]), status: 401)
            }
            s.events.append(.profileServed)
            return .json(flavor.profile(grant.user))
        }
    }

    /// Atlassian's `GET /oauth/token/accessible-resources`: the sites a live access token may call.
    func accessibleResources(_ request: FakeRequest) -> FakeResponse {
        state.withLock { s in
            guard let token = Self.bearer(request.header("authorization")), Self.isLive(token, in: s) else {
                s.events.append(.resourcesRefused)
                return .json(.object([("code", .int(401)), ("message", .string("Unauthorized"))]), status: 401)
            }
            s.events.append(.resourcesServed)
            return .json(.array(s.resources.map(\.json)))
        }
    }

    /// Whether `token` is an access token issued here, not revoked and not expired.
    func isLiveAccessToken(_ token: String) -> Bool { state.withLock { Self.isLive(token, in: $0) } }

    private static func isLive(_ token: String, in s: State) -> Bool {
        s.grants.contains { $0.accessToken == token && !$0.revoked && ($0.accessExpiresAt.map { $0 > Date() } ?? true) }
    }

    /// GitHub: `DELETE /applications/{client_id}/grant` with HTTP Basic client credentials and
    /// `{"access_token": …}`; GitLab: `POST /oauth/revoke` with `token`, `client_id`, `client_secret`.
    func revoke(_ request: FakeRequest) -> FakeResponse {
        let token: String?
        let credentials: (String?, String?)
        if flavor == .github {
            credentials = Self.clientCredentials(form: [:], authorization: request.header("authorization"))
            token = Self.jsonString(request.body, member: "access_token")
        } else {
            let form = Dictionary(FakeRequest.parseQuery(String(decoding: request.body, as: UTF8.self)).map { ($0.name, $0.value) },
                                  uniquingKeysWith: { first, _ in first })
            credentials = Self.clientCredentials(form: form, authorization: request.header("authorization"))
            token = form["token"]
        }
        return state.withLock { s in
            guard credentials.0 == s.client.clientID, credentials.1 == s.client.clientSecret else {
                s.events.append(.revokeRefused)
                return .json(.object([("message", .string("Bad client credentials"))]), status: 401)
            }
            for i in s.grants.indices where s.grants[i].accessToken == token || s.grants[i].refreshToken == token {
                s.grants[i].revoked = true
            }
            s.events.append(.revoked)
            return flavor == .github ? FakeResponse(status: 204, body: []) : .json(.object([]))
        }
    }

    // MARK: Helpers

    static func clientCredentials(form: [String: String], authorization: String?) -> (String?, String?) {
        if let auth = authorization, auth.lowercased().hasPrefix("basic "),
           let data = Data(base64Encoded: String(auth.dropFirst(6))), let text = String(data: data, encoding: .utf8),
           let colon = text.firstIndex(of: ":") {
            return (String(text[..<colon]), String(text[text.index(after: colon)...]))
        }
        return (form["client_id"], form["client_secret"])
    }

    static func bearer(_ authorization: String?) -> String? {
        guard let a = authorization else { return nil }
        for prefix in ["Bearer ", "bearer ", "token "] where a.hasPrefix(prefix) { return String(a.dropFirst(prefix.count)) }
        return nil
    }

    static func jsonString(_ body: [UInt8], member: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return nil }
        return object[member] as? String
    }

    static func randomToken(_ prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let hex = (0..<20).map { _ in String(UInt8.random(in: 0...255, using: &generator), radix: 16).leftPadded(to: 2) }.joined()
        return "fake_\(prefix)_\(hex)"
    }

    static func isBase64URL(_ s: String) -> Bool {
        s.utf8.allSatisfy { c in
            (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x5F
        }
    }

    /// RFC 7636 §4.1: `[A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"`.
    static func isUnreserved(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
            || c == 0x2D || c == 0x2E || c == 0x5F || c == 0x7E
    }
}
