import Foundation
import Testing
import Fakes

@Suite struct FakeGitHubTests {
    let data = FakeDataset.standard.github
    let iso = ISO8601DateFormatter()

    @Test func userNeedsAToken() async throws {
        try await withFake(.github) { server in
            let missing = try await FakeTestClient.send(server.apiURL + "/user")
            #expect(missing.status == 401)
            #expect(missing.object["message"] as? String == "Bad credentials")
            #expect(missing.object["documentation_url"] is String)
            let wrong = try await FakeTestClient.send(server.apiURL + "/user", headers: ["Authorization": "Bearer ghp_wrong"])
            #expect(wrong.status == 401)

            for scheme in ["Bearer", "token"] {
                let ok = try await FakeTestClient.send(server.apiURL + "/user",
                                                       headers: ["Authorization": "\(scheme) \(FakeCredentials.githubToken)"])
                #expect(ok.status == 200)
                #expect(ok.object["login"] as? String == data.viewer.login)
                #expect(ok.object["id"] as? Int == data.viewer.id)
                #expect(ok.object["name"] as? String == data.viewer.name)
            }
        }
    }

    @Test func rateLimitHeadersCountDown() async throws {
        try await withFake(.github) { server in
            let first = try await FakeTestClient.send(server.apiURL + "/user", headers: FakeTestClient.githubAuth)
            let second = try await FakeTestClient.send(server.apiURL + "/user", headers: FakeTestClient.githubAuth)
            #expect(first.header("x-ratelimit-limit") == "5000")
            #expect(first.header("x-ratelimit-resource") == "core")
            #expect(first.header("x-ratelimit-used") == "1")
            #expect(Int(first.header("x-ratelimit-remaining") ?? "") == 4_999)
            #expect(Int(second.header("x-ratelimit-remaining") ?? "") == 4_998)
            let reset = Double(first.header("x-ratelimit-reset") ?? "") ?? 0
            #expect(reset > Date().timeIntervalSince1970)
            let search = try await FakeTestClient.send(server.apiURL + "/search/issues?q=is:pr", headers: FakeTestClient.githubAuth)
            #expect(search.header("x-ratelimit-resource") == "search")
            #expect(search.header("x-ratelimit-limit") == "30")
        }
    }

    @Test func searchFindsThePullRequestsTheViewerIsInvolvedIn() async throws {
        let expected = data.pullRequests.filter { data.involves($0, login: data.viewer.login) }.sorted { $0.updatedAt > $1.updatedAt }
        #expect(expected.count == 21)
        try await withFake(.github) { server in
            let q = "is:pr involves:\(data.viewer.login)".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            var url: String? = server.apiURL + "/search/issues?q=\(q)&per_page=10&sort=updated&order=desc"
            var seen: [Int] = []
            var pages = 0
            while let next = url {
                let page = try await FakeTestClient.send(next, headers: FakeTestClient.githubAuth)
                #expect(page.status == 200)
                #expect(page.object["total_count"] as? Int == expected.count)
                #expect(page.object["incomplete_results"] as? Bool == false)
                let items = page.object["items"] as? [[String: Any]] ?? []
                seen += items.compactMap { $0["id"] as? Int }
                let links = page.links
                switch pages {
                case 0: #expect(Set(links.keys) == ["next", "last"])
                case 1: #expect(Set(links.keys) == ["prev", "next", "last", "first"])
                default: #expect(Set(links.keys) == ["prev", "first"])
                }
                url = links["next"]
                pages += 1
            }
            #expect(pages == 3)
            #expect(seen == expected.map(\.id))
        }
    }

