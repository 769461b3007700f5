import Foundation

/// The part of GitHub's issue search syntax the fake understands: `is:`/`type:`, `state:`,
/// `draft:`, `involves:`, `author:`, `assignee:`, `mentions:`, `review-requested:`,
/// `reviewed-by:`, `repo:`, `org:`/`user:`, `label:` (`@me` is the viewer) and free words
/// (matched against title and body). Other qualifiers are ignored.
struct GitHubSearchQuery: Sendable {
    var qualifiers: [(key: String, value: String)] = []
    var words: [String] = []

    init(_ q: String) {
        for token in Self.tokens(q) {
            if let colon = token.firstIndex(of: ":"), colon != token.startIndex {
                let key = token[..<colon].lowercased()
                let value = String(token[token.index(after: colon)...]).trimmingCharacters(in: ["\""])
                qualifiers.append((key, value))
            } else {
                words.append(token.lowercased())
            }
        }
    }

    /// Whitespace-separated tokens; double quotes keep spaces inside a token.
    private static func tokens(_ q: String) -> [String] {
        var out: [String] = []
        var current = ""
        var quoted = false
        for ch in q {
            if ch == "\"" { quoted.toggle(); current.append(ch); continue }
            if ch.isWhitespace && !quoted {
                if !current.isEmpty { out.append(current); current = "" }
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    func matches(_ issue: GitHubIssue, in data: GitHubDataset) -> Bool {
        let viewer = data.viewer.login
        func login(_ v: String) -> String { v == "@me" ? viewer : v }
        func same(_ a: String, _ b: String) -> Bool { a.lowercased() == b.lowercased() }
        for (key, rawValue) in qualifiers {
            let value = rawValue.lowercased()
            let ok: Bool
            switch key {
            case "is", "type":
                switch value {
                case "pr", "pull-request": ok = issue.isPullRequest
                case "issue": ok = !issue.isPullRequest
                case "open": ok = issue.state == "open"
                case "closed": ok = issue.state == "closed"
                case "merged": ok = issue.isPullRequest && issue.isMerged
                case "unmerged": ok = issue.isPullRequest && !issue.isMerged && issue.state == "closed"
                case "draft": ok = issue.isDraft
                default: ok = true
                }
            case "state": ok = issue.state == value
            case "draft": ok = issue.isDraft == (value == "true")
            case "involves": ok = data.involves(issue, login: login(rawValue))
            case "author": ok = same(issue.author, login(rawValue))
            case "assignee": ok = issue.assignees.contains { same($0, login(rawValue)) }
            case "mentions": ok = issue.mentions.contains { same($0, login(rawValue)) }
            case "review-requested": ok = issue.requestedReviewers.contains { same($0, login(rawValue)) }
            case "reviewed-by":
                ok = data.reviews(repository: issue.repository, number: issue.number).contains { same($0.reviewer, login(rawValue)) }
            case "repo": ok = same(issue.repository, rawValue)
            case "org", "user": ok = issue.repository.lowercased().hasPrefix(value + "/")
            case "label": ok = issue.labels.contains { same($0, rawValue) }
            default: ok = true
            }
            if !ok { return false }
        }
        let text = (issue.title + " " + issue.body).lowercased()
        return words.allSatisfy { text.contains($0) }
    }
}
