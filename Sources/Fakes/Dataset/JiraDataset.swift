import Foundation

/// Jira Cloud's side of the sample: one viewer, projects, issues and each issue's changelog.
public struct JiraDataset: Sendable {
    public var viewer: JiraUser
    /// Everyone who appears in the sample, the viewer included.
    public var users: [JiraUser]
    public var projects: [JiraProject]
    public var issues: [JiraIssue]
    /// Change histories of all issues, oldest first within an issue.
    public var changes: [JiraChange]

    public init(viewer: JiraUser, users: [JiraUser], projects: [JiraProject], issues: [JiraIssue], changes: [JiraChange]) {
        self.viewer = viewer
        self.users = users
        self.projects = projects
        self.issues = issues
        self.changes = changes
    }

    public func user(accountID: String) -> JiraUser? { users.first { $0.accountID == accountID } }
    public func project(key: String) -> JiraProject? { projects.first { $0.key.uppercased() == key.uppercased() } }
    /// By id (`"10042"`) or key (`"WEB-7"`).
    public func issue(idOrKey: String) -> JiraIssue? {
        issues.first { $0.id == idOrKey || $0.key.uppercased() == idOrKey.uppercased() }
    }
    /// One issue's change histories, oldest first.
    public func changes(issueID: String) -> [JiraChange] {
        changes.filter { $0.issueID == issueID }.sorted { ($0.created, $0.id) < ($1.created, $1.id) }
    }
}

public struct JiraUser: Sendable, Equatable {
    public var accountID: String
    public var displayName: String
    public var email: String
    public init(accountID: String, displayName: String, email: String) {
        self.accountID = accountID
        self.displayName = displayName
        self.email = email
    }
    /// Jira's initials avatar, 48 px.
    public var avatarURL48: String {
        let initials = displayName.split(separator: " ").compactMap(\.first).map(String.init).joined()
        return "https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/initials/\(initials)-1.png"
    }
}

public struct JiraProject: Sendable, Equatable {
    public var id: String
    public var key: String
    public var name: String
    public init(id: String, key: String, name: String) {
        self.id = id
        self.key = key
        self.name = name
    }
}

/// Jira's three status categories.
public enum JiraStatusCategory: String, Sendable, CaseIterable {
    case toDo = "new"
    case inProgress = "indeterminate"
    case done = "done"

    /// `statusCategory.key`.
    public var key: String { rawValue }
    /// `statusCategory.name`.
    public var name: String {
        switch self {
        case .toDo: "To Do"
        case .inProgress: "In Progress"
        case .done: "Done"
        }
    }
    public var id: Int {
        switch self {
        case .toDo: 2
        case .inProgress: 4
        case .done: 3
        }
    }
    public var colorName: String {
        switch self {
        case .toDo: "blue-gray"
        case .inProgress: "yellow"
        case .done: "green"
        }
    }
}

public struct JiraIssue: Sendable, Equatable {
    /// Numeric id as a string, like the API.
    public var id: String
    public var key: String
    public var projectKey: String
    public var summary: String
    public var issueType: String
    /// Status name (`To Do`, `In Progress`, `In Review`, `Done`).
    public var status: String
    public var statusCategory: JiraStatusCategory
    /// `Highest`, `High`, `Medium`, `Low`, `Lowest`.
    public var priority: String
    public var assigneeAccountID: String?
    public var reporterAccountID: String
    public var labels: [String]
    public var created: Date
    public var updated: Date
    public init(id: String, key: String, projectKey: String, summary: String, issueType: String, status: String,
                statusCategory: JiraStatusCategory, priority: String, assigneeAccountID: String?, reporterAccountID: String,
                labels: [String], created: Date, updated: Date) {
        self.id = id
        self.key = key
        self.projectKey = projectKey
        self.summary = summary
        self.issueType = issueType
        self.status = status
        self.statusCategory = statusCategory
        self.priority = priority
        self.assigneeAccountID = assigneeAccountID
        self.reporterAccountID = reporterAccountID
        self.labels = labels
        self.created = created
        self.updated = updated
    }
}

/// One change history entry: who changed which fields when.
public struct JiraChange: Sendable, Equatable {
    public var id: String
    public var issueID: String
    public var authorAccountID: String
    public var created: Date
    public var items: [JiraChangeItem]
    public init(id: String, issueID: String, authorAccountID: String, created: Date, items: [JiraChangeItem]) {
        self.id = id
        self.issueID = issueID
        self.authorAccountID = authorAccountID
        self.created = created
        self.items = items
    }
}

public struct JiraChangeItem: Sendable, Equatable {
    /// `status`, `assignee`, `priority`, …
    public var field: String
    public var fromString: String?
    public var toString: String?
    public init(field: String, fromString: String?, toString: String?) {
        self.field = field
        self.fromString = fromString
        self.toString = toString
    }
}
