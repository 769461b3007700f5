import Resolvers
import Schema

extension OAuthProviderClient {
    /// The sites an Atlassian token may call: `GET {api_url}/oauth/token/accessible-resources`
    /// with the token as `Bearer`, a JSON array of `{id, url, name, scopes, avatarUrl}`. Entries
    /// without an id or URL are skipped. The answer is read, never logged or echoed.
    func accessibleResources(accessToken: String) async throws(AuthError) -> [AtlassianResource] {
        let response = try await send(UpstreamRequest(url: settings.apiURL + "/oauth/token/accessible-resources",
                                                      headers: [("Accept", "application/json"),
                                                                ("Authorization", "Bearer " + accessToken)]))
        guard response.status == 200, case .list(let items)? = try? JSONParser.parse(bytes: response.body) else {
            throw AuthError(.providerUnavailable, "\(provider.rawValue) did not list the accessible sites (HTTP \(response.status)).")
        }
        return items.compactMap { item in
            guard case .string(let id)? = item["id"], !id.isEmpty, case .string(let url)? = item["url"], !url.isEmpty else { return nil }
            var name = ""
            if case .string(let n)? = item["name"] { name = n }
            var scopes: [String] = []
            if case .list(let list)? = item["scopes"] {
                scopes = list.compactMap { if case .string(let s) = $0 { s } else { nil } }
            }
            return AtlassianResource(id: id, url: url, name: name, scopes: scopes)
        }
    }
}
