import Schema

/// Jira Cloud's REST API (v3) as the schema needs it: the viewer, JQL search, projects by key
/// and issue changelogs, the last two in bulk.
struct JiraConnector: Sendable {
    let http: ToolHTTP
    let endpoint: JiraEndpoint

    /// `GET /rest/api/3/myself`.
    func viewer(deadline: ContinuousClock.Instant) async throws(UpstreamError) -> Value {
        let (user, _) = try await http.get("/rest/api/3/myself", kind: .jiraUser, deadline: deadline)
        let actor = JiraMapping.actor(user)
        guard !actor.isNull else { throw http.unexpected("user without accountId") }
        return actor
    }

    /// `POST /rest/api/3/search/jql`, paged with `nextPageToken`.
    func issues(jql: String?, ordered: Bool = false, deadline: ContinuousClock.Instant) -> SourceGroup {
        var query = jql ?? endpoint.defaultJQL
        if ordered { query = JiraMapping.orderedByUpdate(query) }
        let site = endpoint.webURL
        let jqlText = query
        let source = PagedSource(key: "jira", fetch: { token, pageSize async throws(UpstreamError) -> SourcePage in
            var body = ObjectValue([("jql", .string(jqlText)), ("maxResults", .int(pageSize)),
                                    ("fields", .list(JiraMapping.searchFields.map(Value.string)))])
            if let token { body["nextPageToken"] = .string(token) }
            let answer = try await http.post("/rest/api/3/search/jql", body: .object(body), kind: .jiraSearch, deadline: deadline)
            guard let issues = answer["issues"]?.listValue else { throw http.unexpected("search without issues") }
            let last = answer["isLast"]?.boolValue ?? false
            let next = last ? nil : answer["nextPageToken"]?.stringValue
            return SourcePage(records: issues.compactMap { JiraMapping.issue($0, site: site) }, next: next,
                              total: answer["total"]?.intValue)
        }, count: { () async throws(UpstreamError) -> Int in
            try await count(jql: jqlText, deadline: deadline)
        })
        return SourceGroup(tool: .jira, slug: "jira") { () async throws(UpstreamError) in [source] }
    }

    /// The number of issues `jql` matches: the search's pages walked with ids only (the
    /// enhanced search reports no total).
    func count(jql: String, deadline: ContinuousClock.Instant) async throws(UpstreamError) -> Int {
        var token: String?
        var count = 0
        for _ in 0..<1000 {
            var body = ObjectValue([("jql", .string(jql)), ("maxResults", .int(1000)), ("fields", .list([.string("id")]))])
            if let token { body["nextPageToken"] = .string(token) }
            let answer = try await http.post("/rest/api/3/search/jql", body: .object(body), kind: .jiraSearch, deadline: deadline)
            if token == nil, let total = answer["total"]?.intValue { return total }
            guard let issues = answer["issues"]?.listValue else { throw http.unexpected("search without issues") }
            count += issues.count
            guard answer["isLast"]?.boolValue != true, let next = answer["nextPageToken"]?.stringValue, next != token else { break }
            token = next
        }
        return count
    }

    /// `GET /rest/api/3/project/search?keys=A&keys=B…`: up to 50 projects in one request.
    func projects(_ keys: [String], deadline: ContinuousClock.Instant) async throws(UpstreamError) -> [String: Value] {
        let query = keys.map { ("keys", $0) } + [("maxResults", String(max(50, keys.count)))]
        let (body, _) = try await http.get("/rest/api/3/project/search", query: query, kind: nil, deadline: deadline)
        guard let values = body["values"]?.listValue else { throw http.unexpected("project search without values") }
        var out: [String: Value] = [:]
        for v in values {
            if let p = JiraMapping.project(v), let key = p["key"]?.stringValue { out[key] = p }
        }
        return out
    }

    /// `POST /rest/api/3/changelog/bulkfetch` for up to 1000 issue ids, following
    /// `nextPageToken`. Entries come oldest first, as Jira sends them.
    func changelogs(_ issueIDs: [String], deadline: ContinuousClock.Instant) async throws(UpstreamError) -> [String: [Value]] {
        var out: [String: [Value]] = [:]
        for id in issueIDs { out[id] = [] }
        var token: String?
        for _ in 0..<100 {
            var body = ObjectValue([("issueIdsOrKeys", .list(issueIDs.map(Value.string))), ("maxResults", .int(1000))])
            if let token { body["nextPageToken"] = .string(token) }
            let answer = try await http.post("/rest/api/3/changelog/bulkfetch", body: .object(body), deadline: deadline)
            guard let logs = answer["issueChangeLogs"]?.listValue else { throw http.unexpected("bulk changelog without issueChangeLogs") }
            for log in logs {
                guard let id = log["issueId"]?.stringValue else { continue }
                out[id, default: []] += (log["changeHistories"]?.listValue ?? []).compactMap(JiraMapping.change)
            }
            guard let next = answer["nextPageToken"]?.stringValue, next != token else { break }
            token = next
        }
        return out
    }
}
