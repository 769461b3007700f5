import Schema

/// GitHub's REST API as the schema needs it: the viewer, searches for pull requests and issues
/// that involve the viewer, Actions runs per repository, and reviews per pull request.
struct GitHubConnector: Sendable {
    let http: ToolHTTP
    let endpoint: GitHubEndpoint

    /// `GET /user`.
    func viewer(deadline: ContinuousClock.Instant) async throws(UpstreamError) -> Value {
        let (user, _) = try await http.get("/user", kind: .githubUser, deadline: deadline)
        let actor = GitHubMapping.actor(user)
        guard !actor.isNull else { throw http.unexpected("user without login") }
        return actor
    }

    /// The search query of pull requests in `state` (nil: any).
    static func pullRequestQuery(state: String?) -> String {
        var q = "is:pr involves:@me"
        switch state {
        case "OPEN"?: q += " is:open"
        case "CLOSED"?: q += " is:closed is:unmerged"
        case "MERGED"?: q += " is:merged"
        default: break
        }
        return q
    }

    static func issueQuery(state: String?) -> String {
        var q = "is:issue involves:@me"
        switch state {
        case "OPEN"?: q += " is:open"
        case "CLOSED"?: q += " is:closed"
        default: break
        }
        return q
    }

    /// `GET /search/issues` for `q`, most recently updated first, mapped with `map`.
    func search(_ q: String, key: String, map: @escaping @Sendable (Value) -> ToolRecord?,
                deadline: ContinuousClock.Instant) -> PagedSource {
        PagedSource(key: key) { token, pageSize async throws(UpstreamError) -> SourcePage in
            let query = [("q", q), ("sort", "updated"), ("order", "desc"),
                         ("per_page", String(pageSize)), ("page", token ?? "1")]
            let (body, response) = try await http.get("/search/issues", query: query, kind: .githubSearch, deadline: deadline)
            guard let items = body["items"]?.listValue else { throw http.unexpected("search without items") }
            return SourcePage(records: items.compactMap(map), next: GitHubMapping.nextPage(response),
                              total: body["total_count"]?.intValue)
        }
    }

    func pullRequests(state: String?, deadline: ContinuousClock.Instant) -> SourceGroup {
        let source = search(Self.pullRequestQuery(state: state), key: "github", map: GitHubMapping.pullRequest, deadline: deadline)
        return SourceGroup(tool: .github, slug: "github") { () async throws(UpstreamError) in [source] }
    }

    func issues(state: String?, deadline: ContinuousClock.Instant) -> SourceGroup {
        let source = search(Self.issueQuery(state: state), key: "github", map: GitHubMapping.issue, deadline: deadline)
        return SourceGroup(tool: .github, slug: "github") { () async throws(UpstreamError) in [source] }
    }

    /// The configured repositories, else the viewer's ten most recently pushed (`GET /user/repos`).
    func repositories(deadline: ContinuousClock.Instant) async throws(UpstreamError) -> [String] {
        if !endpoint.repositories.isEmpty { return endpoint.repositories }
        let (body, _) = try await http.get("/user/repos", query: [("sort", "pushed"), ("per_page", "10")], kind: .githubRepos,
                                        deadline: deadline)
        guard let repos = body.listValue else { throw http.unexpected("repository list") }
        return repos.compactMap { $0["full_name"]?.stringValue }
    }

    /// `GET /repos/{owner}/{repo}/actions/runs` of every repository, one source each.
    func workflowRuns(status: String?, deadline: ContinuousClock.Instant) -> SourceGroup {
        SourceGroup(tool: .github, slug: "github") { () async throws(UpstreamError) -> [PagedSource] in
            try await repositories(deadline: deadline).map { repo in
                PagedSource(key: "github:\(repo)") { token, pageSize async throws(UpstreamError) -> SourcePage in
                    var query = [("per_page", String(pageSize)), ("page", token ?? "1")]
                    if let status { query.append(("status", GitHubMapping.runStatusFilter(status))) }
                    let (body, response) = try await http.get("/repos/\(repo)/actions/runs", query: query, kind: .githubWorkflowRuns,
                                                              deadline: deadline)
                    guard let runs = body["workflow_runs"]?.listValue else { throw http.unexpected("runs without workflow_runs") }
                    return SourcePage(records: runs.compactMap { GitHubMapping.workflowRun($0, repository: repo) },
                                      next: GitHubMapping.nextPage(response), total: body["total_count"]?.intValue)
                }
            }
        }
    }

    /// Reviews of each pull request key (`owner/name#number`), one request (and its further
    /// pages) per distinct key, concurrently.
    func reviews(_ keys: [String], deadline: ContinuousClock.Instant) async throws(UpstreamError) -> [String: [Value]] {
        // Each child returns a `ReviewsOutcome` built by a non-throwing method: the same loop
        // written with `do throws(UpstreamError)` inside the child closure lost its results in
        // `-O` builds of Swift 6.3 (the batch answered no key).
        let outcomes = await withTaskGroup(of: ReviewsOutcome.self) { group in
            for key in keys {
                group.addTask { await self.reviewsOutcome(of: key, deadline: deadline) }
            }
            var out: [ReviewsOutcome] = []
            for await outcome in group { out.append(outcome) }
            return out
        }
        var out: [String: [Value]] = [:]
        for outcome in outcomes {
            if let error = outcome.error { throw error }
            out[outcome.key] = outcome.reviews
        }
        return out
    }

    private struct ReviewsOutcome: Sendable {
        var key: String
        var reviews: [Value]
        var error: UpstreamError?
    }

    private func reviewsOutcome(of key: String, deadline: ContinuousClock.Instant) async -> ReviewsOutcome {
        do throws(UpstreamError) {
            return ReviewsOutcome(key: key, reviews: try await reviews(of: key, deadline: deadline), error: nil)
        } catch {
            return ReviewsOutcome(key: key, reviews: [], error: error)
        }
    }

    private func reviews(of key: String, deadline: ContinuousClock.Instant) async throws(UpstreamError) -> [Value] {
        guard let hash = key.lastIndex(of: "#") else { return [] }
        let repo = key[..<hash], number = key[key.index(after: hash)...]
        var out: [Value] = []
        var page = "1"
        for _ in 0..<10 {
            let (body, response) = try await http.get("/repos/\(repo)/pulls/\(number)/reviews",
                                                      query: [("per_page", "100"), ("page", page)], kind: nil, deadline: deadline)
            guard let list = body.listValue else { throw http.unexpected("review list") }
            out += list.compactMap(GitHubMapping.review)
            guard let next = GitHubMapping.nextPage(response), next != page else { break }
            page = next
        }
        return out
    }
}
