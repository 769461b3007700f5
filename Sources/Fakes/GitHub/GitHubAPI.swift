import Foundation

/// Plays the GitHub REST API (api root = the server's base URL).
struct GitHubAPI: FakeToolAPI {
    var data: GitHubDataset
    static let docs = "https://docs.github.com/rest"

    func isAuthorized(_ request: FakeRequest) -> Bool {
        guard let value = request.header("authorization") else { return false }
        return [FakeCredentials.githubToken, FakeCredentials.githubSecondToken].contains { token in
            value == "Bearer \(token)" || value == "token \(token)"
        }
    }

    func unauthorized() -> FakeResponse {
        Self.message("Bad credentials", status: 401, documentation: Self.docs)
    }

    func error(status: Int) -> FakeResponse {
        switch status {
        case 404: Self.message("Not Found", status: 404, documentation: Self.docs)
        case 422: Self.message("Validation Failed", status: 422, documentation: "\(Self.docs)/search/search")
        case 500..<600: FakeResponse.json(.object([("message", .string("Server Error"))]), status: status)
        default: Self.message("Request failed", status: status, documentation: Self.docs)
        }
    }

    static func message(_ text: String, status: Int, documentation: String) -> FakeResponse {
        .json(.object([("message", .string(text)), ("documentation_url", .string(documentation)), ("status", .string(String(status)))]),
              status: status)
    }

    func rateBucket(for request: FakeRequest) -> FakeRateBucket? {
        request.path.hasPrefix("/search/")
            ? FakeRateBucket(resource: "search", limit: 30, window: 60)
            : FakeRateBucket(resource: "core", limit: 5_000, window: 3_600)
    }

    func rateLimitHeaders(_ s: FakeRateStatus) -> [(name: String, value: String)] {
        [("x-ratelimit-limit", String(s.bucket.limit)), ("x-ratelimit-remaining", String(s.remaining)),
         ("x-ratelimit-reset", String(Int(s.resetAt.timeIntervalSince1970))), ("x-ratelimit-used", String(s.used)),
         ("x-ratelimit-resource", s.bucket.resource)]
    }

    func rateLimited(retryAfterSeconds: Int, status: FakeRateStatus?, now: Date) -> FakeResponse {
        var response = Self.message("API rate limit exceeded for user ID \(data.viewer.id).", status: 429,
                                    documentation: "\(Self.docs)/overview/rate-limits-for-the-rest-api")
        response.addHeader("retry-after", String(retryAfterSeconds))
        let bucket = status?.bucket ?? FakeRateBucket(resource: "core", limit: 5_000, window: 3_600)
        let exhausted = FakeRateStatus(bucket: bucket, used: bucket.limit, resetAt: now.addingTimeInterval(Double(retryAfterSeconds)))
        response.headers += rateLimitHeaders(exhausted)
        return response
    }

    /// GitHub sends a weak `ETag` and `Last-Modified` on GETs and answers a matching
    /// conditional request with 304, which does not count against the rate limit.
    var validators: FakeValidators { FakeValidators(etag: true, lastModified: true) }

    func respond(to call: FakeCall) -> FakeResponse {
        let json = GitHubJSON(data: data, api: call.apiRoot)
        let request = call.request
        guard request.method == "GET" else { return error(status: 404) }
        let parts = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch parts.count {
        case 1 where parts[0] == "user":
            return .json(json.viewer())
        case 2 where parts == ["search", "issues"]:
            return searchIssues(call, json)
        case 2 where parts == ["user", "repos"]:
            return userRepositories(call, json)
        case 3 where parts[0] == "repos":
            guard let repo = data.repository("\(parts[1])/\(parts[2])") else { return error(status: 404) }
            return .json(json.repository(repo))
        case 5 where parts[0] == "repos" && parts[3] == "actions" && parts[4] == "runs":
            return workflowRuns(call, json, repository: "\(parts[1])/\(parts[2])")
        case 6 where parts[0] == "repos" && parts[3] == "pulls" && parts[5] == "reviews":
            return reviews(call, json, repository: "\(parts[1])/\(parts[2])", number: Int(parts[4]))
        default:
            return error(status: 404)
        }
    }

    // MARK: Endpoints

