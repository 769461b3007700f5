import Schema

/// The resolvers of the tool schema. Fields that call a tool are asynchronous, so sibling
/// tools run concurrently; a tool's failure is thrown as its `UpstreamError`, which the engine
/// reports as a located error with `extensions.code` and `extensions.tool`.
enum ToolResolvers {
    /// A marker source for the `GitHub`, `GitLab` and `Jira` objects.
    struct ToolRoot: Sendable {}

    static let connectionTypes = [
        "GitHubPullRequestConnection", "GitHubIssueConnection", "GitHubWorkflowRunConnection",
        "GitLabMergeRequestConnection", "GitLabPipelineConnection", "GitLabIssueConnection",
        "JiraIssueConnection", "CodeReviewConnection", "PipelineConnection", "TicketConnection",
    ]

    static func make(endpoints: ToolEndpoints, ledger: RateLimitLedger) -> ResolverMap<RequestContext> {
        var r = ResolverMap<RequestContext>()
        let tools = ToolDirectory.tools(endpoints)
        r.resolve("Query", "tools") { _ in .value(.list(tools)) }
        r.resolve("Query", "rateLimits") { ctx in
            // The version first: a change racing the snapshot then makes the response outdated.
            ctx.context.sources.noteLedgerRead(version: ledger.version)
            return .value(.list(ToolDirectory.rateLimits(ledger)))
        }
        for root in ["github", "gitlab", "jira"] {
            r.resolve("Query", root) { ctx in
                // Switched off by an admin override: null without an error, said in `extensions.sources`.
                guard !ctx.context.disabledTools.contains(root) else {
                    ctx.context.sources.markDisabled(tool: root)
                    return .null
                }
                // Shown to connected users only: null with an error saying what to do.
                guard !ctx.context.unconnectedTools.contains(root) else {
                    ctx.context.sources.markNotConnected(tool: root)
                    throw notConnected(root)
                }
                return .object(ToolRoot())
            }
        }
        for type in connectionTypes {
            r.resolveTool(type, "totalCount") { ctx in
                guard let page = ctx.source as? ListPage else { return .null }
                return .value(.int(try await page.total()))
            }
        }
        r.resolve("AggregateSource", "ok") { ctx in
            guard let outcome = ctx.source as? SourceOutcome else { return .null }
            return .value(.bool(outcome.error == nil))
        }
        addGitHub(&r)
        addGitLab(&r)
        addJira(&r)
        addAggregates(&r)
        return r
    }

    // MARK: Arguments

    static func enumArgument(_ ctx: FieldContext<RequestContext>, _ name: String) -> String? {
        switch ctx[argument: name] {
        case .enumValue(let v)?, .string(let v)?: v
        default: nil
        }
    }

    static func first(_ ctx: FieldContext<RequestContext>) -> Int { ctx[argument: "first"]?.intValue ?? 20 }

    static func after(_ ctx: FieldContext<RequestContext>) -> String? {
        if case .string(let s)? = ctx[argument: "after"] { return s }
        return nil
    }

    /// Reads a single-tool list: any failure of the tool fails the field.
    static func singleToolList(_ ctx: FieldContext<RequestContext>, _ group: SourceGroup, list: String) async throws -> Resolved {
        let page = try await ListReader.read(groups: [group], first: first(ctx), after: after(ctx), list: list)
        if let error = page.firstError { throw error }
        return .object(page)
    }

    /// The error of a tool field asked for by a caller who has not connected the tool, when the
    /// configuration keeps the tool's data to connected users.
    static func notConnected(_ tool: String) -> GraphQLFieldError {
        GraphQLFieldError("Connect your \(ToolDirectory.displayName(tool)) account to see this data: this server shows it only with each user's own credentials.",
                          code: "TOOL_NOT_CONNECTED", extensions: [("tool", .string(tool))])
    }

    static func unavailable(_ tool: String) -> UpstreamError {
        UpstreamError(code: .unavailable, tool: tool, message: "The tool is not enabled.")
    }

