import Foundation

/// GitHub's side of the sample: one viewer, their repositories, pull requests, issues, reviews
/// and Actions runs. Web links (`htmlURL`) are stored; API links are derived from the server's
/// address when a response is written.
public struct GitHubDataset: Sendable {
    /// The token's owner (`GET /user`).
    public var viewer: GitHubUser
    /// Everyone who appears in the sample, the viewer included.
    public var users: [GitHubUser]
    public var repositories: [GitHubRepository]
    /// Pull requests and issues together, as GitHub's issue search sees them.
    public var issues: [GitHubIssue]
    public var reviews: [GitHubReview]
    public var workflowRuns: [GitHubWorkflowRun]

    public init(viewer: GitHubUser, users: [GitHubUser], repositories: [GitHubRepository], issues: [GitHubIssue],
                reviews: [GitHubReview], workflowRuns: [GitHubWorkflowRun]) {
        self.viewer = viewer
        self.users = users
        self.repositories = repositories
        self.issues = issues
        self.reviews = reviews
        self.workflowRuns = workflowRuns
    }

    public var pullRequests: [GitHubIssue] { issues.filter(\.isPullRequest) }
    public var plainIssues: [GitHubIssue] { issues.filter { !$0.isPullRequest } }

    public func user(_ login: String) -> GitHubUser? { users.first { $0.login == login } }
    public func repository(_ fullName: String) -> GitHubRepository? {
        repositories.first { $0.fullName.lowercased() == fullName.lowercased() }
    }

    /// Reviews of one pull request, oldest first (the API's order).
    public func reviews(repository: String, number: Int) -> [GitHubReview] {
        reviews.filter { $0.repository == repository && $0.pullNumber == number }.sorted { $0.submittedAt < $1.submittedAt }
    }

    /// Whether search's `involves:LOGIN` matches: author, assignee, requested reviewer,
    /// reviewer, or mentioned.
    public func involves(_ issue: GitHubIssue, login: String) -> Bool {
        let l = login.lowercased()
        if issue.author.lowercased() == l { return true }
        if (issue.assignees + issue.requestedReviewers + issue.mentions).contains(where: { $0.lowercased() == l }) { return true }
        if issue.isPullRequest {
            return reviews.contains { $0.repository == issue.repository && $0.pullNumber == issue.number && $0.reviewer.lowercased() == l }
        }
        return false
    }
}

public struct GitHubUser: Sendable, Equatable {
    public var id: Int
    public var login: String
    public var name: String
    public init(id: Int, login: String, name: String) {
        self.id = id
        self.login = login
        self.name = name
    }
    public var htmlURL: String { "https://github.com/\(login)" }
    public var avatarURL: String { "https://avatars.githubusercontent.com/u/\(id)?v=4" }
}

public struct GitHubRepository: Sendable, Equatable {
    public var id: Int
    public var owner: String
    public var name: String
    public var description: String
    public var isPrivate: Bool
    public var defaultBranch: String
    public var language: String
    public var createdAt: Date
    public var updatedAt: Date
    public var pushedAt: Date
    public init(id: Int, owner: String, name: String, description: String, isPrivate: Bool, defaultBranch: String,
                language: String, createdAt: Date, updatedAt: Date, pushedAt: Date) {
        self.id = id
        self.owner = owner
        self.name = name
        self.description = description
        self.isPrivate = isPrivate
        self.defaultBranch = defaultBranch
        self.language = language
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.pushedAt = pushedAt
    }
    /// `owner/name`.
    public var fullName: String { "\(owner)/\(name)" }
    public var htmlURL: String { "https://github.com/\(fullName)" }
}

