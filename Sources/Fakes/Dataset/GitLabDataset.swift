import Foundation

/// GitLab's side of the sample: one viewer, their projects, merge requests, pipelines and issues.
public struct GitLabDataset: Sendable {
    public var viewer: GitLabUser
    /// Everyone who appears in the sample, the viewer included.
    public var users: [GitLabUser]
    public var projects: [GitLabProject]
    public var mergeRequests: [GitLabMergeRequest]
    public var pipelines: [GitLabPipeline]
    public var issues: [GitLabIssue]

    public init(viewer: GitLabUser, users: [GitLabUser], projects: [GitLabProject], mergeRequests: [GitLabMergeRequest],
                pipelines: [GitLabPipeline], issues: [GitLabIssue]) {
        self.viewer = viewer
        self.users = users
        self.projects = projects
        self.mergeRequests = mergeRequests
        self.pipelines = pipelines
        self.issues = issues
    }

    public func user(_ username: String) -> GitLabUser? { users.first { $0.username == username } }
    public func project(id: Int) -> GitLabProject? { projects.first { $0.id == id } }
    /// By numeric id or `namespace/path` (already percent-decoded).
    public func project(idOrPath: String) -> GitLabProject? {
        if let id = Int(idOrPath) { return project(id: id) }
        return projects.first { $0.pathWithNamespace.lowercased() == idOrPath.lowercased() }
    }
}

public struct GitLabUser: Sendable, Equatable {
    public var id: Int
    public var username: String
    public var name: String
    public init(id: Int, username: String, name: String) {
        self.id = id
        self.username = username
        self.name = name
    }
    public var webURL: String { "https://gitlab.com/\(username)" }
    public var avatarURL: String { "https://gitlab.com/uploads/-/system/user/avatar/\(id)/avatar.png" }
}

public struct GitLabProject: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var path: String
    public var namespaceID: Int
    /// Group path, e.g. `hyperpage-demo`.
    public var namespace: String
    public var description: String
    public var defaultBranch: String
    public var createdAt: Date
    public var lastActivityAt: Date
    public init(id: Int, name: String, path: String, namespaceID: Int, namespace: String, description: String,
                defaultBranch: String, createdAt: Date, lastActivityAt: Date) {
        self.id = id
        self.name = name
        self.path = path
        self.namespaceID = namespaceID
        self.namespace = namespace
        self.description = description
        self.defaultBranch = defaultBranch
        self.createdAt = createdAt
        self.lastActivityAt = lastActivityAt
    }
    public var pathWithNamespace: String { "\(namespace)/\(path)" }
    public var webURL: String { "https://gitlab.com/\(pathWithNamespace)" }
}

public struct GitLabMergeRequest: Sendable, Equatable {
    public var id: Int
    public var iid: Int
    public var projectID: Int
    public var title: String
    public var description: String
    /// `opened`, `closed` or `merged`.
    public var state: String
    public var draft: Bool
    /// Usernames.
    public var author: String
    public var assignees: [String]
    public var reviewers: [String]
    public var sourceBranch: String
    public var targetBranch: String
    public var labels: [String]
    public var userNotesCount: Int
    public var sha: String
    public var createdAt: Date
    public var updatedAt: Date
    public var mergedAt: Date?
    public var closedAt: Date?
    /// Filled in by the dataset builder from the project's path.
    public var webURL: String
    public init(id: Int, iid: Int, projectID: Int, title: String, description: String, state: String, draft: Bool, author: String,
                assignees: [String], reviewers: [String], sourceBranch: String, targetBranch: String, labels: [String],
                userNotesCount: Int, sha: String, createdAt: Date, updatedAt: Date, mergedAt: Date?, closedAt: Date?, webURL: String) {
        self.id = id
        self.iid = iid
        self.projectID = projectID
        self.title = title
        self.description = description
        self.state = state
        self.draft = draft
        self.author = author
        self.assignees = assignees
        self.reviewers = reviewers
        self.sourceBranch = sourceBranch
        self.targetBranch = targetBranch
        self.labels = labels
        self.userNotesCount = userNotesCount
        self.sha = sha
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.mergedAt = mergedAt
        self.closedAt = closedAt
        self.webURL = webURL
    }
}

public struct GitLabPipeline: Sendable, Equatable {
    public var id: Int
    public var iid: Int
    public var projectID: Int
    /// `created`, `pending`, `running`, `success`, `failed`, `canceled`, `skipped`, `manual`, …
    public var status: String
    public var ref: String
    public var sha: String
    /// `push`, `merge_request_event`, `schedule`, `web`, …
    public var source: String
    public var createdAt: Date
    public var updatedAt: Date
    public var webURL: String
    public init(id: Int, iid: Int, projectID: Int, status: String, ref: String, sha: String, source: String,
                createdAt: Date, updatedAt: Date, webURL: String) {
        self.id = id
        self.iid = iid
        self.projectID = projectID
        self.status = status
        self.ref = ref
        self.sha = sha
        self.source = source
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.webURL = webURL
    }
}

public struct GitLabIssue: Sendable, Equatable {
    public var id: Int
    public var iid: Int
    public var projectID: Int
    public var title: String
    public var description: String
    /// `opened` or `closed`.
    public var state: String
    public var author: String
    public var assignees: [String]
    public var labels: [String]
    public var userNotesCount: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var closedAt: Date?
    public var webURL: String
    public init(id: Int, iid: Int, projectID: Int, title: String, description: String, state: String, author: String,
                assignees: [String], labels: [String], userNotesCount: Int, createdAt: Date, updatedAt: Date, closedAt: Date?, webURL: String) {
        self.id = id
        self.iid = iid
        self.projectID = projectID
        self.title = title
        self.description = description
        self.state = state
        self.author = author
        self.assignees = assignees
        self.labels = labels
        self.userNotesCount = userNotesCount
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.closedAt = closedAt
        self.webURL = webURL
    }
}
