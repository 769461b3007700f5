import Schema

/// GitLab's REST API as the schema needs it: the viewer, merge requests, issues, pipelines per
/// project, and projects by id.
struct GitLabConnector: Sendable {
    let http: ToolHTTP
    let endpoint: GitLabEndpoint

    /// `GET /user`.
    func viewer(deadline: ContinuousClock.Instant) async throws(UpstreamError) -> Value {
        let (user, _) = try await http.get("/user", kind: .gitlabUser, deadline: deadline)
        let actor = GitLabMapping.actor(user)
        guard !actor.isNull else { throw http.unexpected("user without username") }
        return actor
    }

    /// A list endpoint paged with `page`/`per_page` and `x-next-page`, most recently updated first.
    private func list(_ path: String, kind: CacheKind, key: String, filters: [(String, String)],
                      map: @escaping @Sendable (Value) -> ToolRecord?, deadline: ContinuousClock.Instant) -> PagedSource {
        PagedSource(key: key) { token, pageSize async throws(UpstreamError) -> SourcePage in
            let query = filters + [("order_by", "updated_at"), ("sort", "desc"),
                                   ("per_page", String(pageSize)), ("page", token ?? "1")]
            let (body, response) = try await http.get(path, query: query, kind: kind, deadline: deadline)
            guard let items = body.listValue else { throw http.unexpected("\(path) is not a list") }
            return SourcePage(records: items.compactMap(map), next: GitLabMapping.nextPage(response),
                              total: GitLabMapping.total(response))
        }
    }

    /// `GET /merge_requests?scope=all`.
    func mergeRequests(state: String?, deadline: ContinuousClock.Instant) -> SourceGroup {
        var filters = [("scope", "all")]
        if let state { filters.append(("state", GitLabMapping.mergeRequestStateFilter(state))) }
        let source = list("/merge_requests", kind: .gitlabMergeRequests, key: "gitlab", filters: filters, map: GitLabMapping.mergeRequest, deadline: deadline)
        return SourceGroup(tool: .gitlab, slug: "gitlab") { () async throws(UpstreamError) in [source] }
    }

    /// `GET /issues?scope=all`.
    func issues(state: String?, deadline: ContinuousClock.Instant) -> SourceGroup {
        var filters = [("scope", "all")]
        if let state { filters.append(("state", state == "CLOSED" ? "closed" : "opened")) }
        let source = list("/issues", kind: .gitlabIssues, key: "gitlab", filters: filters, map: GitLabMapping.issue, deadline: deadline)
        return SourceGroup(tool: .gitlab, slug: "gitlab") { () async throws(UpstreamError) in [source] }
    }

    /// The configured projects, else the viewer's twenty most recently active ones
    /// (`GET /projects?membership=true`).
    func projects(deadline: ContinuousClock.Instant) async throws(UpstreamError) -> [String] {
        if !endpoint.projects.isEmpty { return endpoint.projects }
        let query = [("membership", "true"), ("order_by", "last_activity_at"), ("sort", "desc"), ("per_page", "20")]
        let (body, _) = try await http.get("/projects", query: query, kind: .gitlabProjectList, deadline: deadline)
        guard let projects = body.listValue else { throw http.unexpected("project list") }
        return projects.compactMap { $0["id"]?.stringValue }
    }

    /// `GET /projects/{id}/pipelines` of every project, one source each.
    func pipelines(status: String?, deadline: ContinuousClock.Instant) -> SourceGroup {
        SourceGroup(tool: .gitlab, slug: "gitlab") { () async throws(UpstreamError) -> [PagedSource] in
            try await projects(deadline: deadline).map { project in
                var filters: [(String, String)] = []
                if let status { filters.append(("status", GitLabMapping.pipelineStatusFilter(status))) }
                return list("/projects/\(pathSegment(project))/pipelines", kind: .gitlabPipelines, key: "gitlab:\(project)", filters: filters,
                            map: { GitLabMapping.pipeline($0, project: project) }, deadline: deadline)
            }
        }
    }

    /// `GET /projects/{id}` once per distinct id, concurrently (GitLab has no bulk lookup by id).
    func projects(_ ids: [String], deadline: ContinuousClock.Instant) async throws(UpstreamError) -> [String: Value] {
        let results = await withTaskGroup(of: (String, Result<Value, UpstreamError>).self) { group in
            for id in ids {
                group.addTask {
                    do throws(UpstreamError) {
                        let (body, _) = try await http.get("/projects/\(pathSegment(id))", kind: nil, deadline: deadline)
                        guard let project = GitLabMapping.project(body) else { throw http.unexpected("project") }
                        return (id, .success(project))
                    } catch {
                        return (id, .failure(error))
                    }
                }
            }
            var out: [String: Result<Value, UpstreamError>] = [:]
            for await (k, r) in group { out[k] = r }
            return out
        }
        var out: [String: Value] = [:]
        for (k, r) in results {
            switch r {
            case .success(let v): out[k] = v
            case .failure(let e): throw e
            }
        }
        return out
    }
}
