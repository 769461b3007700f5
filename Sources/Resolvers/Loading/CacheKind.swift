/// One kind of upstream resource a tool's answers are cached as: the `<kind>` of a cache key and
/// the unit TTLs are configured by (`cache.ttl.<tool>.<kind>`).
public struct CacheKind: Hashable, Sendable {
    public let tool: String
    public let name: String
    /// The TTL when the configuration names none; nil: `cache.default_ttl`.
    public let builtInTTL: Duration?

    init(_ tool: String, _ name: String, _ builtInTTL: Duration? = nil) {
        self.tool = tool
        self.name = name
        self.builtInTTL = builtInTTL
    }

    // GitHub
    /// `GET /user`: who the token belongs to; changes rarely.
    static let githubUser = CacheKind("github", "user", .seconds(3600))
    /// `GET /search/issues`: pull requests and issues; the search quota is 30 a minute.
    static let githubSearch = CacheKind("github", "search", .seconds(30))
    /// `GET /user/repos`: the repositories whose runs are listed when none are configured.
    static let githubRepos = CacheKind("github", "repos", .seconds(600))
    /// `GET /repos/{repo}/actions/runs`: runs change state quickly.
    static let githubWorkflowRuns = CacheKind("github", "workflow_runs", .seconds(30))
    /// Reviews of one pull request (DataLoader items).
    static let githubReviews = CacheKind("github", "reviews", .seconds(300))

    // GitLab
    static let gitlabUser = CacheKind("gitlab", "user", .seconds(3600))
    /// `GET /merge_requests`.
    static let gitlabMergeRequests = CacheKind("gitlab", "merge_requests")
    /// `GET /issues`.
    static let gitlabIssues = CacheKind("gitlab", "issues")
    /// `GET /projects?membership=true`: the projects whose pipelines are listed by default.
    static let gitlabProjectList = CacheKind("gitlab", "project_list", .seconds(600))
    /// `GET /projects/{id}/pipelines`.
    static let gitlabPipelines = CacheKind("gitlab", "pipelines", .seconds(30))
    /// One project by id (DataLoader items).
    static let gitlabProjects = CacheKind("gitlab", "projects", .seconds(600))

    // Jira
    static let jiraUser = CacheKind("jira", "user", .seconds(3600))
    /// `POST /rest/api/3/search/jql` (a read): issues and counts by JQL, keyed by the body's hash.
    static let jiraSearch = CacheKind("jira", "search", .seconds(30))
    /// One project by key (DataLoader items).
    static let jiraProjects = CacheKind("jira", "projects", .seconds(3600))
    /// The change history of one issue (DataLoader items).
    static let jiraChangelogs = CacheKind("jira", "changelogs")

    /// The rate-limit bucket a request of this kind spends: GitHub's searches use the `search`
    /// bucket, everything else the tool's `core` one.
    public var quotaBucket: String {
        self == Self.githubSearch ? "search" : RateLimitObservation.coreBucket
    }

    /// Every kind, by tool; what `cache.ttl` accepts.
    public static let all: [CacheKind] = [
        githubUser, githubSearch, githubRepos, githubWorkflowRuns, githubReviews,
        gitlabUser, gitlabMergeRequests, gitlabIssues, gitlabProjectList, gitlabPipelines, gitlabProjects,
        jiraUser, jiraSearch, jiraProjects, jiraChangelogs,
    ]

    /// The tools that have kinds, in order.
    public static let tools = ["github", "gitlab", "jira"]

    /// The kind names of `tool`.
    public static func names(of tool: String) -> [String] {
        all.filter { $0.tool == tool }.map(\.name)
    }
}
