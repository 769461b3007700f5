import Fakes
import Foundation
import Resolvers
import Schema
import Testing

/// `hyperpage serve --config FILE` as an operator runs it: the built binary, a YAML file whose
/// secrets come from the environment, the fakes as the tools, and SIGTERM to stop it.
@Suite(.serialized) struct ServeProcessTests {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    static var binary: URL? {
        for configuration in ["debug", "release"] {
            let url = packageRoot.appendingPathComponent(".build/\(configuration)/hyperpage")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    @Test(.enabled(if: binary != nil, "needs the built hyperpage binary (swift build)"))
    func serveAnswersQueriesAndStopsGracefullyOnSIGTERM() async throws {
        let github = try await FakeToolServer.start(.github)
        let jira = try await FakeToolServer.start(.jira)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hyperpage-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let configFile = directory.appendingPathComponent("hyperpage.yaml")
        try """
            server: { host: 127.0.0.1, port: 0 }
            graphql: { schema_dir: "\(Self.packageRoot.appendingPathComponent("schema").path)" }
            tools:
              github: { enabled: true, api_url: "\(github.apiURL)", token: "${GITHUB_TOKEN}" }
              jira: { enabled: true, web_url: "\(jira.apiURL)", email: "${JIRA_EMAIL}", token: "${JIRA_API_TOKEN}" }
              ticketing: { enabled: true }
            """.write(to: configFile, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["serve", "--config", configFile.path]
        process.environment = ["GITHUB_TOKEN": FakeCredentials.githubToken, "JIRA_EMAIL": FakeCredentials.jiraEmail,
                               "JIRA_API_TOKEN": FakeCredentials.jiraToken, "PATH": "/usr/bin:/bin"]
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()

        // The server prints its URL on stderr once it listens.
        var seen = ""
        var port: Int?
        let limit = ContinuousClock.now + .seconds(30)
        while port == nil, ContinuousClock.now < limit, process.isRunning {
            let chunk = stderr.fileHandleForReading.availableData
            seen += String(decoding: chunk, as: UTF8.self)
            if let match = seen.firstMatch(of: /serving http:\/\/127\.0\.0\.1:(\d+)\/graphql/) { port = Int(match.1) }
        }
        let client = CurlTransport()
        defer { client.shutdown() }
        do {
            let port = try #require(port, "no URL on stderr: \(seen)")
            let body = JSONSerializer.serialize(.object(ObjectValue([("query", .string(
                "{ tools { slug } github { viewer { login } } tickets(first: 3) { totalCount nodes { source } } }"))])))
            let response = try await client.perform(UpstreamRequest(method: "POST", url: "http://127.0.0.1:\(port)/graphql",
                                                                    headers: [("content-type", "application/json")], body: body),
                                                     timeout: .seconds(20))
            #expect(response.status == 200)
            let json = try JSONParser.parse(bytes: response.body)
            #expect(json["errors"] == nil, "\(json)")
            #expect(json["data"]?["github"]?["viewer"]?["login"] == .string(FakeDataset.standard.github.viewer.login))
            // gitlab is not configured: its field is not in the schema.
            let slugs = json["data"]?["tools"].map { v -> [String] in
                guard case .list(let items) = v else { return [] }
                return items.compactMap { if case .string(let s)? = $0["slug"] { s } else { nil } }
            } ?? []
            #expect(slugs.contains("github") && slugs.contains("jira"))
        } catch {
            process.terminate()
            throw error
        }
        // SIGTERM: graceful shutdown, exit status 0.
        kill(process.processIdentifier, SIGTERM)
        let stopLimit = ContinuousClock.now + .seconds(30)
        while process.isRunning, ContinuousClock.now < stopLimit { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning)
        if process.isRunning { process.terminate() }
        #expect(process.terminationStatus == 0)
        await github.stop()
        await jira.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}
