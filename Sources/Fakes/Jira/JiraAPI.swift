import Foundation

/// Plays the Jira Cloud platform REST API v3 (site root = the server's base URL).
struct JiraAPI: FakeToolAPI {
    var data: JiraDataset

    func isAuthorized(_ request: FakeRequest) -> Bool {
        let expected = Data("\(FakeCredentials.jiraEmail):\(FakeCredentials.jiraToken)".utf8).base64EncodedString()
        return request.header("authorization") == "Basic \(expected)"
    }

    func unauthorized() -> FakeResponse {
        Self.errors(["Client must be authenticated to access this resource."], status: 401)
    }

    func error(status: Int) -> FakeResponse {
        switch status {
        case 404: Self.errors(["Not found."], status: 404)
        case 500..<600: Self.errors(["Internal server error"], status: status)
        default: Self.errors(["Request failed."], status: status)
        }
    }

    static func errors(_ messages: [String], status: Int) -> FakeResponse {
        .json(.object([("errorMessages", .array(messages.map { .string($0) })), ("errors", .object([]))]), status: status)
    }

    /// Jira Cloud only sends its rate-limit headers when it throttles.
    func rateBucket(for request: FakeRequest) -> FakeRateBucket? { nil }

    func rateLimitHeaders(_ s: FakeRateStatus) -> [(name: String, value: String)] {
        [("x-ratelimit-limit", String(s.bucket.limit)), ("x-ratelimit-remaining", String(s.remaining)),
         ("x-ratelimit-reset", FakeTimestamp.github(s.resetAt)), ("x-ratelimit-nearlimit", s.remaining < s.bucket.limit / 5 ? "true" : "false")]
    }

    func rateLimited(retryAfterSeconds: Int, status: FakeRateStatus?, now: Date) -> FakeResponse {
        let bucket = FakeRateBucket(resource: "jira", limit: 100, window: 60)
        let exhausted = FakeRateStatus(bucket: bucket, used: bucket.limit, resetAt: now.addingTimeInterval(Double(retryAfterSeconds)))
        var response = Self.errors(["Rate limit exceeded."], status: 429)
        response.addHeader("retry-after", String(retryAfterSeconds))
        response.headers += rateLimitHeaders(exhausted)
        return response
    }

    func respond(to call: FakeCall) -> FakeResponse {
        let json = JiraJSON(data: data, site: call.apiRoot)
        switch (call.request.method, call.request.path) {
        case ("GET", "/rest/api/3/myself"): return .json(json.myself())
        case ("POST", "/rest/api/3/search/jql"):
            guard let body = FakeJSONBody.object(call.request.body) else {
                return Self.errors(["Invalid request payload. Refer to the REST API documentation and try again."], status: 400)
            }
            return search(body, json)
        case ("GET", "/rest/api/3/search/jql"):
            // The GET form takes the same parameters in the query string (`fields` comma-separated).
            let r = call.request
            var body: [String: Any] = ["jql": r.query("jql") ?? ""]
            if let max = r.queryInt("maxResults") { body["maxResults"] = max }
            if let token = r.query("nextPageToken") { body["nextPageToken"] = token }
            let fields = r.queryAll("fields").flatMap { $0.split(separator: ",").map(String.init) }
            if !fields.isEmpty { body["fields"] = fields }
            return search(body, json)
        case ("GET", "/rest/api/3/project/search"): return projectSearch(call, json)
        case ("POST", "/rest/api/3/changelog/bulkfetch"): return bulkChangelog(call, json)
        case (_, "/rest/api/3/myself"), (_, "/rest/api/3/search/jql"), (_, "/rest/api/3/project/search"),
             (_, "/rest/api/3/changelog/bulkfetch"):
            return Self.errors(["Method Not Allowed"], status: 405)
        default: return error(status: 404)
        }
    }

    // MARK: Endpoints

    private func search(_ body: [String: Any], _ json: JiraJSON) -> FakeResponse {
        let jql = body["jql"] as? String ?? ""
        let query: JQLQuery
        do { query = try JQLParser.parse(jql) } catch { return Self.errors([error.message], status: 400) }
        if let problem = unknownProject(in: query.filter) {
            return Self.errors(["The value '\(problem)' does not exist for the field 'project'."], status: 400)
        }
        let fields = FakeJSONBody.strings(body["fields"]) ?? []
        let idsOnly = fields.allSatisfy { $0 == "id" || $0 == "key" }
        let maxResults = min(max(1, FakeJSONBody.int(body["maxResults"]) ?? 50), idsOnly ? 5_000 : 100)
        let start: Int
        if let token = body["nextPageToken"] as? String {
            guard let offset = Self.offset(fromToken: token) else { return Self.errors(["Invalid nextPageToken."], status: 400) }
            start = offset
        } else {
            start = 0
        }
        let matching = sorted(data.issues.filter { evaluate(query.filter, $0) }, by: query.order)
        let page = Array(matching.dropFirst(start).prefix(maxResults))
        let isLast = start + page.count >= matching.count
        var members: [(String, FakeJSON)] = [("issues", .array(page.map { json.issue($0, fields: fields) }))]
        if !isLast { members.append(("nextPageToken", .string(Self.token(forOffset: start + page.count)))) }
        members.append(("isLast", .bool(isLast)))
        return .json(.object(members))
    }

