import Foundation

/// A person signed in to Hyperpage. Created at their first sign-in with any provider; later
/// sign-ins with another provider while signed in connect that provider to the same user.
public struct AuthUser: Sendable, Equatable {
    /// Random, opaque (base64url of 128 random bits).
    public var id: String
    public var name: String
    public var email: String?
    public var avatarURL: String?
    public var preferences: UserPreferences
    public var createdAt: Date

    public init(id: String, name: String, email: String?, avatarURL: String?, preferences: UserPreferences = UserPreferences(),
                createdAt: Date) {
        self.id = id
        self.name = name
        self.email = email
        self.avatarURL = avatarURL
        self.preferences = preferences
        self.createdAt = createdAt
    }
}

/// What a user chose for their dashboard.
public struct UserPreferences: Sendable, Equatable {
    public enum Theme: String, Sendable, CaseIterable { case system = "SYSTEM", light = "LIGHT", dark = "DARK" }
    public var theme: Theme = .system
    /// How often the dashboard refreshes itself; 15...3600.
    public var refreshIntervalSeconds = 60
    /// Widget identifiers in display order.
    public var dashboardLayout: [String] = []
    public init() {}

    public static let refreshIntervalRange = 15...3600
    public static let maxLayoutEntries = 50
}

/// The account a provider said the user is (`GET /user`, `GET /me`).
public struct ProviderProfile: Sendable, Equatable {
    public var provider: OAuthProviderName
    /// The provider's stable id of the account (GitHub/GitLab numeric id, Atlassian account id).
    public var accountID: String
    public var login: String
    public var name: String
    public var email: String?
    public var avatarURL: String?
}

/// A user's connection to a provider: who they are there and their tokens, sealed.
public struct ToolConnection: Sendable, Equatable {
    public var userID: String
    public var provider: OAuthProviderName
    public var accountID: String
    public var login: String
    public var accessToken: SealedToken
    public var refreshToken: SealedToken?
    /// When the access token expires (nil: it does not, e.g. GitHub OAuth apps).
    public var expiresAt: Date?
    public var scopes: [String]
    public var connectedAt: Date
    public var updatedAt: Date
    /// Atlassian only: the Jira site the token is used on, or why none is (nil: not looked up,
    /// and always nil for GitHub and GitLab).
    public var jiraSite: JiraSiteLink?

    public init(userID: String, provider: OAuthProviderName, accountID: String, login: String, accessToken: SealedToken,
                refreshToken: SealedToken?, expiresAt: Date?, scopes: [String], connectedAt: Date, updatedAt: Date,
                jiraSite: JiraSiteLink? = nil) {
        self.userID = userID
        self.provider = provider
        self.accountID = accountID
        self.login = login
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.scopes = scopes
        self.connectedAt = connectedAt
        self.updatedAt = updatedAt
        self.jiraSite = jiraSite
    }
}

/// A signed-in browser. The store is keyed by the SHA-256 of the cookie's session id, so a
/// leaked store does not hand out live cookies.
public struct AuthSession: Sendable, Equatable {
    /// Hex SHA-256 of the session id.
    public var key: String
    public var userID: String
    public var createdAt: Date
    public var lastSeenAt: Date

    public init(key: String, userID: String, createdAt: Date, lastSeenAt: Date) {
        self.key = key
        self.userID = userID
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }
}

/// A sign-in in progress between `/login` and `/callback`, keyed by the SHA-256 of its `state`.
public struct PendingLogin: Sendable, Equatable {
    /// Hex SHA-256 of the `state` parameter.
    public var stateHash: String
    /// SHA-256 of the browser nonce in the `hp_oauth` cookie.
    public var browserHash: [UInt8]
    public var provider: OAuthProviderName
    /// The PKCE verifier; only its S256 challenge went to the provider.
    public var codeVerifier: String
    /// The user signed in when the login started (the new provider is connected to them).
    public var linkToUserID: String?
    public var expiresAt: Date

    public init(stateHash: String, browserHash: [UInt8], provider: OAuthProviderName, codeVerifier: String,
                linkToUserID: String?, expiresAt: Date) {
        self.stateHash = stateHash
        self.browserHash = browserHash
        self.provider = provider
        self.codeVerifier = codeVerifier
        self.linkToUserID = linkToUserID
        self.expiresAt = expiresAt
    }
}
