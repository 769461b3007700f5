import Foundation
import Resolvers
import Schema

/// The resolvers of `schema/admin.graphql`: `Query.toolSettings`, `Query.auditLog` and the
/// override mutations. Every field checks `RequestContext.isAdmin` first; a refusal is
/// `FORBIDDEN`, changes nothing and is written to the audit log.
enum AdminResolvers {
    static let tools = ["github", "gitlab", "jira"]
    static let maxAuditPage = 200

    static func add(to r: inout ResolverMap<RequestContext>, overrides: ToolOverrideManager, runtime: ToolRuntime,
                    audit: AuditTrail) {
        r.resolveAsync("Query", "toolSettings") { ctx in
            try await requireAdmin(ctx, "toolSettings", audit: audit)
            let current = runtime.overrides.all
            return .value(.list(tools.map { settings($0, configured: configured($0, runtime), override: current[$0]) }))
        }
        r.resolveAsync("Query", "auditLog") { ctx in
            try await requireAdmin(ctx, "auditLog", audit: audit)
            return .value(try await auditPage(ctx, audit: audit))
        }
        r.resolveAsync("Mutation", "setToolEnabled") { ctx in
            try await requireAdmin(ctx, "setToolEnabled", audit: audit)
            let tool = try configuredTool(ctx, runtime)
            guard case .bool(let on)? = ctx[argument: "enabled"] else { throw GraphQLFieldError("enabled is required.", code: "BAD_USER_INPUT") }
            return try await change(.enabled(on), tool: tool, ctx, overrides: overrides, runtime: runtime)
        }
        r.resolveAsync("Mutation", "setToolRefreshInterval") { ctx in
            try await requireAdmin(ctx, "setToolRefreshInterval", audit: audit)
            let tool = try configuredTool(ctx, runtime)
            let range = ToolOverride.refreshIntervalRange
            guard case .int(let seconds)? = ctx[argument: "seconds"], range.contains(seconds) else {
                throw GraphQLFieldError("seconds must be from \(range.lowerBound) to \(range.upperBound).", code: "BAD_USER_INPUT")
            }
            return try await change(.refreshInterval(seconds: seconds), tool: tool, ctx, overrides: overrides, runtime: runtime)
        }
        r.resolveAsync("Mutation", "clearToolOverride") { ctx in
            try await requireAdmin(ctx, "clearToolOverride", audit: audit)
            let tool = try toolArgument(ctx)
            return try await change(.clear, tool: tool, ctx, overrides: overrides, runtime: runtime)
        }
    }

    /// Throws `FORBIDDEN` (and records `admin_refused`) unless the caller is an admin.
    static func requireAdmin(_ ctx: FieldContext<RequestContext>, _ field: String, audit: AuditTrail) async throws {
        guard !ctx.context.isAdmin else { return }
        await audit.record(.adminRefused, actor: ctx.context.viewerID, details: [("operation", .string(field))])
        throw GraphQLFieldError("\(field) is for admins: send the admin token (Authorization: Bearer …) or sign in as a user listed in auth.admins.",
                                code: ClusterResolvers.forbiddenCode)
    }

    static func toolArgument(_ ctx: FieldContext<RequestContext>) throws -> String {
        guard case .enumValue(let kind)? = ctx[argument: "tool"] else { throw GraphQLFieldError("tool is required.", code: "BAD_USER_INPUT") }
        return kind.lowercased()
    }

    /// The `tool` argument, which the configuration must enable (an override cannot add a tool
    /// whose schema is not served).
    static func configuredTool(_ ctx: FieldContext<RequestContext>, _ runtime: ToolRuntime) throws -> String {
        let tool = try toolArgument(ctx)
        guard configured(tool, runtime) else {
            throw GraphQLFieldError("\(tool) is not enabled in this server's configuration; enable it there (overrides only change enabled tools).",
                                    code: "BAD_USER_INPUT")
        }
        return tool
    }

    static func configured(_ tool: String, _ runtime: ToolRuntime) -> Bool {
        switch tool {
        case "github": runtime.endpoints.github != nil
        case "gitlab": runtime.endpoints.gitlab != nil
        case "jira": runtime.endpoints.jira != nil
        default: false
        }
    }

