import Foundation
import Resolvers

/// Jira acting as the signed-in Atlassian user. An Atlassian OAuth 2.0 (3LO) token cannot call
/// the site URL Jira is configured with (`tools.jira.web_url`); it calls Atlassian's gateway,
/// `{auth.providers.atlassian.api_url}/ex/jira/{cloud id}/rest/api/3/…`. The cloud id of the
/// configured site is looked up with the token (`accessible-resources`) when the account is
/// connected and again at each refresh, and stored with the connection (`ToolConnection.jiraSite`).
extension AuthService {
    /// The site an Atlassian token is used on: the configured Jira site among those the token
    /// reaches, else the only Jira site it reaches (`AtlassianResource.choose`). When Atlassian
    /// does not answer, a site found before (`previous`) is kept, else the lookup is retried at the
    /// next refresh. Never throws: a connection without a site is still stored, and Jira answers
    /// that user with the service credential.
    func jiraSite(accessToken: String, previous: JiraSiteLink?) async -> JiraSiteLink {
        guard let configured = jiraSiteURL else { return .unavailable(.jiraNotEnabled) }
        guard let client = clients[.atlassian] else { return .unavailable(.lookupFailed) }
        let link: JiraSiteLink
        do {
            link = AtlassianResource.choose(try await client.accessibleResources(accessToken: accessToken), configuredSite: configured)
        } catch {
            logger.warning("The Jira sites of an Atlassian token could not be listed", metadata: [
                "hyperpage.auth.provider": .string(OAuthProviderName.atlassian.rawValue),
                "hyperpage.error.code": .string(error.code.rawValue)])
            if case .site? = previous, let previous { return previous }
            return .unavailable(.lookupFailed)
        }
        if case .unavailable(let problem) = link {
            logger.notice("An Atlassian account reaches no usable Jira site; Jira uses the service credential for it", metadata: [
                "hyperpage.auth.provider": .string(OAuthProviderName.atlassian.rawValue),
                "hyperpage.auth.jira_site_problem": .string(problem.rawValue)])
        }
        return link
    }

    /// The user's Jira access for a request, given their Atlassian `connection` and a usable
    /// access token of it. A connection never looked up (stored before the site was recorded, or
    /// while the Jira tool was off) is looked up now and the result stored; nil when no site is
    /// usable (the request then uses the service credential).
    func jiraCredential(_ connection: ToolConnection, token: String) async -> ToolCredentials.JiraCredential? {
        guard jiraSiteURL != nil, let client = clients[.atlassian] else { return nil }
        var current = connection
        // A refresh while getting `token` may have stored a new site: use what is stored now.
        if let reread = try? await connections.connection(userID: connection.userID, provider: .atlassian) { current = reread }
        if current.jiraSite == nil || current.jiraSite == .unavailable(.jiraNotEnabled) {
            var updated = current
            updated.jiraSite = await jiraSite(accessToken: token, previous: nil)
            _ = try? await connections.replace(updated, ifAccessTokenIs: current.accessToken)
            current = updated
        }
        guard case .site(let cloudID, let url)? = current.jiraSite else { return nil }
        return ToolCredentials.JiraCredential(
            credential: ToolCredentials.Credential(token: token, account: "\(OAuthProviderName.atlassian.rawValue):\(current.accountID)"),
            gatewayURL: AtlassianResource.trimmed(client.settings.apiURL), cloudID: cloudID, siteURL: url)
    }
}
