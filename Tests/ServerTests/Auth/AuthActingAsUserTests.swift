import Fakes
import Foundation
import Resolvers
import Schema
import Testing
@testable import Server

/// Tool resolvers act as the signed-in user when the user connected the tool: the fake GitHub
/// sees the user's OAuth token; anonymous callers (and users who did not connect GitHub) are
/// served with the configuration's service token, from a separate cache scope.
@Suite struct AuthActingAsUserTests {
    @Test func theUpstreamSeesTheSignedInUsersToken() async throws {
        let github = try await FakeToolServer.start(.github)
        let h: AuthTestHarness
        do {
            h = try await AuthTestHarness.start { config in
                config.tools.github.enabled = true
                config.tools.github.apiURL = github.apiURL
                config.tools.github.token = FakeCredentials.githubToken
            }
        } catch {
            await github.stop()
            throw error
        }
        do {
            try await actingAsUser(h, github)
        } catch {
            await h.stop()
            await github.stop()
            throw error
        }
        await h.stop()
        await github.stop()
    }

    func actingAsUser(_ h: AuthTestHarness, _ github: FakeToolServer) async throws {
        let service = "Bearer \(FakeCredentials.githubToken)"
        let session = try await h.signIn(.github)
        let userToken = try #require(h.fake(.github).liveAccessTokens.first)
        let asUser = "Bearer \(userToken)"
        github.acceptCredentialHeader(asUser)

        let signedIn = try await h.graphql("{ github { viewer { login } } }", session: session)
        #expect(signedIn["errors"] == nil)
        #expect(signedIn["data"]?["github"]?["viewer"]?["login"] != nil)
        #expect(github.requestCount(credentialHeader: asUser) >= 1)
        #expect(github.requestCount(credentialHeader: service) == 0)

        // Anonymous: the service token, and not the user's cached answer.
        let userCalls = github.requestCount(credentialHeader: asUser)
        let anonymous = try await h.graphql("{ github { viewer { login } } }", session: nil)
        #expect(anonymous["errors"] == nil)
        #expect(github.requestCount(credentialHeader: service) >= 1)
        #expect(github.requestCount(credentialHeader: asUser) == userCalls)

        // A user who connected only GitLab gets the service token for GitHub.
        let gitlabOnly = try await h.signIn(.gitlab)
        github.resetRequestCounts()
        let other = try await h.graphql("{ github { issues { totalCount } } }", session: gitlabOnly)
        #expect(other["errors"] == nil)
        #expect(github.requestCount(credentialHeader: asUser) == 0)
        #expect(github.requestCount(credentialHeader: service) >= 1)
        // The token never reaches a log line or a response.
        #expect(!h.logs.all.contains { $0.contains(userToken) })
        #expect(!h.responses.contains { String(decoding: $0.body, as: UTF8.self).contains(userToken) })
    }
}
