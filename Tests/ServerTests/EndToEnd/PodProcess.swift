import Fakes
import Foundation
import Resolvers
import Schema
import Testing

/// One `hyperpage serve` process (a "pod") of the two-pod tests: the built binary, a YAML config
/// pointing at the fakes and at a shared Redis, GraphQL over loopback HTTP, SIGTERM to stop.
/// `@unchecked`: `Process` is not `Sendable`; a pod is only started, queried and stopped, and
/// `Process` itself is thread-safe for that.
final class PodProcess: @unchecked Sendable {
    let process: Process
    let port: Int
    let directory: URL
    private let client = CurlTransport()

    /// The tools a pod talks to (started in the test process) and the shared settings.
    struct Setup: Sendable {
        var github: FakeToolServer
        var gitlab: FakeToolServer
        var jira: FakeToolServer
        var redisURL: String
        var keySecret: String
        var githubToken = FakeCredentials.githubToken
    }

    /// The test Redis with database `database` selected: tests of this file use their own
    /// databases, so they never see each other's entries and need no `FLUSHDB`.
    static func redisURL(database: Int) throws -> String {
        guard let url = ProcessInfo.processInfo.environment["HYPERPAGE_TEST_REDIS_URL"], !url.isEmpty else {
            let message = "HYPERPAGE_TEST_REDIS_URL is not set: run the tests through scripts/with-test-services.sh"
            Issue.record(Comment(rawValue: message))
            throw PodError.setup(message)
        }
        var base = url
        if let slash = base.range(of: "/", options: .backwards), slash.lowerBound > base.index(base.startIndex, offsetBy: 8) {
            base = String(base[..<slash.lowerBound])
        }
        return base + "/\(database)"
    }

    static func start(_ setup: Setup) async throws -> PodProcess {
        guard let binary = ServeProcessTests.binary else {
            let message = "the hyperpage binary is not built (swift build)"
            Issue.record(Comment(rawValue: message))
            throw PodError.setup(message)
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hyperpage-pod-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let configFile = directory.appendingPathComponent("hyperpage.yaml")
        try """
            server: { host: 127.0.0.1, port: 0 }
            graphql: { schema_dir: "\(ServeProcessTests.packageRoot.appendingPathComponent("schema").path)" }
            cache: { redis_url: "${REDIS_URL}", key_secret: "${KEY_SECRET}" }
            tools:
              github: { enabled: true, api_url: "\(setup.github.apiURL)", token: "${GITHUB_TOKEN}" }
              gitlab: { enabled: true, api_url: "\(setup.gitlab.apiURL)", token: "${GITLAB_TOKEN}" }
              jira: { enabled: true, web_url: "\(setup.jira.apiURL)", email: "${JIRA_EMAIL}", token: "${JIRA_API_TOKEN}" }
              code_reviews: { enabled: true }
              ci_cd: { enabled: true }
              ticketing: { enabled: true }
            """.write(to: configFile, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--config", configFile.path]
        process.environment = [
            "GITHUB_TOKEN": setup.githubToken, "GITLAB_TOKEN": FakeCredentials.gitlabToken,
            "JIRA_EMAIL": FakeCredentials.jiraEmail, "JIRA_API_TOKEN": FakeCredentials.jiraToken,
            "REDIS_URL": setup.redisURL, "KEY_SECRET": setup.keySecret, "PATH": "/usr/bin:/bin",
        ]
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // The server prints its URL on stderr once it listens.
        var seen = ""
        let limit = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < limit, process.isRunning {
            seen += String(decoding: stderr.fileHandleForReading.availableData, as: UTF8.self)
            if let match = seen.firstMatch(of: /serving http:\/\/127\.0\.0\.1:(\d+)\/graphql/), let port = Int(match.1) {
                // Keep draining stderr so the pod never blocks on a full pipe.
                stderr.fileHandleForReading.readabilityHandler = { handle in _ = handle.availableData }
                return PodProcess(process: process, port: port, directory: directory)
            }
        }
        process.terminate()
        throw PodError.setup("the pod did not start: \(seen)")
    }

    private init(process: Process, port: Int, directory: URL) {
        self.process = process
        self.port = port
        self.directory = directory
    }

    /// POSTs `query` to the pod's `/graphql` and returns the parsed response document.
    func graphql(_ query: String) async throws -> Value {
        let body = JSONSerializer.serialize(.object(ObjectValue([("query", .string(query))])))
        let response = try await client.perform(UpstreamRequest(method: "POST", url: "http://127.0.0.1:\(port)/graphql",
                                                                headers: [("content-type", "application/json")], body: body),
                                                 timeout: .seconds(30))
        guard response.status == 200 else { throw PodError.http(response.status) }
        return try JSONParser.parse(bytes: response.body)
    }

    /// The pod's `/metrics` text.
    func metrics() async throws -> String {
        let response = try await client.perform(UpstreamRequest(method: "GET", url: "http://127.0.0.1:\(port)/metrics",
                                                                headers: [], body: nil), timeout: .seconds(10))
        return String(decoding: response.body, as: UTF8.self)
    }

    /// SIGTERM, then waits for the process to end (killing it after 30 s).
    func stop() async {
        client.shutdown()
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let limit = ContinuousClock.now + .seconds(30)
        while process.isRunning, ContinuousClock.now < limit { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: directory)
    }
}

enum PodError: Error, CustomStringConvertible {
    case setup(String)
    case http(Int)

    var description: String {
        switch self {
        case .setup(let message): message
        case .http(let status): "the pod answered HTTP \(status)"
        }
    }
}
