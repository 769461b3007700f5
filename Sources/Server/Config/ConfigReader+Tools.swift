/// The `tools` section: each tool's keys, the values an enabled tool requires, and the rule that
/// secrets come from the environment.
extension ConfigReader {
    static let toolsKeys = ["github", "gitlab", "jira", "code_reviews", "ci_cd", "ticketing"]
    static let gitHubKeys = ["enabled", "api_url", "token", "repositories", "service_token_fallback"]
    static let gitLabKeys = ["enabled", "api_url", "token", "projects", "service_token_fallback"]
    static let jiraKeys = ["enabled", "web_url", "email", "token", "default_jql", "service_token_fallback"]
    static let aggregateKeys = ["enabled"]

    mutating func readTools(_ m: ConfigMapping) -> HyperpageConfig.ToolsSection {
        var t = HyperpageConfig.ToolsSection()
        t.github = readGitHub(section(m, "github", allowedKeys: Self.gitHubKeys))
        t.gitlab = readGitLab(section(m, "gitlab", allowedKeys: Self.gitLabKeys))
        t.jira = readJira(section(m, "jira", allowedKeys: Self.jiraKeys))
        for (key, path) in [("code_reviews", \HyperpageConfig.ToolsSection.codeReviews), ("ci_cd", \.ciCd), ("ticketing", \.ticketing)] {
            let view = section(m, key, allowedKeys: Self.aggregateKeys)
            t[keyPath: path].enabled = bool(view, "enabled", default: false)
        }
        return t
    }

    mutating func readGitHub(_ m: ConfigMapping) -> HyperpageConfig.GitHubTool {
        var g = HyperpageConfig.GitHubTool()
        g.enabled = bool(m, "enabled", default: g.enabled)
        g.apiURL = apiURL(m, "api_url", enabled: g.enabled, default: g.apiURL)
        g.token = secret(m, "token", enabled: g.enabled, variable: "GITHUB_TOKEN")
        g.serviceTokenFallback = bool(m, "service_token_fallback", default: g.serviceTokenFallback)
        for item in list(m, "repositories") ?? [] {
            let parts = item.text.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 2, parts.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) {
                g.repositories.append(item.text)
            } else {
                report(mismatch(item, expected: "a repository as owner/name"), at: item.position)
            }
        }
        return g
    }

    mutating func readGitLab(_ m: ConfigMapping) -> HyperpageConfig.GitLabTool {
        var g = HyperpageConfig.GitLabTool()
        g.enabled = bool(m, "enabled", default: g.enabled)
        g.apiURL = apiURL(m, "api_url", enabled: g.enabled, default: g.apiURL)
        g.token = secret(m, "token", enabled: g.enabled, variable: "GITLAB_TOKEN")
        g.serviceTokenFallback = bool(m, "service_token_fallback", default: g.serviceTokenFallback)
        for item in list(m, "projects") ?? [] {
            let isID = !item.text.isEmpty && item.text.unicodeScalars.allSatisfy { (48...57).contains($0.value) }
            let parts = item.text.split(separator: "/", omittingEmptySubsequences: false)
            if isID || (parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && !$0.contains(" ") }) {
                g.projects.append(item.text)
            } else {
                report(mismatch(item, expected: "a project id or group/name path"), at: item.position)
            }
        }
        return g
    }

    mutating func readJira(_ m: ConfigMapping) -> HyperpageConfig.JiraTool {
        var j = HyperpageConfig.JiraTool()
        j.enabled = bool(m, "enabled", default: j.enabled)
        j.webURL = apiURL(m, "web_url", enabled: j.enabled, default: j.webURL)
        let email = scalar(m, "email", secret: true)
        if let email, !email.text.isEmpty {
            if email.text.contains("@") {
                j.email = email.text
            } else {
                report(mismatch(email, expected: "the Atlassian account's email address"), at: email.position)
            }
        } else if j.enabled {
            requireValue(m, "email", email, what: "an account email")
        }
        j.token = secret(m, "token", enabled: j.enabled, variable: "JIRA_API_TOKEN")
        j.serviceTokenFallback = bool(m, "service_token_fallback", default: j.serviceTokenFallback)
        if let jql = scalar(m, "default_jql") {
            if jql.text.isEmpty {
                report(mismatch(jql, expected: "a JQL query"), at: jql.position)
            } else {
                j.defaultJQL = jql.text
            }
        }
        return j
    }

    /// An absolute http(s) URL without credentials, query or fragment; required (non-empty) when
    /// the tool is enabled. Trailing slashes are kept here and trimmed in `toolEndpoints`.
    private mutating func apiURL(_ m: ConfigMapping, _ key: String, enabled: Bool, default value: String) -> String {
        guard let url = scalar(m, key) else {
            if enabled, value.isEmpty { requireValue(m, key, nil, what: "a URL") }
            return value
        }
        if url.text.isEmpty {
            if enabled { requireValue(m, key, url, what: "a URL") }
            return url.text
        }
        if let problem = Self.urlProblem(url.text, schemes: ["http", "https"]) {
            report(problem.hasPrefix("expected") ? mismatch(url, expected: String(problem.dropFirst("expected ".count))) : "\(url.keyPath): \(problem)",
                   at: url.position)
            return value
        }
        return url.text
    }

    /// A token: must come from the environment (a `${VAR}` reference, never literal text in the
    /// file), required when the tool is enabled. Never quoted back.
    private mutating func secret(_ m: ConfigMapping, _ key: String, enabled: Bool, variable: String) -> String {
        guard let token = scalar(m, key, secret: true) else {
            if enabled { requireValue(m, key, nil, what: "a token") }
            return ""
        }
        if token.substitution.references.isEmpty, !token.text.isEmpty {
            report("\(token.keyPath): secrets must come from the environment: write ${\(variable)} instead of the token", at: token.position)
            return ""
        }
        if token.text.isEmpty, enabled { requireValue(m, key, token, what: "a token") }
        return token.text
    }

    /// Reports that `key` of an enabled tool is missing or empty: at its (empty) `value`, naming
    /// the unset variable to blame, or at the tool's key when absent. A value that is present but
    /// unreadable (a list, a bad `${…}`) was reported already.
    private mutating func requireValue(_ m: ConfigMapping, _ key: String, _ value: ConfigScalar?, what: String) {
        let rule = "\(what) is required when \(m.keyPath) is enabled"
        if let value {
            if let reason = value.emptyBecause {
                report("\(value.keyPath): \(reason); \(rule)", at: value.position)
            } else {
                report("\(value.keyPath) is empty; \(rule)", at: value.position)
            }
        } else if m.values[key].map(Self.isNull) ?? true {
            report("\(m.path(key)) is missing; \(rule)", at: m.keyPositions[key] ?? m.position)
        }
    }
}