    /// The record a batched field belongs to.
    static func record(_ ctx: FieldContext<RequestContext>) -> ToolRecord? { ctx.source as? ToolRecord }

    // MARK: GitHub

    static func addGitHub(_ r: inout ResolverMap<RequestContext>) {
        r.resolveTool("GitHub", "viewer") { ctx in
            guard let c = ctx.context.github else { throw unavailable("github") }
            return .value(try await c.viewer(deadline: ctx.context.deadline))
        }
        r.resolveTool("GitHub", "pullRequests") { ctx in
            guard let c = ctx.context.github else { throw unavailable("github") }
            let state = enumArgument(ctx, "state")
            return try await singleToolList(ctx, c.pullRequests(state: state, deadline: ctx.context.deadline),
                                            list: "github.pullRequests|\(state ?? "")")
        }
        r.resolveTool("GitHub", "issues") { ctx in
            guard let c = ctx.context.github else { throw unavailable("github") }
            let state = enumArgument(ctx, "state")
            return try await singleToolList(ctx, c.issues(state: state, deadline: ctx.context.deadline),
                                            list: "github.issues|\(state ?? "")")
        }
        r.resolveTool("GitHub", "workflowRuns") { ctx in
            guard let c = ctx.context.github else { throw unavailable("github") }
            let status = enumArgument(ctx, "status")
            return try await singleToolList(ctx, c.workflowRuns(status: status, deadline: ctx.context.deadline),
                                            list: "github.workflowRuns|\(status ?? "")")
        }
        r.resolveTool("GitHubPullRequest", "reviews") { ctx in
            guard let loader = ctx.context.githubReviews, let rec = record(ctx), let key = rec.links.item else { return .value(.list([])) }
            let reviews = try await loader.load(key, batchingWith: rec.links.page?.items ?? [])
            return .value(.list(reviews))
        }
    }

    // MARK: GitLab

    static func addGitLab(_ r: inout ResolverMap<RequestContext>) {
        r.resolveTool("GitLab", "viewer") { ctx in
            guard let c = ctx.context.gitlab else { throw unavailable("gitlab") }
            return .value(try await c.viewer(deadline: ctx.context.deadline))
        }
        r.resolveTool("GitLab", "mergeRequests") { ctx in
            guard let c = ctx.context.gitlab else { throw unavailable("gitlab") }
            let state = enumArgument(ctx, "state")
            return try await singleToolList(ctx, c.mergeRequests(state: state, deadline: ctx.context.deadline),
                                            list: "gitlab.mergeRequests|\(state ?? "")")
        }
        r.resolveTool("GitLab", "issues") { ctx in
            guard let c = ctx.context.gitlab else { throw unavailable("gitlab") }
            let state = enumArgument(ctx, "state")
            return try await singleToolList(ctx, c.issues(state: state, deadline: ctx.context.deadline),
                                            list: "gitlab.issues|\(state ?? "")")
        }
        r.resolveTool("GitLab", "pipelines") { ctx in
            guard let c = ctx.context.gitlab else { throw unavailable("gitlab") }
            let status = enumArgument(ctx, "status")
            return try await singleToolList(ctx, c.pipelines(status: status, deadline: ctx.context.deadline),
                                            list: "gitlab.pipelines|\(status ?? "")")
        }
        for type in ["GitLabMergeRequest", "GitLabPipeline", "GitLabIssue"] {
            r.resolveTool(type, "project") { ctx in
                guard let loader = ctx.context.gitlabProjects, let rec = record(ctx), let key = rec.links.project else {
                    throw unavailable("gitlab")
                }
                return .value(try await loader.load(key, batchingWith: rec.links.page?.projects ?? []))
            }
        }
    }

    // MARK: Jira

