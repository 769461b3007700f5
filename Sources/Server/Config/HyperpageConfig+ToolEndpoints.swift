import Resolvers

extension HyperpageConfig {
    /// What the tool connectors need: the enabled tools with their URLs (trailing slashes
    /// trimmed) and credentials, and which cross-tool views are switched on.
    public var toolEndpoints: ToolEndpoints {
        ToolEndpoints(
            github: tools.github.enabled
                ? GitHubEndpoint(apiURL: Self.trimmingTrailingSlashes(tools.github.apiURL), token: tools.github.token,
                                 repositories: tools.github.repositories)
                : nil,
            gitlab: tools.gitlab.enabled
                ? GitLabEndpoint(apiURL: Self.trimmingTrailingSlashes(tools.gitlab.apiURL), token: tools.gitlab.token,
                                 projects: tools.gitlab.projects)
                : nil,
            jira: tools.jira.enabled
                ? JiraEndpoint(webURL: Self.trimmingTrailingSlashes(tools.jira.webURL), email: tools.jira.email,
                               token: tools.jira.token, defaultJQL: tools.jira.defaultJQL)
                : nil,
            codeReviews: tools.codeReviews.enabled,
            ciCd: tools.ciCd.enabled,
            ticketing: tools.ticketing.enabled,
            userCredentialOnly: Set([
                tools.github.serviceTokenFallback ? nil : "github",
                tools.gitlab.serviceTokenFallback ? nil : "gitlab",
                tools.jira.serviceTokenFallback ? nil : "jira",
            ].compactMap { $0 }))
    }

    static func trimmingTrailingSlashes(_ url: String) -> String {
        var url = Substring(url)
        while url.hasSuffix("/") { url = url.dropLast() }
        return String(url)
    }
}
