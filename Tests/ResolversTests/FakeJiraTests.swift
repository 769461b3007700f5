import Foundation
import Testing
import Fakes

@Suite struct FakeJiraTests {
    let data = FakeDataset.standard.jira
    let fields = ["summary", "status", "priority", "assignee", "created", "updated", "project"]

    func search(_ server: FakeToolServer, _ body: [String: Any]) async throws -> FakeHTTPResult {
        try await FakeTestClient.send(server.apiURL + "/rest/api/3/search/jql", method: "POST", headers: FakeTestClient.jiraAuth, json: body)
    }

    @Test func myselfNeedsBasicAuth() async throws {
        try await withFake(.jira) { server in
            let missing = try await FakeTestClient.send(server.apiURL + "/rest/api/3/myself")
            #expect(missing.status == 401)
            #expect((missing.object["errorMessages"] as? [String])?.isEmpty == false)
            let wrong = "Basic " + Data("\(FakeCredentials.jiraEmail):nope".utf8).base64EncodedString()
            #expect(try await FakeTestClient.send(server.apiURL + "/rest/api/3/myself", headers: ["Authorization": wrong]).status == 401)
            let ok = try await FakeTestClient.send(server.apiURL + "/rest/api/3/myself", headers: FakeTestClient.jiraAuth)
            #expect(ok.status == 200)
            #expect(ok.object["accountId"] as? String == data.viewer.accountID)
            #expect(ok.object["displayName"] as? String == data.viewer.displayName)
        }
    }

    @Test func assignedIssuesComeInTwoPages() async throws {
        let expected = data.issues.filter { $0.assigneeAccountID == data.viewer.accountID }.sorted { $0.updated > $1.updated }
        #expect(expected.count == 55)
        try await withFake(.jira) { server in
            let jql = "assignee = currentUser() ORDER BY updated DESC"
            let first = try await search(server, ["jql": jql, "maxResults": 50, "fields": fields])
            #expect(first.status == 200)
            #expect(first.object["isLast"] as? Bool == false)
            let token = try #require(first.object["nextPageToken"] as? String)
            let second = try await search(server, ["jql": jql, "maxResults": 50, "fields": fields, "nextPageToken": token])
            #expect(second.object["isLast"] as? Bool == true)
            #expect(second.object["nextPageToken"] == nil)
            let issues = (first.object["issues"] as? [[String: Any]] ?? []) + (second.object["issues"] as? [[String: Any]] ?? [])
            #expect(issues.compactMap { $0["key"] as? String } == expected.map(\.key))

            let top = try #require(issues.first)
            #expect(top["id"] as? String == expected[0].id)
            #expect(top["self"] as? String == "\(server.apiURL)/rest/api/3/issue/\(expected[0].id)")
            let f = try #require(top["fields"] as? [String: Any])
            #expect(f["summary"] as? String == expected[0].summary)
            let status = try #require(f["status"] as? [String: Any])
            #expect(status["name"] as? String == expected[0].status)
            #expect((status["statusCategory"] as? [String: Any])?["key"] as? String == expected[0].statusCategory.key)
            #expect((f["priority"] as? [String: Any])?["name"] as? String == expected[0].priority)
            #expect((f["assignee"] as? [String: Any])?["accountId"] as? String == data.viewer.accountID)
            #expect(((f["assignee"] as? [String: Any])?["avatarUrls"] as? [String: Any])?["48x48"] is String)
            #expect((f["project"] as? [String: Any])?["key"] as? String == expected[0].projectKey)
            #expect(TimestampShape.jira(f["updated"] as? String))
            #expect(TimestampShape.jira(f["created"] as? String))
        }
    }