    static func addJira(_ r: inout ResolverMap<RequestContext>) {
        r.resolveTool("Jira", "viewer") { ctx in
            guard let c = ctx.context.jira else { throw unavailable("jira") }
            return .value(try await c.viewer(deadline: ctx.context.deadline))
        }
        r.resolveTool("Jira", "issues") { ctx in
            guard let c = ctx.context.jira else { throw unavailable("jira") }
            var jql: String?
            if case .string(let s)? = ctx[argument: "jql"], !s.isEmpty { jql = s }
            return try await singleToolList(ctx, c.issues(jql: jql, deadline: ctx.context.deadline),
                                            list: "jira.issues|\(jql ?? "")")
        }
        r.resolveTool("JiraIssue", "project") { ctx in
            guard let loader = ctx.context.jiraProjects, let rec = record(ctx), let key = rec.links.project else {
                throw unavailable("jira")
            }
            return .value(try await loader.load(key, batchingWith: rec.links.page?.projects ?? []))
        }
        r.resolveTool("JiraIssue", "changelog") { ctx in
            guard let loader = ctx.context.jiraChangelogs, let rec = record(ctx), let key = rec.links.item else {
                throw unavailable("jira")
            }
            let limit = max(0, ctx[argument: "first"]?.intValue ?? 20)
            let changes = try await loader.load(key, batchingWith: rec.links.page?.items ?? [])
            return .value(.list(Array(changes.reversed().prefix(limit))))
        }
    }

    // MARK: Aggregates

    static func addAggregates(_ r: inout ResolverMap<RequestContext>) {
        r.resolveTool("Query", "codeReviews") { ctx in
            let state = enumArgument(ctx, "state"), deadline = ctx.context.deadline
            var groups: [SourceGroup] = []
            if let c = ctx.context.github { groups.append(c.pullRequests(state: state, deadline: deadline)) }
            if let c = ctx.context.gitlab { groups.append(c.mergeRequests(state: state, deadline: deadline)) }
            noteDisabled(ctx, ["github", "gitlab"])
            return aggregate(try await ListReader.read(groups: groups, first: first(ctx), after: after(ctx),
                                                       list: "codeReviews|\(state ?? "")"))
        }
        r.resolveTool("Query", "pipelines") { ctx in
            let status = enumArgument(ctx, "status"), deadline = ctx.context.deadline
            var groups: [SourceGroup] = []
            if let c = ctx.context.github { groups.append(c.workflowRuns(status: status, deadline: deadline)) }
            if let c = ctx.context.gitlab { groups.append(c.pipelines(status: status, deadline: deadline)) }
            noteDisabled(ctx, ["github", "gitlab"])
            return aggregate(try await ListReader.read(groups: groups, first: first(ctx), after: after(ctx),
                                                       list: "pipelines|\(status ?? "")"))
        }
        r.resolveTool("Query", "tickets") { ctx in
            let deadline = ctx.context.deadline
            var groups: [SourceGroup] = []
            if let c = ctx.context.github { groups.append(c.issues(state: nil, deadline: deadline)) }
            if let c = ctx.context.gitlab { groups.append(c.issues(state: nil, deadline: deadline)) }
            if let c = ctx.context.jira { groups.append(c.issues(jql: nil, ordered: true, deadline: deadline)) }
            noteDisabled(ctx, ["github", "gitlab", "jira"])
            return aggregate(try await ListReader.read(groups: groups, first: first(ctx), after: after(ctx), list: "tickets"))
        }
    }

    /// Notes in `extensions.sources` the tools of a merged view that an override switched off
    /// (they contribute nothing to it).
    static func noteDisabled(_ ctx: FieldContext<RequestContext>, _ tools: [String]) {
        for tool in tools where ctx.context.disabledTools.contains(tool) { ctx.context.sources.markDisabled(tool: tool) }
        for tool in tools where ctx.context.unconnectedTools.contains(tool) { ctx.context.sources.markNotConnected(tool: tool) }
    }

    /// A merged page: the tools that answered give the data, each tool that failed adds its
    /// error at the aggregated field.
    static func aggregate(_ page: ListPage) -> Resolved {
        let errors = page.outcomes.compactMap(\.error)
        return errors.isEmpty ? .object(page) : .partial(.object(page), errors: errors)
    }
}
