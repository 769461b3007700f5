import Foundation
import Schema

/// GitLab REST answers mapped to the schema's GitLab types (pure functions).
enum GitLabMapping {
    /// A user object (`username`, `name`, `avatar_url`) as an `Actor`.
    static func actor(_ user: Value?) -> Value {
        guard let user, case .object = user, let login = user["username"]?.stringValue else { return .null }
        return .object(ObjectValue([("login", .string(login)), ("name", user.string("name")),
                                    ("avatarUrl", user.string("avatar_url"))]))
    }

    static func project(_ p: Value) -> Value? {
        guard let id = p["id"]?.stringValue, let path = p["path_with_namespace"]?.stringValue,
              let url = p["web_url"]?.stringValue else { return nil }
        return .object(ObjectValue([("id", .string(id)), ("name", .string(p["name"]?.stringValue ?? path)),
                                    ("pathWithNamespace", .string(path)), ("url", .string(url))]))
    }

    static func mergeRequest(_ mr: Value) -> ToolRecord? {
        guard let id = mr["id"]?.stringValue, let iid = mr["iid"]?.intValue, let title = mr["title"]?.stringValue,
              let url = mr["web_url"]?.stringValue, let project = mr["project_id"]?.stringValue else { return nil }
        let state: String
        switch mr["state"]?.stringValue {
        case "merged": state = "MERGED"
        case "closed": state = "CLOSED"
        default: state = "OPEN"  // opened, locked
        }
        let fields = ObjectValue([
            ("id", .string(id)),
            ("iid", .int(iid)),
            ("title", .string(title)),
            ("state", .enumValue(state)),
            ("url", .string(url)),
            ("author", actor(mr["author"])),
            ("createdAt", mr.time("created_at")),
            ("updatedAt", mr.time("updated_at")),
            ("mergedAt", mr.time("merged_at")),
            ("isDraft", .bool(mr["draft"]?.boolValue ?? mr["work_in_progress"]?.boolValue ?? false)),
            ("sourceBranch", .string(mr["source_branch"]?.stringValue ?? "")),
            ("targetBranch", .string(mr["target_branch"]?.stringValue ?? "")),
            ("source", .enumValue("GITLAB")),
        ])
        return ToolRecord("GitLabMergeRequest", fields, links: RecordLinks(project: project))
    }

    /// The `state` query value for a code review state.
    static func mergeRequestStateFilter(_ state: String) -> String {
        switch state {
        case "MERGED": "merged"
        case "CLOSED": "closed"
        default: "opened"
        }
    }

    static func pipelineStatus(_ status: String?) -> String {
        switch status {
        case "running": "RUNNING"
        case "success": "SUCCESS"
        case "failed": "FAILED"
        case "canceled", "canceling": "CANCELED"
        case "skipped": "SKIPPED"
        case "manual": "MANUAL"
        default: "PENDING"  // created, waiting_for_resource, preparing, pending, scheduled
        }
    }

    static func pipelineStatusFilter(_ status: String) -> String {
        switch status {
        case "PENDING": "pending"
        case "RUNNING": "running"
        case "SUCCESS": "success"
        case "FAILED": "failed"
        case "CANCELED": "canceled"
        case "SKIPPED": "skipped"
        default: "manual"
        }
    }

    static func pipeline(_ p: Value, project fallback: String) -> ToolRecord? {
        guard let id = p["id"]?.stringValue, let url = p["web_url"]?.stringValue else { return nil }
        let ref = p["ref"]?.stringValue ?? ""
        let createdAt = p.time("created_at"), updatedAt = p.time("updated_at")
        let fields = ObjectValue([
            ("id", .string(id)),
            ("iid", p["iid"]?.intValue.map(Value.int) ?? .null),
            ("title", .string("Pipeline #\(id) on \(ref)")),
            ("status", .enumValue(pipelineStatus(p["status"]?.stringValue))),
            ("ref", .string(ref)),
            ("sha", .string(p["sha"]?.stringValue ?? "")),
            ("url", .string(url)),
            ("createdAt", createdAt),
            ("updatedAt", updatedAt.isNull ? createdAt : updatedAt),
            ("source", .enumValue("GITLAB")),
        ])
        return ToolRecord("GitLabPipeline", fields, links: RecordLinks(project: p["project_id"]?.stringValue ?? fallback))
    }

    static func issue(_ i: Value) -> ToolRecord? {
        guard let id = i["id"]?.stringValue, let iid = i["iid"]?.intValue, let title = i["title"]?.stringValue,
              let url = i["web_url"]?.stringValue, let project = i["project_id"]?.stringValue else { return nil }
        let open = i["state"]?.stringValue != "closed"
        let fields = ObjectValue([
            ("id", .string(id)),
            ("iid", .int(iid)),
            ("title", .string(title)),
            ("state", .enumValue(open ? "OPEN" : "CLOSED")),
            ("status", .enumValue(open ? "OPEN" : "DONE")),
            ("url", .string(url)),
            ("author", actor(i["author"])),
            ("assignees", .list((i["assignees"]?.listValue ?? []).map(actor).filter { !$0.isNull })),
            ("labels", .list((i["labels"]?.listValue ?? []).compactMap { $0.stringValue.map(Value.string) })),
            ("createdAt", i.time("created_at")),
            ("updatedAt", i.time("updated_at")),
            ("source", .enumValue("GITLAB")),
        ])
        return ToolRecord("GitLabIssue", fields, links: RecordLinks(project: project))
    }

    /// `x-next-page` (empty on the last page).
    static func nextPage(_ response: UpstreamResponse) -> String? {
        guard let next = response.header("x-next-page")?.trimmingCharacters(in: .whitespaces), !next.isEmpty else { return nil }
        return next
    }

    static func total(_ response: UpstreamResponse) -> Int? {
        response.header("x-total").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }
}
