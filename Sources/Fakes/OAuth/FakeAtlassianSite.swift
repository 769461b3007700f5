/// One site in a fake Atlassian's `GET /oauth/token/accessible-resources` answer.
public struct FakeAtlassianSite: Sendable, Equatable {
    /// The cloud id (`/ex/jira/{id}/…`).
    public var id: String
    /// The site's URL (what `tools.jira.web_url` is compared with).
    public var url: String
    public var name: String
    public var scopes: [String]

    public init(id: String, url: String, name: String, scopes: [String] = FakeAtlassianSite.jiraScopes) {
        self.id = id
        self.url = url
        self.name = name
        self.scopes = scopes
    }

    /// The scopes of a Jira site granted to Hyperpage's default Atlassian scopes.
    public static let jiraScopes = ["read:jira-work", "read:jira-user"]

    var json: FakeJSON {
        .object([("id", .string(id)), ("url", .string(url)), ("name", .string(name)),
                 ("scopes", .array(scopes.map { .string($0) })),
                 ("avatarUrl", .string("https://site-admin-avatar-cdn.example/avatars/240/site.png"))])
    }
}