    @Test func jqlSubset() async throws {
        try await withFake(.jira) { server in
            let web = try await search(server, ["jql": "project = WEB", "maxResults": 100, "fields": ["summary"]])
            let webIssues = web.object["issues"] as? [[String: Any]] ?? []
            #expect(webIssues.compactMap { $0["key"] as? String }
                    == data.issues.filter { $0.projectKey == "WEB" }.sorted { $0.updated > $1.updated }.map(\.key))

            let two = try await search(server, ["jql": "project in (PAY, MOB) AND assignee = currentUser() ORDER BY updated DESC",
                                                "maxResults": 100, "fields": ["summary"]])
            let twoKeys = Set((two.object["issues"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String })
            #expect(twoKeys == Set(data.issues.filter { ["PAY", "MOB"].contains($0.projectKey) && $0.assigneeAccountID == data.viewer.accountID }.map(\.key)))

            // Fields the fake does not know filter nothing; results still newest first.
            let unknown = try await search(server, ["jql": "sprint in openSprints()", "maxResults": 100, "fields": ["key"]])
            #expect((unknown.object["issues"] as? [[String: Any]] ?? []).count == data.issues.count)

            let broken = try await search(server, ["jql": "project in (WEB, PAY", "fields": ["summary"]])
            #expect(broken.status == 400)
            #expect((broken.object["errorMessages"] as? [String])?.isEmpty == false)
            #expect(broken.object["errors"] is [String: Any])

            let noProject = try await search(server, ["jql": "project = NOPE", "fields": ["summary"]])
            #expect(noProject.status == 400)

            // The GET form reads the same parameters from the query string.
            let viaGet = try await FakeTestClient.send(server.apiURL + "/rest/api/3/search/jql?jql=project%20%3D%20WEB&fields=summary,status&maxResults=100",
                                                       headers: FakeTestClient.jiraAuth)
            let getIssues = viaGet.object["issues"] as? [[String: Any]] ?? []
            #expect(getIssues.compactMap { $0["key"] as? String } == webIssues.compactMap { $0["key"] as? String })
            #expect((getIssues.first?["fields"] as? [String: Any])?["status"] != nil)

            // Without `fields`, the enhanced search returns ids only.
            let bare = try await search(server, ["jql": "project = MOB", "maxResults": 5])
            let ids = bare.object["issues"] as? [[String: Any]] ?? []
            #expect(ids.count == 5)
            #expect(ids.allSatisfy { $0["id"] is String && $0["fields"] == nil })
        }
    }

    @Test func projectSearchTakesRepeatedOrCommaKeys() async throws {
        try await withFake(.jira) { server in
            for query in ["keys=WEB&keys=PAY", "keys=WEB,PAY"] {
                let result = try await FakeTestClient.send(server.apiURL + "/rest/api/3/project/search?\(query)",
                                                           headers: FakeTestClient.jiraAuth)
                let values = result.object["values"] as? [[String: Any]] ?? []
                #expect(values.compactMap { $0["key"] as? String } == ["PAY", "WEB"])
                #expect(values.first?["name"] as? String == data.project(key: "PAY")?.name)
                #expect(values.first?["id"] as? String == data.project(key: "PAY")?.id)
                #expect(result.object["total"] as? Int == 2)
                #expect(result.object["isLast"] as? Bool == true)
                #expect(result.object["startAt"] as? Int == 0)
            }
        }
    }

    @Test func bulkChangelogsPageOverHistories() async throws {
        let keys = ["WEB-1", "PAY-2", "MOB-4"]
        let issues = keys.compactMap { data.issue(idOrKey: $0) }
        let expected = issues.sorted { Int($0.id)! < Int($1.id)! }.flatMap { data.changes(issueID: $0.id) }
        #expect(expected.count >= 3)
        try await withFake(.jira) { server in
            var token: String?
            var seen: [String] = []
            var createdValues: [Int] = []
            repeat {
                var body: [String: Any] = ["issueIdsOrKeys": keys, "maxResults": 2]
                if let token { body["nextPageToken"] = token }
                let page = try await FakeTestClient.send(server.apiURL + "/rest/api/3/changelog/bulkfetch", method: "POST",
                                                         headers: FakeTestClient.jiraAuth, json: body)
                #expect(page.status == 200)
                for log in page.object["issueChangeLogs"] as? [[String: Any]] ?? [] {
                    #expect(log["issueId"] is String)
                    for history in log["changeHistories"] as? [[String: Any]] ?? [] {
                        seen.append(history["id"] as? String ?? "")
                        createdValues.append(history["created"] as? Int ?? -1)
                        #expect((history["items"] as? [[String: Any]])?.first?["field"] is String)
                    }
                }
                token = page.object["nextPageToken"] as? String
            } while token != nil
            #expect(seen == expected.map(\.id))
            #expect(createdValues == expected.map { Int($0.created.timeIntervalSince1970 * 1000) })
            #expect(server.requestCount("/rest/api/3/changelog/bulkfetch") == (expected.count + 1) / 2)

            let empty = try await FakeTestClient.send(server.apiURL + "/rest/api/3/changelog/bulkfetch", method: "POST",
                                                      headers: FakeTestClient.jiraAuth, json: ["issueIdsOrKeys": [String]()])
            #expect(empty.status == 400)
        }
    }
}
