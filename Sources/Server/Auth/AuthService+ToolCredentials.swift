import Foundation
import Resolvers

/// Resolvers act as the signed-in user where the user connected the tool.
extension AuthService {
    /// The user's own access tokens for the tools they connected (GitHub, GitLab, and Jira
    /// through an Atlassian connection), refreshed when about to expire. A connection whose token
    /// cannot be used (tampered, key removed, refresh refused) is left out, so the tool answers
    /// with the configuration's service credential (what anonymous callers see): never more than
    /// the user could see without signing in. An Atlassian connection is used for Jira only when
    /// the Jira tool is enabled and the connection has a Jira site (`AuthService+JiraSite.swift`).
    public func toolCredentials(userID: String) async -> ToolCredentials {
        let connected: [ToolConnection]
        do { connected = try await connections.connections(userID: userID) } catch {
            logger.warning("The user's tool connections could not be read; using service tokens",
                           metadata: ["hyperpage.user": .string(userID)])
            return .none
        }
        var credentials = ToolCredentials()
        for connection in connected where clients[connection.provider] != nil {
            // Without the Jira tool, an Atlassian token has nothing to answer.
            if connection.provider == .atlassian && jiraSiteURL == nil { continue }
            let token: String
            do { token = try await accessToken(userID: userID, provider: connection.provider) } catch {
                logger.warning("A connected tool's token is unusable; using the service token", metadata: [
                    "hyperpage.user": .string(userID), "hyperpage.auth.provider": .string(connection.provider.rawValue),
                    "hyperpage.error.code": .string(error.code.rawValue)])
                continue
            }
            let credential = ToolCredentials.Credential(token: token, account: "\(connection.provider.rawValue):\(connection.accountID)")
            switch connection.provider {
            case .github: credentials.github = credential
            case .gitlab: credentials.gitlab = credential
            case .atlassian: credentials.jira = await jiraCredential(connection, token: token)
            }
        }
        return credentials
    }
}