/// An issue or a pull request (GitHub numbers both in one sequence per repository).
public struct GitHubIssue: Sendable, Equatable {
    public var id: Int
    /// Repository full name, `owner/name`.
    public var repository: String
    public var number: Int
    public var title: String
    public var body: String
    /// `open` or `closed`.
    public var state: String
    public var isPullRequest: Bool
    public var isDraft: Bool
    /// Author login.
    public var author: String
    public var assignees: [String]
    /// Pull requests: logins asked to review.
    public var requestedReviewers: [String]
    /// Logins mentioned in the body or comments (counts for `involves:`).
    public var mentions: [String]
    public var labels: [String]
    public var comments: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var closedAt: Date?
    /// Pull requests: when merged (closed pull requests without it were closed unmerged).
    public var mergedAt: Date?
    /// Pull requests: source branch.
    public var headBranch: String?

    public init(id: Int, repository: String, number: Int, title: String, body: String, state: String, isPullRequest: Bool,
                isDraft: Bool, author: String, assignees: [String], requestedReviewers: [String], mentions: [String],
                labels: [String], comments: Int, createdAt: Date, updatedAt: Date, closedAt: Date?, mergedAt: Date?, headBranch: String?) {
        self.id = id
        self.repository = repository
        self.number = number
        self.title = title
        self.body = body
        self.state = state
        self.isPullRequest = isPullRequest
        self.isDraft = isDraft
        self.author = author
        self.assignees = assignees
        self.requestedReviewers = requestedReviewers
        self.mentions = mentions
        self.labels = labels
        self.comments = comments
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.closedAt = closedAt
        self.mergedAt = mergedAt
        self.headBranch = headBranch
    }

    public var htmlURL: String { "https://github.com/\(repository)/\(isPullRequest ? "pull" : "issues")/\(number)" }
    public var isMerged: Bool { mergedAt != nil }
}

public struct GitHubReview: Sendable, Equatable {
    public var id: Int
    public var repository: String
    public var pullNumber: Int
    /// Reviewer login.
    public var reviewer: String
    /// `APPROVED`, `CHANGES_REQUESTED` or `COMMENTED`.
    public var state: String
    public var body: String
    public var submittedAt: Date
    public var commitID: String
    public init(id: Int, repository: String, pullNumber: Int, reviewer: String, state: String, body: String, submittedAt: Date, commitID: String) {
        self.id = id
        self.repository = repository
        self.pullNumber = pullNumber
        self.reviewer = reviewer
        self.state = state
        self.body = body
        self.submittedAt = submittedAt
        self.commitID = commitID
    }
    public var htmlURL: String { "https://github.com/\(repository)/pull/\(pullNumber)#pullrequestreview-\(id)" }
}

public struct GitHubWorkflowRun: Sendable, Equatable {
    public var id: Int
    public var repository: String
    /// Workflow name (`CI`, `Deploy`, …).
    public var name: String
    public var workflowID: Int
    public var path: String
    public var displayTitle: String
    public var runNumber: Int
    public var event: String
    public var headBranch: String
    public var headSHA: String
    /// `queued`, `in_progress` or `completed`.
    public var status: String
    /// Set when completed: `success`, `failure`, `cancelled`, `skipped`, …
    public var conclusion: String?
    public var actor: String
    public var createdAt: Date
    public var updatedAt: Date
    public var runStartedAt: Date
    public init(id: Int, repository: String, name: String, workflowID: Int, path: String, displayTitle: String, runNumber: Int,
                event: String, headBranch: String, headSHA: String, status: String, conclusion: String?, actor: String,
                createdAt: Date, updatedAt: Date, runStartedAt: Date) {
        self.id = id
        self.repository = repository
        self.name = name
        self.workflowID = workflowID
        self.path = path
        self.displayTitle = displayTitle
        self.runNumber = runNumber
        self.event = event
        self.headBranch = headBranch
        self.headSHA = headSHA
        self.status = status
        self.conclusion = conclusion
        self.actor = actor
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.runStartedAt = runStartedAt
    }
    public var htmlURL: String { "https://github.com/\(repository)/actions/runs/\(id)" }
}
