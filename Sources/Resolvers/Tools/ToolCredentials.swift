/// The signed-in user's own credentials for a request, by tool. A tool given here is called with
/// the user's token instead of the service credential from the configuration, and its answers
/// are cached under a scope of the user's account, so they are only ever served to that account.
public struct ToolCredentials: Sendable, Hashable {
    /// One user's access to a tool.
    public struct Credential: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
        /// The OAuth access token, sent as `Authorization: Bearer`.
        public var token: String
        /// What the cache scope is derived from (never the token, which changes at each refresh):
        /// e.g. the provider and the account id at the provider.
        public var account: String

        public init(token: String, account: String) {
            self.token = token
            self.account = account
        }

        /// Never the token: safe in logs and `dump`s.
        public var description: String { "Credential(account: \(account))" }
        public var debugDescription: String { description }
    }

    /// A user's access to one Jira Cloud site with an Atlassian OAuth 2.0 (3LO) token. Such a
    /// token cannot call the site's own URL: requests go through Atlassian's API gateway,
    /// `{gatewayURL}/ex/jira/{cloudID}/rest/api/3/…`.
    public struct JiraCredential: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
        public var credential: Credential
        /// The gateway's root, e.g. `https://api.atlassian.com` (no trailing slash).
        public var gatewayURL: String
        /// The site's cloud id (`id` in `/oauth/token/accessible-resources`).
        public var cloudID: String
        /// The site's own URL, e.g. `https://acme.atlassian.net`: issue links point there.
        public var siteURL: String

        public init(credential: Credential, gatewayURL: String, cloudID: String, siteURL: String) {
            self.credential = credential
            self.gatewayURL = gatewayURL
            self.cloudID = cloudID
            self.siteURL = siteURL
        }

        /// The root the connector's `/rest/api/3/…` paths are appended to.
        public var apiRoot: String { gatewayURL + "/ex/jira/" + pathSegment(cloudID) }

        /// Never the token.
        public var description: String { "JiraCredential(account: \(credential.account), cloudID: \(cloudID))" }
        public var debugDescription: String { description }
    }

    public var github: Credential?
    public var gitlab: Credential?
    public var jira: JiraCredential?

    public init(github: Credential? = nil, gitlab: Credential? = nil, jira: JiraCredential? = nil) {
        self.github = github
        self.gitlab = gitlab
        self.jira = jira
    }

    public static let none = ToolCredentials()
    public var isEmpty: Bool { github == nil && gitlab == nil && jira == nil }
}
