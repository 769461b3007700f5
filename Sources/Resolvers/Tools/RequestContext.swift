import Schema

/// The per-request state of tool resolvers: the request's deadline, the enabled tools'
/// connectors, one set of DataLoaders (the first cache level: keys deduplicated and batched
/// within the request, never shared between requests), and the recorder of stale answers that
/// becomes the response's `extensions.sources`.
///
/// Each loader's batch goes to the shared second level (`ToolCache.items`: one store lookup for
/// the batch, the misses in one upstream call, one write-back); its upstream calls bypass the
/// HTTP-level cache so nothing is cached twice.
public final class RequestContext: Sendable {
    /// Upstream calls (retries included) never run past this instant.
    public let deadline: ContinuousClock.Instant
    /// Tools whose data this request served stale (`extensions.sources`).
    public let sources = SourceStatusRecorder()
    /// The signed-in Hyperpage user making the request (nil: anonymous).
    public let viewerID: String?
    /// Whether the request is an admin's (the server's admin token, or a signed-in user listed
    /// in `auth.admins`); admin mutations check it.
    public let isAdmin: Bool
    /// Tools an admin override switched off when the request started: their connectors are
    /// absent, their fields null, and the response says so in `extensions.sources`.
    public let disabledTools: Set<String>
    /// Tools the caller must connect to see (`ToolEndpoints.userCredentialOnly`); they get no
    /// connector.
    public let unconnectedTools: Set<String>
    let github: GitHubConnector?
    let gitlab: GitLabConnector?
    let jira: JiraConnector?
    /// Reviews by pull request (`owner/name#number`): one request per distinct pull request.
    let githubReviews: DataLoader<String, [Value]>?
    /// Projects by id: one request per distinct project.
    let gitlabProjects: DataLoader<String, Value>?
    /// Projects by key: one `project/search` request per batch of up to 50 keys.
    let jiraProjects: DataLoader<String, Value>?
    /// Change histories by issue id: one `changelog/bulkfetch` request per batch of up to 1000.
    let jiraChangelogs: DataLoader<String, [Value]>?

    init(deadline: ContinuousClock.Instant, viewerID: String? = nil, isAdmin: Bool = false, disabledTools: Set<String> = [],
         unconnectedTools: Set<String> = [],
         github: GitHubConnector?, gitlab: GitLabConnector?, jira: JiraConnector?, observer: (any UpstreamObserver)?) {
        self.deadline = deadline
        self.viewerID = viewerID
        self.isAdmin = isAdmin
        self.disabledTools = disabledTools
        self.unconnectedTools = unconnectedTools
        self.github = github
        self.gitlab = gitlab
        self.jira = jira
        githubReviews = github.map { connector in
            DataLoader(name: "github_reviews", tool: "github", maxBatchSize: 100, observer: observer) { keys async throws(UpstreamError) in
                let items = try await connector.http.cache.items(.githubReviews, ids: keys, deadline: deadline) { missing async throws in
                    try await connector.reviews(missing, deadline: deadline).mapValues(Value.list)
                }
                return items.mapValues(\.listItems)
            }
        }
        gitlabProjects = gitlab.map { connector in
            DataLoader(name: "gitlab_projects", tool: "gitlab", maxBatchSize: 100, observer: observer) { keys async throws(UpstreamError) in
                try await connector.http.cache.items(.gitlabProjects, ids: keys, deadline: deadline) { missing async throws in
                    try await connector.projects(missing, deadline: deadline)
                }
            }
        }
        jiraProjects = jira.map { connector in
            DataLoader(name: "jira_projects", tool: "jira", maxBatchSize: 50, observer: observer) { keys async throws(UpstreamError) in
                try await connector.http.cache.items(.jiraProjects, ids: keys, deadline: deadline) { missing async throws in
                    try await connector.projects(missing, deadline: deadline)
                }
            }
        }
        jiraChangelogs = jira.map { connector in
            DataLoader(name: "jira_changelogs", tool: "jira", maxBatchSize: 1000, observer: observer) { keys async throws(UpstreamError) in
                let items = try await connector.http.cache.items(.jiraChangelogs, ids: keys, deadline: deadline) { missing async throws in
                    try await connector.changelogs(missing, deadline: deadline).mapValues(Value.list)
                }
                return items.mapValues(\.listItems)
            }
        }
    }
}

extension Value {
    /// The items of a list (empty for anything else).
    fileprivate var listItems: [Value] {
        if case .list(let items) = self { return items }
        return []
    }
}
