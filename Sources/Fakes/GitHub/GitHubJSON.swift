import Foundation

/// GitHub REST representations of the sample records, with API links under `api`.
struct GitHubJSON {
    var data: GitHubDataset
    /// API root (`https://api.github.com` on github.com).
    var api: String

    static let organization = (login: "hyperpage-demo", id: 81_000_000)

    func simpleUser(_ login: String) -> FakeJSON {
        let user = data.user(login) ?? GitHubUser(id: 0, login: login, name: login)
        return .object([
            ("login", .string(user.login)), ("id", .int(user.id)), ("node_id", .string("U_kgDO\(user.id)")),
            ("avatar_url", .string(user.avatarURL)), ("gravatar_id", .string("")), ("url", .string("\(api)/users/\(user.login)")),
            ("html_url", .string(user.htmlURL)), ("type", .string("User")), ("user_view_type", .string("public")),
            ("site_admin", .bool(false)),
        ])
    }

    func organizationOwner(_ login: String) -> FakeJSON {
        .object([
            ("login", .string(login)), ("id", .int(Self.organization.id)), ("node_id", .string("O_kgDO\(Self.organization.id)")),
            ("avatar_url", .string("https://avatars.githubusercontent.com/u/\(Self.organization.id)?v=4")), ("gravatar_id", .string("")),
            ("url", .string("\(api)/users/\(login)")), ("html_url", .string("https://github.com/\(login)")),
            ("type", .string("Organization")), ("user_view_type", .string("public")), ("site_admin", .bool(false)),
        ])
    }

    /// `GET /user` for the viewer.
    func viewer() -> FakeJSON {
        let v = data.viewer
        guard case .object(var members) = simpleUser(v.login) else { return .null }
        members += [
            ("name", .string(v.name)), ("company", .string("@hyperpage-demo")), ("blog", .string("")), ("location", .string("Sample City")),
            ("email", .null), ("hireable", .null), ("bio", .string("Sample account for the Hyperpage demo.")),
            ("twitter_username", .null), ("public_repos", .int(data.repositories.filter { !$0.isPrivate }.count)),
            ("public_gists", .int(0)), ("followers", .int(12)), ("following", .int(3)),
            ("created_at", .string("2019-03-14T09:26:53Z")), ("updated_at", .string(FakeTimestamp.github(SampleClock.base))),
        ]
        return .object(members)
    }

    func repository(_ r: GitHubRepository, full: Bool = true) -> FakeJSON {
        var members: [(String, FakeJSON)] = [
            ("id", .int(r.id)), ("node_id", .string("R_kgDO\(r.id)")), ("name", .string(r.name)), ("full_name", .string(r.fullName)),
            ("private", .bool(r.isPrivate)), ("owner", organizationOwner(r.owner)), ("html_url", .string(r.htmlURL)),
            ("description", .string(r.description)), ("fork", .bool(false)), ("url", .string("\(api)/repos/\(r.fullName)")),
        ]
        guard full else { return .object(members) }
        let openIssues = data.issues.filter { $0.repository == r.fullName && $0.state == "open" }.count
        members += [
            ("pulls_url", .string("\(api)/repos/\(r.fullName)/pulls{/number}")),
            ("issues_url", .string("\(api)/repos/\(r.fullName)/issues{/number}")),
            ("created_at", .string(FakeTimestamp.github(r.createdAt))), ("updated_at", .string(FakeTimestamp.github(r.updatedAt))),
            ("pushed_at", .string(FakeTimestamp.github(r.pushedAt))), ("git_url", .string("git://github.com/\(r.fullName).git")),
            ("clone_url", .string("\(r.htmlURL).git")), ("homepage", .null), ("size", .int(2_048 + r.id % 1_000)),
            ("stargazers_count", .int(r.id % 50)), ("watchers_count", .int(r.id % 50)), ("language", .string(r.language)),
            ("has_issues", .bool(true)), ("has_projects", .bool(true)), ("has_wiki", .bool(false)), ("forks_count", .int(r.id % 7)),
            ("archived", .bool(false)), ("disabled", .bool(false)), ("open_issues_count", .int(openIssues)),
            ("license", .null), ("allow_forking", .bool(true)), ("is_template", .bool(false)), ("topics", .array([])),
            ("visibility", .string(r.isPrivate ? "private" : "public")), ("forks", .int(r.id % 7)),
            ("open_issues", .int(openIssues)), ("watchers", .int(r.id % 50)), ("default_branch", .string(r.defaultBranch)),
            ("permissions", .object([("admin", .bool(false)), ("maintain", .bool(false)), ("push", .bool(true)),
                                     ("triage", .bool(true)), ("pull", .bool(true))])),
        ]
        return .object(members)
    }

