/// The signed-in user's own credentials for a request, by tool. A tool given here is called with
/// the user's token instead of the service token from the configuration, and its answers are
/// cached under a scope of the user's account, so they are only ever served to that account.
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

    public var github: Credential?
    public var gitlab: Credential?

    public init(github: Credential? = nil, gitlab: Credential? = nil) {
        self.github = github
        self.gitlab = gitlab
    }

    public static let none = ToolCredentials()
    public var isEmpty: Bool { github == nil && gitlab == nil }
}
