import Fakes
import Foundation
import Postgres
import Resolvers
import Schema
import Testing
@testable import Server

/// Jira acts as the signed-in Atlassian user: after a sign-in through the fake Atlassian, Jira
/// queries reach the fake Jira through the fake gateway (`/ex/jira/{cloud id}/…`) with the user's
/// Bearer token; users without a usable Atlassian connection get the service credential (HTTP
/// Basic); two Atlassian users never share cached answers; a refreshed token keeps working.
@Suite struct AuthJiraAsUserTests {
    static let cloudID = "11223344-aaaa-4bbb-8ccc-556677889900"
    static let serviceHeader = "Basic " + Data("\(FakeCredentials.jiraEmail):\(FakeCredentials.jiraToken)".utf8).base64EncodedString()
    static let issuesQuery = "{ jira { issues(first: 3) { nodes { key url } } } }"
    static var gatewayPrefix: String { "/ex/jira/\(cloudID)/" }

    /// A fake Jira, a harness whose Jira tool is that fake's site, and the fake Atlassian playing
    /// the gateway in front of it.
    func withJira(stores: AuthStoreSet? = nil, _ body: (AuthTestHarness, FakeToolServer) async throws -> Void) async throws {
        let jira = try await FakeToolServer.start(.jira)
        let h: AuthTestHarness
        do {
            h = try await AuthTestHarness.start(stores: stores) { config in
                config.tools.jira.enabled = true
                config.tools.jira.webURL = jira.baseURL
                config.tools.jira.email = FakeCredentials.jiraEmail
                config.tools.jira.token = FakeCredentials.jiraToken
            }
        } catch {
            await jira.stop()
            throw error
        }
        h.fake(.atlassian).attachJira(jira, cloudID: Self.cloudID)
        do {
            try await body(h, jira)
        } catch {
            await h.stop()
            await jira.stop()
            throw error
        }
        await h.stop()
        await jira.stop()
    }

    /// The fake Atlassian's live access tokens other than `known`.
    func newToken(_ h: AuthTestHarness, besides known: [String] = []) throws -> String {
        try #require(h.fake(.atlassian).liveAccessTokens.first { !known.contains($0) })
    }

    func noLeak(_ h: AuthTestHarness, _ tokens: [String]) {
        for token in tokens {
            #expect(!h.logs.all.contains { $0.contains(token) })
            #expect(!h.responses.contains { String(decoding: $0.body, as: UTF8.self).contains(token) })
        }
    }

    // MARK: Acting as the user

    @Test func jiraAnswersWithTheSignedInUsersToken() async throws { try await withJira(actingAsUser) }

