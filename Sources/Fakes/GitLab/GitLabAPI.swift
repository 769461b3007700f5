import Foundation

/// Plays the GitLab REST API v4 (api root = base URL + `/api/v4`).
struct GitLabAPI: FakeToolAPI {
    var data: GitLabDataset
    static let prefix = "/api/v4"

    func isAuthorized(_ request: FakeRequest) -> Bool {
        request.header("private-token") == FakeCredentials.gitlabToken
            || request.header("authorization") == "Bearer \(FakeCredentials.gitlabToken)"
    }

    func unauthorized() -> FakeResponse { .json(.object([("message", .string("401 Unauthorized"))]), status: 401) }

    func error(status: Int) -> FakeResponse {
        let text = switch status {
        case 404: "404 Not Found"
        case 500: "500 Internal Server Error"
        case 502: "502 Bad Gateway"
        case 503: "503 Service Unavailable"
        default: "\(status) Error"
        }
        return .json(.object([("message", .string(text))]), status: status)
    }

    private func notFound(_ what: String) -> FakeResponse {
        .json(.object([("message", .string("404 \(what) Not Found"))]), status: 404)
    }

    func rateBucket(for request: FakeRequest) -> FakeRateBucket? {
        FakeRateBucket(resource: "throttle_authenticated_api", limit: 2_000, window: 60)
    }

    func rateLimitHeaders(_ s: FakeRateStatus) -> [(name: String, value: String)] {
        [("ratelimit-name", s.bucket.resource), ("ratelimit-limit", String(s.bucket.limit)),
         ("ratelimit-observed", String(s.used)), ("ratelimit-remaining", String(s.remaining)),
         ("ratelimit-reset", String(Int(s.resetAt.timeIntervalSince1970))), ("ratelimit-resettime", FakeTimestamp.httpDate(s.resetAt))]
    }

    /// GitLab's throttle answers in plain text.
    func rateLimited(retryAfterSeconds: Int, status: FakeRateStatus?, now: Date) -> FakeResponse {
        let bucket = status?.bucket ?? FakeRateBucket(resource: "throttle_authenticated_api", limit: 2_000, window: 60)
        let exhausted = FakeRateStatus(bucket: bucket, used: bucket.limit, resetAt: now.addingTimeInterval(Double(retryAfterSeconds)))
        return FakeResponse(status: 429, headers: [("content-type", "text/plain"), ("retry-after", String(retryAfterSeconds))]
                                + rateLimitHeaders(exhausted), body: Array("Retry later\n".utf8))
    }

    /// GitLab sends a weak `ETag` on GETs and answers a matching `If-None-Match` with 304.
    var validators: FakeValidators { FakeValidators(etag: true, lastModified: false) }

    func respond(to call: FakeCall) -> FakeResponse {
        let json = GitLabJSON(data: data, api: call.apiRoot)
        let request = call.request
        guard request.method == "GET", request.path.hasPrefix(Self.prefix + "/") else { return error(status: 404) }
        let rest = String(request.path.dropFirst(Self.prefix.count + 1))
        switch rest {
        case "user": return .json(json.viewer())
        case "merge_requests": return mergeRequests(call, json, in: nil)
        case "issues": return issues(call, json, in: nil)
        case "projects": return projects(call, json)
        default: break
        }
        guard rest.hasPrefix("projects/") else { return error(status: 404) }
        // The id is numeric or a URL-encoded `namespace/path`; match against the decoded form so
        // both `%2F` and an already-decoded slash work.
        let target = FakeRequest.percentDecode(String(rest.dropFirst("projects/".count)), plusIsSpace: false)
        for project in data.projects {
            for id in [String(project.id), project.pathWithNamespace] {
                guard target == id || target.hasPrefix(id + "/") else { continue }
                switch String(target.dropFirst(id.count)) {
                case "": return .json(json.project(project))
                case "/pipelines": return pipelines(call, json, project: project)
                case "/merge_requests": return mergeRequests(call, json, in: project)
                case "/issues": return issues(call, json, in: project)
                default: return error(status: 404)
                }
            }
        }
        return notFound("Project")
    }

    // MARK: Endpoints

    private func projects(_ call: FakeCall, _ json: GitLabJSON) -> FakeResponse {
        let r = call.request
        var list = data.projects
        if let search = r.query("search")?.lowercased(), !search.isEmpty {
            list = list.filter { $0.name.lowercased().contains(search) || $0.path.lowercased().contains(search) }
        }
        let ascending = r.query("sort") == "asc"
        let key: (GitLabProject) -> String = switch r.query("order_by") ?? "created_at" {
        case "last_activity_at", "updated_at": { FakeTimestamp.gitlab($0.lastActivityAt) }
        case "id": { String($0.id).leftPadded(to: 12) }
        case "name": { $0.name.lowercased() }
        case "path": { $0.path }
        default: { FakeTimestamp.gitlab($0.createdAt) }
        }
        list.sort { ascending ? (key($0), $0.id) < (key($1), $1.id) : (key($0), $0.id) > (key($1), $1.id) }
        return paged(list, call) { json.project($0) }
    }

