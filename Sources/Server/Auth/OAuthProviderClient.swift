import Foundation
import Resolvers
import Schema

/// Tokens a provider issued (kept in memory only until they are sealed).
struct OAuthTokens: Sendable {
    var accessToken: String
    var refreshToken: String?
    /// Seconds until the access token expires (nil: it does not).
    var expiresIn: Int?
    var scopes: [String]
}

/// The HTTP side of one provider: the authorize URL, the code exchange and refresh at its token
/// endpoint, the profile, and revocation — over the same libcurl transport as tool calls.
/// Responses are read but never logged or echoed: they hold tokens.
struct OAuthProviderClient: Sendable {
    let settings: HyperpageConfig.OAuthProviderSection
    let transport: any UpstreamTransport
    /// `{public_url}/auth/{provider}/callback`.
    let redirectURI: String
    let timeout: Duration

    var provider: OAuthProviderName { settings.provider }

    /// Where the browser goes to approve: `response_type=code`, our client id and redirect
    /// URI, the scopes, `state`, and the S256 PKCE challenge.
    func authorizeURL(state: String, codeChallenge: String) -> String {
        var items: [(String, String)] = [
            ("response_type", "code"), ("client_id", settings.clientID), ("redirect_uri", redirectURI),
            ("scope", settings.scopes.joined(separator: " ")), ("state", state),
            ("code_challenge", codeChallenge), ("code_challenge_method", "S256"),
        ]
        if provider == .atlassian { items += [("audience", "api.atlassian.com"), ("prompt", "consent")] }
        let separator = settings.authorizeURL.contains("?") ? "&" : "?"
        return settings.authorizeURL + separator + FormEncoding.encode(items)
    }