    @Test func pullRequestItemsHaveGitHubsShape() async throws {
        let merged = try #require(data.pullRequests.first { $0.isMerged })
        try await withFake(.github) { server in
            let q = "is:pr repo:\(merged.repository) is:merged".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let result = try await FakeTestClient.send(server.apiURL + "/search/issues?q=\(q)&per_page=100", headers: FakeTestClient.githubAuth)
            let items = result.object["items"] as? [[String: Any]] ?? []
            let item = try #require(items.first { $0["id"] as? Int == merged.id })
            #expect(item["number"] as? Int == merged.number)
            #expect(item["title"] as? String == merged.title)
            #expect(item["state"] as? String == "closed")
            #expect(item["html_url"] as? String == "https://github.com/\(merged.repository)/pull/\(merged.number)")
            #expect(item["repository_url"] as? String == "\(server.apiURL)/repos/\(merged.repository)")
            #expect(item["draft"] as? Bool == false)
            #expect(item["updated_at"] as? String == iso.string(from: merged.updatedAt))
            #expect(TimestampShape.github(item["created_at"] as? String))
            let pr = try #require(item["pull_request"] as? [String: Any])
            #expect(pr["merged_at"] as? String == iso.string(from: merged.mergedAt!))
            #expect(pr["url"] as? String == "\(server.apiURL)/repos/\(merged.repository)/pulls/\(merged.number)")
            #expect(pr["html_url"] as? String == merged.htmlURL)
            #expect((item["user"] as? [String: Any])?["login"] as? String == merged.author)
            #expect(items.allSatisfy { ($0["pull_request"] as? [String: Any]) != nil })
        }
    }

    @Test func searchFiltersIssuesByState() async throws {
        let expected = data.plainIssues.filter { $0.state == "open" && data.involves($0, login: data.viewer.login) }
        try await withFake(.github) { server in
            let q = "is:issue state:open involves:@me".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let result = try await FakeTestClient.send(server.apiURL + "/search/issues?q=\(q)&per_page=100", headers: FakeTestClient.githubAuth)
            let items = result.object["items"] as? [[String: Any]] ?? []
            #expect(Set(items.compactMap { $0["id"] as? Int }) == Set(expected.map(\.id)))
            #expect(items.allSatisfy { $0["pull_request"] == nil && $0["state"] as? String == "open" })
            #expect(result.header("link") == nil)

            let missing = try await FakeTestClient.send(server.apiURL + "/search/issues", headers: FakeTestClient.githubAuth)
            #expect(missing.status == 422)
        }
    }

    @Test func workflowRunsArePagedNewestFirst() async throws {
        let repo = data.repositories[0]
        let expected = data.workflowRuns.filter { $0.repository == repo.fullName }.sorted { $0.createdAt > $1.createdAt }
        try await withFake(.github) { server in
            let first = try await FakeTestClient.send(server.apiURL + "/repos/\(repo.fullName)/actions/runs?per_page=2&page=1",
                                                      headers: FakeTestClient.githubAuth)
            #expect(first.object["total_count"] as? Int == expected.count)
            let runs = first.object["workflow_runs"] as? [[String: Any]] ?? []
            #expect(runs.compactMap { $0["id"] as? Int } == expected.prefix(2).map(\.id))
            let run = try #require(runs.first)
            #expect(run["status"] as? String == expected[0].status)
            #expect(run["conclusion"] as? String == expected[0].conclusion)
            #expect(run["html_url"] as? String == expected[0].htmlURL)
            #expect(run["run_started_at"] as? String == iso.string(from: expected[0].runStartedAt))
            #expect((run["repository"] as? [String: Any])?["full_name"] as? String == repo.fullName)
            #expect(first.links["last"]?.contains("page=\((expected.count + 1) / 2)") == true)

            let unknown = try await FakeTestClient.send(server.apiURL + "/repos/hyperpage-demo/nope/actions/runs",
                                                        headers: FakeTestClient.githubAuth)
            #expect(unknown.status == 404)
            #expect(unknown.object["message"] as? String == "Not Found")
        }
    }

    @Test func reviewsAndRepositories() async throws {
        let review = try #require(data.reviews.first)
        let expected = data.reviews(repository: review.repository, number: review.pullNumber)
        try await withFake(.github) { server in
            let list = try await FakeTestClient.send(server.apiURL + "/repos/\(review.repository)/pulls/\(review.pullNumber)/reviews",
                                                     headers: FakeTestClient.githubAuth)
            #expect(list.array.compactMap { $0["id"] as? Int } == expected.map(\.id))
            #expect(list.array.first?["state"] as? String == expected.first?.state)
            #expect((list.array.first?["user"] as? [String: Any])?["login"] as? String == expected.first?.reviewer)

            let repos = try await FakeTestClient.send(server.apiURL + "/user/repos?sort=pushed&per_page=100",
                                                      headers: FakeTestClient.githubAuth)
            #expect(repos.array.compactMap { $0["full_name"] as? String }
                    == data.repositories.sorted { $0.pushedAt > $1.pushedAt }.map(\.fullName))
        }
    }
}
