import Fakes
import Foundation
import Schema
@testable import Resolvers

/// The three loopback fakes, a `ToolRuntime` configured against them over libcurl, and the
/// served schema: queries run through `Schema.execute` exactly as the server runs them.
final class ToolHarness: Sendable {
    let github: FakeToolServer
    let gitlab: FakeToolServer
    let jira: FakeToolServer
    let transport: CurlTransport
    let runtime: ToolRuntime
    let schema: GraphQLSchema
    let dataset: FakeDataset

    static let schemaDirectory = ToolSchemaFilesTests.directory

    private init(github: FakeToolServer, gitlab: FakeToolServer, jira: FakeToolServer, transport: CurlTransport,
                 runtime: ToolRuntime, schema: GraphQLSchema, dataset: FakeDataset) {
        self.github = github
        self.gitlab = gitlab
        self.jira = jira
        self.transport = transport
        self.runtime = runtime
        self.schema = schema
        self.dataset = dataset
    }

    /// Starts the fakes; `cacheTTL` zero so request counts see every call.
    static func start(dataset: FakeDataset = .standard, cacheTTL: Duration = .zero,
                      observer: (any UpstreamObserver)? = nil, cachePolicy: CachePolicy? = nil,
                      cacheStore: (any CacheStore)? = nil, clock: TestUnixClock? = nil) async throws -> ToolHarness {
        let github = try await FakeToolServer.start(.github, dataset: dataset)
        let gitlab = try await FakeToolServer.start(.gitlab, dataset: dataset)
        let jira = try await FakeToolServer.start(.jira, dataset: dataset)
        let endpoints = endpoints(github: github, gitlab: gitlab, jira: jira)
        let transport = CurlTransport()
        let policy = cachePolicy ?? (cacheTTL > .zero ? CachePolicy(defaultTTL: cacheTTL) : .off)
        let now: @Sendable () -> Double
        if let clock {
            now = { clock.now }
        } else {
            now = { Date().timeIntervalSince1970 }
        }
        let runtime = ToolRuntime(endpoints: endpoints, transport: transport, retry: .none, attemptTimeout: .seconds(5),
                                  cachePolicy: policy, cacheStore: cacheStore, observer: observer, now: now)
        let schema = try ToolSchema.load(directory: schemaDirectory, endpoints: endpoints)
        return ToolHarness(github: github, gitlab: gitlab, jira: jira, transport: transport, runtime: runtime,
                           schema: schema, dataset: dataset)
    }

    static func endpoints(github: FakeToolServer, gitlab: FakeToolServer, jira: FakeToolServer,
                          githubToken: String = FakeCredentials.githubToken) -> ToolEndpoints {
        ToolEndpoints(
            github: GitHubEndpoint(apiURL: github.apiURL, token: githubToken),
            gitlab: GitLabEndpoint(apiURL: gitlab.apiURL, token: FakeCredentials.gitlabToken),
            jira: JiraEndpoint(webURL: jira.apiURL, email: FakeCredentials.jiraEmail, token: FakeCredentials.jiraToken),
            codeReviews: true, ciCd: true, ticketing: true)
    }

    func stop() async {
        await github.stop()
        await gitlab.stop()
        await jira.stop()
        transport.shutdown()
    }

    /// Runs `query` and returns the whole response (`data`, `errors`) as a `Value`.
    func run(_ query: String, variables: [(String, Value)] = [], context: RequestContext? = nil) async throws -> Value {
        let document = try parse(Source(query))
        let errors = validate(schema: schema, document: document)
        guard errors.isEmpty else { throw GraphQLFieldError("invalid query: \(errors.map(\.message))") }
        let ctx = context ?? runtime.makeContext(deadline: .now + .seconds(20))
        let result = await execute(schema: schema, document: document, variableValues: ObjectValue(variables),
                                   context: ctx, resolvers: runtime.resolvers)
        return result.toValue()
    }

    func resetCounts() {
        github.resetRequestCounts()
        gitlab.resetRequestCounts()
        jira.resetRequestCounts()
    }
}

extension Value {
    /// Follows a path of object keys and list indices through a response (test helpers).
    subscript(resultPath keys: Any...) -> Value? {
        var v: Value? = self
        for k in keys {
            switch k {
            case let s as String: v = v?[s]
            case let i as Int:
                guard case .list(let l)? = v, i < l.count else { return nil }
                v = l[i]
            default: return nil
            }
        }
        return v
    }

    var items: [Value] { if case .list(let l) = self { return l } else { return [] } }
    var text: String? { if case .string(let s) = self { return s } else if case .enumValue(let s) = self { return s } else { return nil } }
}

func utc(_ date: Date) -> String { RFC3339.format(date) }

/// The messages and paths of a response's errors, short enough to read in a failed expectation.
func errorSummary(_ response: Value) -> [String] {
    (response["errors"]?.items ?? []).map { e in
        let path = (e["path"]?.items ?? []).map { $0.text ?? "\($0.intValue ?? -1)" }.joined(separator: ".")
        return "\(path): \(e["message"]?.text ?? "") \(e[resultPath: "extensions", "code"]?.text ?? "")"
    }
}
