import Foundation

extension JiraDataset {
    /// Projects WEB, PAY and MOB with 20 issues each (60, so a 50-issue page is followed by a
    /// second one). The viewer "Dana Demo" is the assignee of 55 of them (every index except
    /// i % 12 == 11); each issue has 1–3 change histories walking its status forward, the last
    /// one at the issue's `updated` time.
    static func standard(clock: inout SampleClock) -> JiraDataset {
        let viewer = JiraUser(accountID: "712020:0d9e4c2a-7b1f-4e8a-9c3d-5a1e0b2c0001", displayName: "Dana Demo",
                              email: FakeCredentials.jiraEmail)
        let others = [
            JiraUser(accountID: "712020:0d9e4c2a-7b1f-4e8a-9c3d-5a1e0b2c0002", displayName: "Sam Sample", email: "sam@hyperpage.dev"),
            JiraUser(accountID: "712020:0d9e4c2a-7b1f-4e8a-9c3d-5a1e0b2c0003", displayName: "Ed Example", email: "ed@hyperpage.dev"),
            JiraUser(accountID: "712020:0d9e4c2a-7b1f-4e8a-9c3d-5a1e0b2c0004", displayName: "Tess Tester", email: "tess@hyperpage.dev"),
        ]
        let projects = [
            JiraProject(id: "10001", key: "WEB", name: "Storefront Web"),
            JiraProject(id: "10002", key: "PAY", name: "Payments"),
            JiraProject(id: "10003", key: "MOB", name: "Mobile App"),
        ]
        let subjects = [
            "Improve error message for declined cards", "Track add-to-cart conversion", "Update privacy notice link",
            "Support partial refunds", "Reduce bundle size of the product page", "Localise the checkout into German",
            "Investigate duplicate order e-mails", "Add SLA dashboard for support", "Migrate feature flags to the new service",
            "Review accessibility audit findings", "Archive inactive merchant accounts", "Spike: offline-first basket",
            "Fix rounding in tax calculation", "Add audit trail for price changes", "Clean up unused analytics events",
            "Prepare release notes for 4.2", "Load test the promotions API", "Handle expired sessions gracefully",
            "Rename wallet to balance in the UI", "Alert when settlement file is late",
        ]
        let types = ["Story", "Bug", "Task"]
        let priorities = ["Medium", "High", "Low", "Highest", "Medium", "Lowest"]
        let statuses: [(String, JiraStatusCategory)] = [
            ("To Do", .toDo), ("In Progress", .inProgress), ("In Review", .inProgress), ("Done", .done),
        ]
        var issues: [JiraIssue] = []
        var changes: [JiraChange] = []
        var nextChangeID = 30_001
        for i in 0..<60 {
            let project = projects[i % 3]
            let number = i / 3 + 1
            let (status, category) = statuses[i % 4]
            let assignee: String? = i % 12 != 11 ? viewer.accountID : (i % 24 == 11 ? nil : others[i % 3].accountID)
            let reporter = i % 5 == 0 ? viewer : others[(i + 1) % 3]
            let updated = clock.next()
            let created = updated.addingTimeInterval(-Double(2 + (i * 11) % 20) * day - Double(i % 7) * hour)
            let id = String(10_100 + i)
            issues.append(JiraIssue(
                id: id, key: "\(project.key)-\(number)", projectKey: project.key,
                summary: subjects[(i + i / 20) % subjects.count], issueType: types[i % 3], status: status,
                statusCategory: category, priority: priorities[i % priorities.count], assigneeAccountID: assignee,
                reporterAccountID: reporter.accountID, labels: i % 4 == 1 ? ["customer"] : [], created: created, updated: updated))

            // Status steps taken so far; an issue still in To Do got a priority change instead.
            var steps: [[JiraChangeItem]] = []
            let path = ["To Do", "In Progress", "In Review", "Done"]
            let reached = i % 4
            for s in 0..<reached {
                steps.append([JiraChangeItem(field: "status", fromString: path[s], toString: path[s + 1])])
            }
            if steps.isEmpty {
                steps.append([JiraChangeItem(field: "priority", fromString: "Medium", toString: priorities[i % priorities.count])])
            }
            if i % 6 == 1 {
                let assigneeName = assignee.flatMap { a in ([viewer] + others).first { $0.accountID == a }?.displayName }
                steps[0].append(JiraChangeItem(field: "assignee", fromString: nil, toString: assigneeName))
            }
            let span = updated.timeIntervalSince(created)
            for (s, items) in steps.enumerated() {
                let at = s == steps.count - 1 ? updated : created.addingTimeInterval((span * Double(s + 1) / Double(steps.count + 1)).rounded())
                changes.append(JiraChange(id: String(nextChangeID), issueID: id,
                                          authorAccountID: s % 2 == 0 ? (assignee ?? reporter.accountID) : reporter.accountID,
                                          created: at, items: items))
                nextChangeID += 1
            }
        }
        return JiraDataset(viewer: viewer, users: [viewer] + others, projects: projects, issues: issues, changes: changes)
    }
}

private let hour: TimeInterval = 3_600
private let day: TimeInterval = 86_400
