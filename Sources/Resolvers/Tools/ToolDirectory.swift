import Schema

/// The answer of `Query.tools`: every tool the server knows, whether the configuration enables
/// it and what it serves. Built from `ToolEndpoints` flags only, so it never holds URLs or
/// credentials.
enum ToolDirectory {
    /// How a tool is named to users (`github` → `GitHub`).
    static func displayName(_ tool: String) -> String {
        switch tool {
        case "github": "GitHub"
        case "gitlab": "GitLab"
        case "jira": "Jira"
        default: tool
        }
    }

    static func tools(_ e: ToolEndpoints) -> [Value] {
        let entries: [(String, String, Bool, [String])] = [
            ("github", "GitHub", e.github != nil,
             ["github.viewer", "github.pullRequests", "github.issues", "github.workflowRuns"]),
            ("gitlab", "GitLab", e.gitlab != nil,
             ["gitlab.viewer", "gitlab.mergeRequests", "gitlab.pipelines", "gitlab.issues"]),
            ("jira", "Jira", e.jira != nil, ["jira.viewer", "jira.issues"]),
            ("code_reviews", "Code reviews", e.servesCodeReviews, ["codeReviews"]),
            ("ci_cd", "CI/CD", e.servesCIcd, ["pipelines"]),
            ("ticketing", "Ticketing", e.servesTicketing, ["tickets"]),
        ]
        return entries.map { slug, name, enabled, capabilities in
            .object(ObjectValue([("slug", .string(slug)), ("name", .string(name)), ("enabled", .bool(enabled)),
                                 ("capabilities", .list(capabilities.map(Value.string)))]))
        }
    }

    /// `Query.rateLimits` from the ledger. The scope is shown as its first 12 hex digits: enough
    /// to tell credentials apart, and still only a fingerprint.
    static func rateLimits(_ ledger: RateLimitLedger) -> [Value] {
        ledger.snapshot().map { o in
            let costs = ledger.costs(tool: o.tool, scope: o.scope, bucket: o.bucket).map { c in
                Value.object(ObjectValue([("kind", .string(c.kind)), ("average", .float(c.average)), ("samples", .int(c.samples))]))
            }
            return .object(ObjectValue([
                ("tool", .string(o.tool)),
                ("bucket", .string(o.bucket)),
                ("scope", .string(String(o.scope.prefix(12)))),
                ("limit", o.limit.map(Value.int) ?? .null),
                ("remaining", o.remaining.map(Value.int) ?? .null),
                ("resetAt", o.resetAt.map { .string(RFC3339.format($0)) } ?? .null),
                ("observedAt", .string(RFC3339.format(o.observedAt))),
                ("costs", .list(costs)),
            ]))
        }
    }
}
