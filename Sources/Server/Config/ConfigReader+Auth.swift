/// The `auth` section (see `HyperpageConfig.AuthSection`).
extension ConfigReader {
    static let authKeys = ["public_url", "cookie_secure", "session_idle_timeout", "session_absolute_timeout", "providers", "admins"]
    static let authProviderNames = OAuthProviderName.allCases.map(\.rawValue)
    static let authProviderKeys = ["client_id", "client_secret", "authorize_url", "token_url", "api_url", "revoke_url", "scopes"]

    mutating func readAuth(_ m: ConfigMapping) -> HyperpageConfig.AuthSection {
        var a = HyperpageConfig.AuthSection()
        if let url = scalar(m, "public_url"), !url.text.isEmpty {
            if let problem = Self.urlProblem(url.text, schemes: ["http", "https"]) {
                report("\(url.keyPath): \(problem)", at: url.position)
            } else {
                a.publicURL = String(url.text.reversed().drop { $0 == "/" }.reversed())
            }
        }
        a.cookieSecure = bool(m, "cookie_secure", default: a.cookieSecure)
        a.sessionIdleTimeout = duration(m, "session_idle_timeout", default: a.sessionIdleTimeout)
        a.sessionAbsoluteTimeout = duration(m, "session_absolute_timeout", default: a.sessionAbsoluteTimeout)
        let providers = section(m, "providers", allowedKeys: Self.authProviderNames)
        a.github = readOAuthProvider(section(providers, "github", allowedKeys: Self.authProviderKeys), a.github)
        a.gitlab = readOAuthProvider(section(providers, "gitlab", allowedKeys: Self.authProviderKeys), a.gitlab)
        a.atlassian = readOAuthProvider(section(providers, "atlassian", allowedKeys: Self.authProviderKeys), a.atlassian)
        a.admins = readAdmins(m)
        return a
    }

    /// `auth.admins`: `provider:login` entries, lowercased (logins are case-insensitive at the
    /// three providers).
    private mutating func readAdmins(_ m: ConfigMapping) -> [String] {
        guard let items = list(m, "admins") else { return [] }
        var admins: [String] = []
        for item in items {
            let parts = item.text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, Self.authProviderNames.contains(parts[0].lowercased()),
                  !parts[1].trimmingCharacters(in: .whitespaces).isEmpty, !parts[1].contains(where: \.isWhitespace) else {
                report(mismatch(item, expected: "provider:login with provider one of \(Self.authProviderNames.joined(separator: ", ")) (e.g. github:octocat)"),
                       at: item.position)
                continue
            }
            admins.append(item.text.lowercased())
        }
        return admins
    }

    private mutating func readOAuthProvider(_ m: ConfigMapping,
                                            _ defaults: HyperpageConfig.OAuthProviderSection) -> HyperpageConfig.OAuthProviderSection {
        var p = defaults
        p.clientID = string(m, "client_id", default: "")
        if let secret = scalar(m, "client_secret", secret: true) {
            if secret.substitution.references.isEmpty, !secret.text.isEmpty {
                report("\(secret.keyPath): secrets must come from the environment: write ${\(p.provider.rawValue.uppercased())_CLIENT_SECRET} instead of the secret",
                       at: secret.position)
            } else {
                p.clientSecret = secret.text
            }
        }
        if !p.clientID.isEmpty, p.clientSecret.isEmpty {
            report("\(m.path("client_secret")) is missing or empty; a client secret is required when \(m.path("client_id")) is set",
                   at: m.keyPositions["client_secret"] ?? m.position)
        }
        for (key, path) in [("authorize_url", \HyperpageConfig.OAuthProviderSection.authorizeURL), ("token_url", \.tokenURL),
                            ("api_url", \.apiURL), ("revoke_url", \.revokeURL)] {
            guard let url = scalar(m, key), !url.text.isEmpty else { continue }
            if let problem = Self.urlProblem(url.text, schemes: ["http", "https"]) {
                report("\(url.keyPath): \(problem)", at: url.position)
            } else {
                p[keyPath: path] = String(url.text.reversed().drop { $0 == "/" }.reversed())
            }
        }
        if let scopes = list(m, "scopes") { p.scopes = scopes.map(\.text).filter { !$0.isEmpty } }
        return p
    }
}
