import Foundation
import Testing
import Fakes

@Suite struct FakeGitLabTests {
    let data = FakeDataset.standard.gitlab

    /// GitLab's timestamps: milliseconds and `Z`.
    func stamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }

    @Test func userNeedsAToken() async throws {
        try await withFake(.gitlab) { server in
            #expect(server.apiURL == server.baseURL + "/api/v4")
            let missing = try await FakeTestClient.send(server.apiURL + "/user")
            #expect(missing.status == 401)
            #expect(missing.object["message"] as? String == "401 Unauthorized")
            let wrong = try await FakeTestClient.send(server.apiURL + "/user", headers: ["PRIVATE-TOKEN": "glpat-wrong"])
            #expect(wrong.status == 401)
            for headers in [FakeTestClient.gitlabAuth, ["Authorization": "Bearer \(FakeCredentials.gitlabToken)"]] {
                let ok = try await FakeTestClient.send(server.apiURL + "/user", headers: headers)
                #expect(ok.status == 200)
                #expect(ok.object["username"] as? String == data.viewer.username)
                #expect(ok.object["id"] as? Int == data.viewer.id)
            }
        }
    }

    @Test func mergeRequestsArePagedWithOffsetHeaders() async throws {
        let expected = data.mergeRequests.filter { $0.state == "opened" }.sorted { $0.updatedAt > $1.updatedAt }
        try await withFake(.gitlab) { server in
            var url: String? = server.apiURL + "/merge_requests?scope=all&state=opened&per_page=4&order_by=updated_at"
            var seen: [Int] = []
            var page = 1
            let totalPages = (expected.count + 3) / 4
            while let next = url {
                let result = try await FakeTestClient.send(next, headers: FakeTestClient.gitlabAuth)
                #expect(result.status == 200)
                #expect(result.header("x-page") == String(page))
                #expect(result.header("x-per-page") == "4")
                #expect(result.header("x-total") == String(expected.count))
                #expect(result.header("x-total-pages") == String(totalPages))
                #expect((result.header("x-next-page") ?? "") == (page < totalPages ? String(page + 1) : ""))
                #expect((result.header("x-prev-page") ?? "") == (page > 1 ? String(page - 1) : ""))
                #expect(result.links["first"] != nil && result.links["last"] != nil)
                seen += result.array.compactMap { $0["id"] as? Int }
                url = result.links["next"]
                page += 1
            }
            #expect(page - 1 == totalPages)
            #expect(seen == expected.map(\.id))
        }
    }

    @Test func mergeRequestScopesAndShape() async throws {
        let viewer = data.viewer.username
        try await withFake(.gitlab) { server in
            let assigned = try await FakeTestClient.send(server.apiURL + "/merge_requests?scope=assigned_to_me&state=all&per_page=100",
                                                         headers: FakeTestClient.gitlabAuth)
            #expect(Set(assigned.array.compactMap { $0["id"] as? Int })
                    == Set(data.mergeRequests.filter { $0.assignees.contains(viewer) }.map(\.id)))
            // No scope: GitLab's default is the caller's own merge requests.
            let mine = try await FakeTestClient.send(server.apiURL + "/merge_requests?per_page=100", headers: FakeTestClient.gitlabAuth)
            #expect(Set(mine.array.compactMap { $0["id"] as? Int }) == Set(data.mergeRequests.filter { $0.author == viewer }.map(\.id)))

            let merged = try #require(data.mergeRequests.first { $0.state == "merged" })
            let list = try await FakeTestClient.send(server.apiURL + "/merge_requests?scope=all&state=merged&per_page=100",
                                                     headers: FakeTestClient.gitlabAuth)
            let item = try #require(list.array.first { $0["id"] as? Int == merged.id })
            #expect(item["iid"] as? Int == merged.iid)
            #expect(item["project_id"] as? Int == merged.projectID)
            #expect(item["web_url"] as? String == merged.webURL)
            #expect(item["updated_at"] as? String == stamp(merged.updatedAt))
            #expect(item["merged_at"] as? String == stamp(merged.mergedAt!))
            #expect((item["author"] as? [String: Any])?["username"] as? String == merged.author)
            #expect((item["references"] as? [String: Any])?["full"] as? String != nil)
            #expect(TimestampShape.gitlab(item["created_at"] as? String))
        }
    }

    @Test func projectsByIdOrPathAndTheirPipelines() async throws {
        let project = data.projects[1]
        let pipelines = data.pipelines.filter { $0.projectID == project.id }.sorted { $0.id > $1.id }
        try await withFake(.gitlab) { server in
            let list = try await FakeTestClient.send(server.apiURL + "/projects?membership=true&per_page=100",
                                                     headers: FakeTestClient.gitlabAuth)
            #expect(Set(list.array.compactMap { $0["id"] as? Int }) == Set(data.projects.map(\.id)))

            let encoded = project.pathWithNamespace.replacingOccurrences(of: "/", with: "%2F")
            for id in [String(project.id), encoded] {
                let one = try await FakeTestClient.send(server.apiURL + "/projects/\(id)", headers: FakeTestClient.gitlabAuth)
                #expect(one.status == 200)
                #expect(one.object["path_with_namespace"] as? String == project.pathWithNamespace)
                #expect(one.object["web_url"] as? String == project.webURL)
            }
            let runs = try await FakeTestClient.send(server.apiURL + "/projects/\(encoded)/pipelines?per_page=100",
                                                     headers: FakeTestClient.gitlabAuth)
            #expect(runs.array.compactMap { $0["id"] as? Int } == pipelines.map(\.id))
            #expect(runs.array.first?["status"] as? String == pipelines.first?.status)
            #expect(runs.array.first?["web_url"] as? String == pipelines.first?.webURL)

            let unknown = try await FakeTestClient.send(server.apiURL + "/projects/999", headers: FakeTestClient.gitlabAuth)
            #expect(unknown.status == 404)
            #expect(unknown.object["message"] as? String == "404 Project Not Found")
        }
    }

    @Test func issuesAndRateLimitHeaders() async throws {
        try await withFake(.gitlab) { server in
            let result = try await FakeTestClient.send(server.apiURL + "/issues?scope=all&state=opened&per_page=100",
                                                       headers: FakeTestClient.gitlabAuth)
            #expect(Set(result.array.compactMap { $0["id"] as? Int }) == Set(data.issues.filter { $0.state == "opened" }.map(\.id)))
            #expect(result.header("ratelimit-limit") == "2000")
            #expect(result.header("ratelimit-observed") == "1")
            #expect(result.header("ratelimit-remaining") == "1999")
            #expect(Double(result.header("ratelimit-reset") ?? "") ?? 0 > Date().timeIntervalSince1970)
        }
    }
}
