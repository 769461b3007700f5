import Foundation

/// How requests to one tool authenticate. Secrets live only here and in the request headers
/// built from them; they never reach error messages or logs.
public enum UpstreamAuth: Sendable {
    case none
    /// `Authorization: Bearer TOKEN` (GitHub, GitLab OAuth / personal tokens).
    case bearer(String)
    /// `PRIVATE-TOKEN: TOKEN` (GitLab personal, project and group access tokens).
    case privateToken(String)
    /// `Authorization: Basic base64(user:password)` (Jira Cloud: email and API token).
    case basic(user: String, password: String)

    /// The header that carries the credential, if any.
    var header: (name: String, value: String)? {
        switch self {
        case .none:
            nil
        case .bearer(let token):
            (name: "Authorization", value: "Bearer \(token)")
        case .privateToken(let token):
            (name: "PRIVATE-TOKEN", value: token)
        case .basic(let user, let password):
            (name: "Authorization", value: "Basic \(Data("\(user):\(password)".utf8).base64EncodedString())")
        }
    }
}

extension UpstreamAuth: CustomStringConvertible {
    /// Names the scheme only, never the secret.
    public var description: String {
        switch self {
        case .none: "none"
        case .bearer: "bearer(<redacted>)"
        case .privateToken: "privateToken(<redacted>)"
        case .basic: "basic(<redacted>)"
        }
    }
}
