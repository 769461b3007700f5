import Foundation

extension GitLabDataset {
    /// Group `hyperpage-demo` with 3 projects, 20 merge requests (opened, merged, closed, some
    /// drafts), 15 pipelines (5 per project) and 10 issues. The viewer `dana.demo` authors the
    /// even-indexed merge requests and is assigned to every third one.
    static func standard(clock: inout SampleClock) -> GitLabDataset {
        let viewer = GitLabUser(id: 4_100_001, username: "dana.demo", name: "Dana Demo")
        let others = [
            GitLabUser(id: 4_100_002, username: "sam.sample", name: "Sam Sample"),
            GitLabUser(id: 4_100_003, username: "ed.example", name: "Ed Example"),
            GitLabUser(id: 4_100_004, username: "tess.tester", name: "Tess Tester"),
        ]
        let specs: [(String, String, String)] = [
            ("Platform Gateway", "platform-gateway", "API gateway and auth proxy (sample data)"),
            ("Data Pipeline", "data-pipeline", "Event ingestion and nightly exports (sample data)"),
            ("Infra Terraform", "infra-terraform", "Cloud infrastructure as code (sample data)"),
        ]
        var projects: [GitLabProject] = []
        for (i, spec) in specs.enumerated() {
            projects.append(GitLabProject(
                id: 52_000_011 + i, name: spec.0, path: spec.1, namespaceID: 81_000_001, namespace: "hyperpage-demo",
                description: spec.2, defaultBranch: "main",
                createdAt: SampleClock.base.addingTimeInterval(-Double(300 + 45 * i) * day), lastActivityAt: clock.next()))
        }

        let mrTitles = [
            "Add JWT audience check", "Backfill March events", "Upgrade the Kubernetes provider", "Rotate gateway TLS certs",
            "Deduplicate late events", "Tag all S3 buckets with cost centre", "Per-tenant rate limits", "Parquet output for exports",
            "Move staging to the new VPC", "Return 429 with Retry-After", "Schema registry client", "Alerting on failed backups",
            "gRPC health checks", "Compact the event store weekly", "Spot instances for CI runners", "Trace ids in access logs",
            "Partition the clicks table", "Drop the unused NAT gateway", "Canary routing by header", "Retry poison messages later",
        ]
        var nextIID = [41, 17, 63]
        var mergeRequests: [GitLabMergeRequest] = []
        for i in 0..<20 {
            let p = projects[i % 3]
            let iid = nextIID[i % 3]
            nextIID[i % 3] += 1
            let merged = i % 4 == 1
            let closed = !merged && i % 6 == 5
            let opened = !merged && !closed
            let author = i % 2 == 0 ? viewer.username : others[i % 3].username
            let updated = clock.next()
            let created = updated.addingTimeInterval(-Double(3 + (i * 5) % 40) * hour - Double(i % 3) * day)
            let branch = "hp-\(iid)-" + mrTitles[i].lowercased().split(separator: " ").prefix(3).joined(separator: "-")
            let draft = opened && i % 5 == 2
            mergeRequests.append(GitLabMergeRequest(
                id: 310_000_001 + i, iid: iid, projectID: p.id, title: (draft ? "Draft: " : "") + mrTitles[i],
                description: "Sample merge request for the Hyperpage demo.", state: merged ? "merged" : (closed ? "closed" : "opened"),
                draft: draft, author: author, assignees: i % 3 == 0 ? [viewer.username] : [author],
                reviewers: author != viewer.username && i % 3 == 1 ? [viewer.username] : [others[(i + 1) % 3].username],
                sourceBranch: branch.filter { $0.isLetter || $0.isNumber || $0 == "-" }, targetBranch: "main",
                labels: i % 3 == 2 ? ["infra"] : (i % 3 == 0 ? ["feature"] : []), userNotesCount: (i * 2) % 9,
                sha: sampleSHA(2_000 + i), createdAt: created, updatedAt: updated,
                mergedAt: merged ? updated : nil, closedAt: closed ? updated : nil,
                webURL: "\(p.webURL)/-/merge_requests/\(iid)"))
        }

        let statuses = ["success", "failed", "running", "success", "canceled", "pending", "success", "skipped", "manual", "failed"]
        var pipelines: [GitLabPipeline] = []
        var nextPipelineIID = [880, 412, 97]
        for i in 0..<15 {
            let p = projects[i % 3]
            let iid = nextPipelineIID[i % 3]
            nextPipelineIID[i % 3] += 1
            let fromMR = i % 3 == 1
            let mr = mergeRequests.filter { $0.projectID == p.id }[i / 3 % 4]
            let updated = clock.next()
            let id = 1_290_000_001 + i
            pipelines.append(GitLabPipeline(
                id: id, iid: iid, projectID: p.id, status: statuses[i % statuses.count],
                ref: fromMR ? "refs/merge-requests/\(mr.iid)/head" : (i % 5 == 4 ? mr.sourceBranch : "main"),
                sha: sampleSHA(3_000 + i), source: fromMR ? "merge_request_event" : (i % 7 == 6 ? "schedule" : "push"),
                createdAt: updated.addingTimeInterval(-Double(240 + (i * 37) % 1_200)), updatedAt: updated,
                webURL: "\(p.webURL)/-/pipelines/\(id)"))
        }

        let issueTitles = [
            "Gateway returns 502 during deploys", "Document the export file format", "Terraform plan drifts on tags",
            "Events from EU tenants arrive late", "Add a runbook for cert rotation", "Nightly export misses the last hour",
            "Budget alert for the staging account", "Health check ignores the database", "Clarify data retention policy",
            "Flaky apply in the network module",
        ]
        var issues: [GitLabIssue] = []
        var nextIssueIID = [205, 88, 131]
        for i in 0..<10 {
            let p = projects[i % 3]
            let iid = nextIssueIID[i % 3]
            nextIssueIID[i % 3] += 1
            let closed = i % 3 == 2
            let updated = clock.next()
            issues.append(GitLabIssue(
                id: 150_000_001 + i, iid: iid, projectID: p.id, title: issueTitles[i],
                description: "Sample issue for the Hyperpage demo.", state: closed ? "closed" : "opened",
                author: i % 3 == 0 ? viewer.username : others[i % 3].username,
                assignees: i % 2 == 0 ? [viewer.username] : [others[(i + 2) % 3].username],
                labels: i % 2 == 0 ? ["bug"] : ["documentation"], userNotesCount: i % 4,
                createdAt: updated.addingTimeInterval(-Double(1 + i % 6) * day), updatedAt: updated,
                closedAt: closed ? updated : nil, webURL: "\(p.webURL)/-/issues/\(iid)"))
        }
        return GitLabDataset(viewer: viewer, users: [viewer] + others, projects: projects, mergeRequests: mergeRequests,
                             pipelines: pipelines, issues: issues)
    }
}

private let hour: TimeInterval = 3_600
private let day: TimeInterval = 86_400
