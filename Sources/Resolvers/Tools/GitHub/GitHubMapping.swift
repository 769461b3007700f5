import Schema

/// GitHub REST answers mapped to the schema's GitHub types (pure functions).
enum GitHubMapping {
    /// A user object (`login`, `name`, `avatar_url`) as an `Actor`.
    static func actor(_ user: Value?) -> Value {
        guard let user, case .object = user, let login = user["login"]?.stringValue else { return .null }
        return .object(ObjectValue([("login", .string(login)), ("name", user.string("name")),
                                    ("avatarUrl", user.string("avatar_url"))]))
    }

    /// `owner/name` from a repository API URL (`https://api.github.com/repos/owner/name`).
    static func repository(fromAPIURL url: String) -> String? {
        guard let range = url.range(of: "/repos/") else { return nil }
        let parts = url[range.upperBound...].split(separator: "/")
        guard parts.count >= 2 else { return nil }
        return "\(parts[0])/\(parts[1])"
    }

    /// A search item with `pull_request` as a `GitHubPullRequest`.
    static func pullRequest(_ item: Value) -> ToolRecord? {
        guard let number = item["number"]?.intValue, let title = item["title"]?.stringValue,
              let url = item["html_url"]?.stringValue,
              let repo = item["repository_url"]?.stringValue.flatMap(repository(fromAPIURL:)) else { return nil }
        let mergedAt = item["pull_request"]?.time("merged_at") ?? .null
        let state: String
        if !mergedAt.isNull { state = "MERGED" } else { state = item["state"]?.stringValue == "open" ? "OPEN" : "CLOSED" }
        let fields = ObjectValue([
            ("id", .string(item["node_id"]?.stringValue ?? item["id"]?.stringValue ?? "")),
            ("number", .int(number)),
            ("title", .string(title)),
            ("state", .enumValue(state)),
            ("url", .string(url)),
            ("repository", .string(repo)),
            ("author", actor(item["user"])),
            ("createdAt", item.time("created_at")),
            ("updatedAt", item.time("updated_at")),
            ("mergedAt", mergedAt),
            ("isDraft", .bool(item["draft"]?.boolValue ?? false)),
            ("source", .enumValue("GITHUB")),
        ])
        return ToolRecord("GitHubPullRequest", fields, links: RecordLinks(item: "\(repo)#\(number)"))
    }

    /// A search item without `pull_request` as a `GitHubIssue`.
    static func issue(_ item: Value) -> ToolRecord? {
        guard let number = item["number"]?.intValue, let title = item["title"]?.stringValue,
              let url = item["html_url"]?.stringValue,
              let repo = item["repository_url"]?.stringValue.flatMap(repository(fromAPIURL:)) else { return nil }
        let open = item["state"]?.stringValue == "open"
        let labels: [Value] = (item["labels"]?.listValue ?? []).compactMap { label in
            (label["name"]?.stringValue ?? label.stringValue).map(Value.string)
        }
        let fields = ObjectValue([
            ("id", .string(item["node_id"]?.stringValue ?? item["id"]?.stringValue ?? "")),
            ("number", .int(number)),
            ("title", .string(title)),
            ("state", .enumValue(open ? "OPEN" : "CLOSED")),
            ("status", .enumValue(open ? "OPEN" : "DONE")),
            ("url", .string(url)),
            ("repository", .string(repo)),
            ("author", actor(item["user"])),
            ("assignees", .list((item["assignees"]?.listValue ?? []).map(actor).filter { !$0.isNull })),
            ("labels", .list(labels)),
            ("createdAt", item.time("created_at")),
            ("updatedAt", item.time("updated_at")),
            ("source", .enumValue("GITHUB")),
        ])
        return ToolRecord("GitHubIssue", fields)
    }

    /// The normalised status of a run from GitHub's `status` and `conclusion`.
    static func pipelineStatus(status: String?, conclusion: String?) -> String {
        if status == "completed" || conclusion != nil {
            switch conclusion {
            case "success", "neutral": return "SUCCESS"
            case "cancelled", "stale": return "CANCELED"
            case "skipped": return "SKIPPED"
            case "action_required": return "MANUAL"
            default: return "FAILED"  // failure, timed_out, startup_failure
            }
        }
        return status == "in_progress" ? "RUNNING" : "PENDING"  // queued, requested, waiting, pending
    }

    /// The `status` query value that lists runs of a normalised status.
    static func runStatusFilter(_ status: String) -> String {
        switch status {
        case "PENDING": "queued"
        case "RUNNING": "in_progress"
        case "SUCCESS": "success"
        case "FAILED": "failure"
        case "CANCELED": "cancelled"
        case "SKIPPED": "skipped"
        default: "action_required"  // MANUAL
        }
    }

    /// A workflow run as a `GitHubWorkflowRun`.
    static func workflowRun(_ run: Value, repository fallback: String) -> ToolRecord? {
        guard let id = run["id"]?.stringValue, let url = run["html_url"]?.stringValue else { return nil }
        let name = run["name"]?.stringValue ?? "workflow"
        let status = run["status"]?.stringValue
        let conclusion = run["conclusion"]?.stringValue
        let createdAt = run.time("created_at"), updatedAt = run.time("updated_at")
        var duration: Value = .null
        if status == "completed",
           let start = (run["run_started_at"]?.stringValue ?? run["created_at"]?.stringValue).flatMap(RFC3339.seconds),
           let end = run["updated_at"]?.stringValue.flatMap(RFC3339.seconds), end >= start {
            duration = .int(end - start)
        }
        let fields = ObjectValue([
            ("id", .string(id)),
            ("name", .string(name)),
            ("title", .string(run["display_title"]?.stringValue ?? name)),
            ("status", .enumValue(pipelineStatus(status: status, conclusion: conclusion))),
            ("conclusion", conclusion.map { .enumValue($0.uppercased()) } ?? .null),
            ("branch", run.string("head_branch")),
            ("repository", .string(run["repository"]?["full_name"]?.stringValue ?? fallback)),
            ("url", .string(url)),
            ("createdAt", createdAt),
            ("updatedAt", updatedAt.isNull ? createdAt : updatedAt),
            ("durationSeconds", duration),
            ("source", .enumValue("GITHUB")),
        ])
        return ToolRecord("GitHubWorkflowRun", fields)
    }

    /// A pull request review as a `GitHubReview`.
    static func review(_ r: Value) -> Value? {
        guard let id = r["node_id"]?.stringValue ?? r["id"]?.stringValue else { return nil }
        let state = r["state"]?.stringValue?.uppercased() ?? "COMMENTED"
        let known = ["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "PENDING"]
        let body = r["body"]?.stringValue
        return .object(ObjectValue([
            ("id", .string(id)),
            ("author", actor(r["user"])),
            ("state", .enumValue(known.contains(state) ? state : "COMMENTED")),
            ("body", body.flatMap { $0.isEmpty ? nil : Value.string($0) } ?? .null),
            ("submittedAt", r.time("submitted_at")),
            ("url", r.string("html_url")),
        ]))
    }

    /// The `page` query value of a `Link` header's `next` URL.
    static func nextPage(_ response: UpstreamResponse) -> String? {
        guard let link = response.header("link"), let next = parseLinkHeader(link)["next"],
              let query = next.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            if kv.count == 2, kv[0] == "page" { return String(kv[1]) }
        }
        return nil
    }
}
