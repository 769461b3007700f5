import Schema

/// The per-request state of tool resolvers: the request's deadline, the enabled tools'
/// connectors and one set of DataLoaders, so keys are deduplicated and batched within the
/// request and never shared between requests.
public final class RequestContext: Sendable {
    /// Upstream calls (retries included) never run past this instant.
    public let deadline: ContinuousClock.Instant
    /// The signed-in Hyperpage user making the request (nil: anonymous).
    public let viewerID: String?
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

    init(deadline: ContinuousClock.Instant, viewerID: String? = nil, github: GitHubConnector?, gitlab: GitLabConnector?,
         jira: JiraConnector?, observer: (any UpstreamObserver)?) {
        self.deadline = deadline
        self.viewerID = viewerID
        self.github = github
        self.gitlab = gitlab
        self.jira = jira
        githubReviews = github.map { connector in
            DataLoader(name: "github_reviews", tool: "github", maxBatchSize: 100, observer: observer) { keys async throws(UpstreamError) in
                try await connector.reviews(keys, deadline: deadline)
            }
        }
        gitlabProjects = gitlab.map { connector in
            DataLoader(name: "gitlab_projects", tool: "gitlab", maxBatchSize: 100, observer: observer) { keys async throws(UpstreamError) in
                try await connector.projects(keys, deadline: deadline)
            }
        }
        jiraProjects = jira.map { connector in
            DataLoader(name: "jira_projects", tool: "jira", maxBatchSize: 50, observer: observer) { keys async throws(UpstreamError) in
                try await connector.projects(keys, deadline: deadline)
            }
        }
        jiraChangelogs = jira.map { connector in
            DataLoader(name: "jira_changelogs", tool: "jira", maxBatchSize: 1000, observer: observer) { keys async throws(UpstreamError) in
                try await connector.changelogs(keys, deadline: deadline)
            }
        }
    }
}