    func actingAsUser(_ h: AuthTestHarness, _ jira: FakeToolServer) async throws {
        let session = try await h.signIn(.atlassian)
        let token = try newToken(h)
        let asUser = "Bearer \(token)"
        let answer = try await h.graphql("{ jira { viewer { login } issues(first: 3) { nodes { key url } } } }", session: session)
        #expect(answer["errors"] == nil, "\(answer)")
        #expect(answer["data"]?["jira"]?["viewer"]?["login"] != nil)
        let nodes = answer["data"]?["jira"]?["issues"]?["nodes"]
        guard case .list(let issues)? = nodes else { Issue.record("no issues: \(answer)"); return }
        #expect(!issues.isEmpty)
        // Links point at the site, not at the gateway.
        for issue in issues {
            guard case .string(let url)? = issue["url"] else { Issue.record("issue without url"); continue }
            #expect(url.hasPrefix(jira.baseURL + "/browse/"), "\(url)")
        }
        let paths = jira.requestPaths(credentialHeader: asUser)
        #expect(paths.contains(Self.gatewayPrefix + "rest/api/3/myself"), "\(paths)")
        #expect(paths.contains(Self.gatewayPrefix + "rest/api/3/search/jql"), "\(paths)")
        #expect(paths.allSatisfy { $0.hasPrefix(Self.gatewayPrefix) }, "\(paths)")
        #expect(jira.requestCount(credentialHeader: Self.serviceHeader) == 0)

        let viewer = try await h.graphql("{ viewer { connections { provider site unavailableReason } } }", session: session)
        #expect(viewer["data"]?["viewer"]?["connections"] == .list([.object(ObjectValue([
            ("provider", .string("ATLASSIAN")), ("site", .string(jira.baseURL)), ("unavailableReason", .null)]))]),
            "\(viewer)")
        // The site was looked up once, with the new token, at the sign-in.
        #expect(h.fake(.atlassian).events.filter { $0 == .resourcesServed }.count == 1)

        // Anonymous callers: the service credential on the site URL, not the user's cached answer.
        let anonymous = try await h.graphql(Self.issuesQuery, session: nil)
        #expect(anonymous["errors"] == nil, "\(anonymous)")
        #expect(jira.requestPaths(credentialHeader: Self.serviceHeader).contains("/rest/api/3/search/jql"))
        noLeak(h, [token])
    }

    @Test func aUserWithoutAtlassianGetsTheServiceCredential() async throws { try await withJira(withoutAtlassian) }

    func withoutAtlassian(_ h: AuthTestHarness, _ jira: FakeToolServer) async throws {
        let session = try await h.signIn(.github)
        let answer = try await h.graphql(Self.issuesQuery, session: session)
        #expect(answer["errors"] == nil, "\(answer)")
        #expect(jira.requestPaths(credentialHeader: Self.serviceHeader).contains("/rest/api/3/search/jql"))
        #expect(!jira.requestCounts().keys.contains { $0.hasPrefix("/ex/jira/") })
        // No Atlassian token was ever asked for sites.
        #expect(!h.fake(.atlassian).events.contains(.resourcesServed))
    }

    // MARK: Cache scopes

    @Test func twoAtlassianUsersNeverShareCacheEntries() async throws { try await withJira(twoUsers) }

    func twoUsers(_ h: AuthTestHarness, _ jira: FakeToolServer) async throws {
        let search = Self.gatewayPrefix + "rest/api/3/search/jql"
        let first = try await h.signIn(.atlassian)
        let tokenA = try newToken(h)
        #expect(try await h.graphql(Self.issuesQuery, session: first)["errors"] == nil)
        let callsA = jira.requestPaths(credentialHeader: "Bearer \(tokenA)").filter { $0 == search }.count
        #expect(callsA >= 1)
        // The same query again is answered from the cache: caching is on.
        #expect(try await h.graphql(Self.issuesQuery, session: first)["errors"] == nil)
        #expect(jira.requestPaths(credentialHeader: "Bearer \(tokenA)").filter { $0 == search }.count == callsA)

        // A second Atlassian account (another browser) asks the same: Jira sees its own token.
        h.fake(.atlassian).setUser(FakeOAuthUser(login: "second", numericID: 5151, name: "Second User", email: "second@hyperpage.dev"))
        let second = try await h.signIn(.atlassian)
        let tokenB = try newToken(h, besides: [tokenA])
        let answerB = try await h.graphql(Self.issuesQuery, session: second)
        #expect(answerB["errors"] == nil, "\(answerB)")
        #expect(jira.requestPaths(credentialHeader: "Bearer \(tokenB)").contains(search))
        #expect(jira.requestPaths(credentialHeader: "Bearer \(tokenA)").filter { $0 == search }.count == callsA)

        let ids = try await [first, second].asyncMap { session in
            try await h.graphql("{ viewer { id connections { login } } }", session: session)["data"]?["viewer"]
        }
        #expect(ids[0]?["id"] != ids[1]?["id"])
        #expect(ids[1]?["connections"] == .list([.object(ObjectValue([("login", .string("second"))]))]))
        noLeak(h, [tokenA, tokenB])
    }

    // MARK: No usable site

    @Test func noMatchingSiteIsReportedAndJiraUsesTheServiceCredential() async throws { try await withJira(noMatchingSite) }

    func noMatchingSite(_ h: AuthTestHarness, _ jira: FakeToolServer) async throws {
        h.fake(.atlassian).setAccessibleResources([
            FakeAtlassianSite(id: "cloud-other-1", url: "https://other-one.atlassian.net", name: "other-one"),
            FakeAtlassianSite(id: "cloud-other-2", url: "https://other-two.atlassian.net", name: "other-two"),
        ])
        let session = try await h.signIn(.atlassian)
        let viewer = try await h.graphql("{ viewer { connections { provider site unavailableReason } } }", session: session)
        #expect(viewer["errors"] == nil, "\(viewer)")
        guard case .list(let connections)? = viewer["data"]?["viewer"]?["connections"], let connection = connections.first else {
            Issue.record("no connection: \(viewer)")
            return
        }
        #expect(connection["provider"] == .string("ATLASSIAN"))
        #expect(connection["site"] == .null)
        guard case .string(let reason)? = connection["unavailableReason"] else {
            Issue.record("no reason: \(viewer)")
            return
        }
        #expect(reason.contains("did not grant access to the configured Jira site (\(jira.baseURL))"), "\(reason)")

        let answer = try await h.graphql(Self.issuesQuery, session: session)
        #expect(answer["errors"] == nil, "\(answer)")
        #expect(jira.requestPaths(credentialHeader: Self.serviceHeader).contains("/rest/api/3/search/jql"))
        #expect(!jira.requestCounts().keys.contains { $0.hasPrefix("/ex/jira/") })
    }

    // MARK: Refresh

    @Test func aRefreshedTokenKeepsWorking() async throws { try await withJira(refreshed) }

    func refreshed(_ h: AuthTestHarness, _ jira: FakeToolServer) async throws {
        let session = try await h.signIn(.atlassian)
        let old = try newToken(h)
        #expect(try await h.graphql(Self.issuesQuery, session: session)["errors"] == nil)
        #expect(jira.requestPaths(credentialHeader: "Bearer \(old)").contains(Self.gatewayPrefix + "rest/api/3/search/jql"))

        // An hour later the token is about to expire: the next query refreshes it first.
        h.clock.advance(seconds: 3600)
        let answer = try await h.graphql("{ jira { issues(jql: \"project = PAY\", first: 2) { nodes { key } } } }", session: session)
        #expect(answer["errors"] == nil, "\(answer)")
        #expect(h.fake(.atlassian).events.contains(.tokenIssued(grant: "refresh_token")))
        // The refresh retired the old token at the provider; the new one reaches the same site.
        #expect(h.fake(.atlassian).isRevoked(old))
        let new = try newToken(h, besides: [old])
        #expect(jira.requestPaths(credentialHeader: "Bearer \(new)").contains(Self.gatewayPrefix + "rest/api/3/search/jql"))
        #expect(jira.requestCount(credentialHeader: Self.serviceHeader) == 0)
        // The site was checked again with the new token.
        #expect(h.fake(.atlassian).events.filter { $0 == .resourcesServed }.count == 2)
        noLeak(h, [old, new])
    }
}