    private func mergeRequests(_ call: FakeCall, _ json: GitLabJSON, in project: GitLabProject?) -> FakeResponse {
        let r = call.request
        let viewer = data.viewer.username
        var list = data.mergeRequests.filter { project == nil || $0.projectID == project!.id }
        switch r.query("scope") ?? (project == nil ? "created_by_me" : "all") {
        case "created_by_me", "created-by-me": list = list.filter { $0.author == viewer }
        case "assigned_to_me", "assigned-to-me": list = list.filter { $0.assignees.contains(viewer) }
        case "reviews_for_me": list = list.filter { $0.reviewers.contains(viewer) }
        case "all": break
        default: return badRequest("scope does not have a valid value")
        }
        if let state = r.query("state"), state != "all" { list = list.filter { $0.state == state } }
        if let author = r.query("author_username") { list = list.filter { $0.author == author } }
        if let reviewer = r.query("reviewer_username") { list = list.filter { $0.reviewers.contains(reviewer) } }
        if let assignee = r.query("assignee_username") { list = list.filter { $0.assignees.contains(assignee) } }
        if let wip = r.query("wip") { list = list.filter { $0.draft == (wip == "yes") } }
        let ascending = r.query("sort") == "asc"
        let key: (GitLabMergeRequest) -> Date = switch r.query("order_by") {
        case "updated_at": { $0.updatedAt }
        case "merged_at": { $0.mergedAt ?? .distantPast }
        default: { $0.createdAt }
        }
        list.sort { ascending ? (key($0), $0.id) < (key($1), $1.id) : (key($0), $0.id) > (key($1), $1.id) }
        return paged(list, call) { json.mergeRequest($0) }
    }

    private func issues(_ call: FakeCall, _ json: GitLabJSON, in project: GitLabProject?) -> FakeResponse {
        let r = call.request
        let viewer = data.viewer.username
        var list = data.issues.filter { project == nil || $0.projectID == project!.id }
        switch r.query("scope") ?? (project == nil ? "created_by_me" : "all") {
        case "created_by_me", "created-by-me": list = list.filter { $0.author == viewer }
        case "assigned_to_me", "assigned-to-me": list = list.filter { $0.assignees.contains(viewer) }
        case "all": break
        default: return badRequest("scope does not have a valid value")
        }
        if let state = r.query("state"), state != "all" { list = list.filter { $0.state == state } }
        if let assignee = r.query("assignee_username") { list = list.filter { $0.assignees.contains(assignee) } }
        let ascending = r.query("sort") == "asc"
        let key: (GitLabIssue) -> Date = r.query("order_by") == "updated_at" ? { $0.updatedAt } : { $0.createdAt }
        list.sort { ascending ? (key($0), $0.id) < (key($1), $1.id) : (key($0), $0.id) > (key($1), $1.id) }
        return paged(list, call) { json.issue($0) }
    }

    private func pipelines(_ call: FakeCall, _ json: GitLabJSON, project: GitLabProject) -> FakeResponse {
        let r = call.request
        var list = data.pipelines.filter { $0.projectID == project.id }
        if let status = r.query("status") { list = list.filter { $0.status == status } }
        if let ref = r.query("ref") { list = list.filter { $0.ref == ref } }
        if let source = r.query("source") { list = list.filter { $0.source == source } }
        let ascending = r.query("sort") == "asc"
        let key: (GitLabPipeline) -> String = switch r.query("order_by") ?? "id" {
        case "updated_at": { FakeTimestamp.gitlab($0.updatedAt) }
        case "status": { $0.status }
        case "ref": { $0.ref }
        default: { String($0.id).leftPadded(to: 12) }
        }
        list.sort { ascending ? (key($0), $0.id) < (key($1), $1.id) : (key($0), $0.id) > (key($1), $1.id) }
        return paged(list, call) { json.pipeline($0) }
    }

    private func badRequest(_ message: String) -> FakeResponse {
        .json(.object([("error", .string(message))]), status: 400)
    }

    /// A JSON array page with GitLab's offset headers (`x-page`, `x-per-page`, `x-next-page`,
    /// `x-prev-page`, `x-total`, `x-total-pages`) and a `Link` with prev, next, first, last.
    private func paged<T>(_ items: [T], _ call: FakeCall, render: (T) -> FakeJSON) -> FakeResponse {
        let page = FakeOffsetPage(call.request, total: items.count, defaultPerPage: 20)
        var response = FakeResponse.json(.array(page.slice(items).map(render)))
        response.headers += [
            ("x-page", String(page.page)), ("x-per-page", String(page.perPage)),
            ("x-next-page", page.next.map(String.init) ?? ""), ("x-prev-page", page.previous.map(String.init) ?? ""),
            ("x-total", String(page.total)), ("x-total-pages", String(page.totalPages)),
        ]
        if let link = page.linkHeader(root: call.baseRoot, request: call.request, order: ["prev", "next", "first", "last"]) {
            response.addHeader("link", link)
        }
        return response
    }
}