    static func change(_ change: ToolOverrideChange, tool: String, _ ctx: FieldContext<RequestContext>,
                       overrides: ToolOverrideManager, runtime: ToolRuntime) async throws -> Resolved {
        let now: ToolOverride?
        do throws(AdminStoreError) {
            now = try await overrides.change(change, tool: tool, actor: ctx.context.viewerID)
        } catch {
            throw GraphQLFieldError("The override could not be saved; nothing changed (\(error.code)).", code: "STORE_UNAVAILABLE")
        }
        return .value(settings(tool, configured: configured(tool, runtime), override: now))
    }

    /// A `ToolSettings` object.
    static func settings(_ tool: String, configured: Bool, override o: ToolOverride?) -> Value {
        .object(ObjectValue([
            ("tool", .enumValue(tool.uppercased())),
            ("enabled", .bool(configured && o?.enabled != false)),
            ("configured", .bool(configured)),
            ("refreshIntervalSeconds", o?.refreshIntervalSeconds.map(Value.int) ?? .null),
            ("overridden", .bool(o != nil)),
            ("updatedBy", o.map { .string($0.updatedBy ?? "admin-token") } ?? .null),
            ("updatedAt", o.map { .string(ClusterResolvers.timestamp($0.updatedAt.timeIntervalSince1970)) } ?? .null),
        ]))
    }

    // MARK: Audit log

    static func auditPage(_ ctx: FieldContext<RequestContext>, audit: AuditTrail) async throws -> Value {
        var first = 50
        if case .int(let n)? = ctx[argument: "first"] { first = n }
        guard (1...maxAuditPage).contains(first) else {
            throw GraphQLFieldError("first must be from 1 to \(maxAuditPage).", code: "BAD_USER_INPUT")
        }
        var before: Int64?
        if case .string(let cursor)? = ctx[argument: "after"] {
            guard let id = decodeCursor(cursor) else { throw GraphQLFieldError("after is not a cursor of this list.", code: "BAD_USER_INPUT") }
            before = id
        }
        guard let log = audit.log else {
            return .object(ObjectValue([("nodes", .list([])), ("pageInfo", pageInfo(hasNext: false, end: nil))]))
        }
        let records: [AuditRecord]
        do throws(AdminStoreError) {
            records = try await log.events(first: first + 1, before: before)
        } catch {
            throw GraphQLFieldError("The audit log could not be read (\(error.code)).", code: "STORE_UNAVAILABLE")
        }
        let page = Array(records.prefix(first))
        let end = page.last.map { encodeCursor($0.id) } ?? ctx[argument: "after"].flatMap { if case .string(let s) = $0 { s } else { nil } }
        return .object(ObjectValue([
            ("nodes", .list(page.map(event))),
            ("pageInfo", pageInfo(hasNext: records.count > first, end: end)),
        ]))
    }

    static func event(_ r: AuditRecord) -> Value {
        .object(ObjectValue([
            ("id", .string(String(r.id))),
            ("occurredAt", .string(ClusterResolvers.timestamp(r.occurredAt.timeIntervalSince1970))),
            ("event", .string(r.event)),
            ("actor", r.actor.map(Value.string) ?? .null),
            ("provider", r.provider.map(Value.string) ?? .null),
            ("tool", r.tool.map(Value.string) ?? .null),
            ("details", .string(r.details)),
        ]))
    }

    static func pageInfo(hasNext: Bool, end: String?) -> Value {
        .object(ObjectValue([("hasNextPage", .bool(hasNext)), ("endCursor", end.map(Value.string) ?? .null)]))
    }

    /// Cursors are the base64 of `audit:<id>`.
    static func encodeCursor(_ id: Int64) -> String { Data("audit:\(id)".utf8).base64EncodedString() }

    static func decodeCursor(_ text: String) -> Int64? {
        guard let data = Data(base64Encoded: text) else { return nil }
        let s = String(decoding: data, as: UTF8.self)
        guard s.hasPrefix("audit:") else { return nil }
        return Int64(s.dropFirst(6))
    }
}
