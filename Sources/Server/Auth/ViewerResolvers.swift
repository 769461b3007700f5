import Foundation
import Resolvers
import Schema

/// The resolvers of `schema/auth.graphql`: `Query.viewer` and `Mutation.updatePreferences`,
/// reading the caller from `RequestContext.viewerID` (set from the session cookie).
enum ViewerResolvers {
    static func add(to r: inout ResolverMap<RequestContext>, auth: AuthService) {
        r.resolveAsync("Query", "viewer") { ctx in
            guard let userID = ctx.context.viewerID else { return .null }
            do {
                guard let user = try await auth.users.user(id: userID) else { return .null }
                let connections = try await auth.connections(userID: userID)
                return .value(viewer(user, connections, jiraSiteURL: auth.jiraSiteURL, isAdmin: auth.isAdmin(connections: connections)))
            } catch let error as AuthStoreError {
                throw AuthError(error)
            }
        }
        r.resolveAsync("Mutation", "updatePreferences") { ctx in
            guard let userID = ctx.context.viewerID else {
                throw GraphQLFieldError("Sign in to change preferences.", code: AuthError.Code.unauthenticated.rawValue)
            }
            var theme: UserPreferences.Theme?
            if case .enumValue(let name)? = ctx[argument: "theme"] { theme = UserPreferences.Theme(rawValue: name) }
            var interval: Int?
            if case .int(let seconds)? = ctx[argument: "refreshIntervalSeconds"] { interval = seconds }
            var layout: [String]?
            if case .list(let items)? = ctx[argument: "dashboardLayout"] {
                layout = items.compactMap { if case .string(let s) = $0 { s } else { nil } }
            }
            let user = try await auth.updatePreferences(userID: userID, theme: theme, refreshIntervalSeconds: interval,
                                                        dashboardLayout: layout)
            return .value(preferences(user.preferences))
        }
    }

    static func viewer(_ user: AuthUser, _ connections: [ToolConnection], jiraSiteURL: String?, isAdmin: Bool = false) -> Value {
        .object(ObjectValue([
            ("id", .string(user.id)),
            ("isAdmin", .bool(isAdmin)),
            ("name", .string(user.name)),
            ("email", user.email.map { .string($0) } ?? .null),
            ("avatarUrl", user.avatarURL.map { .string($0) } ?? .null),
            ("connections", .list(connections.map { connection($0, jiraSiteURL: jiraSiteURL) })),
            ("preferences", preferences(user.preferences)),
        ]))
    }

    static func connection(_ c: ToolConnection, jiraSiteURL: String?) -> Value {
        let (site, reason) = c.provider == .atlassian ? jiraStatus(c.jiraSite, jiraSiteURL: jiraSiteURL) : (nil, nil)
        return .object(ObjectValue([
            ("provider", .enumValue(c.provider.rawValue.uppercased())),
            ("login", .string(c.login)),
            ("connectedAt", .string(timestamp(c.connectedAt))),
            ("expiresAt", c.expiresAt.map { .string(timestamp($0)) } ?? .null),
            ("scopes", .list(c.scopes.map { .string($0) })),
            ("site", site.map { .string($0) } ?? .null),
            ("unavailableReason", reason.map { .string($0) } ?? .null),
        ]))
    }

    /// An Atlassian connection's Jira site, or why Jira does not act as the viewer.
    static func jiraStatus(_ link: JiraSiteLink?, jiraSiteURL: String?) -> (site: String?, reason: String?) {
        guard jiraSiteURL != nil else { return (nil, JiraSiteProblem.jiraNotEnabled.reason(configuredSite: nil)) }
        switch link {
        case .site(_, let url)?: return (url, nil)
        case .unavailable(let problem)?:
            // Stored while Jira was off; looked up at the next Jira query.
            if problem == .jiraNotEnabled { return (nil, "The Jira site of this account is looked up at its next Jira query.") }
            return (nil, problem.reason(configuredSite: jiraSiteURL))
        case nil: return (nil, "The Jira site of this account is looked up at its next Jira query.")
        }
    }

    static func preferences(_ p: UserPreferences) -> Value {
        .object(ObjectValue([
            ("theme", .enumValue(p.theme.rawValue)),
            ("refreshIntervalSeconds", .int(p.refreshIntervalSeconds)),
            ("dashboardLayout", .list(p.dashboardLayout.map { .string($0) })),
        ]))
    }

    /// RFC 3339 in UTC with second precision, as the `DateTime` scalar writes it.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

/// Auth failures reach GraphQL clients with their message and `extensions.code`.
extension AuthError: GraphQLFieldErrorConvertible {
    public var clientMessage: String { message }
    public var clientExtensions: [(String, Value)] { [("code", .string(code.rawValue))] }
}