    private func label(_ name: String) -> FakeJSON {
        let id = 5_000_000 + name.utf8.reduce(0) { $0 * 31 &+ Int($1) } % 1_000_000
        return .object([
            ("id", .int(id)), ("node_id", .string("LA_kwDO\(id)")), ("url", .string("\(api)/labels/\(name)")), ("name", .string(name)),
            ("color", .string(name == "bug" ? "d73a4a" : "a2eeef")), ("default", .bool(true)), ("description", .null),
        ])
    }

    /// An issue search hit (also the shape of `GET /repos/…/issues/{n}`).
    func searchItem(_ i: GitHubIssue) -> FakeJSON {
        let issueURL = "\(api)/repos/\(i.repository)/issues/\(i.number)"
        var members: [(String, FakeJSON)] = [
            ("url", .string(issueURL)), ("repository_url", .string("\(api)/repos/\(i.repository)")),
            ("labels_url", .string("\(issueURL)/labels{/name}")), ("comments_url", .string("\(issueURL)/comments")),
            ("events_url", .string("\(issueURL)/events")), ("html_url", .string(i.htmlURL)), ("id", .int(i.id)),
            ("node_id", .string((i.isPullRequest ? "PR_kwDO" : "I_kwDO") + String(i.id))), ("number", .int(i.number)),
            ("title", .string(i.title)), ("user", simpleUser(i.author)), ("labels", .array(i.labels.map(label))),
            ("state", .string(i.state)), ("locked", .bool(false)),
            ("assignee", i.assignees.first.map(simpleUser) ?? .null), ("assignees", .array(i.assignees.map(simpleUser))),
            ("milestone", .null), ("comments", .int(i.comments)), ("created_at", .string(FakeTimestamp.github(i.createdAt))),
            ("updated_at", .string(FakeTimestamp.github(i.updatedAt))), ("closed_at", .orNull(i.closedAt.map(FakeTimestamp.github))),
            ("author_association", .string(i.author == data.viewer.login ? "OWNER" : "MEMBER")), ("type", .null),
            ("active_lock_reason", .null),
        ]
        if i.isPullRequest {
            let pullURL = "\(api)/repos/\(i.repository)/pulls/\(i.number)"
            members += [
                ("draft", .bool(i.isDraft)),
                ("pull_request", .object([
                    ("url", .string(pullURL)), ("html_url", .string(i.htmlURL)), ("diff_url", .string(i.htmlURL + ".diff")),
                    ("patch_url", .string(i.htmlURL + ".patch")), ("merged_at", .orNull(i.mergedAt.map(FakeTimestamp.github))),
                ])),
            ]
        }
        members += [
            ("body", .string(i.body)),
            ("reactions", .object([("url", .string("\(issueURL)/reactions")), ("total_count", .int(0)), ("+1", .int(0)),
                                   ("-1", .int(0)), ("laugh", .int(0)), ("hooray", .int(0)), ("confused", .int(0)),
                                   ("heart", .int(0)), ("rocket", .int(0)), ("eyes", .int(0))])),
            ("timeline_url", .string("\(issueURL)/timeline")), ("performed_via_github_app", .null),
            ("state_reason", i.isPullRequest ? .null : .orNull(i.state == "closed" ? "completed" : nil)),
            ("score", .double(1.0)),
        ]
        return .object(members)
    }