    private func projectSearch(_ call: FakeCall, _ json: JiraJSON) -> FakeResponse {
        let r = call.request
        let keys = r.queryAll("keys").flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() } }
        var list = data.projects.filter { keys.isEmpty || keys.contains($0.key.uppercased()) }
        list.sort { $0.key < $1.key }
        let startAt = max(0, r.queryInt("startAt") ?? 0)
        let maxResults = min(max(1, r.queryInt("maxResults") ?? 50), 100)
        let page = Array(list.dropFirst(startAt).prefix(maxResults))
        let isLast = startAt + page.count >= list.count
        let query = r.query.map { "\(fakePercentEncode($0.name))=\(fakePercentEncode($0.value))" }.joined(separator: "&")
        var members: [(String, FakeJSON)] = [("self", .string(call.apiRoot + r.path + (query.isEmpty ? "" : "?" + query)))]
        if !isLast {
            let next = r.query.filter { $0.name != "startAt" }.map { "\(fakePercentEncode($0.name))=\(fakePercentEncode($0.value))" }
                + ["startAt=\(startAt + page.count)"]
            members.append(("nextPage", .string(call.apiRoot + r.path + "?" + next.joined(separator: "&"))))
        }
        members += [("maxResults", .int(maxResults)), ("startAt", .int(startAt)), ("total", .int(list.count)),
                    ("isLast", .bool(isLast)), ("values", .array(page.map { json.project($0, detailed: true) }))]
        return .json(.object(members))
    }

    /// Change histories of the asked issues, oldest first (issue id, then date), paged over
    /// histories with `maxResults` (default 1000); histories of one issue are grouped.
    private func bulkChangelog(_ call: FakeCall, _ json: JiraJSON) -> FakeResponse {
        guard let body = FakeJSONBody.object(call.request.body),
              let requested = FakeJSONBody.strings(body["issueIdsOrKeys"]), !requested.isEmpty
        else {
            return Self.errors(["issueIdsOrKeys must not be empty."], status: 400)
        }
        guard requested.count <= 1_000 else { return Self.errors(["A maximum of 1000 issues can be requested."], status: 400) }
        let fieldIDs = FakeJSONBody.strings(body["fieldIds"]).flatMap { $0.isEmpty ? nil : Set($0) }
        let maxResults = min(max(1, FakeJSONBody.int(body["maxResults"]) ?? 1_000), 10_000)
        let start: Int
        if let token = body["nextPageToken"] as? String {
            guard let offset = Self.offset(fromToken: token) else { return Self.errors(["Invalid nextPageToken."], status: 400) }
            start = offset
        } else {
            start = 0
        }
        var seen = Set<String>()
        let issues = requested.compactMap { data.issue(idOrKey: $0) }.filter { seen.insert($0.id).inserted }
            .sorted { Int($0.id) ?? 0 < Int($1.id) ?? 0 }
        let histories = issues.flatMap { issue in
            data.changes(issueID: issue.id).filter { change in fieldIDs == nil || change.items.contains { fieldIDs!.contains($0.field) } }
        }
        let page = Array(histories.dropFirst(start).prefix(maxResults))
        var groups: [(String, [JiraChange])] = []
        for change in page {
            if groups.last?.0 == change.issueID { groups[groups.count - 1].1.append(change) } else { groups.append((change.issueID, [change])) }
        }
        var members: [(String, FakeJSON)] = [("issueChangeLogs", .array(groups.map { issueID, changes in
            .object([("issueId", .string(issueID)),
                     ("changeHistories", .array(changes.map { json.changeHistory($0, fieldIDs: fieldIDs) }))])
        }))]
        if start + page.count < histories.count {
            members.append(("nextPageToken", .string(Self.token(forOffset: start + page.count))))
        }
        return .json(.object(members))
    }

    // MARK: JQL evaluation

    /// The first project key in the query that is not in the sample (Jira rejects those).
    private func unknownProject(in e: JQLQuery.Expression) -> String? {
        switch e {
        case .all: return nil
        case .not(let x): return unknownProject(in: x)
        case .and(let a, let b), .or(let a, let b): return unknownProject(in: a) ?? unknownProject(in: b)
        case .clause(let field, _, let values):
            guard field == "project" else { return nil }
            for case .text(let v) in values where data.project(key: v) == nil && !data.projects.contains(where: { $0.id == v || $0.name == v }) {
                return v
            }
            return nil
        }
    }

    private func evaluate(_ e: JQLQuery.Expression, _ issue: JiraIssue) -> Bool {
        switch e {
        case .all: return true
        case .not(let x): return !evaluate(x, issue)
        case .and(let a, let b): return evaluate(a, issue) && evaluate(b, issue)
        case .or(let a, let b): return evaluate(a, issue) || evaluate(b, issue)
        case .clause(let field, let op, let values): return clause(field, op, values, issue)
        }
    }

    /// The candidate spellings of `field` on `issue` (nil: the field is empty), or `.none`
    /// when the fake does not know the field.
    private func fieldValues(_ field: String, _ issue: JiraIssue) -> [String]?? {
        func userNames(_ id: String?) -> [String]? {
            guard let id, let u = data.user(accountID: id) else { return nil }
            return [u.accountID, u.displayName, u.email].map { $0.lowercased() }
        }
        switch field {
        case "project":
            let p = data.project(key: issue.projectKey)
            return .some([issue.projectKey.lowercased(), p?.id ?? "", p?.name.lowercased() ?? ""])
        case "assignee": return .some(userNames(issue.assigneeAccountID))
        case "reporter": return .some(userNames(issue.reporterAccountID))
        case "status": return .some([issue.status.lowercased()])
        case "statuscategory": return .some([issue.statusCategory.name.lowercased(), issue.statusCategory.key, String(issue.statusCategory.id)])
        case "priority": return .some([issue.priority.lowercased()])
        case "issuetype", "type": return .some([issue.issueType.lowercased()])
        case "key", "issue", "issuekey", "id": return .some([issue.key.lowercased(), issue.id])
        case "labels": return .some(issue.labels.isEmpty ? nil : issue.labels.map { $0.lowercased() })
        case "summary", "text": return .some([issue.summary.lowercased()])
        default: return .none
        }
    }

    private func clause(_ field: String, _ op: String, _ values: [JQLQuery.Value], _ issue: JiraIssue) -> Bool {
        guard let known = fieldValues(field, issue) else { return true }  // unknown field: not filtered
        let candidates = known ?? []
        let wanted: [String?] = values.map { v in
            switch v {
            case .text(let t): t.lowercased()
            case .empty: nil
            case .function(let f): f == "currentuser" ? data.viewer.accountID.lowercased() : "\u{0}"
            }
        }
        func equals(_ w: String?) -> Bool { w == nil ? known == nil : candidates.contains(w!) }
        switch op {
        case "=", "IN", "IS": return wanted.contains(where: equals)
        case "!=", "NOT IN", "IS NOT": return !wanted.contains(where: equals)
        case "~": return wanted.contains { w in w.map { w in candidates.contains { $0.contains(w) } } ?? false }
        case "!~": return !wanted.contains { w in w.map { w in candidates.contains { $0.contains(w) } } ?? false }
        default: return true  // comparisons and history operators are not filtered
        }
    }

    private func sorted(_ issues: [JiraIssue], by order: [JQLQuery.Sort]) -> [JiraIssue] {
        let usable = order.filter { ["updated", "created", "key", "priority"].contains($0.field) }
        let sorts = usable.isEmpty ? [JQLQuery.Sort(field: "updated", descending: true)] : usable
        let rank = ["Highest": 0, "High": 1, "Medium": 2, "Low": 3, "Lowest": 4]
        return issues.sorted { a, b in
            for s in sorts {
                let c: Int
                switch s.field {
                case "updated": c = a.updated == b.updated ? 0 : (a.updated < b.updated ? -1 : 1)
                case "created": c = a.created == b.created ? 0 : (a.created < b.created ? -1 : 1)
                case "priority": c = (rank[b.priority] ?? 2) - (rank[a.priority] ?? 2)  // higher priority sorts last ascending
                default:
                    let ka = (a.projectKey, Int(a.key.split(separator: "-").last ?? "") ?? 0)
                    let kb = (b.projectKey, Int(b.key.split(separator: "-").last ?? "") ?? 0)
                    c = ka == kb ? 0 : (ka < kb ? -1 : 1)
                }
                if c != 0 { return s.descending ? c > 0 : c < 0 }
            }
            return (Int(a.id) ?? 0) < (Int(b.id) ?? 0)
        }
    }

    // MARK: Page tokens

    /// Opaque continuation tokens (base64 of an offset), as Jira's are opaque strings.
    static func token(forOffset offset: Int) -> String { Data("hp-offset:\(offset)".utf8).base64EncodedString() }

    static func offset(fromToken token: String) -> Int? {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
              text.hasPrefix("hp-offset:"), let n = Int(text.dropFirst("hp-offset:".count)), n >= 0 else { return nil }
        return n
    }
}