/// The site of an Atlassian connection in PostgreSQL (migration 0003): stored at sign-in, kept
/// through a refresh, and used for Jira queries.
@Suite struct PostgresJiraSiteTests {
    @Test func theSiteIsStoredAndSurvivesARefresh() async throws {
        try await StoreTestDatabase.run { database in
            let pool = try await PostgresAuthStoreTests.migratedPool(database)
            do {
                let stores = AuthStoreSet.make(database: pool, redis: nil, settings: HyperpageConfig().auth)
                try await AuthJiraAsUserTests().withJira(stores: stores) { h, jira in try await self.stored(h, jira, pool) }
            } catch {
                await pool.shutdown()
                throw error
            }
            await pool.shutdown()
        }
    }

    func siteColumns(_ pool: PostgresPool) async throws -> [String?] {
        let row = try #require(try await pool.query("""
            SELECT jira_cloud_id, jira_site_url, jira_site_problem FROM tool_connections WHERE provider = 'atlassian'
            """).rows.first)
        return [try row.decode("jira_cloud_id", as: String?.self), try row.decode("jira_site_url", as: String?.self),
                try row.decode("jira_site_problem", as: String?.self)]
    }

    func stored(_ h: AuthTestHarness, _ jira: FakeToolServer, _ pool: PostgresPool) async throws {
        let session = try await h.signIn(.atlassian)
        #expect(try await siteColumns(pool) == [AuthJiraAsUserTests.cloudID, jira.baseURL, nil])
        h.clock.advance(seconds: 3600)
        #expect(try await h.graphql(AuthJiraAsUserTests.issuesQuery, session: session)["errors"] == nil)
        #expect(h.fake(.atlassian).events.contains(.tokenIssued(grant: "refresh_token")))
        #expect(try await siteColumns(pool) == [AuthJiraAsUserTests.cloudID, jira.baseURL, nil])
        let token = try #require(h.fake(.atlassian).liveAccessTokens.first)
        #expect(jira.requestPaths(credentialHeader: "Bearer \(token)").contains(AuthJiraAsUserTests.gatewayPrefix + "rest/api/3/search/jql"))

        // A site that no longer matches (several sites, none configured) is recorded at the next refresh.
        h.fake(.atlassian).setAccessibleResources([
            FakeAtlassianSite(id: "cloud-x", url: "https://x.atlassian.net", name: "x"),
            FakeAtlassianSite(id: "cloud-y", url: "https://y.atlassian.net", name: "y"),
        ])
        h.clock.advance(seconds: 3600)
        #expect(try await h.graphql(AuthJiraAsUserTests.issuesQuery, session: session)["errors"] == nil)
        #expect(try await siteColumns(pool) == [nil, nil, "no_matching_site"])
    }
}

/// The fake gateway refuses what the real one refuses.
@Suite struct FakeAtlassianGatewayTests {
    @Test func unknownTokensAndCloudIDsAreRefused() async throws {
        let jira = try await FakeToolServer.start(.jira)
        let atlassian: FakeOAuthProvider
        do {
            atlassian = try await FakeOAuthProvider.start(.atlassian, client: FakeOAuthClient(clientID: "c", clientSecret: "s", redirectURI: "http://x/cb"))
        } catch {
            await jira.stop()
            throw error
        }
        atlassian.attachJira(jira, cloudID: "cloud-1")
        let client = CurlTransport()
        do {
            try await refusals(atlassian, jira, client)
        } catch {
            client.shutdown()
            await atlassian.stop()
            await jira.stop()
            throw error
        }
        client.shutdown()
        await atlassian.stop()
        await jira.stop()
    }

    func refusals(_ atlassian: FakeOAuthProvider, _ jira: FakeToolServer, _ client: CurlTransport) async throws {
        func get(_ url: String, _ authorization: String) async throws -> Int {
            try await client.perform(UpstreamRequest(url: url, headers: [("Authorization", authorization)]), timeout: .seconds(10)).status
        }
        let basic = AuthJiraAsUserTests.serviceHeader
        #expect(try await get(atlassian.baseURL + "/oauth/token/accessible-resources", "Bearer fake_unknown") == 401)
        #expect(try await get(atlassian.baseURL + "/ex/jira/cloud-1/rest/api/3/myself", "Bearer fake_unknown") == 401)
        #expect(try await get(jira.baseURL + "/ex/jira/cloud-1/rest/api/3/myself", "Bearer fake_unknown") == 401)
        // The service credential works on the site URL, not through the gateway.
        #expect(try await get(jira.baseURL + "/rest/api/3/myself", basic) == 200)
        #expect(try await get(jira.baseURL + "/ex/jira/cloud-1/rest/api/3/myself", basic) == 401)
        #expect(try await get(jira.baseURL + "/ex/jira/cloud-2/rest/api/3/myself", "Bearer fake_unknown") == 404)
        #expect(jira.requestPaths(credentialHeader: "Bearer fake_unknown").contains("/ex/jira/cloud-1/rest/api/3/myself"))
    }
}

/// Which site an Atlassian token is used on.
@Suite struct JiraSiteChoiceTests {
    static func site(_ id: String, _ url: String, scopes: [String] = ["read:jira-work"]) -> AtlassianResource {
        AtlassianResource(id: id, url: url, name: id, scopes: scopes)
    }

    @Test func theConfiguredSiteWinsWhateverItsSpelling() {
        let resources = [Self.site("a", "https://one.atlassian.net"), Self.site("b", "https://Acme.atlassian.net/")]
        #expect(AtlassianResource.choose(resources, configuredSite: "https://acme.atlassian.net") ==
            .site(cloudID: "b", url: "https://Acme.atlassian.net"))
    }

    @Test func theOnlyJiraSiteIsUsedWhenNoneMatches() {
        let resources = [Self.site("a", "https://one.atlassian.net"),
                         Self.site("c", "https://wiki.atlassian.net", scopes: ["read:confluence-content.all"])]
        #expect(AtlassianResource.choose(resources, configuredSite: "https://acme.atlassian.net") ==
            .site(cloudID: "a", url: "https://one.atlassian.net"))
    }

    @Test func severalOrNoSitesWithoutAMatchAreNoMatch() {
        let two = [Self.site("a", "https://one.atlassian.net"), Self.site("b", "https://two.atlassian.net")]
        #expect(AtlassianResource.choose(two, configuredSite: "https://acme.atlassian.net") == .unavailable(.noMatchingSite))
        #expect(AtlassianResource.choose([], configuredSite: "https://acme.atlassian.net") == .unavailable(.noMatchingSite))
        let confluence = [Self.site("c", "https://acme.atlassian.net", scopes: ["read:confluence-content.all"])]
        #expect(AtlassianResource.choose(confluence, configuredSite: "https://acme.atlassian.net") == .unavailable(.noMatchingSite))
    }
}

extension Array {
    /// `map` with an async transform, in order.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
