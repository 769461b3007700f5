/// The credentials the fakes accept. Anything else (or nothing) gets a 401 in the tool's own
/// error shape, so connectors can be tested against wrong tokens.
public enum FakeCredentials {
    /// GitHub personal access token; sent as `Authorization: Bearer <t>` or `token <t>`.
    public static let githubToken = "ghp_hyperpage_demo"
    /// A second GitHub token the fake accepts (same data), for tests of per-credential caching.
    public static let githubSecondToken = "ghp_hyperpage_second"
    /// GitLab personal access token; sent as `PRIVATE-TOKEN: <t>` or `Authorization: Bearer <t>`.
    public static let gitlabToken = "glpat-hyperpage-demo"
    /// Jira Cloud account e-mail and API token, sent as HTTP Basic `email:token`.
    public static let jiraEmail = "demo@hyperpage.dev"
    public static let jiraToken = "jira-hyperpage-demo"
}
