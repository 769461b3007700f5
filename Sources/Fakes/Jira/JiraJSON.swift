import Foundation

/// Jira Cloud REST v3 representations of the sample records; `site` is the site root.
struct JiraJSON {
    var data: JiraDataset
    var site: String

    static let navigableFields = ["summary", "status", "priority", "assignee", "reporter", "created", "updated", "project",
                                  "issuetype", "labels", "resolution", "resolutiondate"]

    func user(_ accountID: String?) -> FakeJSON {
        guard let accountID, let u = data.user(accountID: accountID) else { return .null }
        return .object([
            ("self", .string("\(site)/rest/api/3/user?accountId=\(u.accountID)")), ("accountId", .string(u.accountID)),
            ("emailAddress", .string(u.email)), ("avatarUrls", avatars(u.avatarURL48)), ("displayName", .string(u.displayName)),
            ("active", .bool(true)), ("timeZone", .string("Europe/London")), ("accountType", .string("atlassian")),
        ])
    }

    private func avatars(_ url48: String) -> FakeJSON {
        .object([("48x48", .string(url48)), ("24x24", .string(url48 + "?size=24")), ("16x16", .string(url48 + "?size=16")),
                 ("32x32", .string(url48 + "?size=32"))])
    }

    /// `GET /rest/api/3/myself`.
    func myself() -> FakeJSON {
        guard case .object(var members) = user(data.viewer.accountID) else { return .null }
        members += [
            ("locale", .string("en_GB")),
            ("groups", .object([("size", .int(2)), ("items", .array([]))])),
            ("applicationRoles", .object([("size", .int(1)), ("items", .array([]))])),
            ("expand", .string("groups,applicationRoles")),
        ]
        return .object(members)
    }

    func project(_ p: JiraProject, detailed: Bool = false) -> FakeJSON {
        var members: [(String, FakeJSON)] = [
            ("self", .string("\(site)/rest/api/3/project/\(p.id)")), ("id", .string(p.id)), ("key", .string(p.key)),
            ("name", .string(p.name)),
            ("avatarUrls", avatars("\(site)/rest/api/3/universal_avatar/view/type/project/avatar/\(p.id)")),
            ("projectTypeKey", .string("software")), ("simplified", .bool(false)),
        ]
        if detailed {
            members += [("style", .string("classic")), ("isPrivate", .bool(false)), ("properties", .object([]))]
        }
        return .object(members)
    }

    private func status(_ issue: JiraIssue) -> FakeJSON {
        let statusID = ["To Do": "10000", "In Progress": "3", "In Review": "10001", "Done": "10002"][issue.status] ?? "1"
        let c = issue.statusCategory
        return .object([
            ("self", .string("\(site)/rest/api/3/status/\(statusID)")), ("description", .string("")),
            ("iconUrl", .string("\(site)/")), ("name", .string(issue.status)), ("id", .string(statusID)),
            ("statusCategory", .object([
                ("self", .string("\(site)/rest/api/3/statuscategory/\(c.id)")), ("id", .int(c.id)), ("key", .string(c.key)),
                ("colorName", .string(c.colorName)), ("name", .string(c.name)),
            ])),
        ])
    }

    private func priority(_ name: String) -> FakeJSON {
        let id = ["Highest": "1", "High": "2", "Medium": "3", "Low": "4", "Lowest": "5"][name] ?? "3"
        return .object([("self", .string("\(site)/rest/api/3/priority/\(id)")),
                        ("iconUrl", .string("\(site)/images/icons/priorities/\(name.lowercased()).svg")),
                        ("name", .string(name)), ("id", .string(id))])
    }

    private func issueType(_ name: String) -> FakeJSON {
        let id = ["Story": "10001", "Bug": "10004", "Task": "10002"][name] ?? "10002"
        return .object([("self", .string("\(site)/rest/api/3/issuetype/\(id)")), ("id", .string(id)),
                        ("description", .string("")), ("iconUrl", .string("\(site)/rest/api/2/universal_avatar/view/type/issuetype/avatar/\(id)")),
                        ("name", .string(name)), ("subtask", .bool(false)), ("hierarchyLevel", .int(0))])
    }

    private func field(_ name: String, of issue: JiraIssue) -> FakeJSON? {
        switch name {
        case "summary": .string(issue.summary)
        case "status": status(issue)
        case "priority": priority(issue.priority)
        case "assignee": user(issue.assigneeAccountID)
        case "reporter": user(issue.reporterAccountID)
        case "created": .string(FakeTimestamp.jira(issue.created))
        case "updated": .string(FakeTimestamp.jira(issue.updated))
        case "project": data.project(key: issue.projectKey).map { project($0) } ?? .null
        case "issuetype": issueType(issue.issueType)
        case "labels": .array(issue.labels.map { .string($0) })
        case "resolution":
            issue.statusCategory == .done
                ? .object([("self", .string("\(site)/rest/api/3/resolution/10000")), ("id", .string("10000")),
                           ("description", .string("Work has been completed on this issue.")), ("name", .string("Done"))])
                : .null
        case "resolutiondate": issue.statusCategory == .done ? .string(FakeTimestamp.jira(issue.updated)) : .null
        default: nil
        }
    }

    /// An issue with the `fields` asked for (`*all`/`*navigable` mean every field the fake
    /// knows; `-name` removes one). With no fields asked for, Jira's enhanced search returns
    /// the issue's id only.
    func issue(_ issue: JiraIssue, fields requested: [String]) -> FakeJSON {
        var names: [String] = []
        for f in requested.flatMap({ $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }) {
            if f == "*all" || f == "*navigable" { names += Self.navigableFields } else if !f.hasPrefix("-") { names.append(f) }
        }
        let excluded = Set(requested.filter { $0.hasPrefix("-") }.map { String($0.dropFirst()) })
        var seen = Set<String>()
        names = names.filter { !excluded.contains($0) && seen.insert($0).inserted }
        var members: [(String, FakeJSON)] = [("expand", .string("")), ("id", .string(issue.id))]
        let rest = names.filter { $0 != "id" && $0 != "key" }
        guard !(rest.isEmpty && !names.contains("key")) else { return .object(members) }
        members += [("self", .string("\(site)/rest/api/3/issue/\(issue.id)")), ("key", .string(issue.key))]
        if !rest.isEmpty {
            members.append(("fields", .object(rest.compactMap { name in field(name, of: issue).map { (name, $0) } })))
        }
        return .object(members)
    }

    func changeHistory(_ change: JiraChange, fieldIDs: Set<String>?) -> FakeJSON {
        let items = change.items.filter { fieldIDs == nil || fieldIDs!.contains($0.field) }
        return .object([
            ("id", .string(change.id)), ("author", user(change.authorAccountID)),
            ("created", .int(FakeTimestamp.epochMillis(change.created))),
            ("items", .array(items.map { item in
                .object([("field", .string(item.field)), ("fieldtype", .string("jira")), ("fieldId", .string(item.field)),
                         ("from", .null), ("fromString", .orNull(item.fromString)), ("to", .null),
                         ("toString", .orNull(item.toString))])
            })),
        ])
    }
}
