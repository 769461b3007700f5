import Foundation

extension GitHubDataset {
    /// 3 repositories, 25 pull requests, 12 issues, reviews on about half the pull requests and
    /// 15 Actions runs. The viewer `dana-demo` is involved in all but 4 pull requests
    /// (index % 6 == 5) and all but 4 issues.
    static func standard(clock: inout SampleClock) -> GitHubDataset {
        let viewer = GitHubUser(id: 91_000_001, login: "dana-demo", name: "Dana Demo")
        let others = [
            GitHubUser(id: 91_000_002, login: "sam-sample", name: "Sam Sample"),
            GitHubUser(id: 91_000_003, login: "ed-example", name: "Ed Example"),
            GitHubUser(id: 91_000_004, login: "tess-tester", name: "Tess Tester"),
        ]
        let owner = "hyperpage-demo"
        let repoSpecs: [(String, String, String, Bool)] = [
            ("storefront", "Customer-facing web shop (sample data)", "TypeScript", false),
            ("payments-api", "Payment and refund service (sample data)", "Go", true),
            ("mobile-app", "iOS and Android shopping app (sample data)", "Swift", false),
        ]
        var repositories: [GitHubRepository] = []
        for (i, spec) in repoSpecs.enumerated() {
            let updated = clock.next()
            repositories.append(GitHubRepository(
                id: 710_000_101 + i, owner: owner, name: spec.0, description: spec.1, isPrivate: spec.3, defaultBranch: "main",
                language: spec.2, createdAt: SampleClock.base.addingTimeInterval(-Double(400 + 90 * i) * 86_400),
                updatedAt: updated, pushedAt: updated.addingTimeInterval(-1_800)))
        }

        let prTitles = [
            "Add checkout address autocomplete", "Retry idempotent refund calls", "Dark mode for the order history screen",
            "Cache product images at the edge", "Validate IBAN before payout", "Fix crash when the basket is empty",
            "Paginate the admin order list", "Move webhook secrets to the vault", "Offline mode for the wishlist",
            "Lazy-load recommendation carousel", "Expose refund status in the API", "Bump the Kotlin plugin",
            "Accessibility labels on the cart buttons", "Split the payments worker queue", "Deep links into product pages",
            "Show delivery estimate on product page", "Reconcile card settlements nightly", "Haptics on add-to-cart",
            "Remove the legacy coupon endpoint", "Rate-limit the login endpoint", "Sign in with passkeys",
            "Preload fonts to cut layout shift", "Structured logs for the ledger", "Snapshot tests for the receipt view",
            "Switch search to the new index",
        ]
        let branches = prTitles.map { title in
            "feature/" + title.lowercased().split(separator: " ").prefix(3).joined(separator: "-").filter { $0.isLetter || $0.isNumber || $0 == "-" }
        }
        var nextNumber = [14, 25, 36]
        var issues: [GitHubIssue] = []
        var reviews: [GitHubReview] = []
        var nextReviewID = 2_100_000_001
        let reviewBodies = ["Looks good to me.", "Please add a test for the empty case.", "A few nits, otherwise fine.", ""]
        let reviewStates = ["APPROVED", "CHANGES_REQUESTED", "COMMENTED"]

        for i in 0..<25 {
            let r = i % 3
            let repo = repositories[r].fullName
            let number = nextNumber[r]
            nextNumber[r] += 1
            let merged = i % 5 == 0
            let closedUnmerged = !merged && i % 7 == 3
            let open = !merged && !closedUnmerged
            let author = i % 3 == 0 ? viewer.login : others[i % 3].login
            let uninvolved = i % 6 == 5
            let updated = clock.next()
            let created = updated.addingTimeInterval(-Double(2 + (i * 7) % 30) * hour - Double(i % 4) * day)
            issues.append(GitHubIssue(
                id: 2_300_000_001 + i, repository: repo, number: number, title: prTitles[i],
                body: "Sample pull request for the Hyperpage demo.", state: open ? "open" : "closed", isPullRequest: true,
                isDraft: open && i % 4 == 1, author: author,
                assignees: i % 2 == 0 ? [viewer.login] : [],
                requestedReviewers: author != viewer.login && i % 3 == 1 && !uninvolved ? [viewer.login] : (author == viewer.login ? [others[i % 3].login] : []),
                mentions: [], labels: i % 4 == 2 ? ["bug"] : (i % 4 == 0 ? ["enhancement"] : []),
                comments: (i * 3) % 7, createdAt: created, updatedAt: updated,
                closedAt: open ? nil : updated, mergedAt: merged ? updated : nil, headBranch: branches[i]))

            // Reviews on odd-numbered and merged pull requests: the viewer reviews others' work
            // (unless uninvolved), someone else reviews the viewer's.
            guard i % 2 == 1 || merged else { continue }
            let reviewer = author == viewer.login || uninvolved ? others[(i + 1) % 3].login : viewer.login
            let count = merged ? 2 : 1
            for k in 0..<count {
                let state = merged && k == count - 1 ? "APPROVED" : reviewStates[(i + k) % 3]
                reviews.append(GitHubReview(
                    id: nextReviewID, repository: repo, pullNumber: number, reviewer: k == 0 ? reviewer : others[(i + 2) % 3].login,
                    state: state, body: reviewBodies[(i + k) % 4],
                    submittedAt: created.addingTimeInterval(Double(k + 1) * 1_500), commitID: sampleSHA(i * 10 + k)))
                nextReviewID += 1
            }
        }

        let issueTitles = [
            "Checkout button overlaps footer on small screens", "Refund webhook fires twice", "App icon blurry on iPad",
            "Document the sandbox card numbers", "Search ignores accented characters", "Payout report shows wrong currency",
            "Crash on launch with VoiceOver on", "Slow category page on cold cache", "Flaky settlement integration test",
            "Push notification opens the wrong tab", "Typo in the order confirmation e-mail", "Timeouts from the fraud check",
        ]
        for i in 0..<12 {
            let r = i % 3
            let number = nextNumber[r]
            nextNumber[r] += 1
            let closed = i % 4 == 3
            let updated = clock.next()
            let created = updated.addingTimeInterval(-Double(1 + i % 5) * day - Double(i) * hour)
            issues.append(GitHubIssue(
                id: 2_400_000_001 + i, repository: repositories[r].fullName, number: number, title: issueTitles[i],
                body: "Sample issue for the Hyperpage demo.", state: closed ? "closed" : "open", isPullRequest: false, isDraft: false,
                author: i % 4 == 0 ? viewer.login : others[(i + 1) % 3].login,
                assignees: i % 3 == 0 ? [viewer.login] : [others[i % 3].login], requestedReviewers: [],
                mentions: i % 4 == 1 ? [viewer.login] : [], labels: i % 2 == 0 ? ["bug"] : ["question"],
                comments: i % 5, createdAt: created, updatedAt: updated, closedAt: closed ? updated : nil, mergedAt: nil, headBranch: nil))
        }

        let runPattern: [(String, String?)] = [
            ("completed", "success"), ("completed", "failure"), ("in_progress", nil), ("completed", "success"), ("queued", nil),
            ("completed", "cancelled"), ("completed", "success"), ("completed", "skipped"),
        ]
        var runs: [GitHubWorkflowRun] = []
        var runNumbers = [[Int]](repeating: [212, 57], count: 3)
        for i in 0..<15 {
            let r = i % 3
            let deploy = i % 5 == 4
            let workflow = deploy ? 1 : 0
            let runNumber = runNumbers[r][workflow]
            runNumbers[r][workflow] += 1
            let (status, conclusion) = runPattern[i % runPattern.count]
            let updated = clock.next()
            let pr = issues.filter { $0.isPullRequest && $0.repository == repositories[r].fullName }[i / 3 % 3]
            let onMain = deploy || i % 2 == 0
            let created = updated.addingTimeInterval(-Double(180 + (i * 53) % 900))
            runs.append(GitHubWorkflowRun(
                id: 9_800_000_001 + i, repository: repositories[r].fullName, name: deploy ? "Deploy" : "CI",
                workflowID: 61_000_010 + r * 2 + workflow, path: deploy ? ".github/workflows/deploy.yml" : ".github/workflows/ci.yml",
                displayTitle: onMain ? "Merge pull request #\(pr.number)" : pr.title, runNumber: runNumber,
                event: deploy ? "workflow_dispatch" : (onMain ? "push" : "pull_request"),
                headBranch: onMain ? "main" : pr.headBranch ?? "main", headSHA: sampleSHA(1_000 + i), status: status,
                conclusion: conclusion, actor: i % 2 == 0 ? viewer.login : others[i % 3].login,
                createdAt: created, updatedAt: updated, runStartedAt: created.addingTimeInterval(4)))
        }
        return GitHubDataset(viewer: viewer, users: [viewer] + others, repositories: repositories, issues: issues,
                             reviews: reviews, workflowRuns: runs)
    }
}

private let hour: TimeInterval = 3_600
private let day: TimeInterval = 86_400