    private func searchIssues(_ call: FakeCall, _ json: GitHubJSON) -> FakeResponse {
        guard let q = call.request.query("q"), !q.trimmingCharacters(in: .whitespaces).isEmpty else {
            return .json(.object([
                ("message", .string("Validation Failed")),
                ("errors", .array([.object([("resource", .string("Search")), ("field", .string("q")), ("code", .string("missing"))])])),
                ("documentation_url", .string("\(Self.docs)/search/search#search-issues-and-pull-requests")), ("status", .string("422")),
            ]), status: 422)
        }
        let query = GitHubSearchQuery(q)
        var hits = data.issues.filter { query.matches($0, in: data) }
        let ascending = call.request.query("order") == "asc"
        let key: (GitHubIssue) -> (Date, Int) = switch call.request.query("sort") {
        case "created": { ($0.createdAt, $0.id) }
        case "comments": { (Date(timeIntervalSince1970: Double($0.comments)), $0.id) }
        default: { ($0.updatedAt, $0.id) }  // "best match" is played as most recently updated
        }
        hits.sort { ascending ? key($0) < key($1) : key($0) > key($1) }
        let page = FakeOffsetPage(call.request, total: hits.count, defaultPerPage: 30)
        let body: FakeJSON = .object([
            ("total_count", .int(hits.count)), ("incomplete_results", .bool(false)),
            ("items", .array(page.slice(hits).map(json.searchItem))),
        ])
        return paged(.json(body), page, call)
    }

    private func userRepositories(_ call: FakeCall, _ json: GitHubJSON) -> FakeResponse {
        let sort = call.request.query("sort") ?? "full_name"
        let ascending = (call.request.query("direction") ?? (sort == "full_name" ? "asc" : "desc")) == "asc"
        var repos = data.repositories
        switch sort {
        case "created": repos.sort { ascending ? $0.createdAt < $1.createdAt : $0.createdAt > $1.createdAt }
        case "updated": repos.sort { ascending ? $0.updatedAt < $1.updatedAt : $0.updatedAt > $1.updatedAt }
        case "pushed": repos.sort { ascending ? $0.pushedAt < $1.pushedAt : $0.pushedAt > $1.pushedAt }
        default: repos.sort { ascending ? $0.fullName.lowercased() < $1.fullName.lowercased() : $0.fullName.lowercased() > $1.fullName.lowercased() }
        }
        let page = FakeOffsetPage(call.request, total: repos.count, defaultPerPage: 30)
        return paged(.json(.array(page.slice(repos).map { json.repository($0) })), page, call)
    }

    private func workflowRuns(_ call: FakeCall, _ json: GitHubJSON, repository: String) -> FakeResponse {
        guard let repo = data.repository(repository) else { return error(status: 404) }
        let r = call.request
        var runs = data.workflowRuns.filter { $0.repository == repo.fullName }
        if let branch = r.query("branch") { runs = runs.filter { $0.headBranch == branch } }
        if let event = r.query("event") { runs = runs.filter { $0.event == event } }
        if let actor = r.query("actor") { runs = runs.filter { $0.actor == actor } }
        if let status = r.query("status") { runs = runs.filter { $0.status == status || $0.conclusion == status } }
        runs.sort { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
        let page = FakeOffsetPage(r, total: runs.count, defaultPerPage: 30)
        let body: FakeJSON = .object([("total_count", .int(runs.count)), ("workflow_runs", .array(page.slice(runs).map(json.workflowRun)))])
        return paged(.json(body), page, call)
    }

    private func reviews(_ call: FakeCall, _ json: GitHubJSON, repository: String, number: Int?) -> FakeResponse {
        guard let repo = data.repository(repository), let number,
              data.issues.contains(where: { $0.repository == repo.fullName && $0.number == number && $0.isPullRequest })
        else { return error(status: 404) }
        let list = data.reviews(repository: repo.fullName, number: number)
        let page = FakeOffsetPage(call.request, total: list.count, defaultPerPage: 30)
        return paged(.json(.array(page.slice(list).map(json.review))), page, call)
    }

    /// Adds GitHub's `Link` header: prev, next, last, first — `first`/`prev` only after page 1,
    /// `next`/`last` only before the last page.
    private func paged(_ response: FakeResponse, _ page: FakeOffsetPage, _ call: FakeCall) -> FakeResponse {
        var response = response
        var rels: [String] = []
        if page.page > 1 { rels.append("prev") }
        if page.page < page.totalPages { rels += ["next", "last"] }
        if page.page > 1 { rels.append("first") }
        if let link = page.linkHeader(root: call.apiRoot, request: call.request, order: rels) {
            response.addHeader("link", link)
        }
        return response
    }
}
