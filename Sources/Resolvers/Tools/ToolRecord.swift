import Schema

/// One item mapped from a tool's response: its GraphQL type name, its fields under their
/// GraphQL names (read by the default resolver), and the keys the batched fields
/// (`project`, `reviews`, `changelog`) load with.
struct ToolRecord: FieldValueProviding, GraphQLTypeNameProviding {
    let graphQLTypeName: String
    let fields: ObjectValue
    var links: RecordLinks

    init(_ typeName: String, _ fields: ObjectValue, links: RecordLinks = RecordLinks()) {
        self.graphQLTypeName = typeName
        self.fields = fields
        self.links = links
    }

    func fieldValue(_ name: String) -> Resolved {
        fields[name].map(Resolved.value) ?? .null
    }

    /// The merge key of aggregated lists: the normalised `updatedAt` (sorts as text).
    var sortKey: String {
        if case .string(let s)? = fields["updatedAt"] { return s }
        return ""
    }

    var id: String {
        if case .string(let s)? = fields["id"] { return s }
        return ""
    }
}

/// The keys a record's batched fields load with; `page` holds the same keys of every record of
/// the GraphQL page the record is shown on, so a page costs one batch.
struct RecordLinks: Sendable {
    /// GitLab project id, or Jira project key.
    var project: String?
    /// GitHub pull request (`owner/name#number`), or Jira issue id.
    var item: String?
    var page: PageKeys?
}

/// The `RecordLinks` keys of one page of records, deduplicated, in page order.
final class PageKeys: Sendable {
    let projects: [String]
    let items: [String]

    init(_ records: [ToolRecord]) {
        var seenProjects = Set<String>(), seenItems = Set<String>()
        var projects: [String] = [], items: [String] = []
        for r in records {
            if let p = r.links.project, seenProjects.insert(p).inserted { projects.append(p) }
            if let i = r.links.item, seenItems.insert(i).inserted { items.append(i) }
        }
        self.projects = projects
        self.items = items
    }

    /// Attaches one `PageKeys` per type name to `records`.
    static func attach(to records: [ToolRecord]) -> [ToolRecord] {
        var byType: [String: [ToolRecord]] = [:]
        for r in records { byType[r.graphQLTypeName, default: []].append(r) }
        let keys = byType.mapValues(PageKeys.init)
        return records.map { r in
            var r = r
            r.links.page = keys[r.graphQLTypeName]
            return r
        }
    }
}

/// Small helpers for reading tool JSON.
extension Value {
    var stringValue: String? {
        switch self {
        case .string(let s): s
        case .int(let i): String(i)
        case .float(let d): String(d)
        default: nil
        }
    }

    var intValue: Int? {
        switch self {
        case .int(let i): i
        case .float(let d) where d == d.rounded(): Int(d)
        case .string(let s): Int(s)
        default: nil
        }
    }

    var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    var listValue: [Value]? {
        if case .list(let l) = self { return l }
        return nil
    }

    /// A timestamp member normalised to the `DateTime` form, or null. Numbers are epoch
    /// milliseconds (Jira's bulk changelog sends `created` that way).
    func time(_ key: String) -> Value {
        switch self[key] {
        case .int(let millis)?: .string(RFC3339.format(millis >= 0 ? millis / 1000 : (millis - 999) / 1000))
        case .float(let millis)?: .string(RFC3339.format(Int((millis / 1000).rounded(.down))))
        case .string(let s)?: RFC3339.normalize(s).map(Value.string) ?? .null
        default: .null
        }
    }

    /// A string member, or null.
    func string(_ key: String) -> Value {
        self[key]?.stringValue.map(Value.string) ?? .null
    }
}
