/// Which OAuth provider a `FakeOAuthProvider` plays, with that provider's paths and JSON shapes.
public enum FakeOAuthFlavor: String, Sendable, CaseIterable {
    case github, gitlab, atlassian

    /// Where the browser is sent to approve (`/login/oauth/authorize` on github.com, …).
    var authorizePath: String {
        switch self {
        case .github: "/login/oauth/authorize"
        case .gitlab: "/oauth/authorize"
        case .atlassian: "/authorize"
        }
    }

    var tokenPath: String {
        switch self {
        case .github: "/login/oauth/access_token"
        case .gitlab, .atlassian: "/oauth/token"
        }
    }

    /// The API root a config's `api_url` points at, relative to the fake's base URL.
    var apiPrefix: String {
        switch self {
        case .github: ""
        case .gitlab: "/api/v4"
        case .atlassian: ""
        }
    }

    /// The profile path below the API root (`GET /user`, `GET /me`).
    var profilePath: String { self == .atlassian ? "/me" : "/user" }

    /// GitHub and GitLab can revoke; Atlassian has no revocation endpoint for 3LO apps.
    var revokes: Bool { self != .atlassian }

    /// GitHub OAuth apps issue non-expiring access tokens and no refresh token by default;
    /// GitLab and Atlassian issue expiring access tokens with rotating refresh tokens.
    var issuesRefreshTokens: Bool { self != .github }

    /// GitHub answers token errors with 200 and an `error` member; the others with 400.
    var tokenErrorStatus: Int { self == .github ? 200 : 400 }

    /// The profile of `user` in this provider's shape.
    func profile(_ user: FakeOAuthUser) -> FakeJSON {
        switch self {
        case .github:
            .object([("login", .string(user.login)), ("id", .int(user.numericID)), ("name", .string(user.name)),
                     ("email", .string(user.email)), ("avatar_url", .string("https://avatars.example/\(user.login)"))])
        case .gitlab:
            .object([("id", .int(user.numericID)), ("username", .string(user.login)), ("name", .string(user.name)),
                     ("email", .string(user.email)), ("avatar_url", .string("https://avatars.example/\(user.login)"))])
        case .atlassian:
            .object([("account_id", .string("5b10ac8d82e05b22cc7d\(user.numericID)")), ("nickname", .string(user.login)),
                     ("name", .string(user.name)), ("email", .string(user.email)),
                     ("picture", .string("https://avatars.example/\(user.login)"))])
        }
    }
}

/// The account a fake provider signs in (it approves every authorization as this user).
public struct FakeOAuthUser: Sendable, Equatable {
    public var login: String
    public var numericID: Int
    public var name: String
    public var email: String

    public init(login: String, numericID: Int, name: String, email: String) {
        self.login = login
        self.numericID = numericID
        self.name = name
        self.email = email
    }

    public static let standard = FakeOAuthUser(login: "octodemo", numericID: 4242, name: "Demo User", email: "demo@hyperpage.dev")
}

/// The OAuth client the fake knows: requests with another id or secret are refused.
public struct FakeOAuthClient: Sendable, Equatable {
    public var clientID: String
    public var clientSecret: String
    /// The only `redirect_uri` accepted (set it after the server under test has its port).
    public var redirectURI: String

    public init(clientID: String, clientSecret: String, redirectURI: String) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURI = redirectURI
    }
}
