extension HyperpageConfig {
    /// The `auth` section: OAuth sign-in providers, the session cookie and session lifetimes.
    ///
    /// ```yaml
    /// auth:
    ///   public_url: https://hyperpage.example.com   # where browsers reach us; callbacks are built from it
    ///   cookie_secure: true                          # false only for plain-HTTP local use
    ///   session_idle_timeout: 12h
    ///   session_absolute_timeout: 168h
    ///   providers:
    ///     github: { client_id: Iv1.abc, client_secret: "${GITHUB_CLIENT_SECRET}" }
    ///   admins: ["github:octocat", "gitlab:jdoe"]    # signed-in users who may use the admin fields
    /// ```
    /// A provider is offered when its `client_id` is set; its URLs default to the public service.
    public struct AuthSection: Sendable, Equatable {
        /// The external base URL of this server (no trailing slash); empty: `http://server.host:server.port`.
        public var publicURL = ""
        /// Whether cookies carry `Secure`.
        public var cookieSecure = true
        /// A session unused this long ends.
        public var sessionIdleTimeout: Duration = .seconds(12 * 3600)
        /// A session ends this long after sign-in, however active.
        public var sessionAbsoluteTimeout: Duration = .seconds(7 * 24 * 3600)
        public var github = OAuthProviderSection(.github)
        public var gitlab = OAuthProviderSection(.gitlab)
        public var atlassian = OAuthProviderSection(.atlassian)
        /// Admins besides the admin token: `provider:login` of users who connected that account
        /// (lowercased). Empty: only the admin token is an admin.
        public var admins: [String] = []
        public init() {}

        /// The configured providers (those with a client id).
        public var enabledProviders: [OAuthProviderSection] {
            [github, gitlab, atlassian].filter { !$0.clientID.isEmpty }
        }
    }

    /// One OAuth provider's client registration and endpoints.
    public struct OAuthProviderSection: Sendable, Equatable {
        public var provider: OAuthProviderName
        public var clientID = ""
        /// From the environment only (`${…}`).
        public var clientSecret = ""
        public var authorizeURL: String
        public var tokenURL: String
        /// The REST API root the profile (and GitHub's grant revocation) is read from.
        public var apiURL: String
        /// GitLab's token revocation endpoint; empty for GitHub (it revokes under `api_url`) and Atlassian (no revocation).
        public var revokeURL: String
        public var scopes: [String]

        public init(_ provider: OAuthProviderName) {
            self.provider = provider
            switch provider {
            case .github:
                authorizeURL = "https://github.com/login/oauth/authorize"
                tokenURL = "https://github.com/login/oauth/access_token"
                apiURL = "https://api.github.com"
                revokeURL = ""
                scopes = ["read:user", "user:email", "repo"]
            case .gitlab:
                authorizeURL = "https://gitlab.com/oauth/authorize"
                tokenURL = "https://gitlab.com/oauth/token"
                apiURL = "https://gitlab.com/api/v4"
                revokeURL = "https://gitlab.com/oauth/revoke"
                scopes = ["read_user", "read_api"]
            case .atlassian:
                authorizeURL = "https://auth.atlassian.com/authorize"
                tokenURL = "https://auth.atlassian.com/oauth/token"
                apiURL = "https://api.atlassian.com"
                revokeURL = ""
                scopes = ["read:me", "read:jira-work", "read:jira-user", "offline_access"]
            }
        }
    }
}

/// The OAuth providers users can sign in with (the `{provider}` of `/auth/{provider}/…`).
public enum OAuthProviderName: String, Sendable, CaseIterable, Equatable {
    case github, gitlab, atlassian
}
