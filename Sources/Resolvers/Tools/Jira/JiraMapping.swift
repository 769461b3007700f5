import Foundation
import Schema

/// Jira Cloud REST answers mapped to the schema's Jira types (pure functions).
enum JiraMapping {
    /// The issue fields a search asks for.
    static let searchFields = ["summary", "status", "priority", "issuetype", "assignee", "reporter",
                               "created", "updated", "project"]

    /// A user object (`accountId`, `displayName`, `avatarUrls`) as an `Actor`.
    static func actor(_ user: Value?) -> Value {
        guard let user, case .object = user, let id = user["accountId"]?.stringValue else { return .null }
        let avatar = user["avatarUrls"]?["48x48"]?.stringValue
        return .object(ObjectValue([("login", .string(id)), ("name", user.string("displayName")),
                                    ("avatarUrl", avatar.map(Value.string) ?? .null)]))
    }

    static func status(category: String?) -> String {
        switch category {
        case "done": "DONE"
        case "indeterminate": "IN_PROGRESS"
        default: "OPEN"  // new, undefined
        }
    }

    /// An issue of a search answer as a `JiraIssue`; `site` is the web root for its URL.
    static func issue(_ i: Value, site: String) -> ToolRecord? {
        guard let id = i["id"]?.stringValue, let key = i["key"]?.stringValue, let f = i["fields"] else { return nil }
        let projectKey = f["project"]?["key"]?.stringValue ?? String(key.prefix { $0 != "-" })
        let fields = ObjectValue([
            ("id", .string(id)),
            ("key", .string(key)),
            ("title", .string(f["summary"]?.stringValue ?? "")),
            ("status", .enumValue(status(category: f["status"]?["statusCategory"]?["key"]?.stringValue))),
            ("statusName", .string(f["status"]?["name"]?.stringValue ?? "")),
            ("priority", f["priority"]?.string("name") ?? .null),
            ("issueType", f["issuetype"]?.string("name") ?? .null),
            ("assignee", actor(f["assignee"])),
            ("reporter", actor(f["reporter"])),
            ("url", .string("\(site)/browse/\(key)")),
            ("createdAt", f.time("created")),
            ("updatedAt", f.time("updated")),
            ("source", .enumValue("JIRA")),
        ])
        return ToolRecord("JiraIssue", fields, links: RecordLinks(project: projectKey, item: id))
    }

    static func project(_ p: Value) -> Value? {
        guard let key = p["key"]?.stringValue else { return nil }
        return .object(ObjectValue([("id", .string(p["id"]?.stringValue ?? key)), ("key", .string(key)),
                                    ("name", .string(p["name"]?.stringValue ?? key))]))
    }

    /// A change history entry as a `JiraChange`.
    static func change(_ h: Value) -> Value? {
        guard let id = h["id"]?.stringValue else { return nil }
        let items: [Value] = (h["items"]?.listValue ?? []).map { item in
            .object(ObjectValue([("field", .string(item["field"]?.stringValue ?? "")),
                                 ("from", item.string("fromString")), ("to", item.string("toString"))]))
        }
        return .object(ObjectValue([("id", .string(id)), ("author", actor(h["author"])),
                                    ("createdAt", h.time("created")), ("items", .list(items))]))
    }

    /// `jql` with its `ORDER BY` clause replaced by `ORDER BY updated DESC` (aggregated lists
    /// merge by update time, so every source must be sorted by it).
    static func orderedByUpdate(_ jql: String) -> String {
        var base = jql
        if let range = jql.range(of: "order by", options: .caseInsensitive) {
            base = String(jql[..<range.lowerBound])
        }
        base = base.trimmingCharacters(in: .whitespaces)
        return base.isEmpty ? "ORDER BY updated DESC" : "\(base) ORDER BY updated DESC"
    }
}
