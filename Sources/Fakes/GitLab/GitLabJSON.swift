import Foundation

/// GitLab REST (v4) representations of the sample records.
struct GitLabJSON {
    var data: GitLabDataset
    /// API root (`https://gitlab.com/api/v4` on gitlab.com).
    var api: String

    func basicUser(_ username: String) -> FakeJSON {
        let u = data.user(username) ?? GitLabUser(id: 0, username: username, name: username)
        return .object([
            ("id", .int(u.id)), ("username", .string(u.username)), ("name", .string(u.name)), ("state", .string("active")),
            ("locked", .bool(false)), ("avatar_url", .string(u.avatarURL)), ("web_url", .string(u.webURL)),
        ])
    }

    /// `GET /user`.
    func viewer() -> FakeJSON {
        guard case .object(var members) = basicUser(data.viewer.username) else { return .null }
        members += [
            ("created_at", .string("2020-02-11T08:14:05.311Z")), ("bio", .string("Sample account for the Hyperpage demo.")),
            ("location", .string("Sample City")), ("public_email", .null), ("linkedin", .string("")), ("twitter", .string("")),
            ("discord", .string("")), ("website_url", .string("")), ("organization", .string("Hyperpage Demo")),
            ("job_title", .string("Engineer")), ("pronouns", .null), ("bot", .bool(false)), ("work_information", .null),
            ("local_time", .null), ("last_sign_in_at", .string(FakeTimestamp.gitlab(SampleClock.base))),
            ("confirmed_at", .string("2020-02-11T08:15:40.006Z")), ("last_activity_on", .string("2025-05-05")),
            ("email", .string("dana@hyperpage.dev")), ("theme_id", .int(1)), ("color_scheme_id", .int(1)), ("projects_limit", .int(100000)),
            ("current_sign_in_at", .string(FakeTimestamp.gitlab(SampleClock.base))), ("identities", .array([])),
            ("can_create_group", .bool(true)), ("can_create_project", .bool(true)), ("two_factor_enabled", .bool(true)),
            ("external", .bool(false)), ("private_profile", .bool(false)), ("commit_email", .string("dana@hyperpage.dev")),
        ]
        return .object(members)
    }

    func project(_ p: GitLabProject) -> FakeJSON {
        let selfURL = "\(api)/projects/\(p.id)"
        let groupName = "Hyperpage Demo"
        return .object([
            ("id", .int(p.id)), ("description", .string(p.description)), ("name", .string(p.name)),
            ("name_with_namespace", .string("\(groupName) / \(p.name)")), ("path", .string(p.path)),
            ("path_with_namespace", .string(p.pathWithNamespace)), ("created_at", .string(FakeTimestamp.gitlab(p.createdAt))),
            ("default_branch", .string(p.defaultBranch)), ("tag_list", .array([])), ("topics", .array([])),
            ("ssh_url_to_repo", .string("git@gitlab.com:\(p.pathWithNamespace).git")),
            ("http_url_to_repo", .string("\(p.webURL).git")), ("web_url", .string(p.webURL)),
            ("readme_url", .string("\(p.webURL)/-/blob/\(p.defaultBranch)/README.md")), ("forks_count", .int(0)),
            ("avatar_url", .null), ("star_count", .int(p.id % 13)), ("last_activity_at", .string(FakeTimestamp.gitlab(p.lastActivityAt))),
            ("namespace", .object([
                ("id", .int(p.namespaceID)), ("name", .string(groupName)), ("path", .string(p.namespace)), ("kind", .string("group")),
                ("full_path", .string(p.namespace)), ("parent_id", .null), ("avatar_url", .null),
                ("web_url", .string("https://gitlab.com/groups/\(p.namespace)")),
            ])),
            ("_links", .object([
                ("self", .string(selfURL)), ("issues", .string("\(selfURL)/issues")), ("merge_requests", .string("\(selfURL)/merge_requests")),
                ("repo_branches", .string("\(selfURL)/repository/branches")), ("labels", .string("\(selfURL)/labels")),
                ("events", .string("\(selfURL)/events")), ("members", .string("\(selfURL)/members")),
            ])),
            ("visibility", .string("private")), ("archived", .bool(false)), ("empty_repo", .bool(false)),
            ("open_issues_count", .int(data.issues.filter { $0.projectID == p.id && $0.state == "opened" }.count)),
        ])
    }

