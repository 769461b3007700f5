/// One page of a tool's list, mapped to records.
struct SourcePage: Sendable {
    var records: [ToolRecord]
    /// The tool's token for the next page (GitHub: the `page` of the `Link` header's `next`;
    /// GitLab: `x-next-page`; Jira: `nextPageToken`); nil on the last page.
    var next: String?
    /// The size of the whole list, when the tool reports it with the page.
    var total: Int?
}

/// A list in one tool read page by page, most recently updated first.
struct PagedSource: Sendable {
    /// The source's key in cursors (stable across requests): `github`, `gitlab:42`, …
    let key: String
    /// Fetches the page at `token` (nil: the first page) holding `pageSize` records.
    let fetch: @Sendable (_ token: String?, _ pageSize: Int) async throws(UpstreamError) -> SourcePage
    /// Counts the whole list when the first page does not say (Jira); nil: walk the pages.
    var count: (@Sendable () async throws(UpstreamError) -> Int)? = nil
}

/// The sources a tool contributes to a list. Finding them may itself call the tool (the
/// viewer's repositories or projects), so it can fail like any call.
struct SourceGroup: Sendable {
    let tool: ToolKind
    let slug: String
    let sources: @Sendable () async throws(UpstreamError) -> [PagedSource]
}

/// The tools' kinds as the schema's `ToolKind` enum names them.
enum ToolKind: String, Sendable, CaseIterable {
    case github = "GITHUB", gitlab = "GITLAB", jira = "JIRA"

    var slug: String {
        switch self {
        case .github: "github"
        case .gitlab: "gitlab"
        case .jira: "jira"
        }
    }
}