    func review(_ r: GitHubReview) -> FakeJSON {
        let pullURL = "\(api)/repos/\(r.repository)/pulls/\(r.pullNumber)"
        return .object([
            ("id", .int(r.id)), ("node_id", .string("PRR_kwDO\(r.id)")), ("user", simpleUser(r.reviewer)), ("body", .string(r.body)),
            ("state", .string(r.state)), ("html_url", .string(r.htmlURL)), ("pull_request_url", .string(pullURL)),
            ("author_association", .string(r.reviewer == data.viewer.login ? "OWNER" : "MEMBER")),
            ("_links", .object([("html", .object([("href", .string(r.htmlURL))])),
                                ("pull_request", .object([("href", .string(pullURL))]))])),
            ("submitted_at", .string(FakeTimestamp.github(r.submittedAt))), ("commit_id", .string(r.commitID)),
        ])
    }

    func workflowRun(_ run: GitHubWorkflowRun) -> FakeJSON {
        let runURL = "\(api)/repos/\(run.repository)/actions/runs/\(run.id)"
        let repo = data.repository(run.repository).map { repository($0, full: false) } ?? .null
        let actor = data.user(run.actor)
        return .object([
            ("id", .int(run.id)), ("name", .string(run.name)), ("node_id", .string("WFR_kwLO\(run.id)")),
            ("head_branch", .string(run.headBranch)), ("head_sha", .string(run.headSHA)), ("path", .string(run.path)),
            ("display_title", .string(run.displayTitle)), ("run_number", .int(run.runNumber)), ("event", .string(run.event)),
            ("status", .string(run.status)), ("conclusion", .orNull(run.conclusion)), ("workflow_id", .int(run.workflowID)),
            ("check_suite_id", .int(run.id + 17_000_000_000)), ("check_suite_node_id", .string("CS_kwDO\(run.id)")),
            ("url", .string(runURL)), ("html_url", .string(run.htmlURL)), ("pull_requests", .array([])),
            ("created_at", .string(FakeTimestamp.github(run.createdAt))), ("updated_at", .string(FakeTimestamp.github(run.updatedAt))),
            ("actor", simpleUser(run.actor)), ("run_attempt", .int(1)), ("referenced_workflows", .array([])),
            ("run_started_at", .string(FakeTimestamp.github(run.runStartedAt))), ("triggering_actor", simpleUser(run.actor)),
            ("jobs_url", .string("\(runURL)/jobs")), ("logs_url", .string("\(runURL)/logs")),
            ("check_suite_url", .string("\(api)/repos/\(run.repository)/check-suites/\(run.id + 17_000_000_000)")),
            ("artifacts_url", .string("\(runURL)/artifacts")), ("cancel_url", .string("\(runURL)/cancel")),
            ("rerun_url", .string("\(runURL)/rerun")), ("previous_attempt_url", .null),
            ("workflow_url", .string("\(api)/repos/\(run.repository)/actions/workflows/\(run.workflowID)")),
            ("head_commit", .object([
                ("id", .string(run.headSHA)), ("tree_id", .string(sampleSHA(run.id))), ("message", .string(run.displayTitle)),
                ("timestamp", .string(FakeTimestamp.github(run.createdAt.addingTimeInterval(-60)))),
                ("author", .object([("name", .string(actor?.name ?? run.actor)), ("email", .string("\(run.actor)@users.noreply.github.com"))])),
                ("committer", .object([("name", .string("GitHub")), ("email", .string("noreply@github.com"))])),
            ])),
            ("repository", repo), ("head_repository", repo),
        ])
    }
}