    func mergeRequest(_ mr: GitLabMergeRequest) -> FakeJSON {
        let project = data.project(id: mr.projectID)
        let full = "\(project?.pathWithNamespace ?? "")!\(mr.iid)"
        let detailed = mr.state != "opened" ? "not_open" : (mr.draft ? "draft_status" : "mergeable")
        let mergedBy: FakeJSON = mr.state == "merged" ? basicUser(mr.assignees.first ?? mr.author) : .null
        let closedBy: FakeJSON = mr.state == "closed" ? basicUser(mr.author) : .null
        return .object([
            ("id", .int(mr.id)), ("iid", .int(mr.iid)), ("project_id", .int(mr.projectID)), ("title", .string(mr.title)),
            ("description", .string(mr.description)), ("state", .string(mr.state)),
            ("created_at", .string(FakeTimestamp.gitlab(mr.createdAt))), ("updated_at", .string(FakeTimestamp.gitlab(mr.updatedAt))),
            ("merged_by", mergedBy), ("merge_user", mergedBy), ("merged_at", .orNull(mr.mergedAt.map(FakeTimestamp.gitlab))),
            ("closed_by", closedBy), ("closed_at", .orNull(mr.closedAt.map(FakeTimestamp.gitlab))),
            ("target_branch", .string(mr.targetBranch)), ("source_branch", .string(mr.sourceBranch)),
            ("user_notes_count", .int(mr.userNotesCount)), ("upvotes", .int(mr.iid % 3)), ("downvotes", .int(0)),
            ("author", basicUser(mr.author)), ("assignees", .array(mr.assignees.map(basicUser))),
            ("assignee", mr.assignees.first.map(basicUser) ?? .null), ("reviewers", .array(mr.reviewers.map(basicUser))),
            ("source_project_id", .int(mr.projectID)), ("target_project_id", .int(mr.projectID)),
            ("labels", .array(mr.labels.map { .string($0) })), ("draft", .bool(mr.draft)), ("imported", .bool(false)),
            ("imported_from", .string("none")), ("work_in_progress", .bool(mr.draft)), ("milestone", .null),
            ("merge_when_pipeline_succeeds", .bool(false)),
            ("merge_status", .string(mr.state == "opened" ? "can_be_merged" : "unchecked")),
            ("detailed_merge_status", .string(detailed)), ("merge_after", .null), ("sha", .string(mr.sha)),
            ("merge_commit_sha", mr.state == "merged" ? .string(sampleSHA(mr.id)) : .null), ("squash_commit_sha", .null),
            ("discussion_locked", .null), ("should_remove_source_branch", .null), ("force_remove_source_branch", .bool(true)),
            ("prepared_at", .string(FakeTimestamp.gitlab(mr.createdAt.addingTimeInterval(5)))),
            ("reference", .string("!\(mr.iid)")),
            ("references", .object([("short", .string("!\(mr.iid)")), ("relative", .string("!\(mr.iid)")), ("full", .string(full))])),
            ("web_url", .string(mr.webURL)),
            ("time_stats", .object([("time_estimate", .int(0)), ("total_time_spent", .int(0)), ("human_time_estimate", .null),
                                    ("human_total_time_spent", .null)])),
            ("squash", .bool(false)), ("squash_on_merge", .bool(false)),
            ("task_completion_status", .object([("count", .int(0)), ("completed_count", .int(0))])),
            ("has_conflicts", .bool(false)), ("blocking_discussions_resolved", .bool(true)), ("approvals_before_merge", .null),
        ])
    }

    func pipeline(_ p: GitLabPipeline) -> FakeJSON {
        .object([
            ("id", .int(p.id)), ("iid", .int(p.iid)), ("project_id", .int(p.projectID)), ("sha", .string(p.sha)),
            ("ref", .string(p.ref)), ("status", .string(p.status)), ("source", .string(p.source)),
            ("created_at", .string(FakeTimestamp.gitlab(p.createdAt))), ("updated_at", .string(FakeTimestamp.gitlab(p.updatedAt))),
            ("web_url", .string(p.webURL)), ("name", .null),
        ])
    }

    func issue(_ i: GitLabIssue) -> FakeJSON {
        let project = data.project(id: i.projectID)
        let selfURL = "\(api)/projects/\(i.projectID)/issues/\(i.iid)"
        return .object([
            ("id", .int(i.id)), ("iid", .int(i.iid)), ("project_id", .int(i.projectID)), ("title", .string(i.title)),
            ("description", .string(i.description)), ("state", .string(i.state)),
            ("created_at", .string(FakeTimestamp.gitlab(i.createdAt))), ("updated_at", .string(FakeTimestamp.gitlab(i.updatedAt))),
            ("closed_at", .orNull(i.closedAt.map(FakeTimestamp.gitlab))),
            ("closed_by", i.state == "closed" ? basicUser(i.assignees.first ?? i.author) : .null),
            ("labels", .array(i.labels.map { .string($0) })), ("milestone", .null), ("assignees", .array(i.assignees.map(basicUser))),
            ("author", basicUser(i.author)), ("type", .string("ISSUE")), ("assignee", i.assignees.first.map(basicUser) ?? .null),
            ("user_notes_count", .int(i.userNotesCount)), ("merge_requests_count", .int(0)), ("upvotes", .int(0)),
            ("downvotes", .int(0)), ("due_date", .null), ("confidential", .bool(false)), ("discussion_locked", .null),
            ("issue_type", .string("issue")), ("web_url", .string(i.webURL)),
            ("time_stats", .object([("time_estimate", .int(0)), ("total_time_spent", .int(0)), ("human_time_estimate", .null),
                                    ("human_total_time_spent", .null)])),
            ("task_completion_status", .object([("count", .int(0)), ("completed_count", .int(0))])),
            ("blocking_issues_count", .int(0)), ("has_tasks", .bool(false)),
            ("_links", .object([("self", .string(selfURL)), ("notes", .string("\(selfURL)/notes")),
                                ("award_emoji", .string("\(selfURL)/award_emoji")),
                                ("project", .string("\(api)/projects/\(i.projectID)")), ("closed_as_duplicate_of", .null)])),
            ("references", .object([("short", .string("#\(i.iid)")), ("relative", .string("#\(i.iid)")),
                                    ("full", .string("\(project?.pathWithNamespace ?? "")#\(i.iid)"))])),
            ("severity", .string("UNKNOWN")), ("moved_to_id", .null), ("service_desk_reply_to", .null),
        ])
    }
}
