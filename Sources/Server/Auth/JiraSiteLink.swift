import Foundation

/// Which Jira Cloud site an Atlassian connection's token is used on. An Atlassian OAuth 2.0
/// (3LO) token only reaches Jira through `https://api.atlassian.com/ex/jira/{cloud id}/…`; the
/// cloud id comes from `GET /oauth/token/accessible-resources`, looked up at connect and again at
/// each token refresh (see `AuthService+JiraSite.swift`).
public enum JiraSiteLink: Sendable, Equatable {
    /// Jira queries of this user go to this site with the user's token.
    case site(cloudID: String, url: String)
    /// Jira queries of this user use the configuration's service credential, because of `problem`.
    case unavailable(JiraSiteProblem)

    public var cloudID: String? { if case .site(let id, _) = self { id } else { nil } }
    public var url: String? { if case .site(_, let url) = self { url } else { nil } }
    public var problem: JiraSiteProblem? { if case .unavailable(let p) = self { p } else { nil } }
}

/// Why an Atlassian connection is not used for Jira. The raw values are stored
/// (`tool_connections.jira_site_problem`).
public enum JiraSiteProblem: String, Sendable, CaseIterable {
    /// The token reaches no Jira site, or several and none of them is `tools.jira.web_url`.
    case noMatchingSite = "no_matching_site"
    /// Atlassian did not answer `accessible-resources` (tried again at the next token refresh).
    case lookupFailed = "lookup_failed"
    /// The Jira tool is not enabled on this server.
    case jiraNotEnabled = "jira_not_enabled"

    /// What `viewer.connections[].unavailableReason` says. `configuredSite` is
    /// `tools.jira.web_url` (not a secret).
    public func reason(configuredSite: String?) -> String {
        switch self {
        case .noMatchingSite:
            let site = configuredSite.map { " (\($0))" } ?? ""
            return "This Atlassian account did not grant access to the configured Jira site\(site); Jira queries use the "
                + "server's service credential. Connect Atlassian again and choose that site."
        case .lookupFailed:
            return "Atlassian did not list the Jira sites this account can reach; Jira queries use the server's service "
                + "credential until the next token refresh finds the site."
        case .jiraNotEnabled:
            return "The Jira tool is not enabled on this server."
        }
    }
}

/// One entry of Atlassian's `GET /oauth/token/accessible-resources`: a site the token may call.
struct AtlassianResource: Sendable, Equatable {
    /// The cloud id.
    var id: String
    /// The site's URL, e.g. `https://acme.atlassian.net`.
    var url: String
    var name: String
    /// The scopes granted on that site (Jira's contain `jira`; a Confluence site's do not).
    var scopes: [String]

    /// The site Jira queries use: the one whose URL is `configuredSite` (scheme and host compared
    /// case-insensitively, trailing slashes ignored), else the only Jira site the token reaches.
    /// Resources whose scopes name no Jira scope (Confluence sites) are not candidates.
    static func choose(_ resources: [AtlassianResource], configuredSite: String) -> JiraSiteLink {
        let jira = resources.filter { r in r.scopes.isEmpty || r.scopes.contains { $0.contains("jira") } }
        let wanted = normalized(configuredSite)
        if let match = jira.first(where: { normalized($0.url) == wanted }) {
            return .site(cloudID: match.id, url: trimmed(match.url))
        }
        if jira.count == 1, let only = jira.first { return .site(cloudID: only.id, url: trimmed(only.url)) }
        return .unavailable(.noMatchingSite)
    }

    static func trimmed(_ url: String) -> String {
        var url = Substring(url)
        while url.hasSuffix("/") { url = url.dropLast() }
        return String(url)
    }

    static func normalized(_ url: String) -> String { trimmed(url).lowercased() }
}