    /// Exchanges an authorization code, proving possession of the PKCE verifier.
    func exchange(code: String, verifier: String) async throws(AuthError) -> OAuthTokens {
        try await tokenRequest([("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI),
                                ("code_verifier", verifier)])
    }

    /// Trades a refresh token for a new access token (and, with GitLab and Atlassian, a new refresh token).
    func refresh(refreshToken: String) async throws(AuthError) -> OAuthTokens {
        try await tokenRequest([("grant_type", "refresh_token"), ("refresh_token", refreshToken)])
    }

    private func tokenRequest(_ form: [(String, String)]) async throws(AuthError) -> OAuthTokens {
        let body = form + [("client_id", settings.clientID), ("client_secret", settings.clientSecret)]
        let request = UpstreamRequest(method: "POST", url: settings.tokenURL,
                                      headers: [("Accept", "application/json"),
                                                ("Content-Type", "application/x-www-form-urlencoded")],
                                      body: Array(FormEncoding.encode(body).utf8))
        let response = try await send(request)
        guard let json = try? JSONParser.parse(bytes: response.body), case .object = json else {
            throw AuthError(.providerUnavailable, "\(provider.rawValue) answered the token request with HTTP \(response.status) and no JSON.")
        }
        // GitHub reports errors with status 200 and an `error` member.
        if case .string(let error)? = json["error"] {
            switch error {
            case "invalid_grant", "bad_verification_code", "incorrect_client_credentials", "invalid_client", "bad_refresh_token":
                throw AuthError(.invalidGrant, "\(provider.rawValue) refused the grant (\(Self.safeCode(error))).")
            default:
                throw AuthError(.providerUnavailable, "\(provider.rawValue) refused the token request (\(Self.safeCode(error))).")
            }
        }
        guard (200..<300).contains(response.status), case .string(let access)? = json["access_token"], !access.isEmpty else {
            throw AuthError(.providerUnavailable, "\(provider.rawValue) answered the token request with HTTP \(response.status) and no access token.")
        }
        var tokens = OAuthTokens(accessToken: access, refreshToken: nil, expiresIn: nil, scopes: [])
        if case .string(let refresh)? = json["refresh_token"], !refresh.isEmpty { tokens.refreshToken = refresh }
        switch json["expires_in"] {
        case .int(let seconds)?: tokens.expiresIn = seconds
        case .string(let text)?: tokens.expiresIn = Int(text)
        default: break
        }
        if case .string(let scope)? = json["scope"] {
            tokens.scopes = scope.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        }
        return tokens
    }

    /// Who the token belongs to: GitHub and GitLab `GET /user`, Atlassian `GET /me`.
    func profile(accessToken: String) async throws(AuthError) -> ProviderProfile {
        let path = provider == .atlassian ? "/me" : "/user"
        let response = try await send(UpstreamRequest(url: settings.apiURL + path,
                                                      headers: [("Accept", "application/json"),
                                                                ("Authorization", "Bearer " + accessToken)]))
        guard response.status == 200, let json = try? JSONParser.parse(bytes: response.body) else {
            throw AuthError(.providerUnavailable, "\(provider.rawValue) did not return the profile (HTTP \(response.status)).")
        }
        func string(_ key: String) -> String? { if case .string(let s)? = json[key], !s.isEmpty { s } else { nil } }
        let accountID: String?
        let login: String?
        switch provider {
        case .github, .gitlab:
            if case .int(let id)? = json["id"] { accountID = String(id) } else { accountID = string("id") }
            login = string(provider == .github ? "login" : "username")
        case .atlassian:
            accountID = string("account_id")
            login = string("nickname") ?? string("email")
        }
        guard let accountID, let login else {
            throw AuthError(.providerUnavailable, "\(provider.rawValue) returned a profile without an account id.")
        }
        return ProviderProfile(provider: provider, accountID: accountID, login: login, name: string("name") ?? login,
                               email: string("email"), avatarURL: string(provider == .atlassian ? "picture" : "avatar_url"))
    }

    /// Revokes the grant where the provider supports it: GitHub `DELETE
    /// /applications/{client_id}/grant` (Basic client credentials), GitLab `POST /oauth/revoke`.
    /// Returns whether the provider confirmed; Atlassian offers no revocation (false).
    func revoke(accessToken: String) async throws(AuthError) -> Bool {
        let request: UpstreamRequest
        switch provider {
        case .github:
            let basic = Data("\(settings.clientID):\(settings.clientSecret)".utf8).base64EncodedString()
            let body = "{\"access_token\":\"\(JSONEscaping.escape(accessToken))\"}"
            request = UpstreamRequest(method: "DELETE", url: "\(settings.apiURL)/applications/\(settings.clientID)/grant",
                                      headers: [("Accept", "application/vnd.github+json"), ("Authorization", "Basic " + basic),
                                                ("Content-Type", "application/json")],
                                      body: Array(body.utf8))
        case .gitlab:
            guard !settings.revokeURL.isEmpty else { return false }
            request = UpstreamRequest(method: "POST", url: settings.revokeURL,
                                      headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                      body: Array(FormEncoding.encode([("token", accessToken), ("client_id", settings.clientID),
                                                                       ("client_secret", settings.clientSecret)]).utf8))
        case .atlassian:
            return false
        }
        let response = try await send(request)
        return (200..<300).contains(response.status) || response.status == 404
    }

    func send(_ request: UpstreamRequest) async throws(AuthError) -> UpstreamResponse {
        var request = request
        request.followsRedirects = false
        do {
            return try await transport.perform(request, timeout: timeout)
        } catch {
            throw AuthError(.providerUnavailable, "\(provider.rawValue) could not be reached (\(error.code.rawValue)).")
        }
    }

    /// An OAuth error code is `[a-z_]`; anything else is not echoed.
    static func safeCode(_ code: String) -> String {
        code.utf8.count <= 40 && code.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F }) ? code : "unrecognised error"
    }
}

/// `application/x-www-form-urlencoded` writing (RFC 3986 unreserved characters kept).
enum FormEncoding {
    static func encode(_ items: [(String, String)]) -> String {
        items.map { percentEncode($0.0) + "=" + percentEncode($0.1) }.joined(separator: "&")
    }

    static func percentEncode(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E: out.unicodeScalars.append(Unicode.Scalar(b))
            default: out += String(format: "%%%02X", b)
            }
        }
        return out
    }
}

/// Escaping for a JSON string literal.
enum JSONEscaping {
    static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
