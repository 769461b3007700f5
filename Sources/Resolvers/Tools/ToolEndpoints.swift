/// Which tools a server talks to and how to reach them: what the connectors need from the
/// configuration, without depending on the server's config types.
public struct ToolEndpoints: Sendable, Equatable {
    public var github: GitHubEndpoint?
    public var gitlab: GitLabEndpoint?
    public var jira: JiraEndpoint?
    public var codeReviews: Bool
    public var ciCd: Bool
    public var ticketing: Bool
    /// Tools whose data is shown only to signed-in users who connected them: callers without a
    /// connection (anonymous ones included) get `TOOL_NOT_CONNECTED` instead of answers made
    /// with the service credential (`tools.<tool>.service_token_fallback: false`).
    public var userCredentialOnly: Set<String>

    public init(github: GitHubEndpoint? = nil, gitlab: GitLabEndpoint? = nil, jira: JiraEndpoint? = nil,
                codeReviews: Bool = false, ciCd: Bool = false, ticketing: Bool = false, userCredentialOnly: Set<String> = []) {
        self.github = github
        self.gitlab = gitlab
        self.jira = jira
        self.codeReviews = codeReviews
        self.ciCd = ciCd
        self.ticketing = ticketing
        self.userCredentialOnly = userCredentialOnly
    }

    /// Cross-tool views are served when switched on and at least one tool feeding them is.
    public var servesCodeReviews: Bool { codeReviews && (github != nil || gitlab != nil) }
    public var servesCIcd: Bool { ciCd && (github != nil || gitlab != nil) }
    public var servesTicketing: Bool { ticketing && (github != nil || gitlab != nil || jira != nil) }

    /// The SDL files (in the schema folder) that make up the served schema, in load order:
    /// `core.graphql` always, then one file per enabled tool or view.
    public var schemaFileNames: [String] {
        var names = ["core.graphql"]
        if github != nil { names.append("github.graphql") }
        if gitlab != nil { names.append("gitlab.graphql") }
        if jira != nil { names.append("jira.graphql") }
        if servesCodeReviews { names.append("code_reviews.graphql") }
        if servesCIcd { names.append("ci_cd.graphql") }
        if servesTicketing { names.append("ticketing.graphql") }
        return names
    }
}

public struct GitHubEndpoint: Sendable, Equatable {
    /// REST API root, e.g. `https://api.github.com` (no trailing slash).
    public var apiURL: String
    public var token: String
    public var repositories: [String]
    public init(apiURL: String, token: String, repositories: [String] = []) {
        self.apiURL = apiURL
        self.token = token
        self.repositories = repositories
    }
}

public struct GitLabEndpoint: Sendable, Equatable {
    /// REST API root, e.g. `https://gitlab.com/api/v4` (no trailing slash).
    public var apiURL: String
    public var token: String
    public var projects: [String]
    public init(apiURL: String, token: String, projects: [String] = []) {
        self.apiURL = apiURL
        self.token = token
        self.projects = projects
    }
}

public struct JiraEndpoint: Sendable, Equatable {
    /// Site root, e.g. `https://acme.atlassian.net`; REST paths are `/rest/api/3/…` under it.
    public var webURL: String
    public var email: String
    public var token: String
    public var defaultJQL: String
    public init(webURL: String, email: String, token: String, defaultJQL: String = "assignee = currentUser() ORDER BY updated DESC") {
        self.webURL = webURL
        self.email = email
        self.token = token
        self.defaultJQL = defaultJQL
    }
}
